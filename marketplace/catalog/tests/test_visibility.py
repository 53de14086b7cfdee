"""Who sees what on the marketplace: public listings for anyone, prices only for signed-in members,
private things (drafts, unlisted suppliers, suspended companies, imports) only for their own company.

These complement the cross-tenant probes (tests/isolation/probes_catalog.py), which can only show that a
marker never leaks and so cannot speak about listings that are public by design.
"""

from __future__ import annotations

import pytest

from conftest import HostClient, company_host_for
from marketplace.catalog.tests.helpers import make_listing, make_supplier
from marketplace.directory.models import SupplierProfile
from tenants.models import CompanyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_company):
    seller = make_supplier(make_company, name="Seller")
    buyer = make_company()
    listing = make_listing(seller)
    draft = make_listing(seller, sku="DRAFT-1", name_en="Prototype ball bearing", status="draft")
    return seller, buyer, listing, draft


def card_prices(response) -> list:
    body = response.json()
    return [body["prices_visible"], [r["base_price"] for r in body["results"]]]


def test_anonymous_callers_see_listings_but_no_prices_on_either_host(world, public_client):
    _seller, buyer, listing, _draft = world
    for client in (public_client, HostClient(company_host_for(buyer.company.slug))):
        search = client.get("/api/marketplace/search/?q=bearing")
        assert card_prices(search) == [False, [None]]
        page = client.get(f"/api/marketplace/listings/{listing.pk}/").json()
        assert (page["base_price"], page["price_tiers"], page["prices_visible"]) == (None, None, False)
        assert page["name_zh"] == "深沟球轴承 6205-2RS" and page["moq"] == "1.0000"  # quantity scale
        # The supplier is named by its company id, in search results as on the listing's page.
        assert search.json()["results"][0]["supplier"]["id"] == page["supplier"]["id"] == _seller.company.pk


def test_signed_in_members_see_prices_on_their_host_and_on_the_public_host(world, signed_in):
    _seller, buyer, listing, _draft = world
    member = signed_in(buyer.user, buyer.company)
    assert card_prices(member.get("/api/marketplace/search/?q=bearing")) == [True, ["12.5000"]]
    tiers = member.get(f"/api/marketplace/listings/{listing.pk}/").json()["price_tiers"]
    assert [t["unit_price"] for t in tiers] == ["12.5000", "11.0000", "9.8000"]

    on_public = HostClient("localhost:8000")
    on_public.force_login(buyer.user, backend="identity.backends.MemberAwareBackend")
    assert card_prices(on_public.get("/api/marketplace/search/?q=bearing")) == [True, ["12.5000"]]


def test_an_api_key_of_the_host_company_sees_prices_and_one_of_another_company_is_refused(world):
    from identity.services import api_key_create
    from marketplace.catalog.tests.helpers import actor_for

    seller, buyer, _listing, _draft = world
    key = api_key_create(actor=actor_for(buyer.company, buyer.user), name="erp", permissions=["company.view"])
    own_host = HostClient(company_host_for(buyer.company.slug))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key.secret}"}
    assert card_prices(own_host.get("/api/marketplace/search/", **auth)) == [True, ["12.5000"]]
    elsewhere = HostClient(company_host_for(seller.company.slug)).get("/api/marketplace/search/", **auth)
    assert elsewhere.status_code == 401


def test_drafts_exist_only_for_their_own_members_on_their_own_host(world, signed_in, public_client):
    seller, buyer, _listing, draft = world
    url = f"/api/marketplace/listings/{draft.pk}/"
    assert public_client.get(url).status_code == 404
    assert signed_in(buyer.user, buyer.company).get(url).json()["code"] == "not_found"
    assert HostClient(company_host_for(seller.company.slug)).get(url).status_code == 404
    preview = signed_in(seller.owner, seller.company).get(url)
    assert preview.status_code == 200 and preview.json()["status"] == "draft"
    for client in (
        public_client,
        signed_in(buyer.user, buyer.company),
        signed_in(seller.owner, seller.company),
    ):
        skus = [r["sku"] for r in client.get("/api/marketplace/search/").json()["results"]]
        assert skus == ["6205-2RS"]


def test_an_unlisted_supplier_or_a_suspended_company_disappears_from_the_marketplace(
    world, make_company, public_client, signed_in
):
    from marketplace.catalog.services import listings_sync_supplier

    seller, buyer, listing, _draft = world
    profile = SupplierProfile.objects.get(pk=seller.profile.pk)
    profile.is_listed = False
    profile.save()
    listings_sync_supplier(supplier=profile)
    assert public_client.get("/api/marketplace/search/").json()["count"] == 0
    assert public_client.get(f"/api/marketplace/listings/{listing.pk}/").status_code == 404

    profile.is_listed = True
    profile.save()
    listings_sync_supplier(supplier=profile)
    assert public_client.get("/api/marketplace/search/").json()["count"] == 1
    seller.company.status = CompanyStatus.SUSPENDED
    seller.company.save(update_fields=["status"])
    assert public_client.get("/api/marketplace/search/").json()["count"] == 0
    assert (
        signed_in(buyer.user, buyer.company).get(f"/api/marketplace/listings/{listing.pk}/").status_code
        == 404
    )


def test_another_companys_own_catalog_and_imports_are_not_found_on_my_host(world, signed_in):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from marketplace.catalog.services import import_create
    from marketplace.catalog.tests.test_imports import csv_file

    seller, buyer, listing, _draft = world
    job = import_create(actor=seller.actor, upload=SimpleUploadedFile("c.csv", csv_file([{"sku": "I-1"}])))
    mine = signed_in(buyer.user, buyer.company)
    for url in (
        f"/api/catalog/listings/{listing.pk}/",
        f"/api/catalog/imports/{job.pk}/",
    ):
        response = mine.get(url)
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    applied = mine.post_json(f"/api/catalog/imports/{job.pk}/apply/", {})
    assert applied.status_code == 404
    assert mine.get("/api/catalog/listings/").json()["count"] == 0
    assert mine.get("/api/catalog/imports/").json()["count"] == 0
    job.refresh_from_db()
    assert job.state == "validated"
