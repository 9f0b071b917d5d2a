from django.urls import path

from marketplace.analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.report, name="report"),
    path("export.csv", views.export, {"extension": "csv"}, name="export_csv"),
    path("export.xlsx", views.export, {"extension": "xlsx"}, name="export_xlsx"),
]
