"""Product pictures drawn with Pillow, so the demo needs no downloads.

About fifty distinct pictures (one per family and variant of the drawing: a brocade in each
silk colour, a pot of each shape, …) are drawn once and shared by all products that show them.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw

from marketplace.core.demo_data.products import FAMILIES
from marketplace.core.demo_data.textiles import COTTON_COLOURS, SILK_COLOURS

SIZE = 1280
RGB = tuple[int, int, int]

COLOURS: dict[str, RGB] = {
    "mangosteen-purple": (92, 30, 72),
    "lotus-pink": (214, 112, 146),
    "golden": (196, 150, 44),
    "lac-red": (150, 24, 40),
    "peacock-green": (18, 104, 92),
    "navy-blue": (26, 40, 98),
    "turmeric-yellow": (222, 168, 30),
    "ivory": (236, 226, 200),
    "natural-indigo": (36, 56, 108),
    "natural-white": (232, 222, 196),
    "padauk-brown": (128, 68, 40),
    "ebony-black": (44, 38, 38),
    "almond-leaf-green": (108, 128, 58),
    "terracotta": (178, 92, 52),
    "celadon": (148, 184, 158),
    "ash-brown": (118, 84, 54),
}
GOLD: RGB = (224, 184, 84)
SILVER: RGB = (214, 214, 220)


def shade(colour: RGB, factor: float) -> RGB:
    return (
        max(0, min(255, int(colour[0] * factor))),
        max(0, min(255, int(colour[1] * factor))),
        max(0, min(255, int(colour[2] * factor))),
    )


def _canvas(colour: RGB) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (SIZE, SIZE), colour)
    return image, ImageDraw.Draw(image)


def _weave_texture(draw: ImageDraw.ImageDraw, colour: RGB, step: int = 6) -> None:
    for y in range(0, SIZE, step):
        draw.line([(0, y), (SIZE, y)], fill=shade(colour, 0.9), width=1)


def _flower(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, colour: RGB) -> None:
    for k in range(8):
        angle = k * math.pi / 4
        px, py = x + math.cos(angle) * r * 0.6, y + math.sin(angle) * r * 0.6
        draw.ellipse([px - r * 0.32, py - r * 0.32, px + r * 0.32, py + r * 0.32], fill=colour)
    draw.ellipse([x - r * 0.28, y - r * 0.28, x + r * 0.28, y + r * 0.28], fill=shade(colour, 0.7))


def silk(k: int) -> Image.Image:
    ground = COLOURS[SILK_COLOURS[k]]
    thread = SILVER if k in (2, 6, 7) else GOLD
    image, draw = _canvas(ground)
    _weave_texture(draw, ground)
    cell = 160 if k % 2 else 128
    for row in range(-1, SIZE // cell + 1):
        for col in range(-1, SIZE // cell + 1):
            x, y = col * cell + (cell // 2 if row % 2 else 0), row * cell
            diamond = [
                (x, y - cell // 2),
                (x + cell // 2, y),
                (x, y + cell // 2),
                (x - cell // 2, y),
            ]
            draw.polygon(diamond, outline=thread, width=5)
            _flower(draw, x, y, cell * 0.28, thread)
    band = SIZE - 220  # the woven border at the hem (ตีนซิ่น)
    draw.rectangle([0, band, SIZE, SIZE], fill=shade(ground, 0.6))
    for i, y in enumerate(range(band + 20, SIZE, 40)):
        draw.line([(0, y), (SIZE, y)], fill=thread if i % 2 == 0 else shade(thread, 0.7), width=6)
    for x in range(0, SIZE, 64):
        draw.polygon([(x, band + 110), (x + 32, band + 70), (x + 64, band + 110)], fill=thread)
    return image


def cotton(k: int) -> Image.Image:
    base = COLOURS[COTTON_COLOURS[k]]
    light, dark = shade(base, 1.35), shade(base, 0.65)
    image, draw = _canvas(base)
    stripe = 90 + 20 * (k % 3)
    for i, x in enumerate(range(0, SIZE, stripe)):
        colour = dark if i % 2 else light
        draw.rectangle([x, 0, x + stripe // 3, SIZE], fill=colour)
        draw.rectangle([0, x, SIZE, x + stripe // 3], fill=colour)
    _weave_texture(draw, base, step=5)
    for x in range(0, SIZE, 80):  # a khit band of small diamonds
        draw.polygon([(x + 40, 560), (x + 80, 640), (x + 40, 720), (x, 640)], fill=(236, 226, 200))
        draw.polygon([(x + 40, 600), (x + 60, 640), (x + 40, 680), (x + 20, 640)], fill=dark)
    return image


def _backdrop(top: RGB, bottom: RGB) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image, draw = _canvas(top)
    for y in range(SIZE):
        t = y / SIZE
        draw.line(
            [(0, y), (SIZE, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return image, draw


def pottery(k: int) -> Image.Image:
    glaze = COLOURS[
        ("terracotta", "celadon", "ash-brown", "natural-indigo", "ivory", "terracotta")[k]
    ]
    image, draw = _backdrop((238, 228, 210), (196, 180, 156))
    draw.rectangle([0, 1010, SIZE, SIZE], fill=(150, 116, 84))  # the shelf
    cx = SIZE // 2
    if k == 0:  # tall vase
        draw.ellipse([cx - 260, 520, cx + 260, 1040], fill=glaze)
        draw.rectangle([cx - 90, 220, cx + 90, 620], fill=glaze)
        draw.ellipse([cx - 130, 190, cx + 130, 260], fill=shade(glaze, 0.7))
    elif k == 1:  # water jar with lid
        draw.ellipse([cx - 380, 380, cx + 380, 1040], fill=glaze)
        draw.rectangle([cx - 170, 330, cx + 170, 430], fill=shade(glaze, 0.9))
        draw.ellipse([cx - 200, 270, cx + 200, 360], fill=shade(glaze, 0.75))
        draw.ellipse([cx - 40, 220, cx + 40, 290], fill=shade(glaze, 0.6))
    elif k == 2:  # teapot and cup
        draw.ellipse([cx - 330, 520, cx + 170, 1000], fill=glaze)
        draw.polygon(
            [(cx + 120, 700), (cx + 330, 560), (cx + 350, 590), (cx + 160, 780)], fill=glaze
        )
        draw.arc([cx - 470, 600, cx - 250, 880], 90, 270, fill=glaze, width=36)
        draw.ellipse([cx - 160, 470, cx, 540], fill=shade(glaze, 0.7))
        draw.rectangle([cx + 280, 860, cx + 460, 1010], fill=glaze)
    elif k == 3:  # mug
        draw.rectangle([cx - 230, 520, cx + 170, 1010], fill=glaze)
        draw.arc([cx + 60, 620, cx + 340, 900], 270, 90, fill=glaze, width=50)
        draw.ellipse([cx - 230, 480, cx + 170, 560], fill=shade(glaze, 0.6))
    elif k == 4:  # plate on a stand
        draw.ellipse([cx - 420, 260, cx + 420, 1000], fill=glaze)
        draw.ellipse([cx - 300, 380, cx + 300, 880], outline=shade(glaze, 0.6), width=14)
        _flower(draw, cx, 630, 150, shade(glaze, 0.55))
    else:  # plant pot
        draw.polygon(
            [(cx - 360, 520), (cx + 360, 520), (cx + 260, 1010), (cx - 260, 1010)], fill=glaze
        )
        draw.rectangle([cx - 390, 470, cx + 390, 560], fill=shade(glaze, 0.85))
        for i in range(5):
            draw.ellipse([cx - 200 + i * 80, 260, cx - 120 + i * 80, 480], fill=(70, 120, 60))
    for y in (700, 760, 820):  # incised rings
        draw.line([(cx - 200, y), (cx + 120, y)], fill=shade(glaze, 0.8), width=6)
    return image


def wood(k: int) -> Image.Image:
    timber = ((150, 98, 52), (176, 126, 74), (120, 76, 40), (164, 112, 60), (136, 88, 48))[k]
    image, draw = _canvas(timber)
    rng = random.Random(f"wood-{k}")  # noqa: S311 (drawing jitter)
    for y in range(0, SIZE, 14):  # grain
        wobble = rng.uniform(8, 20)
        points = [(x, y + wobble * math.sin(x / 90 + y)) for x in range(0, SIZE + 40, 40)]
        draw.line(points, fill=shade(timber, 0.85), width=3)
    draw.rectangle([90, 90, SIZE - 90, SIZE - 90], outline=shade(timber, 0.55), width=40)
    draw.rectangle([170, 170, SIZE - 170, SIZE - 170], outline=shade(timber, 1.2), width=10)
    cx = cy = SIZE // 2
    dark = shade(timber, 0.5)
    if k == 1:  # elephant
        draw.ellipse([cx - 300, cy - 160, cx + 200, cy + 180], fill=dark)
        draw.ellipse([cx + 100, cy - 260, cx + 340, cy - 20], fill=dark)
        draw.polygon(
            [(cx + 300, cy - 80), (cx + 380, cy + 220), (cx + 330, cy + 230), (cx + 250, cy)],
            fill=dark,
        )
        for x in (cx - 250, cx - 120, cx + 10, cx + 120):
            draw.rectangle([x, cy + 100, x + 80, cy + 330], fill=dark)
    elif k == 2:  # lotus
        for angle in range(-60, 61, 30):
            a = math.radians(angle - 90)
            px, py = cx + math.cos(a) * 170, cy + 160 + math.sin(a) * 170
            draw.ellipse([px - 90, py - 160, px + 90, py + 160], fill=dark)
        draw.rectangle([cx - 260, cy + 230, cx + 260, cy + 270], fill=dark)
    elif k == 3:  # vine scroll
        for row in (-220, 0, 220):
            points = [(x, cy + row + 70 * math.sin(x / 80)) for x in range(220, SIZE - 200, 20)]
            draw.line(points, fill=dark, width=22)
            for leaf_x in range(260, SIZE - 220, 160):
                leaf_y = cy + row + 70 * math.sin(leaf_x / 80)
                draw.ellipse([leaf_x - 40, leaf_y - 70, leaf_x + 40, leaf_y - 10], fill=dark)
    else:  # Lanna rosettes
        for dx in (-260, 0, 260):
            for dy in (-260, 0, 260):
                _flower(draw, cx + dx, cy + dy, 120 if (dx or dy) else 180, dark)
    return image


def bamboo(k: int) -> Image.Image:
    strip = ((214, 182, 120), (200, 164, 98), (120, 82, 48), (226, 196, 136), (104, 70, 40))[k]
    image, draw = _canvas(shade(strip, 0.5))
    cell = (64, 80, 56, 96, 72)[k]
    light, dark = shade(strip, 1.1), shade(strip, 0.8)
    for row in range(SIZE // cell + 1):
        for col in range(SIZE // cell + 1):
            x, y = col * cell, row * cell
            over = (row + col + (row // 2 if k % 2 else 0)) % 2 == 0  # plain weave or twill
            if over:
                draw.rectangle([x + 3, y + 8, x + cell - 3, y + cell - 8], fill=light)
                draw.line(
                    [(x + 3, y + cell // 2), (x + cell - 3, y + cell // 2)], fill=dark, width=2
                )
            else:
                draw.rectangle([x + 8, y + 3, x + cell - 8, y + cell - 3], fill=dark)
                draw.line(
                    [(x + cell // 2, y + 3), (x + cell // 2, y + cell - 3)], fill=strip, width=2
                )
    if k in (1, 3):  # a basket rim
        draw.rectangle([0, 0, SIZE, 90], fill=shade(strip, 0.6))
    return image


def _fruits(
    draw: ImageDraw.ImageDraw, rng: random.Random, colour: RGB, radius: int, n: int
) -> None:
    for _ in range(n):
        x, y = rng.uniform(140, SIZE - 140), rng.uniform(180, SIZE - 140)
        r = radius * rng.uniform(0.85, 1.15)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=shade(colour, rng.uniform(0.8, 1.1)))
        draw.ellipse([x - r * 0.5, y - r * 0.6, x - r * 0.1, y - r * 0.25], fill=shade(colour, 1.4))


def dried_longan(k: int) -> Image.Image:
    image, draw = _canvas((222, 200, 150))
    draw.ellipse([60, 100, SIZE - 60, SIZE - 60], fill=(196, 160, 100))  # a bamboo tray
    draw.ellipse([110, 150, SIZE - 110, SIZE - 110], fill=(214, 186, 126))
    rng = random.Random(f"longan-{k}")  # noqa: S311 (drawing jitter)
    colour, radius, n = (
        ((140, 84, 30), 52, 140),
        ((176, 132, 78), 66, 90),
        ((152, 92, 36), 74, 80),
        ((170, 100, 26), 50, 150),
    )[k]
    _fruits(draw, rng, colour, radius, n)
    return image


def _jar(draw: ImageDraw.ImageDraw, cx: int, fill: RGB, label: RGB) -> None:
    draw.rounded_rectangle([cx - 260, 380, cx + 260, 1060], radius=70, fill=fill)
    draw.rectangle([cx - 200, 290, cx + 200, 390], fill=(90, 60, 30))
    draw.rectangle([cx - 220, 600, cx + 220, 840], fill=label)
    draw.rounded_rectangle([cx - 180, 440, cx - 130, 1000], radius=25, fill=shade(fill, 1.25))


def _hexagons(draw: ImageDraw.ImageDraw, colour: RGB) -> None:
    r = 60
    for row in range(13):
        for col in range(13):
            x = col * r * 1.75 + (r * 0.87 if row % 2 else 0)
            y = row * r * 1.5
            pts = [
                (
                    x + r * math.cos(math.radians(60 * i + 30)),
                    y + r * math.sin(math.radians(60 * i + 30)),
                )
                for i in range(6)
            ]
            draw.polygon(pts, fill=colour, outline=shade(colour, 0.6), width=8)


def honey(k: int) -> Image.Image:
    amber = ((214, 140, 20), (226, 164, 40), (236, 200, 120))[k]
    image, draw = _backdrop((250, 236, 200), (226, 200, 150))
    if k == 1:
        _hexagons(draw, amber)
    else:
        _jar(draw, SIZE // 2, amber, (246, 238, 214))
        _flower(draw, SIZE // 2, 720, 80, (200, 150, 40))
    for i in range(6):  # bees
        x, y = 160 + i * 190, 160 + (i % 2) * 60
        draw.ellipse([x - 30, y - 20, x + 30, y + 20], fill=(40, 30, 10))
        draw.line([(x - 10, y - 20), (x - 10, y + 20)], fill=(240, 190, 40), width=8)
    return image


def longan_goods(k: int) -> Image.Image:
    image, draw = _backdrop((246, 234, 214), (214, 192, 160))
    cx = SIZE // 2
    rng = random.Random(f"treat-{k}")  # noqa: S311 (drawing jitter)
    if k == 0:  # juice bottle
        draw.rounded_rectangle([cx - 180, 440, cx + 180, 1080], radius=50, fill=(150, 90, 30))
        draw.rectangle([cx - 60, 250, cx + 60, 450], fill=(150, 90, 30))
        draw.rectangle([cx - 70, 210, cx + 70, 260], fill=(200, 40, 40))
        draw.rectangle([cx - 180, 640, cx + 180, 840], fill=(244, 230, 190))
    elif k == 1:  # tea box and sachets
        draw.rectangle([cx - 380, 420, cx + 120, 980], fill=(120, 70, 40))
        for i in range(3):
            draw.rectangle(
                [cx + 160 + i * 40, 560 + i * 60, cx + 420 + i * 20, 760 + i * 60],
                fill=(236, 220, 180),
                outline=(150, 110, 60),
                width=6,
            )
    elif k == 4:  # jam jar
        _jar(draw, cx, (170, 100, 40), (240, 226, 200))
    elif k == 5:  # cookies
        for _ in range(14):
            x, y = rng.uniform(240, SIZE - 240), rng.uniform(260, SIZE - 240)
            draw.ellipse([x - 110, y - 110, x + 110, y + 110], fill=(212, 166, 96))
            for _ in range(4):
                dx, dy = rng.uniform(-60, 60), rng.uniform(-60, 60)
                draw.ellipse(
                    [x + dx - 14, y + dy - 14, x + dx + 14, y + dy + 14], fill=(130, 70, 30)
                )
    else:  # paste squares (2) or chocolate-coated fruit (3)
        colour = (150, 96, 44) if k == 2 else (70, 40, 26)
        if k == 2:
            for row in range(4):
                for col in range(4):
                    x, y = 260 + col * 200, 300 + row * 200
                    draw.rounded_rectangle([x, y, x + 160, y + 160], radius=20, fill=colour)
        else:
            _fruits(draw, rng, colour, 70, 60)
    return image


def herbal(k: int) -> Image.Image:
    image, draw = _backdrop((232, 240, 220), (196, 214, 180))
    rng = random.Random(f"herb-{k}")  # noqa: S311 (drawing jitter)
    for _ in range(18):  # leaves
        x, y = rng.uniform(80, SIZE - 80), rng.uniform(80, SIZE - 80)
        draw.ellipse([x - 90, y - 36, x + 90, y + 36], fill=(70 + rng.randint(0, 40), 130, 60))
    cx = cy = SIZE // 2
    if k == 0:  # balm tin
        draw.ellipse([cx - 300, cy - 300, cx + 300, cy + 300], fill=(40, 110, 70))
        draw.ellipse([cx - 220, cy - 220, cx + 220, cy + 220], fill=(220, 190, 60))
    elif k == 1:  # compress balls
        for dx in (-280, 0, 280):
            draw.ellipse([cx + dx - 140, cy - 60, cx + dx + 140, cy + 220], fill=(236, 224, 190))
            draw.polygon(
                [(cx + dx - 50, cy - 60), (cx + dx, cy - 260), (cx + dx + 50, cy - 60)],
                fill=(220, 206, 170),
            )
    elif k == 2:  # soap bars
        for i in range(3):
            draw.rounded_rectangle(
                [cx - 360 + i * 120, cy - 200 + i * 120, cx + 40 + i * 120, cy + 20 + i * 120],
                radius=40,
                fill=(226, 170, 40),
            )
    elif k == 3:  # oil bottle
        draw.rounded_rectangle(
            [cx - 150, cy - 200, cx + 150, cy + 400], radius=40, fill=(200, 150, 40)
        )
        draw.rectangle([cx - 50, cy - 380, cx + 50, cy - 190], fill=(60, 40, 30))
    else:  # tea: a cup
        draw.ellipse([cx - 320, cy - 120, cx + 320, cy + 40], fill=(255, 255, 250))
        draw.chord([cx - 320, cy - 300, cx + 320, cy + 340], 0, 180, fill=(255, 255, 250))
        draw.ellipse([cx - 280, cy - 100, cx + 280, cy + 20], fill=(150, 170, 60))
    return image


DRAWINGS: dict[str, Callable[[int], Image.Image]] = {
    "silk": silk,
    "cotton": cotton,
    "pottery": pottery,
    "wood": wood,
    "bamboo": bamboo,
    "dried_longan": dried_longan,
    "honey": honey,
    "longan_goods": longan_goods,
    "herbal": herbal,
}


def image_keys() -> list[str]:
    return [f"{family.key}-{k}" for family in FAMILIES for k in range(family.images)]


def draw(key: str) -> Image.Image:
    family, _, k = key.rpartition("-")
    return DRAWINGS[family](int(k))
