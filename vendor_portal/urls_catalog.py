"""Listing pages: products, their variants and photos, bulk import and export."""

from django.urls import URLPattern, URLResolver, path

from vendor_portal import import_views, product_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("products/", product_views.product_list, name="product_list"),
    path("products/new/", product_views.product_create, name="product_create"),
    path("products/<int:product_id>/", product_views.product_edit, name="product_edit"),
    path(
        "products/<int:product_id>/duplicate/",
        product_views.product_duplicate,
        name="product_duplicate",
    ),
    path("products/<int:product_id>/status/", product_views.product_status, name="product_status"),
    path(
        "products/<int:product_id>/variants/",
        product_views.variant_create,
        name="variant_create",
    ),
    path("variants/<int:variant_id>/", product_views.variant_update, name="variant_update"),
    path("variants/<int:variant_id>/delete/", product_views.variant_delete, name="variant_delete"),
    path(
        "products/<int:product_id>/photos/",
        product_views.product_media_add,
        name="product_media_add",
    ),
    path(
        "photos/<int:media_id>/move/", product_views.product_media_move, name="product_media_move"
    ),
    path("photos/<int:media_id>/alt/", product_views.product_media_alt, name="product_media_alt"),
    path(
        "photos/<int:media_id>/delete/",
        product_views.product_media_delete,
        name="product_media_delete",
    ),
    path("import/", import_views.import_upload, name="import"),
    path("import/<int:import_id>/", import_views.import_job, name="import_job"),
    path(
        "import/template.<str:file_format>",
        import_views.import_template,
        name="import_template",
    ),
    path("products/export.<str:file_format>", import_views.export, name="export"),
]
