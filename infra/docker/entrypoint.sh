#!/bin/sh
# Every Kad container starts here, whatever its command (gunicorn, celery worker, celery beat,
# manage.py): Prometheus' multiprocess folder must start empty, or the values of processes of a
# previous run would be added in (prometheus_client's multiprocess mode).
set -eu
if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
    find "$PROMETHEUS_MULTIPROC_DIR" -mindepth 1 -delete
fi
exec "$@"
