"""Seed growing catalogues into a database of the runner's own and time the storefront's
`products(first: 100)` GraphQL query against each, through Django's test client.

Prints one JSON document on stdout (progress goes to stderr). The database is a separate one
(`kad_bench` by default) on the server of DATABASE_URL: created and migrated by the runner,
never the one you work in. Catalogues grow in place: seeding 100,000 products after 10,000 adds
the 90,000 missing ones (product i of a seed is always the same product).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:54329/kad"

PRODUCTS_QUERY = """
query Products {
  products(first: 100) {
    edges {
      node {
        id
        name
        slug
        thumbnail { url }
        pricing { priceRange { start { gross { amount } } } }
        vendor { name }
        category { name }
        variants { sku quantityAvailable }
      }
    }
  }
}
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="catalogue sizes to measure, in increasing order (default %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=30, help="timed requests per size")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first")
    parser.add_argument("--seed", type=int, default=1, help="seed of the demo catalogue")
    parser.add_argument(
        "--database", default="kad_bench", help="name of the benchmark database (%(default)s)"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="drop and recreate the benchmark database first"
    )
    parser.add_argument(
        "--no-search",
        action="store_true",
        help="skip the search benchmarks (index throughput, search and autocomplete latency)",
    )
    args = parser.parse_args(argv)
    args.sizes = sorted(int(size) for size in args.sizes.split(","))
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    return args


def bench_database_url(base_url: str, name: str) -> str:
    """DATABASE_URL with the database name replaced (same host, port, user)."""
    parts = urlsplit(base_url)
    if parts.path.lstrip("/") == name:
        raise SystemExit(f"refusing to benchmark in {name!r}: it is the working database")
    return urlunsplit(parts._replace(path=f"/{name}"))


def prepare_database(url: str, *, fresh: bool) -> None:
    """Create the benchmark database (dropping it first with --fresh) through the server's
    `postgres` maintenance database."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if fresh:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    # No DEBUG: it would keep every seeding statement in memory. Tasks run in this process:
    # a Celery worker elsewhere points at another database.
    os.environ["DEBUG"] = "0"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    import django
    from django.test.utils import setup_test_environment

    # WhiteNoise warns once when collectstatic has not run; static files are not measured here.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

    django.setup()
    setup_test_environment()  # lets the test client's "testserver" host in


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def timed(call: Callable[[], object], *, runs: int, warmup: int) -> list[float]:
    """Milliseconds of each of `runs` calls, after `warmup` untimed ones."""
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def summary(timings: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 95), 2),
        "max_ms": round(max(timings), 2),
    }


def measure(*, runs: int, warmup: int) -> dict[str, Any]:
    """Time the query; the SQL statements are counted on one extra, untimed request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    body = json.dumps({"query": PRODUCTS_QUERY})

    def request() -> dict[str, Any]:
        response = client.post("/graphql/", data=body, content_type="application/json")
        try:
            payload: dict[str, Any] = response.json()
        except ValueError:
            payload = {"errors": [{"message": f"HTTP {response.status_code}, not JSON"}]}
        if response.status_code != 200 and "errors" not in payload:
            payload["errors"] = [{"message": f"HTTP {response.status_code}"}]
        return payload

    first = request()
    if first.get("errors"):
        return {
            "error": "the products query failed: "
            + "; ".join(str(e.get("message")) for e in first["errors"])
        }
    edges = len(first["data"]["products"]["edges"])
    latencies = timed(request, runs=runs, warmup=warmup)
    with CaptureQueriesContext(connection) as queries:
        request()
    return {
        "edges": edges,
        **summary(latencies),
        "mean_ms": round(statistics.fmean(latencies), 2),
        "sql_queries": len(queries.captured_queries),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    url = bench_database_url(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), args.database)
    log(f"benchmark database: {args.database}{' (fresh)' if args.fresh else ''}")
    prepare_database(url, fresh=args.fresh)
    setup_django(url)

    from django.core.management import call_command

    from marketplace.catalog.models import Product
    from marketplace.core import demo

    log("migrating")
    call_command("migrate", interactive=False, verbosity=0)
    results = []
    for size in args.sizes:
        log(f"seeding {size} products (seed {args.seed})")
        seeded = demo.seed_demo(seed=args.seed, products=size, progress=sys.stderr.isatty())
        log(f"measuring products(first: 100): {args.warmup} warm-up + {args.runs} runs")
        result: dict[str, Any] = {
            "catalogue_products": size,
            "products_in_database": Product.objects.count(),
            "seed_seconds": round(seeded.seconds, 1),
            "products_created_by_seed": seeded.created["products"],
        }
        result.update(measure(runs=args.runs, warmup=args.warmup))
        if not args.no_search:
            from benchmarks.search_bench import measure_search

            log(f"search benchmarks at {size} products: rebuild the index, then time queries")
            result["search"] = measure_search(
                runs=max(args.runs, 20), warmup=2, progress=sys.stderr.isatty()
            )
        results.append(result)
    report = {
        "benchmark": "GraphQL products(first: 100) through django.test.Client",
        "query": " ".join(PRODUCTS_QUERY.split()),
        "database": args.database,
        "seed": args.seed,
        "warmup": args.warmup,
        "runs": args.runs,
        "results": results,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    failed = any("error" in r or "error" in r.get("search", {}) for r in results)
    return 1 if failed else 0
