"""Container health checks for Kad's one image: `python healthcheck.py web|worker|beat`.

Exit status 0 means healthy. Only the standard library and Kad's own Celery app are used, so the
slim runtime image needs no curl.

- web: GET /healthz on the local gunicorn. The request carries the first ALLOWED_HOSTS name as its
  Host and `X-Forwarded-Proto: https`, as the reverse proxy sends them, so that Django's host check
  and the production HTTPS redirect answer it like a real request.
- worker: this container's Celery worker (a node named <anything>@<hostname>) answers a ping via
  the broker.
- beat: the broker answers (beat without a broker queues nothing).
"""

from __future__ import annotations

import http.client
import os
import socket
import sys

# The project is the working directory (/app in the image), not this script's folder.
sys.path.insert(0, os.getcwd())


def check_web() -> bool:
    port = int(os.environ.get("PORT", "8000"))
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = hosts[0].lstrip(".") if hosts else "localhost"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=4)
    try:
        connection.request("GET", "/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"})
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def check_worker() -> bool:
    from marketplace.celery import app

    hostname = socket.gethostname()
    try:
        replies = app.control.ping(timeout=5) or []
    except Exception:  # any failure to reach the broker is "unhealthy", not a traceback
        return False
    return any(node.partition("@")[2] == hostname for reply in replies for node in reply)


def check_beat() -> bool:
    from marketplace.celery import app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=5)
    except Exception:  # kombu wraps connection errors in its own OperationalError
        return False
    return True


CHECKS = {"web": check_web, "worker": check_worker, "beat": check_beat}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in CHECKS:
        print(f"usage: {argv[0]} {'|'.join(CHECKS)}", file=sys.stderr)
        return 2
    healthy = CHECKS[argv[1]]()
    print("healthy" if healthy else "unhealthy")
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
