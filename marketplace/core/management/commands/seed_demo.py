"""Fill the database with the Lamphun demo marketplace (idempotent, deterministic per seed)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.core import demo


class Command(BaseCommand):
    help = (
        "Seed the Lamphun demo: operator and artisan accounts, places, the municipality, "
        "36 vendors, the catalogue with products, variants, stock and pictures, collections. "
        "Running it again with the same seed changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed (same seed, same data)"
        )
        parser.add_argument(
            "--products",
            type=int,
            default=demo.DEFAULT_PRODUCTS,
            help="number of products (default %(default)s; 100000 for benchmarks)",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="do not show the progress bar"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with DJANGO_ENV=production")
        if options["products"] < 0:
            raise CommandError("--products must be 0 or more")
        report = demo.seed(
            seed=options["seed"],
            products=options["products"],
            progress=not options["no_progress"] and options["verbosity"] > 0,
        )
        for line in report:
            self.stdout.write(line)
