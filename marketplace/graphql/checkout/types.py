"""Checkout types in Saleor's shape, plus `deliveryGroups`: one group per vendor (our extension)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene

from marketplace.checkout.errors import CheckoutErrorCode as CheckoutErrorCodeEnum
from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.checkout.selectors import (
    CheckoutSummary,
    DeliveryOption,
    LineSummary,
    VendorGroup,
    checkout_summary,
)
from marketplace.graphql.catalog.types import ProductVariantType
from marketplace.graphql.core.commerce_types import Money, TaxedMoney
from marketplace.graphql.core.i18n import localized, request_language
from marketplace.graphql.core.types import BaseError
from marketplace.graphql.vendors.types import VendorType
from marketplace.shipping.models import DeliveryMethod as DeliveryMethodModel

CheckoutErrorCode = graphene.Enum.from_enum(
    CheckoutErrorCodeEnum, description="Why a checkout mutation was refused."
)


class CheckoutError(BaseError):
    code = graphene.Field(CheckoutErrorCode, required=True, description="The error code.")


def summary_of(checkout: CheckoutModel) -> CheckoutSummary:
    """Computed once per checkout object per request, however many fields ask."""
    cached: CheckoutSummary | None = getattr(checkout, "_kad_summary", None)
    if cached is None:
        cached = checkout_summary(checkout=checkout)
        checkout._kad_summary = cached  # type: ignore[attr-defined]
    return cached


class CheckoutAddress(graphene.ObjectType):
    """A Thai postal address as the checkout keeps it."""

    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    company_name = graphene.String(required=True)
    phone = graphene.String(required=True)
    street_address_1 = graphene.String(required=True)
    street_address_2 = graphene.String(required=True)
    subdistrict_code = graphene.String(required=True)
    district_code = graphene.String(required=True)
    province_code = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    city = graphene.String(required=True, description="The district, in the request's language.")
    city_area = graphene.String(required=True, description="The subdistrict.")
    country_area = graphene.String(required=True, description="The province.")
    country = graphene.String(required=True, description="Always TH.")

    class Meta:
        name = "CheckoutAddress"

    @staticmethod
    def from_snapshot(data: dict[str, Any] | None) -> dict[str, Any] | None:
        if not data:
            return None
        suffix = f"_{request_language()}"

        def name(kind: str) -> str:
            return str(data.get(f"{kind}_name{suffix}") or data.get(f"{kind}_name") or "")

        return {
            **{key: data.get(key, "") for key in CheckoutAddress._meta.fields},
            "city": name("district"),
            "city_area": name("subdistrict"),
            "country_area": name("province"),
            "country": "TH",
        }


class DeliveryKindEnum(graphene.Enum):
    FLAT_RATE = "flat_rate"
    WEIGHT_TABLE = "weight_table"
    PICKUP = "pickup"


class DeliveryMethod(graphene.ObjectType):
    """A way one vendor's parcel can travel, priced for the parcel in this checkout."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    kind = graphene.Field(DeliveryKindEnum, required=True)
    price = graphene.Field(Money, description="Null when it cannot carry this parcel.")
    minimum_delivery_days = graphene.Int(required=True)
    maximum_delivery_days = graphene.Int(required=True)
    active = graphene.Boolean(required=True, description="Whether it can carry this parcel.")

    class Meta:
        name = "DeliveryMethod"

    @staticmethod
    def of(option: DeliveryOption) -> dict[str, Any]:
        method: DeliveryMethodModel = option.method
        return {
            "id": graphene.Node.to_global_id("DeliveryMethod", method.id),
            "name": localized(method, "name"),
            "kind": method.kind,
            "price": Money.of(option.price) if option.price is not None else None,
            "minimum_delivery_days": method.min_days,
            "maximum_delivery_days": method.max_days,
            "active": option.price is not None,
        }


class CheckoutLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    variant = graphene.Field(ProductVariantType, required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True, description="The current price.")
    total_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(Money, required=True)
    price_changed = graphene.Boolean(
        required=True, description="The price differs from when the line was added."
    )
    previous_unit_price = graphene.Field(Money, required=True)
    quantity_available = graphene.Int(required=True)
    is_available = graphene.Boolean(
        required=True, description="The product is still for sale (published, shop approved)."
    )
    requires_shipping = graphene.Boolean(required=True)

    class Meta:
        name = "CheckoutLine"

    @staticmethod
    def of(item: LineSummary) -> dict[str, Any]:
        return {
            "id": graphene.Node.to_global_id("CheckoutLine", item.line.id),
            "variant": item.line.variant,
            "quantity": item.line.quantity,
            "unit_price": TaxedMoney.of(item.unit_price),
            "total_price": TaxedMoney.of(item.total),
            "undiscounted_unit_price": Money.of(item.unit_price),
            "price_changed": item.price_changed,
            "previous_unit_price": Money.of(item.previous_unit_price),
            "quantity_available": item.quantity_available,
            "is_available": item.is_available,
            "requires_shipping": True,
        }


