"""Registration documents that applicants upload: a PDF or a photo, never anything else.

The type is decided from the file's content, not from its name or the browser's content type
(both are the sender's word): a PDF starts with `%PDF-`; an image must open in Pillow as JPEG,
PNG or WebP. The size limit is `KAD_MAX_UPLOAD_BYTES`, the same as for product photos.
"""

from __future__ import annotations

from typing import Final

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from marketplace.vendors.errors import VendorError, VendorErrorCode

FIELD: Final = "registration_document"
_IMAGE_FORMATS: Final = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


def max_document_bytes() -> int:
    return int(settings.KAD_MAX_UPLOAD_BYTES)


def registration_document_check(upload: UploadedFile) -> str:
    """The file name suffix (".pdf", ".jpg", ".png", ".webp") that fits the document's content.

    Raises `VendorError` DOCUMENT_TOO_LARGE, DOCUMENT_EMPTY or DOCUMENT_TYPE (field
    `registration_document`). Leaves the file positioned at its start.
    """
    size = upload.size or 0
    if size > max_document_bytes():
        raise VendorError(
            VendorErrorCode.DOCUMENT_TOO_LARGE,
            _("The file is too large: at most %(limit)s, please send a smaller photo or PDF."),
            field=FIELD,
            params={"limit": filesizeformat(max_document_bytes())},
        )
    if size == 0:
        raise VendorError(
            VendorErrorCode.DOCUMENT_EMPTY,
            _("The file is empty: please choose it again."),
            field=FIELD,
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return ".pdf"
    try:
        with Image.open(upload) as image:
            image_format = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        image_format = ""
    finally:
        upload.seek(0)
    suffix = _IMAGE_FORMATS.get(image_format)
    if suffix is None:
        raise VendorError(
            VendorErrorCode.DOCUMENT_TYPE,
            _("Send the document as a PDF file or a photo (JPEG, PNG or WebP)."),
            field=FIELD,
        )
    return suffix
