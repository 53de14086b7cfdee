"""Isolation probes of procurement (tenants.procurement): every operation, with each side's own objects.

``seed(side)`` gives a side, in its own schema (and without touching its members, which the world's own
fingerprint covers): an approval rule (orders in a probe category need the owner), two departments (one
named by nobody), the owner's delegation to the side's member, and purchase
orders to suppliers named with the side's marker in every state a probe needs: a draft, one pending
approval (requested by the side's member, acting here with the owner's permissions: an order requested
through the side's API key is the owner's, who created the key, so the owner could not approve it), an
approved one, one sent
by e-mail, a received one, one partly received with 2 units rejected, and one sent to a helper company on Hansa
whose proposal (an order response ``propose``) waits for the buyer. Seeding is idempotent and lazy.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tests.isolation.world import Probe, Side


def seed(side: Side) -> dict[str, Any]:
    if "procurement" in side.extra:
        return side.extra["procurement"]
    from identity.access import Actor
    from kernel.tenancy import company_context
    from marketplace.exchange.services import document_ingest, document_send
    from marketplace.rfq.tests import factories as rfq_f
    from marketplace.rfq.tests.factories import bare_company
    from tenants.procurement import services
    from tenants.procurement.models import OrderChange
    from tenants.procurement.services import StepInput
    from tenants.procurement.tests import factories as f
    from tests.isolation import probes_rfq

    m = side.marker
    side.extra["procurement"] = {}
    rfq = probes_rfq.seed(side)
    owner = f.actor_for(side.company, side.owner)
    requester = Actor(
        company=side.company, permissions=owner.permissions, user=side.member.user, membership=side.member
    )
    helper = bare_company(f"{m} PO Helper")
    name = f"{m} Supplier"
    probe_category = rfq_f.category("PO probe category")
    with company_context(side.company):
        rule = services.approval_rule_create(
            actor=owner,
            name=f"{m} rule",
            priority=1,
            category_code=probe_category.code,
            steps=[StepInput(roles=("owner",))],
        )
        usd = services.exchange_rate_set(actor=owner, currency="USD", rate=Decimal("7.1"))
        dept = services.department_create(actor=owner, code=f"{m}-D1", name=f"{m} Maintenance")
        spare = services.department_create(actor=owner, code=f"{m}-D2", name=f"{m} Spare")
        delegation = services.delegation_create(
            actor=owner,
            delegate_id=side.member.user_id,
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=5),
            reason=f"{m} holiday",
        )
        draft = f.draft(owner, name=name)
        pending = f.draft(requester, name=name, category_code=probe_category.code)
        services.po_submit(actor=requester, order_id=pending.pk)
        approved = f.approved(owner, name=name)
        sent = f.sent(owner, name=name)
        received = f.sent(owner, name=name)
        f.receive_all(owner, received)
        rejected = f.sent(owner, name=name)
        services.po_receive(
            actor=owner,
            order_id=rejected.pk,
            lines=[
                services.ReceiptLineInput(
                    line_no=1,
                    accepted_quantity=Decimal(8),
                    rejected_quantity=Decimal(2),
                    rejection_reason=f"{m} dented",
                )
            ],
        )
        proposed = f.sent(owner, supplier=helper)
        payload = f.order_response(
            proposed,
            "propose",
            lines=[{"line_no": 1, "quantity": "5", "unit_price": "12.00", "promised_date": None}],
        )
    response = document_send(
        sender=helper,
        receiver=side.company,
        kind="order_response",
        payload=payload,
        refers_to=proposed.exchange_document_id,
    )
    assert document_ingest(document_id=response.pk) == "ingested"
    with company_context(side.company):
        change = OrderChange.objects.get(order=proposed)
    side.extra["procurement"] = data = {
        "rfq_id": rfq["draft_id"],
        "rule_id": rule.pk,
        "rate_id": usd.pk,
        "department_id": dept.pk,
        "spare_department_id": spare.pk,
        "delegation_id": delegation.pk,
        "draft_id": draft.pk,
        "pending_id": pending.pk,
        "approved_id": approved.pk,
        "sent_id": sent.pk,
        "received_id": received.pk,
        "rejected_id": rejected.pk,
        "proposed_id": proposed.pk,
        "change_id": str(change.change_id),
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


def _fingerprint(side: Side) -> dict[str, Any]:
    from kernel.tenancy import company_context
    from tenants.procurement.models import (
        ApprovalDelegation,
        ApprovalRule,
        Department,
        ExchangeRate,
        GoodsReceipt,
        MemberDepartment,
        OrderChange,
        OrderEvent,
        ProcurementSettings,
        PurchaseOrder,
        PurchaseOrderLine,
        RejectionSettlement,
    )

    seed(side)
    with company_context(side.company):
        return {
            "orders": list(
                PurchaseOrder.objects.order_by("pk").values_list("pk", "status", "version", "notes", "total")
            ),
            "lines": PurchaseOrderLine.objects.count(),
            "events": OrderEvent.objects.count(),
            "changes": list(OrderChange.objects.order_by("pk").values_list("pk", "status")),
            "receipts": GoodsReceipt.objects.count(),
            "settlements": list(RejectionSettlement.objects.order_by("pk").values_list("pk", "status")),
            "rates": list(ExchangeRate.objects.order_by("pk").values_list("pk", "currency", "rate")),
            "settings": list(
                ProcurementSettings.objects.values_list("auto_approve_unmatched", "rate_tolerance_percent")
            ),
            "rules": list(ApprovalRule.objects.order_by("pk").values_list("pk", "name", "priority")),
            "departments": list(Department.objects.order_by("pk").values_list("pk", "code")),
            "member_departments": list(
                MemberDepartment.objects.order_by("pk").values_list("user_id", "department_id")
            ),
            "delegations": list(ApprovalDelegation.objects.order_by("pk").values_list("pk", "revoked_at")),
        }


FINGERPRINTS = {"procurement": _fingerprint}

BASE = "/api/purchase-orders"


def _order(name: str) -> dict[str, Any]:
    return {"order_id": _id(name)}


def _new_order(s: Side) -> dict[str, Any]:
    return {
        "supplier_name": f"{s.marker} New Supplier",
        "supplier_email": "sales@new.example",
        "currency": "CNY",
        "lines": [
            {
                "sku": "P-1",
                "description": f"{s.marker} item",
                "quantity": "3",
                "unit": "pcs",
                "unit_price": "9.90",
            }
        ],
    }


def _rule_body(s: Side) -> dict[str, Any]:
    return {
        "name": f"{s.marker} updated rule",
        "priority": 7,
        "min_amount": "100",
        "steps": [{"mode": "any", "roles": ["approver"]}, {"mode": "all", "roles": ["owner"]}],
    }


TENANT_PROBES: dict[str, Probe] = {
    "purchase_orders_list": Probe("GET", f"{BASE}/", lists=True),
    "purchase_orders_create": Probe("POST", f"{BASE}/", body=_new_order, ok=201),
    "purchase_orders_from_award": Probe(
        # A draft RFQ: nothing awarded, so the owner's call is 409 nothing_awarded (B's RFQ on A's host: 404).
        "POST",
        f"{BASE}/from-award/",
        body=lambda s: {"rfq_id": seed(s)["rfq_id"]},
        ok=409,
    ),
    "purchase_orders_get": Probe("GET", f"{BASE}/{{order_id}}/", ids=_order("draft_id")),
    "purchase_orders_update": Probe(
        "PATCH",
        f"{BASE}/{{order_id}}/",
        ids=_order("draft_id"),
        body=lambda s: {"notes": f"{s.marker} edited"},
    ),
    "purchase_orders_submit": Probe("POST", f"{BASE}/{{order_id}}/submit/", ids=_order("draft_id")),
    "purchase_orders_approve": Probe(
        "POST", f"{BASE}/{{order_id}}/approve/", ids=_order("pending_id"), body=lambda s: {"note": "fine"}
    ),
    "purchase_orders_reject": Probe(
        "POST",
        f"{BASE}/{{order_id}}/reject/",
        ids=_order("pending_id"),
        body=lambda s: {"reason": "No budget"},
    ),
    "purchase_orders_send": Probe("POST", f"{BASE}/{{order_id}}/send/", ids=_order("approved_id")),
    "purchase_orders_acknowledge": Probe(
        "POST",
        f"{BASE}/{{order_id}}/acknowledge/",
        ids=_order("sent_id"),
        body=lambda s: {"supplier_order_number": "V-9"},
    ),
    "purchase_orders_cancel": Probe(
        "POST",
        f"{BASE}/{{order_id}}/cancel/",
        ids=_order("draft_id"),
        body=lambda s: {"reason": "Not needed"},
    ),
    "purchase_orders_close": Probe(
        "POST", f"{BASE}/{{order_id}}/close/", ids=_order("received_id"), body=lambda s: {}
    ),
    "purchase_orders_receive": Probe(
        "POST",
        f"{BASE}/{{order_id}}/receive/",
        ids=_order("sent_id"),
        body=lambda s: {"lines": [{"line_no": 1, "accepted_quantity": "1"}]},
        ok=201,
    ),
    "purchase_orders_receipts_list": Probe(
        "GET", f"{BASE}/{{order_id}}/receipts/", ids=_order("received_id")
    ),
    "purchase_orders_settlements_list": Probe(
        "GET", f"{BASE}/{{order_id}}/settlements/", ids=_order("rejected_id")
    ),
    "purchase_orders_settlement_create": Probe(
        "POST",
        f"{BASE}/{{order_id}}/settlements/",
        ids=_order("rejected_id"),
        body=lambda s: {
            "resolution": "short_close",
            "reason": f"{s.marker} not needed",
            "lines": [{"line_no": 1}],
        },
        ok=201,
    ),
    "purchase_orders_timeline": Probe("GET", f"{BASE}/{{order_id}}/timeline/", ids=_order("received_id")),
    "purchase_orders_pdf": Probe("GET", f"{BASE}/{{order_id}}/pdf/", ids=_order("draft_id")),
    "purchase_orders_changes_list": Probe("GET", f"{BASE}/{{order_id}}/changes/", ids=_order("proposed_id")),
    "purchase_orders_change_request": Probe(
        "POST",
        f"{BASE}/{{order_id}}/changes/",
        ids=_order("sent_id"),
        body=lambda s: {
            "reason": f"{s.marker} fewer",
            "lines": [{"line_no": 1, "quantity": str(Decimal(5))}],
        },
        ok=201,
    ),
    "purchase_orders_change_accept": Probe(
        "POST",
        f"{BASE}/{{order_id}}/changes/{{change_id}}/accept/",
        ids={"order_id": _id("proposed_id"), "change_id": _id("change_id")},
    ),
    "purchase_orders_change_reject": Probe(
        "POST",
        f"{BASE}/{{order_id}}/changes/{{change_id}}/reject/",
        ids={"order_id": _id("proposed_id"), "change_id": _id("change_id")},
        body=lambda s: {"reason": "Price too high"},
    ),
    # Rates carry no text to mark: the list is probed for host and credential isolation only.
    "exchange_rates_list": Probe("GET", "/api/exchange-rates/"),
    "exchange_rates_set": Probe(
        "POST", "/api/exchange-rates/", body=lambda s: {"currency": "EUR", "rate": "7.8"}, ok=201
    ),
    "exchange_rates_delete": Probe(
        "DELETE", "/api/exchange-rates/{rate_id}/", ids={"rate_id": _id("rate_id")}, ok=204
    ),
    "procurement_settings_get": Probe("GET", "/api/procurement-settings/"),
    "procurement_settings_update": Probe(
        "PUT", "/api/procurement-settings/", body=lambda s: {"rate_tolerance_percent": "3.50"}
    ),
    "approvals_inbox": Probe("GET", "/api/approvals/inbox/", lists=True),
    "approval_rules_list": Probe("GET", "/api/approval-rules/", lists=True),
    "approval_rules_create": Probe(
        "POST",
        "/api/approval-rules/",
        body=lambda s: {**_rule_body(s), "name": f"{s.marker} new rule"},
        ok=201,
    ),
    "approval_rules_get": Probe("GET", "/api/approval-rules/{rule_id}/", ids={"rule_id": _id("rule_id")}),
    "approval_rules_update": Probe(
        "PUT", "/api/approval-rules/{rule_id}/", ids={"rule_id": _id("rule_id")}, body=_rule_body
    ),
    "approval_rules_delete": Probe(
        "DELETE", "/api/approval-rules/{rule_id}/", ids={"rule_id": _id("rule_id")}, ok=204
    ),
    "departments_list": Probe("GET", "/api/departments/", lists=True),
    "departments_create": Probe(
        "POST",
        "/api/departments/",
        body=lambda s: {"code": f"{s.marker}-D3", "name": f"{s.marker} Stores"},
        ok=201,
    ),
    "departments_delete": Probe(
        "DELETE",
        "/api/departments/{department_id}/",
        ids={"department_id": _id("spare_department_id")},
        ok=204,
    ),
    "department_members_set": Probe(
        "PUT",
        "/api/departments/members/{user_id}/",
        ids={"user_id": lambda s: s.member.user_id},
        body=lambda s: {"department_id": seed(s)["department_id"]},
        ok=204,
    ),
    "approval_delegations_list": Probe("GET", "/api/approval-delegations/", lists=True),
    "approval_delegations_create": Probe(
        "POST",
        "/api/approval-delegations/",
        body=lambda s: {
            "delegate_id": s.member.user_id,
            "starts_on": str(timezone.localdate() + timedelta(days=10)),
            "ends_on": str(timezone.localdate() + timedelta(days=12)),
            "reason": f"{s.marker} trip",
        },
        ok=201,
    ),
    "approval_delegations_revoke": Probe(
        "POST",
        "/api/approval-delegations/{delegation_id}/revoke/",
        ids={"delegation_id": _id("delegation_id")},
    ),
}

PUBLIC_PROBES: dict[str, Probe] = {}
