"""Open data: each municipality's monthly sales as a Frictionless Data Package, and a DCAT
catalogue of them in JSON-LD that CKAN-based city data platforms can harvest.

Files live in the default storage (local disk or S3) under `open-data/<municipality slug>/`
and are served at the same path by `views.open_data_file`. Only complete months are published,
and a cell that aggregates fewer than `MIN_VENDORS` vendors has its figures left empty and
`suppressed` true (Thailand's PDPA: a cell must not reveal one vendor's revenue).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date, datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from marketplace.analytics import selectors
from marketplace.analytics.facts import local_day
from marketplace.analytics.models import OpenDataRelease
from marketplace.municipalities.models import Municipality

MIN_VENDORS = 3
ROOT = "open-data"
RESOURCE = "sales-monthly"
CSV_NAME = f"{RESOURCE}.csv"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}

FIELDS: list[dict[str, Any]] = [
    {"name": "month", "type": "yearmonth", "description": "Month of the sales (Asia/Bangkok)."},
    {"name": "municipality", "type": "string", "description": "Municipality (slug)."},
    {"name": "district_code", "type": "string", "description": "Official district code."},
    {"name": "district_name_th", "type": "string"},
    {"name": "district_name_en", "type": "string"},
    {"name": "category", "type": "string", "description": "Top-level product category (slug)."},
    {"name": "category_name_th", "type": "string"},
    {"name": "category_name_en", "type": "string"},
    {
        "name": "vendor_kind",
        "type": "string",
        "constraints": {"enum": ["individual", "community_enterprise", "otop_group"]},
    },
    {
        "name": "vendors",
        "type": "integer",
        "description": "Vendors whose sales make up the cell.",
        "constraints": {"minimum": 0},
    },
    {
        "name": "orders",
        "type": "integer",
        "description": "Paid orders; empty when suppressed.",
        "constraints": {"minimum": 0},
    },
    {
        "name": "units",
        "type": "integer",
        "description": "Units sold net of refunds; empty when suppressed.",
    },
    {
        "name": "gmv_thb",
        "type": "number",
        "description": "Gross merchandise value in baht, net of refunds; empty when suppressed.",
    },
    {
        "name": "suppressed",
        "type": "boolean",
        "description": f"True when fewer than {MIN_VENDORS} vendors make up the cell.",
    },
]


def municipality_dir(municipality: Municipality) -> str:
    return f"{ROOT}/{municipality.slug}"


def published_rows(cells: list[selectors.SalesCell], *, slug: str) -> list[dict[str, Any]]:
    """The cells as published: figures of a cell with fewer than MIN_VENDORS vendors left out."""
    rows = []
    for cell in cells:
        hidden = cell.vendors < MIN_VENDORS
        rows.append(
            {
                "month": cell.month.strftime("%Y-%m"),
                "municipality": slug,
                "district_code": cell.district_code,
                "district_name_th": cell.district_th,
                "district_name_en": cell.district_en,
                "category": cell.category_slug,
                "category_name_th": cell.category_th,
                "category_name_en": cell.category_en,
                "vendor_kind": cell.vendor_kind,
                "vendors": cell.vendors,
                "orders": "" if hidden else cell.orders,
                "units": "" if hidden else cell.quantity,
                "gmv_thb": "" if hidden else f"{cell.gmv:.2f}",
                "suppressed": "true" if hidden else "false",
            }
        )
    return rows


def _csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[f["name"] for f in FIELDS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def datapackage(
    *, municipality: Municipality, csv_bytes: bytes, rows: int, published_at: datetime
) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": f"kad-sales-{municipality.slug}",
        "title": f"Kad sales — {municipality.name_en or municipality.name_th}",
        "description": (
            f"Monthly sales of community artisans on Kad in {municipality.name_th} "
            f"({municipality.name_en}) by district, product category and vendor kind. "
            f"Cells with fewer than {MIN_VENDORS} vendors are suppressed."
        ),
        "version": published_at.strftime("%Y.%m.%d"),
        "created": published_at.isoformat(),
        "licenses": [LICENSE],
        "keywords": ["sales", "crafts", "OTOP", "community enterprise", municipality.slug],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": RESOURCE,
                "path": CSV_NAME,
                "title": "Monthly sales by district, category and vendor kind",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(csv_bytes),
                "hash": f"sha256:{hashlib.sha256(csv_bytes).hexdigest()}",
                "schema": {
                    "fields": FIELDS,
                    "primaryKey": ["month", "district_code", "category", "vendor_kind"],
                    "missingValues": [""],
                },
                "rows": rows,
            }
        ],
    }


def _write(path: str, content: bytes) -> None:
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(content))


def open_data_publish(
    *, municipality: Municipality, now: datetime | None = None
) -> OpenDataRelease:
    """Write the municipality's data package (every complete month so far) and record the
    release; queues the push to the city data platform after commit when CDLP_FEED_URL is set.
    Running it twice in a month rewrites the same files with the same figures."""
    from marketplace.analytics import feed

    published_at = now or timezone.now()
    before = local_day(published_at).replace(day=1)
    cells = selectors.monthly_cells(municipality_id=municipality.pk, before=before)
    rows = published_rows(cells, slug=municipality.slug)
    body = _csv_bytes(rows)
    descriptor = datapackage(
        municipality=municipality, csv_bytes=body, rows=len(rows), published_at=published_at
    )
    folder = municipality_dir(municipality)
    _write(f"{folder}/{CSV_NAME}", body)
    _write(
        f"{folder}/datapackage.json",
        json.dumps(descriptor, ensure_ascii=False, indent=2).encode(),
    )
    months = [cell.month for cell in cells]
    with transaction.atomic():
        release = OpenDataRelease.objects.create(
            municipality=municipality,
            published_at=published_at,
            first_month=min(months, default=None),
            last_month=max(months, default=None),
            rows=len(rows),
            suppressed_rows=sum(1 for row in rows if row["suppressed"] == "true"),
            datapackage=descriptor,
            csv_sha256=hashlib.sha256(body).hexdigest(),
        )
        feed.feed_delivery_queue(release=release)
    return release


def latest_releases() -> list[OpenDataRelease]:
    """The newest release of every municipality. 1 query."""
    return list(
        OpenDataRelease.objects.select_related("municipality")
        .order_by("municipality_id", "-published_at", "-id")
        .distinct("municipality_id")
    )


def _lang(value: str, language: str) -> dict[str, str]:
    return {"@value": value, "@language": language}


def dataset_jsonld(release: OpenDataRelease, *, base_url: str) -> dict[str, Any]:
    municipality = release.municipality
    folder = f"{base_url}/{municipality_dir(municipality)}"
    temporal: dict[str, Any] = {"@type": "dct:PeriodOfTime"}
    if release.first_month and release.last_month:
        temporal["dcat:startDate"] = {
            "@value": release.first_month.isoformat(),
            "@type": "xsd:date",
        }
        temporal["dcat:endDate"] = {"@value": _month_end(release.last_month), "@type": "xsd:date"}
    return {
        "@id": f"{folder}/",
        "@type": "dcat:Dataset",
        "dct:identifier": f"kad-sales-{municipality.slug}",
        "dct:title": [
            _lang(f"ยอดขายสินค้าชุมชนบนกาด — {municipality.name_th}", "th"),
            _lang(f"Kad community product sales — {municipality.name_en}", "en"),
        ],
        "dct:description": [
            _lang(
                "ยอดขายรายเดือนแยกตามอำเภอ หมวดสินค้า และประเภทผู้ขาย "
                f"ช่องที่มีผู้ขายน้อยกว่า {MIN_VENDORS} รายถูกปกปิด",
                "th",
            ),
            _lang(
                "Monthly sales by district, product category and vendor kind. "
                f"Cells with fewer than {MIN_VENDORS} vendors are suppressed.",
                "en",
            ),
        ],
        "dct:publisher": {
            "@type": "foaf:Organization",
            "foaf:name": [_lang(municipality.name_th, "th"), _lang(municipality.name_en, "en")],
        },
        "dct:issued": {"@value": release.published_at.isoformat(), "@type": "xsd:dateTime"},
        "dct:modified": {"@value": release.published_at.isoformat(), "@type": "xsd:dateTime"},
        "dct:license": {"@id": LICENSE["path"]},
        "dct:accrualPeriodicity": {
            "@id": "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
        },
        "dct:temporal": temporal,
        "dcat:keyword": ["sales", "crafts", "OTOP", municipality.slug],
        "dcat:distribution": [
            {
                "@id": f"{folder}/{CSV_NAME}",
                "@type": "dcat:Distribution",
                "dct:title": "Monthly sales (CSV)",
                "dcat:accessURL": {"@id": f"{folder}/{CSV_NAME}"},
                "dcat:downloadURL": {"@id": f"{folder}/{CSV_NAME}"},
                "dcat:mediaType": "text/csv",
                "dct:format": "CSV",
                "dcat:byteSize": {
                    "@value": str(release.datapackage["resources"][0]["bytes"]),
                    "@type": "xsd:decimal",
                },
            },
            {
                "@id": f"{folder}/datapackage.json",
                "@type": "dcat:Distribution",
                "dct:title": "Frictionless Data Package",
                "dcat:accessURL": {"@id": f"{folder}/datapackage.json"},
                "dcat:downloadURL": {"@id": f"{folder}/datapackage.json"},
                "dcat:mediaType": "application/json",
                "dct:format": "JSON",
                "dct:conformsTo": {"@id": "https://specs.frictionlessdata.io/data-package/"},
            },
        ],
    }


def _month_end(month: date) -> str:
    return selectors.month_period(month).end.isoformat()


def catalog_jsonld(*, base_url: str) -> dict[str, Any]:
    """The DCAT catalogue of the latest release of each municipality, in JSON-LD."""
    base_url = base_url.rstrip("/")
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": f"{base_url}/{ROOT}/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": [_lang("ข้อมูลเปิดของกาด", "th"), _lang("Kad open data", "en")],
        "dct:description": [
            _lang("ยอดขายรายเดือนของผู้ขายในชุมชนแต่ละเทศบาล", "th"),
            _lang("Monthly sales of each municipality's community vendors.", "en"),
        ],
        "foaf:homepage": {"@id": f"{base_url}/{ROOT}/"},
        "dcat:dataset": [
            dataset_jsonld(release, base_url=base_url) for release in latest_releases()
        ],
    }
