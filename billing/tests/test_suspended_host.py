"""A suspended workspace: what its host still answers, by the reason of the suspension."""

from __future__ import annotations

import pytest

from tenants.models import BillingLock, Company, CompanyStatus

pytestmark = pytest.mark.django_db


def assert_web_app(response) -> None:
    """The SPA's page (503 "web app not built" when the tests run without a frontend build), never the
    suspension's problem answer."""
    assert response.status_code in (200, 503)
    assert response["Content-Type"].startswith("text/html")


@pytest.fixture
def owner_client(make_company, signed_in):
    def make(*, lock: str = "", status: str = CompanyStatus.ACTIVE):
        result = make_company()
        client = signed_in(result.user, result.company)
        Company.objects.filter(pk=result.company.pk).update(billing_lock=lock, status=status)
        return client

    return make


def test_suspended_for_non_payment_keeps_sign_in_me_and_billing_open(owner_client):
    client = owner_client(lock=BillingLock.SUSPENDED)
    assert client.get("/api/me/").status_code == 200
    assert client.get("/api/billing/").status_code == 200
    refused = client.get("/api/purchase-orders/")
    assert refused.status_code == 403
    assert (refused.json()["code"], refused.json()["suspension"]) == ("company_suspended", "billing")
    assert_web_app(client.get("/"))  # the web app, which shows why and how to pay


def test_suspended_by_the_operator_closes_everything_but_the_web_app(owner_client):
    client = owner_client(status=CompanyStatus.SUSPENDED)
    for path in ("/api/me/", "/api/billing/", "/api/purchase-orders/"):
        refused = client.get(path)
        assert refused.status_code == 403, path
        assert refused.json()["suspension"] == "operator"
    assert_web_app(client.get("/"))
    handoff = client.get("/api/session/handoff/?token=anything")
    assert (handoff.status_code, handoff["Location"]) == (302, "/")
