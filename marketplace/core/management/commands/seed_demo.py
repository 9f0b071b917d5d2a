"""Fill the database with the Lamphun demo marketplace (idempotent, deterministic per seed)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.core import demo


class Command(BaseCommand):
    help = "Seed the Lamphun demo data: an operator account, places, vendors and products."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed (same seed, same data)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo refuses to run with DJANGO_ENV=production")
        report = demo.seed(seed=options["seed"])
        for line in report:
            self.stdout.write(line)
