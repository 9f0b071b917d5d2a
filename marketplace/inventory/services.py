"""Writes to stock: vendor locations, stock levels, allocation for orders.

These functions are the only code that changes `Stock` rows. Each runs in one transaction and
locks the rows it changes (`SELECT … FOR UPDATE`, in id order, so that two writers never wait for
each other in a circle). The database constraints (quantity ≥ 0, 0 ≤ allocated ≤ quantity) are
the last line; the services refuse first, with an `InventoryError` that says what is wrong.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import ProductVariant
from marketplace.inventory.errors import InventoryError, InventoryErrorCode
from marketplace.inventory.models import Stock, StockLocation
from marketplace.municipalities.models import Subdistrict
from marketplace.municipalities.selectors import location_validate
from marketplace.vendors.models import Vendor
from search.tasks import stocks_index


@dataclass(frozen=True)
class StockAllocation:
    """Units of a variant taken from (or given back to) one stock row."""

    stock_id: int
    location_id: int
    variant_id: int
    quantity: int


def _full_clean(instance: StockLocation | Stock) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        field, errors = next(iter(error.error_dict.items()))
        first = errors[0]
        raise InventoryError(
            InventoryErrorCode.INVALID,
            first.message,
            field=None if field == NON_FIELD_ERRORS else field,
            params=dict(first.params or {}),
        ) from error


# --- locations ----------------------------------------------------------------------------------


def location_create(
    *,
    vendor: Vendor,
    name: str,
    district_code: str,
    subdistrict_code: str,
    postal_code: str,
    address: str = "",
    is_default: bool | None = None,
) -> StockLocation:
    """Add a place where the vendor keeps goods.

    The district, subdistrict and postal code must agree (`PlaceError` from
    `municipalities.selectors.location_validate`, naming the field). The vendor's first location
    is its default; making another the default unsets the previous one.
    """
    with transaction.atomic():
        # Serialises default-location changes of one vendor.
        Vendor.objects.select_for_update().filter(pk=vendor.pk).first()
        subdistrict = location_validate(
            district_code=district_code, subdistrict_code=subdistrict_code, postal_code=postal_code
        )
        has_locations = StockLocation.objects.filter(vendor_id=vendor.pk).exists()
        default = (not has_locations) if is_default is None else is_default
        location = StockLocation(
            vendor=vendor,
            name=name.strip(),
            address=address.strip(),
            district_id=subdistrict.district_id,
            subdistrict=subdistrict,
            postal_code=postal_code.strip(),
            is_default=default,
        )
        _full_clean(location)
        if default:
            StockLocation.objects.filter(vendor_id=vendor.pk, is_default=True).update(
                is_default=False
            )
        location.save()
        return location


def location_update(
    *,
    location: StockLocation,
    name: str | None = None,
    address: str | None = None,
    district_code: str | None = None,
    subdistrict_code: str | None = None,
    postal_code: str | None = None,
    is_default: bool | None = None,
) -> StockLocation:
    """Change a location; arguments left None stay as they are. Places are validated together
    (a new subdistrict must be in the district, the postal code must serve it). Setting
    `is_default=True` unsets the vendor's other default."""
    with transaction.atomic():
        Vendor.objects.select_for_update().filter(pk=location.vendor_id).first()
        location = StockLocation.objects.select_for_update().get(pk=location.pk)
        if name is not None:
            location.name = name.strip()
        if address is not None:
            location.address = address.strip()
        if district_code is not None or subdistrict_code is not None or postal_code is not None:
            subdistrict = location_validate(
                district_code=district_code or location.district_id,
                subdistrict_code=subdistrict_code or location.subdistrict_id,
                postal_code=postal_code if postal_code is not None else location.postal_code,
            )
            location.district_id = subdistrict.district_id
            location.subdistrict = subdistrict
            location.postal_code = (postal_code or location.postal_code).strip()
        if is_default is not None:
            if is_default:
                StockLocation.objects.filter(vendor_id=location.vendor_id, is_default=True).exclude(
                    pk=location.pk
                ).update(is_default=False)
            location.is_default = is_default
        _full_clean(location)
        location.save()
        return location


