"""Lighthouse (from npm) on the storefront's home, search and product pages, in Debian's
Chromium with Lighthouse's default mobile profile; prints the performance, accessibility,
best-practices and SEO scores (0-100) as JSON.

    python -m benchmarks.lighthouse [--workers 2]

The pages come from gunicorn on loopback with the demo data (benchmarks/load.py's database and
server). Needs `npm ci` (node_modules/.bin/lighthouse) and /usr/bin/chromium (CHROME_PATH).
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

from benchmarks.load import ROOT, gunicorn, log, machine, prepare
from benchmarks.storefront import product_paths

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync --no-first-run"
)


def lighthouse(url: str) -> dict[str, Any]:
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
            "form_factor": report["configSettings"]["formFactor"]}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse", description=__doc__)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (%(default)s)")
    parser.add_argument("--products", type=int, default=300, help="demo catalogue size")
    parser.add_argument("--database", default="kad_load", help="benchmark database (%(default)s)")
    args = parser.parse_args(argv)
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
            results[name] = {"path": urllib.parse.unquote(path), **lighthouse(base + path)}
    report = {
        "benchmark": "Lighthouse, mobile profile, Debian's Chromium, pages on loopback",
        "machine": started,
        "pages": results,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if any("error" in page for page in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
