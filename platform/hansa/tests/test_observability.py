"""Request ids, tenant tags in logs and Sentry, and no leaking between requests."""

from __future__ import annotations

import logging

import pytest
import sentry_sdk
from sentry_sdk.transport import Transport

from conftest import HostClient, company_host_for
from hansa.observability import request_id_var, tenant_var


class CaptureTransport(Transport):
    """Keeps events in memory instead of sending them (Sentry's servers are off-machine)."""

    def __init__(self, options=None):
        super().__init__(options)
        self.events: list[dict] = []

    def capture_envelope(self, envelope):
        for item in envelope.items:
            if item.type == "event":
                self.events.append(item.payload.json)


@pytest.mark.django_db
def test_each_request_gets_an_id_and_its_tenant_and_neither_leaks(make_company, caplog):
    company = make_company().company
    tenant_client = HostClient(company_host_for(company.slug))
    caplog.set_level(logging.WARNING, logger="django.request")

    response = tenant_client.get("/api/me/", HTTP_X_REQUEST_ID="abcdef12-3456")

    assert response["X-Request-ID"] == "abcdef12-3456"
    record = next(r for r in caplog.records if r.name == "django.request")
    from hansa.observability import ContextFilter

    ContextFilter().filter(record)
    assert (request_id_var.get(), tenant_var.get()) == ("-", "-")  # reset after the request
    public = HostClient("localhost:8000").get("/api/me/")
    assert public["X-Request-ID"] != "abcdef12-3456" and len(public["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_sentry_events_carry_the_tenant_of_their_own_request(make_company, settings):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from hansa.observability import RequestContextMiddleware

    transport = CaptureTransport()
    sentry_sdk.init(dsn="https://key@sentry.invalid/1", transport=transport, default_integrations=False)
    try:
        company = make_company().company

        def view(request):
            sentry_sdk.capture_message(f"hello from {request.tenant_label}")
            return HttpResponse("ok")

        def request_for(label, tenant):
            request = RequestFactory().get("/x")
            request.tenant = tenant
            request.tenant_label = label
            return request

        from django.db import connection

        with sentry_sdk.isolation_scope():
            connection.set_tenant(company)
            RequestContextMiddleware(view)(request_for("a", company))
            connection.set_schema_to_public()
        with sentry_sdk.isolation_scope():
            RequestContextMiddleware(view)(request_for("public", None))
        sentry_sdk.flush()
    finally:
        sentry_sdk.init(dsn=None)

    tags = {e["message"]: e.get("tags", {}) for e in transport.events}
    assert tags["hello from a"]["tenant"] == company.slug
    assert tags["hello from public"]["tenant"] == "public"
