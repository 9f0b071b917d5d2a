"""Attempt counters that slow down password guessing and e-mail flooding.

A fixed window per (rule, key) kept in the Django cache (Redis in production and tests, so every
web process sees the same counts). When a key has used its attempts, further attempts are refused
with the time left until the window ends, which is what the "try again in N minutes" message shows.

django-ratelimit was considered: it answers only "limited or not", not how long to wait.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import ngettext_lazy

from marketplace.accounts.errors import AccountError, AccountErrorCode


@dataclass(frozen=True)
class Rule:
    name: str
    limit: int
    window_seconds: int


# Failed sign-ins: per account and per IP address (an IP may be a shared office or school).
LOGIN_PER_ACCOUNT = Rule("login:account", limit=5, window_seconds=15 * 60)
LOGIN_PER_IP = Rule("login:ip", limit=30, window_seconds=15 * 60)
# Registrations and password-reset requests, counted whether or not they succeed.
REGISTER_PER_IP = Rule("register:ip", limit=10, window_seconds=60 * 60)
REGISTER_PER_ACCOUNT = Rule("register:account", limit=3, window_seconds=60 * 60)
PASSWORD_RESET_PER_IP = Rule("password-reset:ip", limit=10, window_seconds=60 * 60)
PASSWORD_RESET_PER_ACCOUNT = Rule("password-reset:account", limit=3, window_seconds=60 * 60)


def _cache_key(rule: Rule, key: str) -> str:
    # Hashed so that e-mail addresses never appear in the cache's key space.
    digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{rule.name}:{digest}"


def seconds_to_wait(rule: Rule, key: str, *, now: float | None = None) -> int:
    """0 while the key has attempts left in its window, else the seconds until the window ends."""
    cache_key = _cache_key(rule, key)
    values = cache.get_many([cache_key, f"{cache_key}:until"])
    count = int(values.get(cache_key, 0))
    if count < rule.limit:
        return 0
    until = float(values.get(f"{cache_key}:until", 0))
    current = time.time() if now is None else now
    return max(1, math.ceil(until - current))


def record(rule: Rule, key: str, *, now: float | None = None) -> int:
    """Count one attempt; returns the count within the current window."""
    cache_key = _cache_key(rule, key)
    current = time.time() if now is None else now
    # `add` only writes when the key is absent, so the first attempt opens the window.
    cache.add(f"{cache_key}:until", current + rule.window_seconds, timeout=rule.window_seconds)
    cache.add(cache_key, 0, timeout=rule.window_seconds)
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=rule.window_seconds)
        return 1


def reset(rule: Rule, key: str) -> None:
    cache_key = _cache_key(rule, key)
    cache.delete_many([cache_key, f"{cache_key}:until"])


def too_many_attempts(
    seconds: int, *, code: AccountErrorCode = AccountErrorCode.TOO_MANY_ATTEMPTS
) -> AccountError:
    minutes = max(1, math.ceil(seconds / 60))
    return AccountError(
        code,
        ngettext_lazy(
            "Too many attempts. Try again in %(minutes)d minute.",
            "Too many attempts. Try again in %(minutes)d minutes.",
            "minutes",
        ),
        params={"minutes": minutes},
    )


def check(
    rules: dict[Rule, str],
    *,
    code: AccountErrorCode = AccountErrorCode.TOO_MANY_ATTEMPTS,
    now: float | None = None,
) -> None:
    """Raise `AccountError` with the longest wait when any (rule, key) has no attempts left."""
    wait = max(
        (seconds_to_wait(rule, key, now=now) for rule, key in rules.items() if key), default=0
    )
    if wait:
        raise too_many_attempts(wait, code=code)


def hit(
    rules: dict[Rule, str],
    *,
    code: AccountErrorCode = AccountErrorCode.TOO_MANY_ATTEMPTS,
    now: float | None = None,
) -> None:
    """Refuse when a key is already out of attempts, otherwise count this attempt."""
    check(rules, code=code, now=now)
    for rule, key in rules.items():
        if key:
            record(rule, key, now=now)
