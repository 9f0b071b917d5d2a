"""`manage.py search_index --rebuild`: a new index, filled in bulk, then the alias swapped.

`--check` (and `--sales-counts` alone, which needs no Elasticsearch) first corrects the products'
units sold that drifted from the sales facts, so that the check re-indexes them too."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marketplace.catalog.models import Product
from marketplace.catalog.services import product_sales_counts_repair
from search import availability, indexing


class Command(BaseCommand):
    help = (
        "Manage the product search index. --rebuild writes every visible product into a new "
        "index (bulk, with a progress bar) and swaps the alias to it atomically, so search "
        "never goes empty. --check compares the index with the database and repairs it, after "
        "correcting the units sold that drifted from the sales facts (--sales-counts does only "
        "that)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="build a new index and swap")
        parser.add_argument("--check", action="store_true", help="repair differences")
        parser.add_argument(
            "--sales-counts", action="store_true", help="correct units sold from the sales facts"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        rebuild, check = options["rebuild"], options["check"]
        if not rebuild and not check and not options["sales_counts"]:
            raise CommandError("say what to do: --rebuild, --check or --sales-counts")
        elasticsearch = availability.elasticsearch_configured()
        if check and not elasticsearch:
            raise CommandError("ELASTICSEARCH_URL is not set; there is no index to check")
        if options["sales_counts"] or check:
            corrected = product_sales_counts_repair()
            self.stdout.write(f"units sold corrected for {corrected} products")
        if rebuild and not elasticsearch:
            # No Elasticsearch: fill the PostgreSQL search columns, which bulk writes (the demo
            # seed, an import) leave empty.
            ids = list(Product.objects.order_by("id").values_list("id", flat=True))
            for start in range(0, len(ids), 1000):
                indexing.products_index(ids[start : start + 1000])
            self.stdout.write(f"PostgreSQL search text refreshed for {len(ids)} products")
            return
        if rebuild:
            result = indexing.rebuild(
                progress=not options["no_progress"] and options["verbosity"] > 0
            )
            self.stdout.write(
                f"indexed {result.documents} products into {result.index} in "
                f"{result.seconds:.1f} s; alias {result.alias} now points to it"
            )
        if check:
            check_result = indexing.consistency_repair()
            self.stdout.write(
                f"checked {check_result.checked}: {check_result.missing} missing, "
                f"{check_result.stale} stale, {check_result.extra} extra documents repaired"
            )
