"""The demo's shops: who they are, where they work, what they make.

The cast is fixed (every seed has the same shops, so links and screenshots stay valid); the
seed varies their contact details, certifications and stories. The shops and their makers are
invented; villages, subdistricts and districts are Lamphun's real ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import geothai

from marketplace.vendors.models import VendorKind, VendorStatus

INDIVIDUAL = VendorKind.INDIVIDUAL.value
ENTERPRISE = VendorKind.COMMUNITY_ENTERPRISE.value
OTOP = VendorKind.OTOP_GROUP.value
APPROVED = VendorStatus.APPROVED.value
PENDING = VendorStatus.PENDING.value
SUSPENDED = VendorStatus.SUSPENDED.value


@dataclass(frozen=True)
class VendorSpec:
    slug: str
    kind: str
    subdistrict: str  # geothai code; the district is its first four digits
    name_th: str
    name_en: str
    crafts: tuple[str, ...]  # product family keys, see demo_data.products.FAMILIES
    status: str = APPROVED
    maker_th: str = ""
    maker_en: str = ""

    @property
    def district(self) -> str:
        return self.subdistrict[:4]


V = VendorSpec
VENDORS: tuple[VendorSpec, ...] = (
    # Individual artisans
    V(
        "srinuan-silk-brocade",
        INDIVIDUAL,
        "510602",
        "ป้าศรีนวลผ้าไหมยกดอก",
        "Auntie Srinuan Silk Brocade",
        ("silk",),
        maker_th="ศรีนวล ใจมา",
        maker_en="Srinuan Jaima",
    ),
    V(
        "mae-buakham-loom-house",
        INDIVIDUAL,
        "510101",
        "บ้านช่างทอแม่บัวคำ",
        "Mae Buakham's Loom House",
        ("silk", "cotton"),
        maker_th="บัวคำ ปัญญาดี",
        maker_en="Buakham Panyadee",
    ),
    V(
        "uncle-somboon-wood-carving",
        INDIVIDUAL,
        "510701",
        "ลุงสมบูรณ์งานไม้แกะสลัก",
        "Uncle Somboon Wood Carving",
        ("wood",),
        maker_th="สมบูรณ์ อินต๊ะ",
        maker_en="Somboon Inta",
    ),
    V(
        "khru-in-pottery",
        INDIVIDUAL,
        "510103",
        "ครูอินทร์ดินเผา",
        "Khru In Pottery",
        ("pottery",),
        maker_th="อินทร์ สุริยะ",
        maker_en="In Suriya",
    ),
    V(
        "pho-luang-kham-longan",
        INDIVIDUAL,
        "510301",
        "สวนลำไยพ่อหลวงคำ",
        "Pho Luang Kham's Longan Orchard",
        ("dried_longan", "longan_goods"),
        maker_th="คำ วงศ์ใหญ่",
        maker_en="Kham Wongyai",
    ),
    V(
        "mae-chan-handspun-cotton",
        INDIVIDUAL,
        "510801",
        "แม่จันทร์ฝ้ายเข็น",
        "Mae Chan Hand-spun Cotton",
        ("cotton",),
        maker_th="จันทร์ดี แก้วมูล",
        maker_en="Chandee Kaewmoon",
    ),
    V(
        "salah-det-teak-works",
        INDIVIDUAL,
        "510604",
        "สล่าเดชไม้สัก",
        "Salah Det Teak Works",
        ("wood",),
        maker_th="เดช ธรรมวงศ์",
        maker_en="Det Thammawong",
    ),
    V(
        "grandma-kaew-herb-house",
        INDIVIDUAL,
        "510201",
        "บ้านสมุนไพรยายแก้ว",
        "Grandma Kaew's Herb House",
        ("herbal",),
        maker_th="แก้ว คำปัน",
        maker_en="Kaew Khampan",
    ),
    V(
        "uncle-no-bamboo-craft",
        INDIVIDUAL,
        "510501",
        "จักสานลุงหน่อ",
        "Uncle No Bamboo Craft",
        ("bamboo",),
        maker_th="หน่อ ปู่ทอง",
        maker_en="No Puthong",
    ),
    V(
        "tom-li-forest-honey",
        INDIVIDUAL,
        "510405",
        "น้ำผึ้งป่าลี้ พี่ต้อม",
        "Tom's Li Forest Honey",
        ("honey",),
        maker_th="ต้อม ศรีวิชัย",
        maker_en="Tom Siwichai",
    ),
    V(
        "khamsaeng-silk-house",
        INDIVIDUAL,
        "510111",
        "เรือนไหมคำแสง",
        "Khamsaeng Silk House",
        ("silk",),
        maker_th="คำแสง ยองเมือง",
        maker_en="Khamsaeng Yongmueang",
    ),
    V(
        "din-ngam-studio",
        INDIVIDUAL,
        "510803",
        "ดินงามสตูดิโอ",
        "Din Ngam Studio",
        ("pottery",),
        maker_th="ปวีณา ดินงาม",
        maker_en="Paweena Dinngam",
    ),
    V(
        "auntie-nuan-longan-farm",
        INDIVIDUAL,
        "510702",
        "ไร่ลำไยป้านวล",
        "Auntie Nuan's Longan Farm",
        ("dried_longan",),
        status=PENDING,
        maker_th="นวล ธิวงศ์",
        maker_en="Nuan Thiwong",
    ),
    # Community enterprises (วิสาหกิจชุมชน)
    V(
        "ban-nong-nguek-silk-brocade",
        ENTERPRISE,
        "510606",
        "วิสาหกิจชุมชนกลุ่มทอผ้าไหมยกดอกบ้านหนองเงือก",
        "Ban Nong Nguek Silk Brocade Community Enterprise",
        ("silk",),
    ),
    V(
        "ban-don-luang-cotton",
        ENTERPRISE,
        "510603",
        "วิสาหกิจชุมชนผ้าฝ้ายทอมือบ้านดอนหลวง",
        "Ban Don Luang Hand-woven Cotton Community Enterprise",
        ("cotton",),
    ),
    V(
        "nong-chang-khuen-longan",
        ENTERPRISE,
        "510104",
        "วิสาหกิจชุมชนแปรรูปลำไยหนองช้างคืน",
        "Nong Chang Khuen Longan Processing Community Enterprise",
        ("dried_longan", "longan_goods"),
    ),
    V(
        "ban-hong-beekeepers",
        ENTERPRISE,
        "510303",
        "วิสาหกิจชุมชนเลี้ยงผึ้งบ้านโฮ่ง",
        "Ban Hong Beekeepers Community Enterprise",
        ("honey", "longan_goods"),
    ),
    V(
        "tha-sop-sao-herbs",
        ENTERPRISE,
        "510202",
        "วิสาหกิจชุมชนสมุนไพรทาสบเส้า",
        "Tha Sop Sao Herbal Community Enterprise",
        ("herbal",),
    ),
    V(
        "ban-puang-bamboo",
        ENTERPRISE,
        "510502",
        "วิสาหกิจชุมชนจักสานไม้ไผ่บ้านปวง",
        "Ban Puang Bamboo Weavers Community Enterprise",
        ("bamboo",),
    ),
    V(
        "mae-tuen-karen-weavers",
        ENTERPRISE,
        "510402",
        "วิสาหกิจชุมชนทอผ้ากะเหรี่ยงแม่ตืน",
        "Mae Tuen Karen Weavers Community Enterprise",
        ("cotton",),
    ),
    V(
        "mueang-nga-pottery",
        ENTERPRISE,
        "510102",
        "วิสาหกิจชุมชนเครื่องปั้นดินเผาเหมืองง่า",
        "Mueang Nga Pottery Community Enterprise",
        ("pottery",),
    ),
    V(
        "huai-yap-woodcarvers",
        ENTERPRISE,
        "510702",
        "วิสาหกิจชุมชนไม้แกะสลักห้วยยาบ",
        "Huai Yap Woodcarvers Community Enterprise",
        ("wood",),
    ),
    V(
        "wiang-nong-long-silk",
        ENTERPRISE,
        "510802",
        "วิสาหกิจชุมชนผ้าไหมเวียงหนองล่อง",
        "Wiang Nong Long Silk Community Enterprise",
        ("silk",),
        status=PENDING,
    ),
    V(
        "tha-thung-luang-dried-longan",
        ENTERPRISE,
        "510205",
        "วิสาหกิจชุมชนลำไยอบแห้งทาทุ่งหลวง",
        "Tha Thung Luang Dried Longan Community Enterprise",
        ("dried_longan",),
    ),
    V(
        "ban-thi-herbs",
        ENTERPRISE,
        "510701",
        "วิสาหกิจชุมชนสมุนไพรบ้านธิ",
        "Ban Thi Herbal Community Enterprise",
        ("herbal", "longan_goods"),
    ),
    # OTOP groups
    V(
        "wiang-yong-silk-otop",
        OTOP,
        "510111",
        "กลุ่มโอทอปผ้าไหมยกดอกเวียงยอง",
        "Wiang Yong Silk Brocade OTOP Group",
        ("silk",),
    ),
    V(
        "pa-sang-cotton-otop",
        OTOP,
        "510602",
        "กลุ่มโอทอปผ้าฝ้ายป่าซาง",
        "Pa Sang Cotton OTOP Group",
        ("cotton",),
    ),
    V(
        "ban-pa-phlu-basketry-otop",
        OTOP,
        "510302",
        "กลุ่มโอทอปจักสานบ้านป่าพลู",
        "Ban Pa Phlu Basketry OTOP Group",
        ("bamboo",),
    ),
    V(
        "mae-tha-pottery-otop",
        OTOP,
        "510203",
        "กลุ่มโอทอปเครื่องปั้นดินเผาแม่ทา",
        "Mae Tha Pottery OTOP Group",
        ("pottery",),
    ),
    V(
        "li-wood-carving-otop",
        OTOP,
        "510401",
        "กลุ่มโอทอปไม้แกะสลักลี้",
        "Li Wood Carving OTOP Group",
        ("wood",),
    ),
    V(
        "wiang-nong-long-longan-otop",
        OTOP,
        "510801",
        "กลุ่มโอทอปลำไยอบแห้งเวียงหนองล่อง",
        "Wiang Nong Long Dried Longan OTOP Group",
        ("dried_longan", "longan_goods"),
    ),
    V(
        "thung-hua-chang-honey-otop",
        OTOP,
        "510503",
        "กลุ่มโอทอปน้ำผึ้งดอกลำไยทุ่งหัวช้าง",
        "Thung Hua Chang Longan Honey OTOP Group",
        ("honey",),
    ),
    V(
        "thung-hua-chang-karen-weaving-otop",
        OTOP,
        "510501",
        "กลุ่มโอทอปผ้าทอกะเหรี่ยงทุ่งหัวช้าง",
        "Thung Hua Chang Karen Weaving OTOP Group",
        ("cotton",),
        status=SUSPENDED,
    ),
    V(
        "ban-ruean-herbal-otop",
        OTOP,
        "510605",
        "กลุ่มโอทอปสมุนไพรบ้านเรือน",
        "Ban Ruean Herbal OTOP Group",
        ("herbal",),
    ),
    V(
        "ban-paen-silk-otop",
        OTOP,
        "510108",
        "กลุ่มโอทอปผ้าไหมยกดอกบ้านแป้น",
        "Ban Paen Silk Brocade OTOP Group",
        ("silk", "cotton"),
    ),
    V(
        "si-tia-bamboo-otop",
        OTOP,
        "510304",
        "กลุ่มโอทอปจักสานไม้ไผ่ศรีเตี้ย",
        "Si Tia Bamboo OTOP Group",
        ("bamboo",),
        status=PENDING,
    ),
)
del V

SUSPENSION_REASON = "ระงับชั่วคราวระหว่างตรวจสอบใบรับรองมาตรฐานผลิตภัณฑ์ชุมชน"

# One sentence per craft: what the shop does, in Thai and English.
CRAFT_STORY: dict[str, tuple[str, str]] = {
    "silk": (
        "ทอผ้าไหมยกดอกลำพูนด้วยกี่พื้นเมือง ยกลายทีละเส้นด้วยมือ ผ้าหนึ่งผืนใช้เวลาหลายสัปดาห์",
        "We weave Lamphun silk brocade on wooden looms, lifting every pattern thread by hand; "
        "one length takes weeks.",
    ),
    "cotton": (
        "ปลูกฝ้าย เข็นด้าย และย้อมสีธรรมชาติจากคราม ขมิ้น และเปลือกไม้ในชุมชน",
        "We grow cotton, spin it and dye it with indigo, turmeric and bark from the village.",
    ),
    "pottery": (
        "ปั้นดินจากลุ่มน้ำปิง ขึ้นรูปด้วยมือและแป้นหมุน แล้วเผาในเตาฟืน",
        "We shape clay from the Ping river basin by hand and on the wheel, and fire it in a "
        "wood kiln.",
    ),
    "wood": (
        "แกะสลักไม้ด้วยมือเป็นลายพรรณพฤกษาแบบล้านนา ใช้ไม้จากสวนที่ปลูกทดแทน",
        "We hand-carve Lanna floral motifs in wood from replanted plantations.",
    ),
    "bamboo": (
        "จักตอกไม้ไผ่และสานเป็นภาชนะใช้ในครัวเรือนตามภูมิปัญญาพื้นบ้าน",
        "We split bamboo into fine strips and weave everyday baskets the way our grandparents did.",
    ),
    "dried_longan": (
        "ดูแลสวนลำไยพันธุ์อีดอ และอบลำไยสีทองเองทุกฤดูเก็บเกี่ยว",
        "We tend E-Daw longan orchards and dry golden longan ourselves every harvest.",
    ),
    "honey": (
        "เลี้ยงผึ้งในสวนลำไย และเก็บน้ำผึ้งดอกลำไยแท้ในช่วงที่ลำไยออกดอก",
        "We keep bees among the longan trees and collect pure longan-blossom honey when the "
        "orchards flower.",
    ),
    "longan_goods": (
        "แปรรูปลำไยเป็นเครื่องดื่มและขนมตามสูตรของชุมชน",
        "We turn longan into drinks and sweets from village recipes.",
    ),
    "herbal": (
        "ปลูกและแปรรูปสมุนไพรพื้นบ้าน เช่น ไพล ขมิ้นชัน และตะไคร้",
        "We grow and process local herbs such as plai, turmeric and lemongrass.",
    ),
}

_MOBILE_PREFIXES = ("081", "082", "083", "084", "086", "087", "089", "091", "093", "095", "062")


@dataclass(frozen=True)
class VendorPlan:
    spec: VendorSpec
    phone: str
    line_id: str
    email: str
    otop_stars: int | None
    geographical_indication: bool
    community_product_standard: bool
    commission_rate: str
    story_th: str
    story_en: str
    approved_day: int  # days after the demo epoch; only for approved vendors


def _story(spec: VendorSpec, rng: random.Random) -> tuple[str, str]:
    sub = geothai.subdistrict(spec.subdistrict)
    dist = geothai.district(spec.district)
    if sub is None or dist is None:
        raise LookupError(f"geothai does not know subdistrict {spec.subdistrict}")
    craft_th, craft_en = CRAFT_STORY[spec.crafts[0]]
    if spec.kind == INDIVIDUAL:
        years = rng.randint(12, 45)
        opening_th = (
            f"ครอบครัวของ{spec.maker_th} ทำงานฝีมือมากว่า {years} ปี ที่ตำบล{sub.name_th} "
            f"อำเภอ{dist.name_th} จังหวัดลำพูน"
        )
        opening_en = (
            f"Our family workshop, led by {spec.maker_en}, has made things by hand for over "
            f"{years} years in "
            f"{sub.name_en}, {dist.name_en}, Lamphun."
        )
    elif spec.kind == ENTERPRISE:
        members = rng.randint(12, 60)
        opening_th = (
            f"วิสาหกิจชุมชนของเรามีสมาชิก {members} คน ส่วนใหญ่เป็นแม่บ้านและผู้สูงอายุ"
            f"ในตำบล{sub.name_th} อำเภอ{dist.name_th}"
        )
        opening_en = (
            f"We are a community enterprise of {members} members, most of them homemakers "
            f"and elders of {sub.name_en}, {dist.name_en}."
        )
    else:
        year = rng.randint(2002, 2016)
        opening_th = (
            f"กลุ่มโอทอปของตำบล{sub.name_th} อำเภอ{dist.name_th} รวมตัวกันตั้งแต่ปี พ.ศ. {year + 543}"
        )
        opening_en = (
            f"An OTOP group of {sub.name_en}, {dist.name_en}, working together since {year}."
        )
    closing_th = "ทุกชิ้นทำด้วยมือ และรายได้กลับคืนสู่ชุมชน"
    closing_en = "Everything is made by hand, and the income goes back to the community."
    return f"{opening_th} {craft_th} {closing_th}", f"{opening_en} {craft_en} {closing_en}"


def vendor_plan(spec: VendorSpec, seed: int) -> VendorPlan:
    rng = random.Random(f"kad-demo:{seed}:vendor:{spec.slug}")  # noqa: S311 (demo data, not secrets)
    phone = rng.choice(_MOBILE_PREFIXES) + f"{rng.randint(0, 9_999_999):07d}"
    short = spec.slug.replace("-", "")[:14]
    if spec.kind == INDIVIDUAL:
        line_id = f"{short}{rng.randint(1, 99)}"
        stars = rng.choice((None, None, None, 3, 4))
        standard = rng.random() < 0.3
    elif spec.kind == ENTERPRISE:
        line_id = f"@{short}"
        stars = rng.choice((None, 2, 3, 4, 5))
        standard = rng.random() < 0.8
    else:
        line_id = f"@otop{short}"[:20]
        stars = rng.choice((3, 4, 4, 5, 5))
        standard = rng.random() < 0.9
    story_th, story_en = _story(spec, rng)
    return VendorPlan(
        spec=spec,
        phone=phone,
        line_id=line_id,
        email=f"{spec.slug}@kad.example",
        otop_stars=stars,
        # ผ้าไหมยกดอกลำพูน is a registered geographical indication.
        geographical_indication="silk" in spec.crafts,
        community_product_standard=standard,
        commission_rate="8.00" if spec.kind == ENTERPRISE else "10.00",
        story_th=story_th,
        story_en=story_en,
        approved_day=rng.randint(0, 300),
    )
