"""infra/docker/Dockerfile, read as text (no Docker engine here): the checks a linter would make."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from tests.infra.conftest import INFRA, ROOT

DOCKERFILE = INFRA / "docker" / "Dockerfile"
SECRET_NAME = re.compile(r"KEY|SECRET|PASSWORD|TOKEN|DSN|CREDENTIAL", re.IGNORECASE)


@dataclass
class Stage:
    image: str
    name: str
    instructions: list[tuple[str, str]] = field(default_factory=list)


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined = re.sub(
        r"\\\n",
        " ",
        "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")),
    )
    result = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def parse(text: str) -> tuple[dict[str, str], list[Stage]]:
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    for keyword, rest in instructions(text):
        if keyword == "ARG" and not stages:
            name, _, default = rest.partition("=")
            global_args[name] = default
        elif keyword == "FROM":
            words = rest.split()
            image = re.sub(r"\$\{(\w+)\}", lambda m: global_args[m.group(1)], words[0])
            name = words[2] if len(words) > 2 and words[1].upper() == "AS" else ""
            stages.append(Stage(image=image, name=name))
        elif stages:
            stages[-1].instructions.append((keyword, rest))
    return global_args, stages


def env_pairs(arguments: str) -> list[tuple[str, str]]:
    return [tuple(word.split("=", 1)) for word in shlex.split(arguments) if "=" in word]  # type: ignore[misc]


def test_final_stage_runs_as_a_non_root_user() -> None:
    _, stages = parse(DOCKERFILE.read_text())
    users = [rest for keyword, rest in stages[-1].instructions if keyword == "USER"]
    assert users, "the runtime stage sets USER"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}


def test_base_images_are_pinned_by_version() -> None:
    _, stages = parse(DOCKERFILE.read_text())
    names = {stage.name for stage in stages}
    external = [stage.image for stage in stages if stage.image not in names]
    assert external
    for image in external:
        tag = image.rsplit(":", 1)[1] if ":" in image.split("/")[-1] else ""
        assert tag and tag != "latest" and re.match(r"\d", tag), image
    assert re.fullmatch(r"python:3\.11\.\d+-slim-bookworm", stages[-1].image)


def test_no_secret_is_baked_into_the_image() -> None:
    _, stages = parse(DOCKERFILE.read_text())
    global_args, _ = parse(DOCKERFILE.read_text())
    pairs = list(global_args.items())
    for stage in stages:
        for keyword, rest in stage.instructions:
            if keyword == "ENV":
                pairs += env_pairs(rest)
            elif keyword == "ARG":
                name, _, value = rest.partition("=")
                pairs.append((name, value))
    assert pairs
    for name, value in pairs:
        assert not (SECRET_NAME.search(name) and value), f"{name} has a value in the image"


def test_secret_check_would_catch_an_env_secret() -> None:
    """Guards the guard."""
    _, stages = parse("FROM python:3.11.9-slim-bookworm\nENV A=1 \\\n    SECRET_KEY=abc\n")
    pairs = env_pairs(stages[0].instructions[0][1])
    assert ("SECRET_KEY", "abc") in pairs


def test_runtime_has_a_health_check_and_the_web_command() -> None:
    _, stages = parse(DOCKERFILE.read_text())
    keywords = dict(stages[-1].instructions)
    assert "/app/infra/healthcheck.py" in keywords["HEALTHCHECK"]
    assert "gunicorn" in keywords["CMD"] and "gunicorn.conf.py" in keywords["CMD"]


def test_build_is_multi_stage_from_the_lock_file() -> None:
    text = DOCKERFILE.read_text()
    _, stages = parse(text)
    assert len(stages) >= 3
    assert "npm ci --omit=dev" in text
    assert "uv sync --frozen --no-dev" in text
    assert "compilemessages" in text and "collectstatic" in text
    runtime = " ".join(rest for _, rest in stages[-1].instructions)
    assert "gettext" not in runtime and "apt-get install" not in runtime
    env = dict(
        pair
        for keyword, rest in stages[-1].instructions
        if keyword == "ENV"
        for pair in env_pairs(rest)
    )
    assert env["PYTHAINLP_OFFLINE"] == "1" and env["PYTHAINLP_READ_ONLY"] == "1"


def test_files_the_build_copies_from_the_context_exist() -> None:
    _, stages = parse(DOCKERFILE.read_text())
    for stage in stages:
        for keyword, rest in stage.instructions:
            if keyword != "COPY" or "--from=" in rest:
                continue
            sources = [w for w in rest.split() if not w.startswith("--")][:-1]
            for source in sources:
                assert (ROOT / source).exists(), source


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_context() -> None:
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".git", ".venv", ".local", "node_modules"} <= ignored
