"""Time the municipal sales report over 1,000,000 order lines.

    .venv/bin/python -m benchmarks.analytics_report [--lines 1000000] [--runs 5] [--fresh]

Uses a database of its own (`kad_bench_analytics` on the server of DATABASE_URL, created and
migrated here; never the working database). Sales facts are generated in bulk with one
INSERT … SELECT over generate_series (not through checkout: that would measure checkout), for
one municipality over two years: 2 lines per order, ~300 vendors in Lamphun's districts, 6 top
categories, 200,000 shoppers, 1 % of lines refunded. The rollups are then rebuilt.

Measured through Django's test client as a signed-in operator, for the last twelve months:
the report page, the CSV and the XLSX download; and, in the same run, a plain
`SELECT COUNT(*) FROM analytics_salesfact`. Each timing is the median of `--runs` runs after
one warm-up; `ratio_to_count` is that median divided by the COUNT(*) median. Prints JSON.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from benchmarks.runner import (
    DEFAULT_DATABASE_URL,
    bench_database_url,
    log,
    prepare_database,
    setup_django,
    timed,
)

START = date(2024, 1, 1)
DAYS = 731


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.analytics_report", description=__doc__
    )
    parser.add_argument("--lines", type=int, default=1_000_000, help="sale facts (%(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (%(default)s)")
    parser.add_argument("--database", default="kad_bench_analytics")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    return parser.parse_args(argv)


def seed(lines: int) -> dict[str, Any]:
    """Dimensions with bulk_create, facts with one INSERT … SELECT; skipped when present."""
    from django.db import connection

    from marketplace.analytics.models import FactKind, SalesAdjustment, SalesFact
    from marketplace.analytics.services import (
        sales_rollups_rebuild,
        sales_shopper_orders_renumber,
    )
    from marketplace.catalog.models import Category, Product, ProductType
    from marketplace.municipalities.models import Municipality, Province, Subdistrict
    from marketplace.vendors.models import Vendor, VendorKind

    town, _ = Municipality.objects.get_or_create(
        slug="lamphun",
        defaults={
            "name_th": "เทศบาลเมืองลำพูน",
            "name_en": "Lamphun Town Municipality",
            "province": Province.objects.get(code="51"),
        },
    )
    existing = SalesFact.objects.filter(municipality=town, kind=FactKind.SALE).count()
    if existing == lines:
        return {"seeded": False, "seed_seconds": 0.0}
    started = time.perf_counter()
    SalesFact.objects.all().delete()
    SalesAdjustment.objects.all().delete()
    places = list(Subdistrict.objects.filter(district__province_id="51").order_by("code"))
    kinds = list(VendorKind.values)
    if Vendor.objects.filter(municipality=town).count() < 300:
        Vendor.objects.bulk_create(
            Vendor(
                slug=f"bench-vendor-{i}",
                name_th=f"ร้านทดสอบ {i}",
                name_en=f"Bench vendor {i}",
                kind=kinds[i % len(kinds)],
                status="approved",
                municipality=town,
                district_id=places[i % len(places)].district_id,
                subdistrict=places[i % len(places)],
            )
            for i in range(300)
        )
    vendors = list(
        Vendor.objects.filter(municipality=town).values_list("id", "district_id", "kind")
    )
    if Category.objects.filter(level=0).count() < 6:
        for i in range(6):
            category = Category.objects.create(slug=f"bench-category-{i}", name_th=f"หมวด {i}")
            category.path = f"{category.pk}/"
            category.save(update_fields=["path"])
    categories = list(Category.objects.filter(level=0).values_list("id", flat=True)[:6])
    product_type, _ = ProductType.objects.get_or_create(slug="bench", defaults={"name_th": "ทดสอบ"})
    if Product.objects.filter(vendor__municipality=town).count() < 3000:
        Product.objects.bulk_create(
            Product(
                vendor_id=vendors[i % len(vendors)][0],
                category_id=categories[i % len(categories)],
                product_type=product_type,
                slug=f"bench-product-{i}",
                name_th=f"สินค้าทดสอบ {i}",
            )
            for i in range(3000)
        )
    products = list(
        Product.objects.filter(vendor__municipality=town)
        .order_by("id")
        .values_list("id", "vendor_id", "category_id")[:3000]
    )
    district_of = {vid: (district, kind) for vid, district, kind in vendors}
    adjustment = SalesAdjustment.objects.create(
        kind=FactKind.REFUND,
        reference="bench-refunds",
        vendor_order_id=0,
        amount=0,
        gross=0,
        commission=0,
        occurred_at=time_now(),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_products (n int, product_id bigint, vendor_id bigint, "
            "category_id bigint, district_id varchar, vendor_kind varchar)"
        )
        cursor.executemany(
            "INSERT INTO bench_products VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (n, pid, vid, cid, district_of[vid][0], district_of[vid][1])
                for n, (pid, vid, cid) in enumerate(products)
            ],
        )
        count = len(products)
        # Line i belongs to order i / 2; its product (and so vendor, district, category) is
        # picked by a multiplicative hash; 200,000 shoppers; the day spreads over two years.
        cursor.execute(
            f"""
            INSERT INTO analytics_salesfact (kind, occurred_at, day, municipality_id, district_id,
                vendor_id, vendor_kind, category_id, product_id, product_name, order_id,
                vendor_order_id, order_line_id, adjustment_id, shopper_hash, shopper_order,
                quantity, gross, commission)
            SELECT 'sale', d::timestamptz + interval '5 hours', d, %(town)s, p.district_id,
                p.vendor_id, p.vendor_kind, p.category_id, p.product_id, 'สินค้าทดสอบ ' || p.n,
                i / 2, i / 2, i, NULL, md5((i / 2 %% 200000)::text), 1, 1 + i %% 3,
                (1 + i %% 3) * (100 + (i %% 40) * 25)::numeric,
                round((1 + i %% 3) * (100 + (i %% 40) * 25)::numeric / 10, 2)
            FROM generate_series(1::bigint, %(lines)s) AS i
            JOIN bench_products p ON p.n = (i * 7919) %% {count}
            CROSS JOIN LATERAL (SELECT %(start)s::date + ((i / 2) * 31 %% {DAYS})::int AS d) AS day
            """,  # noqa: S608 - numbers computed here
            {"town": town.pk, "lines": lines, "start": START},
        )
        cursor.execute(
            """
            INSERT INTO analytics_salesfact (kind, occurred_at, day, municipality_id, district_id,
                vendor_id, vendor_kind, category_id, product_id, product_name, order_id,
                vendor_order_id, order_line_id, adjustment_id, shopper_hash, shopper_order,
                quantity, gross, commission)
            SELECT 'refund', occurred_at + interval '3 days', day + 3, municipality_id,
                district_id, vendor_id, vendor_kind, category_id, product_id, product_name,
                order_id, vendor_order_id, order_line_id, %s, shopper_hash, 1, -quantity, -gross,
                -commission
            FROM analytics_salesfact WHERE kind = 'sale' AND order_line_id %% 100 = 0
            """,
            [adjustment.pk],
        )
    sales_shopper_orders_renumber()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE analytics_salesfact")
    sales_rollups_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE analytics_salesdaily")
        cursor.execute("ANALYZE analytics_salesmonthly")
    return {"seeded": True, "seed_seconds": round(time.perf_counter() - started, 1)}


def time_now() -> Any:
    from django.utils import timezone

    return timezone.now()


def median_ms(action: Callable[[], object], runs: int) -> dict[str, float]:
    timings = timed(action, runs=runs, warmup=1)
    return {"median_ms": round(statistics.median(timings), 2), "max_ms": round(max(timings), 2)}


def measure(runs: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from marketplace.accounts.models import User

    operator = User.objects.filter(email="bench-operator@kad.example").first()
    if operator is None:
        operator = User.objects.create_superuser(email="bench-operator@kad.example", password=None)
    client = Client()
    client.force_login(operator)
    end = START + timedelta(days=DAYS - 1)
    query = f"municipality=lamphun&start={end - timedelta(days=364)}&end={end}"

    def get(path: str) -> None:
        response = client.get(f"{path}?{query}")
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")

    def count() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM analytics_salesfact")
            cursor.fetchone()

    baseline = median_ms(count, runs)
    results: dict[str, Any] = {"count_star": baseline}
    for name, path in (
        ("report_page", "/reports/"),
        ("export_csv", "/reports/export.csv"),
        ("export_xlsx", "/reports/export.xlsx"),
    ):
        timing = median_ms(functools.partial(get, path), runs)
        timing["ratio_to_count"] = round(timing["median_ms"] / baseline["median_ms"], 1)
        with CaptureQueriesContext(connection) as queries:
            get(path)
        timing["sql_queries"] = len(queries.captured_queries)
        results[name] = timing
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = bench_database_url(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), args.database)
    log(f"benchmark database: {args.database}{' (fresh)' if args.fresh else ''}")
    prepare_database(url, fresh=args.fresh)
    setup_django(url)
    from django.core.management import call_command

    from marketplace.analytics.models import SalesFact

    log("migrating")
    call_command("migrate", interactive=False, verbosity=0)
    log(f"seeding {args.lines} order lines")
    seeded = seed(args.lines)
    log(f"measuring: 1 warm-up + {args.runs} runs each")
    report = {
        "benchmark": "municipal sales report and exports over the sales facts",
        "database": args.database,
        "order_lines": args.lines,
        "facts_in_table": SalesFact.objects.count(),
        "period": "last 12 of 24 months, one municipality",
        **seeded,
        "results": measure(args.runs),
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
