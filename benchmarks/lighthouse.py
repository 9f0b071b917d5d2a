"""Lighthouse (from npm) on the storefront's home, search and product pages, in Debian's
Chromium with Lighthouse's default mobile profile; prints the performance, accessibility,
best-practices and SEO scores (0-100) as JSON.

    python -m benchmarks.lighthouse [--workers 2]

The pages come from gunicorn on loopback with the demo data (benchmarks/load.py's database and
server, plus the product photos from MEDIA_ROOT: benchmarks/lighthouse_settings.py). Needs
`npm ci` (node_modules/.bin/lighthouse) and /usr/bin/chromium (CHROME_PATH). Failing audits come
with their offending elements (`failed_details`), and the performance audits with the largest
estimated savings are listed (`opportunities`); `--keep-reports DIR` keeps the full reports.
Scores measured on loopback leave out the network; HTTPS-only audits (HSTS, redirects) cannot
pass on plain HTTP and lower best-practices a little.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path
from typing import Any

from benchmarks import load
from benchmarks.load import ROOT, gunicorn, log, machine, prepare
from benchmarks.storefront import product_paths

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync --no-first-run"
)


def _item_summary(item: dict[str, Any]) -> str:
    """One line for an audit's detail row: the element's snippet or the resource's URL."""
    node = item.get("node") or {}
    candidates = (node.get("snippet"), item.get("url"), item.get("source"), item.get("description"))
    for value in candidates:
        if isinstance(value, dict):
            value = value.get("url") or value.get("value")
        if value:
            return str(value)[:240]
    return json.dumps(item, ensure_ascii=False)[:240]


def audit_details(audit: dict[str, Any], *, limit: int = 5) -> dict[str, Any]:
    """What a failing audit says: its title, display value and the first few offending items."""
    items = (audit.get("details") or {}).get("items") or []
    return {
        "title": audit.get("title"),
        "display": audit.get("displayValue"),
        "items": [_item_summary(item) for item in items[:limit]],
    }


def opportunities(audits: dict[str, Any], *, limit: int = 6) -> list[dict[str, Any]]:
    """The performance audits with the largest estimated savings, largest first."""
    found = [
        {"id": audit_id, "savings_ms": round(ms), **audit_details(audit, limit=3)}
        for audit_id, audit in audits.items()
        if (ms := ((audit.get("details") or {}).get("overallSavingsMs") or 0)) > 0
        and (audit.get("score") is None or audit["score"] < 1)
    ]
    return sorted(found, key=lambda entry: -entry["savings_ms"])[:limit]


def lighthouse(url: str, *, keep: Path | None = None, name: str = "") -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="kad-lighthouse-") as folder:
        report_path = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report_path}",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
            "--max-wait-for-load=60000",
        ]  # fmt: skip
        env = {
            **os.environ,
            "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
            "HOME": folder,  # Chromium's profile and crash files stay in the temporary folder
        }
        result = subprocess.run(  # noqa: S603 (fixed arguments)
            command, env=env, capture_output=True, text=True, check=False, timeout=300
        )
        if result.returncode != 0 or not report_path.exists():
            return {"error": (result.stderr or result.stdout)[-1000:]}
        report = json.loads(report_path.read_text())
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{name or 'page'}.json").write_text(report_path.read_text())
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    audits = report["audits"]
    metrics = {
        key: round(audits[key]["numericValue"])
        for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
        if key in audits and audits[key].get("numericValue") is not None
    }
    failed = sorted(
        audit_id
        for name in ("accessibility", "best-practices", "seo")
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"]) in audits
        and audits[audit_id]["score"] is not None
        and audits[audit_id]["score"] < 1
    )
    return {**scores, "metrics_ms": metrics, "failed_audits": failed,
            "failed_details": {audit_id: audit_details(audits[audit_id]) for audit_id in failed},
            "opportunities": opportunities(audits),
            "errored_audits": sorted(
                audit_id for audit_id, audit in audits.items()
                if audit.get("scoreDisplayMode") == "error"
            ),
            "form_factor": report["configSettings"]["formFactor"]}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse", description=__doc__)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (%(default)s)")
    parser.add_argument("--products", type=int, default=300, help="demo catalogue size")
    parser.add_argument("--database", default="kad_load", help="benchmark database (%(default)s)")
    parser.add_argument(
        "--keep-reports",
        type=Path,
        metavar="DIR",
        help="also save Lighthouse's full JSON report of each page in DIR",
    )
    args = parser.parse_args(argv)
    # The benchmark settings plus the product photos (served by nothing with DEBUG off).
    load.SETTINGS_MODULE = "benchmarks.lighthouse_settings"
    if args.database != "kad_load":
        # A database of one's own gets a search index of its own too (the load test's is kadload).
        load.INDEX_PREFIX = args.database.replace("_", "")
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: run `npm ci`")
    started = machine()
    url = prepare(database=args.database, seed=1, products=args.products, fresh=False)
    results: dict[str, Any] = {}
    with gunicorn(url, workers=args.workers) as base:
        pages = {
            "home": "/",
            "search": "/search/?q=" + urllib.parse.quote("ผ้าไหม"),
            "product": product_paths(base, limit=1)[0],
        }
        for name, path in pages.items():
            log(f"lighthouse: {name} ({path})")
            result = lighthouse(base + path, keep=args.keep_reports, name=name)
            results[name] = {"path": urllib.parse.unquote(path), **result}
    report = {
        "benchmark": "Lighthouse, mobile profile, Debian's Chromium, pages on loopback",
        "machine": started,
        "pages": results,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if any("error" in page for page in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
