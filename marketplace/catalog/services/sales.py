"""`Product.sales_count`: how many units of a product were sold, kept from the sales facts.

A product's count is the sum of the quantities of its sales facts (`analytics.SalesFact`): the
facts already hold the one rule of what is sold — a line of a paid order (card, PromptPay, bank
transfer, or cash on delivery once the cash is collected) that is positive, and the units a
refund or a cancellation took back that are negative (a line gives its units back when its whole
gross went back). Counting from the facts keeps the storefront's "best sellers", the search
ranking and the sales reports telling the same story.

The analytics tasks that record facts queue `product_sales_count_refresh_task` for the products
they touched; `product_sales_counts_repair` (run by `search_index --check`, or on a schedule)
corrects counts that drifted, e.g. after a lost task or a bulk load of facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from django.db import transaction
from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest

from marketplace.analytics.models import SalesFact
from marketplace.catalog.models import Product
from search.tasks import products_index

REPAIR_BATCH = 1000


def product_sales_count_refresh(*, product_ids: Sequence[int]) -> int:
    """Recompute the sales count of these products from their sales facts and store the counts
    that changed; returns how many changed. Products that no longer exist are skipped.

    Three queries whatever the number of products: the product rows are locked (in id order, so
    two refreshes never deadlock) and read, the facts summed in one aggregate (the index on
    `salesfact.product_id` finds them among millions), and the changed counts written in one
    bulk update. The lock comes before the sum, so the last refresh to write has seen every fact
    committed before it started. Idempotent: a second run changes nothing and queues nothing.
    The changed products are re-indexed for search after the commit.
    """
    ids = sorted(set(product_ids))
    if not ids:
        return 0
    with transaction.atomic():
        current = dict(
            Product.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", "sales_count")
        )
        sold = dict(
            SalesFact.objects.filter(product_id__in=list(current))
            .order_by()
            .values("product_id")
            .annotate(units=Sum("quantity"))
            .values_list("product_id", "units")
        )
        counts = {pk: max(int(sold.get(pk) or 0), 0) for pk in current}
        changed = [
            Product(pk=pk, sales_count=counts[pk])
            for pk, count in current.items()
            if count != counts[pk]
        ]
        if changed:
            Product.objects.bulk_update(changed, ["sales_count"])
            transaction.on_commit(partial(products_index.delay, [p.pk for p in changed]))
        return len(changed)


def product_sales_counts_repair() -> int:
    """Find every product whose stored count differs from its facts (one aggregate query, a
    correlated sum per product on the `product_id` index) and refresh those, in batches of
    `REPAIR_BATCH` (each `product_sales_count_refresh`, so each batch locks, recounts and writes
    on its own). Returns how many counts were corrected; safe to run any time."""
    facts = (
        SalesFact.objects.filter(product_id=OuterRef("pk"))
        .order_by()
        .values("product_id")
        .annotate(units=Sum("quantity"))
        .values("units")
    )
    sold = Greatest(
        Coalesce(Subquery(facts, output_field=IntegerField()), Value(0)),
        Value(0),
        output_field=IntegerField(),
    )
    drifted = list(
        Product.objects.annotate(sold=sold)
        .exclude(sales_count=F("sold"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(
        product_sales_count_refresh(product_ids=drifted[start : start + REPAIR_BATCH])
        for start in range(0, len(drifted), REPAIR_BATCH)
    )
