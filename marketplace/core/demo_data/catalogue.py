"""The demo catalogue's skeleton: category tree, attributes and their values, product types,
collections. Every row is keyed by a slug (the natural key the seed uses to stay idempotent)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    parent: str | None
    name_th: str
    name_en: str
    description_th: str
    description_en: str


CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec(
        "textiles",
        None,
        "ผ้าทอ",
        "Textiles",
        "ผ้าทอมือจากกี่พื้นเมืองของลำพูน",
        "Hand-woven cloth from Lamphun's looms.",
    ),
    CategorySpec(
        "silk-brocade",
        "textiles",
        "ผ้าไหมยกดอก",
        "Silk brocade",
        "ผ้าไหมยกดอกลำพูน สินค้าสิ่งบ่งชี้ทางภูมิศาสตร์ (GI)",
        "Lamphun silk brocade, a geographical indication (GI) product.",
    ),
    CategorySpec(
        "handwoven-cotton",
        "textiles",
        "ผ้าฝ้ายทอมือ",
        "Hand-woven cotton",
        "ผ้าฝ้ายทอมือ ย้อมสีธรรมชาติ",
        "Hand-woven cotton in natural dyes.",
    ),
    CategorySpec(
        "pottery",
        None,
        "เครื่องปั้นดินเผา",
        "Pottery",
        "ภาชนะและของตกแต่งจากดินลุ่มน้ำปิง",
        "Pots and homeware of Ping river clay.",
    ),
    CategorySpec(
        "wood-carving",
        None,
        "งานไม้แกะสลัก",
        "Wood carving",
        "งานไม้แกะสลักลายล้านนา",
        "Hand-carved wood in Lanna motifs.",
    ),
    CategorySpec(
        "bamboo-basketry",
        None,
        "งานจักสานไม้ไผ่",
        "Bamboo basketry",
        "ภาชนะจักสานจากไม้ไผ่",
        "Baskets and homeware woven from bamboo.",
    ),
    CategorySpec(
        "longan",
        None,
        "ลำไยและผลิตภัณฑ์ลำไย",
        "Longan and longan products",
        "ลำไยจากสวนลำพูนและผลิตภัณฑ์แปรรูป",
        "Longan from Lamphun's orchards and what is made from it.",
    ),
    CategorySpec(
        "dried-longan",
        "longan",
        "ลำไยอบแห้ง",
        "Dried longan",
        "ลำไยอบแห้งสีทองและลำไยอบทั้งเปลือก",
        "Golden dried longan, with or without shell.",
    ),
    CategorySpec(
        "longan-honey",
        "longan",
        "น้ำผึ้งดอกลำไย",
        "Longan-blossom honey",
        "น้ำผึ้งแท้จากสวนลำไย",
        "Pure honey from the longan orchards.",
    ),
    CategorySpec(
        "longan-treats",
        "longan",
        "ขนมและเครื่องดื่มจากลำไย",
        "Longan treats and drinks",
        "ขนม ชา และเครื่องดื่มที่แปรรูปจากลำไย",
        "Sweets, tea and drinks made from longan.",
    ),
    CategorySpec(
        "herbal-products",
        None,
        "สมุนไพร",
        "Herbal products",
        "ผลิตภัณฑ์สมุนไพรพื้นบ้าน",
        "Products made from local herbs.",
    ),
)

TIMES = "\u00d7"  # the multiplication sign of sizes ("30 x 160 cm")

# attribute slug -> (name_th, name_en, ((value slug, name_th, name_en), ...))
Value = tuple[str, str, str]
ATTRIBUTES: dict[str, tuple[str, str, tuple[Value, ...]]] = {
    "material": (
        "วัสดุ",
        "Material",
        (
            ("silk", "ไหม", "Silk"),
            ("cotton", "ฝ้าย", "Cotton"),
            ("clay", "ดินเผา", "Clay"),
            ("teak", "ไม้สัก", "Teak"),
            ("mango-wood", "ไม้มะม่วง", "Mango wood"),
            ("rain-tree", "ไม้ฉำฉา", "Rain tree wood"),
            ("bamboo", "ไม้ไผ่", "Bamboo"),
            ("longan", "ลำไย", "Longan"),
            ("honey", "น้ำผึ้ง", "Honey"),
            ("herbs", "สมุนไพร", "Herbs"),
        ),
    ),
    "technique": (
        "เทคนิค",
        "Technique",
        (
            ("brocade-weaving", "ทอยกดอก", "Brocade weaving"),
            ("hand-weaving", "ทอมือ", "Hand weaving"),
            ("natural-dyeing", "ย้อมสีธรรมชาติ", "Natural dyeing"),
            ("wheel-throwing", "ขึ้นรูปด้วยแป้นหมุน", "Wheel throwing"),
            ("hand-building", "ขึ้นรูปด้วยมือ", "Hand building"),
            ("hand-carving", "แกะสลักมือ", "Hand carving"),
            ("basket-weaving", "จักสาน", "Basket weaving"),
        ),
    ),
    "colour": (
        "สี",
        "Colour",
        (
            ("mangosteen-purple", "ม่วงเปลือกมังคุด", "Mangosteen purple"),
            ("lotus-pink", "ชมพูกลีบบัว", "Lotus pink"),
            ("golden", "ทองอร่าม", "Golden"),
            ("lac-red", "แดงครั่ง", "Lac red"),
            ("peacock-green", "เขียวนกยูง", "Peacock green"),
            ("navy-blue", "น้ำเงินกรมท่า", "Navy blue"),
            ("turmeric-yellow", "เหลืองขมิ้น", "Turmeric yellow"),
            ("ivory", "ขาวงาช้าง", "Ivory"),
            ("natural-indigo", "ครามธรรมชาติ", "Natural indigo"),
            ("natural-white", "ขาวฝ้ายธรรมชาติ", "Natural cotton white"),
            ("padauk-brown", "น้ำตาลเปลือกประดู่", "Padauk-bark brown"),
            ("ebony-black", "ดำมะเกลือ", "Ebony-fruit black"),
            ("almond-leaf-green", "เขียวใบหูกวาง", "Almond-leaf green"),
            ("terracotta", "ส้มอิฐ", "Terracotta"),
            ("celadon", "เขียวเซลาดอน", "Celadon green"),
            ("ash-brown", "น้ำตาลเคลือบขี้เถ้า", "Ash-glaze brown"),
            ("natural-bamboo", "สีไม้ไผ่ธรรมชาติ", "Natural bamboo"),
            ("smoked-brown", "น้ำตาลรมควัน", "Smoked brown"),
        ),
    ),
    "pattern": (
        "ลาย",
        "Pattern",
        (
            ("phikun", "ลายดอกพิกุล", "Phikun flower"),
            ("phikun-kan-yaeng", "ลายพิกุลก้านแย่ง", "Phikun with crossed stems"),
            ("dok-kaew", "ลายดอกแก้ว", "Orange jasmine"),
            ("kudan", "ลายกุดั่น", "Kudan"),
            ("phuttan", "ลายดอกพุดตาน", "Phuttan flower"),
            ("khruea-thao", "ลายเครือเถา", "Climbing vine"),
            ("prajam-yam", "ลายประจำยาม", "Prajam Yam"),
            ("dok-mali", "ลายดอกมะลิ", "Jasmine"),
            ("nam-lai", "ลายน้ำไหล", "Flowing water"),
            ("checked", "ลายตาหมากรุก", "Checked"),
            ("khit", "ลายขิด", "Khit"),
            ("mudmee", "ลายมัดหมี่", "Mudmee ikat"),
            ("karen-stripes", "ลายกะเหรี่ยง", "Karen stripes"),
            ("lanna-floral", "ลายพรรณพฤกษาล้านนา", "Lanna floral"),
            ("elephant", "ลายช้าง", "Elephant"),
            ("lotus", "ลายดอกบัว", "Lotus"),
            ("plain-weave", "ลายขัด", "Plain weave"),
            ("twill", "ลายสอง", "Twill"),
            ("chalaew", "ลายเฉลว", "Chalaew star"),
        ),
    ),
    "size": (
        "ขนาด",
        "Size",
        (
            ("1m", "1 เมตร", "1 m"),
            ("2m", "2 เมตร", "2 m"),
            ("3m", "3 เมตร", "3 m"),
            ("4m", "4 เมตร", "4 m"),
            ("30x160cm", f"30 {TIMES} 160 ซม.", f"30 {TIMES} 160 cm"),
            ("50x180cm", f"50 {TIMES} 180 ซม.", f"50 {TIMES} 180 cm"),
            ("60x200cm", f"60 {TIMES} 200 ซม.", f"60 {TIMES} 200 cm"),
            ("40x40cm", f"40 {TIMES} 40 ซม.", f"40 {TIMES} 40 cm"),
            ("150x220cm", f"150 {TIMES} 220 ซม.", f"150 {TIMES} 220 cm"),
            ("s", "S", "S"),
            ("m", "M", "M"),
            ("l", "L", "L"),
            ("xl", "XL", "XL"),
            ("one-size", "ขนาดเดียว", "One size"),
            ("small", "เล็ก", "Small"),
            ("medium", "กลาง", "Medium"),
            ("large", "ใหญ่", "Large"),
            ("15g", "15 กรัม", "15 g"),
            ("50g", "50 กรัม", "50 g"),
            ("100g", "100 กรัม", "100 g"),
            ("150g", "150 กรัม", "150 g"),
            ("200g", "200 กรัม", "200 g"),
            ("250g", "250 กรัม", "250 g"),
            ("500g", "500 กรัม", "500 g"),
            ("1kg", "1 กิโลกรัม", "1 kg"),
            ("50ml", "50 มล.", "50 ml"),
            ("100ml", "100 มล.", "100 ml"),
            ("250ml", "250 มล.", "250 ml"),
            ("500ml", "500 มล.", "500 ml"),
            ("1-piece", "1 ชิ้น", "1 piece"),
            ("3-pack", "แพ็ก 3 ชิ้น", "Pack of 3"),
            ("6-pack", "แพ็ก 6 ชิ้น", "Pack of 6"),
            ("10-sachets", "10 ซอง", "10 sachets"),
            ("20-sachets", "20 ซอง", "20 sachets"),
        ),
    ),
}

VALUE_NAMES: dict[tuple[str, str], tuple[str, str]] = {
    (attribute, slug): (name_th, name_en)
    for attribute, (_th, _en, values) in ATTRIBUTES.items()
    for slug, name_th, name_en in values
}


@dataclass(frozen=True)
class ProductTypeSpec:
    slug: str
    name_th: str
    name_en: str
    product_attributes: tuple[str, ...]
    variant_attributes: tuple[str, ...]


PRODUCT_TYPES: tuple[ProductTypeSpec, ...] = (
    ProductTypeSpec(
        "textile", "ผ้าทอ", "Textile", ("material", "technique", "pattern", "colour"), ("size",)
    ),
    ProductTypeSpec("pottery", "เครื่องปั้นดินเผา", "Pottery", ("material", "technique"), ("colour",)),
    ProductTypeSpec(
        "woodcraft", "งานไม้", "Woodcraft", ("material", "technique", "pattern"), ("size",)
    ),
    ProductTypeSpec(
        "basketry", "งานจักสาน", "Basketry", ("material", "technique", "pattern"), ("size", "colour")
    ),
    ProductTypeSpec("food", "อาหารแปรรูป", "Processed food", ("material",), ("size",)),
    ProductTypeSpec("herbal", "ผลิตภัณฑ์สมุนไพร", "Herbal product", ("material",), ("size",)),
)


@dataclass(frozen=True)
class CollectionSpec:
    slug: str
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    is_featured: bool
    families: tuple[str, ...]
    size: int


COLLECTIONS: tuple[CollectionSpec, ...] = (
    CollectionSpec(
        "lamphun-silk-brocade-gi",
        "ผ้าไหมยกดอกลำพูน สินค้า GI",
        "Lamphun silk brocade (GI)",
        "ผ้าไหมยกดอกลำพูนแท้จากกี่ของช่างทอในชุมชน",
        "Genuine Lamphun silk brocade from the village looms.",
        True,
        ("silk",),
        12,
    ),
    CollectionSpec(
        "from-the-longan-orchards",
        "ของฝากจากสวนลำไย",
        "From the longan orchards",
        "ลำไยอบแห้ง น้ำผึ้งดอกลำไย และขนมจากลำไย",
        "Dried longan, longan-blossom honey and longan treats.",
        True,
        ("dried_longan", "honey", "longan_goods"),
        12,
    ),
    CollectionSpec(
        "handmade-homeware",
        "ของแต่งบ้านทำมือ",
        "Handmade homeware",
        "เครื่องปั้นดินเผา งานไม้ และงานจักสานสำหรับบ้าน",
        "Pottery, carved wood and basketry for the home.",
        True,
        ("pottery", "wood", "bamboo"),
        12,
    ),
    CollectionSpec(
        "natural-dye-cotton",
        "ผ้าฝ้ายย้อมสีธรรมชาติ",
        "Natural-dye cotton",
        "ผ้าฝ้ายทอมือย้อมคราม ขมิ้น และเปลือกไม้",
        "Hand-woven cotton dyed with indigo, turmeric and bark.",
        False,
        ("cotton",),
        12,
    ),
    CollectionSpec(
        "herbal-wellbeing",
        "สมุนไพรเพื่อสุขภาพ",
        "Herbal wellbeing",
        "ลูกประคบ ยาหม่อง และชาสมุนไพรจากชุมชน",
        "Herbal compresses, balms and teas from the villages.",
        False,
        ("herbal",),
        8,
    ),
)
