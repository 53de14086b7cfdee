"""The company's own catalog through the API: listings, their rules, images, export."""

from __future__ import annotations

import base64
import csv
import io

import openpyxl
import pytest

from conftest import PASSWORD
from identity.models import AuditEntry, User
from marketplace.catalog.models import Listing, ListingImage, PriceTier
from marketplace.catalog.tests.helpers import PNG, api_listing, make_listing, make_supplier
from marketplace.catalog.validation import listing_clean

pytestmark = pytest.mark.django_db


def add_member(company, roles):
    from identity.services import membership_create

    user = User.objects.create_user(
        email=f"{'-'.join(roles)}-{User.objects.count()}@member.test", password=PASSWORD
    )
    return membership_create(user=user, company=company, roles=roles)


@pytest.fixture
def supplier(make_company):
    return make_supplier(make_company)


@pytest.fixture
def owner(supplier, signed_in):
    return signed_in(supplier.owner, supplier.company)


def test_create_a_listing_with_tiers_attributes_and_search_text(supplier, owner):
    response = owner.post_json("/api/catalog/listings/", api_listing())

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["base_price"] == "12.5000" and body["is_public"] is True
    assert [(t["min_quantity"], t["unit_price"]) for t in body["price_tiers"]] == [
        ("1.0000", "12.5000"),
        ("100.0000", "11.0000"),
    ]
    assert body["category"] == {"code": "10.01.01", "name_en": "Ball bearings", "name_zh": "球轴承"}
    listing = Listing.objects.get(pk=body["id"])
    assert listing.category_path == "10/10.01/10.01.01/"
    assert listing.supplier_regions == ["CN*", "CN-JS"]
    assert "球轴承" in listing.search_names.split() and "零部件" in listing.search_details.split()
    assert listing.search_vector is not None
    entry = AuditEntry.objects.get(company=supplier.company, action="catalog.listing_created")
    assert entry.target_id == "6205-2RS" and entry.after["base_price"] == "12.5000"


def test_a_retried_create_with_the_same_idempotency_key_makes_one_listing(owner):
    first = owner.post_json("/api/catalog/listings/", api_listing(), HTTP_IDEMPOTENCY_KEY="k-1")
    again = owner.post_json("/api/catalog/listings/", api_listing(), HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and Listing.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"category_code": "99.99"}, "category_code"),
        ({"currency": "XYZ"}, "currency"),
        ({"moq": "0"}, "moq"),
        ({"moq": "-5"}, "moq"),
        ({"price_tiers": []}, "price_tiers"),
        ({"price_tiers": [{"min_quantity": "0", "unit_price": "1"}]}, "price_tiers"),
        (
            {
                "price_tiers": [
                    {"min_quantity": "10", "unit_price": "1"},
                    {"min_quantity": "5", "unit_price": "1"},
                ]
            },
            "price_tiers",
        ),
        ({"price_tiers": [{"min_quantity": "1", "unit_price": "0"}]}, "price_tiers"),
        ({"moq": "1", "price_tiers": [{"min_quantity": "50", "unit_price": "1"}]}, "price_tiers"),
        ({"lead_time_days": 400}, "lead_time_days"),
        ({"unit": "furlong"}, "unit"),
        ({"sku": "  "}, "sku"),
        ({"name_en": "", "name_zh": ""}, "name_en"),
        ({"availability": "in_stock", "stock_quantity": None}, "stock_quantity"),
        ({"availability": "made_to_order", "stock_quantity": "5"}, "stock_quantity"),
        ({"status": "archived"}, "status"),
    ],
)
def test_bad_listings_are_refused_with_the_field_named_and_nothing_written(supplier, owner, change, field):
    response = owner.post_json("/api/catalog/listings/", api_listing(**change))
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "validation_error" and field in response.json()["errors"]
    assert Listing.objects.count() == PriceTier.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="catalog.").exists()


def test_a_second_listing_with_the_same_sku_is_a_conflict(supplier, owner):
    make_listing(supplier)
    response = owner.post_json("/api/catalog/listings/", api_listing(name_en="Another"))
    assert response.status_code == 409 and response.json()["code"] == "sku_taken"
    assert Listing.objects.count() == 1


def test_a_company_that_is_not_a_supplier_cannot_list(make_company, signed_in):
    buyer = make_supplier(make_company, role="buyer")
    response = signed_in(buyer.owner, buyer.company).post_json("/api/catalog/listings/", api_listing())
    assert response.status_code == 409 and response.json()["code"] == "supplier_profile_required"
    plain = make_company()
    response = signed_in(plain.user, plain.company).post_json("/api/catalog/listings/", api_listing())
    assert response.json()["code"] == "supplier_profile_required" and Listing.objects.count() == 0


def test_members_without_catalog_manage_read_the_catalog_but_cannot_change_it(supplier, signed_in):
    listing = make_listing(supplier)
    viewer = signed_in(add_member(supplier.company, ["viewer"]).user, supplier.company)
    assert viewer.get("/api/catalog/listings/").json()["count"] == 1
    for response in (
        viewer.post_json("/api/catalog/listings/", api_listing(sku="X-1")),
        viewer.patch_json(f"/api/catalog/listings/{listing.pk}/", {"name_en": "Renamed"}),
        viewer.delete(f"/api/catalog/listings/{listing.pk}/"),
    ):
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    listing.refresh_from_db()
    assert (listing.name_en, listing.status, Listing.objects.count()) == (
        "Deep groove ball bearing 6205-2RS",
        "active",
        1,
    )
    sales = signed_in(add_member(supplier.company, ["sales"]).user, supplier.company)
    assert sales.patch_json(f"/api/catalog/listings/{listing.pk}/", {"name_en": "Renamed"}).status_code == 200


