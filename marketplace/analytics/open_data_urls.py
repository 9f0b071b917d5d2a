from django.urls import path

from marketplace.analytics import views

app_name = "open_data"

urlpatterns = [
    path("", views.open_data_index, name="index"),
    path("catalog.jsonld", views.open_data_catalog, name="catalog"),
    path("<str:slug>/<str:name>", views.open_data_file, name="file"),
]
