"""Liveness and readiness, with a real database going away."""

from __future__ import annotations

import pytest
from django.db import connection

from conftest import HostClient


@pytest.mark.django_db
def test_healthz_and_readyz_answer_when_everything_is_up(public_client):
    assert public_client.get("/healthz").json() == {"status": "ok"}
    ready = public_client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


@pytest.mark.django_db(transaction=True)
def test_readyz_fails_when_the_database_is_down():
    client = HostClient("localhost:8000")
    original = dict(connection.settings_dict)
    connection.close()
    # A server that is not there: the connection attempt fails as it would with PostgreSQL down.
    connection.settings_dict.update(
        HOST="127.0.0.1", PORT="1", OPTIONS={**original.get("OPTIONS", {}), "connect_timeout": 2}
    )
    try:
        response = client.get("/readyz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)

    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "not_ready" and "database" in body["failed"] and "redis" not in body["failed"]
    assert client.get("/readyz").status_code == 200  # and recovers with the database back


def test_healthz_needs_no_database():
    # No django_db mark: pytest-django refuses any database access here, so a 200 proves none was used.
    response = HostClient("localhost:8000").get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_probes_answer_a_load_balancer_probing_by_address_over_plain_http(settings, db):
    """An ALB probes the task's IP as Host over HTTP: no 400 for the unknown host, no redirect to HTTPS."""
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True  # as in production (hansa/security.py)
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    client = Client(HTTP_HOST="10.0.3.17:8000")
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    # Named by a request id like every other answer (gunicorn's access log records it), kept when sent.
    assert len(health["X-Request-ID"]) == 32 and health["X-Request-ID"] != ready["X-Request-ID"]
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-probe-0001")["X-Request-ID"] == "lb-probe-0001"
    # Anything else on that host is still refused.
    assert client.get("/api/me/").status_code in (301, 400, 404)
