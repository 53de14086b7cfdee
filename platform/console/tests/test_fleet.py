"""Operators list and suspend companies on the public host; nobody else can."""

from __future__ import annotations

import pytest

from conftest import HostClient, company_host_for
from identity.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    operator = User.objects.create_user(email="op@hansa.test", password="operator-pass-123", is_operator=True)
    TOTP.activate(operator, generate_totp_secret())
    client = HostClient("localhost:8000")
    client.force_login(operator, backend="identity.backends.MemberAwareBackend")
    return client


def test_operator_lists_companies_but_not_the_pool(operator_client, make_company):
    from tenants.services import pool_add_schema

    pool_add_schema()
    a = make_company()
    body = operator_client.get("/api/console/companies/").json()
    slugs = [c["slug"] for c in body["results"]]
    assert a.company.slug in slugs and None not in slugs
    assert body["count"] == len(slugs)
    row = next(c for c in body["results"] if c["slug"] == a.company.slug)
    assert row["members"] == 1 and row["status"] == "active"


def test_operator_suspends_and_reactivates_a_company(operator_client, make_company):
    a = make_company()
    url = f"/api/console/companies/{a.company.pk}/status/"
    assert (
        operator_client.post(url, {"status": "suspended"}, content_type="application/json").status_code == 200
    )
    assert HostClient(company_host_for(a.company.slug)).get("/api/me/").json()["code"] == "company_suspended"
    again = operator_client.post(url, {"status": "suspended"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "company_status_change_refused"
    assert operator_client.post(url, {"status": "active"}, content_type="application/json").status_code == 200


def test_members_and_anonymous_callers_are_refused(make_company, signed_in):
    a = make_company()
    anonymous = HostClient("localhost:8000").get("/api/console/companies/")
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"
    member = HostClient("localhost:8000")
    member.force_login(a.user, backend="identity.backends.MemberAwareBackend")
    assert member.get("/api/console/companies/").json()["code"] == "permission_denied"
    on_tenant = signed_in(a.user, a.company)
    assert on_tenant.get("/api/console/companies/").status_code == 404


def test_an_operator_without_mfa_is_refused(make_company):
    operator = User.objects.create_user(
        email="op2@hansa.test", password="operator-pass-123", is_operator=True
    )
    client = HostClient("localhost:8000")
    client.force_login(operator, backend="identity.backends.MemberAwareBackend")
    response = client.get("/api/console/companies/")
    assert response.status_code == 403 and response.json()["code"] == "mfa_required"