def test_a_partial_update_changes_prices_and_is_audited_with_before_and_after(supplier, owner):
    listing = make_listing(supplier)
    response = owner.patch_json(
        f"/api/catalog/listings/{listing.pk}/",
        {"price_tiers": [{"min_quantity": "1", "unit_price": "10"}], "status": "draft"},
    )
    assert response.status_code == 200
    listing.refresh_from_db()
    assert listing.base_price == 10 and listing.status == "draft" and listing.is_public is False
    assert listing.name_zh == "深沟球轴承 6205-2RS"  # untouched fields stay
    entry = AuditEntry.objects.get(action="catalog.listing_changed")
    assert entry.before["base_price"] == "12.5000" and entry.after["base_price"] == "10.0000"

    bad = owner.patch_json(f"/api/catalog/listings/{listing.pk}/", {"moq": "0"})
    assert bad.status_code == 400 and Listing.objects.get(pk=listing.pk).moq == 1


def test_archiving_takes_a_listing_off_the_marketplace_and_out_of_the_list(supplier, owner):
    listing = make_listing(supplier)
    assert owner.delete(f"/api/catalog/listings/{listing.pk}/").status_code == 204
    listing.refresh_from_db()
    assert (listing.status, listing.is_public) == ("archived", False)
    assert owner.get("/api/catalog/listings/").json()["count"] == 0
    assert owner.get("/api/catalog/listings/?status=archived").json()["count"] == 1
    changed = owner.patch_json(f"/api/catalog/listings/{listing.pk}/", {"name_en": "Back"})
    assert changed.status_code == 409 and changed.json()["code"] == "listing_archived"


def test_the_own_list_filters_by_words_sku_status_and_category(supplier, owner):
    make_listing(supplier)
    make_listing(
        supplier,
        sku="HB-200",
        name_en="H-beam 200",
        name_zh="H型钢 200",
        category_code="20.04.01",
        status="draft",
    )
    skus = lambda q: [r["sku"] for r in owner.get("/api/catalog/listings/" + q).json()["results"]]  # noqa: E731
    assert skus("?q=轴承") == ["6205-2RS"]
    assert skus("?q=hb-200") == ["HB-200"]
    assert skus("?status=draft") == ["HB-200"]
    assert skus("?category=20") == ["HB-200"]
    assert owner.get("/api/catalog/listings/?status=sold").status_code == 400


def test_images_are_stored_under_the_company_prefix_shown_publicly_and_removed(
    supplier, owner, public_client
):
    listing = make_listing(supplier)
    added = owner.post_json(
        f"/api/catalog/listings/{listing.pk}/images/",
        {"file_name": "photo.png", "content_base64": base64.b64encode(PNG).decode()},
    )
    assert added.status_code == 201
    image = ListingImage.objects.get(pk=added.json()["id"])
    assert image.file.name.startswith(f"companies/{supplier.company.schema_name}/listing-images/")

    served = public_client.get(added.json()["url"])
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG
    card = public_client.get("/api/marketplace/search/").json()["results"][0]
    assert card["image_url"] == added.json()["url"]

    assert owner.delete(f"/api/catalog/listings/{listing.pk}/images/{image.pk}/").status_code == 204
    assert public_client.get(added.json()["url"]).status_code == 404


def test_an_image_that_is_not_an_image_is_refused_and_a_ninth_is_too_many(supplier, owner):
    listing = make_listing(supplier)
    url = f"/api/catalog/listings/{listing.pk}/images/"
    bad = owner.post_json(
        url, {"file_name": "x.png", "content_base64": base64.b64encode(b"<svg></svg>").decode()}
    )
    assert bad.status_code == 400 and bad.json()["code"] == "file_invalid"
    not_base64 = owner.post_json(url, {"file_name": "x.png", "content_base64": "***"})
    assert not_base64.status_code == 400 and "content_base64" in not_base64.json()["errors"]
    assert ListingImage.objects.count() == 0
    png = {"file_name": "p.png", "content_base64": base64.b64encode(PNG).decode()}
    for _ in range(8):
        assert owner.post_json(url, png).status_code == 201
    ninth = owner.post_json(url, png)
    assert ninth.status_code == 409 and ninth.json()["code"] == "too_many_images"
    assert ListingImage.objects.count() == 8


def test_the_export_writes_the_import_columns_in_csv_and_xlsx(supplier, owner):
    from marketplace.catalog.services import category_index
    from marketplace.catalog.spreadsheet import COLUMNS

    make_listing(supplier)
    exported = owner.get("/api/catalog/export/?file_type=csv")
    assert exported.status_code == 200 and exported["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert (
        rows[0]["price_tiers"] == "1:12.5;100:11;1000:9.8"
        and rows[0]["attributes"] == "Bore=25 mm;Material=GCr15"
    )
    assert listing_clean(rows[0], categories=category_index()).sku == "6205-2RS"  # importable as it is

    workbook = openpyxl.load_workbook(io.BytesIO(owner.get("/api/catalog/export/?file_type=xlsx").content))
    sheet = list(workbook.active.iter_rows(values_only=True))
    assert sheet[0] == COLUMNS and sheet[1][0] == "6205-2RS" and sheet[1][2] == "深沟球轴承 6205-2RS"
    assert owner.get("/api/catalog/export/?file_type=pdf").status_code == 400
