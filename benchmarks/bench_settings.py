"""Settings for benchmark servers only: Kad's settings with a URLconf that adds a trivial view."""

from marketplace.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
