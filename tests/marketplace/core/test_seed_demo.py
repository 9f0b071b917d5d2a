"""`manage.py seed_demo`: the Lamphun demo data set, its determinism and its idempotency.

The default seed (300 products and their pictures) runs once for the module, committed to the test
database, and is removed at the end; each test then reads it inside its own rolled-back
transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import Count, Max

from marketplace.accounts.models import User
from marketplace.catalog.models import (
    Attribute,
    Category,
    Collection,
    MediaStatus,
    Product,
    ProductMedia,
    ProductStatus,
    ProductType,
    ProductVariant,
)
from marketplace.catalog.richtext import sanitize_rich_text
from marketplace.core import demo
from marketplace.core.demo_data import catalogue
from marketplace.core.demo_data.plan import plan_checksum, product_plan
from marketplace.core.demo_data.vendors import VENDORS
from marketplace.core.phone import thai_phone_normalize
from marketplace.inventory.models import Stock, StockLocation
from marketplace.municipalities.models import Municipality
from marketplace.vendors.models import Vendor, VendorKind, VendorMembership, VendorStatus

THAI = re.compile(r"[\u0E00-\u0E7F]")
LAMPHUN_DISTRICTS = {"5101", "5102", "5103", "5104", "5105", "5106", "5107", "5108"}


@dataclass(frozen=True)
class Snapshot:
    counts: dict[str, int]
    checksum: str
    last_update: dict[str, datetime | None]


def snapshot() -> Snapshot:
    models: dict[str, Any] = {
        "vendors": Vendor,
        "products": Product,
        "variants": ProductVariant,
        "stocks": Stock,
        "media": ProductMedia,
        "locations": StockLocation,
        "categories": Category,
        "collections": Collection,
        "users": User,
    }
    return Snapshot(
        counts={name: model.objects.count() for name, model in models.items()}
        | {"collection_products": Collection.products.through.objects.count()},
        checksum=demo.catalogue_checksum(seed=1),
        last_update={
            "vendors": Vendor.objects.aggregate(m=Max("updated_at"))["m"],
            "products": Product.objects.aggregate(m=Max("updated_at"))["m"],
            "stocks": Stock.objects.aggregate(m=Max("updated_at"))["m"],
        },
    )


@dataclass(frozen=True)
class Seeded:
    first: demo.SeedResult
    second: demo.SeedResult
    after_first: Snapshot
    after_second: Snapshot


def remove_demo() -> None:
    """Delete what the seed wrote (places stay: the migration loads them for every test)."""
    Collection.objects.filter(slug__in=[c.slug for c in catalogue.COLLECTIONS]).delete()
    vendors = Vendor.objects.filter(slug__in=[v.slug for v in VENDORS])
    Product.objects.filter(vendor__in=vendors).delete()
    StockLocation.objects.filter(vendor__in=vendors).delete()
    VendorMembership.objects.filter(vendor__in=vendors).delete()
    vendors.delete()
    for category in Category.objects.order_by("-level"):
        category.delete()
    ProductType.objects.filter(slug__in=[t.slug for t in catalogue.PRODUCT_TYPES]).delete()
    Attribute.objects.filter(slug__in=catalogue.ATTRIBUTES).delete()
    Municipality.objects.filter(slug="lamphun").delete()
    User.objects.filter(email__in=[demo.DEMO_OPERATOR_EMAIL, demo.DEMO_ARTISAN_EMAIL]).delete()


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[Seeded]:
    with django_db_blocker.unblock():
        try:
            first = demo.seed_demo(seed=1)
            after_first = snapshot()
            second = demo.seed_demo(seed=1)
            yield Seeded(first, second, after_first, snapshot())
        finally:
            remove_demo()


pytestmark = pytest.mark.django_db


def test_default_seed_creates_vendors_of_all_three_kinds_across_the_eight_districts(
    seeded: Seeded,
) -> None:
    vendors = list(Vendor.objects.filter(municipality__slug="lamphun"))
    assert len(vendors) >= 30
    assert {v.kind for v in vendors} == set(VendorKind.values)
    assert {v.district_id for v in vendors} == LAMPHUN_DISTRICTS
    statuses = [v.status for v in vendors]
    assert statuses.count(VendorStatus.SUSPENDED) == 1
    assert 1 <= statuses.count(VendorStatus.PENDING) <= 5
    assert statuses.count(VendorStatus.APPROVED) >= 28
    for vendor in vendors:
        assert THAI.search(vendor.name_th) and vendor.name_en and vendor.story_th
        assert thai_phone_normalize(vendor.phone) == vendor.phone
        assert vendor.line_id
        assert vendor.subdistrict.district_id == vendor.district_id
        assert vendor.postal_code in vendor.subdistrict.postal_codes
        assert (vendor.approved_at is None) == (vendor.status == VendorStatus.PENDING)
    silk_sellers = {v for v in vendors if v.products.filter(category__slug="silk-brocade")}
    assert silk_sellers and all(v.geographical_indication for v in silk_sellers)
    assert any(v.community_product_standard for v in vendors)
    assert any(v.otop_stars == 5 for v in vendors)


def test_default_seed_creates_300_products_with_thai_and_english_names(seeded: Seeded) -> None:
    products = Product.objects.annotate(n=Count("variants"))
    assert products.count() >= 300
    for product in products:
        assert THAI.search(product.name_th), product.name_th
        assert product.name_en and product.name_en.isascii(), product.name_en
        assert 1 <= product.n <= 4
        assert product.description_th == sanitize_rich_text(product.description_th)
    published = products.filter(status=ProductStatus.PUBLISHED)
    assert published.count() > 250
    assert not published.filter(published_at__isnull=True).exists()
    assert set(Product.objects.values_list("category__slug", flat=True)) >= {
        "silk-brocade",
        "handwoven-cotton",
        "pottery",
        "wood-carving",
        "bamboo-basketry",
        "dried-longan",
        "longan-honey",
        "herbal-products",
    }
    assert Product.objects.filter(name_th__startswith="ผ้าไหมยกดอกลำพูน").count() > 20


def test_every_variant_has_a_price_and_stock_at_its_vendors_location(seeded: Seeded) -> None:
    variants = ProductVariant.objects.select_related("product")
    assert variants.count() >= 300
    assert not variants.filter(price__lte=0).exists()
    for variant in variants.filter(compare_at_price__isnull=False):
        assert variant.compare_at_price is not None
        assert variant.compare_at_price > variant.price
    stocks = Stock.objects.select_related("variant__product", "location")
    assert stocks.count() == variants.count()
    for stock in stocks:
        assert stock.location.vendor_id == stock.variant.product.vendor_id
        assert stock.quantity >= 0 and stock.quantity_allocated == 0
    assert stocks.filter(quantity=0).exists() and stocks.filter(quantity__gt=10).exists()
    assert variants.filter(compare_at_price__isnull=False).count() > 20


def test_every_product_shows_a_ready_picture_with_renditions(seeded: Seeded) -> None:
    media = ProductMedia.objects.all()
    assert media.count() == Product.objects.count()
    assert not media.exclude(status=MediaStatus.READY).exists()
    assert 40 <= media.values("image").distinct().count() <= 60
    sample = media.order_by("pk").first()
    assert sample is not None
    assert set(sample.renditions) == {"320", "640", "1280"}
    for entry in sample.renditions.values():
        assert default_storage.exists(entry["webp"]) and default_storage.exists(entry["jpeg"])
    assert default_storage.exists(sample.image.name)


def test_category_tree_and_collections(seeded: Seeded) -> None:
    silk = Category.objects.get(slug="silk-brocade")
    assert silk.parent is not None and silk.parent.slug == "textiles"
    assert silk.path == f"{silk.parent.pk}/{silk.pk}/"
    assert Category.objects.filter(slug="dried-longan", parent__slug="longan").exists()
    featured = Collection.objects.filter(is_featured=True, is_published=True)
    assert featured.count() >= 3
    for collection in featured:
        assert collection.products.count() > 0
        assert not collection.products.exclude(status=ProductStatus.PUBLISHED).exists()


def test_second_run_creates_nothing_and_changes_nothing(seeded: Seeded) -> None:
    assert sum(seeded.first.created.values()) > 0
    assert sum(seeded.second.created.values()) == 0
    assert seeded.after_second == seeded.after_first


def test_the_same_seed_gives_the_same_data_and_another_seed_different_data(
    seeded: Seeded,
) -> None:
    assert seeded.first.checksum == plan_checksum(seed=1, count=300)
    assert plan_checksum(seed=1, count=300) == plan_checksum(seed=1, count=300)
    assert product_plan(seed=1, index=7) == product_plan(seed=1, index=7)
    assert plan_checksum(seed=2, count=300) != plan_checksum(seed=1, count=300)
    assert product_plan(seed=2, index=7) != product_plan(seed=1, index=7)


def test_a_small_seed_of_50_products_works(seeded: Seeded) -> None:
    result = demo.seed_demo(seed=7, products=50)

    assert result.created["products"] == 50
    assert result.created["vendors"] == 0  # the shops are shared by every seed
    assert result.checksum == plan_checksum(seed=7, count=50)
    small = Product.objects.filter(variants__sku__startswith="LPN7-").distinct()
    assert small.count() == 50
    assert not ProductMedia.objects.filter(product__in=small).exclude(status="ready").exists()


def test_command_prints_a_report_and_keeps_the_operator_account(seeded: Seeded) -> None:
    out = StringIO()
    call_command("seed_demo", "--seed", "1", "--no-progress", stdout=out)

    report = out.getvalue()
    assert "operator@kad.example" in report
    assert "products: 300 (0 new)" in report
    operator = User.objects.get(email=demo.DEMO_OPERATOR_EMAIL)
    assert operator.is_staff and operator.check_password(demo.DEMO_OPERATOR_PASSWORD)
    artisan = User.objects.get(email=demo.DEMO_ARTISAN_EMAIL)
    assert artisan.vendor_memberships.get().vendor.slug == demo.DEMO_ARTISAN_VENDOR
