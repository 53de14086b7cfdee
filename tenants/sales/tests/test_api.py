"""The sales API: every state change attempted by every role, and each endpoint family once end to end."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from identity.roles import ROLES, permissions_for
from tenants.sales import services
from tenants.sales.models import (
    BackOrder,
    Customer,
    FollowUp,
    SalesOrder,
    SalesOrderAmendment,
    Shipment,
    ShortfallChoice,
    WorkOrder,
)
from tenants.sales.tests import factories as f


def post(client, path: str, body: Any = None):
    return client.post(
        path, data=json.dumps(body if body is not None else {}), content_type="application/json"
    )


def snapshot(supplier) -> Any:
    """Every state the actions below could change."""
    with supplier.ctx():
        return (
            list(SalesOrder.objects.order_by("pk").values_list("pk", "status", "notes")),
            list(SalesOrderAmendment.objects.order_by("pk").values_list("pk", "status")),
            list(WorkOrder.objects.order_by("pk").values_list("pk", "status")),
            list(BackOrder.objects.order_by("pk").values_list("pk", "allocated")),
            Shipment.objects.count(),
            list(Customer.objects.order_by("pk").values_list("pk", "name")),
            list(FollowUp.objects.order_by("pk").values_list("pk", "status")),
        )


def awaiting(supplier) -> SalesOrder:
    return f.incoming_order(supplier.company, supplier.buyer)


def accepted(supplier, stock: str = "10", **kwargs: Any) -> SalesOrder:
    if Decimal(stock):
        f.stock(supplier.company, "SKU-1", stock)
    order = awaiting(supplier)
    with supplier.ctx():
        services.order_accept(actor=supplier.actor, order_id=order.pk, **kwargs)
    return order


def with_buyer_change(supplier) -> tuple[SalesOrder, int]:
    order = accepted(supplier)
    document = f.send(
        supplier.buyer,
        supplier.company,
        "change_request",
        {
            "po_number": order.po_number,
            "change_id": str(uuid.uuid4()),
            "version": 1,
            "proposed_by": "buyer",
            "reason": "More",
            "lines": [{"line_no": 1, "quantity": "4", "unit_price": None, "requested_date": None}],
        },
        refers_to=order.source_document_id,
    )
    with supplier.ctx():
        return order, SalesOrderAmendment.objects.get(document_id=document.pk).pk


def work_order(supplier) -> int:
    accepted(supplier, stock="0")
    with supplier.ctx():
        return WorkOrder.objects.filter(status="open").latest("pk").pk


def back_order(supplier) -> int:
    accepted(supplier, stock="0", shortfalls={1: services.Shortfall(choice=ShortfallChoice.BACK_ORDER)})
    f.stock(supplier.company, "SKU-1", "10")
    with supplier.ctx():
        return BackOrder.objects.filter(status="open").latest("pk").pk


def customer_id(supplier) -> int:
    return f.customer(supplier.actor).pk


def follow_up(supplier) -> int:
    with supplier.ctx():
        return services.follow_up_create(
            actor=supplier.actor,
            customer_id=customer_id(supplier),
            title="Call",
            due_date=timezone.localdate(),
        ).pk


@dataclass(frozen=True)
class Action:
    permission: str
    method: str
    setup: Callable[[Any], tuple[str, Any]]  # supplier -> (path, body)
    ok: int = 200


def _order_path(
    make: Callable[[Any], SalesOrder], suffix: str, body: Any
) -> Callable[[Any], tuple[str, Any]]:
    return lambda s: (f"/api/sales-orders/{make(s).pk}/{suffix}", body)


def _amendment_path(action: str, body: Any) -> Callable[[Any], tuple[str, Any]]:
    def setup(s: Any) -> tuple[str, Any]:
        order, amendment_id = with_buyer_change(s)
        return f"/api/sales-orders/{order.pk}/amendments/{amendment_id}/{action}/", body

    return setup


ACTIONS: dict[str, Action] = {
    "create": Action(
        "so.manage",
        "post",
        lambda s: (
            "/api/sales-orders/",
            {
                "customer_id": customer_id(s),
                "currency": "CNY",
                "lines": [{"sku": "A-1", "quantity": "2", "unit": "pcs", "unit_price": "3.50"}],
            },
        ),
        ok=201,
    ),
    "update": Action(
        "so.manage",
        "patch",
        lambda s: (f"/api/sales-orders/{f.manual_order(s.actor).pk}/", {"notes": "Gate 2"}),
    ),
    "accept": Action("so.accept", "post", _order_path(awaiting, "accept/", {})),
    "reject": Action("so.accept", "post", _order_path(awaiting, "reject/", {"reason": "No capacity"})),
    "propose": Action(
        "so.accept", "post", _order_path(awaiting, "propose/", {"lines": [{"line_no": 1, "quantity": "5"}]})
    ),
    "cancel": Action("so.manage", "post", _order_path(accepted, "cancel/", {"reason": "Plant closed"})),
    "ship": Action(
        "so.ship",
        "post",
        _order_path(accepted, "shipments/", {"carrier": "SF", "lines": [{"line_no": 1, "quantity": "4"}]}),
        ok=201,
    ),
    "amend": Action(
        "so.accept",
        "post",
        _order_path(accepted, "amendments/", {"lines": [{"line_no": 1, "quantity": "6"}]}),
        ok=201,
    ),
    "amendment_accept": Action("so.accept", "post", _amendment_path("accept", None)),
    "amendment_reject": Action("so.accept", "post", _amendment_path("reject", {"reason": "Firm"})),
    "work_order_start": Action(
        "so.manage", "post", lambda s: (f"/api/work-orders/{work_order(s)}/start/", None)
    ),
    "work_order_complete": Action(
        "stock.adjust", "post", lambda s: (f"/api/work-orders/{work_order(s)}/complete/", None)
    ),
    "back_order_allocate": Action(
        "so.manage", "post", lambda s: (f"/api/back-orders/{back_order(s)}/allocate/", None)
    ),
    "customer_create": Action("so.manage", "post", lambda s: ("/api/customers/", {"name": "New Co"}), ok=201),
    "customer_update": Action(
        "so.manage", "patch", lambda s: (f"/api/customers/{customer_id(s)}/", {"name": "Renamed Co"})
    ),
    "follow_up_done": Action("so.manage", "post", lambda s: (f"/api/follow-ups/{follow_up(s)}/done/", None)),
}


@pytest.fixture
def members(supplier, signed_in) -> dict[str, Any]:
    from identity.models import User
    from identity.services import membership_create

    clients = {"owner": supplier.client}
    for role in ROLES:
        if role == "owner":
            continue
        user = User.objects.create_user(email=f"{role}-{uuid.uuid4().hex[:6]}@member.test", password=None)
        membership_create(user=user, company=supplier.company, roles=[role])
        clients[role] = signed_in(user, supplier.company)
    return clients


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_every_state_change_by_every_role(name, supplier, members):
    action = ACTIONS[name]
    allowed_roles = []
    for role in ROLES:
        path, body = action.setup(supplier)
        before = snapshot(supplier)
        client = members[role]
        if action.method == "post":
            response = post(client, path, body)
        else:
            response = client.patch(path, data=json.dumps(body), content_type="application/json")
        if action.permission in permissions_for([role]):
            allowed_roles.append(role)
            assert response.status_code == action.ok, (role, response.status_code, response.content[:300])
            assert snapshot(supplier) != before, (role, "nothing changed")
        else:
            assert response.status_code == 403, (role, response.status_code)
            assert response.json()["code"] == "permission_denied"
            assert snapshot(supplier) == before, (role, "a refused call changed something")
    assert "owner" in allowed_roles and "viewer" not in allowed_roles


def test_orders_end_to_end_through_the_api(supplier):
    client = supplier.client
    f.stock(supplier.company, "SKU-1", "6")
    order = f.incoming_order(
        supplier.company,
        supplier.buyer,
        [f.po_line(1, quantity="10"), f.po_line(2, sku="SKU-2", quantity="2")],
    )
    listed = client.get("/api/sales-orders/?status=awaiting_acceptance").json()
    assert listed["count"] == 1
    summary = listed["results"][0]
    assert (summary["number"], summary["total_net"], summary["total"], summary["line_count"]) == (
        order.number,
        "150.00",
        "169.50",
        2,
    )
    detail = client.get(f"/api/sales-orders/{order.pk}/").json()
    line = detail["lines"][0]
    assert detail["buyer_id"] == supplier.buyer.pk and detail["customer"]["buyer_id"] == supplier.buyer.pk
    assert (line["quantity"], line["unit_price"], line["tax_rate"]) == ("10.0000", "12.5000", "13.00")
    assert (line["net_amount"], line["tax_amount"], detail["total"]) == ("125.00", "16.25", "169.50")
    assert client.get("/api/sales-orders/?status=bogus").json()["code"] == "validation_error"
    check = client.get(f"/api/sales-orders/{order.pk}/stock-check/").json()
    assert check["order_id"] == order.pk
    assert [(r["line_no"], r["available"], r["shortfall"]) for r in check["lines"]] == [
        (1, "6.0000", "4.0000"),
        (2, "0.0000", "2.0000"),
    ]
    bad = post(
        client, f"/api/sales-orders/{order.pk}/accept/", {"lines": [{"line_no": 2, "shortfall": "later"}]}
    )
    assert bad.status_code == 400 and "lines.0.shortfall" in bad.json()["errors"]
    response = post(
        client,
        f"/api/sales-orders/{order.pk}/accept/",
        {"lines": [{"line_no": 2, "shortfall": "back_order"}]},
    )
    assert response.status_code == 200, response.content
    detail = response.json()
    assert detail["status"] == "accepted"
    assert detail["actions"] == ["cancel", "ship", "amend"]
    assert [(x["reserved"], x["in_production"], x["back_ordered"]) for x in detail["lines"]] == [
        ("6.0000", "4.0000", "0.0000"),
        ("0.0000", "0.0000", "2.0000"),
    ]
    again = post(client, f"/api/sales-orders/{order.pk}/accept/")
    assert (again.status_code, again.json()["code"]) == (409, "order_not_awaiting_acceptance")

    too_much = post(
        client,
        f"/api/sales-orders/{order.pk}/shipments/",
        {"carrier": "SF", "lines": [{"line_no": 1, "quantity": "11"}]},
    )
    assert (too_much.status_code, too_much.json()["code"]) == (409, "shipment_exceeds_order")
    zero = post(
        client,
        f"/api/sales-orders/{order.pk}/shipments/",
        {"carrier": "SF", "lines": [{"line_no": 1, "quantity": "0"}]},
    )
    assert (zero.status_code, zero.json()["code"]) == (400, "validation_error")
    unreserved = post(
        client,
        f"/api/sales-orders/{order.pk}/shipments/",
        {"carrier": "SF", "lines": [{"line_no": 2, "quantity": "1"}]},
    )
    assert (unreserved.status_code, unreserved.json()["code"]) == (409, "stock_not_reserved")
    body = {
        "carrier": "SF Express",
        "tracking_number": "SF9",
        "packages": 3,
        "lines": [{"line_no": 1, "quantity": "6"}],
    }
    shipped = client.post(
        f"/api/sales-orders/{order.pk}/shipments/",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="ship-1",
    )
    assert shipped.status_code == 201, shipped.content
    replay = client.post(
        f"/api/sales-orders/{order.pk}/shipments/",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="ship-1",
    )
    assert replay.status_code == 201 and replay.json()["id"] == shipped.json()["id"]
    with supplier.ctx():
        assert Shipment.objects.count() == 1
    assert shipped.json()["lines"] == [{"line_no": 1, "sku": "SKU-1", "unit": "pcs", "quantity": "6.0000"}]
    assert [
        s["number"] for s in client.get(f"/api/sales-orders/{order.pk}/shipments/").json()["results"]
    ] == [shipped.json()["number"]]
    assert client.get("/api/shipments/").json()["count"] == 1
    timeline = client.get(f"/api/sales-orders/{order.pk}/timeline/").json()["results"]
    assert [e["kind"] for e in timeline] == ["ordered", "acknowledged", "shipped"]
    assert timeline[2]["details"]["tracking_number"] == "SF9"
    assert timeline[2]["details"]["lines"] == [{"line_no": 1, "quantity": "6.0000"}]

    work_orders = client.get("/api/work-orders/?status=open").json()["results"]
    assert [(w["order_number"], w["line_no"], w["quantity"]) for w in work_orders] == [
        (order.number, 1, "4.0000")
    ]
    back_orders = client.get("/api/back-orders/").json()["results"]
    assert [(b["line_no"], b["remaining"]) for b in back_orders] == [(2, "2.0000")]
    nothing = post(client, f"/api/back-orders/{back_orders[0]['id']}/allocate/")
    assert (nothing.status_code, nothing.json()["code"]) == (409, "insufficient_stock")


def test_proposals_amendments_and_a_closed_order_through_the_api(supplier):
    client = supplier.client
    order = f.incoming_order(supplier.company, supplier.buyer, [f.po_line(1, quantity="10")])
    decimals = post(
        client, f"/api/sales-orders/{order.pk}/propose/", {"lines": [{"line_no": 1, "unit_price": "12.345"}]}
    )
    assert decimals.status_code == 400 and decimals.json()["errors"] == {
        "lines.0.unit_price": ["CNY allows 2 decimal place(s)."]
    }
    negative = post(
        client, f"/api/sales-orders/{order.pk}/propose/", {"lines": [{"line_no": 1, "quantity": "-1"}]}
    )
    assert negative.status_code == 400
    proposed = post(
        client,
        f"/api/sales-orders/{order.pk}/propose/",
        {
            "reason": "Price up",
            "lines": [{"line_no": 1, "unit_price": "13.10", "promised_date": "2026-12-20"}],
        },
    )
    assert proposed.status_code == 200 and proposed.json()["status"] == "changes_proposed"
    history = client.get(f"/api/sales-orders/{order.pk}/amendments/").json()["results"]
    assert [(a["version"], a["kind"], a["status"], a["lines"][0]["unit_price"]) for a in history] == [
        (1, "proposal", "pending", "13.1000")
    ]
    assert history[0]["lines"][0]["promised_date"] == "2026-12-20"
    cancelled = post(client, f"/api/sales-orders/{order.pk}/cancel/", {"reason": "Customer went quiet"})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    closed = post(
        client, f"/api/sales-orders/{order.pk}/amendments/", {"lines": [{"line_no": 1, "quantity": "3"}]}
    )
    assert (closed.status_code, closed.json()["code"]) == (409, "order_closed")
    amendments = client.get(f"/api/sales-orders/{order.pk}/amendments/").json()
    assert amendments["count"] == 1 and amendments["results"][0]["status"] == "superseded"
    timeline = client.get(f"/api/sales-orders/{order.pk}/timeline/").json()["results"]
    assert [e["kind"] for e in timeline] == ["ordered", "change_proposed", "change_rejected", "closed"]


def test_manual_orders_and_customers_through_the_api(supplier):
    client = supplier.client
    created = post(
        client, "/api/customers/", {"name": "Chengdu Pumps", "currency": "CNY", "payment_terms": "60 days"}
    )
    assert created.status_code == 201
    customer = created.json()
    contact = post(
        client, f"/api/customers/{customer['id']}/contacts/", {"name": "Ms Tang", "email": "t@pumps.test"}
    )
    assert contact.status_code == 201
    contact_id = contact.json()["id"]
    assert client.patch(
        f"/api/customers/{customer['id']}/contacts/{contact_id}/",
        data=json.dumps({"is_primary": True}),
        content_type="application/json",
    ).json()["is_primary"]
    yen = post(
        client,
        "/api/sales-orders/",
        {
            "customer_id": customer["id"],
            "currency": "JPY",
            "lines": [{"sku": "P-1", "quantity": "1", "unit": "pcs", "unit_price": "100.5"}],
        },
    )
    assert yen.status_code == 400 and "lines.0.unit_price" in yen.json()["errors"]
    unknown = post(
        client,
        "/api/sales-orders/",
        {
            "customer_id": 999999,
            "currency": "CNY",
            "lines": [{"sku": "P-1", "quantity": "1", "unit": "pcs", "unit_price": "1"}],
        },
    )
    assert unknown.status_code == 400 and "customer_id" in unknown.json()["errors"]
    made = post(
        client,
        "/api/sales-orders/",
        {
            "customer_id": customer["id"],
            "currency": "CNY",
            "customer_reference": "Fax 17",
            "lines": [
                {
                    "sku": "P-1",
                    "description": "Pump seal",
                    "quantity": "4",
                    "unit": "pcs",
                    "unit_price": "25.00",
                }
            ],
        },
    )
    assert made.status_code == 201, made.content
    order = made.json()
    assert (order["source"], order["status"], order["payment_terms"], order["actions"]) == (
        "manual",
        "awaiting_acceptance",
        "60 days",
        ["accept", "reject", "edit", "cancel"],
    )
    propose = post(
        client, f"/api/sales-orders/{order['id']}/propose/", {"lines": [{"line_no": 1, "quantity": "2"}]}
    )
    assert (propose.status_code, propose.json()["code"]) == (409, "order_not_from_hansa")
    edited = client.patch(
        f"/api/sales-orders/{order['id']}/",
        data=json.dumps({"notes": "Rush"}),
        content_type="application/json",
    )
    assert edited.status_code == 200 and edited.json()["notes"] == "Rush"
    assert (
        post(client, f"/api/sales-orders/{order['id']}/reject/", {"reason": "No stock"}).json()["status"]
        == "rejected"
    )

    due = post(
        client,
        "/api/follow-ups/",
        {
            "customer_id": customer["id"],
            "title": "Ask about Q3 volumes",
            "due_date": timezone.localdate().isoformat(),
        },
    )
    assert due.status_code == 201 and due.json()["assignee"]["id"] == supplier.owner.pk
    listed = client.get("/api/follow-ups/?due=true").json()
    assert [x["title"] for x in listed["results"]] == ["Ask about Q3 volumes"]
    changed = client.patch(
        f"/api/follow-ups/{due.json()['id']}/",
        data=json.dumps({"note": "Call Ms Tang"}),
        content_type="application/json",
    )
    assert changed.json()["note"] == "Call Ms Tang"
    assert post(client, f"/api/follow-ups/{due.json()['id']}/done/").json()["status"] == "done"
    again = post(client, f"/api/follow-ups/{due.json()['id']}/done/")
    assert (again.status_code, again.json()["code"]) == (409, "follow_up_done")
    assert client.get("/api/follow-ups/?due=true").json()["count"] == 0

    listed = client.get("/api/customers/?search=chengdu").json()["results"]
    assert [(c["name"], c["order_count"]) for c in listed] == [("Chengdu Pumps", 0)]
    detail = client.get(f"/api/customers/{customer['id']}/").json()
    assert [c["name"] for c in detail["contacts"]] == ["Ms Tang"]
    history = client.get(f"/api/customers/{customer['id']}/history/").json()
    assert history["order_count"] == 0 and history["totals"] == []
    assert client.delete(f"/api/customers/{customer['id']}/contacts/{contact_id}/").status_code == 204
    assert client.get(f"/api/customers/{customer['id']}/").json()["contacts"] == []


def test_the_list_reads_a_fixed_number_of_queries(supplier, django_assert_max_num_queries):
    for _ in range(3):
        f.incoming_order(supplier.company, supplier.buyer, [f.po_line(n) for n in range(1, 6)])
    with django_assert_max_num_queries(12):
        response = supplier.client.get("/api/sales-orders/")
    assert response.json()["count"] == 3


def test_lists_narrow_by_source_and_by_order(supplier):
    client = supplier.client
    incoming = accepted(
        supplier, stock="0", shortfalls={1: services.Shortfall(choice=ShortfallChoice.WORK_ORDER)}
    )
    other = accepted(
        supplier, stock="0", shortfalls={1: services.Shortfall(choice=ShortfallChoice.BACK_ORDER)}
    )
    customer = post(client, "/api/customers/", {"name": "Chengdu Pumps"}).json()
    manual = post(
        client,
        "/api/sales-orders/",
        {
            "customer_id": customer["id"],
            "currency": "CNY",
            "lines": [{"sku": "P-1", "quantity": "1", "unit": "pcs", "unit_price": "1"}],
        },
    ).json()

    by_source = client.get("/api/sales-orders/?source=manual").json()["results"]
    assert [o["id"] for o in by_source] == [manual["id"]]
    hansa = client.get("/api/sales-orders/?source=hansa").json()["results"]
    assert sorted(o["id"] for o in hansa) == sorted([incoming.pk, other.pk])
    assert client.get("/api/sales-orders/?source=fax").json()["code"] == "validation_error"

    work = client.get(f"/api/work-orders/?order_id={incoming.pk}").json()["results"]
    assert [w["order_id"] for w in work] == [incoming.pk]
    assert client.get(f"/api/work-orders/?order_id={other.pk}").json()["count"] == 0
    back = client.get(f"/api/back-orders/?order_id={other.pk}").json()["results"]
    assert [b["order_id"] for b in back] == [other.pk]
    assert client.get(f"/api/back-orders/?order_id={incoming.pk}").json()["count"] == 0
    assert client.get("/api/back-orders/?order_id=x").json()["code"] == "validation_error"
