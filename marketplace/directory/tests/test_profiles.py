"""The supplier profile on the company's host, the category tree, and the search text behind them."""

from __future__ import annotations

import pytest

from conftest import HostClient
from identity.models import AuditEntry
from marketplace.catalog.tests.helpers import make_listing, make_supplier
from marketplace.directory.fulltext import query_terms, segment_for_index
from marketplace.directory.models import Category, SupplierProfile
from marketplace.directory.regions import region_keys, region_normalise, region_query_keys

pytestmark = pytest.mark.django_db

PROFILE = {
    "role": "supplier",
    "display_name_en": "Wuxi Precision Bearings",
    "display_name_zh": "无锡精密轴承有限公司",
    "description_en": "Ball and roller bearings since 1998.",
    "description_zh": "专业生产球轴承和滚子轴承",
    "category_codes": ["10.01.01", "10.01.02"],
    "regions_served": ["cn-js", "DE"],
    "capacity_note": "2 million pieces a month",
    "min_order_note": "From 100 pieces",
    "is_listed": True,
}


# The category tree ---------------------------------------------------------------------------------


def test_the_seeded_tree_has_three_levels_with_codes_paths_and_both_languages():
    nodes = {c.code: c for c in Category.objects.filter(code__regex=r"^[0-9]")}
    assert 60 <= len(nodes) <= 150
    ball = nodes["10.01.01"]
    assert (ball.name_en, ball.name_zh, ball.path, ball.depth) == (
        "Ball bearings",
        "球轴承",
        "10/10.01/10.01.01",
        2,
    )
    assert ball.parent.code == "10.01" and ball.parent.parent.code == "10"
    for node in nodes.values():
        assert node.path.split("/")[-1] == node.code and node.depth == node.code.count(".")
        assert node.name_en and node.name_zh
    assert {"20.01.02", "30.03.03", "40", "50", "60", "70"} <= set(nodes)


def test_the_category_tree_is_served_to_anyone_on_both_hosts(make_company, public_client):
    company = make_company().company
    for client in (public_client, HostClient(f"{company.slug}.localhost:8000")):
        tree = client.get("/api/marketplace/categories/").json()
        machinery = next(n for n in tree if n["code"] == "10")
        bearings = next(n for n in machinery["children"] if n["code"] == "10.01")
        assert machinery["name_zh"] == "机械零部件"
        assert [c["code"] for c in bearings["children"]][:2] == ["10.01.01", "10.01.02"]
        # Each node carries its id: an RFQ line without a listing names its category by it.
        assert bearings["id"] == Category.objects.get(code="10.01").pk


# Full-text helpers ---------------------------------------------------------------------------------


def test_chinese_is_segmented_for_search_and_the_rest_kept():
    assert segment_for_index("深沟球轴承 6205-2RS", "Deep groove ball bearings") == (
        "深沟 轴承 球轴承 6205-2rs deep groove ball bearings"
    )
    assert query_terms("深沟球轴承 ball") == [("深沟",), ("球轴承",), ("ball",)]
    assert query_terms("食用油") == [("食用油", "食用 用油")]
    assert query_terms(" ,，;  ") == []  # noqa: RUF001


def test_region_codes_and_the_keys_that_match_them():
    assert region_normalise(" cn-js ") == "CN-JS" and region_normalise("XX") is None
    assert region_normalise("CN-TOOLONG") is None
    assert region_keys(["CN-JS", "DE"]) == ["CN*", "CN-JS", "DE"]
    assert region_query_keys("CN-JS") == ["CN-JS", "CN"] and region_query_keys("CN") == ["CN", "CN*"]


# Own profile ---------------------------------------------------------------------------------------


def test_an_owner_creates_then_replaces_the_profile_and_each_save_is_audited(make_company, signed_in):
    acme = make_company()
    owner = signed_in(acme.user, acme.company)
    assert owner.get("/api/supplier-profile/").json()["code"] == "supplier_profile_missing"

    created = owner.put("/api/supplier-profile/", PROFILE, content_type="application/json")

    assert created.status_code == 200
    body = created.json()
    assert body["display_name_zh"] == "无锡精密轴承有限公司"
    assert [c["code"] for c in body["categories"]] == ["10.01.01", "10.01.02"]
    assert body["regions_served"] == ["CN-JS", "DE"] and body["verified"] is False
    profile = SupplierProfile.objects.get(company=acme.company)
    assert profile.region_keys == ["CN*", "CN-JS", "DE"]
    assert "球轴承" in profile.search_details and "无锡" in profile.search_names

    replaced = owner.put(
        "/api/supplier-profile/",
        {**PROFILE, "regions_served": ["CN"], "is_listed": False},
        content_type="application/json",
    )
    assert replaced.json()["regions_served"] == ["CN"] and replaced.json()["is_listed"] is False
    actions = list(
        AuditEntry.objects.filter(company=acme.company, action__startswith="directory.").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["directory.profile_created", "directory.profile_updated"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"display_name_en": "", "display_name_zh": ""}, "display_name_en"),
        ({"category_codes": ["99.99"]}, "category_codes"),
        ({"regions_served": ["Atlantis"]}, "regions_served"),
        ({"role": "pirate"}, "role"),
    ],
)
def test_a_bad_profile_is_refused_and_nothing_is_written(make_company, signed_in, change, field):
    acme = make_company()
    response = signed_in(acme.user, acme.company).put(
        "/api/supplier-profile/", {**PROFILE, **change}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "validation_error"
    assert field in response.json()["errors"]
    assert not SupplierProfile.objects.filter(company=acme.company).exists()
    assert not AuditEntry.objects.filter(company=acme.company, action__startswith="directory.").exists()


def test_a_member_without_catalog_manage_reads_but_cannot_change_the_profile(make_company, signed_in):
    from marketplace.catalog.tests.test_listings import add_member

    supplier = make_supplier(make_company)
    viewer = add_member(supplier.company, ["viewer"])
    client = signed_in(viewer.user, supplier.company)
    assert client.get("/api/supplier-profile/").status_code == 200
    denied = client.put("/api/supplier-profile/", PROFILE, content_type="application/json")
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    assert SupplierProfile.objects.get(company=supplier.company).display_name_en == "Wuxi Bearings"


def test_unlisting_the_profile_takes_its_listings_off_the_marketplace_at_once(make_company, signed_in):
    supplier = make_supplier(make_company)
    listing = make_listing(supplier)
    assert listing.is_public and listing.supplier_regions == ["CN*", "CN-JS"]

    signed_in(supplier.owner, supplier.company).put(
        "/api/supplier-profile/", {**PROFILE, "is_listed": False}, content_type="application/json"
    )

    listing.refresh_from_db()
    assert listing.is_public is False and listing.supplier_regions == ["CN*", "CN-JS", "DE"]
