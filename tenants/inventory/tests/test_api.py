"""The inventory API: one journey per endpoint family, responses checked against the OpenAPI document,
permissions per role, bad input answered with a problem and nothing written."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import requests
import schemathesis
from schemathesis.core.transport import Response

from conftest import PASSWORD, unique
from hansa.openapi import document
from kernel.tenancy import company_context
from tenants.inventory.models import Item, LedgerEntry, StockLevel

pytestmark = pytest.mark.django_db


@cache
def tenant_schema() -> Any:
    return schemathesis.openapi.from_dict(document("tenant"))


def conforms(response: Any, method: str, path: str) -> Any:
    headers = {key: [value] for key, value in response.headers.items()}
    wrapped = Response(
        status_code=response.status_code,
        headers=headers,
        content=response.content,
        request=requests.Request(method, f"http://testserver{path}").prepare(),
        elapsed=0.0,
        verify=False,
    )
    tenant_schema()[path][method].validate_response(wrapped)
    return response


@pytest.fixture
def company(make_company):
    return make_company(company_name="Huaxia Machinery")


@pytest.fixture
def owner(company, signed_in):
    return signed_in(company.user, company.company)


def member(company: Any, signed_in: Any, *roles: str) -> Any:
    from identity.models import User
    from identity.services import membership_create

    user = User.objects.create_user(email=f"{unique('m')}@member.test", password=PASSWORD)
    membership_create(user=user, company=company.company, roles=list(roles))
    return signed_in(user, company.company)


def counts(company: Any) -> tuple[int, int, list[Any]]:
    with company_context(company.company):
        return (
            Item.objects.count(),
            LedgerEntry.objects.count(),
            list(StockLevel.objects.order_by("pk").values_list("on_hand", "reserved")),
        )


def test_items_and_warehouses(owner, company, signed_in):
    created = conforms(
        owner.post_json(
            "/api/inventory/items/",
            {
                "sku": "6205-2RS",
                "name_zh": "深沟球轴承",
                "name_en": "Ball bearing",
                "unit": "pcs",
                "reorder_point": "20",
            },
        ),
        "POST",
        "/api/inventory/items/",
    )
    assert created.status_code == 201, created.content
    item = created.json()
    assert (item["on_hand"], item["available"], item["below_reorder_point"]) == ("0.0000", "0.0000", True)
    duplicate = owner.post_json("/api/inventory/items/", {"sku": "6205-2RS", "name_en": "x", "unit": "pcs"})
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "duplicate_sku")
    listed = conforms(owner.get("/api/inventory/items/?search=球轴"), "GET", "/api/inventory/items/").json()
    assert [i["sku"] for i in listed["results"]] == ["6205-2RS"]
    assert owner.get("/api/inventory/items/?search=nothing").json()["count"] == 0
    path = f"/api/inventory/items/{item['id']}/"
    patched = conforms(
        owner.patch_json(path, {"name_en": "Deep groove ball bearing"}),
        "PATCH",
        "/api/inventory/items/{item_id}/",
    )
    assert patched.json()["name_en"] == "Deep groove ball bearing"
    assert conforms(owner.get(path), "GET", "/api/inventory/items/{item_id}/").json()["sku"] == "6205-2RS"

    warehouse = owner.post_json("/api/inventory/warehouses/", {"code": "east", "name": "East depot"})
    assert warehouse.status_code == 201 and warehouse.json()["code"] == "EAST"
    conforms(warehouse, "POST", "/api/inventory/warehouses/")
    wpath = f"/api/inventory/warehouses/{warehouse.json()['id']}/"
    assert owner.patch_json(wpath, {"name": "East depot 2"}).json()["name"] == "East depot 2"
    assert (
        conforms(owner.get("/api/inventory/warehouses/"), "GET", "/api/inventory/warehouses/").json()["count"]
        == 1
    )

    # Roles: a viewer reads but cannot manage; the warehouse role manages.
    viewer = member(company, signed_in, "viewer")
    assert viewer.get("/api/inventory/items/").status_code == 200
    refused = viewer.post_json("/api/inventory/items/", {"sku": "V-1", "name_en": "x", "unit": "pcs"})
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    assert viewer.patch_json(path, {"name_en": "hijacked"}).status_code == 403
    assert viewer.delete(path).status_code == 403
    keeper = member(company, signed_in, "warehouse")
    assert (
        keeper.post_json("/api/inventory/items/", {"sku": "K-1", "name_en": "k", "unit": "kg"}).status_code
        == 201
    )
    finance = member(company, signed_in, "finance")
    assert finance.get("/api/inventory/items/").status_code == 403

    assert conforms(owner.delete(path), "DELETE", "/api/inventory/items/{item_id}/").status_code == 204
    assert owner.get(path).json()["code"] == "not_found"


def test_movements_levels_ledger_and_reorder_list(owner, company, signed_in):
    item = owner.post_json(
        "/api/inventory/items/", {"sku": "6205", "name_en": "Bearing", "unit": "pcs", "reorder_point": "50"}
    ).json()
    received = conforms(
        owner.post_json(
            "/api/inventory/receipts/", {"item_id": item["id"], "quantity": "100", "reference": "GR-1"}
        ),
        "POST",
        "/api/inventory/receipts/",
    )
    # No warehouse named: the default one, made on first use.
    assert received.status_code == 201 and received.json()["on_hand_after"] == "100.0000"
    assert received.json()["warehouse"]["code"] == "MAIN"
    main_id = received.json()["warehouse"]["id"]
    east = owner.post_json("/api/inventory/warehouses/", {"code": "EAST", "name": "East"}).json()
    issued = owner.post_json(
        "/api/inventory/issues/", {"item_id": item["id"], "quantity": "10", "reference": "manual"}
    )
    conforms(issued, "POST", "/api/inventory/issues/")
    adjusted = owner.post_json(
        "/api/inventory/adjustments/",
        {"item_id": item["id"], "quantity_delta": "-5", "reason": "Broken in storage"},
    )
    conforms(adjusted, "POST", "/api/inventory/adjustments/")
    moved = owner.post_json(
        "/api/inventory/transfers/",
        {
            "item_id": item["id"],
            "from_warehouse_id": main_id,
            "to_warehouse_id": east["id"],
            "quantity": "40",
        },
    )
    conforms(moved, "POST", "/api/inventory/transfers/")
    assert moved.status_code == 201, moved.content
    transfer = moved.json()
    assert [e["kind"] for e in transfer["entries"]] == ["transfer_out", "transfer_in"]
    assert transfer["transfer_id"] == transfer["entries"][0]["transfer_id"] is not None

    levels = conforms(
        owner.get(f"/api/inventory/stock-levels/?item_id={item['id']}"), "GET", "/api/inventory/stock-levels/"
    )
    assert sorted((r["warehouse"]["code"], r["on_hand"]) for r in levels.json()["results"]) == [
        ("EAST", "40.0000"),
        ("MAIN", "45.0000"),
    ]
    ledger = conforms(
        owner.get(f"/api/inventory/ledger/?item_id={item['id']}&warehouse_id={main_id}"),
        "GET",
        "/api/inventory/ledger/",
    )
    assert [e["kind"] for e in ledger.json()["results"]] == ["transfer_out", "adjustment", "issue", "receipt"]
    assert (
        owner.get("/api/inventory/ledger/?kind=adjustment").json()["results"][0]["reason"]
        == "Broken in storage"
    )
    assert owner.get("/api/inventory/ledger/?kind=bogus").json()["code"] == "validation_error"
    reorder = conforms(
        owner.get("/api/inventory/reorder-list/"), "GET", "/api/inventory/reorder-list/"
    ).json()
    assert (reorder["count"], reorder["results"]) == (0, [])  # 85 available, reorder point 50
    owner.patch_json(f"/api/inventory/items/{item['id']}/", {"reorder_point": "100"})
    reorder = owner.get("/api/inventory/reorder-list/").json()["results"]
    assert [(r["item"]["sku"], r["available"], r["shortfall"]) for r in reorder] == [
        ("6205", "85.0000", "15.0000")
    ]
    conforms(owner.get("/api/inventory/reservations/"), "GET", "/api/inventory/reservations/")

    # There is no way to change or delete a ledger entry.
    entry_id = ledger.json()["results"][0]["id"]
    for method in ("put", "patch", "delete"):
        assert getattr(owner, method)(f"/api/inventory/ledger/{entry_id}/").status_code == 404
    assert owner.delete("/api/inventory/ledger/").status_code == 405

    # Only stock.adjust may move stock.
    buyer = member(company, signed_in, "buyer")
    assert buyer.get("/api/inventory/stock-levels/").status_code == 200
    denied = buyer.post_json("/api/inventory/receipts/", {"item_id": item["id"], "quantity": "1"})
    assert (denied.status_code, denied.json()["code"]) == (403, "permission_denied")


@pytest.mark.parametrize(
    ("path", "body", "status", "code", "field"),
    [
        ("/api/inventory/receipts/", {"quantity": "0"}, 400, "validation_error", "quantity"),
        ("/api/inventory/receipts/", {"quantity": "-3"}, 400, "validation_error", "quantity"),
        ("/api/inventory/receipts/", {"quantity": "1.00001"}, 400, "validation_error", "quantity"),
        (
            "/api/inventory/receipts/",
            {"item_id": 999999, "quantity": "1"},
            400,
            "validation_error",
            "item_id",
        ),
        (
            "/api/inventory/receipts/",
            {"warehouse_id": 999999, "quantity": "1"},
            400,
            "validation_error",
            "warehouse_id",
        ),
        ("/api/inventory/issues/", {"quantity": "11"}, 409, "insufficient_stock", None),
        (
            "/api/inventory/adjustments/",
            {"quantity_delta": "-11", "reason": "loss"},
            409,
            "insufficient_stock",
            None,
        ),
        (
            "/api/inventory/adjustments/",
            {"quantity_delta": "0", "reason": "x"},
            400,
            "validation_error",
            "quantity_delta",
        ),
        ("/api/inventory/adjustments/", {"quantity_delta": "3"}, 400, "validation_error", "reason"),
        (
            "/api/inventory/transfers/",
            {"quantity": "11", "to_warehouse": "east"},
            409,
            "insufficient_stock",
            None,
        ),
        (
            "/api/inventory/transfers/",
            {"quantity": "1", "to_warehouse": "main"},
            400,
            "validation_error",
            "to_warehouse_id",
        ),
    ],
)
def test_bad_movements_are_refused_and_nothing_is_written(owner, company, path, body, status, code, field):
    item = owner.post_json(
        "/api/inventory/items/", {"sku": "6205", "name_en": "Bearing", "unit": "pcs"}
    ).json()
    main_id = owner.post_json("/api/inventory/receipts/", {"item_id": item["id"], "quantity": "10"}).json()[
        "warehouse"
    ]["id"]
    east_id = owner.post_json("/api/inventory/warehouses/", {"code": "EAST", "name": "East"}).json()["id"]
    payload = {"item_id": item["id"], **body}
    if "to_warehouse" in body:
        target = east_id if payload.pop("to_warehouse") == "east" else main_id
        payload.update(from_warehouse_id=main_id, to_warehouse_id=target)
    before = counts(company)
    response = owner.post_json(path, payload)
    assert (response.status_code, response.json()["code"]) == (status, code), response.content
    if field:
        assert field in response.json()["errors"]
    assert counts(company) == before


def test_stock_levels_search_and_ledger_date_range(owner, company):
    from datetime import UTC, datetime
    from decimal import Decimal
    from unittest import mock

    from tenants.inventory import services

    with company_context(company.company):
        bearing = services.item_create(
            actor=None, sku="6205", name_zh="深沟球轴承", name_en="Bearing", unit="pcs"
        )
        bolt = services.item_create(actor=None, sku="M8-40", name_zh="", name_en="Hex bolt", unit="pcs")
        warehouse = services.default_warehouse()
        for item, day in ((bearing, 1), (bolt, 5)):
            moment = datetime(2026, 3, day, 10, tzinfo=UTC)
            with mock.patch("django.utils.timezone.now", return_value=moment):
                services.stock_receive(item=item, warehouse=warehouse, quantity=Decimal(5), reference="GR")

    def skus(query: str) -> list[str]:
        response = conforms(
            owner.get(f"/api/inventory/stock-levels/?{query}"), "GET", "/api/inventory/stock-levels/"
        )
        return [row["item"]["sku"] for row in response.json()["results"]]

    assert skus("search=轴承") == ["6205"]
    assert skus("search=hex") == ["M8-40"]
    assert skus("search=") == ["6205", "M8-40"]

    def entries(query: str) -> list[str]:
        response = conforms(owner.get(f"/api/inventory/ledger/?{query}"), "GET", "/api/inventory/ledger/")
        assert response.status_code == 200, response.content
        return [row["item"]["sku"] for row in response.json()["results"]]

    assert entries("since=2026-03-02") == ["M8-40"]
    assert entries("until=2026-03-02") == ["6205"]
    assert entries("since=2026-03-01T10:00:00Z&until=2026-03-05T10:00:00Z") == ["6205"]
    assert entries("since=2026-02-01&until=2026-04-01") == ["M8-40", "6205"]
    bad = owner.get("/api/inventory/ledger/?since=yesterday")
    assert (bad.status_code, bad.json()["code"]) == (400, "validation_error")
    assert "since" in bad.json()["errors"]
