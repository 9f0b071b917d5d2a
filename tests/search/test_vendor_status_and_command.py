"""A shop's approval status moves its products in and out of search; the rebuild command fills
the PostgreSQL search text when there is no Elasticsearch."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from marketplace.catalog.models import Product
from marketplace.vendors.services import vendor_reinstate, vendor_suspend
from tests.factories.checkout import stall

pytestmark = pytest.mark.django_db


def search_text(product: Product) -> str:
    return Product.objects.values_list("search_text", flat=True).get(pk=product.pk)


def test_rebuild_without_elasticsearch_fills_the_postgres_search_text(settings: Any) -> None:
    settings.ELASTICSEARCH_URL = ""
    product = stall().variant.product
    assert search_text(product) == ""
    out = StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    assert "ผ้าไหม" in search_text(product)
    assert "refreshed for" in out.getvalue()


def test_suspending_a_shop_takes_its_products_out_of_search_and_reinstating_brings_them_back(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.ELASTICSEARCH_URL = ""
    silk = stall()
    product = silk.variant.product
    call_command("search_index", "--rebuild", stdout=StringIO())
    assert search_text(product)

    with django_capture_on_commit_callbacks(execute=True):
        vendor_suspend(vendor=silk.vendor, reason="ขายของปลอม")
    assert search_text(product) == ""

    with django_capture_on_commit_callbacks(execute=True):
        vendor_reinstate(vendor=silk.vendor)
    assert "ผ้าไหม" in search_text(product)
