"""Request ids, tenant tags and JSON logs; Sentry when SENTRY_DSN is set.

The request id and the tenant live in context variables, set by RequestContextMiddleware for a request
and by Celery's task signals for a task, and reset afterwards, so nothing leaks from one request or task
into the next. Sentry's Django and Celery integrations fork a scope per request and per task; the tenant
tag is set on that forked scope.
"""

from __future__ import annotations

import contextvars
import logging
import uuid
from collections.abc import Callable
from typing import Any

import sentry_sdk
from django.db import connection
from django.http import HttpRequest, HttpResponse

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
tenant_var: contextvars.ContextVar[str] = contextvars.ContextVar("tenant", default="-")


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.tenant = tenant_var.get()
        return True


def logging_config(*, json_logs: bool) -> dict[str, Any]:
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(tenant)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
        if json_logs
        else {"format": "%(asctime)s %(levelname)s [%(tenant)s %(request_id)s] %(name)s: %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "hansa.observability.ContextFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "default", "filters": ["context"]}
        },
        "root": {"handlers": ["console"], "level": "INFO"},
        "loggers": {"django.db.backends": {"level": "WARNING"}},
    }


def init_sentry(dsn: str, *, environment: str) -> None:
    if not dsn:
        return
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=0.0,
    )


def bind_tenant(schema_name: str, slug: str | None) -> contextvars.Token[str]:
    """Tag logs and the current Sentry scope with the tenant; returns the token to reset the log tag."""
    label = slug or schema_name
    sentry_sdk.get_isolation_scope().set_tag("tenant", label)
    sentry_sdk.get_isolation_scope().set_tag("schema", schema_name)
    return tenant_var.set(label)


def request_id_for(request: HttpRequest) -> str:
    """The request's id: its X-Request-ID when sane (8-64 letters, digits and dashes), else a new one."""
    incoming = request.headers.get("X-Request-ID", "")
    return incoming if 8 <= len(incoming) <= 64 and incoming.replace("-", "").isalnum() else uuid.uuid4().hex


class RequestContextMiddleware:
    """Give each request an id (kept from X-Request-ID when sane) and bind the tenant for logs and Sentry."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id_for(request)
        request.request_id = rid  # type: ignore[attr-defined]
        rid_token = request_id_var.set(rid)
        company = getattr(request, "tenant", None)
        tenant_token = bind_tenant(
            getattr(connection, "schema_name", "public"), getattr(company, "slug", None) or "public"
        )
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(rid_token)
            tenant_var.reset(tenant_token)
        response["X-Request-ID"] = rid
        return response
