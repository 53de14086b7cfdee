"""The procurement API over HTTP, every response checked against the OpenAPI document: from an RFQ award
to a closed order, the approval set-up (rules, departments, delegations), and the order's timeline."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
import requests
import schemathesis
from django.utils import timezone
from schemathesis.core.transport import Response

from hansa.openapi import document
from marketplace.rfq.tests import factories as rfq_f
from tenants.procurement.models import PurchaseOrder
from tenants.procurement.services import StepInput
from tenants.procurement.tests import factories as f

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


def awarded_rfq(buyer: Any, supplier: Any) -> Any:
    """A closed RFQ of the buyer with two lines, quoted by the supplier (with a discount and freight)."""
    cat = rfq_f.category("Ball bearings")
    rfq_f.supplier_profile(supplier.company, categories=[cat])
    rfq = rfq_f.rfq_open(
        buyer.actor,
        lines=[
            rfq_f.line(cat, quantity="100"),
            rfq_f.line(cat, quantity="50", description="Tapered roller 30205"),
        ],
        title="Bearings Q3",
    )
    rfq_f.quote(
        supplier.actor,
        rfq,
        unit_price="10.0050",
        discount_percent=Decimal("10"),
        tax_rate=Decimal("13"),
        freight_amount=Decimal("20"),
    )
    return rfq_f.force_close(rfq)


def test_an_award_drafts_a_purchase_order_at_the_quoted_prices(buyer, supplier):
    rfq = awarded_rfq(buyer, supplier)
    quote_id = rfq.quotes.get().pk
    response = conforms(
        buyer.client.post_json(f"/api/rfqs/{rfq.pk}/awards/", {"quote_id": quote_id, "reason": "Best price"}),
        "POST",
        "/api/rfqs/{rfq_id}/awards/",
    )
    assert response.status_code == 201
    with buyer.ctx():
        (order,) = PurchaseOrder.objects.all()
        lines = list(order.lines.order_by("line_no"))
    # The award's answer names the draft order it made; the order list finds it by its RFQ.
    answer = response.json()
    assert answer["rfq_id"] == rfq.pk and len(answer["awards"]) == 2
    assert answer["purchase_orders"] == [
        {"id": order.pk, "number": order.number, "supplier_id": supplier.company.pk}
    ]
    by_rfq = conforms(
        buyer.client.get(f"/api/purchase-orders/?rfq_id={rfq.pk}"), "GET", "/api/purchase-orders/"
    ).json()
    assert [o["id"] for o in by_rfq["results"]] == [order.pk] and by_rfq["results"][0]["supplier_id"] == (
        supplier.company.pk
    )
    assert buyer.client.get(f"/api/purchase-orders/?rfq_id={rfq.pk + 1}").json()["count"] == 0
    assert buyer.client.get("/api/purchase-orders/?rfq_id=x").json()["code"] == "validation_error"
    assert (order.status, order.supplier_company_id, order.rfq_id, order.currency) == (
        "draft",
        supplier.company.pk,
        rfq.pk,
        "CNY",
    )
    # 10.005 less 10 % = 9.0045 -> 9.00 (CNY has 2 decimals); freight lines of their own.
    assert [(ln.description, ln.quantity, ln.unit_price, ln.tax_rate) for ln in lines] == [
        ("Deep groove ball bearing 6205", Decimal(100), Decimal("9.00"), Decimal(13)),
        ("Freight for RFQ line 1", Decimal(1), Decimal("20.00"), Decimal(13)),
        ("Tapered roller 30205", Decimal(50), Decimal("9.00"), Decimal(13)),
        ("Freight for RFQ line 2", Decimal(1), Decimal("20.00"), Decimal(13)),
    ]
    assert lines[0].source["quoted_unit_price"] == "10.0050" and lines[0].rfq_award_id is not None
    # Asking again makes nothing twice.
    again = conforms(
        buyer.client.post_json("/api/purchase-orders/from-award/", {"rfq_id": rfq.pk}),
        "POST",
        "/api/purchase-orders/from-award/",
    )
    # Nothing left to order is a conflict with a code, not "201 []".
    assert (again.status_code, again.json()["code"]) == (409, "award_already_ordered")
    other = buyer.client.post_json("/api/purchase-orders/from-award/", {"rfq_id": 10**9})
    assert (other.status_code, other.json()["code"]) == (404, "not_found")


def test_from_award_answers_the_orders_it_made_or_a_code_for_why_it_made_none(buyer, supplier):
    from marketplace.rfq.models import Award, AwardScope

    rfq = awarded_rfq(buyer, supplier)  # closed with a quote, nothing awarded yet
    path = "/api/purchase-orders/from-award/"
    nothing = conforms(buyer.client.post_json(path, {"rfq_id": rfq.pk}), "POST", path)
    assert (nothing.status_code, nothing.json()["code"]) == (409, "nothing_awarded")
    # Awards made before procurement existed (no hook ran): the call drafts their order.
    quote = rfq.quotes.get()
    Award.objects.bulk_create(
        Award(
            rfq=rfq, line=line, quote=quote, supplier=supplier.company, scope=AwardScope.WHOLE, reason="Old"
        )
        for line in rfq.lines.all()
    )
    made = conforms(buyer.client.post_json(path, {"rfq_id": rfq.pk}), "POST", path)
    assert made.status_code == 201, made.content
    with buyer.ctx():
        (order,) = PurchaseOrder.objects.filter(rfq_id=rfq.pk)
    body = made.json()
    assert body["rfq_id"] == rfq.pk and [o["id"] for o in body["orders"]] == [order.pk]
    assert body["orders"][0]["supplier_id"] == supplier.company.pk
    again = buyer.client.post_json(path, {"rfq_id": rfq.pk})
    assert (again.status_code, again.json()["code"]) == (409, "award_already_ordered")
    with buyer.ctx():
        assert PurchaseOrder.objects.filter(rfq_id=rfq.pk).count() == 1


def test_an_award_by_service_outside_the_buyers_schema_still_drafts_in_it(buyer, supplier):
    from marketplace.rfq import services as rfq_services

    rfq = awarded_rfq(buyer, supplier)
    rfq_services.rfq_award(
        actor=buyer.actor, rfq_id=rfq.pk, quote_id=rfq.quotes.get().pk, reason="Only quote"
    )
    with buyer.ctx():
        assert PurchaseOrder.objects.filter(rfq_id=rfq.pk).count() == 1
    with supplier.ctx():
        assert not PurchaseOrder.objects.exists()


def test_the_journey_over_http(buyer, supplier):
    owner = buyer.client
    requester = buyer.member("buyer")
    approver = buyer.member("approver")
    warehouse = buyer.member("warehouse")

    # Set-up: a department and a two-level rule for it.
    dept = conforms(
        owner.post_json("/api/departments/", {"code": "MRO", "name": "Maintenance"}),
        "POST",
        "/api/departments/",
    )
    assert dept.status_code == 201
    dept_id = dept.json()["id"]
    put = owner.put(
        f"/api/departments/members/{requester.user.pk}/",
        {"department_id": dept_id},
        content_type="application/json",
    )
    assert conforms(put, "PUT", "/api/departments/members/{user_id}/").status_code == 204
    rule_body = {
        "name": "Maintenance purchases",
        "priority": 5,
        "department_id": dept_id,
        "min_amount": "0",
        "reminder_after_hours": 8,
        "steps": [{"mode": "any", "roles": ["approver"]}, {"mode": "all", "roles": ["owner"]}],
    }
    rule = conforms(owner.post_json("/api/approval-rules/", rule_body), "POST", "/api/approval-rules/")
    assert rule.status_code == 201 and [s["position"] for s in rule.json()["steps"]] == [1, 2]
    bad_rule = owner.post_json(
        "/api/approval-rules/", {**rule_body, "priority": 6, "steps": [{"roles": ["buyer"]}]}
    )
    assert (bad_rule.status_code, list(bad_rule.json()["errors"])) == (400, ["steps.0.roles"])
    rid = rule.json()["id"]
    conforms(owner.get(f"/api/approval-rules/{rid}/"), "GET", "/api/approval-rules/{rule_id}/")
    updated = owner.put(
        f"/api/approval-rules/{rid}/", {**rule_body, "name": "MRO purchases"}, content_type="application/json"
    )
    assert conforms(updated, "PUT", "/api/approval-rules/{rule_id}/").json()["name"] == "MRO purchases"
    rules = conforms(owner.get("/api/approval-rules/"), "GET", "/api/approval-rules/").json()
    assert (rules["count"], [r["id"] for r in rules["results"]], rules["next"]) == (1, [rid], None)
    assert rules["results"][0]["min_amount"] == "0.00"  # money in the company's currency (CNY)
    assert owner.get("/api/approval-rules/?page_size=0").json()["code"] == "validation_error"
    assert requester.client.get("/api/approval-rules/").status_code == 403
    conforms(owner.get("/api/departments/"), "GET", "/api/departments/")
    in_use = owner.delete(f"/api/departments/{dept_id}/")
    assert (in_use.status_code, in_use.json()["code"]) == (409, "rule_in_use")

    # Delegation while the approver is away.
    today = timezone.localdate()
    delegation = approver.client.post_json(
        "/api/approval-delegations/",
        {
            "delegate_id": buyer.owner.pk,
            "starts_on": str(today + timedelta(days=30)),
            "ends_on": str(today + timedelta(days=40)),
        },
    )
    assert conforms(delegation, "POST", "/api/approval-delegations/").status_code == 201
    listed = conforms(approver.client.get("/api/approval-delegations/"), "GET", "/api/approval-delegations/")
    assert [d["id"] for d in listed.json()["results"]] == [delegation.json()["id"]]
    revoked = approver.client.post(f"/api/approval-delegations/{delegation.json()['id']}/revoke/")
    assert conforms(revoked, "POST", "/api/approval-delegations/{delegation_id}/revoke/").json()["revoked_at"]

    # The order: bad input first, then a good one.
    body = {
        "supplier_id": supplier.company.pk,
        "currency": "CNY",
        "requested_date": str(today + timedelta(days=20)),
        "lines": [
            {
                "sku": "BRG-6205",
                "description": "Bearing 6205",
                "quantity": "100",
                "unit": "pcs",
                "unit_price": "8.40",
                "tax_rate": "13",
            },
            {
                "sku": "BRG-30205",
                "description": "Tapered 30205",
                "quantity": "40",
                "unit": "pcs",
                "unit_price": "21.00",
            },
        ],
    }
    for bad, field in (
        ({"quantity": "0"}, "lines.0.quantity"),
        ({"quantity": "-3"}, "lines.0.quantity"),
        ({"unit_price": "8.401"}, "lines.0.unit_price"),
    ):
        response = requester.client.post_json(
            "/api/purchase-orders/", {**body, "lines": [{**body["lines"][0], **bad}]}
        )
        assert response.status_code == 400 and field in response.json()["errors"], (bad, response.json())
    assert (
        requester.client.post_json(
            "/api/purchase-orders/", {**body, "lines": [{**body["lines"][0], "unit_price": "8.401"}]}
        ).json()["code"]
        == "price_precision"
    )
    created = conforms(
        requester.client.post_json("/api/purchase-orders/", body), "POST", "/api/purchase-orders/"
    )
    assert created.status_code == 201
    po = created.json()
    assert (po["status"], po["total"]) == ("draft", "1789.20")  # 840 + 109.20 + 840: CNY minor units
    # Every decimal at the scale of its kind (docs/api-conventions.md); open quantity a string, not 100.0.
    first = po["lines"][0]
    assert (first["quantity"], first["unit_price"], first["tax_rate"]) == ("100.0000", "8.4000", "13.00")
    assert (first["net_amount"], first["tax_amount"], first["open_quantity"]) == (
        "840.00",
        "109.20",
        "100.0000",
    )
    assert (po["total_net"], po["total_tax"], po["exchange_rate"]) == ("1680.00", "109.20", "1.00000000")
    assert po["supplier_id"] == supplier.company.pk and "supplier_company_id" not in po
    oid = po["id"]
    patched = requester.client.patch_json(f"/api/purchase-orders/{oid}/", {"notes": "Dock 4"})
    assert conforms(patched, "PATCH", "/api/purchase-orders/{order_id}/").json()["notes"] == "Dock 4"

    submitted = conforms(
        requester.client.post(f"/api/purchase-orders/{oid}/submit/"),
        "POST",
        "/api/purchase-orders/{order_id}/submit/",
    )
    assert submitted.json()["approval_rule_name"] == "MRO purchases"
    inbox = conforms(approver.client.get("/api/approvals/inbox/"), "GET", "/api/approvals/inbox/").json()
    assert inbox["count"] == 1 and [e["order"]["id"] for e in inbox["results"]] == [oid]
    approved = approver.client.post_json(
        f"/api/purchase-orders/{oid}/approve/", {"note": "Needed for line 3"}
    )
    conforms(approved, "POST", "/api/purchase-orders/{order_id}/approve/")
    final = owner.post_json(f"/api/purchase-orders/{oid}/approve/", {})
    assert final.json()["status"] == "approved"
    sent = conforms(
        requester.client.post(f"/api/purchase-orders/{oid}/send/"),
        "POST",
        "/api/purchase-orders/{order_id}/send/",
    )
    assert sent.json()["status"] == "sent" and sent.json()["exchange_document_id"]
    f.deliver()

    # The supplier accepts and ships part of line 1.
    with buyer.ctx():
        order = PurchaseOrder.objects.get(pk=oid)
        payload = f.order_response(order)
    f.supplier_sends(
        supplier=supplier.company,
        buyer=buyer.company,
        kind="order_response",
        payload=payload,
        refers_to=order.exchange_document_id,
    )
    f.supplier_sends(
        supplier=supplier.company,
        buyer=buyer.company,
        kind="dispatch_advice",
        payload={
            "po_number": order.number,
            "so_number": "SO-1",
            "shipment_id": 7,
            "shipment_number": "SH-7",
            "carrier": "ZTO",
            "tracking_number": "ZTO-778899",
            "shipped_at": timezone.now().isoformat(),
            "packages": 3,
            "lines": [{"line_no": 1, "quantity": "60"}],
        },
        refers_to=order.exchange_document_id,
    )
    f.deliver()
    detail = conforms(
        owner.get(f"/api/purchase-orders/{oid}/"), "GET", "/api/purchase-orders/{order_id}/"
    ).json()
    assert detail["status"] == "acknowledged" and detail["shipments"][0]["tracking_number"] == "ZTO-778899"

    over = warehouse.client.post_json(
        f"/api/purchase-orders/{oid}/receive/", {"lines": [{"line_no": 1, "accepted_quantity": "101"}]}
    )
    assert (over.status_code, over.json()["code"]) == (409, "over_receipt")
    receipt = warehouse.client.post_json(
        f"/api/purchase-orders/{oid}/receive/",
        {
            "shipment_id": detail["shipments"][0]["id"],
            "lines": [
                {
                    "line_no": 1,
                    "accepted_quantity": "58",
                    "rejected_quantity": "2",
                    "rejection_reason": "Rusty",
                }
            ],
        },
    )
    assert conforms(receipt, "POST", "/api/purchase-orders/{order_id}/receive/").status_code == 201
    conforms(
        owner.get(f"/api/purchase-orders/{oid}/receipts/"), "GET", "/api/purchase-orders/{order_id}/receipts/"
    )
    change = requester.client.post_json(
        f"/api/purchase-orders/{oid}/changes/",
        {"reason": "Need fewer", "lines": [{"line_no": 2, "quantity": "30"}]},
    )
    assert conforms(change, "POST", "/api/purchase-orders/{order_id}/changes/").status_code == 201
    conforms(
        owner.get(f"/api/purchase-orders/{oid}/changes/"), "GET", "/api/purchase-orders/{order_id}/changes/"
    )
    pdf = owner.get(f"/api/purchase-orders/{oid}/pdf/", HTTP_ACCEPT="application/pdf")
    assert (
        pdf.status_code == 200
        and pdf["Content-Type"] == "application/pdf"
        and pdf.content.startswith(b"%PDF")
    )
    closed = owner.post_json(f"/api/purchase-orders/{oid}/close/", {})
    assert (closed.status_code, list(closed.json()["errors"])) == (400, ["reason"])  # short close needs one
    closed = owner.post_json(f"/api/purchase-orders/{oid}/close/", {"reason": "Rest from stock"})
    assert conforms(closed, "POST", "/api/purchase-orders/{order_id}/close/").json()["status"] == "closed"

    timeline = conforms(
        owner.get(f"/api/purchase-orders/{oid}/timeline/"), "GET", "/api/purchase-orders/{order_id}/timeline/"
    )
    events = timeline.json()["results"]
    assert [e["kind"] for e in events] == [
        "created",
        "submitted",
        "approval_step_approved",
        "approval_step_approved",
        "approved",
        "sent",
        "acknowledged",
        "shipped",
        "received",
        "change_requested",
        "closed",
    ]
    shipped = next(e for e in events if e["kind"] == "shipped")
    assert (shipped["details"]["carrier"], shipped["details"]["tracking_number"]) == ("ZTO", "ZTO-778899")
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    listed = conforms(owner.get("/api/purchase-orders/?status=closed"), "GET", "/api/purchase-orders/")
    assert [o["id"] for o in listed.json()["results"]] == [oid]
    assert owner.get("/api/purchase-orders/?status=nonsense").status_code == 400


def test_an_api_key_acts_for_its_creator_who_may_not_approve_what_it_submitted(buyer):
    """Separation of duties by principal: the owner's key creates and submits an order; the owner
    (the member behind the key) may not approve it through their session; another approver does."""
    from conftest import HostClient
    from identity.roles import permissions_for
    from identity.services import api_key_create

    key = api_key_create(actor=buyer.actor, name="ERP", permissions=sorted(permissions_for(["owner"])))
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key.secret}"}
    erp = HostClient(buyer.client.host)
    first = buyer.member("approver")
    second = buyer.member("approver", name="colleague")
    with buyer.ctx():
        f.two_level_rule(
            buyer.actor,
            level_1=StepInput(roles=("owner", "approver")),
            level_2=StepInput(roles=("owner", "approver")),
        )
    created = erp.post_json(
        "/api/purchase-orders/",
        {
            "supplier_name": "Outside Supplier Ltd",
            "supplier_email": "orders@outside.example",
            "currency": "CNY",
            "lines": [
                {"sku": "B-1", "description": "Bearing", "quantity": "10", "unit": "pcs", "unit_price": "9"}
            ],
        },
        **bearer,
    )
    assert created.status_code == 201, created.content
    order_id = created.json()["id"]
    submitted = conforms(
        erp.post(f"/api/purchase-orders/{order_id}/submit/", **bearer),
        "POST",
        "/api/purchase-orders/{order_id}/submit/",
    )
    assert submitted.status_code == 200 and submitted.json()["status"] == "pending_approval"
    body = submitted.json()
    assert (body["created_by_id"], body["created_by_api_key_id"]) == (buyer.owner.pk, key.key.pk)
    assert (body["submitted_by_id"], body["submitted_by_api_key_id"]) == (buyer.owner.pk, key.key.pk)

    # The key's creator, through their own session: refused, and nothing recorded.
    refused = conforms(
        buyer.client.post_json(f"/api/purchase-orders/{order_id}/approve/", {"note": "mine"}),
        "POST",
        "/api/purchase-orders/{order_id}/approve/",
    )
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    assert refused.json()["code"] == "own_order"
    # Nor does the owner's inbox offer it.
    with buyer.ctx():
        from tenants.procurement.services.approvals import approval_inbox

        assert [e.order.pk for e in approval_inbox(actor=buyer.actor)] == []
    # The key itself never approves.
    by_key = erp.post_json(f"/api/purchase-orders/{order_id}/approve/", {}, **bearer)
    assert by_key.status_code == 403
    with buyer.ctx():
        from tenants.procurement.models import ApprovalDecision

        assert not ApprovalDecision.objects.filter(step__order_id=order_id).exists()

    # Two other approvers decide both levels.
    assert first.client.post_json(f"/api/purchase-orders/{order_id}/approve/", {}).status_code == 200
    done = second.client.post_json(f"/api/purchase-orders/{order_id}/approve/", {})
    assert done.status_code == 200 and done.json()["status"] == "approved"
