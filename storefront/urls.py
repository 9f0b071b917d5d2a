"""Shopper pages. Browsing (catalogue, search, SEO files) and buying (cart, checkout, orders,
account) live in two URL modules so that each stays small."""

from django.urls import include, path

app_name = "storefront"
urlpatterns = [
    path("", include("storefront.urls_shop")),
    path("", include("storefront.urls_browse")),
]