def location_default_for_vendor(*, vendor: Vendor) -> StockLocation:
    """The vendor's default stock location: where the portal, the product import and the API
    count stock when no location is named.

    The location marked default, else the vendor's oldest location. A vendor without any location
    gets one named "Shop" at its own registered address (its district and subdistrict, its postal
    code or else the subdistrict's first one), through `location_create`, so the same place rules
    hold. The vendor row is locked first, so two concurrent first calls make one location.
    """
    with transaction.atomic():
        Vendor.objects.select_for_update().filter(pk=vendor.pk).first()
        location = (
            StockLocation.objects.filter(vendor_id=vendor.pk).order_by("-is_default", "pk").first()
        )
        if location is not None:
            return location
        subdistrict = Subdistrict.objects.get(pk=vendor.subdistrict_id)
        return location_create(
            vendor=vendor,
            name=str(_("Shop")),
            district_code=vendor.district_id,
            subdistrict_code=vendor.subdistrict_id,
            postal_code=vendor.postal_code or (subdistrict.postal_codes or [""])[0],
        )


# --- stock levels -------------------------------------------------------------------------------


def _check_location_of_vendor(*, variant: ProductVariant, location: StockLocation) -> None:
    vendor_id = ProductVariant.objects.filter(pk=variant.pk).values_list(
        "product__vendor_id", flat=True
    )[0]
    if location.vendor_id != vendor_id:
        raise InventoryError(
            InventoryErrorCode.LOCATION_OF_OTHER_VENDOR,
            _("This location belongs to another vendor."),
            field="location",
        )


def _locked_stock(*, variant: ProductVariant, location: StockLocation) -> Stock:
    """The stock row of variant at location, locked; created (empty) when there is none."""
    for _attempt in range(2):
        stock = (
            Stock.objects.select_for_update()
            .filter(variant_id=variant.pk, location_id=location.pk)
            .first()
        )
        if stock is not None:
            return stock
        try:
            with transaction.atomic():
                return Stock.objects.create(variant_id=variant.pk, location_id=location.pk)
        except IntegrityError:
            # A concurrent writer created it first; lock theirs.
            continue
    raise InventoryError(InventoryErrorCode.INVALID, _("The stock row is busy; try again."))


