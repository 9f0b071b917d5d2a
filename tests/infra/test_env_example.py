"""`.env.example` names every variable the settings read, with placeholders for secrets."""

from __future__ import annotations

import re

from tests.infra.conftest import ROOT

READ = re.compile(
    r"""(?:env_str|env_bool|env_int|env_list|os\.environ\.get|os\.getenv|os\.environ\[)\(?\s*"""
    r"""["']([A-Z][A-Z0-9_]*)["']"""
)
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|_KEY|DSN")


def variables_read() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "marketplace" / "settings.py", ROOT / "marketplace" / "config.py"):
        names |= set(READ.findall(path.read_text()))
    return names


def example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            pairs[name.strip()] = value.strip()
    return pairs


def test_the_scan_finds_the_settings_variables() -> None:
    """Guards the guard: the scan sees the variables it must."""
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "STRIPE_WEBHOOK_SECRET"} <= variables_read()
    assert len(variables_read()) > 30


def test_env_example_lists_every_variable_the_settings_read() -> None:
    missing = variables_read() - set(example())
    assert not missing, f".env.example lacks {sorted(missing)}"


def test_env_example_holds_no_real_secret() -> None:
    for name, value in example().items():
        if SECRET_NAME.search(name):
            assert value == "" or value.startswith("change-me"), name
        assert not re.search(r"sk_live_|rk_live_|whsec_\w{16}|AKIA[0-9A-Z]{16}", value), name


def test_placeholder_secret_key_is_refused_in_production() -> None:
    from marketplace.settings import production_problems

    problems = production_problems(
        debug=False, secret_key=example()["SECRET_KEY"], allowed_hosts=["kad.example.org"]
    )
    assert any("SECRET_KEY" in problem for problem in problems)
