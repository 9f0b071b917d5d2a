"""Longan (dried, honey, treats) and herbal products: product by weight or pack size."""

from __future__ import annotations

import random
from dataclasses import dataclass

from marketplace.core.demo_data.drafts import ProductDraft, VariantDraft, thb, vn

# --- Longan: dried, honey, treats -----------------------------------------------------------

_WEIGHT = {"100g": 0.1, "150g": 0.15, "200g": 0.2, "250g": 0.25, "500g": 0.5, "1kg": 1.0}


@dataclass(frozen=True)
class Food:
    name_th: str
    name_en: str
    sizes: tuple[str, ...]
    per_unit: tuple[int, int]  # price range per kg (or per unit of the first size)
    by_weight: bool
    grams: int  # weight of the first size for non-weight items
    text_th: str
    text_en: str


DRIED_LONGAN = (
    Food(
        "ลำไยอบแห้งสีทอง เนื้อล้วน",
        "Golden dried longan flesh",
        ("100g", "250g", "500g", "1kg"),
        (420, 650),
        True,
        0,
        "เนื้อลำไยอบแห้งสีทอง หวานหอม ไม่ใส่น้ำตาล",
        "Golden dried longan flesh, sweet and fragrant, no added sugar.",
    ),
    Food(
        "ลำไยอบแห้งทั้งเปลือก",
        "Dried longan in the shell",
        ("500g", "1kg"),
        (110, 190),
        True,
        0,
        "ลำไยอบทั้งเปลือกแบบดั้งเดิม เนื้อหนา เก็บได้นาน",
        "Traditional shell-on dried longan, thick-fleshed and long-keeping.",
    ),
    Food(
        "ลำไยอบแห้งเกรด AA",
        "Grade AA dried longan",
        ("250g", "500g", "1kg"),
        (520, 780),
        True,
        0,
        "คัดเฉพาะผลใหญ่เกรด AA เนื้อแน่น สีทองสวย",
        "Only large grade-AA fruit, firm and evenly golden.",
    ),
    Food(
        "ลำไยอบน้ำผึ้ง",
        "Honey-dried longan",
        ("100g", "250g"),
        (600, 850),
        True,
        0,
        "ลำไยอบแห้งเคลือบน้ำผึ้งดอกลำไยบาง ๆ",
        "Dried longan with a thin glaze of longan honey.",
    ),
)
HONEY = (
    Food(
        "น้ำผึ้งดอกลำไยแท้ 100%",
        "Pure longan-blossom honey",
        ("250g", "500g", "1kg"),
        (380, 560),
        True,
        0,
        "น้ำผึ้งแท้จากดอกลำไย สีเหลืองอำพัน หอมกลิ่นดอกลำไย",
        "Pure amber honey with the scent of longan blossom.",
    ),
    Food(
        "น้ำผึ้งรวงดอกลำไย",
        "Longan honey in the comb",
        ("250g", "500g"),
        (700, 950),
        True,
        0,
        "น้ำผึ้งทั้งรวงตัดจากรังในสวนลำไย",
        "Whole honeycomb cut from hives in the orchard.",
    ),
    Food(
        "น้ำผึ้งดอกลำไยแบบครีม",
        "Creamed longan honey",
        ("250g",),
        (520, 700),
        True,
        0,
        "น้ำผึ้งดอกลำไยตีเป็นครีม เนื้อเนียน ทาขนมปังง่าย",
        "Longan honey whipped smooth and spreadable.",
    ),
)
LONGAN_TREATS = (
    Food(
        "น้ำลำไยเข้มข้น",
        "Longan juice concentrate",
        ("250ml", "500ml"),
        (65, 95),
        False,
        300,
        "น้ำลำไยเข้มข้น ผสมน้ำ 1 ต่อ 4 ดื่มเย็นชื่นใจ",
        "Concentrated longan juice: mix one part to four of water and serve cold.",
    ),
    Food(
        "ชาลำไย",
        "Longan tea",
        ("10-sachets", "20-sachets"),
        (85, 120),
        False,
        80,
        "ชาลำไยอบแห้งแบบซอง ชงง่าย หอมหวานโดยไม่ต้องเติมน้ำตาล",
        "Dried-longan tea in sachets, naturally sweet without sugar.",
    ),
    Food(
        "ลำไยกวน",
        "Longan paste sweets",
        ("100g", "250g"),
        (55, 75),
        False,
        110,
        "ลำไยกวนสูตรโบราณ กวนในกระทะทองเหลือง",
        "Old-style longan paste, stirred in a brass pan.",
    ),
    Food(
        "ลำไยอบแห้งเคลือบช็อกโกแลต",
        "Chocolate-coated dried longan",
        ("100g", "250g"),
        (95, 130),
        False,
        110,
        "ลำไยอบแห้งเคลือบดาร์กช็อกโกแลต ของฝากยอดนิยม",
        "Dried longan coated in dark chocolate, a favourite gift.",
    ),
    Food(
        "แยมลำไย",
        "Longan jam",
        ("200g",),
        (85, 120),
        False,
        320,
        "แยมลำไยเนื้อแน่น หวานน้อย",
        "Chunky longan jam, lightly sweetened.",
    ),
    Food(
        "คุกกี้ลำไย",
        "Longan cookies",
        ("150g",),
        (89, 129),
        False,
        180,
        "คุกกี้เนยสดผสมลำไยอบแห้ง",
        "Butter cookies with pieces of dried longan.",
    ),
)
_PACK = {"500ml": 1.8, "20-sachets": 1.85, "250g": 2.3}


