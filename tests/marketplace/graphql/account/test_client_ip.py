"""The client address used by rate limits, directly and behind trusted proxies."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.test import RequestFactory

from marketplace.graphql.core.context import client_ip


def info_for(*, remote: str, forwarded: str) -> Any:
    request = RequestFactory().post("/graphql/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    return SimpleNamespace(context=request)


def test_without_proxies_the_socket_address_is_used(settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    info = info_for(remote="203.0.113.9", forwarded="1.2.3.4")
    assert client_ip(info) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_saw_is_used_not_a_forged_one(settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    info = info_for(remote="10.0.0.2", forwarded="6.6.6.6, 198.51.100.7")
    assert client_ip(info) == "198.51.100.7"
