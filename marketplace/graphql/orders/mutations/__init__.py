"""The vendor order mutations, one module each, gathered for the schema root.

Every one needs a signed-in member (owner or staff) of the parcel's shop; another shop's parcel
is answered NOT_FOUND and nothing changes.
"""

import graphene

from marketplace.graphql.orders.mutations.vendor_order_cancel import VendorOrderCancel
from marketplace.graphql.orders.mutations.vendor_order_fulfill import VendorOrderFulfill
from marketplace.graphql.orders.mutations.vendor_order_mark_delivered import (
    VendorOrderMarkDelivered,
)
from marketplace.graphql.orders.mutations.vendor_order_mark_processing import (
    VendorOrderMarkProcessing,
)


class VendorOrderMutations(graphene.ObjectType):
    vendor_order_mark_processing = VendorOrderMarkProcessing.Field()
    vendor_order_fulfill = VendorOrderFulfill.Field()
    vendor_order_mark_delivered = VendorOrderMarkDelivered.Field()
    vendor_order_cancel = VendorOrderCancel.Field()
