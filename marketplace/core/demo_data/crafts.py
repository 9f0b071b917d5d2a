"""Crafts: pottery (item by style, glazes as variants), wood carving and bamboo basketry."""

from __future__ import annotations

import random

from marketplace.core.demo_data.drafts import Item, ProductDraft, VariantDraft, sized, thb, vn

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
        variants=sized(rng, item, _SIZE),
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
