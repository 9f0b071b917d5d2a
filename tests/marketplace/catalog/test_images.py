"""Product photos: refused when unsafe, stored without EXIF/GPS, resized into renditions."""

from __future__ import annotations

import logging
import struct
import zlib
from collections.abc import Callable
from contextlib import AbstractContextManager
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from marketplace.catalog import images
from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.images import (
    media_add,
    media_delete,
    media_reorder,
    media_update_alt,
)
from marketplace.catalog.models import MediaStatus, Product, ProductMedia
from marketplace.catalog.tasks import media_make_renditions
from tests.factories.catalog import ProductFactory

pytestmark = pytest.mark.django_db

OnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def phone_photo(width: int = 1600, height: int = 1200, *, orientation: int = 6) -> bytes:
    """A JPEG like a phone's: EXIF with a camera make, an orientation and a GPS position."""
    image = Image.new("RGB", (width, height), (150, 20, 40))
    # A marker in the top-left corner, to see where it ends up after rotation.
    image.paste((255, 255, 255), (0, 0, width // 4, height // 4))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (18.0, 34.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (99.0, 0.0, 30.0)
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"taken at home")
    return buffer.getvalue()


def encoded(image_format: str, size: tuple[int, int] = (800, 600), mode: str = "RGB") -> bytes:
    buffer = BytesIO()
    Image.new(mode, size, "red" if mode != "L" else 128).save(buffer, image_format)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims huge dimensions: what a decompression bomb looks like to a check
    that reads only the header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def upload(data: bytes, name: str = "IMG_0001.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def assert_no_metadata(data: bytes) -> None:
    stored = Image.open(BytesIO(data))
    assert not stored.getexif(), dict(stored.getexif())
    assert "exif" not in stored.info
    assert "comment" not in stored.info
    assert b"PhoneCo" not in data
    assert b"taken at home" not in data


def add_and_process(product: Product, data: bytes, on_commit: OnCommit) -> ProductMedia:
    with on_commit(execute=True):
        media = media_add(product=product, upload=upload(data), alt_th="ผ้าไหม", alt_en="Silk")
    media.refresh_from_db()
    return media


# --- what is stored -----------------------------------------------------------------------------


def test_the_stored_original_has_no_exif_or_gps_and_is_turned_upright(
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    product = ProductFactory.create()
    with django_capture_on_commit_callbacks():
        media = media_add(product=product, upload=upload(phone_photo()), alt_th="ผ้าไหม")

    data = media.image.read()
    assert_no_metadata(data)
    stored = Image.open(BytesIO(data))
    # Orientation 6: the 1600x1200 sensor image is shown 1200 wide and 1600 tall.
    assert stored.size == (1200, 1600)
    assert (media.width, media.height) == (1200, 1600)
    # The white marker was top-left on the sensor; turned 90° clockwise it is top-right.
    assert stored.convert("RGB").getpixel((1150, 50)) == pytest.approx((255, 255, 255), abs=8)
    assert media.status == MediaStatus.PROCESSING
    assert media.image.name.startswith("products/originals/")
    assert "IMG_0001" not in media.image.name


def test_renditions_are_made_in_both_formats_at_three_widths_without_exif(
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    media = add_and_process(
        ProductFactory.create(), phone_photo(2000, 1500), django_capture_on_commit_callbacks
    )

    assert media.status == MediaStatus.READY
    assert set(media.renditions) == {"320", "640", "1280"}
    for width in (320, 640, 1280):
        entry = media.renditions[str(width)]
        for key, pillow_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
            with default_storage.open(entry[key], "rb") as file:
                data = file.read()
            rendition = Image.open(BytesIO(data))
            assert rendition.format == pillow_format
            assert rendition.width == width
            # Upright: 1500x2000 shown, so the height is 4/3 of the width.
            assert rendition.height == round(width * 2000 / 1500)
            assert_no_metadata(data)


def test_a_small_photo_is_never_upscaled(django_capture_on_commit_callbacks: OnCommit) -> None:
    media = add_and_process(
        ProductFactory.create(),
        encoded("PNG", (500, 250), "RGBA"),
        django_capture_on_commit_callbacks,
    )
    widths = {key: entry["width"] for key, entry in media.renditions.items()}
    assert widths == {"320": 320, "640": 500, "1280": 500}
    with default_storage.open(media.renditions["1280"]["jpeg"], "rb") as file:
        assert Image.open(file).size == (500, 250)


def test_the_rendition_task_is_idempotent(django_capture_on_commit_callbacks: OnCommit) -> None:
    media = add_and_process(
        ProductFactory.create(), phone_photo(), django_capture_on_commit_callbacks
    )
    first = dict(media.renditions)

    assert media_make_renditions.apply(args=(media.pk,)).get() == "ready"
    # Forced re-run (e.g. a retry after the worker died mid-task): same files, no extras.
    ProductMedia.objects.filter(pk=media.pk).update(status=MediaStatus.PROCESSING)
    assert media_make_renditions.apply(args=(media.pk,)).get() == "ready"

    media.refresh_from_db()
    assert media.renditions == first
    folder = Path(default_storage.path(f"{images.RENDITIONS_DIR}/{media.pk}"))
    assert len(list(folder.iterdir())) == 6


def test_a_deleted_photo_is_skipped_by_the_task() -> None:
    assert media_make_renditions.apply(args=(987654,)).get() == "missing"


def test_an_unreadable_original_marks_the_photo_failed_and_logs_why(
    django_capture_on_commit_callbacks: OnCommit, caplog: pytest.LogCaptureFixture
) -> None:
    product = ProductFactory.create()
    with django_capture_on_commit_callbacks():
        media = media_add(product=product, upload=upload(phone_photo()))
    Path(media.image.path).write_bytes(b"garbage, not a jpeg")

    with caplog.at_level(logging.WARNING, logger="marketplace.catalog.images"):
        assert media_make_renditions.apply(args=(media.pk,)).get() == "failed"

    media.refresh_from_db()
    assert media.status == MediaStatus.FAILED
    assert media.renditions == {}
    assert f"renditions of product media {media.pk} failed" in caplog.text


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(
    image_format: str, django_capture_on_commit_callbacks: OnCommit
) -> None:
    media = add_and_process(
        ProductFactory.create(), encoded(image_format), django_capture_on_commit_callbacks
    )
    assert media.status == MediaStatus.READY
    assert Image.open(media.image.path).format == image_format


# --- what is refused ----------------------------------------------------------------------------


def refused(data: bytes, name: str = "photo.jpg") -> CatalogError:
    product = ProductFactory.create()
    with pytest.raises(CatalogError) as caught:
        media_add(product=product, upload=upload(data, name))
    assert caught.value.field == "image"
    assert not ProductMedia.objects.exists()
    return caught.value


def test_a_text_file_named_like_a_photo_is_refused() -> None:
    error = refused(b"Hello, this is a text file.\n", "photo.jpg")
    assert error.code == CatalogErrorCode.NOT_AN_IMAGE


def test_a_truncated_jpeg_is_refused() -> None:
    data = phone_photo()
    assert refused(data[: len(data) // 2]).code == CatalogErrorCode.NOT_AN_IMAGE


def test_an_empty_file_is_refused() -> None:
    assert refused(b"").code == CatalogErrorCode.NOT_AN_IMAGE


def test_a_gif_is_refused_as_an_unsupported_format() -> None:
    error = refused(encoded("GIF"), "anim.gif")
    assert error.code == CatalogErrorCode.UNSUPPORTED_IMAGE_FORMAT
    assert "GIF" in error.message


def test_a_decompression_bomb_is_refused_before_it_is_decoded() -> None:
    # 7,000 x 6,000 = 42 megapixels: over our limit, under Pillow's own warning threshold.
    error = refused(png_header_only(7000, 6000), "bomb.png")
    assert error.code == CatalogErrorCode.IMAGE_TOO_MANY_PIXELS
    assert "40" in error.message


def test_a_bomb_large_enough_to_trip_pillows_own_guard_is_refused_the_same_way() -> None:
    # 20,000 x 20,000 = 400 megapixels: Pillow raises DecompressionBombError on open.
    error = refused(png_header_only(20_000, 20_000), "bomb.png")
    assert error.code == CatalogErrorCode.IMAGE_TOO_MANY_PIXELS


def test_a_file_over_the_size_limit_is_refused() -> None:
    assert images.max_upload_bytes() == 15 * 1024 * 1024
    too_big = phone_photo(64, 64) + b"\x00" * images.max_upload_bytes()
    error = refused(too_big)
    assert error.code == CatalogErrorCode.FILE_TOO_LARGE
    assert "15 MB" in error.message


def test_the_error_message_is_translated_to_thai() -> None:
    from django.utils import translation

    error = refused(b"not an image")
    with translation.override("th"):
        thai = error.message
    with translation.override("en"):
        english = error.message
    assert english.startswith("This file is not an image")
    assert thai != english


# --- order, alt text, deletion ------------------------------------------------------------------


def test_photos_are_added_last_and_can_be_reordered(
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    product = ProductFactory.create()
    with django_capture_on_commit_callbacks():
        first = media_add(product=product, upload=upload(encoded("JPEG")))
        second = media_add(product=product, upload=upload(encoded("JPEG")))
        third = media_add(product=product, upload=upload(encoded("JPEG")))
    assert [first.sort_order, second.sort_order, third.sort_order] == [0, 1, 2]

    media_reorder(product=product, media_ids=[third.pk, first.pk, second.pk])

    assert list(product.media.values_list("pk", flat=True)) == [third.pk, first.pk, second.pk]


def test_reordering_with_a_photo_of_another_product_is_refused(
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    product, other = ProductFactory.create(), ProductFactory.create()
    with django_capture_on_commit_callbacks():
        mine = media_add(product=product, upload=upload(encoded("JPEG")))
        theirs = media_add(product=other, upload=upload(encoded("JPEG")))
    with pytest.raises(CatalogError) as caught:
        media_reorder(product=product, media_ids=[theirs.pk, mine.pk])
    assert caught.value.code == CatalogErrorCode.MEDIA_NOT_OF_PRODUCT


def test_alt_text_can_be_changed_per_language(
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    with django_capture_on_commit_callbacks():
        media = media_add(
            product=ProductFactory.create(), upload=upload(encoded("JPEG")), alt_th="เดิม"
        )
    updated = media_update_alt(media=media, alt_en=" Red silk scarf ")
    assert (updated.alt_th, updated.alt_en) == ("เดิม", "Red silk scarf")


def test_deleting_a_photo_deletes_its_original_and_renditions(
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    media = add_and_process(
        ProductFactory.create(), phone_photo(), django_capture_on_commit_callbacks
    )
    names = [media.image.name] + [
        entry[key] for entry in media.renditions.values() for key in ("webp", "jpeg")
    ]
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        media_delete(media=media)

    assert not ProductMedia.objects.filter(pk=media.pk).exists()
    assert not any(default_storage.exists(name) for name in names)


def test_deleting_a_photo_keeps_files_another_photo_shares(
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    media = add_and_process(
        ProductFactory.create(), phone_photo(), django_capture_on_commit_callbacks
    )
    twin = ProductMedia.objects.create(
        product=ProductFactory.create(),
        image=media.image.name,
        renditions=media.renditions,
        status=media.status,
    )
    names = [media.image.name] + [
        entry[key] for entry in media.renditions.values() for key in ("webp", "jpeg")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        media_delete(media=media)
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        media_delete(media=twin)
    assert not any(default_storage.exists(name) for name in names)


def test_a_lowered_size_limit_takes_effect_without_a_restart(settings: Any) -> None:
    settings.KAD_MAX_UPLOAD_BYTES = 1024 * 1024
    error = refused(phone_photo(64, 64) + b"\x00" * (1024 * 1024))
    assert error.code == CatalogErrorCode.FILE_TOO_LARGE
    assert "1 MB" in error.message
