"""Changes to a cart. Each service runs in one transaction and leaves the cart unchanged on error.

Completion lives in `checkout.complete` (it is the one place that turns a cart into an order).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.catalog.models import ProductStatus, ProductVariant
from marketplace.checkout.addresses import address_clean
from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.models import Checkout, CheckoutDelivery, CheckoutLine
from marketplace.core.money import quantize
from marketplace.inventory.selectors import variants_quantity_available
from marketplace.shipping.errors import ShippingError
from marketplace.shipping.selectors import delivery_methods_for_vendors, delivery_price
from marketplace.vendors.models import VendorStatus

# One line may hold at most this many units: more is a typo or an abuse, not a shopper.
MAX_LINE_QUANTITY = 100
MAX_LINES = 100


@dataclass(frozen=True)
class LineInput:
    variant_id: int
    quantity: int


@transaction.atomic
def checkout_create(
    *,
    user: User | None = None,
    email: str = "",
    lines: Iterable[LineInput] = (),
    language_code: str = "th",
) -> Checkout:
    """A new cart, optionally with lines; a signed-in shopper's e-mail is filled in."""
    email = email.strip().lower() or (user.email if user else "")
    if email:
        _validate_email(email)
    checkout = Checkout.objects.create(
        user=user,
        email=email,
        language_code=language_code if language_code in {"th", "en"} else "th",
    )
    lines = list(lines)
    if lines:
        _lines_add(checkout=checkout, lines=lines)
    return checkout


@transaction.atomic
def checkout_lines_add(*, checkout: Checkout, lines: Iterable[LineInput]) -> Checkout:
    """Add units; adding a variant already in the cart adds to its quantity."""
    checkout = _lock(checkout)
    _lines_add(checkout=checkout, lines=list(lines))
    return checkout


@transaction.atomic
def checkout_lines_update(*, checkout: Checkout, lines: Iterable[LineInput]) -> Checkout:
    """Set quantities; 0 removes the line. The line takes the current price (the shopper has
    now seen it)."""
    checkout = _lock(checkout)
    items = _merge_inputs(list(lines), allow_zero=True)
    existing = {line.variant_id: line for line in checkout.lines.select_related("variant")}
    to_set = {variant_id: qty for variant_id, qty in items.items() if qty > 0}
    variants = _available_variants(to_set)
    _check_stock(variants, to_set)
    for variant_id, quantity in items.items():
        line = existing.get(variant_id)
        if quantity == 0:
            if line is not None:
                line.delete()
            continue
        variant = variants[variant_id]
        if line is None:
            CheckoutLine.objects.create(
                checkout=checkout,
                variant=variant,
                quantity=quantity,
                price_when_added=quantize(variant.price),
            )
        else:
            line.quantity = quantity
            line.price_when_added = quantize(variant.price)
            line.save(update_fields=["quantity", "price_when_added"])
    _check_line_count(checkout)
    _drop_deliveries_of_absent_vendors(checkout)
    _touch(checkout)
    return checkout


@transaction.atomic
def checkout_lines_delete(*, checkout: Checkout, line_ids: Iterable[int]) -> Checkout:
    checkout = _lock(checkout)
    ids = list(line_ids)
    lines = CheckoutLine.objects.filter(checkout=checkout, id__in=ids)
    if lines.count() != len(set(ids)):
        raise CheckoutError(
            CheckoutErrorCode.LINE_NOT_FOUND,
            _("This item is no longer in your cart."),
            field="linesIds",
        )
    lines.delete()
    _drop_deliveries_of_absent_vendors(checkout)
    _touch(checkout)
    return checkout


@transaction.atomic
def checkout_email_update(*, checkout: Checkout, email: str) -> Checkout:
    email = email.strip().lower()
    _validate_email(email)
    checkout = _lock(checkout)
    checkout.email = email
    checkout.save(update_fields=["email", "updated_at"])
    return checkout


@transaction.atomic
def checkout_shipping_address_update(
    *, checkout: Checkout, address: Mapping[str, str | None]
) -> Checkout:
    """Store a validated Thai address; it also becomes the billing address until one is set."""
    cleaned = address_clean(address, prefix="shippingAddress")
    checkout = _lock(checkout)
    checkout.shipping_address = cleaned
    if checkout.billing_address is None:
        checkout.billing_address = cleaned
    checkout.save(update_fields=["shipping_address", "billing_address", "updated_at"])
    return checkout


