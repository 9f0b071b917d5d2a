from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from django.utils import translation

from marketplace.core.templatetags.kad import baht, kad_date, kad_datetime


def test_baht_shows_thousands_and_satang() -> None:
    assert baht(Decimal("1234")) == "฿1,234.00"
    assert baht("99.995") == "฿100.00"
    assert baht(Decimal("-50.5")) == "-฿50.50"
    assert baht(None) == ""


def test_thai_dates_use_the_buddhist_era_and_bangkok_time() -> None:
    with translation.override("th"):
        assert kad_date(date(2026, 1, 1)) == "1 ม.ค. 2569"
        # 20:30 UTC on 31 Dec is already 1 Jan in Bangkok.
        assert kad_date(datetime(2025, 12, 31, 20, 30, tzinfo=UTC)) == "1 ม.ค. 2569"
        assert kad_datetime(datetime(2025, 12, 31, 20, 30, tzinfo=UTC)) == "1 ม.ค. 2569 03:30"
    with translation.override("en"):
        assert kad_date(date(2026, 1, 1)) == "Jan. 1, 2026"
