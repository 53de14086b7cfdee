"""A session call without its CSRF token answers 403 problem+json ``csrf_failed``, on both paths.

DRF views check CSRF in SessionAuthentication.enforce_csrf; Django's middleware checks the other views
(allauth's headless browser endpoints) and answers through CSRF_FAILURE_VIEW. Neither may answer
``permission_denied``: a client must tell a missing token (reload, retry) from a missing role.
"""

from __future__ import annotations

import json

import pytest
from django.middleware.csrf import _get_new_csrf_string  # type: ignore[attr-defined]

from conftest import HostClient, company_host_for
from kernel.tenancy import company_context

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_owner_client(make_company):
    result = make_company()
    client = HostClient(company_host_for(result.company.slug), enforce_csrf_checks=True)
    with company_context(result.company):
        client.force_login(result.user, backend="identity.backends.MemberAwareBackend")
    return client


def test_a_session_post_without_the_token_is_csrf_failed(strict_owner_client):
    response = strict_owner_client.post_json("/api/customers/", {"name": "Token-less Customer"})

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "csrf_failed"
    assert body["type"] == "https://hansa.dev/problems/csrf_failed"
    assert "CSRF" in body["detail"]


def test_the_same_post_with_the_token_goes_through(strict_owner_client):
    token = _get_new_csrf_string()
    strict_owner_client.cookies["csrftoken"] = token

    response = strict_owner_client.post(
        "/api/customers/",
        data=json.dumps({"name": "Token Customer"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )

    assert response.status_code == 201, response.content


def test_a_missing_role_is_still_permission_denied_not_csrf_failed(make_company, signed_in):
    from identity.models import User
    from identity.services import membership_create

    result = make_company()
    viewer = User.objects.create_user(email="viewer@csrf.test", password="correct-horse-battery-9")
    membership_create(user=viewer, company=result.company, roles=["viewer"])
    response = signed_in(viewer, result.company).post_json("/api/customers/", {"name": "Not allowed"})

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_django_csrf_middleware_refusal_is_csrf_failed(public_client):
    client = HostClient(public_client.host, enforce_csrf_checks=True)
    response = client.post(
        "/_allauth/browser/v1/auth/login",
        data=json.dumps({"email": "nobody@example.com", "password": "whatever-123"}),
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "csrf_failed"
