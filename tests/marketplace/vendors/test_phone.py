from __future__ import annotations

import pytest

from marketplace.core.phone import thai_phone_normalize


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("0812345678", "0812345678"),
        ("081-234-5678", "0812345678"),
        ("081 234 5678", "0812345678"),
        ("+66 81 234 5678", "0812345678"),
        ("+66 081 234 5678", "0812345678"),
        ("0066812345678", "0812345678"),
        ("053 511 111", "053511111"),  # a Lamphun fixed line
        ("(02) 123-4567", "021234567"),  # Bangkok
        ("0612345678", "0612345678"),
        ("0912345678", "0912345678"),
    ],
)
def test_thai_numbers_are_stored_in_national_form(raw: str, stored: str) -> None:
    assert thai_phone_normalize(raw) == stored


@pytest.mark.parametrize(
    "raw",
    [
        "+1 415 555 0100",  # United States
        "+44 20 7946 0958",  # United Kingdom
        "081234567",  # a mobile number one digit short
        "08123456789",  # one digit too many
        "0112345678",  # no Thai numbers start 01
        "1234567890",
        "08l2345678",
        "",
    ],
)
def test_numbers_that_are_not_thai_are_refused(raw: str) -> None:
    assert thai_phone_normalize(raw) is None
