"""Writes to the catalogue: categories, product types, attributes, products, variants, collections.

Every function runs in one transaction, validates (the rules below plus `full_clean` and the
database constraints) and raises `CatalogError` with a stable code and, where it fits, the field.
Images live in `marketplace.catalog.images`.

Slugs are made from the English name when there is one, else from the Thai name (Thai is kept
whole in slugs), and made unique with a numeric suffix ("pha-mai", "pha-mai-2"). A slug given
explicitly must be free, or the write is refused with `SLUG_TAKEN`.

One module per idea (`categories`, `attributes`, `products`, `variants`, `variant_stock` (a
variant with its size, colour and stock, as the portal saves it), `collections`, `sales` (units
sold), with what they share in `shared`); import the services from here:
`from marketplace.catalog.services import product_publish`.
"""

from marketplace.catalog.services.attributes import (
    attribute_create,
    attribute_value_create,
    product_type_create,
)
from marketplace.catalog.services.categories import category_create, category_move, category_update
from marketplace.catalog.services.collections import (
    collection_add_products,
    collection_create,
    collection_remove_products,
    collection_update,
)
from marketplace.catalog.services.products import (
    ProductRemoval,
    product_archive,
    product_create,
    product_delete,
    product_duplicate,
    product_publish,
    product_unpublish,
    product_update,
)
from marketplace.catalog.services.sales import (
    product_sales_count_refresh,
    product_sales_counts_repair,
)
from marketplace.catalog.services.variant_stock import variant_save_with_stock
from marketplace.catalog.services.variants import variant_create, variant_delete, variant_update

__all__ = [
    "ProductRemoval",
    "attribute_create",
    "attribute_value_create",
    "category_create",
    "category_move",
    "category_update",
    "collection_add_products",
    "collection_create",
    "collection_remove_products",
    "collection_update",
    "product_archive",
    "product_create",
    "product_delete",
    "product_duplicate",
    "product_publish",
    "product_sales_count_refresh",
    "product_sales_counts_repair",
    "product_type_create",
    "product_unpublish",
    "product_update",
    "variant_create",
    "variant_delete",
    "variant_save_with_stock",
    "variant_update",
]
