"""infra/compose.yaml: valid Compose, every service healthy-checked and pinned."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest

from tests.infra.conftest import INFRA, ROOT, yaml_documents

COMPOSE = INFRA / "compose.yaml"
PINNED = re.compile(r"^[\w./-]+(:\d[\w.-]*)$")


def services() -> dict[str, dict[str, Any]]:
    return yaml_documents(COMPOSE)[0]["services"]


def is_one_shot(service: dict[str, Any]) -> bool:
    return service.get("restart") == "no"


def test_compose_file_passes_the_compose_specification_schema() -> None:
    check = shutil.which("check-jsonschema", path=str(ROOT / ".venv" / "bin"))
    assert check, "check-jsonschema is installed with the dev dependencies"
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [check, "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_an_invalid_file(tmp_path: Any) -> None:
    """Guards the guard: a misspelt key fails the same check."""
    broken = tmp_path / "compose.yaml"
    text = COMPOSE.read_text()
    assert "  postgres:\n    image:" in text
    broken.write_text(text.replace("  postgres:\n    image:", "  postgres:\n    imag:"))
    check = shutil.which("check-jsonschema", path=str(ROOT / ".venv" / "bin"))
    assert check
    result = subprocess.run(  # noqa: S603
        [check, "--builtin-schema", "vendor.compose-spec", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0


@pytest.mark.parametrize("name", sorted(services()))
def test_every_service_has_a_health_check_or_is_the_one_shot_migrate(name: str) -> None:
    service = services()[name]
    if is_one_shot(service):
        assert name == "migrate"
        return
    check = service["healthcheck"]
    assert not check.get("disable", False)
    assert check["test"] and check["test"][0] in {"CMD", "CMD-SHELL"}


@pytest.mark.parametrize("name", sorted(services()))
def test_every_service_has_a_pinned_image_version(name: str) -> None:
    image = services()[name]["image"]
    assert ":latest" not in image
    assert PINNED.match(image), f"{name}: {image} has no version tag"


def test_the_required_services_are_there() -> None:
    names = set(services())
    assert {"postgres", "redis", "elasticsearch", "migrate", "web", "beat"} <= names
    assert {"worker-indexing", "worker-payments", "worker-reports"} <= names
    assert services()["postgres"]["image"].startswith("postgres:15.")
    assert services()["redis"]["image"].startswith("redis:7.")
    assert services()["elasticsearch"]["image"].endswith(":9.2.4")


def test_web_and_workers_wait_for_migrations_and_read_secrets_from_env_file() -> None:
    for name, service in services().items():
        if service["image"].startswith("kad:") and name != "migrate":
            assert service["depends_on"]["migrate"] == {
                "condition": "service_completed_successfully"
            }, name
        if service["image"].startswith("kad:"):
            assert service["env_file"] == "../.env", name


def test_workers_cover_every_celery_queue_and_one_beat_runs() -> None:
    from marketplace.celery import QUEUES

    served: list[str] = []
    for name, service in services().items():
        if name.startswith("worker-"):
            command = service["command"]
            served += command[command.index("-Q") + 1].split(",")
    assert sorted(served) == sorted(QUEUES)
    beats = [s for s in services().values() if "beat" in s.get("command", [])]
    assert len(beats) == 1


def test_volumes_are_named() -> None:
    declared = set(yaml_documents(COMPOSE)[0]["volumes"])
    for name, service in services().items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source in declared or source.startswith("./"), (name, volume)
