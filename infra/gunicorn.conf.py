"""gunicorn configuration for Kad's web processes (the container image's default command).

    gunicorn --config infra/gunicorn.conf.py marketplace.wsgi:application

Everything here can be changed from the environment:

- PORT (8000) / GUNICORN_BIND: where to listen.
- WEB_CONCURRENCY: worker processes; default 2 x CPUs + 1, capped by GUNICORN_MAX_WORKERS (8).
  In a container the CPU count is the limit of the container when one is set (cgroup quota).
- GUNICORN_THREADS (1), GUNICORN_TIMEOUT (30 s), GUNICORN_KEEPALIVE (5 s).
- FORWARDED_ALLOW_IPS: proxies whose X-Forwarded-* headers gunicorn trusts (default 127.0.0.1).
- PROMETHEUS_MULTIPROC_DIR: with it, each worker writes its metrics there and /metrics adds
  them up (prometheus_client's multiprocess mode); the folder is emptied when gunicorn starts and
  a dead worker's files are marked so that its gauges disappear.

The application is loaded once in the master (preload) and the Thai search dictionaries are
loaded there too, so that the forked workers share them and no shopper waits ~2 s for the first
search of a fresh worker.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gunicorn.glogging import Logger


def _cpu_count() -> int:
    """CPUs this process may use: the cgroup v2 quota when one is set, else the affinity mask."""
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
        if quota != "max":
            return max(1, int(int(quota) // int(period)))
    except (OSError, ValueError):
        pass
    return len(os.sched_getaffinity(0))


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


# All interfaces by default: inside a container the port is what the platform publishes.
bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{_env_int('PORT', 8000)}")
workers = _env_int(
    "WEB_CONCURRENCY", min(2 * _cpu_count() + 1, _env_int("GUNICORN_MAX_WORKERS", 8))
)
threads = _env_int("GUNICORN_THREADS", 1)
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 200)
preload_app = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory: the root file system may be read-only, and /dev/shm never blocks.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "kad-web"
# gunicorn's control socket would be written under $HOME, which is read-only in the image.
control_socket_disable = True


class JsonLogger(Logger):
    """Access log lines as JSON objects on stdout, one per request."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
            return
        headers = dict((name.lower(), value) for name, value in (resp.headers or []))
        request_headers = dict((name.lower(), value) for name, value in req.headers)
        entry = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "logger": "gunicorn.access",
            "remote_addr": environ.get("REMOTE_ADDR", ""),
            "method": environ.get("REQUEST_METHOD", ""),
            "path": environ.get("PATH_INFO", ""),
            "query": environ.get("QUERY_STRING", ""),
            "status": resp.status_code if hasattr(resp, "status_code") else None,
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.seconds * 1000 + request_time.microseconds / 1000, 2),
            "user_agent": request_headers.get("user-agent", ""),
            "request_id": headers.get("x-request-id") or request_headers.get("x-request-id", ""),
            "pid": os.getpid(),
        }
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:
            self.error_log.exception("could not write the access log line")


logger_class = JsonLogger


def on_starting(server: Any) -> None:
    """Empty the Prometheus multiprocess folder: files of a previous run would be added in."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    if not folder:
        return
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    for child in path.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    server.log.info("prometheus multiprocess folder %s emptied", path)


def when_ready(server: Any) -> None:
    """Load the URL configuration (views, GraphQL schema) and the Thai dictionaries in the master
    once the application is loaded (preload), so that every forked worker starts warm."""
    try:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 (imports every view module)
    except Exception:
        server.log.exception("loading the URL configuration failed; the first requests load it")
    try:
        from search import thai
    except ImportError:
        server.log.warning("search.thai is not importable: the Thai dictionaries load lazily")
        return
    try:
        thai.warm_up()
    except Exception:
        # A slow first search is better than a web process that does not start.
        server.log.exception("warming up the Thai dictionaries failed; they will load lazily")
    else:
        server.log.info("Thai search dictionaries loaded")


def post_fork(server: Any, worker: Any) -> None:
    # Connections opened in the master (none are expected) must never be shared by workers.
    try:
        from django.db import connections

        connections.close_all()
    except Exception:
        logging.getLogger(__name__).debug("no Django connections to close after fork")


def child_exit(server: Any, worker: Any) -> None:
    """A dead worker's live gauges must stop counting in /metrics."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return
    try:
        from prometheus_client import multiprocess
    except ImportError:
        return
    multiprocess.mark_process_dead(worker.pid)
