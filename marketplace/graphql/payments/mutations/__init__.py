"""The payment mutations, one module each, gathered for the schema root."""

import graphene

from marketplace.graphql.payments.mutations.order_payment_initialize import (
    OrderPaymentInitialize,
)
from marketplace.graphql.payments.mutations.vendor_order_refund import VendorOrderRefund


class PaymentMutations(graphene.ObjectType):
    order_payment_initialize = OrderPaymentInitialize.Field()
    vendor_order_refund = VendorOrderRefund.Field()
