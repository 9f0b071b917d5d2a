"""Artisan pages under /vendor/. Listings and imports in one module; onboarding, orders, money
and the dashboard in the other."""

from django.urls import include, path

app_name = "vendor_portal"
urlpatterns = [
    path("", include("vendor_portal.urls_shop")),
    path("", include("vendor_portal.urls_catalog")),
]
