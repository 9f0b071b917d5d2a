"""Browser end-to-end fixtures: Debian's Chromium driven by Playwright, axe-core from npm.

Never `playwright install`: the browser is `/usr/bin/chromium` from Debian (the Makefile installs
it with `fonts-thai-tlwg`, without which Thai renders as boxes). The server is pytest-django's
`live_server` on a free loopback port; the tests' data is committed (transactional) so that the
server thread sees it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

# Playwright's sync API keeps an event loop in the test's thread; Django would then refuse ORM
# calls made by the test itself (factories) as if they came from async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

CHROMIUM = os.environ.get("KAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots of each step land here (CI keeps the folder as the test output).
OUTPUT_DIR = Path(os.environ.get("KAD_TEST_OUTPUT", settings.BASE_DIR / ".local" / "test-output"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A phone-sized page in a fresh context; the Thai locale is the shopper's default."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=1,
        is_mobile=True,
        has_touch=True,
        locale="th-TH",
        timezone_id="Asia/Bangkok",
    )
    context.set_default_timeout(15_000)
    # Say where a blocked inline script or style came from (Chromium's console message does not).
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' at ' + document.location.pathname + ' ' + "
        "e.sourceFile + ':' + e.lineNumber + ' ' + e.sample))"
    )
    new_page = context.new_page()
    errors: list[str] = []
    new_page.on("pageerror", lambda exc: errors.append(str(exc)))
    # The site's Content-Security-Policy stays in force: anything it blocks (an inline script or
    # style, a foreign host) is a defect the shopper would meet, so it fails the test.

    def on_console(message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("CSP violation"):
            errors.append(f"{new_page.url}: {text}")

    new_page.on("console", on_console)
    yield new_page
    context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


class Steps:
    """Saves a numbered screenshot per step under OUTPUT_DIR/browser/<test name>/."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()

    def shot(self, page: Page, name: str) -> Path:
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        path = self.folder / f"{self.count:02d}-{slug}.png"
        page.screenshot(path=str(path), full_page=True)
        # Like axe-core, the screenshot leaves `style=""` behind, which a later htmx swap would
        # re-apply against the site's CSP.
        page.evaluate(
            "document.querySelectorAll('[style=\"\"]').forEach(e => e.removeAttribute('style'))"
        )
        return path


@pytest.fixture
def steps(request: pytest.FixtureRequest) -> Steps:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    return Steps(OUTPUT_DIR / "browser" / name)


SERIOUS = {"serious", "critical"}


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Runs axe-core in the page; returns its serious and critical violations."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: `make test` installs the npm packages")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not govern (a <script>
        # tag would be refused by script-src 'self', as it should be).
        page.evaluate(AXE_JS.read_text())
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    # axe-core leaves `style=""` on elements it measured; a later htmx swap would re-apply that
    # inline style and the site's CSP (rightly) report it. Tidy up after the tool.
    page.evaluate(
        "document.querySelectorAll('[style=\"\"]').forEach(e => e.removeAttribute('style'))"
    )
    return [v for v in result["violations"] if v.get("impact") in SERIOUS]


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible() -> Any:
    """`assert_accessible(page)`: axe-core finds no serious or critical violation on the page."""

    def check(page: Page) -> None:
        violations = axe_violations(page)
        assert not violations, f"axe-core on {page.url}:\n{format_violations(violations)}"

    return check
