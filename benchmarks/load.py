"""Load test: Kad under gunicorn on loopback, driven by locust with the scenarios of
benchmarks/locustfile.py (shoppers browsing, searching in Thai, buying with cash on delivery;
an artisan in the portal and the API).

    python -m benchmarks.load [--users 20] [--duration 60s] [--workers 3] [--products 300]

Steps: a database of its own on the server of DATABASE_URL (`kad_load`, created and migrated,
never the working one), the Lamphun demo (`seed_demo`) plus a delivery method for every shop so
that checkout works, the search index (Elasticsearch under the prefix `kadload` when
ELASTICSEARCH_URL is set, else the PostgreSQL search text), static files collected; then gunicorn
with infra/gunicorn.conf.py on a free loopback port and locust headless for a bounded user count
and duration. Prints one JSON document: requests/s, p50/p95/p99 per endpoint, failures.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.runner import DEFAULT_DATABASE_URL, bench_database_url, log, prepare_database

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SETTINGS_MODULE = "benchmarks.bench_settings"
STATIC_ROOT = ROOT / ".local" / "bench-static"
LOG_DIR = ROOT / ".local" / "bench-logs"
INDEX_PREFIX = "kadload"
SCENARIOS = ["ShopperBrowsing", "ShopperBuying", "Artisan"]


def server_env(url: str) -> dict[str, str]:
    """The environment of the benchmark's Django processes (setup and gunicorn alike)."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "DJANGO_ENV": "development",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(STATIC_ROOT),
        # No worker listens to this database: tasks run in the web process, as in the quick start.
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "ELASTICSEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "LOG_LEVEL": "WARNING",
        "PYTHAINLP_OFFLINE": "1",
        "PYTHAINLP_READ_ONLY": "1",
    }


def manage(env: dict[str, str], *args: str) -> None:
    """Run a management command; its output goes to stderr (stdout carries only the JSON)."""
    subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=sys.stderr
    )


SHOP_DELIVERY = """
from decimal import Decimal
from marketplace.shipping.models import DeliveryKind, DeliveryMethod
from marketplace.shipping.services import delivery_method_create
from marketplace.vendors.models import Vendor, VendorStatus
for vendor in Vendor.objects.filter(status=VendorStatus.APPROVED):
    if not DeliveryMethod.objects.filter(vendor=vendor, is_active=True).exists():
        delivery_method_create(vendor=vendor, name_th="ไปรษณีย์ลงทะเบียน", name_en="Registered mail",
                               kind=DeliveryKind.FLAT_RATE, price=Decimal("50.00"))
"""


