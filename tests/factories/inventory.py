import factory

from marketplace.inventory.models import Stock, StockLocation
from tests.factories.catalog import ProductVariantFactory
from tests.factories.municipalities import mueang_lamphun, nai_mueang
from tests.factories.vendors import VendorFactory


class StockLocationFactory(factory.django.DjangoModelFactory[StockLocation]):
    class Meta:
        model = StockLocation

    vendor = factory.SubFactory(VendorFactory)
    name = "โรงทอ"
    district = factory.LazyFunction(mueang_lamphun)
    subdistrict = factory.LazyFunction(nai_mueang)
    postal_code = "51000"


class StockFactory(factory.django.DjangoModelFactory[Stock]):
    class Meta:
        model = Stock

    variant = factory.SubFactory(ProductVariantFactory)
    location = factory.SubFactory(
        StockLocationFactory, vendor=factory.SelfAttribute("..variant.product.vendor")
    )
    quantity = 10
    quantity_allocated = 0
