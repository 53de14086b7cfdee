"""Sessions are per host: one company's session is not accepted on another's, nor on the public host."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings

from conftest import HostClient, company_host_for

pytestmark = pytest.mark.django_db


def test_a_session_from_one_company_host_is_not_accepted_on_another(make_company, signed_in):
    a = make_company()
    b = make_company(email=a.user.email)  # even for a user who is a member of both
    client_a = signed_in(a.user, a.company)
    assert client_a.get("/api/me/").status_code == 200

    on_b = HostClient(company_host_for(b.company.slug))
    on_b.cookies = copy.deepcopy(client_a.cookies)
    on_public = HostClient(settings.HANSA_BASE_DOMAIN)
    on_public.cookies = copy.deepcopy(client_a.cookies)

    assert on_b.get("/api/me/").status_code == 401
    assert on_public.get("/api/me/").status_code == 401


def test_a_non_member_cannot_sign_in_on_a_company_host(make_company, client):
    a = make_company()
    b = make_company()
    on_a = HostClient(company_host_for(a.company.slug))
    from conftest import PASSWORD

    response = on_a.post(
        "/_allauth/browser/v1/auth/login",
        {"email": b.user.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert on_a.get("/api/me/").status_code == 401
    ok = on_a.post(
        "/_allauth/browser/v1/auth/login",
        {"email": a.user.email, "password": PASSWORD},
        content_type="application/json",
    )
    assert ok.status_code == 200, ok.content
    assert on_a.get("/api/me/").json()["company"]["slug"] == a.company.slug


def test_removing_a_membership_ends_the_session_at_once(make_company, signed_in):
    from identity.models import Membership

    a = make_company()
    client = signed_in(a.user, a.company)
    assert client.get("/api/me/").status_code == 200
    Membership.objects.filter(user=a.user, company=a.company).update(status="removed")
    assert client.get("/api/me/").status_code == 401


def test_unknown_and_pooled_hosts_are_404_and_suspended_is_403(make_company):
    from tenants.models import Company

    assert HostClient("nobody-here.localhost:8000").get("/api/me/").json()["code"] == "company_not_found"
    a = make_company()
    Company.objects.filter(pk=a.company.pk).update(status="suspended")
    response = HostClient(company_host_for(a.company.slug)).get("/api/me/")
    assert response.status_code == 403 and response.json()["code"] == "company_suspended"


@pytest.mark.parametrize("debug", [False, True])
def test_api_404_stays_json_on_both_hosts(make_company, settings, debug):
    settings.DEBUG = debug  # with DEBUG on, Django would answer its HTML page for an unmatched URL
    a = make_company()
    for host in (settings.HANSA_BASE_DOMAIN, company_host_for(a.company.slug)):
        response = HostClient(host).get("/api/does-not-exist/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "not_found"
