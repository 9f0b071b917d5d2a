"""`manage.py search_index --rebuild`: a new index, filled in bulk, then the alias swapped."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.catalog.models import Product
from search import availability, indexing


class Command(BaseCommand):
    help = (
        "Manage the product search index. --rebuild writes every visible product into a new "
        "index (bulk, with a progress bar) and swaps the alias to it atomically, so search "
        "never goes empty. --check compares the index with the database and repairs it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="build a new index and swap")
        parser.add_argument("--check", action="store_true", help="repair differences")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["rebuild"] and not options["check"]:
            raise CommandError("say what to do: --rebuild or --check")
        if not availability.elasticsearch_configured():
            if options["check"]:
                raise CommandError("ELASTICSEARCH_URL is not set; there is no index to check")
            # No Elasticsearch: fill the PostgreSQL search columns, which bulk writes (the demo
            # seed, an import) leave empty.
            ids = list(Product.objects.order_by("id").values_list("id", flat=True))
            for start in range(0, len(ids), 1000):
                indexing.products_index(ids[start : start + 1000])
            self.stdout.write(f"PostgreSQL search text refreshed for {len(ids)} products")
            return
        if options["rebuild"]:
            result = indexing.rebuild(
                progress=not options["no_progress"] and options["verbosity"] > 0
            )
            self.stdout.write(
                f"indexed {result.documents} products into {result.index} in "
                f"{result.seconds:.1f} s; alias {result.alias} now points to it"
            )
        if options["check"]:
            check = indexing.consistency_repair()
            self.stdout.write(
                f"checked {check.checked}: {check.missing} missing, {check.stale} stale, "
                f"{check.extra} extra documents repaired"
            )
