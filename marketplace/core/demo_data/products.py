"""Product compositions: each family turns a seeded random generator into a product draft.

The families live in `textiles`, `crafts` and `foods`: names are built from tables (item by
pattern by colour for cloth, item by style for pottery, product by weight for longan, …) and
descriptions from a few sentences per family, so that 300 or 100,000 products read like real
listings. Everything here is pure and deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from marketplace.core.demo_data.crafts import bamboo, pottery, wood
from marketplace.core.demo_data.drafts import ProductDraft
from marketplace.core.demo_data.foods import dried_longan, herbal, honey, longan_goods
from marketplace.core.demo_data.textiles import cotton, silk


@dataclass(frozen=True)
class Family:
    key: str
    category: str
    product_type: str
    weight: int  # share of the catalogue
    images: int  # distinct pictures drawn for it
    compose: Callable[[random.Random, str, str], ProductDraft]  # (rng, place th, place en)
    stock: tuple[int, int]  # usual quantity range per variant


FAMILIES: tuple[Family, ...] = (
    Family("silk", "silk-brocade", "textile", 20, 8, silk, (1, 12)),
    Family("cotton", "handwoven-cotton", "textile", 17, 6, cotton, (2, 30)),
    Family("pottery", "pottery", "pottery", 14, 6, pottery, (1, 25)),
    Family("wood", "wood-carving", "woodcraft", 11, 5, wood, (1, 10)),
    Family("bamboo", "bamboo-basketry", "basketry", 10, 5, bamboo, (3, 40)),
    Family("dried_longan", "dried-longan", "food", 9, 4, dried_longan, (10, 120)),
    Family("honey", "longan-honey", "food", 5, 3, honey, (5, 60)),
    Family("longan_goods", "longan-treats", "food", 6, 6, longan_goods, (10, 80)),
    Family("herbal", "herbal-products", "herbal", 8, 5, herbal, (10, 80)),
)
FAMILY_BY_KEY = {family.key: family for family in FAMILIES}
