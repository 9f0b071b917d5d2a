"""Reading an uploaded product sheet: CSV (UTF-8 or the Thai Windows code page older Excel
writes, any of `,` `;` tab) or XLSX, its header row matched in Thai or English, blank rows
skipped. A file that cannot be a product sheet is refused (`ImportFileError`) before anything is
stored."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.imports.columns import COLUMNS, normal
from marketplace.core.errors import DomainError

MAX_ROWS = 20_000
MAX_FILE_BYTES = 10 * 1024 * 1024


class ImportErrorCode(Enum):
    NOT_A_SHEET = "not_a_sheet"
    FILE_TOO_LARGE = "file_too_large"
    WRONG_HEADERS = "wrong_headers"
    EMPTY = "empty"
    TOO_MANY_ROWS = "too_many_rows"


class ImportFileError(DomainError):
    """The uploaded file is not a product sheet we can read; nothing was stored."""


@dataclass
class Sheet:
    file_format: str  # "csv" or "xlsx"
    columns: list[str | None]  # the key of each column of the file (None: not ours, ignored)
    rows: list[tuple[int, dict[str, str]]]  # (row number as the spreadsheet shows it, values)


def _header_names() -> dict[str, str]:
    """Every accepted spelling of each column's name → its key (keys, Thai and English)."""
    names: dict[str, str] = {}
    for column in COLUMNS:
        names[normal(column.key)] = column.key
        for language in ("th", "en"):
            with translation.override(language):
                names[normal(str(column.label))] = column.key
    return names


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(data: bytes) -> list[list[str]]:
    if b"\x00" in data:
        raise _not_a_sheet()
    for encoding in ("utf-8-sig", "cp874"):  # cp874: Thai Windows, what older Excel writes
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _not_a_sheet()
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise _not_a_sheet() from error


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise _not_a_sheet() from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def _not_a_sheet() -> ImportFileError:
    return ImportFileError(
        ImportErrorCode.NOT_A_SHEET,
        _("This file is not a CSV or Excel (XLSX) sheet. Download the template and fill it in."),
        field="file",
    )


def sheet_read(data: bytes) -> Sheet:
    """Read a product sheet; raises `ImportFileError` for a file that cannot be one."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            ImportErrorCode.FILE_TOO_LARGE,
            _("The file is larger than %(megabytes)s MB."),
            field="file",
            params={"megabytes": MAX_FILE_BYTES // (1024 * 1024)},
        )
    file_format = "xlsx" if data[:4] == b"PK\x03\x04" else "csv"
    raw = _xlsx_rows(data) if file_format == "xlsx" else _csv_rows(data)
    if not any(any(row) for row in raw):
        raise ImportFileError(ImportErrorCode.EMPTY, _("The file is empty."), field="file")
    names = _header_names()
    columns = [names.get(normal(name)) if name else None for name in raw[0]]
    missing = [c for c in COLUMNS if c.required and c.key not in columns]
    if missing:
        raise ImportFileError(
            ImportErrorCode.WRONG_HEADERS,
            _(
                "The first row must hold the column names of the template. Missing: %(columns)s."
                " Download the template and copy your rows into it."
            ),
            field="file",
            params={"columns": ", ".join(str(c.label) for c in missing)},
        )
    if len(raw) - 1 > MAX_ROWS:
        raise ImportFileError(
            ImportErrorCode.TOO_MANY_ROWS,
            _("A file can hold at most %(max)s rows; split it into smaller files."),
            field="file",
            params={"max": MAX_ROWS},
        )
    # Numbered as the spreadsheet shows them (the header is row 1); blank rows are skipped.
    rows: list[tuple[int, dict[str, str]]] = []
    for number, values in enumerate(raw[1:], start=2):
        row = {key: values[i] if i < len(values) else "" for i, key in enumerate(columns) if key}
        if any(row.values()):
            rows.append((number, row))
    if not rows:
        raise ImportFileError(
            ImportErrorCode.EMPTY,
            _("The file has the column names but no products below them."),
            field="file",
        )
    return Sheet(file_format=file_format, columns=columns, rows=rows)
