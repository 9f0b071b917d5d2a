"""infra/backup and infra/restore against the real PostgreSQL: a backup of the test database
restores into an empty database with the same rows."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from tests.factories.checkout import stall
from tests.infra.conftest import INFRA

BASH = shutil.which("bash") or "/bin/bash"
COUNT_TABLES = """
SELECT format('%s.%s', schemaname, tablename),
       (xpath('/row/c/text()', query_to_xml(
           format('SELECT count(*) AS c FROM %I.%I', schemaname, tablename), false, true, '')
       ))[1]::text::bigint
FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
"""


def url_of(name: str) -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name}"


def row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {name: rows for name, rows in conn.execute(COUNT_TABLES).fetchall()}


def run(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own scripts, fixed arguments)
        [BASH, str(INFRA / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture
def scratch_database() -> Iterator[str]:
    """An empty database kad_opsinfra_<random>, dropped afterwards."""
    name = f"kad_opsinfra_{uuid.uuid4().hex[:10]}"
    admin = url_of("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url_of(name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def backup(tmp_path: Path) -> dict[str, Any]:
    """A backup of the test database holding two shops' products, stock and members, and media."""
    stall()
    stall(price="120.00")
    media = tmp_path / "media"
    (media / "products" / "originals").mkdir(parents=True)
    (media / "products" / "originals" / "silk.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    source = url_of(connection.settings_dict["NAME"])
    result = run(
        "backup", "--out", str(tmp_path / "backups"),
        env={"DATABASE_URL": source, "MEDIA_ROOT": str(media), "AWS_STORAGE_BUCKET_NAME": ""},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.strip().splitlines()[-1])
    return {"folder": folder, "source": source, "counts": row_counts(source)}


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database_with_the_same_row_counts(
    backup: dict[str, Any], scratch_database: str, tmp_path: Path
) -> None:
    folder: Path = backup["folder"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS", "db.dump", "manifest.json", "media.tar.gz", "row-counts.json",
    ]  # fmt: skip
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"] == backup["counts"]
    assert manifest["tables"]["public.vendors_vendor"] == 2
    assert {f["name"] for f in manifest["files"]} >= {"db.dump", "media.tar.gz"}
    assert all(f["bytes"] > 0 and len(f["sha256"]) == 64 for f in manifest["files"])

    restored_media = tmp_path / "restored-media"
    result = run(
        "restore", str(folder),
        env={"DATABASE_URL": scratch_database, "MEDIA_ROOT": str(restored_media)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "row counts match" in result.stdout
    assert row_counts(scratch_database) == backup["counts"]
    assert (restored_media / "products" / "originals" / "silk.jpg").read_bytes().startswith(b"\xff")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty_unless_forced(
    backup: dict[str, Any], scratch_database: str
) -> None:
    env = {"DATABASE_URL": scratch_database}
    assert run("restore", str(backup["folder"]), "--no-media", env=env).returncode == 0

    again = run("restore", str(backup["folder"]), "--no-media", env=env)
    assert again.returncode != 0
    assert "not empty" in again.stderr and "--force" in again.stderr

    forced = run("restore", str(backup["folder"]), "--no-media", "--force", env=env)
    assert forced.returncode == 0, forced.stderr
    assert row_counts(scratch_database) == backup["counts"]


@pytest.mark.django_db(transaction=True)
def test_restore_fails_when_row_counts_differ_from_the_backup(
    backup: dict[str, Any], scratch_database: str
) -> None:
    folder: Path = backup["folder"]
    counts = json.loads((folder / "row-counts.json").read_text())
    counts["public.vendors_vendor"] += 1
    (folder / "row-counts.json").write_text(json.dumps(counts))
    # Keep the checksums consistent so that the count comparison is what fails.
    subprocess.run(  # noqa: S603 (a fixed command)
        [BASH, "-c", "sha256sum db.dump media.tar.gz row-counts.json > SHA256SUMS"],
        cwd=folder,
        check=True,
    )
    result = run("restore", str(folder), "--no-media", env={"DATABASE_URL": scratch_database})
    assert result.returncode != 0
    assert "public.vendors_vendor: 3 rows in the backup, 2 restored" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_backup(backup: dict[str, Any], scratch_database: str) -> None:
    dump = backup["folder"] / "db.dump"
    dump.write_bytes(dump.read_bytes()[:-10])
    result = run("restore", str(backup["folder"]), env={"DATABASE_URL": scratch_database})
    assert result.returncode != 0
    assert "checksums do not match" in result.stderr
    assert row_counts(scratch_database) == {}