def _food(
    rng: random.Random,
    table: tuple[Food, ...],
    place_th: str,
    place_en: str,
    material: str,
    care_th: str,
    care_en: str,
) -> ProductDraft:
    index = rng.randrange(len(table))
    food = table[index]
    base = rng.uniform(*food.per_unit)
    sizes = food.sizes[: rng.randint(1, len(food.sizes))]
    variants = []
    for size in sizes:
        if food.by_weight:
            weight = _WEIGHT[size]
            # Larger packs cost a little less per kilogram.
            price = thb(base * weight * (1.15 if weight < 0.3 else 1.0))
            grams = int(weight * 1000) + 30
        else:
            price, grams = thb(base * _PACK.get(size, 1.0)), int(food.grams * _PACK.get(size, 1.0))
        variants.append(VariantDraft(size, price, grams))
    return ProductDraft(
        name_th=f"{food.name_th} {place_th}",
        name_en=f"{food.name_en} from {place_en}",
        paragraphs_th=(f"{food.text_th} ผลิตใน{place_th} จังหวัดลำพูน", care_th),
        paragraphs_en=(f"{food.text_en} Made in {place_en}, Lamphun.", care_en),
        attributes=(("material", material),),
        materials=vn("material", material)[0],
        variants=tuple(variants),
        image=index,
    )


def dried_longan(rng: random.Random, place_th: str, place_en: str) -> ProductDraft:
    return _food(
        rng,
        DRIED_LONGAN,
        place_th,
        place_en,
        "longan",
        "เก็บในภาชนะปิดสนิท ที่แห้งและเย็น",
        "Keep airtight in a cool, dry place.",
    )


def honey(rng: random.Random, place_th: str, place_en: str) -> ProductDraft:
    return _food(
        rng,
        HONEY,
        place_th,
        place_en,
        "honey",
        "น้ำผึ้งแท้อาจตกผลึกเมื่ออากาศเย็น อุ่นขวดในน้ำอุ่นจะกลับเป็นของเหลว",
        "Real honey may crystallise in the cold; stand the jar in warm water to melt it.",
    )


def longan_goods(rng: random.Random, place_th: str, place_en: str) -> ProductDraft:
    return _food(
        rng,
        LONGAN_TREATS,
        place_th,
        place_en,
        "longan",
        "เก็บในที่แห้งและเย็น เปิดแล้วควรเก็บในตู้เย็น",
        "Store cool and dry; refrigerate once opened.",
    )


