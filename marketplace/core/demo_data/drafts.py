"""What a product family composes: drafts of products and variants, and price helpers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from marketplace.core.demo_data.catalogue import VALUE_NAMES

Attr = tuple[str, str]  # (attribute slug, value slug)


@dataclass(frozen=True)
class VariantDraft:
    size: str  # value slug of the "size" attribute
    price: Decimal
    weight_grams: int
    colour: str | None = None  # value slug of "colour" when the colour is a variant choice


@dataclass(frozen=True)
class ProductDraft:
    name_th: str
    name_en: str
    paragraphs_th: tuple[str, ...]
    paragraphs_en: tuple[str, ...]
    attributes: tuple[Attr, ...]
    materials: str
    variants: tuple[VariantDraft, ...]
    image: int  # which of the family's images shows it
    made_to_order: bool = False
    facts_th: tuple[str, ...] = field(default=())
    facts_en: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Item:
    slug: str
    name_th: str
    name_en: str
    sizes: tuple[str, ...]
    low: int  # price range of the first size, THB
    high: int
    grams: int


def thb(amount: float) -> Decimal:
    """A shop-like price: whole baht, rounded to 5 below 100 and to 10 above."""
    step = 5 if amount < 100 else 10
    return (Decimal(round(amount / step) * step)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def sized(rng: random.Random, item: Item, factors: dict[str, float]) -> tuple[VariantDraft, ...]:
    base = rng.uniform(item.low, item.high)
    count = rng.randint(1, len(item.sizes))
    return tuple(
        VariantDraft(
            size, thb(base * factors.get(size, 1.0)), int(item.grams * factors.get(size, 1.0))
        )
        for size in item.sizes[:count]
    )


def vn(attribute: str, slug: str) -> tuple[str, str]:
    return VALUE_NAMES[(attribute, slug)]


def html_paragraphs(paragraphs: tuple[str, ...], facts: tuple[str, ...] = ()) -> str:
    """Plain sentences as escaped HTML paragraphs (a list for the facts)."""
    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    if facts:
        body += "<ul>" + "".join(f"<li>{escape(fact)}</li>" for fact in facts) + "</ul>"
    return body
