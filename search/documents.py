"""The product document of the search index, and how it is built from the database.

Every text field is analysed in Python (search/thai.py) and indexed with Elasticsearch's built-in
`standard` analyzer (lowercase, split at spaces and at `thai.BOUNDARY`), so the mapping needs no
analysis plugin and works unchanged on the integ-test distribution, the official image or a
managed cloud. Only products shoppers may see are indexed.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, Max, Min, Q, Sum
from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Double,
    Integer,
    Keyword,
    Text,
)

from marketplace.catalog.models import Category, Product, ProductStatus, ProductVariant
from marketplace.inventory.models import Stock
from marketplace.vendors.models import Vendor, VendorStatus
from search import thai

STANDARD = "standard"


class ProductDocument(Document):
    id = Integer()
    slug = Keyword()
    title_th = Keyword(index=False)  # the names as written, for suggestions
    title_en = Keyword(index=False)
    # Thai: words separated by thai.BOUNDARY (kept for highlighting), and the finer words inside.
    name_th = Text(analyzer=STANDARD)
    name_th_parts = Text(analyzer=STANDARD)
    description_th = Text(analyzer=STANDARD)
    description_th_parts = Text(analyzer=STANDARD)
    name_en = Text(analyzer=STANDARD)
    description_en = Text(analyzer=STANDARD)
    name_romanised = Text(analyzer=STANDARD)
    name_sound = Text(analyzer="whitespace")
    # Category names, attribute values, materials, maker, vendor and places, in both scripts.
    facts_th = Text(analyzer=STANDARD)
    facts_en = Text(analyzer=STANDARD)
    category_id = Keyword()
    category_ids = Keyword()  # the category and its ancestors: a filter on a subtree
    category_path = Keyword()
    vendor_id = Keyword()
    vendor_name = Keyword()
    municipality_id = Keyword()
    district_code = Keyword()
    subdistrict_code = Keyword()
    attributes = Keyword()  # "material:silk"
    certifications = Keyword()  # "gi", "otop", "otop-5", "community-product-standard"
    price_min = Double()
    price_max = Double()
    in_stock = Boolean()
    stock_available = Integer()
    popularity = Integer()
    created = Date()
    fingerprint = Keyword(index=False)
    suggest = Completion(analyzer="keyword", search_analyzer="keyword", max_input_length=100)


def index_body() -> dict[str, Any]:
    """Settings and mapping of a new products index."""
    return {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"},
        "mappings": ProductDocument._doc_type.mapping.to_dict(),
    }


def shopper_visible(products: Any) -> Any:
    return products.filter(status=ProductStatus.PUBLISHED, vendor__status=VendorStatus.APPROVED)


@dataclass(frozen=True)
class ProductFacts:
    """What the index needs from the database for one product."""

    product: Product
    price_min: Decimal | None
    price_max: Decimal | None
    stock_available: int
    attributes: list[tuple[str, str, str, str]]  # attribute slug, value slug, name th, name en


def certifications(vendor: Vendor) -> list[str]:
    found = []
    if vendor.geographical_indication:
        found.append("gi")
    if vendor.otop_stars:
        found.extend(["otop", f"otop-{vendor.otop_stars}"])
    if vendor.community_product_standard:
        found.append("community-product-standard")
    return found


def _categories() -> dict[int, Category]:
    return {category.pk: category for category in Category.objects.all()}


def _ancestors(category: Category, categories: dict[int, Category]) -> list[Category]:
    ids = [int(part) for part in category.path.split("/") if part.isdigit()]
    chain = [categories[i] for i in ids if i in categories and i != category.pk]
    return [*chain, category]


def load_facts(product_ids: Sequence[int]) -> dict[int, ProductFacts]:
    """The visible products among `product_ids` with their prices, stock and attributes (five
    queries, whatever the number of products)."""
    products = list(
        shopper_visible(Product.objects.filter(pk__in=product_ids)).select_related(
            "vendor", "vendor__district", "vendor__subdistrict", "category"
        )
    )
    ids = [product.pk for product in products]
    prices = {
        row["product_id"]: (row["low"], row["high"])
        for row in ProductVariant.objects.filter(product_id__in=ids)
        .values("product_id")
        .annotate(low=Min("price"), high=Max("price"))
    }
    stock = {
        row["variant__product_id"]: int(row["available"] or 0)
        for row in Stock.objects.filter(
            variant__product_id__in=ids,
            location__vendor_id=F("variant__product__vendor_id"),
            quantity__gt=F("quantity_allocated"),
        )
        .values("variant__product_id")
        .annotate(available=Sum(F("quantity") - F("quantity_allocated")))
    }
    attributes: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
    value_fields = (
        "attributevalue__attribute__slug",
        "attributevalue__slug",
        "attributevalue__name_th",
        "attributevalue__name_en",
    )
    for product_id, *value in Product.attribute_values.through.objects.filter(
        product_id__in=ids
    ).values_list("product_id", *value_fields):
        attributes[product_id].append(tuple(value))
    for product_id, *value in ProductVariant.attribute_values.through.objects.filter(
        productvariant__product_id__in=ids
    ).values_list("productvariant__product_id", *value_fields):
        if tuple(value) not in attributes[product_id]:
            attributes[product_id].append(tuple(value))
    return {
        product.pk: ProductFacts(
            product=product,
            price_min=prices.get(product.pk, (None, None))[0],
            price_max=prices.get(product.pk, (None, None))[1],
            stock_available=stock.get(product.pk, 0),
            attributes=attributes[product.pk],
        )
        for product in products
    }


def fingerprint(
    product: Product,
    price_min: Decimal | None,
    price_max: Decimal | None,
    in_stock: bool,
) -> str:
    """What a stale document would differ in; the consistency check computes it in bulk."""
    raw = "|".join(
        str(value)
        for value in (
            product.updated_at.isoformat(),
            product.vendor.updated_at.isoformat(),
            price_min,
            price_max,
            in_stock,
            product.sales_count,
        )
    )
    return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:16]


def _suffixes(marked: str, *, most: int = 6) -> list[str]:
    """The text from its start and from each of its first words on (so "ยกดอก" and "brocade"
    complete "ผ้าไหมยกดอก…" and "Lamphun silk brocade…")."""
    starts = [0] + [i + 1 for i, char in enumerate(marked) if char in (thai.BOUNDARY, " ")]
    return [thai.unmark(marked[start:]).strip()[:100] for start in starts[:most]]


def _suggest_inputs(name_th: str, name_en: str, romanised: list[str]) -> list[str]:
    inputs = (
        _suffixes(thai.mark_boundaries(name_th))
        + _suffixes(thai.mark_fine_boundaries(name_th), most=8)
        + _suffixes(thai.normalise(name_en))
    )
    if romanised:
        inputs.extend(_suffixes(" ".join(romanised[:8]), most=4))
    return list(dict.fromkeys(i for i in inputs if i))


def build_document(facts: ProductFacts, categories: dict[int, Category]) -> ProductDocument:
    product, vendor = facts.product, facts.product.vendor
    chain = _ancestors(product.category, categories)
    name = thai.analyse(product.name_th)
    description = thai.analyse(thai.strip_html(product.description_th))
    facts_th_text = " ".join(
        [
            *(c.name_th for c in chain),
            *(value[2] for value in facts.attributes),
            product.materials,
            product.maker,
            vendor.name_th,
            vendor.district.name_th,
            vendor.subdistrict.name_th,
        ]
    )
    facts_en_text = " ".join(
        [
            *(c.name_en for c in chain),
            *(value[3] for value in facts.attributes),
            vendor.name_en,
            vendor.district.name_en,
            vendor.subdistrict.name_en,
        ]
    )
    facts_th = thai.analyse(facts_th_text)
    in_stock = facts.stock_available > 0
    popularity = product.sales_count
    return ProductDocument(
        meta={"id": product.pk},
        id=product.pk,
        slug=product.slug,
        title_th=product.name_th,
        title_en=product.name_en,
        name_th=name.marked,
        name_th_parts=" ".join(name.parts),
        description_th=description.marked,
        description_th_parts=" ".join(description.parts),
        name_en=product.name_en,
        description_en=thai.strip_html(product.description_en),
        name_romanised=" ".join(name.romanised),
        name_sound=" ".join(name.sounds),
        facts_th=" ".join([facts_th.marked, *facts_th.parts, *facts_th.romanised]),
        facts_en=facts_en_text,
        category_id=str(product.category_id),
        category_ids=[str(c.pk) for c in chain],
        category_path=" > ".join(c.name_th for c in chain),
        vendor_id=str(vendor.pk),
        vendor_name=vendor.name_th,
        municipality_id=str(vendor.municipality_id),
        district_code=vendor.district_id,
        subdistrict_code=vendor.subdistrict_id,
        attributes=[f"{value[0]}:{value[1]}" for value in facts.attributes],
        certifications=certifications(vendor),
        price_min=float(facts.price_min) if facts.price_min is not None else None,
        price_max=float(facts.price_max) if facts.price_max is not None else None,
        in_stock=in_stock,
        stock_available=facts.stock_available,
        popularity=popularity,
        created=product.published_at or product.created_at,
        fingerprint=fingerprint(product, facts.price_min, facts.price_max, in_stock),
        suggest={
            "input": _suggest_inputs(product.name_th, product.name_en, name.romanised),
            "weight": min(popularity, 10_000) + (10 if in_stock else 1),
        },
    )


def build_documents(product_ids: Sequence[int]) -> dict[int, ProductDocument | None]:
    """Documents of the given products; None for those shoppers may not see (or that are gone),
    which are to be removed from the index."""
    facts = load_facts(product_ids)
    categories = _categories() if facts else {}
    return {
        product_id: build_document(facts[product_id], categories) if product_id in facts else None
        for product_id in product_ids
    }


def search_text(document: ProductDocument) -> str:
    """The PostgreSQL backend's tsvector text: every word the index holds, space-separated."""
    thai_fields = (
        document.name_th,
        document.name_th_parts,
        document.name_romanised,
        document.facts_th,
        document.description_th,
        document.description_th_parts,
    )
    latin_fields = (document.name_en, document.facts_en, document.description_en)
    text = " ".join(str(value or "") for value in thai_fields).replace(thai.BOUNDARY, " ")
    words = text.split() + thai.segment(" ".join(str(value or "") for value in latin_fields))
    return " ".join(dict.fromkeys(words))


def visible_fingerprints(batch_size: int = 2000) -> Iterable[tuple[int, str]]:
    """(id, fingerprint) of every visible product, computed in the database in batches."""
    products = shopper_visible(Product.objects.all()).order_by("pk")
    last = 0
    while True:
        batch = list(
            products.filter(pk__gt=last)
            .select_related("vendor")
            .annotate(
                low=Min("variants__price"),
                high=Max("variants__price"),
            )
            .only("pk", "updated_at", "sales_count", "vendor__updated_at")[:batch_size]
        )
        if not batch:
            return
        ids = [p.pk for p in batch]
        in_stock = set(
            Stock.objects.filter(
                Q(quantity__gt=F("quantity_allocated")),
                variant__product_id__in=ids,
                location__vendor_id=F("variant__product__vendor_id"),
            ).values_list("variant__product_id", flat=True)
        )
        for product in batch:
            yield (
                product.pk,
                fingerprint(
                    product,
                    product.low,
                    product.high,
                    product.pk in in_stock,
                ),
            )
        last = ids[-1]