# --- Herbal products ------------------------------------------------------------------------

HERBAL = (
    Food(
        "ยาหม่องไพล",
        "Plai herbal balm",
        ("15g", "50g"),
        (45, 70),
        False,
        30,
        "ยาหม่องจากไพลและการบูร บรรเทาอาการปวดเมื่อย",
        "Balm of plai and camphor for tired muscles.",
    ),
    Food(
        "ลูกประคบสมุนไพร",
        "Herbal compress ball",
        ("1-piece", "3-pack"),
        (65, 95),
        False,
        200,
        "ลูกประคบจากไพล ขมิ้นชัน ตะไคร้ และใบมะขาม นึ่งก่อนใช้",
        "Compress of plai, turmeric, lemongrass and tamarind leaves; steam before use.",
    ),
    Food(
        "สบู่สมุนไพรขมิ้นชัน",
        "Turmeric herbal soap",
        ("1-piece", "3-pack", "6-pack"),
        (45, 69),
        False,
        100,
        "สบู่ก้อนทำมือผสมขมิ้นชันและน้ำผึ้ง",
        "Handmade soap bar with turmeric and honey.",
    ),
    Food(
        "น้ำมันนวดไพล",
        "Plai massage oil",
        ("50ml", "100ml"),
        (90, 150),
        False,
        90,
        "น้ำมันนวดสกัดจากไพลสด กลิ่นหอมสดชื่น",
        "Massage oil from fresh plai, fresh-scented.",
    ),
    Food(
        "ชาใบหม่อน",
        "Mulberry-leaf tea",
        ("10-sachets", "20-sachets"),
        (69, 99),
        False,
        60,
        "ชาใบหม่อนอบแห้ง ชงดื่มได้ทั้งร้อนและเย็น",
        "Dried mulberry-leaf tea, good hot or iced.",
    ),
    Food(
        "สเปรย์ตะไคร้หอมกันยุง",
        "Citronella mosquito spray",
        ("50ml", "100ml"),
        (69, 120),
        False,
        80,
        "สเปรย์ตะไคร้หอมจากธรรมชาติ ใช้ได้ทั้งเด็กและผู้ใหญ่",
        "Natural citronella spray, mild enough for children.",
    ),
)
_HERBAL_PACK = {"50g": 2.4, "3-pack": 2.7, "6-pack": 5.0, "100ml": 1.7, "20-sachets": 1.85}


def herbal(rng: random.Random, place_th: str, place_en: str) -> ProductDraft:
    index = rng.randrange(len(HERBAL))
    item = HERBAL[index]
    base = rng.uniform(*item.per_unit)
    sizes = item.sizes[: rng.randint(1, len(item.sizes))]
    variants = tuple(
        VariantDraft(
            size,
            thb(base * _HERBAL_PACK.get(size, 1.0)),
            int(item.grams * _HERBAL_PACK.get(size, 1.0)),
        )
        for size in sizes
    )
    return ProductDraft(
        name_th=f"{item.name_th} {place_th}",
        name_en=f"{item.name_en} from {place_en}",
        paragraphs_th=(
            f"{item.text_th} ผลิตโดยกลุ่มสมุนไพรใน{place_th}",
            "ใช้ภายนอกเท่านั้น หยุดใช้หากเกิดการระคายเคือง"
            if index in (0, 1, 2, 3, 5)
            else "ชงกับน้ำร้อน 3 ถึง 5 นาที",
        ),
        paragraphs_en=(
            f"{item.text_en} Made by herbalists in {place_en}.",
            "For external use only; stop if irritation occurs."
            if index in (0, 1, 2, 3, 5)
            else "Steep in hot water for 3 to 5 minutes.",
        ),
        attributes=(("material", "herbs"),),
        materials="สมุนไพร",
        variants=variants,
        image=index % 5,
    )
