"""/healthz and /readyz against the real services."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.test import Client, override_settings

from tests.conftest import require_env

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """A throw-away redis-server of our own, so stopping it disturbs no other test."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed (make install)"
        self.process = subprocess.Popen(  # noqa: S603
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis(port=self.port, socket_connect_timeout=0.2).ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("the test redis-server did not start")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def test_healthz_answers_without_touching_services(client: Client) -> None:
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ok_when_every_service_answers(client: Client) -> None:
    require_env("REDIS_URL")
    require_env("ELASTICSEARCH_URL")
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert set(body["components"]) == {"database", "redis", "elasticsearch"}
    assert body["components"]["elasticsearch"]["detail"] in {"green", "yellow"}


def test_readyz_names_redis_when_it_stops_and_recovers_when_it_is_back(
    client: Client, own_redis: RedisServer
) -> None:
    with override_settings(REDIS_URL=own_redis.url, HEALTH_CHECK_TIMEOUT_SECONDS=0.5):
        assert client.get("/readyz").status_code == 200

        own_redis.stop()
        response = client.get("/readyz")
        body = response.json()
        assert response.status_code == 503
        assert body["status"] == "unavailable"
        assert body["components"]["redis"]["ok"] is False
        assert "Connection" in body["components"]["redis"]["detail"]
        assert body["components"]["database"]["ok"] is True

        own_redis.start()
        assert client.get("/readyz").status_code == 200


def test_readyz_names_elasticsearch_when_it_cannot_be_reached(client: Client) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    with override_settings(ELASTICSEARCH_URL=dead, HEALTH_CHECK_TIMEOUT_SECONDS=0.5):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["components"]["elasticsearch"]["ok"] is False


def test_readyz_without_optional_services_reports_them_as_not_configured(client: Client) -> None:
    with override_settings(REDIS_URL="", ELASTICSEARCH_URL=""):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["components"]["redis"]["detail"] == "not configured"
