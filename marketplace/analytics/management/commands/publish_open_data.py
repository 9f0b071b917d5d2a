from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.analytics.opendata import open_data_publish
from marketplace.municipalities.models import Municipality


class Command(BaseCommand):
    help = (
        "Publish each active municipality's open data (Frictionless Data Package under "
        "/open-data/<slug>/, listed in /open-data/catalog.jsonld) and push it to CDLP_FEED_URL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", help="only these municipalities")

    def handle(self, *args: Any, **options: Any) -> None:
        municipalities = Municipality.objects.filter(is_active=True).order_by("slug")
        if options["slugs"]:
            municipalities = municipalities.filter(slug__in=options["slugs"])
            missing = set(options["slugs"]) - {m.slug for m in municipalities}
            if missing:
                raise CommandError(f"no active municipality: {', '.join(sorted(missing))}")
        for municipality in municipalities:
            release = open_data_publish(municipality=municipality)
            self.stdout.write(
                f"{municipality.slug}: {release.rows} rows ({release.suppressed_rows} suppressed)"
            )
