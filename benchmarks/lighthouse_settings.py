"""Settings of the Lighthouse runs: the benchmark settings with product photos served (see
benchmarks/lighthouse_urls.py)."""

from benchmarks.bench_settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.lighthouse_urls"
