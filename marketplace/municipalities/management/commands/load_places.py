from __future__ import annotations

from typing import Any

import geothai
from django.core.management.base import BaseCommand

from marketplace.municipalities.services import places_load


class Command(BaseCommand):
    help = (
        "Refresh Thailand's provinces, districts, subdistricts and postal codes from geothai: "
        "adds new places and updates changed names; safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = places_load()
        self.stdout.write(f"geothai {geothai.DATA_VERSION}")
        for level, created in result.created.items():
            missing = result.not_in_source[level]
            line = f"{level}: {created} new, {result.updated[level]} updated"
            if missing:
                line += f", {len(missing)} no longer in geothai (kept): {', '.join(missing[:10])}"
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("places are up to date"))
