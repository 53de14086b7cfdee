"""No transition without its checks, through the API.

1. Every action by every role: allowed to the roles holding its permission (and, for approving, to the
   step's approvers), 403 to the others - and a refused call changes nothing.
2. Every action in every status it is not allowed in: 409 with its code, nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from identity.roles import ROLES, permissions_for
from tenants.procurement import services
from tenants.procurement.models import OrderEvent, PurchaseOrder
from tenants.procurement.services import ChangeLineInput, StepInput
from tenants.procurement.tests import factories as f

pytestmark = pytest.mark.django_db

BASE = "/api/purchase-orders"


def holders(permission: str) -> set[str]:
    return {role for role in ROLES if permission in permissions_for([role])}


def _draft(party: Any) -> PurchaseOrder:
    return f.draft(party.member("buyer", name="requester").actor)


def _pending(party: Any) -> PurchaseOrder:
    requester = party.member("buyer", name="requester").actor
    order = f.draft(requester, category_code=f.category("APPROVE"))
    return services.po_submit(actor=requester, order_id=order.pk)


def _approved(party: Any) -> PurchaseOrder:
    return f.approved(party.actor)


def _sent(party: Any) -> PurchaseOrder:
    return f.sent(party.actor)


def _acknowledged(party: Any) -> PurchaseOrder:
    order = f.sent(party.actor)
    return services.po_acknowledge(actor=party.actor, order_id=order.pk)


def _changed(party: Any) -> PurchaseOrder:
    order = _acknowledged(party)
    services.change_request_create(
        actor=party.actor,
        order_id=order.pk,
        reason="Fewer",
        lines=[ChangeLineInput(line_no=1, quantity=Decimal(8))],
    )
    order.refresh_from_db()
    return order


def _partly(party: Any) -> PurchaseOrder:
    from tenants.procurement.services import ReceiptLineInput

    order = _acknowledged(party)
    services.po_receive(
        actor=party.actor,
        order_id=order.pk,
        lines=[ReceiptLineInput(line_no=1, accepted_quantity=Decimal(1))],
    )
    order.refresh_from_db()
    return order


def _received(party: Any) -> PurchaseOrder:
    order = _sent(party)
    f.receive_all(party.actor, order)
    order.refresh_from_db()
    return order


def _closed(party: Any) -> PurchaseOrder:
    order = _received(party)
    return services.po_close(actor=party.actor, order_id=order.pk)


def _cancelled(party: Any) -> PurchaseOrder:
    order = f.draft(party.actor)
    return services.po_cancel(actor=party.actor, order_id=order.pk, reason="No longer needed")


MAKERS: dict[str, Callable[[Any], PurchaseOrder]] = {
    "draft": _draft,
    "pending_approval": _pending,
    "approved": _approved,
    "sent": _sent,
    "acknowledged": _acknowledged,
    "changed": _changed,
    "partly_received": _partly,
    "received": _received,
    "closed": _closed,
    "cancelled": _cancelled,
}


# action: (method, path suffix, body, permission, statuses it is allowed in, code when not, success status)
ACTIONS: dict[str, tuple[str, str, dict[str, Any] | None, str, set[str], str, int]] = {
    "update": ("patch", "", {"notes": "Changed by API"}, "po.create", {"draft"}, "order_not_editable", 200),
    "submit": ("post", "submit/", None, "po.create", {"draft"}, "invalid_transition", 200),
    "approve": (
        "post",
        "approve/",
        {"note": "ok"},
        "po.approve",
        {"pending_approval"},
        "approval_not_pending",
        200,
    ),
    "reject": (
        "post",
        "reject/",
        {"reason": "No budget"},
        "po.approve",
        {"pending_approval"},
        "approval_not_pending",
        200,
    ),
    "send": ("post", "send/", None, "po.create", {"approved"}, "invalid_transition", 200),
    "acknowledge": (
        "post",
        "acknowledge/",
        {"supplier_order_number": "V-1"},
        "po.create",
        {"sent"},
        "invalid_transition",
        200,
    ),
    "cancel": (
        "post",
        "cancel/",
        {"reason": "Not needed"},
        "po.create",
        {"draft", "pending_approval", "approved", "sent", "acknowledged", "changed"},
        "invalid_transition",
        200,
    ),
    "close": (
        "post",
        "close/",
        {"reason": "Rest not needed"},
        "po.create",
        {"received", "partly_received"},
        "invalid_transition",
        200,
    ),
    "receive": (
        "post",
        "receive/",
        {"lines": [{"line_no": 2, "accepted_quantity": "1"}]},
        "po.receive",
        {"sent", "acknowledged", "changed", "partly_received"},
        "invalid_transition",
        201,
    ),
    "change_request": (
        "post",
        "changes/",
        {"reason": "Fewer", "lines": [{"line_no": 2, "quantity": "5"}]},
        "po.create",
        {"sent", "acknowledged", "changed", "partly_received"},
        "invalid_transition",
        201,
    ),
}


def _call(client: Any, method: str, url: str, body: dict[str, Any] | None) -> Any:
    if method == "patch":
        return client.patch_json(url, body or {})
    return client.post_json(url, body) if body is not None else client.post(url)


def _rule(party: Any) -> None:
    # Orders outside the rule's category are approved at once (the company's setting): the matrix is
    # about who may act, not about routing (tests/test_routing.py).
    f.auto_approve_unmatched()
    services.approval_rule_create(
        actor=party.actor,
        name="API matrix",
        priority=1,
        category_code=f.category("APPROVE"),
        steps=[StepInput(roles=("approver", "owner"))],
    )


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_role_attempts_the_action(buyer, action):
    method, suffix, body, permission, allowed_in, _code, ok = ACTIONS[action]
    pre_state = sorted(allowed_in)[0] if action != "close" else "received"
    with buyer.ctx():
        _rule(buyer)
    allowed_roles = holders(permission)
    for role in ROLES:
        member = buyer.member(role) if role != "owner" else None
        client = member.client if member else buyer.client
        with buyer.ctx():
            order = MAKERS[pre_state](buyer)
            events = OrderEvent.objects.filter(order=order).count()
        response = _call(client, method, f"{BASE}/{order.pk}/{suffix}", body)
        with buyer.ctx():
            after = PurchaseOrder.objects.get(pk=order.pk)
        if role in allowed_roles:
            assert response.status_code == ok, (action, role, response.content[:300])
        else:
            assert response.status_code == 403, (action, role, response.status_code)
            assert response.json()["code"] == "permission_denied"
            assert (after.status, after.version, after.notes) == (order.status, order.version, order.notes)
            with buyer.ctx():
                assert OrderEvent.objects.filter(order=order).count() == events


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_action_in_every_status_it_is_not_allowed_in(buyer, action):
    method, suffix, body, _permission, allowed_in, code, _ok = ACTIONS[action]
    with buyer.ctx():
        _rule(buyer)
        orders = {state: make(buyer) for state, make in MAKERS.items() if state not in allowed_in}
        assert {o.status for o in orders.values()} == set(orders)
    for state, order in orders.items():
        response = _call(buyer.client, method, f"{BASE}/{order.pk}/{suffix}", body)
        assert response.status_code == 409, (action, state, response.status_code, response.content[:200])
        assert response.json()["code"] == code, (action, state)
        with buyer.ctx():
            assert PurchaseOrder.objects.get(pk=order.pk).status == state


def test_reads_need_a_procurement_or_finance_permission(buyer):
    with buyer.ctx():
        order = f.sent(buyer.actor)
    readers = {
        r for r in ROLES if {"po.create", "po.approve", "po.receive", "finance.view"} & permissions_for([r])
    }
    for role in ROLES:
        client = buyer.member(role).client if role != "owner" else buyer.client
        for path in (
            "",
            f"{order.pk}/",
            f"{order.pk}/timeline/",
            f"{order.pk}/receipts/",
            f"{order.pk}/changes/",
        ):
            response = client.get(f"{BASE}/{path}")
            assert response.status_code == (200 if role in readers else 403), (role, path)


def test_approving_through_the_api_only_for_the_steps_approvers(buyer):
    with buyer.ctx():
        f.two_level_rule(buyer.actor)
        requester = buyer.member("buyer")
        approver = buyer.member("approver")
        order = f.draft(requester.actor)
    submitted = requester.client.post(f"{BASE}/{order.pk}/submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "pending_approval"
    steps = submitted.json()["approval_steps"]
    out_of_turn = buyer.client.post_json(f"{BASE}/{order.pk}/approve/", {})
    assert (out_of_turn.status_code, out_of_turn.json()["code"]) == (403, "not_step_approver")
    stale = approver.client.post_json(f"{BASE}/{order.pk}/approve/", {"step_id": steps[1]["id"]})
    assert (stale.status_code, stale.json()["code"]) == (409, "approval_not_pending")
    inbox = approver.client.get("/api/approvals/inbox/").json()["results"]
    assert [(e["order"]["id"], e["step"]["position"]) for e in inbox] == [(order.pk, 1)]
    assert (
        approver.client.post_json(f"{BASE}/{order.pk}/approve/", {"step_id": steps[0]["id"]}).status_code
        == 200
    )
    done = buyer.client.post_json(f"{BASE}/{order.pk}/approve/", {"note": "Fine"})
    assert done.status_code == 200 and done.json()["status"] == "approved"
    own = requester.client.post_json(f"{BASE}/{order.pk}/approve/", {})
    assert own.status_code == 403 and own.json()["code"] == "permission_denied"  # buyers hold no po.approve