class CheckoutDeliveryGroup(graphene.ObjectType):
    """The lines of one vendor: they travel as one parcel with the delivery chosen for them."""

    vendor = graphene.Field(VendorType, required=True)
    lines = graphene.List(graphene.NonNull(CheckoutLine), required=True)
    available_delivery_methods = graphene.List(graphene.NonNull(DeliveryMethod), required=True)
    delivery_method = graphene.Field(DeliveryMethod)
    subtotal_price = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    weight = graphene.Int(required=True, description="Weight of the parcel in grams.")

    @staticmethod
    def of(group: VendorGroup) -> dict[str, Any]:
        chosen = next((o for o in group.options if o.method == group.chosen), None)
        return {
            "vendor": group.vendor,
            "lines": [CheckoutLine.of(item) for item in group.lines],
            "available_delivery_methods": [DeliveryMethod.of(o) for o in group.options],
            "delivery_method": DeliveryMethod.of(chosen) if chosen else None,
            "subtotal_price": TaxedMoney.of(group.subtotal),
            "shipping_price": TaxedMoney.of(group.shipping_price or Decimal(0)),
            "total_price": TaxedMoney.of(group.total),
            "weight": group.weight_grams,
        }


class CheckoutProblem(graphene.ObjectType):
    """Something the shopper must fix before completing (a price change, a sold-out item …)."""

    code = graphene.Field(CheckoutErrorCode, required=True)
    line_id = graphene.ID()
    vendor_id = graphene.ID()


class Checkout(graphene.ObjectType):
    id = graphene.ID(required=True)
    token = graphene.UUID(required=True)
    email = graphene.String()
    language_code = graphene.String(required=True)
    lines = graphene.List(graphene.NonNull(CheckoutLine), required=True)
    delivery_groups = graphene.List(
        graphene.NonNull(CheckoutDeliveryGroup),
        required=True,
        description="The lines grouped by vendor, each with its delivery (Kad's extension).",
    )
    shipping_address = graphene.Field(CheckoutAddress)
    billing_address = graphene.Field(CheckoutAddress)
    subtotal_price = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    quantity = graphene.Int(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    problems = graphene.List(graphene.NonNull(CheckoutProblem), required=True)
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)

    class Meta:
        name = "Checkout"

    @staticmethod
    def resolve_id(root: CheckoutModel, info: graphene.ResolveInfo) -> str:
        return graphene.Node.to_global_id("Checkout", str(root.token))

    @staticmethod
    def resolve_lines(root: CheckoutModel, info: graphene.ResolveInfo) -> list[dict[str, Any]]:
        return [CheckoutLine.of(item) for item in summary_of(root).lines]

    @staticmethod
    def resolve_delivery_groups(
        root: CheckoutModel, info: graphene.ResolveInfo
    ) -> list[dict[str, Any]]:
        return [CheckoutDeliveryGroup.of(group) for group in summary_of(root).groups]

    @staticmethod
    def resolve_shipping_address(
        root: CheckoutModel, info: graphene.ResolveInfo
    ) -> dict[str, Any] | None:
        return CheckoutAddress.from_snapshot(root.shipping_address)

    @staticmethod
    def resolve_billing_address(
        root: CheckoutModel, info: graphene.ResolveInfo
    ) -> dict[str, Any] | None:
        return CheckoutAddress.from_snapshot(root.billing_address)

    @staticmethod
    def resolve_subtotal_price(root: CheckoutModel, info: graphene.ResolveInfo) -> dict[str, Any]:
        return TaxedMoney.of(summary_of(root).subtotal)

    @staticmethod
    def resolve_shipping_price(root: CheckoutModel, info: graphene.ResolveInfo) -> dict[str, Any]:
        return TaxedMoney.of(summary_of(root).shipping_total)

    @staticmethod
    def resolve_total_price(root: CheckoutModel, info: graphene.ResolveInfo) -> dict[str, Any]:
        return TaxedMoney.of(summary_of(root).total)

    @staticmethod
    def resolve_quantity(root: CheckoutModel, info: graphene.ResolveInfo) -> int:
        return summary_of(root).quantity

    @staticmethod
    def resolve_is_shipping_required(root: CheckoutModel, info: graphene.ResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_created(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_problems(root: CheckoutModel, info: graphene.ResolveInfo) -> list[dict[str, Any]]:
        problems: list[dict[str, Any]] = []
        for group in summary_of(root).groups:
            for item in group.lines:
                line_id = graphene.Node.to_global_id("CheckoutLine", item.line.id)
                if not item.is_available:
                    problems.append(
                        {"code": CheckoutErrorCodeEnum.PRODUCT_NOT_AVAILABLE, "line_id": line_id}
                    )
                elif not item.enough_stock:
                    problems.append(
                        {"code": CheckoutErrorCodeEnum.INSUFFICIENT_STOCK, "line_id": line_id}
                    )
                if item.price_changed:
                    problems.append(
                        {"code": CheckoutErrorCodeEnum.PRICE_CHANGED, "line_id": line_id}
                    )
            if group.chosen is None:
                problems.append(
                    {
                        "code": CheckoutErrorCodeEnum.DELIVERY_METHOD_REQUIRED,
                        "vendor_id": graphene.Node.to_global_id("Vendor", group.vendor.id),
                    }
                )
        return problems
