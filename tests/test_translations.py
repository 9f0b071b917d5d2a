"""Every user-facing string has a Thai translation committed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["marketplace", "storefront", "vendor_portal", "search", "payments"]
DOMAINS = ["django", "djangojs"]


def committed(domain: str) -> polib.POFile | None:
    path = ROOT / "locale" / "th" / "LC_MESSAGES" / f"{domain}.po"
    return polib.pofile(str(path)) if path.exists() else None


def test_committed_thai_catalogue_has_no_untranslated_or_fuzzy_entries() -> None:
    catalogue = committed("django")
    assert catalogue is not None, "locale/th/LC_MESSAGES/django.po is missing"
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not missing, f"untranslated: {missing[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"


def test_every_string_in_the_code_is_in_the_thai_catalogue(tmp_path: Path) -> None:
    # Extract the strings from a copy of the code, so the committed catalogue is not touched.
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "migrations"),
        )
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    for domain in DOMAINS:
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "makemessages", "-l", "th", "-d", domain, "-v", "0"],
            cwd=tmp_path,
            check=True,
            env={
                "PATH": "/usr/bin:/bin",
                "DJANGO_SETTINGS_MODULE": "tests.settings",
                "PYTHONPATH": f"{tmp_path}:{ROOT}",
            },
        )
        extracted_path = tmp_path / "locale" / "th" / "LC_MESSAGES" / f"{domain}.po"
        if not extracted_path.exists():
            continue
        extracted = polib.pofile(str(extracted_path))
        catalogue = committed(domain)
        translated = (
            {(e.msgctxt, e.msgid) for e in catalogue.translated_entries()} if catalogue else set()
        )
        absent = [e.msgid for e in extracted if (e.msgctxt, e.msgid) not in translated]
        assert not absent, f"{domain}: strings without a Thai translation: {absent[:20]}"
