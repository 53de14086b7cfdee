"""Liveness and readiness probes.

``/healthz`` answers while the process runs. ``/readyz`` answers 200 only when PostgreSQL and Redis
both answer, else 503 naming what failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

from hansa.observability import request_id_for
from kernel.errors import problem_json_response


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        connection.close_if_unusable_or_obsolete()
        return f"{type(exc).__name__}"
    return None


def _check_redis() -> str | None:
    try:
        client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
        client.ping()
    except Exception as exc:
        return f"{type(exc).__name__}"
    return None


def readyz(request: HttpRequest) -> JsonResponse:
    started = time.monotonic()
    failures = {
        name: err for name, err in (("database", _check_database()), ("redis", _check_redis())) if err
    }
    elapsed_ms = round((time.monotonic() - started) * 1000, 1)
    if failures:
        return problem_json_response(
            status=503,
            code="not_ready",
            title="A dependency is not reachable",
            failed=failures,
            elapsed_ms=elapsed_ms,
        )
    return JsonResponse({"status": "ready", "elapsed_ms": elapsed_ms})


class ProbeMiddleware:
    """Answers ``/healthz`` and ``/readyz`` before anything looks at the request's host or scheme.

    Load balancers and orchestrators probe a target by its address (``Host: 10.0.3.17:8000``) over plain
    HTTP: host validation would answer 400 and the HTTPS redirect 301, and the target would never turn
    healthy. The probes reveal nothing about any company, so they answer on every host.
    """

    PROBES = {"/healthz": healthz, "/readyz": readyz}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = self.PROBES.get(request.path_info.rstrip("/") or "/")
        if probe is not None and request.method in ("GET", "HEAD"):
            response = probe(request)
            # What XFrameOptionsMiddleware and the request-context middleware, further down the chain, would
            # have added (the access log names every request by its id, probes included).
            response.setdefault("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY"))
            response["X-Request-ID"] = request_id_for(request)
            return response
        return self.get_response(request)
