"""Supplier search and pages (anyone, both hosts) and the operator's verified badge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from conftest import HostClient, company_host_for
from identity.models import AuditEntry, User
from marketplace.catalog.models import Listing
from marketplace.catalog.tests.helpers import make_listing, make_supplier
from marketplace.directory import services
from marketplace.directory.models import SupplierProfile
from tenants.models import CompanyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    user = User.objects.create_user(email="op@hansa.test", password="operator-pass-123", is_operator=True)
    TOTP.activate(user, generate_totp_secret())
    client = HostClient("localhost:8000")
    client.force_login(user, backend="identity.backends.MemberAwareBackend")
    return client


@pytest.fixture
def suppliers(make_company):
    bearings = make_supplier(make_company, name="Wuxi Precision Bearings", regions_served=["CN-JS"])
    steel = make_supplier(
        make_company,
        name="Nordstahl Werke",
        display_name_zh="北方钢铁",
        category_codes=["20.03.01"],
        regions_served=["DE", "CN"],
    )
    services.certification_create(
        actor=bearings.actor,
        type="ISO 9001",
        number="Q-1",
        issuer="CQC",
        valid_until=timezone.localdate() + timedelta(days=90),
    )
    services.certification_create(
        actor=steel.actor,
        type="ISO 9001",
        number="Q-2",
        issuer="TUV",
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    return bearings, steel


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [r["display_name_en"] for r in response.json()["results"]]


def test_supplier_search_by_words_in_both_languages_and_by_filters(suppliers, public_client):
    search = lambda q: names(public_client.get("/api/marketplace/suppliers/" + q))  # noqa: E731
    assert search("?q=轴承") == ["Wuxi Precision Bearings"]  # its category's Chinese name
    assert search("?q=bearing") == ["Wuxi Precision Bearings"]  # stemmed English
    assert search("?q=北方钢铁") == ["Nordstahl Werke"]
    assert search("?category=20") == ["Nordstahl Werke"]  # subtree of "Steel and metals"
    assert search("?category=10.01.01") == ["Wuxi Precision Bearings"]  # covered by its "Bearings"
    assert search("?region=CN-JS") == ["Wuxi Precision Bearings", "Nordstahl Werke"] or search(
        "?region=CN-JS"
    ) == ["Nordstahl Werke", "Wuxi Precision Bearings"]  # serves all of CN
    assert search("?region=DE") == ["Nordstahl Werke"]
    assert search("?certification=iso9001") == ["Wuxi Precision Bearings"]  # the other one expired
    assert search("?verified=true") == []
    bad = public_client.get("/api/marketplace/suppliers/?category=99")
    assert bad.status_code == 400 and "category" in bad.json()["errors"]


def test_a_supplier_card_names_its_company_which_purchase_orders_name(suppliers, public_client):
    bearings, _steel = suppliers
    card = public_client.get("/api/marketplace/suppliers/?q=bearing").json()["results"][0]
    page = public_client.get(f"/api/marketplace/suppliers/{bearings.company.pk}/").json()
    # A supplier is named by its company id everywhere (docs/api-conventions.md), not by its profile's.
    assert card["id"] == page["id"] == bearings.company.pk
    assert "company_id" not in card and "company_id" not in page


def test_a_supplier_page_shows_qualifications_and_says_there_is_no_history_yet(suppliers, public_client):
    bearings, _steel = suppliers
    make_listing(bearings)
    page = public_client.get(f"/api/marketplace/suppliers/{bearings.company.pk}/").json()
    assert page["display_name_zh"] == "无锡精密轴承" and page["listing_count"] == 1
    assert [(c["type"], c["status"]) for c in page["certifications"]] == [("ISO 9001", "valid")]
    assert "document_name" not in page["certifications"][0]
    assert page["history"] == {
        "has_history": False,
        "rfq_response_rate": None,
        "quote_win_rate": None,
        "on_time_delivery_rate": None,
        "rfqs_received": 0,
        "quotes_submitted": 0,
        "deliveries": 0,
        "rfqs_answered": 0,
        "quotes_won": 0,
        "on_time_deliveries": 0,
    }
    assert page["reputation"] is None  # unrated: sorts last


def test_unlisted_and_suspended_suppliers_exist_only_for_their_own_members(
    suppliers, public_client, signed_in, make_company
):
    bearings, steel = suppliers
    SupplierProfile.objects.filter(pk=bearings.profile.pk).update(is_listed=False)
    steel.company.status = CompanyStatus.SUSPENDED
    steel.company.save(update_fields=["status"])
    other = make_company()

    for profile in (bearings.profile, steel.profile):
        assert public_client.get(f"/api/marketplace/suppliers/{profile.company_id}/").status_code == 404
        on_other_host = signed_in(other.user, other.company).get(
            f"/api/marketplace/suppliers/{profile.company_id}/"
        )
        assert on_other_host.status_code == 404 and on_other_host.json()["code"] == "not_found"
    assert names(public_client.get("/api/marketplace/suppliers/")) == []

    preview = signed_in(bearings.owner, bearings.company).get(
        f"/api/marketplace/suppliers/{bearings.company.pk}/"
    )
    assert preview.status_code == 200 and preview.json()["is_public"] is False
    anonymous_on_own_host = HostClient(company_host_for(bearings.company.slug))
    assert anonymous_on_own_host.get(f"/api/marketplace/suppliers/{bearings.company.pk}/").status_code == 404


def test_an_operator_grants_the_verified_badge_audited_and_listings_carry_it(
    suppliers, operator, public_client
):
    bearings, _steel = suppliers
    listing = make_listing(bearings)

    queue = operator.get("/api/console/suppliers/?verified=false").json()
    assert bearings.company.pk in [s["id"] for s in queue["results"]]
    granted = operator.post_json(
        f"/api/console/suppliers/{bearings.company.pk}/verification/",
        {"verified": True, "note": "Site visit"},
    )

    assert granted.status_code == 200 and granted.json()["verified"] is True
    listing.refresh_from_db()
    assert listing.supplier_verified is True
    entry = AuditEntry.objects.get(action="directory.supplier_verified")
    assert entry.company == bearings.company and entry.actor.email == "op@hansa.test"
    assert names(public_client.get("/api/marketplace/suppliers/?verified=true")) == [
        "Wuxi Precision Bearings"
    ]
    found = public_client.get("/api/marketplace/search/?verified=true").json()["results"]
    assert [r["id"] for r in found] == [listing.pk]

    operator.post_json(f"/api/console/suppliers/{bearings.company.pk}/verification/", {"verified": False})
    assert Listing.objects.get(pk=listing.pk).supplier_verified is False


def test_only_operators_may_verify(suppliers, make_company, signed_in):
    bearings, _steel = suppliers
    member = make_company()
    public_member = HostClient("localhost:8000")
    public_member.force_login(member.user, backend="identity.backends.MemberAwareBackend")
    for client in (public_member, HostClient("localhost:8000")):
        response = client.post_json(
            f"/api/console/suppliers/{bearings.company.pk}/verification/", {"verified": True}
        )
        assert response.status_code in (401, 403)
    assert SupplierProfile.objects.get(pk=bearings.profile.pk).verified is False
    assert not AuditEntry.objects.filter(action__startswith="directory.supplier_").exists()


def test_verifying_a_missing_supplier_is_not_found(operator):
    response = operator.post_json("/api/console/suppliers/999999/verification/", {"verified": True})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