def prepare(*, database: str, seed: int, products: int, fresh: bool) -> str:
    """Create, migrate and seed the benchmark database; returns its URL."""
    url = bench_database_url(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), database)
    log(f"benchmark database: {database}{' (fresh)' if fresh else ''}")
    prepare_database(url, fresh=fresh)
    env = server_env(url)
    log("migrating")
    manage(env, "migrate", "--no-input", "-v", "0")
    log(f"seeding the demo ({products} products, seed {seed})")
    manage(env, "seed_demo", "--seed", str(seed), "--products", str(products), "--no-progress",
           "-v", "0")  # fmt: skip
    manage(env, "shell", "-c", SHOP_DELIVERY)
    log("building the search index")
    manage(env, "search_index", "--rebuild", "--no-progress")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def gunicorn(url: str, *, workers: int) -> Iterator[str]:
    """gunicorn with Kad's production config on a free loopback port; yields its base URL."""
    port = free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / f"gunicorn-{port}.log"
    with tempfile.TemporaryDirectory(prefix="kad-bench-prom-") as metrics_dir:
        env = {
            **server_env(url),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(workers),
            "PROMETHEUS_MULTIPROC_DIR": metrics_dir,
        }
        with log_path.open("w") as log_file:
            process = subprocess.Popen(  # noqa: S603 (fixed arguments)
                [str(BIN / "gunicorn"), "--config", str(ROOT / "infra" / "gunicorn.conf.py"),
                 "marketplace.wsgi:application"],
                cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            )  # fmt: skip
            base = f"http://127.0.0.1:{port}"
            try:
                wait_until_up(base, process, log_path)
                log(f"gunicorn ({workers} workers) at {base}; log {log_path}")
                yield base
            finally:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def wait_until_up(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (status {process.returncode}); see {log_path}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer /healthz within 90 s; see {log_path}")


def run_locust(
    base: str,
    *,
    users: int,
    spawn_rate: float,
    duration: str,
    classes: list[str],
    extra_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """locust headless against `base`; returns the per-endpoint statistics and failures."""
    with tempfile.TemporaryDirectory(prefix="kad-locust-") as folder:
        prefix = str(Path(folder) / "run")
        command = [
            str(BIN / "locust"), "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless",
            "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", duration,
            "--host", base, "--csv", prefix, "--only-summary", "--loglevel", "WARNING",
            "--exit-code-on-error", "0", "--stop-timeout", "10", *classes,
        ]  # fmt: skip
        env = {**os.environ, **(extra_env or {})}
        result = subprocess.run(  # noqa: S603 (fixed arguments)
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise SystemExit(f"locust failed ({result.returncode}):\n{result.stderr[-3000:]}")
        return parse_locust_csv(prefix)


def _number(value: str) -> float:
    try:
        return round(float(value), 2)
    except ValueError:
        return 0.0


def parse_locust_csv(prefix: str) -> dict[str, Any]:
    endpoints: dict[str, Any] = {}
    total: dict[str, Any] = {}
    with open(f"{prefix}_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            entry = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "requests_per_second": _number(row["Requests/s"]),
                "p50_ms": _number(row["50%"]),
                "p95_ms": _number(row["95%"]),
                "p99_ms": _number(row["99%"]),
                "mean_ms": _number(row["Average Response Time"]),
            }
            if row["Name"] == "Aggregated":
                total = entry
            else:
                endpoints[f"{row['Type']} {row['Name']}"] = entry
    failures: list[dict[str, Any]] = []
    with open(f"{prefix}_failures.csv", newline="") as failed:
        for row in csv.DictReader(failed):
            failures.append(
                {
                    "endpoint": f"{row['Method']} {row['Name']}",
                    "error": row["Error"][:300],
                    "occurrences": int(row["Occurrences"]),
                }
            )
    failures.sort(key=lambda f: -int(f["occurrences"]))
    return {"total": total, "endpoints": endpoints, "failures": failures[:20]}


def machine() -> dict[str, Any]:
    memory_kb = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    os_name = platform.platform()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "os": os_name,
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.load",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--users", type=int, default=20, help="simultaneous users (%(default)s)")
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second")
    parser.add_argument("--duration", default="60s", help="how long to run (%(default)s)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (%(default)s)")
    parser.add_argument("--products", type=int, default=300, help="demo catalogue size")
    parser.add_argument("--seed", type=int, default=1, help="seed of the demo data")
    parser.add_argument("--database", default="kad_load", help="benchmark database (%(default)s)")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 500:
        parser.error("--users must be between 1 and 500")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = machine()
    url = prepare(database=args.database, seed=args.seed, products=args.products, fresh=args.fresh)
    with gunicorn(url, workers=args.workers) as base:
        log(f"locust: {args.users} users for {args.duration}")
        result = run_locust(base, users=args.users, spawn_rate=args.spawn_rate,
                            duration=args.duration, classes=SCENARIOS)  # fmt: skip
    report = {
        "benchmark": "load test: locust scenarios against gunicorn on loopback",
        "machine": started,
        "server": {"gunicorn_workers": args.workers, "config": "infra/gunicorn.conf.py"},
        "users": args.users,
        "duration": args.duration,
        "catalogue_products": args.products,
        "scenarios": SCENARIOS,
        **result,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if result["total"].get("requests") else 1


if __name__ == "__main__":
    sys.exit(main())
