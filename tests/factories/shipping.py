from decimal import Decimal

import factory

from marketplace.shipping.models import DeliveryKind, DeliveryMethod
from tests.factories.vendors import VendorFactory


class DeliveryMethodFactory(factory.django.DjangoModelFactory[DeliveryMethod]):
    class Meta:
        model = DeliveryMethod

    vendor = factory.SubFactory(VendorFactory)
    name_th = "ไปรษณีย์ไทย EMS"
    name_en = "Thailand Post EMS"
    kind = DeliveryKind.FLAT_RATE
    price = Decimal("60.00")
