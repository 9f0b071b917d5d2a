"""Orders as shoppers see them: Saleor's `Order`, with one `VendorOrder` (parcel) per vendor."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.graphql.checkout.types import CheckoutAddress
from marketplace.graphql.core.commerce_types import TaxedMoney
from marketplace.graphql.core.connections import CountableConnection
from marketplace.graphql.core.i18n import request_language
from marketplace.graphql.vendors.types import VendorType
from marketplace.orders import models

OrderStatusEnum = graphene.Enum.from_enum(models.OrderStatus, name="OrderStatus")
PaymentStatusEnum = graphene.Enum.from_enum(models.PaymentStatus, name="PaymentChargeStatusEnum")
VendorOrderStatusEnum = graphene.Enum.from_enum(models.VendorOrderStatus, name="VendorOrderStatus")


class OrderLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)
    product_sku = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)

    class Meta:
        name = "OrderLine"

    @staticmethod
    def resolve_id(root: models.OrderLine, info: graphene.ResolveInfo) -> str:
        return graphene.Node.to_global_id("OrderLine", root.id)

    @staticmethod
    def resolve_product_name(root: models.OrderLine, info: graphene.ResolveInfo) -> str:
        english = request_language() == "en"
        return root.product_name_en if english and root.product_name_en else root.product_name

    @staticmethod
    def resolve_product_sku(root: models.OrderLine, info: graphene.ResolveInfo) -> str:
        return root.sku

    @staticmethod
    def resolve_unit_price(root: models.OrderLine, info: graphene.ResolveInfo) -> dict[str, Any]:
        return TaxedMoney.of(root.unit_price)

    @staticmethod
    def resolve_total_price(root: models.OrderLine, info: graphene.ResolveInfo) -> dict[str, Any]:
        return TaxedMoney.of(root.total)


class VendorOrder(graphene.ObjectType):
    """One vendor's parcel of an order: its lines, delivery and tracking (Kad's extension)."""

    id = graphene.ID(required=True)
    number = graphene.String(required=True)
    vendor = graphene.Field(VendorType, required=True)
    status = graphene.Field(VendorOrderStatusEnum, required=True)
    status_display = graphene.String(required=True, description="The status, for people.")
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)
    subtotal = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    total = graphene.Field(TaxedMoney, required=True)
    delivery_method_name = graphene.String(required=True)
    is_pickup = graphene.Boolean(required=True)
    carrier = graphene.String(required=True)
    tracking_number = graphene.String(required=True)
    shipped_at = graphene.DateTime()
    delivered_at = graphene.DateTime()

    @staticmethod
    def resolve_id(root: models.VendorOrder, info: graphene.ResolveInfo) -> str:
        return graphene.Node.to_global_id("VendorOrder", root.id)

    @staticmethod
    def resolve_status_display(root: models.VendorOrder, info: graphene.ResolveInfo) -> str:
        return str(models.VendorOrderStatus(root.status).label)

    @staticmethod
    def resolve_lines(root: models.VendorOrder, info: graphene.ResolveInfo) -> Any:
        return root.lines.all()

    @staticmethod
    def resolve_subtotal(root: models.VendorOrder, info: graphene.ResolveInfo) -> dict[str, Any]:
        return TaxedMoney.of(root.subtotal)

    @staticmethod
    def resolve_shipping_price(
        root: models.VendorOrder, info: graphene.ResolveInfo
    ) -> dict[str, Any]:
        return TaxedMoney.of(root.shipping_price)

    @staticmethod
    def resolve_total(root: models.VendorOrder, info: graphene.ResolveInfo) -> dict[str, Any]:
        return TaxedMoney.of(root.total)


class Order(graphene.ObjectType):
    id = graphene.ID(required=True)
    number = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    status = graphene.Field(OrderStatusEnum, required=True)
    status_display = graphene.String(required=True)
    payment_status = graphene.Field(PaymentStatusEnum, required=True)
    user_email = graphene.String(required=True)
    vendor_orders = graphene.List(graphene.NonNull(VendorOrder), required=True)
    lines = graphene.List(graphene.NonNull(OrderLine), required=True)
    shipping_address = graphene.Field(CheckoutAddress)
    billing_address = graphene.Field(CheckoutAddress)
    subtotal = graphene.Field(TaxedMoney, required=True)
    shipping_price = graphene.Field(TaxedMoney, required=True)
    total = graphene.Field(TaxedMoney, required=True)

    class Meta:
        name = "Order"

    @staticmethod
    def resolve_id(root: models.Order, info: graphene.ResolveInfo) -> str:
        return graphene.Node.to_global_id("Order", root.id)

    @staticmethod
    def resolve_created(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_status_display(root: models.Order, info: graphene.ResolveInfo) -> str:
        return str(models.OrderStatus(root.status).label)

    @staticmethod
    def resolve_user_email(root: models.Order, info: graphene.ResolveInfo) -> str:
        return root.email

    @staticmethod
    def resolve_vendor_orders(root: models.Order, info: graphene.ResolveInfo) -> Any:
        return root.vendor_orders.all()

    @staticmethod
    def resolve_lines(root: models.Order, info: graphene.ResolveInfo) -> list[models.OrderLine]:
        return [line for part in root.vendor_orders.all() for line in part.lines.all()]

    @staticmethod
    def resolve_shipping_address(
        root: models.Order, info: graphene.ResolveInfo
    ) -> dict[str, Any] | None:
        return CheckoutAddress.from_snapshot(root.shipping_address)

    @staticmethod
    def resolve_billing_address(
        root: models.Order, info: graphene.ResolveInfo
    ) -> dict[str, Any] | None:
        return CheckoutAddress.from_snapshot(root.billing_address)

    @staticmethod
    def resolve_subtotal(root: models.Order, info: graphene.ResolveInfo) -> dict[str, Any]:
        return TaxedMoney.of(root.subtotal)

    @staticmethod
    def resolve_shipping_price(root: models.Order, info: graphene.ResolveInfo) -> dict[str, Any]:
        return TaxedMoney.of(root.shipping_total)

    @staticmethod
    def resolve_total(root: models.Order, info: graphene.ResolveInfo) -> dict[str, Any]:
        return TaxedMoney.of(root.total)


class OrderCountableConnection(CountableConnection):
    class Meta:
        node = Order
