from django.urls import URLPattern, URLResolver, path

from storefront import browse_views as views
from storefront import seo

# Product, category and collection slugs may be Thai (`<str:…>`: anything but a slash).
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggestions, name="search_suggest"),
    path("category/<str:slug>/", views.category, name="category"),
    path("product/<str:slug>/", views.product, name="product"),
    path("shop/<slug:slug>/", views.vendor, name="vendor"),
    path("collection/<str:slug>/", views.collection, name="collection"),
    path("district/<str:code>/", views.district, name="district"),
    path("sitemap.xml", seo.sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", seo.sitemap_section, name="sitemap_section"),
    path("robots.txt", seo.robots_txt, name="robots"),
]
