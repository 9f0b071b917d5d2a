"""`manage.py search_index --rebuild`: a new index, filled in bulk, then the alias swapped."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

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
            raise CommandError("ELASTICSEARCH_URL is not set; search uses PostgreSQL only")
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
