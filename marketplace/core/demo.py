"""The Lamphun demo data set: places, the municipality, 36 shops, the catalogue, stock, pictures.

`seed()` writes the plan of `marketplace.core.demo_data` and is:

- deterministic: the plan depends only on the seed (no clock, no uuid in the data; dates count
  from `DEMO_EPOCH`), so the same seed gives the same names, prices and stock;
- idempotent: every row is found by its natural key (slug, SKU, code) and left alone when it
  exists, so a second run creates nothing and changes nothing;
- scalable: products, variants, stock, attribute links and photos are written with
  `bulk_create` in batches (see `_write_products` for why), so 100,000 products take minutes.

The small fixed parts (municipality, categories, attributes, product types, stock locations,
collections, renditions) go through the domain services, which validate them like any other write.
"""

from __future__ import annotations

import base64
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

import geothai
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from tqdm import tqdm

from marketplace.accounts.models import User
from marketplace.catalog import images
from marketplace.catalog import services as catalog_services
from marketplace.catalog.models import (
    Attribute,
    AttributeValue,
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
from marketplace.core import otp
from marketplace.core.demo_data import catalogue, places
from marketplace.core.demo_data import images as pictures
from marketplace.core.demo_data.plan import (
    DEMO_EPOCH,
    ProductPlan,
    checksum_rows,
    product_plan,
    vendor_plans,
)
from marketplace.core.demo_data.vendors import SUSPENSION_REASON, VENDORS, VendorPlan
from marketplace.core.phone import thai_phone_normalize
from marketplace.inventory import services as inventory_services
from marketplace.inventory.models import Stock, StockLocation
from marketplace.municipalities import services as municipality_services
from marketplace.municipalities.models import District, Municipality, Province, Subdistrict
from marketplace.municipalities.selectors import location_validate
from marketplace.vendors.models import MembershipRole, Vendor, VendorMembership, VendorStatus

DEMO_OPERATOR_EMAIL = "operator@kad.example"
# Published demo credentials for a local quick start; seed_demo refuses to run in production.
DEMO_OPERATOR_PASSWORD = "kad-demo-operator"  # noqa: S105
# The demo operator's authenticator key (hex; NNQWILLEMVWW6LLPOBSXEYLUN5ZC233L in base32, as apps
# take it), published like the password so that a quick start can sign in to the two-factor
# admin; `manage.py demo_otp_code` prints the current code.
DEMO_OPERATOR_TOTP_KEY = "6b61642d64656d6f2d6f70657261746f722d6f6b"
DEMO_ARTISAN_EMAIL = "artisan@kad.example"
DEMO_ARTISAN_PASSWORD = "kad-demo-artisan"  # noqa: S105
DEMO_ARTISAN_VENDOR = "srinuan-silk-brocade"

DEMO_OTP_DEVICE_NAME = "demo authenticator"
DEMO_OPERATOR_TOTP_SECRET = base64.b32encode(bytes.fromhex(DEMO_OPERATOR_TOTP_KEY)).decode()

DEFAULT_PRODUCTS = 300
BATCH_SIZE = 1000
PICTURES_DIR = "products/originals/demo"


@dataclass
class SeedResult:
    created: Counter[str] = field(default_factory=Counter)
    totals: dict[str, int] = field(default_factory=dict)
    checksum: str = ""
    seconds: float = 0.0

    def lines(self) -> list[str]:
        def count(name: str) -> str:
            return f"{self.totals.get(name, 0)} ({self.created[name]} new)"

        return [
            f"operator account: {DEMO_OPERATOR_EMAIL} / {DEMO_OPERATOR_PASSWORD}",
            f"operator two-factor key: {DEMO_OPERATOR_TOTP_SECRET} (add it to an authenticator app,"
            " or run `manage.py demo_otp_code` for the current code)",
            f"artisan account: {DEMO_ARTISAN_EMAIL} / {DEMO_ARTISAN_PASSWORD}"
            f" (owner of {DEMO_ARTISAN_VENDOR})",
            f"municipality: {places.MUNICIPALITY_NAME_TH} ({places.MUNICIPALITY_SLUG})",
            f"districts of Lamphun: {self.totals.get('districts', 0)}",
            f"vendors: {count('vendors')}; stock locations: {count('locations')}",
            f"categories: {count('categories')}; product types: {count('product_types')}; "
            f"attribute values: {count('attribute_values')}",
            f"products: {count('products')}; variants: {count('variants')}; "
            f"stock rows: {count('stocks')}; photos: {count('media')} "
            f"sharing {self.totals.get('pictures', 0)} pictures",
            f"collections: {count('collections')}",
            f"catalogue checksum: {self.checksum}",
            f"took {self.seconds:.1f} s",
        ]


def seed(*, seed: int, products: int = DEFAULT_PRODUCTS, progress: bool = False) -> list[str]:
    """Seed the demo and return a short report (one line per kind of row)."""
    return seed_demo(seed=seed, products=products, progress=progress).lines()


def seed_demo(*, seed: int, products: int = DEFAULT_PRODUCTS, progress: bool = False) -> SeedResult:
    started = time.perf_counter()
    result = SeedResult()
    _accounts()
    districts = _places()
    result.totals["districts"] = districts
    municipality = _municipality()
    vendors = _vendors(seed, municipality, result)
    locations = _locations(seed, vendors, result)
    _artisan(vendors[DEMO_ARTISAN_VENDOR])
    skeleton = _skeleton(result)
    picture_names = _pictures()
    result.totals["pictures"] = len(picture_names)
    _write_products(
        seed=seed,
        count=products,
        vendors=vendors,
        locations=locations,
        skeleton=skeleton,
        picture_names=picture_names,
        result=result,
        progress=progress,
    )
    _renditions(picture_names)
    _collections(seed, products, result)
    result.checksum = catalogue_checksum(seed=seed)
    result.totals.update(
        vendors=Vendor.objects.filter(slug__in=[v.slug for v in VENDORS]).count(),
        locations=StockLocation.objects.filter(vendor__in=vendors.values()).count(),
        products=Product.objects.filter(variants__sku__startswith=f"LPN{seed}-").distinct().count(),
        variants=ProductVariant.objects.filter(sku__startswith=f"LPN{seed}-").count(),
        stocks=Stock.objects.filter(variant__sku__startswith=f"LPN{seed}-").count(),
        media=ProductMedia.objects.filter(image__startswith=PICTURES_DIR).count(),
        collections=Collection.objects.filter(
            slug__in=[c.slug for c in catalogue.COLLECTIONS]
        ).count(),
    )
    result.seconds = time.perf_counter() - started
    return result


def catalogue_checksum(*, seed: int) -> str:
    """Digest of the seed's product names and variant prices as stored (see `plan_checksum`)."""
    rows = ProductVariant.objects.filter(sku__startswith=f"LPN{seed}-").values_list(
        "product__slug", "product__name_th", "product__name_en", "sku", "price", "compare_at_price"
    )
    return checksum_rows(rows.iterator(chunk_size=5000))


# --- accounts, places, municipality, vendors --------------------------------------------------


def _accounts() -> None:
    operator, created = User.objects.get_or_create(
        email=DEMO_OPERATOR_EMAIL,
        defaults={"is_staff": True, "is_superuser": True, "first_name": "Kad operator"},
    )
    if created:
        operator.set_password(DEMO_OPERATOR_PASSWORD)
        operator.save(update_fields=["password"])
    # The admin needs a second factor; the demo operator's authenticator key is published.
    otp.totp_device_set(user=operator, key_hex=DEMO_OPERATOR_TOTP_KEY, name=DEMO_OTP_DEVICE_NAME)


def _places() -> int:
    """Lamphun's districts and subdistricts. The places migration loads all of Thailand; this
    only fills in what is missing, so the seed also works on a database without it."""
    province = geothai.province(places.PROVINCE_CODE)
    if province is None:
        raise LookupError(f"geothai does not know province {places.PROVINCE_CODE}")
    Province.objects.get_or_create(
        code=province.code, defaults={"name_th": province.name_th, "name_en": province.name_en}
    )
    districts = geothai.districts(places.PROVINCE_CODE)
    for district in districts:
        District.objects.get_or_create(
            code=district.code,
            defaults={
                "province_id": province.code,
                "name_th": district.name_th,
                "name_en": district.name_en,
            },
        )
        for sub in geothai.subdistricts(district.code):
            Subdistrict.objects.get_or_create(
                code=sub.code,
                defaults={
                    "district_id": district.code,
                    "name_th": sub.name_th,
                    "name_en": sub.name_en,
                    "postal_codes": list(sub.postal_codes),
                },
            )
    return len(districts)


def _municipality() -> Municipality:
    existing = Municipality.objects.filter(slug=places.MUNICIPALITY_SLUG).first()
    if existing is not None:
        return existing
    return municipality_services.municipality_create(
        slug=places.MUNICIPALITY_SLUG,
        name_th=places.MUNICIPALITY_NAME_TH,
        name_en=places.MUNICIPALITY_NAME_EN,
        province_code=places.PROVINCE_CODE,
    )


def _vendor_row(plan: VendorPlan, municipality: Municipality) -> Vendor:
    """A shop as the operators would have left it after review.

    Written directly rather than with `vendor_apply` + `vendor_approve`: approval stamps the
    wall-clock time and e-mails the owners, neither of which seed data should do. The same
    checks run: the place must agree (`location_validate`), the phone must be Thai, full_clean.
    """
    spec = plan.spec
    postal_code = Subdistrict.objects.get(code=spec.subdistrict).postal_codes[0]
    location_validate(
        province_code=municipality.province_id,
        district_code=spec.district,
        subdistrict_code=spec.subdistrict,
        postal_code=postal_code,
    )
    phone = thai_phone_normalize(plan.phone)
    if phone is None:
        raise ValueError(f"not a Thai phone number: {plan.phone}")
    reviewed = spec.status in (VendorStatus.APPROVED, VendorStatus.SUSPENDED)
    vendor = Vendor(
        slug=spec.slug,
        name_th=spec.name_th,
        name_en=spec.name_en,
        kind=spec.kind,
        status=spec.status,
        status_reason=SUSPENSION_REASON if spec.status == VendorStatus.SUSPENDED else "",
        story_th=plan.story_th,
        story_en=plan.story_en,
        municipality=municipality,
        district_id=spec.district,
        subdistrict_id=spec.subdistrict,
        postal_code=postal_code,
        otop_stars=plan.otop_stars,
        geographical_indication=plan.geographical_indication,
        community_product_standard=plan.community_product_standard,
        phone=phone,
        line_id=plan.line_id,
        email=plan.email,
        commission_rate=Decimal(plan.commission_rate),
        approved_at=DEMO_EPOCH - timedelta(days=plan.approved_day) if reviewed else None,
    )
    vendor.full_clean()
    vendor.save()
    return vendor


def _vendors(seed: int, municipality: Municipality, result: SeedResult) -> dict[str, Vendor]:
    existing = {v.slug: v for v in Vendor.objects.filter(slug__in=[s.slug for s in VENDORS])}
    plans = vendor_plans(seed)
    with transaction.atomic():
        for spec in VENDORS:
            if spec.slug not in existing:
                existing[spec.slug] = _vendor_row(plans[spec.slug], municipality)
                result.created["vendors"] += 1
    return existing


def _locations(seed: int, vendors: dict[str, Vendor], result: SeedResult) -> dict[int, int]:
    """Each shop's default stock location (its workshop), made with the inventory service."""
    found = dict(
        StockLocation.objects.filter(vendor__in=vendors.values(), is_default=True).values_list(
            "vendor_id", "pk"
        )
    )
    for vendor in vendors.values():
        if vendor.pk in found:
            continue
        rng = random.Random(f"kad-demo:{seed}:location:{vendor.slug}")  # noqa: S311 (demo data)
        sub = Subdistrict.objects.get(code=vendor.subdistrict_id)
        location = inventory_services.location_create(
            vendor=vendor,
            name=vendor.name_th,
            address=f"{rng.randint(1, 220)} หมู่ {rng.randint(1, 14)} ตำบล{sub.name_th}",
            district_code=vendor.district_id,
            subdistrict_code=vendor.subdistrict_id,
            postal_code=vendor.postal_code,
            is_default=True,
        )
        found[vendor.pk] = location.pk
        result.created["locations"] += 1
    return found


def _artisan(vendor: Vendor) -> None:
    """One artisan login owning one shop, to try the vendor portal with."""
    user, created = User.objects.get_or_create(
        email=DEMO_ARTISAN_EMAIL, defaults={"first_name": "ศรีนวล", "last_name": "ใจมา"}
    )
    if created:
        user.set_password(DEMO_ARTISAN_PASSWORD)
        user.save(update_fields=["password"])
    VendorMembership.objects.get_or_create(
        user=user, vendor=vendor, defaults={"role": MembershipRole.OWNER}
    )


# --- catalogue skeleton -----------------------------------------------------------------------


@dataclass
class Skeleton:
    categories: dict[str, int]
    product_types: dict[str, int]
    values: dict[tuple[str, str], int]  # (attribute slug, value slug) -> AttributeValue id


def _skeleton(result: SeedResult) -> Skeleton:
    categories = {
        c.slug: c for c in Category.objects.filter(slug__in=[s.slug for s in catalogue.CATEGORIES])
    }
    for order, spec in enumerate(catalogue.CATEGORIES):
        if spec.slug not in categories:
            categories[spec.slug] = catalog_services.category_create(
                name_th=spec.name_th,
                name_en=spec.name_en,
                slug=spec.slug,
                parent=categories[spec.parent] if spec.parent else None,
                description_th=f"<p>{spec.description_th}</p>",
                description_en=f"<p>{spec.description_en}</p>",
                sort_order=order,
            )
            result.created["categories"] += 1
    attributes = {a.slug: a for a in Attribute.objects.filter(slug__in=catalogue.ATTRIBUTES)}
    values: dict[tuple[str, str], int] = {
        (attribute, slug): pk
        for attribute, slug, pk in AttributeValue.objects.filter(
            attribute__slug__in=catalogue.ATTRIBUTES
        ).values_list("attribute__slug", "slug", "pk")
    }
    for slug, (name_th, name_en, choices) in catalogue.ATTRIBUTES.items():
        if slug not in attributes:
            attributes[slug] = catalog_services.attribute_create(
                name_th=name_th, name_en=name_en, slug=slug
            )
        for order, (value_slug, value_th, value_en) in enumerate(choices):
            if (slug, value_slug) not in values:
                value = catalog_services.attribute_value_create(
                    attribute=attributes[slug],
                    name_th=value_th,
                    name_en=value_en,
                    slug=value_slug,
                    sort_order=order,
                )
                values[(slug, value_slug)] = value.pk
                result.created["attribute_values"] += 1
    product_types = {
        t.slug: t.pk
        for t in ProductType.objects.filter(slug__in=[p.slug for p in catalogue.PRODUCT_TYPES])
    }
    for type_spec in catalogue.PRODUCT_TYPES:
        if type_spec.slug not in product_types:
            product_types[type_spec.slug] = catalog_services.product_type_create(
                name_th=type_spec.name_th,
                name_en=type_spec.name_en,
                slug=type_spec.slug,
                product_attributes=[attributes[a] for a in type_spec.product_attributes],
                variant_attributes=[attributes[a] for a in type_spec.variant_attributes],
            ).pk
            result.created["product_types"] += 1
    result.totals.update(
        categories=len(categories), product_types=len(product_types), attribute_values=len(values)
    )
    return Skeleton(
        categories={slug: c.pk for slug, c in categories.items()},
        product_types=product_types,
        values=values,
    )


def _pictures() -> dict[str, str]:
    """Draw each demo picture once and store it (kept between runs: drawing is skipped then)."""
    names = {}
    for key in pictures.image_keys():
        name = f"{PICTURES_DIR}/{key}.jpg"
        if not default_storage.exists(name):
            data = images.encode(pictures.draw(key), "JPEG")
            name = default_storage.save(name, ContentFile(data))
        names[key] = name
    return names


# --- products in bulk -------------------------------------------------------------------------


def _write_products(
    *,
    seed: int,
    count: int,
    vendors: dict[str, Vendor],
    locations: dict[int, int],
    skeleton: Skeleton,
    picture_names: dict[str, str],
    result: SeedResult,
    progress: bool,
) -> None:
    """Write products 0..count-1 of the plan that are not there yet, in batches.

    Why bulk rather than `product_create` / `variant_create` / `product_publish` / `stock_set` /
    `media_add` per item: those run about fifteen statements per product (locks, checks, one
    insert per row, one renditions task per photo) — hours for the 100,000 products the benchmarks
    need, and `product_publish` stamps the wall-clock time, which would make the data differ per
    run. The rows written here obey the same rules the services enforce: descriptions go through
    the same sanitiser, published products have priced variants, compare-at prices are above the
    price, attribute values belong to the product type, stock quantities are ≥ 0 with nothing
    allocated, and the database constraints check the rest. Each batch is one transaction, so a
    product exists with all its variants, stock and photo, or not at all.
    """
    ready = _ready_renditions(picture_names)
    vendor_ids = {slug: v.pk for slug, v in vendors.items()}
    bar = tqdm(total=count, unit="product", disable=not progress, file=sys.stderr)
    for start in range(0, count, BATCH_SIZE):
        plans = [
            product_plan(seed=seed, index=i) for i in range(start, min(count, start + BATCH_SIZE))
        ]
        with transaction.atomic():
            taken = set(
                Product.objects.filter(slug__in=[p.slug for p in plans]).values_list(
                    "slug", flat=True
                )
            )
            new = [p for p in plans if p.slug not in taken]
            if new:
                _write_batch(new, vendor_ids, locations, skeleton, picture_names, ready, result)
        bar.update(len(plans))
    bar.close()


def _ready_renditions(picture_names: dict[str, str]) -> dict[str, dict[str, object]]:
    """Renditions already made for each picture by an earlier run."""
    found: dict[str, dict[str, object]] = {}
    rows = ProductMedia.objects.filter(
        image__in=list(picture_names.values()), status=MediaStatus.READY
    ).values_list("image", "renditions")
    for name, renditions in rows:
        found.setdefault(name, renditions)
    return found


def _write_batch(
    plans: list[ProductPlan],
    vendor_ids: dict[str, int],
    locations: dict[int, int],
    skeleton: Skeleton,
    picture_names: dict[str, str],
    ready: dict[str, dict[str, object]],
    result: SeedResult,
) -> None:
    products = Product.objects.bulk_create(
        [
            Product(
                vendor_id=vendor_ids[p.vendor_slug],
                product_type_id=skeleton.product_types[p.product_type_slug],
                category_id=skeleton.categories[p.category_slug],
                slug=p.slug,
                name_th=p.name_th,
                name_en=p.name_en,
                description_th=sanitize_rich_text(p.description_th),
                description_en=sanitize_rich_text(p.description_en),
                status=p.status,
                maker=p.maker,
                materials=p.materials,
                lead_time_days=p.lead_time_days,
                made_to_order=p.made_to_order,
                published_at=(
                    DEMO_EPOCH + timedelta(days=p.published_day)
                    if p.status == ProductStatus.PUBLISHED and p.published_day is not None
                    else None
                ),
            )
            for p in plans
        ]
    )
    variant_rows: list[ProductVariant] = []
    for plan, product in zip(plans, products, strict=True):
        if plan.status == ProductStatus.PUBLISHED and not plan.variants:
            raise ValueError(f"published product {plan.slug} has no variant")
        variant_rows.extend(
            ProductVariant(
                product_id=product.pk,
                sku=v.sku,
                name=v.name,
                price=v.price,
                compare_at_price=v.compare_at_price,
                weight_grams=v.weight_grams,
                sort_order=v.sort_order,
            )
            for v in plan.variants
        )
    variants = ProductVariant.objects.bulk_create(variant_rows, batch_size=BATCH_SIZE)
    variant_plans = [v for plan in plans for v in plan.variants]
    vendor_of = {product.pk: product.vendor_id for product in products}
    Stock.objects.bulk_create(
        [
            Stock(
                variant_id=variant.pk,
                location_id=locations[vendor_of[variant.product_id]],
                quantity=plan.quantity,
                quantity_allocated=0,
            )
            for variant, plan in zip(variants, variant_plans, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    ProductValues = Product.attribute_values.through
    ProductValues.objects.bulk_create(
        [
            ProductValues(product_id=product.pk, attributevalue_id=skeleton.values[attr])
            for plan, product in zip(plans, products, strict=True)
            for attr in plan.attributes
        ],
        batch_size=BATCH_SIZE,
    )
    VariantValues = ProductVariant.attribute_values.through
    VariantValues.objects.bulk_create(
        [
            VariantValues(productvariant_id=variant.pk, attributevalue_id=skeleton.values[attr])
            for variant, plan in zip(variants, variant_plans, strict=True)
            for attr in plan.attributes
        ],
        batch_size=BATCH_SIZE,
    )
    media = []
    for plan, product in zip(plans, products, strict=True):
        name = picture_names[plan.image_key]
        renditions = ready.get(name)
        media.append(
            ProductMedia(
                product_id=product.pk,
                image=name,
                alt_th=plan.name_th[:250],
                alt_en=plan.name_en[:250],
                sort_order=0,
                width=pictures.SIZE,
                height=pictures.SIZE,
                status=MediaStatus.READY if renditions else MediaStatus.PROCESSING,
                renditions=renditions or {},
            )
        )
    ProductMedia.objects.bulk_create(media, batch_size=BATCH_SIZE)
    result.created["products"] += len(products)
    result.created["variants"] += len(variants)
    result.created["stocks"] += len(variants)
    result.created["media"] += len(media)


def _renditions(picture_names: dict[str, str]) -> None:
    """Make each picture's renditions once, with the catalogue's own renditions service, and
    share them with every photo that shows the same picture.

    The first photo of a picture owns the rendition files (they are named after its id)."""
    for name in picture_names.values():
        waiting = ProductMedia.objects.filter(image=name).exclude(status=MediaStatus.READY)
        first = waiting.order_by("pk").first()
        if first is None:
            continue
        done = (
            ProductMedia.objects.filter(image=name, status=MediaStatus.READY)
            .values_list("renditions", flat=True)
            .first()
        )
        if not done:
            images.media_renditions_make(media_id=first.pk)
            done = ProductMedia.objects.values_list("renditions", flat=True).get(pk=first.pk)
        waiting.update(renditions=done, status=MediaStatus.READY)


# --- collections ------------------------------------------------------------------------------


def _collection_picks(seed: int, count: int) -> dict[str, list[str]]:
    """For each collection, the slugs of the first published products of its families (by plan
    order, among the first few thousand products, so picks stay put as the catalogue grows)."""
    approved = {s.slug for s in VENDORS if s.status == VendorStatus.APPROVED}
    picks: dict[str, list[str]] = {c.slug: [] for c in catalogue.COLLECTIONS}
    for plan in _plans(seed, min(count, 3000)):
        if plan.status != ProductStatus.PUBLISHED or plan.vendor_slug not in approved:
            continue
        for spec in catalogue.COLLECTIONS:
            if plan.family in spec.families and len(picks[spec.slug]) < spec.size:
                picks[spec.slug].append(plan.slug)
    return picks


def _plans(seed: int, count: int) -> Iterable[ProductPlan]:
    return (product_plan(seed=seed, index=i) for i in range(count))


def _collections(seed: int, count: int, result: SeedResult) -> None:
    picks = _collection_picks(seed, count)
    existing = {c.slug: c for c in Collection.objects.filter(slug__in=picks)}
    for order, spec in enumerate(catalogue.COLLECTIONS):
        collection = existing.get(spec.slug)
        if collection is None:
            collection = catalog_services.collection_create(
                name_th=spec.name_th,
                name_en=spec.name_en,
                slug=spec.slug,
                description_th=f"<p>{spec.description_th}</p>",
                description_en=f"<p>{spec.description_en}</p>",
                is_published=True,
                is_featured=spec.is_featured,
                sort_order=order,
            )
            result.created["collections"] += 1
        wanted = set(picks[spec.slug])
        present = set(collection.products.filter(slug__in=wanted).values_list("slug", flat=True))
        if wanted - present:
            catalog_services.collection_add_products(
                collection=collection,
                products=list(Product.objects.filter(slug__in=wanted - present)),
            )
