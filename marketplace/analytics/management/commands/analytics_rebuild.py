from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from marketplace.analytics.rebuild import analytics_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the sales facts and their daily and monthly rollups from the paid orders, their "
        "refunds and cancellations."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = analytics_rebuild()
        self.stdout.write(
            f"{result.orders} paid orders: {result.facts} facts, "
            f"{result.adjustments} refunds and cancellations"
        )