@transaction.atomic
def checkout_billing_address_update(
    *, checkout: Checkout, address: Mapping[str, str | None]
) -> Checkout:
    cleaned = address_clean(address, prefix="billingAddress")
    checkout = _lock(checkout)
    checkout.billing_address = cleaned
    checkout.save(update_fields=["billing_address", "updated_at"])
    return checkout


@transaction.atomic
def checkout_delivery_method_update(
    *, checkout: Checkout, vendor_id: int, delivery_method_id: int
) -> Checkout:
    """Choose how one vendor's parcel travels; the method must be that vendor's, active, and able
    to carry the parcel."""
    checkout = _lock(checkout)
    lines = list(
        CheckoutLine.objects.filter(
            checkout=checkout, variant__product__vendor_id=vendor_id
        ).select_related("variant")
    )
    if not lines:
        raise CheckoutError(
            CheckoutErrorCode.VENDOR_NOT_IN_CHECKOUT,
            _("Your cart has nothing from this shop."),
            field="vendorId",
        )
    method = next(
        (m for m in delivery_methods_for_vendors([vendor_id]) if m.id == delivery_method_id), None
    )
    if method is None:
        raise CheckoutError(
            CheckoutErrorCode.DELIVERY_METHOD_NOT_AVAILABLE,
            _("This shop does not offer that delivery method."),
            field="deliveryMethodId",
        )
    subtotal = quantize(sum((line.variant.price * line.quantity for line in lines), 0))
    weight = sum(line.variant.weight_grams * line.quantity for line in lines)
    try:
        delivery_price(method=method, subtotal=subtotal, weight_grams=weight)
    except ShippingError as exc:
        raise CheckoutError(
            CheckoutErrorCode.DELIVERY_METHOD_NOT_AVAILABLE, exc.message, field="deliveryMethodId"
        ) from exc
    CheckoutDelivery.objects.update_or_create(
        checkout=checkout, vendor_id=vendor_id, defaults={"method": method}
    )
    _touch(checkout)
    return checkout


@transaction.atomic
def checkout_attach_to_user(*, checkout: Checkout, user: User) -> Checkout:
    """On login: the guest cart joins the shopper's own cart (quantities added, capped by stock
    and the line limit); the result is the shopper's one cart."""
    checkout = _lock(checkout)
    own = (
        Checkout.objects.select_for_update()
        .filter(user=user)
        .exclude(token=checkout.token)
        .order_by("-updated_at")
        .first()
    )
    if own is None:
        checkout.user = user
        checkout.email = checkout.email or user.email
        checkout.save(update_fields=["user", "email", "updated_at"])
        return checkout
    guest_lines = list(checkout.lines.select_related("variant"))
    available = variants_quantity_available(variant_ids=[line.variant_id for line in guest_lines])
    own_lines = {line.variant_id: line for line in own.lines.all()}
    for guest_line in guest_lines:
        target = own_lines.get(guest_line.variant_id)
        wanted = guest_line.quantity + (target.quantity if target else 0)
        quantity = max(1, min(wanted, MAX_LINE_QUANTITY, available.get(guest_line.variant_id, 0)))
        if target is None:
            CheckoutLine.objects.create(
                checkout=own,
                variant=guest_line.variant,
                quantity=quantity,
                price_when_added=guest_line.price_when_added,
            )
        else:
            target.quantity = quantity
            target.save(update_fields=["quantity"])
    if own.shipping_address is None and checkout.shipping_address is not None:
        own.shipping_address = checkout.shipping_address
        own.billing_address = checkout.billing_address
    own.save()
    checkout.delete()
    return own


# --- helpers ----------------------------------------------------------------------------------


def _lock(checkout: Checkout) -> Checkout:
    locked = Checkout.objects.select_for_update().filter(token=checkout.token).first()
    if locked is None:
        raise CheckoutError(
            CheckoutErrorCode.NOT_FOUND, _("This cart no longer exists."), field="id"
        )
    return locked


