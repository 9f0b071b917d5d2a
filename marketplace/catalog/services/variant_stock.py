"""A variant as an artisan describes it in the portal: a size and a colour (words, not attribute
values), a price, a weight, an optional SKU and how many are in stock, saved as one."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.models import Product, ProductVariant
from marketplace.catalog.portal_selectors import sku_suggest
from marketplace.catalog.services.variants import variant_create, variant_update
from marketplace.inventory.services import location_default_for_vendor, stock_set


def variant_save_with_stock(
    *,
    product: Product,
    variant: ProductVariant | None = None,
    size: str,
    colour: str,
    price: Decimal | int | str,
    quantity: int,
    weight_grams: int | None = None,
    sku: str = "",
) -> ProductVariant:
    """Add a variant to `product` (`variant=None`) or change `variant`, and set its stock at the
    vendor's default stock location, all or nothing.

    `size` and `colour` become the variant's size/colour attribute values (a value not known yet
    is added to the attribute; an empty one is left out) and its name ("2 เมตร / แดง"). A new
    variant without a `sku` gets a free "K<product>-<n>"; an existing one keeps its SKU when none
    is given. `weight_grams=None` keeps the weight (0 for a new variant).

    Guarantees: one transaction, so a refused stock count leaves no new variant, no changed price
    and no new attribute value behind. Raises `CatalogError` for the variant's rules (see
    `variant_create` / `variant_update`: `SKU_TAKEN` on `sku`, `PRICE_NEGATIVE` / `INVALID` on
    `price`, `ATTRIBUTE_NOT_IN_PRODUCT_TYPE` on `attribute_values` when the product's type has no
    size/colour, …) and `InventoryError` on `quantity` (`INVALID_QUANTITY` below 0,
    `STOCK_BELOW_ALLOCATED` below the units already reserved for orders). Locking is that of the
    services it calls: the product row (a new variant), the variant row, then the stock row.
    A `variant` of another product is refused (`INVALID` on `variant`).
    """
    # Imported here: the import package uses these services, so a module-level import would be
    # circular. The size/colour vocabulary is shared with the sheet import on purpose.
    from marketplace.catalog.imports.choices import choice_values, variant_name

    if variant is not None and variant.product_id != product.pk:
        raise CatalogError(
            CatalogErrorCode.INVALID, _("This variant is not of this product."), field="variant"
        )
    with transaction.atomic():
        values = list(choice_values(sizes=[size], colours=[colour]).values())
        name = variant_name(size, colour)
        if variant is None:
            variant = variant_create(
                product=product,
                sku=sku or sku_suggest(product=product),
                price=price,
                name=name,
                attribute_values=values,
                weight_grams=weight_grams or 0,
            )
        else:
            variant = variant_update(
                variant=variant,
                sku=sku or None,
                price=price,
                name=name,
                attribute_values=values,
                weight_grams=weight_grams,
            )
        stock_set(
            variant=variant,
            location=location_default_for_vendor(vendor=product.vendor),
            quantity=quantity,
        )
        return variant
