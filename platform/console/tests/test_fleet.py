"""Operators list and suspend companies on the public host; nobody else can."""

from __future__ import annotations

import pytest

from conftest import HostClient, company_host_for
from identity.models import AuditEntry, User

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
    suspend = {"status": "suspended", "reason": "Unpaid invoices"}
    assert operator_client.post(url, suspend, content_type="application/json").status_code == 200
    assert HostClient(company_host_for(a.company.slug)).get("/api/me/").json()["code"] == "company_suspended"
    again = operator_client.post(url, suspend, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "company_status_change_refused"
    reactivate = {"status": "active", "reason": "Paid"}
    assert operator_client.post(url, reactivate, content_type="application/json").status_code == 200


@pytest.mark.parametrize("body", [{"status": "suspended"}, {"status": "suspended", "reason": "   "}])
def test_a_status_change_without_a_reason_is_refused_and_nothing_is_written(
    operator_client, make_company, body
):
    a = make_company()
    entries_before = AuditEntry.objects.count()

    response = operator_client.post(
        f"/api/console/companies/{a.company.pk}/status/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "validation_error" and response.json()["errors"]["reason"]
    a.company.refresh_from_db()
    assert a.company.status == "active"
    assert AuditEntry.objects.count() == entries_before


def test_each_status_change_is_audited_with_operator_reason_and_transition(operator_client, make_company):
    a = make_company()
    other = make_company()
    url = f"/api/console/companies/{a.company.pk}/status/"
    steps = [("suspended", "Chargeback under review"), ("active", "Resolved"), ("closed", "Customer left")]
    for status, reason in steps:
        response = operator_client.post(
            url,
            {"status": status, "reason": reason},
            content_type="application/json",
            HTTP_USER_AGENT="ops-ua",
        )
        assert response.status_code == 200, response.content
    operator_client.post(
        f"/api/console/companies/{other.company.pk}/status/",
        {"status": "suspended", "reason": "Other company"},
        content_type="application/json",
    )
    refused = operator_client.post(
        url, {"status": "active", "reason": "closed stays closed"}, content_type="application/json"
    )
    assert refused.status_code == 409

    trail = operator_client.get(f"/api/console/companies/{a.company.pk}/audit/?action=console.")
    assert trail.status_code == 200
    body = trail.json()
    assert body["count"] == 3 and "results" in body  # paginated; the refused change left no entry
    newest_first = [(e["action"], e["before"], e["after"], e["reason"]) for e in body["results"]]
    assert newest_first == [
        ("console.company_closed", {"status": "active"}, {"status": "closed"}, "Customer left"),
        ("console.company_reactivated", {"status": "suspended"}, {"status": "active"}, "Resolved"),
        (
            "console.company_suspended",
            {"status": "active"},
            {"status": "suspended"},
            "Chargeback under review",
        ),
    ]
    entry = body["results"][0]
    assert entry["actor"] == "op@hansa.test" and entry["user_agent"] == "ops-ua"
    assert entry["target_type"] == "company" and entry["target_id"] == str(a.company.pk)
    assert entry["created_at"]
    stored = AuditEntry.objects.get(pk=entry["id"])
    assert stored.company_id is None and stored.actor.email == "op@hansa.test"

    # The platform-wide list narrows to the same trail by slug; the company's own admins never see it.
    by_slug = operator_client.get(f"/api/console/audit/?company={a.company.slug}&action=console.").json()
    assert [e["id"] for e in by_slug["results"]] == [e["id"] for e in body["results"]]
    page = operator_client.get(
        f"/api/console/companies/{a.company.pk}/audit/?action=console.&page_size=1"
    ).json()
    assert page["count"] == 3 and len(page["results"]) == 1
    assert not AuditEntry.objects.filter(company=a.company, action__startswith="console.").exists()


def test_company_audit_of_an_unknown_company_is_404(operator_client):
    response = operator_client.get("/api/console/companies/999999/audit/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


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