def _touch(checkout: Checkout) -> None:
    checkout.save(update_fields=["updated_at"])


def _validate_email(email: str) -> None:
    if not email:
        raise CheckoutError(
            CheckoutErrorCode.EMAIL_REQUIRED, _("Enter your e-mail address."), field="email"
        )
    try:
        validate_email(email)
    except ValidationError as exc:
        raise CheckoutError(
            CheckoutErrorCode.INVALID_EMAIL, _("Enter a valid e-mail address."), field="email"
        ) from exc


def _merge_inputs(lines: list[LineInput], *, allow_zero: bool) -> dict[int, int]:
    merged: dict[int, int] = {}
    for item in lines:
        if item.quantity < 0 or (item.quantity == 0 and not allow_zero):
            raise CheckoutError(
                CheckoutErrorCode.ZERO_QUANTITY
                if item.quantity == 0
                else CheckoutErrorCode.INVALID_QUANTITY,
                _("The quantity must be at least 1."),
                field="quantity",
            )
        merged[item.variant_id] = merged.get(item.variant_id, 0) + item.quantity
    for quantity in merged.values():
        if quantity > MAX_LINE_QUANTITY:
            raise CheckoutError(
                CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT,
                _("You can buy at most %(limit)d of one item in one order."),
                field="quantity",
                params={"limit": MAX_LINE_QUANTITY},
            )
    return merged


def _available_variants(quantities: Mapping[int, int]) -> dict[int, ProductVariant]:
    """The variants, each of a published product of an approved vendor, or an error."""
    variants = {
        variant.id: variant
        for variant in ProductVariant.objects.filter(id__in=list(quantities)).select_related(
            "product__vendor"
        )
    }
    for variant_id in quantities:
        variant = variants.get(variant_id)
        if (
            variant is None
            or variant.product.status != ProductStatus.PUBLISHED
            or variant.product.vendor.status != VendorStatus.APPROVED
        ):
            raise CheckoutError(
                CheckoutErrorCode.PRODUCT_NOT_AVAILABLE,
                _("This product is not for sale at the moment."),
                field="variantId",
                params={},
            )
    return variants


def _check_stock(variants: Mapping[int, ProductVariant], quantities: Mapping[int, int]) -> None:
    available = variants_quantity_available(variant_ids=list(quantities))
    for variant_id, quantity in quantities.items():
        if quantity > available.get(variant_id, 0):
            variant = variants[variant_id]
            raise CheckoutError(
                CheckoutErrorCode.INSUFFICIENT_STOCK,
                _("Only %(available)d left of “%(name)s”."),
                field="quantity",
                params={"available": available.get(variant_id, 0), "name": variant.product.name_th},
            )


def _lines_add(*, checkout: Checkout, lines: list[LineInput]) -> None:
    items = _merge_inputs(lines, allow_zero=False)
    existing = {line.variant_id: line for line in checkout.lines.all()}
    totals = {
        variant_id: quantity + (existing[variant_id].quantity if variant_id in existing else 0)
        for variant_id, quantity in items.items()
    }
    _merge_inputs([LineInput(v, q) for v, q in totals.items()], allow_zero=False)
    variants = _available_variants(totals)
    _check_stock(variants, totals)
    for variant_id, quantity in totals.items():
        line = existing.get(variant_id)
        if line is None:
            CheckoutLine.objects.create(
                checkout=checkout,
                variant=variants[variant_id],
                quantity=quantity,
                price_when_added=quantize(variants[variant_id].price),
            )
        else:
            line.quantity = quantity
            line.save(update_fields=["quantity"])
    _check_line_count(checkout)
    _touch(checkout)


def _check_line_count(checkout: Checkout) -> None:
    if checkout.lines.count() > MAX_LINES:
        raise CheckoutError(
            CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT,
            _("A cart holds at most %(limit)d different items."),
            field="lines",
            params={"limit": MAX_LINES},
        )


def _drop_deliveries_of_absent_vendors(checkout: Checkout) -> None:
    vendor_ids = set(
        checkout.lines.values_list("variant__product__vendor_id", flat=True).distinct()
    )
    CheckoutDelivery.objects.filter(checkout=checkout).exclude(vendor_id__in=vendor_ids).delete()
