"""Product photos: checked on upload, stored without EXIF, resized into renditions by a task.

Phone photos carry the GPS position of the artisan's home in their EXIF block, so the original is
never stored as uploaded: it is decoded, turned upright (EXIF orientation), and re-encoded with no
metadata. A file that is not a JPEG/PNG/WebP image, that decodes to too many pixels (a
decompression bomb) or that is too large is refused with its own error code.

Renditions are 320, 640 and 1280 px wide (never wider than the original) in WebP and JPEG, made by
`marketplace.catalog.tasks.media_make_renditions` after the upload commits.
"""

from __future__ import annotations

import logging
import uuid
import warnings
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max, Q, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from marketplace.catalog.errors import CatalogError, CatalogErrorCode
from marketplace.catalog.models import MediaStatus, Product, ProductMedia

logger = logging.getLogger(__name__)

# Limits; each can be set in settings (the names in getattr).


def max_upload_bytes() -> int:
    """Read at call time, so that a changed setting takes effect without a restart."""
    return int(settings.KAD_MAX_UPLOAD_BYTES)


def max_image_pixels() -> int:
    return int(settings.KAD_MAX_IMAGE_PIXELS)


RENDITION_WIDTHS: tuple[int, ...] = tuple(
    getattr(settings, "KAD_RENDITION_WIDTHS", (320, 640, 1280))
)
JPEG_QUALITY = 85
WEBP_QUALITY = 80

# Pillow format name → file extension of the stored original.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_FORMATS = {"webp": ("WEBP", "webp"), "jpeg": ("JPEG", "jpg")}
RENDITIONS_DIR = "products/renditions"

# What Pillow raises for a file that is not a (complete, sane) image.
_DECODE_ERRORS = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError)


# --- checking and cleaning an upload ------------------------------------------------------------


