"""Builders for the vendor portal's listing tests: a shop with its people, and product sheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from marketplace.accounts.models import User
from marketplace.catalog.imports import COLUMNS
from marketplace.catalog.models import Category
from marketplace.vendors.models import MembershipRole, Vendor, VendorStatus
from tests.factories.accounts import UserFactory
from tests.factories.catalog import CategoryFactory
from tests.factories.vendors import VendorFactory, VendorMembershipFactory

KEYS = [column.key for column in COLUMNS]


@dataclass
class Shop:
    vendor: Vendor
    owner: User
    staff: User


def shop(*, status: str = VendorStatus.APPROVED) -> Shop:
    """A shop with an owner and a staff member."""
    vendor = VendorFactory.create(status=status)
    owner = VendorMembershipFactory.create(vendor=vendor, role=MembershipRole.OWNER).user
    staff = VendorMembershipFactory.create(
        vendor=vendor, role=MembershipRole.STAFF, user=UserFactory.create()
    ).user
    return Shop(vendor, owner, staff)


def textiles() -> Category:
    return CategoryFactory.create(slug="textiles", name_th="ผ้าทอ", name_en="Textiles")


def sheet_row(number: int, **overrides: str) -> dict[str, str]:
    """One valid row (variant) of a product sheet; `number` makes the SKU and name unique."""
    row = {
        "name_th": f"ผ้าไหมยกดอก ลายที่ {number}",
        "name_en": f"Silk brocade pattern {number}",
        "category": "ผ้าทอ",
        "description": "ทอมือด้วยไหมแท้",
        "sku": f"SILK-{number:05d}",
        "size": "2 เมตร",
        "colour": "แดง",
        "price": "1850.00",
        "stock": "5",
        "weight_grams": "400",
        "status": "draft",
    }
    row.update(overrides)
    return row


def csv_bytes(rows: Sequence[dict[str, str]], *, keys: Sequence[str] = KEYS) -> bytes:
    """A CSV product sheet with the column keys as headers (the import accepts keys and labels)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(keys)
    for row in rows:
        writer.writerow([row.get(key, "") for key in keys])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: Sequence[dict[str, str]], *, keys: Sequence[str] = KEYS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(keys))
    for row in rows:
        sheet.append([row.get(key, "") for key in keys])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
