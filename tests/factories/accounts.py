import ipaddress
import random
import uuid

import factory

from marketplace.accounts.models import Address, User
from tests.factories.municipalities import nai_mueang


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = "สมศรี"
    last_name = "ใจดี"
    password = factory.django.Password("correct horse battery staple")


class OperatorFactory(UserFactory):
    """A co-op operator who signs in to the admin (a superuser)."""

    email = factory.Sequence(lambda n: f"operator{n}@example.com")
    first_name = "ประภา"
    is_staff = True
    is_superuser = True


class AddressFactory(factory.django.DjangoModelFactory[Address]):
    """An address in ในเมือง, Mueang Lamphun 51000 (the places are created when missing)."""

    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    first_name = "สมชาย"
    last_name = "ใจดี"
    phone = "0812345678"
    street_address_1 = "99/1 หมู่ 2 ถนนอินทยงยศ"
    postal_code = "51000"

    @factory.lazy_attribute
    def subdistrict_code(self) -> str:
        return nai_mueang().code

    district_code = "5101"
    subdistrict_name_th = "ในเมือง"
    subdistrict_name_en = "Nai Mueang"
    district_name_th = "เมืองลำพูน"
    district_name_en = "Mueang Lamphun"
    province_code = "51"
    province_name_th = "ลำพูน"
    province_name_en = "Lamphun"


def random_ip() -> str:
    """A fresh client address: rate-limit counters live in the shared Redis, keyed by IP."""
    return str(ipaddress.IPv4Address(random.randint(0x0A000001, 0x0AFFFFFE)))


def random_email() -> str:
    # Letters only: a run of digits in the address could make Django's "too similar to the
    # user's attributes" password check fire on the numeric passwords tests use.
    token = "".join(chr(ord("a") + int(digit, 16)) for digit in uuid.uuid4().hex[:12])
    return f"shopper-{token}@example.com"
