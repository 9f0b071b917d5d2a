"""Registration documents: PDFs and photos pass, anything else or too large is refused."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from marketplace.vendors.documents import registration_document_check
from marketplace.vendors.errors import VendorError, VendorErrorCode


def pdf_upload(name: str = "หนังสือรับรอง.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def photo_upload(name: str = "IMG_0001.jpg", image_format: str = "JPEG") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (120, 60, 20)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.mark.parametrize(
    ("upload", "suffix"),
    [
        (pdf_upload(), ".pdf"),
        (photo_upload(), ".jpg"),
        (photo_upload("scan.png", "PNG"), ".png"),
        (photo_upload("named-wrongly.pdf", "WEBP"), ".webp"),
    ],
)
def test_pdfs_and_photos_are_accepted_with_the_suffix_of_their_content(
    upload: SimpleUploadedFile, suffix: str
) -> None:
    assert registration_document_check(upload) == suffix
    assert upload.tell() == 0


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("virus.pdf", b"MZ\x90\x00\x03", "application/pdf"),
        SimpleUploadedFile("notes.txt", "ใบทะเบียน".encode(), "text/plain"),
        SimpleUploadedFile("fake.jpg", b"\xff\xd8\xff\xe0 broken", "image/jpeg"),
    ],
)
def test_anything_else_is_refused_with_a_message(upload: SimpleUploadedFile) -> None:
    with pytest.raises(VendorError) as refused, translation.override("en"):
        registration_document_check(upload)
    assert (refused.value.code, refused.value.field) == (
        VendorErrorCode.DOCUMENT_TYPE,
        "registration_document",
    )
    with translation.override("en"):
        assert "PDF" in refused.value.message


def test_a_file_over_the_upload_limit_is_refused(settings: Any) -> None:
    settings.KAD_MAX_UPLOAD_BYTES = 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2000, "application/pdf")
    with pytest.raises(VendorError) as refused, translation.override("en"):
        registration_document_check(big)
    assert refused.value.code is VendorErrorCode.DOCUMENT_TOO_LARGE
    with translation.override("en"):
        assert "1.0\xa0KB" in refused.value.message


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(VendorError) as refused:
        registration_document_check(SimpleUploadedFile("x.pdf", b"", "application/pdf"))
    assert refused.value.code is VendorErrorCode.DOCUMENT_EMPTY
