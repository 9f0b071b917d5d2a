import factory

from marketplace.vendors.models import (
    MembershipRole,
    Vendor,
    VendorKind,
    VendorMembership,
    VendorStatus,
)
from tests.factories.accounts import UserFactory
from tests.factories.municipalities import MunicipalityFactory, mueang_lamphun, nai_mueang


class VendorFactory(factory.django.DjangoModelFactory[Vendor]):
    class Meta:
        model = Vendor

    slug = factory.Sequence(lambda n: f"vendor-{n}")
    name_th = factory.Sequence(lambda n: f"กลุ่มทอผ้าไหมบ้านหนองเงือก {n}")
    name_en = factory.Sequence(lambda n: f"Ban Nong Nguek Silk Weavers {n}")
    kind = VendorKind.COMMUNITY_ENTERPRISE
    status = VendorStatus.APPROVED
    story_th = "ทอผ้าไหมยกดอกลายโบราณสืบทอดกันมาสามรุ่น"
    story_en = "Three generations weaving traditional silk brocade."
    municipality = factory.SubFactory(MunicipalityFactory)
    district = factory.LazyFunction(mueang_lamphun)
    subdistrict = factory.LazyFunction(nai_mueang)
    postal_code = "51000"
    phone = "0812345678"


class VendorMembershipFactory(factory.django.DjangoModelFactory[VendorMembership]):
    class Meta:
        model = VendorMembership

    user = factory.SubFactory(UserFactory)
    vendor = factory.SubFactory(VendorFactory)
    role = MembershipRole.OWNER