def _too_many_pixels(width: int, height: int) -> CatalogError:
    return CatalogError(
        CatalogErrorCode.IMAGE_TOO_MANY_PIXELS,
        _(
            "The image is too big (%(width)s by %(height)s pixels); the limit is %(megapixels)s "
            "megapixels."
        ),
        field="image",
        params={"width": width, "height": height, "megapixels": max_image_pixels() // 1_000_000},
    )


def _not_an_image() -> CatalogError:
    return CatalogError(
        CatalogErrorCode.NOT_AN_IMAGE,
        _("This file is not an image we can read; upload a JPEG, PNG or WebP photo."),
        field="image",
    )


def _read_upload(upload: File[Any]) -> bytes:
    too_large = CatalogError(
        CatalogErrorCode.FILE_TOO_LARGE,
        _("The file is larger than %(megabytes)s MB."),
        field="image",
        params={"megabytes": max_upload_bytes() // (1024 * 1024)},
    )
    size = getattr(upload, "size", None)
    if size is not None and size > max_upload_bytes():
        raise too_large
    upload.seek(0)
    limit = max_upload_bytes()
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large
    if not data:
        raise _not_an_image()
    return bytes(data)


def decode_image(data: bytes) -> Image.Image:
    """Decode an uploaded file, refusing what is not a complete JPEG/PNG/WebP image within the
    pixel limit. Pillow's own decompression-bomb guard is turned into the same refusal."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels(0, 0) from error
        except _DECODE_ERRORS as error:
            raise _not_an_image() from error
        if probe.format not in ACCEPTED_FORMATS:
            raise CatalogError(
                CatalogErrorCode.UNSUPPORTED_IMAGE_FORMAT,
                _("%(format)s images are not accepted; upload a JPEG, PNG or WebP photo."),
                field="image",
                params={"format": probe.format or "?"},
            )
        width, height = probe.size
        # Checked before decoding the pixels, so a bomb never reaches memory.
        if width * height > max_image_pixels():
            raise _too_many_pixels(width, height)
        try:
            probe.verify()
            image = Image.open(BytesIO(data))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels(width, height) from error
        except _DECODE_ERRORS as error:
            raise _not_an_image() from error
    return image


def strip_metadata(image: Image.Image) -> Image.Image:
    """The image turned upright by its EXIF orientation, with no EXIF, XMP or comments left;
    only the colour profile is kept (it changes how colours look, and says nothing of a
    person)."""
    upright = ImageOps.exif_transpose(image) or image
    icc_profile = image.info.get("icc_profile")
    clean = upright.copy()
    clean.info = {"icc_profile": icc_profile} if icc_profile else {}
    return clean


def _for_format(image: Image.Image, pillow_format: str) -> Image.Image:
    """Convert to a mode the format can store; transparency becomes white in a JPEG."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if pillow_format == "JPEG":
        if has_alpha:
            rgba = image.convert("RGBA")
            background = Image.new("RGB", rgba.size, (255, 255, 255))
            background.paste(rgba, mask=rgba.getchannel("A"))
            return background
        return image if image.mode in ("RGB", "L") else image.convert("RGB")
    if pillow_format == "WEBP":
        wanted = "RGBA" if has_alpha else "RGB"
        return image if image.mode == wanted else image.convert(wanted)
    return image  # PNG stores every mode Pillow decodes from our accepted formats


def encode(image: Image.Image, pillow_format: str) -> bytes:
    """Encode with no metadata but the colour profile."""
    converted = _for_format(image, pillow_format)
    options: dict[str, Any] = {}
    if icc_profile := image.info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    if pillow_format == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif pillow_format == "WEBP":
        options.update(quality=WEBP_QUALITY, method=4)
    buffer = BytesIO()
    converted.save(buffer, format=pillow_format, **options)
    return buffer.getvalue()


# --- services -----------------------------------------------------------------------------------


def media_add(
    *, product: Product, upload: File[Any], alt_th: str = "", alt_en: str = ""
) -> ProductMedia:
    """Add a photo to a product, last in its order.

    Refuses (`CatalogError`, field "image"): a file over `KAD_MAX_UPLOAD_BYTES` (`FILE_TOO_LARGE`),
    a file Pillow cannot read (`NOT_AN_IMAGE`), another format than JPEG/PNG/WebP
    (`UNSUPPORTED_IMAGE_FORMAT`), more than `KAD_MAX_IMAGE_PIXELS` pixels (`IMAGE_TOO_MANY_PIXELS`).
    Stores the upright original without metadata, records its size, and queues the renditions
    once the transaction commits; the media stays `processing` until they are made.
    """
    data = _read_upload(upload)
    image = decode_image(data)
    pillow_format = image.format or "JPEG"
    clean = strip_metadata(image)
    original = encode(clean, pillow_format)
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product.pk)
        last = product.media.aggregate(last=Max("sort_order"))["last"]
        media = ProductMedia(
            product=product,
            alt_th=alt_th.strip(),
            alt_en=alt_en.strip(),
            sort_order=0 if last is None else last + 1,
            width=clean.width,
            height=clean.height,
            status=MediaStatus.PROCESSING,
        )
        # A random name: the uploaded name may carry a person's name or odd characters.
        media.image.save(
            f"{uuid.uuid4().hex}.{ACCEPTED_FORMATS[pillow_format]}",
            ContentFile(original),
            save=False,
        )
        media.save()
        _queue_renditions(media.pk)
        return media


def _queue_renditions(media_id: int) -> None:
    from marketplace.catalog.tasks import media_make_renditions

    transaction.on_commit(lambda: media_make_renditions.delay(media_id))


def media_update_alt(
    *, media: ProductMedia, alt_th: str | None = None, alt_en: str | None = None
) -> ProductMedia:
    """Change a photo's alt text (read aloud by screen readers); None leaves a language as is."""
    with transaction.atomic():
        media = ProductMedia.objects.select_for_update().get(pk=media.pk)
        if alt_th is not None:
            media.alt_th = alt_th.strip()
        if alt_en is not None:
            media.alt_en = alt_en.strip()
        media.full_clean()
        media.save(update_fields=["alt_th", "alt_en"])
        return media


def media_reorder(*, product: Product, media_ids: Sequence[int]) -> list[ProductMedia]:
    """Put the product's photos in the order of `media_ids`, which must list each of them once
    (`MEDIA_NOT_OF_PRODUCT` otherwise). The first is the product's main photo."""
    with transaction.atomic():
        Product.objects.select_for_update().filter(pk=product.pk).first()
        media = {m.pk: m for m in ProductMedia.objects.filter(product_id=product.pk)}
        if len(media_ids) != len(media) or set(media_ids) != set(media):
            raise CatalogError(
                CatalogErrorCode.MEDIA_NOT_OF_PRODUCT,
                _("List each photo of this product exactly once."),
                field="media_ids",
            )
        ordered = [media[pk] for pk in media_ids]
        for position, item in enumerate(ordered):
            item.sort_order = position
        ProductMedia.objects.bulk_update(ordered, ["sort_order"])
        return ordered


def media_delete(*, media: ProductMedia) -> None:
    """Delete a photo; its files (original and renditions) are deleted once the deletion commits,
    by a task, so a rolled-back deletion leaves the files in place."""
    from marketplace.catalog.tasks import media_delete_files

    with transaction.atomic():
        media = ProductMedia.objects.select_for_update().get(pk=media.pk)
        candidates = media_file_names(media)
        media.delete()
        # Photos may share files (the demo catalogue reuses its pictures): keep any file that
        # another photo still points at.
        names = [name for name in candidates if not _file_still_used(name)]
        transaction.on_commit(lambda: media_delete_files.delay(names))


def _file_still_used(name: str) -> bool:
    return (
        ProductMedia.objects.annotate(renditions_text=Cast("renditions", TextField()))
        .filter(Q(image=name) | Q(renditions_text__contains=f'"{name}"'))
        .exists()
    )


def media_file_names(media: ProductMedia) -> list[str]:
    names = [media.image.name] if media.image.name else []
    for formats in (media.renditions or {}).values():
        names.extend(name for key, name in formats.items() if key in RENDITION_FORMATS)
    return names


def delete_files(names: Sequence[str]) -> None:
    """Delete stored files; a file already gone is fine (the task may run twice)."""
    for name in names:
        default_storage.delete(name)


# --- renditions ---------------------------------------------------------------------------------


def _rendition_name(media_id: int, width: int, extension: str) -> str:
    return f"{RENDITIONS_DIR}/{media_id}/{width}.{extension}"


def make_renditions(image: Image.Image, *, media_id: int) -> dict[str, dict[str, Any]]:
    """Write the renditions of `image` and return the `renditions` mapping.

    A width larger than the original is made at the original width (never upscaled). Files have
    fixed names per media and width, overwritten on a re-run.
    """
    renditions: dict[str, dict[str, Any]] = {}
    made: dict[int, dict[str, Any]] = {}
    for wanted in RENDITION_WIDTHS:
        width = min(wanted, image.width)
        if width not in made:
            height = max(1, round(image.height * width / image.width))
            resized = (
                image
                if width == image.width
                else image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            )
            entry: dict[str, Any] = {"width": width, "height": height}
            for key, (pillow_format, extension) in RENDITION_FORMATS.items():
                name = _rendition_name(media_id, width, extension)
                default_storage.delete(name)  # fixed name: replace a previous run's file
                entry[key] = default_storage.save(name, ContentFile(encode(resized, pillow_format)))
            made[width] = entry
        renditions[str(wanted)] = made[width]
    return renditions


def media_renditions_make(*, media_id: int) -> str:
    """Make the renditions of one photo and mark it ready; returns the outcome.

    Idempotent: a photo already `ready` is left alone, a deleted one is skipped, a re-run writes
    the same file names. A photo whose original cannot be read is marked `failed` and the reason
    logged; storage errors propagate so that the task is retried.
    """
    media = ProductMedia.objects.filter(pk=media_id).first()
    if media is None:
        return "missing"
    if media.status == MediaStatus.READY and media.renditions:
        return "ready"
    try:
        with media.image.open("rb") as original:
            data = original.read()
    except FileNotFoundError:
        return _mark_failed(media_id, "original file is missing")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            decoded = Image.open(BytesIO(data))
            decoded.load()
        # The stored original is already clean; stripping again costs little and protects
        # photos stored before this code existed.
        image = strip_metadata(decoded)
    except (*_DECODE_ERRORS, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        return _mark_failed(media_id, f"cannot decode the original: {error}")
    renditions = make_renditions(image, media_id=media_id)
    with transaction.atomic():
        current = ProductMedia.objects.select_for_update().filter(pk=media_id).first()
        if current is None:
            # Deleted while we worked: leave no orphan files.
            transaction.on_commit(
                lambda: delete_files(
                    [
                        v
                        for entry in renditions.values()
                        for k, v in entry.items()
                        if k in RENDITION_FORMATS
                    ]
                )
            )
            return "missing"
        current.renditions = renditions
        current.status = MediaStatus.READY
        current.save(update_fields=["renditions", "status"])
    return "ready"


def _mark_failed(media_id: int, reason: str) -> str:
    logger.warning("renditions of product media %s failed: %s", media_id, reason)
    ProductMedia.objects.filter(pk=media_id).update(status=MediaStatus.FAILED)
    return "failed"


def rendition_url(media: ProductMedia, *, width: int = 320, kind: str = "jpeg") -> str | None:
    """URL of a rendition (the nearest width at least as wide, else the widest), or None while
    the photo is processing."""
    renditions = media.renditions or {}
    if not renditions:
        return None
    widths = sorted(int(w) for w in renditions)
    chosen = next((w for w in widths if w >= width), widths[-1])
    name = renditions[str(chosen)].get(kind)
    return default_storage.url(name) if name else None
