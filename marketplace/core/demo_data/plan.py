"""The demo's full plan: what every vendor, product, variant and stock row should look like.

Product number `i` of seed `s` depends only on (s, i) — it has a random generator of its own —
so seeding 10,000 products and then 100,000 extends the first catalogue instead of replacing it,
and a second run can recognise every row by its natural key (product slug, variant SKU).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache

import geothai
from django.utils.text import slugify

from marketplace.core.demo_data.catalogue import VALUE_NAMES
from marketplace.core.demo_data.drafts import Attr, html_paragraphs, thb
from marketplace.core.demo_data.products import FAMILIES
from marketplace.core.demo_data.vendors import (
    APPROVED,
    INDIVIDUAL,
    PENDING,
    VENDORS,
    VendorPlan,
    VendorSpec,
    vendor_plan,
)

# Dates in the demo are counted from here, never from the wall clock, so data is reproducible.
DEMO_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)

MAKERS = (
    "แม่บัวผัด คำมา",
    "ป้าคำปัน ใจดี",
    "แม่จันทร์ทิพย์ อินทะวงศ์",
    "ยายศรีทน ปัญญา",
    "แม่อำพัน ธิมา",
    "ป้าบุญศรี วงศ์ชัย",
    "แม่แสงเดือน ยาวิชัย",
    "พ่อทองสุข สุริยา",
    "ลุงมา อุ่นเรือน",
    "แม่มาลัย ดวงใจ",
)


@dataclass(frozen=True)
class VariantPlan:
    sku: str
    name: str
    price: Decimal
    compare_at_price: Decimal | None
    weight_grams: int
    attributes: tuple[Attr, ...]
    quantity: int
    sort_order: int


@dataclass(frozen=True)
class ProductPlan:
    index: int
    slug: str
    vendor_slug: str
    family: str
    category_slug: str
    product_type_slug: str
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    status: str
    attributes: tuple[Attr, ...]
    maker: str
    materials: str
    lead_time_days: int
    made_to_order: bool
    image_key: str
    published_day: int | None
    variants: tuple[VariantPlan, ...]


@cache
def vendor_plans(seed: int) -> dict[str, VendorPlan]:
    return {spec.slug: vendor_plan(spec, seed) for spec in VENDORS}


@cache
def _vendors_making(family: str) -> tuple[VendorSpec, ...]:
    return tuple(spec for spec in VENDORS if family in spec.crafts)


@cache
def _place(subdistrict_code: str) -> tuple[str, str, str, str]:
    sub = geothai.subdistrict(subdistrict_code)
    dist = geothai.district(subdistrict_code[:4])
    if sub is None or dist is None:
        raise LookupError(f"geothai does not know subdistrict {subdistrict_code}")
    return sub.name_th, sub.name_en, dist.name_th, dist.name_en


def product_slug(name_en: str, seed: int, index: int) -> str:
    return f"{slugify(name_en)[:120].strip('-')}-{seed}-{index + 1}"


def variant_sku(seed: int, index: int, position: int) -> str:
    return f"LPN{seed}-{index + 1:06d}-{position + 1}"


def _status(rng: random.Random, vendor_status: str) -> str:
    if vendor_status == PENDING:
        return "draft"  # a shop waiting for approval prepares its listings
    roll = rng.random()
    return "published" if roll < 0.95 else ("draft" if roll < 0.98 else "archived")


def product_plan(*, seed: int, index: int) -> ProductPlan:
    rng = random.Random(f"kad-demo:{seed}:product:{index}")  # noqa: S311 (demo data, not secrets)
    family = rng.choices(FAMILIES, weights=[f.weight for f in FAMILIES])[0]
    vendor = rng.choice(_vendors_making(family.key))
    sub_th, sub_en, dist_th, dist_en = _place(vendor.subdistrict)
    draft = family.compose(rng, sub_th, sub_en)
    maker = vendor.maker_th if vendor.kind == INDIVIDUAL else rng.choice(MAKERS)
    lead_time = rng.randint(14, 45) if draft.made_to_order else rng.randint(1, 3)
    discounted = rng.random() < 0.2
    markup = rng.uniform(1.12, 1.35)
    status = _status(rng, vendor.status)
    facts_th = (
        f"ผู้ผลิต: {vendor.name_th}",
        f"แหล่งผลิต: ตำบล{sub_th} อำเภอ{dist_th} จังหวัดลำพูน",
        f"สั่งทำ ใช้เวลาประมาณ {lead_time} วัน"
        if draft.made_to_order
        else f"จัดส่งภายใน {lead_time} วันทำการ",
    )
    facts_en = (
        f"Made by: {vendor.name_en}",
        f"Made in: {sub_en}, {dist_en}, Lamphun",
        f"Made to order in about {lead_time} days"
        if draft.made_to_order
        else f"Ships within {lead_time} working days",
    )
    variants = []
    for position, variant in enumerate(draft.variants):
        attributes: list[Attr] = [("size", variant.size)]
        names = [VALUE_NAMES[("size", variant.size)][0]]
        if variant.colour:
            attributes.append(("colour", variant.colour))
            names.append(VALUE_NAMES[("colour", variant.colour)][0])
        if variant.size == "one-size" and variant.colour:
            names = names[1:]  # "เขียวเซลาดอน" says more than "ขนาดเดียว · เขียวเซลาดอน"
        if draft.made_to_order:
            quantity = rng.randint(0, 2)
        elif rng.random() < 0.08:
            quantity = 0
        else:
            quantity = rng.randint(*family.stock)
        variants.append(
            VariantPlan(
                sku=variant_sku(seed, index, position),
                name=" · ".join(names),
                price=variant.price,
                compare_at_price=thb(float(variant.price) * markup) if discounted else None,
                weight_grams=variant.weight_grams,
                attributes=tuple(attributes),
                quantity=quantity,
                sort_order=position,
            )
        )
    return ProductPlan(
        index=index,
        slug=product_slug(draft.name_en, seed, index),
        vendor_slug=vendor.slug,
        family=family.key,
        category_slug=family.category,
        product_type_slug=family.product_type,
        name_th=draft.name_th,
        name_en=draft.name_en,
        description_th=html_paragraphs(draft.paragraphs_th, facts_th),
        description_en=html_paragraphs(draft.paragraphs_en, facts_en),
        status=status,
        attributes=draft.attributes,
        maker=maker,
        materials=draft.materials,
        lead_time_days=lead_time,
        made_to_order=draft.made_to_order,
        image_key=f"{family.key}-{draft.image}",
        published_day=rng.randint(0, 364) if status == "published" else None,
        variants=tuple(variants),
    )


def product_plans(*, seed: int, count: int, start: int = 0) -> Iterable[ProductPlan]:
    for index in range(start, count):
        yield product_plan(seed=seed, index=index)


def checksum_rows(rows: Iterable[tuple[object, ...]]) -> str:
    """A short digest of (slug, name_th, name_en, sku, price, compare-at) rows, order-free."""
    digest = hashlib.sha256()
    for row in sorted("|".join("" if v is None else str(v) for v in r) for r in rows):
        digest.update(row.encode())
        digest.update(b"\n")
    return digest.hexdigest()[:16]


def plan_checksum(*, seed: int, count: int) -> str:
    return checksum_rows(
        (p.slug, p.name_th, p.name_en, v.sku, v.price, v.compare_at_price)
        for p in product_plans(seed=seed, count=count)
        for v in p.variants
    )


__all__ = ["APPROVED", "DEMO_EPOCH", "ProductPlan", "VariantPlan", "product_plan", "vendor_plans"]
