"""Gunicorn's configuration for `hansa serve web` (``gunicorn --config python:hansa.gunicorn_conf``).

Read from the environment:
- ``HANSA_BIND`` (default ``127.0.0.1:8000``: behind nginx on the same host; ``0.0.0.0:8000`` in a
  container);
- ``WEB_CONCURRENCY`` worker processes (default 2 x CPUs + 1, :func:`hansa.production.web_workers`);
- ``HANSA_WEB_THREADS`` threads per worker (default 2). Each thread keeps its own database connection
  (``CONN_MAX_AGE``), so PostgreSQL's ``max_connections`` must exceed workers x threads + the Celery
  worker's concurrency + a few (docs/operations.md);
- ``HANSA_WEB_TIMEOUT`` seconds before a silent worker is killed and replaced (default 60).

Logs: JSON lines on standard output/error, the access log included (:class:`JsonLogger`), one object per
request with method, path, status, bytes, duration and the request id Hansa answered with.
"""

from __future__ import annotations

import os
import traceback
from typing import Any

from gunicorn import glogging

from hansa.observability import logging_config
from hansa.production import web_workers

JSON_FORMATTER = "pythonjsonlogger.json.JsonFormatter"


def gunicorn_logging() -> dict[str, Any]:
    """Hansa's JSON logging plus gunicorn's two loggers: errors with the rest, access lines on stdout."""
    config = logging_config(json_logs=True)
    config["formatters"]["access"] = {
        "()": JSON_FORMATTER,
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    }
    config["handlers"]["access"] = {
        "class": "logging.StreamHandler",
        "formatter": "access",
        "stream": "ext://sys.stdout",
    }
    config["loggers"].update(
        {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        }
    )
    return config


class JsonLogger(glogging.Logger):
    """Gunicorn's logger with the access line as structured fields (the JSON formatter writes them)."""

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        headers = {str(name).lower(): value for name, value in (resp.headers or [])}
        method = environ.get("REQUEST_METHOD", "-")
        path = environ.get("PATH_INFO", "-")
        fields = {
            "method": method,
            "path": path,
            "query": environ.get("QUERY_STRING", ""),
            "status": int(status) if str(status).isdigit() else status,
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote_addr": environ.get("REMOTE_ADDR", "-"),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR", ""),
            "host": environ.get("HTTP_HOST", ""),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
            "referer": environ.get("HTTP_REFERER", ""),
            "request_id": headers.get("x-request-id", ""),
        }
        try:
            self.access_log.info("%s %s %s", method, path, status, extra=fields)
        except Exception:
            self.error(traceback.format_exc())


bind = [os.environ.get("HANSA_BIND") or "127.0.0.1:8000"]
workers = web_workers(os.environ)
worker_class = "gthread"
threads = int(os.environ.get("HANSA_WEB_THREADS", "2"))
timeout = int(os.environ.get("HANSA_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle a worker now and then, so that slow leaks in any library cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
# X-Forwarded-* are trusted from the proxy only (nginx on the same host by default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Heartbeat files on a RAM disk when there is one (a container's /tmp may be a slow overlay).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
logger_class = "hansa.gunicorn_conf.JsonLogger"
logconfig_dict = gunicorn_logging()
errorlog = "-"
proc_name = "hansa-web"
# Gunicorn's control socket (under $HOME or $XDG_RUNTIME_DIR) is not used; two servers would share its path.
control_socket_disable = True