def _quantity(value: int, *, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InventoryError(
            InventoryErrorCode.INVALID_QUANTITY, _("Enter a whole number of units."), field=field
        )
    return value


def stock_set(*, variant: ProductVariant, location: StockLocation, quantity: int) -> Stock:
    """Set the units of `variant` at `location` (the vendor's count after a stock-take).

    Refuses a negative quantity (`INVALID_QUANTITY`), a location of another vendor
    (`LOCATION_OF_OTHER_VENDOR`) and a quantity below the units already allocated to orders
    (`STOCK_BELOW_ALLOCATED`). Creates the stock row when there is none.
    """
    quantity = _quantity(quantity, field="quantity")
    if quantity < 0:
        raise InventoryError(
            InventoryErrorCode.INVALID_QUANTITY,
            _("A stock quantity cannot be negative."),
            field="quantity",
        )
    with transaction.atomic():
        _check_location_of_vendor(variant=variant, location=location)
        stock = _locked_stock(variant=variant, location=location)
        if quantity < stock.quantity_allocated:
            raise InventoryError(
                InventoryErrorCode.STOCK_BELOW_ALLOCATED,
                _(
                    "%(allocated)s units are reserved for orders; the quantity cannot be lower "
                    "than that."
                ),
                field="quantity",
                params={"allocated": stock.quantity_allocated},
            )
        stock.quantity = quantity
        stock.save(update_fields=["quantity", "updated_at"])
        transaction.on_commit(partial(stocks_index.delay, [stock.pk]))
        return stock


def _counted(quantities: Mapping[int, int]) -> dict[int, int]:
    wanted = {key: _quantity(quantity, field="quantity") for key, quantity in quantities.items()}
    if any(quantity < 0 for quantity in wanted.values()):
        raise InventoryError(
            InventoryErrorCode.INVALID_QUANTITY,
            _("A stock quantity cannot be negative."),
            field="quantity",
        )
    return wanted


def _set_counted(counts: Mapping[tuple[int, int], int], *, reindex: bool) -> list[Stock]:
    """Set (variant id, location id) → quantity, inside the caller's transaction, once the
    caller has checked that variants and locations are of one vendor."""
    # Empty rows first (a concurrent writer's new row is kept), then every row locked alike.
    Stock.objects.bulk_create(
        [Stock(variant_id=v, location_id=loc) for v, loc in sorted(counts)], ignore_conflicts=True
    )
    variant_ids = {variant_id for variant_id, _loc in counts}
    location_ids = {location_id for _v, location_id in counts}
    stocks = [
        stock
        for stock in Stock.objects.select_for_update()
        .filter(variant_id__in=variant_ids, location_id__in=location_ids)
        .order_by("pk")
        if (stock.variant_id, stock.location_id) in counts
    ]
    now = timezone.now()
    for stock in stocks:
        quantity = counts[(stock.variant_id, stock.location_id)]
        if quantity < stock.quantity_allocated:
            raise InventoryError(
                InventoryErrorCode.STOCK_BELOW_ALLOCATED,
                _(
                    "%(allocated)s units are reserved for orders; the quantity cannot be "
                    "lower than that."
                ),
                field="quantity",
                params={
                    "allocated": stock.quantity_allocated,
                    "variant_id": stock.variant_id,
                    "location_id": stock.location_id,
                },
            )
        stock.quantity = quantity
        stock.updated_at = now
    Stock.objects.bulk_update(stocks, ["quantity", "updated_at"])
    if reindex:
        transaction.on_commit(partial(stocks_index.delay, [s.pk for s in stocks]))
    return stocks


def _other_vendor() -> InventoryError:
    return InventoryError(
        InventoryErrorCode.LOCATION_OF_OTHER_VENDOR,
        _("This location belongs to another vendor."),
        field="location",
    )


def stock_set_bulk(
    *, location: StockLocation, quantities: Mapping[int, int], reindex: bool = True
) -> list[Stock]:
    """Set the units of many variants (variant id → quantity) at one location, all or none: the
    bulk form of `stock_set` (a product-sheet import, a stock count of a whole shop), with its
    rules and a constant number of queries whatever the number of variants.

    Refuses a quantity that is not a whole number of 0 or more (`INVALID_QUANTITY`), a variant
    that is not of the location's vendor (`LOCATION_OF_OTHER_VENDOR`) and a quantity below the
    units allocated to orders (`STOCK_BELOW_ALLOCATED`, with `variant_id` and `allocated` in
    `params`); nothing is changed then. Missing stock rows are created, and every row is locked
    (`SELECT … FOR UPDATE`, in id order) before it is changed, like allocation, so a concurrent
    checkout either sees the new quantities or has its allocation counted. The products are
    re-indexed once the change commits, unless `reindex=False` (a caller that re-indexes these
    products itself, as the import does once per chunk). Returns the stock rows, in id order.
    """
    wanted = _counted(quantities)
    if not wanted:
        return []
    with transaction.atomic():
        own = ProductVariant.objects.filter(pk__in=wanted, product__vendor_id=location.vendor_id)
        if own.count() != len(wanted):
            raise _other_vendor()
        counts = {(variant_id, location.pk): q for variant_id, q in wanted.items()}
        return _set_counted(counts, reindex=reindex)


def stock_set_at_locations(
    *, variant: ProductVariant, quantities: Mapping[StockLocation, int]
) -> list[Stock]:
    """Set the units of one variant at several of its vendor's locations (location → quantity),
    all or none; the same rules, errors and locking as `stock_set_bulk`. Returns the rows set,
    in id order."""
    wanted = _counted({location.pk: q for location, q in quantities.items()})
    if not wanted:
        return []
    with transaction.atomic():
        vendor_id = ProductVariant.objects.filter(pk=variant.pk).values_list(
            "product__vendor_id", flat=True
        )[0]
        if any(location.vendor_id != vendor_id for location in quantities):
            raise _other_vendor()
        counts = {(variant.pk, location_id): q for location_id, q in wanted.items()}
        return _set_counted(counts, reindex=True)


def stock_adjust(*, variant: ProductVariant, location: StockLocation, delta: int) -> Stock:
    """Add (`delta` > 0) or remove (`delta` < 0) units of `variant` at `location`.

    Never takes the quantity below zero (`STOCK_BELOW_ZERO`) or below the units allocated to
    orders (`STOCK_BELOW_ALLOCATED`); refuses a location of another vendor.
    """
    delta = _quantity(delta, field="delta")
    with transaction.atomic():
        _check_location_of_vendor(variant=variant, location=location)
        stock = _locked_stock(variant=variant, location=location)
        new_quantity = stock.quantity + delta
        if new_quantity < 0:
            raise InventoryError(
                InventoryErrorCode.STOCK_BELOW_ZERO,
                _("Only %(quantity)s units are in stock; you cannot remove %(removed)s."),
                field="delta",
                params={"quantity": stock.quantity, "removed": -delta},
            )
        if new_quantity < stock.quantity_allocated:
            raise InventoryError(
                InventoryErrorCode.STOCK_BELOW_ALLOCATED,
                _(
                    "%(allocated)s of the %(quantity)s units are reserved for orders; you can "
                    "remove at most %(removable)s."
                ),
                field="delta",
                params={
                    "allocated": stock.quantity_allocated,
                    "quantity": stock.quantity,
                    "removable": stock.quantity - stock.quantity_allocated,
                },
            )
        stock.quantity = new_quantity
        stock.save(update_fields=["quantity", "updated_at"])
        transaction.on_commit(partial(stocks_index.delay, [stock.pk]))
        return stock


# --- allocation ---------------------------------------------------------------------------------


def _lock_own_stocks(variant_ids: Sequence[int]) -> dict[int, list[Stock]]:
    """Lock the stock rows of the variants at their own vendor's locations, in id order; return
    them per variant, in location id order (the order units are taken in)."""
    stocks = list(
        Stock.objects.select_for_update(of=("self",))
        .filter(variant_id__in=variant_ids, location__vendor_id=F("variant__product__vendor_id"))
        .order_by("pk")
    )
    per_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in sorted(stocks, key=lambda s: s.location_id):
        per_variant[stock.variant_id].append(stock)
    return per_variant


def _save_allocated(stocks: list[Stock]) -> None:
    now = timezone.now()
    for stock in stocks:
        stock.updated_at = now
    Stock.objects.bulk_update(stocks, ["quantity_allocated", "updated_at"])


def _requested(lines: Sequence[tuple[ProductVariant, int]]) -> dict[int, int]:
    requested: dict[int, int] = defaultdict(int)
    for variant, quantity in lines:
        quantity = _quantity(quantity, field="quantity")
        if quantity <= 0:
            raise InventoryError(
                InventoryErrorCode.INVALID_QUANTITY,
                _("The quantity must be at least 1."),
                field="quantity",
            )
        requested[variant.pk] += quantity
    return requested


def stock_allocate_lines(*, lines: Sequence[tuple[ProductVariant, int]]) -> list[StockAllocation]:
    """Reserve units for several variants at once (a checkout with several lines), all or none.

    Locks every stock row involved in one statement, in id order, so that concurrent checkouts
    serialise instead of deadlocking and can never allocate more than exists. Units are taken from
    the vendor's locations in location id order. Raises `INSUFFICIENT_STOCK` (with `variant_id`,
    `sku`, `requested` and `available` in `params`) for the first variant that falls short.
    """
    requested = _requested(lines)
    with transaction.atomic():
        per_variant = _lock_own_stocks(sorted(requested))
        allocations: list[StockAllocation] = []
        changed: list[Stock] = []
        for variant_id, quantity in requested.items():
            stocks = per_variant.get(variant_id, [])
            available = sum(s.quantity_available for s in stocks)
            if available < quantity:
                sku = next((v.sku for v, _q in lines if v.pk == variant_id), "")
                raise InventoryError(
                    InventoryErrorCode.INSUFFICIENT_STOCK,
                    _("Only %(available)s of “%(sku)s” left; %(requested)s requested."),
                    field="quantity",
                    params={
                        "variant_id": variant_id,
                        "sku": sku,
                        "requested": quantity,
                        "available": available,
                    },
                )
            remaining = quantity
            for stock in stocks:
                taken = min(remaining, stock.quantity_available)
                if taken <= 0:
                    continue
                stock.quantity_allocated += taken
                changed.append(stock)
                allocations.append(
                    StockAllocation(
                        stock_id=stock.pk,
                        location_id=stock.location_id,
                        variant_id=variant_id,
                        quantity=taken,
                    )
                )
                remaining -= taken
                if remaining == 0:
                    break
        _save_allocated(changed)
        transaction.on_commit(partial(stocks_index.delay, [s.pk for s in changed]))
        return allocations


def stock_allocate(*, variant: ProductVariant, quantity: int) -> list[StockAllocation]:
    """Reserve `quantity` units of `variant` for an order; see `stock_allocate_lines`."""
    return stock_allocate_lines(lines=[(variant, quantity)])


def stock_deallocate(*, variant: ProductVariant, quantity: int) -> list[StockAllocation]:
    """Give back `quantity` reserved units of `variant` (a cancelled or expired order).

    Releases from the vendor's locations in location id order, under the same locks as
    allocation. Refuses to release more than is allocated (`DEALLOCATE_MORE_THAN_ALLOCATED`).
    """
    requested = _requested([(variant, quantity)])[variant.pk]
    with transaction.atomic():
        stocks = _lock_own_stocks([variant.pk]).get(variant.pk, [])
        allocated = sum(s.quantity_allocated for s in stocks)
        if allocated < requested:
            raise InventoryError(
                InventoryErrorCode.DEALLOCATE_MORE_THAN_ALLOCATED,
                _(
                    "Only %(allocated)s units of “%(sku)s” are reserved; %(requested)s cannot be "
                    "released."
                ),
                field="quantity",
                params={
                    "variant_id": variant.pk,
                    "sku": variant.sku,
                    "allocated": allocated,
                    "requested": requested,
                },
            )
        released: list[StockAllocation] = []
        remaining = requested
        for stock in stocks:
            given_back = min(remaining, stock.quantity_allocated)
            if given_back <= 0:
                continue
            stock.quantity_allocated -= given_back
            released.append(
                StockAllocation(
                    stock_id=stock.pk,
                    location_id=stock.location_id,
                    variant_id=variant.pk,
                    quantity=given_back,
                )
            )
            remaining -= given_back
            if remaining == 0:
                break
        released_ids = {r.stock_id for r in released}
        _save_allocated([s for s in stocks if s.pk in released_ids])
        transaction.on_commit(partial(stocks_index.delay, sorted(released_ids)))
        return released


# --- fulfilment of placed orders (written for the orders domain) -------------------------------


def _locked_stocks_by_id(stock_ids: Sequence[int]) -> dict[int, Stock]:
    return {
        stock.pk: stock
        for stock in Stock.objects.select_for_update().filter(pk__in=stock_ids).order_by("pk")
    }


@transaction.atomic
def stock_fulfil(*, allocations: Sequence[tuple[int, int]]) -> None:
    """A parcel left: each (stock id, quantity) reserved for it leaves the stock for good
    (quantity and allocated both drop). Rows are locked in id order, like allocation."""
    stocks = _locked_stocks_by_id(sorted({stock_id for stock_id, _q in allocations}))
    for stock_id, quantity in allocations:
        stock = stocks[stock_id]
        if quantity > stock.quantity_allocated:
            raise InventoryError(
                InventoryErrorCode.DEALLOCATE_MORE_THAN_ALLOCATED,
                _("Only %(allocated)s units are reserved; cannot ship %(requested)s."),
                field="quantity",
                params={"allocated": stock.quantity_allocated, "requested": quantity},
            )
        stock.quantity -= quantity
        stock.quantity_allocated -= quantity
    now = timezone.now()
    for stock in stocks.values():
        stock.updated_at = now
    transaction.on_commit(partial(stocks_index.delay, sorted(stocks)))
    Stock.objects.bulk_update(
        list(stocks.values()), ["quantity", "quantity_allocated", "updated_at"]
    )


@transaction.atomic
def stock_release(*, allocations: Sequence[tuple[int, int]]) -> None:
    """An order part was cancelled: each (stock id, quantity) reserved for it is on sale again."""
    stocks = _locked_stocks_by_id(sorted({stock_id for stock_id, _q in allocations}))
    for stock_id, quantity in allocations:
        stock = stocks[stock_id]
        stock.quantity_allocated = max(0, stock.quantity_allocated - quantity)
    transaction.on_commit(partial(stocks_index.delay, sorted(stocks)))
    _save_allocated(list(stocks.values()))
