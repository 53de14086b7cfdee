"""Marketplace search: Chinese and English full text, filters, facets, sorting, pages, bad input."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.catalog.models import Listing
from marketplace.catalog.selectors import ListingSearchParams, listing_search
from marketplace.catalog.selectors import search as search_module
from marketplace.catalog.tests.helpers import make_listing, make_supplier
from marketplace.directory import services as directory
from marketplace.directory.models import SupplierProfile
from marketplace.directory.viewers import Viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(make_company):
    """Two suppliers: bearings in Jiangsu (ISO 9001, rated 4.8) and steel in Germany (verified)."""
    bearings = make_supplier(make_company, name="Wuxi Bearings", regions_served=["CN-JS"])
    steel = make_supplier(
        make_company, name="Nordstahl", display_name_zh="北钢", category_codes=["20"], regions_served=["DE"]
    )
    directory.certification_create(
        actor=bearings.actor,
        type="ISO 9001",
        number="Q-1",
        issuer="CQC",
        valid_until=timezone.localdate() + timedelta(days=30),
    )
    directory.certification_create(
        actor=steel.actor,
        type="ISO 9001",
        number="Q-2",
        issuer="TUV",
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    # Buyers rated the bearings maker 4.8: its supplier rating is 5 x mean(0.5, 0.5, 0.96) = 3.267.
    SupplierProfile.objects.filter(pk=bearings.profile.pk).update(rating=Decimal("4.80"))
    directory.supplier_reputation_refresh(company_ids=[bearings.company.pk])
    bearings.profile.refresh_from_db()
    assert bearings.profile.reputation == Decimal("3.267")
    from marketplace.catalog.services import listings_sync_supplier

    listings = {
        "ball": make_listing(bearings),
        "roller": make_listing(
            bearings,
            sku="30208",
            name_en="Tapered roller bearing 30208",
            name_zh="圆锥滚子轴承 30208",
            category_code="10.01.02",
            price_tiers="1:48",
            moq="10",
            lead_time_days="20",
            availability="made_to_order",
            stock_quantity="",
            attributes="",
        ),
        "pipe": make_listing(
            steel,
            sku="SMLS-89",
            name_en="Seamless steel pipe 89x4",
            name_zh="无缝钢管 89x4",
            category_code="20.03.01",
            price_tiers="1:5200",
            moq="5",
            lead_time_days="30",
            currency="EUR",
            attributes="Grade=20#",
            description_en="Hot rolled seamless pipes for boilers",
        ),
        "draft": make_listing(
            bearings, sku="DRAFT-1", name_en="Secret ball bearing prototype", status="draft"
        ),
    }
    listings_sync_supplier(supplier=bearings.profile)
    directory.supplier_set_verified(operator=steel.owner, supplier_id=steel.company.pk, verified=True)
    return bearings, steel, listings


def find(**params) -> list[str]:
    page = listing_search(params=ListingSearchParams(**params), viewer=Viewer.anonymous())
    return [card.sku for card in page.listings]


def test_chinese_keywords_are_found_through_jieba_segmentation(market):
    assert find(q="深沟球轴承") == ["6205-2RS"]
    assert sorted(find(q="轴承")) == ["30208", "6205-2RS"]  # a word inside the names
    assert find(q="钢管") == ["SMLS-89"]
    assert find(q="球轴承 6205-2RS") == ["6205-2RS"]
    assert find(q="机械零部件") == find(q="machinery") != []  # names of the category's ancestors


def test_english_keywords_are_stemmed_and_every_word_must_match(market):
    assert sorted(find(q="bearings")) == ["30208", "6205-2RS"]
    assert find(q="boiler") == ["SMLS-89"]  # "boilers" in the description
    assert find(q="tapered bearing") == ["30208"]
    assert find(q="tapered pipe") == []


def test_drafts_never_appear(market):
    assert "DRAFT-1" not in find(q="ball bearing") and "DRAFT-1" not in find()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "10"}, ["30208", "6205-2RS"]),
        ({"category": "10.01.02"}, ["30208"]),
        ({"region": "CN-JS"}, ["30208", "6205-2RS"]),
        ({"region": "CN"}, ["30208", "6205-2RS"]),  # serves somewhere in China
        ({"region": "DE"}, ["SMLS-89"]),
        ({"certification": "ISO 9001"}, ["30208", "6205-2RS"]),  # the steel one has expired
        ({"price_min": Decimal("20"), "price_max": Decimal("100")}, ["30208"]),
        ({"currency": "EUR"}, ["SMLS-89"]),
        ({"moq_max": Decimal("5")}, ["6205-2RS", "SMLS-89"]),
        ({"lead_time_max": 10}, ["6205-2RS"]),
        ({"availability": "made_to_order"}, ["30208"]),
        ({"verified_only": True}, ["SMLS-89"]),
    ],
)
def test_each_filter(market, params, expected):
    assert sorted(find(**params)) == expected


def test_a_supplier_filter_shows_one_suppliers_listings(market):
    bearings, _steel, _ = market
    assert sorted(find(supplier_id=bearings.company.pk)) == ["30208", "6205-2RS"]


def test_facets_count_the_matches_by_category_with_ancestors_region_availability_and_badge(market):
    page = listing_search(params=ListingSearchParams(), viewer=Viewer.anonymous())
    assert page.count == 3 and page.count_capped is False
    categories = {f.code: f.count for f in page.facets.categories}
    assert categories == {
        "10": 2,
        "10.01": 2,
        "10.01.01": 1,
        "10.01.02": 1,
        "20": 1,
        "20.03": 1,
        "20.03.01": 1,
    }
    assert {f.value: f.count for f in page.facets.regions} == {"CN-JS": 2, "DE": 1}
    assert {f.value: f.count for f in page.facets.availability} == {"in_stock": 2, "made_to_order": 1}
    assert {f.value: f.count for f in page.facets.verified} == {"false": 2, "true": 1}


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price", ["6205-2RS", "30208", "SMLS-89"]),
        ("-price", ["SMLS-89", "30208", "6205-2RS"]),
        ("lead_time", ["6205-2RS", "30208", "SMLS-89"]),
    ],
)
def test_sorting(market, sort, expected):
    assert find(sort=sort) == expected


def test_sorting_by_rating_puts_unrated_suppliers_last(market):
    assert find(sort="rating") == ["6205-2RS", "30208", "SMLS-89"] or find(sort="rating") == [
        "30208",
        "6205-2RS",
        "SMLS-89",
    ]
    assert find(sort="rating")[-1] == "SMLS-89"


def test_relevance_ranks_a_match_in_the_name_above_one_in_the_details(market):
    from marketplace.catalog.services import category_index, listing_update
    from marketplace.catalog.tests.helpers import listing_values
    from marketplace.catalog.validation import listing_clean

    _bearings, steel, listings = market
    listing_update(
        actor=steel.actor,
        listing_id=listings["pipe"].pk,
        data=listing_clean(
            listing_values(
                sku="SMLS-89",
                name_en="Seamless pipe",
                name_zh="无缝钢管",
                category_code="20.03.01",
                description_en="Also sold with tapered roller bearings",
            ),
            categories=category_index(),
        ),
    )
    assert find(q="tapered") == ["30208", "SMLS-89"]


def test_results_and_the_supplier_filter_name_the_supplier_by_its_company_id(market, public_client):
    bearings, steel, _listings = market
    # Profile and company ids differ, so a profile id would be caught here.
    assert (bearings.profile.pk, steel.profile.pk) != (bearings.company.pk, steel.company.pk)
    only = public_client.get(f"/api/marketplace/search/?supplier_id={steel.company.pk}").json()["results"]
    assert [(r["sku"], r["supplier"]["id"]) for r in only] == [("SMLS-89", steel.company.pk)]
    assert public_client.get("/api/marketplace/search/?supplier=1").json()["count"] == 3  # no such filter


def test_pages_through_the_api_with_next_and_previous_links(market, public_client):
    first = public_client.get("/api/marketplace/search/?page_size=2&sort=price").json()
    assert [r["sku"] for r in first["results"]] == ["6205-2RS", "30208"] and first["count"] == 3
    assert first["previous"] is None and "page=2" in first["next"]
    second = public_client.get(first["next"]).json()
    assert [r["sku"] for r in second["results"]] == ["SMLS-89"] and second["next"] is None


def test_more_matches_than_the_window_are_capped(market, monkeypatch):
    monkeypatch.setattr(search_module, "MAX_WINDOW", 2)
    page = listing_search(params=ListingSearchParams(), viewer=Viewer.anonymous())
    assert (page.count, page.count_capped) == (2, True)


@pytest.mark.parametrize(
    "query",
    [
        "category=99",
        "region=Atlantis",
        "price_min=abc",
        "price_min=50&price_max=10",
        "currency=XYZ",
        "sort=cheapest",
        "page_size=1000",
        "page=0",
        "page=600",
        "availability=maybe",
        "lead_time_max=-1",
        "q=" + "x" * 201,
    ],
)
def test_bad_search_parameters_are_a_validation_error(market, public_client, query):
    response = public_client.get(f"/api/marketplace/search/?{query}")
    assert response.status_code == 400, (query, response.content)
    assert response.json()["code"] == "validation_error"


def test_certification_tokens_narrow_the_index_and_validity_is_still_checked(market):
    from django.contrib.postgres.search import SearchQuery

    from marketplace.directory.models import Certification
    from marketplace.directory.services import certification_expiries_apply

    def tokened() -> list[str]:
        token = SearchQuery("certiso9001", config="simple", search_type="plain")
        return sorted(Listing.objects.filter(search_vector=token).values_list("sku", flat=True))

    assert tokened() == ["30208", "6205-2RS", "DRAFT-1"]  # the steel supplier's certificate has expired
    today = timezone.localdate()
    Certification.objects.filter(number="Q-1").update(valid_until=today - timedelta(days=1))  # time passes

    assert find(certification="ISO 9001") == []  # searches check validity themselves
    assert certification_expiries_apply(today=today) == 2
    assert tokened() == []
