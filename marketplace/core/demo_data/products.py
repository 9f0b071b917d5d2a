"""Product compositions: each family turns a seeded random generator into a product draft.

Names are built from tables (item by pattern by colour for cloth, item by style for pottery,
product by weight for longan, …) and descriptions from a few sentences per family, so that
300 or 100,000 products read like real listings. Everything here is pure and deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Callable
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


def _sized(rng: random.Random, item: Item, factors: dict[str, float]) -> tuple[VariantDraft, ...]:
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


# --- Silk brocade -------------------------------------------------------------------------

SILK_COLOURS = (
    "mangosteen-purple",
    "lotus-pink",
    "golden",
    "lac-red",
    "peacock-green",
    "navy-blue",
    "turmeric-yellow",
    "ivory",
)
SILK_PATTERNS = (
    "phikun",
    "phikun-kan-yaeng",
    "dok-kaew",
    "kudan",
    "phuttan",
    "khruea-thao",
    "prajam-yam",
    "dok-mali",
)
SILK_ITEMS = (
    Item("sarong", "ผ้าซิ่น", "sarong length", ("2m", "4m"), 2800, 9500, 450),
    Item("dress", "ผ้าตัดชุด", "dress length", ("2m", "3m", "4m"), 3200, 8800, 450),
    Item("shawl", "ผ้าคลุมไหล่", "shawl", ("50x180cm", "60x200cm"), 1200, 3500, 250),
    Item("scarf", "ผ้าพันคอ", "scarf", ("30x160cm",), 650, 1600, 120),
    Item("cushion", "ปลอกหมอนอิง", "cushion cover", ("40x40cm",), 450, 950, 150),
    Item("runner", "ผ้ารองโต๊ะ", "table runner", ("30x160cm",), 900, 2200, 200),
)
_LENGTH = {"1m": 0.55, "2m": 1.0, "3m": 1.45, "4m": 1.9, "60x200cm": 1.3}


def silk(rng: random.Random, place_th: str, place_en: str) -> ProductDraft:
    item = rng.choice(SILK_ITEMS)
    colour_index = rng.randrange(len(SILK_COLOURS))
    colour, pattern = SILK_COLOURS[colour_index], rng.choice(SILK_PATTERNS)
    (colour_th, colour_en), (pattern_th, pattern_en) = vn("colour", colour), vn("pattern", pattern)
    thread_th, thread_en = rng.choice(
        (
            ("ไหมทอง", "gold thread"),
            ("ไหมเงิน", "silver thread"),
            ("ไหมสีเดียวกับพื้น", "self-colour silk"),
        )
    )
    made_to_order = item.slug in {"sarong", "dress"} and rng.random() < 0.3
    return ProductDraft(
        name_th=f"ผ้าไหมยกดอกลำพูน {item.name_th}{pattern_th} สี{colour_th}",
        name_en=f"Lamphun silk brocade {item.name_en}, {pattern_en} pattern, {colour_en.lower()}",
        paragraphs_th=(
            f"{item.name_th}ทอจากไหมแท้ด้วยกี่พื้นเมือง ยกดอก{pattern_th}ด้วย{thread_th}"
            f"บนพื้นสี{colour_th} ทอโดยช่างทอใน{place_th}",
            "ผ้าไหมยกดอกลำพูนเป็นสินค้าสิ่งบ่งชี้ทางภูมิศาสตร์ (GI) ลายทุกเส้นยกด้วยมือ ผ้าแต่ละผืนจึงมีเอกลักษณ์ของตัวเอง",
            "ควรซักแห้ง หรือซักมือเบา ๆ ด้วยน้ำยาสำหรับผ้าไหม และผึ่งในที่ร่ม",
        ),
        paragraphs_en=(
            f"A {item.name_en} of pure silk woven on a wooden loom, with the {pattern_en} "
            f"pattern lifted in {thread_en} on a {colour_en.lower()} ground. Woven in {place_en}.",
            "Lamphun silk brocade is a registered geographical indication (GI). Every pattern "
            "thread is lifted by hand, so no two pieces are quite alike.",
            "Dry-clean, or hand-wash gently with a silk detergent and dry in the shade.",
        ),
        attributes=(
            ("material", "silk"),
            ("technique", "brocade-weaving"),
            ("pattern", pattern),
            ("colour", colour),
        ),
        materials="ไหม, " + thread_th,
        variants=_sized(rng, item, _LENGTH),
        image=colour_index,
        made_to_order=made_to_order,
    )


# --- Hand-woven cotton ----------------------------------------------------------------------

COTTON_COLOURS = (
    "natural-indigo",
    "natural-white",
    "padauk-brown",
    "ebony-black",
    "turmeric-yellow",
    "lac-red",
    "almond-leaf-green",
)
COTTON_PATTERNS = ("nam-lai", "checked", "khit", "mudmee", "karen-stripes")
COTTON_ITEMS = (
    Item("pha-khao-ma", "ผ้าขาวม้า", "pha khao ma cloth", ("one-size",), 180, 450, 200),
    Item("scarf", "ผ้าพันคอ", "scarf", ("30x160cm", "50x180cm"), 250, 650, 120),
    Item("shirt", "เสื้อคอจีน", "mandarin-collar shirt", ("s", "m", "l", "xl"), 550, 1200, 250),
    Item("bag", "ย่าม", "shoulder bag", ("one-size",), 250, 690, 220),
    Item("tablecloth", "ผ้าปูโต๊ะ", "tablecloth", ("150x220cm",), 650, 1800, 600),
    Item("sarong", "ผ้าซิ่น", "sarong length", ("2m", "4m"), 650, 1900, 400),
)
_CLOTH = {"50x180cm": 1.35, "4m": 1.9, "xl": 1.08}


def cotton(rng: random.Random, place_th: str, place_en: str) -> ProductDraft:
    item = rng.choice(COTTON_ITEMS)
    colour_index = rng.randrange(len(COTTON_COLOURS))
    colour, pattern = COTTON_COLOURS[colour_index], rng.choice(COTTON_PATTERNS)
    (colour_th, colour_en), (pattern_th, pattern_en) = vn("colour", colour), vn("pattern", pattern)
    dye_th, dye_en = rng.choice(
        (
            ("ย้อมคราม", "dyed in indigo vats"),
            ("ย้อมสีจากเปลือกไม้และขมิ้น", "dyed with bark and turmeric"),
            ("ใช้ฝ้ายเข็นมือ", "woven from hand-spun yarn"),
        )
    )
    return ProductDraft(
        name_th=f"{item.name_th}ฝ้ายทอมือ {pattern_th} สี{colour_th}",
        name_en=f"Hand-woven cotton {item.name_en}, {pattern_en}, {colour_en.lower()}",
        paragraphs_th=(
            f"{item.name_th}ผ้าฝ้ายทอมือ{pattern_th} สี{colour_th} {dye_th} จากกลุ่มช่างทอใน{place_th}",
            "ผ้าฝ้ายทอมือเนื้อนุ่ม ระบายอากาศดี ยิ่งใช้ยิ่งนุ่ม",
            "ซักมือด้วยน้ำเย็น แยกซักจากผ้าสีอ่อนในครั้งแรก",
        ),
        paragraphs_en=(
            f"A hand-woven cotton {item.name_en} in the {pattern_en} pattern, "
            f"{colour_en.lower()}, {dye_en}, by weavers in {place_en}.",
            "Soft, breathable hand-woven cotton that gets softer with every wash.",
            "Hand-wash in cold water; wash apart from light colours the first time.",
        ),
        attributes=(
            ("material", "cotton"),
            ("technique", "hand-weaving"),
            ("technique", "natural-dyeing"),
            ("pattern", pattern),
            ("colour", colour),
        ),
        materials="ฝ้าย",
        variants=_sized(rng, item, _CLOTH),
        image=colour_index % 6,
    )


# --- Pottery --------------------------------------------------------------------------------

POTTERY_ITEMS = (
    Item("vase", "แจกันทรงสูง", "tall vase", ("one-size",), 350, 1200, 1200),
    Item(
        "water-jar", "หม้อน้ำดินเผาพร้อมฝา", "clay water jar with lid", ("one-size",), 450, 1500, 3000
    ),
    Item(
        "tea-set",
        "ชุดน้ำชา กาและถ้วย 4 ใบ",
        "tea set, pot and four cups",
        ("one-size",),
        690,
        2400,
        1800,
    ),
    Item("mug", "แก้วกาแฟดินเผา", "clay coffee mug", ("one-size",), 180, 390, 350),
    Item("plate", "จานเขียนลาย", "hand-painted plate", ("one-size",), 220, 650, 600),
    Item("plant-pot", "กระถางต้นไม้", "plant pot", ("one-size",), 150, 600, 1500),
    Item("lamp", "โคมไฟดินเผา", "clay lamp", ("one-size",), 590, 1900, 1400),
    Item("aroma", "เตาอโรมา", "aroma burner", ("one-size",), 190, 450, 500),
)
POTTERY_GLAZES = ("terracotta", "celadon", "ash-brown", "natural-indigo", "ivory")
POTTERY_STYLES = (
    ("ทรงล้านนา", "Lanna shape"),
    ("ลายขูดขีด", "incised lines"),
    ("ผิวเรียบ", "smooth finish"),
    ("ลายดอกพิกุล", "Phikun flower motif"),
    ("ลายเกลียวเชือก", "rope-twist band"),
)


def pottery(rng: random.Random, place_th: str, place_en: str) -> ProductDraft:
    item_index = rng.randrange(len(POTTERY_ITEMS))
    item = POTTERY_ITEMS[item_index]
    style_th, style_en = rng.choice(POTTERY_STYLES)
    technique = "wheel-throwing" if rng.random() < 0.7 else "hand-building"
    technique_th, technique_en = vn("technique", technique)
    base = rng.uniform(item.low, item.high)
    glazes = rng.sample(POTTERY_GLAZES, rng.randint(1, 3))
    variants = tuple(
        VariantDraft(
            "one-size",
            thb(base * (1.0 if glaze == "terracotta" else 1.15)),
            item.grams,
            colour=glaze,
        )
        for glaze in glazes
    )
    return ProductDraft(
        name_th=f"{item.name_th} {style_th}",
        name_en=f"{item.name_en.capitalize()}, {style_en}",
        paragraphs_th=(
            f"{item.name_th}{style_th} {technique_th}จากดินลุ่มน้ำปิง เผาในเตาฟืนที่{place_th}",
            "แต่ละชิ้นทำด้วยมือ สีและผิวจึงต่างกันเล็กน้อยตามไฟในเตา",
            "ล้างด้วยน้ำและสบู่อ่อน ไม่ควรใช้กับเตาไฟโดยตรง",
        ),
        paragraphs_en=(
            f"A {item.name_en} with a {style_en}, made by {technique_en.lower()} in Ping river "
            f"clay and fired in a wood kiln in {place_en}.",
            "Each piece is handmade, so colour and surface vary a little with the kiln's fire.",
            "Wash with water and mild soap; not for use on a direct flame.",
        ),
        attributes=(("material", "clay"), ("technique", technique)),
        materials="ดินเหนียว",
        variants=variants,
        image=item_index % 6,
    )


# --- Wood carving ---------------------------------------------------------------------------

WOOD_ITEMS = (
    Item("panel", "แผงไม้แกะสลัก", "wall panel", ("small", "medium", "large"), 900, 4500, 2500),
    Item("elephant", "ช้างไม้แกะสลัก", "elephant", ("small", "medium", "large"), 350, 1800, 700),
    Item("box", "กล่องไม้แกะลาย", "box", ("small", "medium"), 390, 1500, 600),
    Item("tray", "ถาดไม้แกะลาย", "tray", ("medium", "large"), 450, 1600, 900),
    Item("sign", "ป้ายบ้านเลขที่ไม้แกะสลัก", "house-number sign", ("medium",), 690, 2200, 1200),
    Item("frame", "กรอบรูปไม้แกะสลัก", "picture frame", ("small", "medium", "large"), 290, 1200, 500),
    Item("coasters", "ที่รองแก้วไม้ ชุด 6 ชิ้น", "set of six coasters", ("one-size",), 190, 450, 300),
)
WOODS = ("teak", "mango-wood", "rain-tree")
WOOD_MOTIFS = ("lanna-floral", "elephant", "lotus", "khruea-thao")
_SIZE = {"small": 1.0, "medium": 1.6, "large": 2.5}


def wood(rng: random.Random, place_th: str, place_en: str) -> ProductDraft:
    item_index = rng.randrange(len(WOOD_ITEMS))
    item = WOOD_ITEMS[item_index]
    timber, motif = rng.choice(WOODS), rng.choice(WOOD_MOTIFS)
    (timber_th, timber_en), (motif_th, motif_en) = vn("material", timber), vn("pattern", motif)
    made_to_order = item.slug in {"panel", "sign"} and rng.random() < 0.5
    return ProductDraft(
        name_th=f"{item.name_th} {timber_th} {motif_th}",
        name_en=f"Carved {timber_en.lower()} {item.name_en}, {motif_en} motif",
        paragraphs_th=(
            f"{item.name_th}จาก{timber_th} แกะสลัก{motif_th}ด้วยมือโดยสล่าใน{place_th}",
            "ขัดผิวและลงน้ำมันธรรมชาติ ไม่ใช้สารเคมีเคลือบเงา",
            "เช็ดด้วยผ้าแห้ง หลีกเลี่ยงแดดจัดและความชื้น",
        ),
        paragraphs_en=(
            f"A {item.name_en} in {timber_en.lower()}, hand-carved with a {motif_en} motif "
            f"by a craftsman (salah) in {place_en}.",
            "Sanded and finished with natural oil, no chemical varnish.",
            "Wipe with a dry cloth; keep out of strong sun and damp.",
        ),
        attributes=(("material", timber), ("technique", "hand-carving"), ("pattern", motif)),
        materials=timber_th,
        variants=_sized(rng, item, _SIZE),
        image=item_index % 5,
        made_to_order=made_to_order,
    )


# --- Bamboo basketry ------------------------------------------------------------------------

BAMBOO_ITEMS = (
    Item(
        "market-basket",
        "ตะกร้าจ่ายตลาด",
        "market basket",
        ("small", "medium", "large"),
        180,
        450,
        400,
    ),
    Item(
        "kratip", "กระติบข้าวเหนียว", "sticky-rice basket (kratip)", ("small", "medium"), 120, 280, 150
    ),
    Item("bag", "กระเป๋าสานไม้ไผ่", "woven bamboo bag", ("small", "medium"), 390, 1200, 350),
    Item("tray", "ถาดสาน", "woven tray", ("medium", "large"), 150, 390, 300),
    Item("lampshade", "โคมไฟไม้ไผ่", "bamboo lampshade", ("medium", "large"), 450, 1500, 500),
    Item("tissue-box", "กล่องใส่ทิชชู", "tissue box", ("one-size",), 120, 250, 200),
)
BAMBOO_WEAVES = ("plain-weave", "twill", "chalaew")


def bamboo(rng: random.Random, place_th: str, place_en: str) -> ProductDraft:
    item_index = rng.randrange(len(BAMBOO_ITEMS))
    item = BAMBOO_ITEMS[item_index]
    weave = rng.choice(BAMBOO_WEAVES)
    weave_th, weave_en = vn("pattern", weave)
    base = rng.uniform(item.low, item.high)
    sizes = item.sizes[: rng.randint(1, len(item.sizes))]
    colours = ("natural-bamboo", "smoked-brown")[: rng.randint(1, 2)]
    variants = tuple(
        VariantDraft(
            size,
            thb(base * _SIZE.get(size, 1.0) * (1.1 if colour != colours[0] else 1)),
            int(item.grams * _SIZE.get(size, 1.0)),
            colour=colour,
        )
        for size in sizes
        for colour in colours
    )[:4]
    return ProductDraft(
        name_th=f"{item.name_th} {weave_th}",
        name_en=f"Bamboo {item.name_en}, {weave_en.lower()}",
        paragraphs_th=(
            f"{item.name_th}สาน{weave_th}จากตอกไม้ไผ่ที่จักด้วยมือ โดยช่างจักสานใน{place_th}",
            "ไม้ไผ่ผ่านการต้มและรมควันเพื่อกันมอด แข็งแรงและใช้งานได้นาน",
            "เก็บในที่แห้ง หากเปียกน้ำให้ผึ่งลมจนแห้งสนิท",
        ),
        paragraphs_en=(
            f"A {item.name_en} in {weave_en.lower()}, woven from hand-split bamboo strips by "
            f"basket makers in {place_en}.",
            "The bamboo is boiled and smoked against borers, so it is strong and lasts.",
            "Keep dry; if it gets wet, let it air-dry completely.",
        ),
        attributes=(("material", "bamboo"), ("technique", "basket-weaving"), ("pattern", weave)),
        materials="ไม้ไผ่",
        variants=variants,
        image=item_index % 5,
    )


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


def html_paragraphs(paragraphs: tuple[str, ...], facts: tuple[str, ...] = ()) -> str:
    """Plain sentences as escaped HTML paragraphs (a list for the facts)."""
    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    if facts:
        body += "<ul>" + "".join(f"<li>{escape(fact)}</li>" for fact in facts) + "</ul>"
    return body
