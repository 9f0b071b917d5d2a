"""Storefront pages under load: requests/s and p95 latency of the home, search and product
pages, each next to a trivial Django view served by the same gunicorn in the same run.

    python -m benchmarks.storefront [--users 8] [--duration 20s] [--workers 3]

Uses the database, seeding and server of benchmarks/load.py (`kad_load`, gunicorn with
infra/gunicorn.conf.py on a free loopback port, settings `benchmarks.bench_settings`, whose
URLconf adds `/_bench/trivial/`). For each target in turn, locust's PageUser requests it with no
pause between requests (closed loop) for the duration; the ratios divide each page's figures by
the trivial view's. Prints one JSON document.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
import urllib.request
from typing import Any

from benchmarks.load import gunicorn, log, machine, prepare, run_locust

SEARCH_QUERIES = ["ผ้าไหม", "ลำไย", "ผ้าฝ้าย", "silk"]
PRODUCT_LINK = re.compile(r'href="(/product/[^"/]+/)"')


def product_paths(base: str, *, limit: int = 20) -> list[str]:
    """Product pages linked from the home page and, if needed, from the search page."""
    paths: list[str] = []
    for page in ("/", "/search/?q=" + urllib.parse.quote("ผ้า")):
        with urllib.request.urlopen(base + page, timeout=60) as response:  # noqa: S310 (loopback)
            html = response.read().decode()
        paths += [p for p in PRODUCT_LINK.findall(html) if p not in paths]
        if len(paths) >= limit:
            break
    if not paths:
        raise SystemExit("no product link on the home or search page")
    return paths[:limit]


def targets(base: str) -> dict[str, list[str]]:
    return {
        "trivial": ["/_bench/trivial/"],
        "home": ["/"],
        "search": ["/search/?q=" + urllib.parse.quote(q) for q in SEARCH_QUERIES],
        "product": product_paths(base),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.storefront", description=__doc__)
    parser.add_argument("--users", type=int, default=8, help="simultaneous users (%(default)s)")
    parser.add_argument("--duration", default="20s", help="per target (%(default)s)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (%(default)s)")
    parser.add_argument("--products", type=int, default=300, help="demo catalogue size")
    parser.add_argument("--seed", type=int, default=1, help="seed of the demo data")
    parser.add_argument("--database", default="kad_load", help="benchmark database (%(default)s)")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = machine()
    url = prepare(database=args.database, seed=args.seed, products=args.products, fresh=args.fresh)
    pages: dict[str, Any] = {}
    with gunicorn(url, workers=args.workers) as base:
        for name, paths in targets(base).items():
            # Untimed warm-up: every worker renders each path once (templates, caches).
            for path in paths * args.workers:
                with urllib.request.urlopen(base + path, timeout=60):  # noqa: S310 (loopback)
                    pass
            log(f"{name}: {len(paths)} path(s), {args.users} users for {args.duration}")
            result = run_locust(
                base,
                users=args.users,
                spawn_rate=args.users,
                duration=args.duration,
                classes=["PageUser"],
                extra_env={"KAD_BENCH_PATHS": " ".join(paths), "KAD_BENCH_NAME": name},
            )
            total = result["total"]
            pages[name] = {
                "paths": len(paths),
                "requests": total["requests"],
                "failures": total["failures"],
                "requests_per_second": total["requests_per_second"],
                "p50_ms": total["p50_ms"],
                "p95_ms": total["p95_ms"],
            }
    trivial = pages["trivial"]
    for name, page in pages.items():
        if name != "trivial" and trivial["requests_per_second"] and trivial["p95_ms"]:
            page["rps_ratio_to_trivial"] = round(
                page["requests_per_second"] / trivial["requests_per_second"], 3
            )
            page["p95_ratio_to_trivial"] = round(page["p95_ms"] / trivial["p95_ms"], 1)
    report = {
        "benchmark": "storefront pages under load (locust, closed loop) against gunicorn",
        "machine": started,
        "gunicorn_workers": args.workers,
        "users": args.users,
        "duration_per_target": args.duration,
        "pages": pages,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if any(page["failures"] or not page["requests"] for page in pages.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
