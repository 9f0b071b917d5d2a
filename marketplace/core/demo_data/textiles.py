"""Cloth: Lamphun silk brocade (item by pattern by colour) and hand-woven cotton."""

from __future__ import annotations

import random

from marketplace.core.demo_data.drafts import Item, ProductDraft, sized, vn

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
        variants=sized(rng, item, _LENGTH),
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
        variants=sized(rng, item, _CLOTH),
        image=colour_index % 6,
    )
