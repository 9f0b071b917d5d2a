"""The browser harness itself: Debian's Chromium renders Thai, axe-core runs, screenshots land."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Steps, axe_violations


@pytest.mark.django_db(transaction=True)
def test_home_page_renders_in_thai_and_axe_runs(
    page: Page, live_server: Any, steps: Steps, assert_accessible: Any
) -> None:
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "th"
    shot = steps.shot(page, "home")
    assert shot.exists() and shot.stat().st_size > 1000
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_axe_reports_a_missing_label(page: Page, live_server: Any) -> None:
    """Guards the guard: a page with an unlabelled image button must be reported."""
    page.goto(live_server.url + "/")
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<input type=\"image\" src=\"x.png\">')"
    )
    assert any(v["id"] == "input-image-alt" for v in axe_violations(page))
