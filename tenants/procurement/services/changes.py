"""Amendments of sent orders, and what the buyer does with the documents its suppliers send.

Versioned amendments: a change (the supplier's proposal on its order response, or a change request by
either side) is an ``OrderChange`` with the values proposed; accepting applies them, raises the order's
version and keeps the values replaced (``before``), so the history of every version stays. Both sides must
agree: the proposer's side applies a change when the other side's ``change_response`` accepts it.

Spending more than was approved is itself an approval: applying a change that would raise the order's
total above the total it was approved at needs a member holding po.approve who did not request the order
(403 ``change_needs_approval`` otherwise).

Incoming documents (run by the ingest handlers in ``tenants.procurement.handlers``):

- ``order_response`` accept -> ACKNOWLEDGED (promised dates kept); reject -> CANCELLED, cancelled by the
  supplier with its reason (the order is not returned to draft: the buyer places a new one); propose -> a
  pending proposal the buyer accepts (the order is ACKNOWLEDGED on the proposed terms, version + 1) or
  rejects (it stays SENT), answering with a ``change_response``.
- ``change_request`` from the supplier -> a pending change, answered the same way; on an order that is
  finished it is refused at once with a ``change_response``.
- ``change_response`` to the buyer's change request -> applied (CHANGED) or marked rejected.
- ``dispatch_advice`` -> an expected shipment with carrier and tracking ("shipped" on the timeline).
- ``cancellation`` by the supplier -> CANCELLED, unless the order is received, closed or cancelled.
A document that does not fit the order's status any more (an acceptance arriving after the buyer
cancelled) changes nothing but is recorded on the timeline.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from identity.access import Actor
from kernel.errors import NotFound, ValidationFailed
from kernel.iso import currency_minor_units
from tenants.procurement.exceptions import (
    ChangeNeedsApproval,
    ChangeNotPending,
    ChangePending,
    InvalidTransition,
)
from tenants.procurement.models import (
    ChangeStatus,
    ExpectedShipment,
    OrderChange,
    Party,
    PoStatus,
    PurchaseOrder,
    PurchaseOrderLine,
)
from tenants.procurement.services import approvals, documents
from tenants.procurement.services.common import (
    OPEN_AT_SUPPLIER,
    Errors,
    add_error,
    audit,
    decimal_text,
    event_record,
    lock_order,
    places_of,
    set_totals,
    user_of,
)
from tenants.procurement.services.orders import mark_cancelled

# Where the buyer may ask for a change: agreed and not finished. (A sent order waits for the supplier's
# answer first; a supplier outside Hansa's order may be changed at once.)
BUYER_CHANGEABLE = (PoStatus.ACKNOWLEDGED, PoStatus.CHANGED, PoStatus.PARTLY_RECEIVED)


@dataclass(frozen=True)
class ChangeLineInput:
    line_no: int
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    requested_date: date | None = None


def _date_text(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _line_state(line: PurchaseOrderLine) -> dict[str, Any]:
    return {
        "line_no": line.line_no,
        "quantity": decimal_text(line.quantity),
        "unit_price": decimal_text(line.unit_price),
        "requested_date": _date_text(line.requested_date),
        "promised_date": _date_text(line.promised_date),
    }


def _apply(order: PurchaseOrder, change: OrderChange) -> None:
    """Apply the change's values to the (locked) order; raise its version; keep what was replaced."""
    lines = {line.line_no: line for line in order.lines.all()}
    before = []
    step = Decimal(1).scaleb(-currency_minor_units(order.currency))
    for proposed in change.lines:
        line = lines.get(int(proposed["line_no"]))
        if line is None:
            continue
        before.append(_line_state(line))
        if proposed.get("quantity") is not None:
            # Never below what was already accepted into stock.
            line.quantity = max(Decimal(str(proposed["quantity"])), line.quantity_received)
        if proposed.get("unit_price") is not None:
            line.unit_price = Decimal(str(proposed["unit_price"])).quantize(step, rounding=ROUND_HALF_UP)
        if proposed.get("requested_date"):
            line.requested_date = parse_date(str(proposed["requested_date"]))
        if proposed.get("promised_date"):
            line.promised_date = parse_date(str(proposed["promised_date"]))
    rows = list(lines.values())
    set_totals(order, rows)
    PurchaseOrderLine.objects.bulk_update(
        rows, ["quantity", "unit_price", "requested_date", "promised_date", "net_amount", "tax_amount"]
    )
    order.version += 1
    change.version = order.version
    change.before = before
    if order.status == PoStatus.PARTLY_RECEIVED and all(ln.quantity_received >= ln.quantity for ln in rows):
        order.status = PoStatus.RECEIVED
        order.received_at = timezone.now()
    order.save()


def _total_after(order: PurchaseOrder, proposed_lines: list[dict[str, Any]]) -> Decimal:
    from tenants.procurement.services.common import line_amounts

    proposals = {int(p["line_no"]): p for p in proposed_lines}
    total = Decimal(0)
    step = Decimal(1).scaleb(-currency_minor_units(order.currency))
    for line in order.lines.all():
        p = proposals.get(line.line_no, {})
        quantity = Decimal(str(p["quantity"])) if p.get("quantity") is not None else line.quantity
        price = Decimal(str(p["unit_price"])) if p.get("unit_price") is not None else line.unit_price
        amounts = line_amounts(
            quantity=max(quantity, line.quantity_received),
            unit_price=price.quantize(step, rounding=ROUND_HALF_UP),
            tax_rate=line.tax_rate,
            currency=order.currency,
        )
        total += amounts.net + amounts.tax
    return total


def _guard_spend(order: PurchaseOrder, proposed_lines: list[dict[str, Any]], actor: Actor) -> None:
    approved = order.approved_total if order.approved_total is not None else order.total
    if _total_after(order, proposed_lines) <= approved:
        return
    own = approvals.own_principals(order)
    if "po.approve" not in actor.permissions or actor.user is None or actor.user.pk in own:
        raise ChangeNeedsApproval()


# The buyer's own change requests -------------------------------------------------------------------


@transaction.atomic
def change_request_create(
    *,
    actor: Actor,
    order_id: int,
    reason: str,
    lines: list[ChangeLineInput],
    request: HttpRequest | None = None,
) -> OrderChange:
    """Ask the supplier to change quantities, prices or dates of an agreed order.

    On Hansa the change waits for the supplier's ``change_response``; a supplier outside Hansa gets the
    new version by e-mail and the change applies at once.

    Raises:
        InvalidTransition: the order is not agreed yet (sent: wait for the answer), or it is received,
            closed or cancelled.
        ChangePending: a change of the order is still waiting for an answer.
        ValidationFailed: no reason, no lines, unknown or repeated lines, a quantity not above zero or
            below what was received, a negative price, nothing actually changed.
        PriceTooPrecise: more decimals than the currency allows.
        ChangeNeedsApproval: it would raise the total above the approved one and the actor may not
            approve it.
    """
    from tenants.procurement.services.orders import LineInput, _check_precision

    actor.require("po.create")
    order = lock_order(order_id, documents=True)
    allowed = BUYER_CHANGEABLE if order.on_hansa else (PoStatus.SENT, *BUYER_CHANGEABLE)
    if order.status not in allowed:
        raise InvalidTransition(
            detail=f"An order that is {order.status.replace('_', ' ')} cannot be changed.",
            status_now=order.status,
        )
    if order.changes.filter(status=ChangeStatus.PENDING).exists():
        raise ChangePending()
    existing = {line.line_no: line for line in order.lines.all()}
    errors: Errors = {}
    if not reason.strip():
        add_error(errors, "reason", "Say why the order changes.")
    if not lines:
        add_error(errors, "lines", "Change at least one line.")
    seen: set[int] = set()
    changed_anything = False
    for index, item in enumerate(lines):
        name = f"lines.{index}"
        line = existing.get(item.line_no)
        if line is None:
            add_error(errors, f"{name}.line_no", f"The order has no line {item.line_no}.")
            continue
        if item.line_no in seen:
            add_error(errors, f"{name}.line_no", "This line is listed twice.")
        seen.add(item.line_no)
        if item.quantity is not None:
            if not item.quantity.is_finite() or item.quantity <= 0:
                add_error(errors, f"{name}.quantity", "Must be greater than zero.")
            elif places_of(item.quantity) > 4:
                add_error(errors, f"{name}.quantity", "At most 4 decimals.")
            elif item.quantity < line.quantity_received:
                add_error(
                    errors,
                    f"{name}.quantity",
                    f"{decimal_text(line.quantity_received)} {line.unit} were already received.",
                )
            changed_anything |= item.quantity != line.quantity
        if item.unit_price is not None:
            if not item.unit_price.is_finite() or item.unit_price < 0:
                add_error(errors, f"{name}.unit_price", "Must not be negative.")
            changed_anything |= item.unit_price != line.unit_price
        if item.requested_date is not None:
            changed_anything |= item.requested_date != line.requested_date
    if not errors and not changed_anything:
        add_error(errors, "lines", "Nothing would change.")
    if errors:
        raise ValidationFailed(errors=errors)
    _check_precision(
        [
            LineInput(description="-", quantity=Decimal(1), unit="-", unit_price=c.unit_price)
            for c in lines
            if c.unit_price is not None
        ],
        currency=order.currency,
    )
    proposed = [
        {
            "line_no": c.line_no,
            "quantity": decimal_text(c.quantity),
            "unit_price": decimal_text(c.unit_price),
            "requested_date": _date_text(c.requested_date),
        }
        for c in lines
    ]
    _guard_spend(order, proposed, actor)
    change = OrderChange(
        order=order,
        proposed_by=Party.BUYER,
        source="change_request",
        reason=reason.strip(),
        lines=proposed,
        version=order.version + 1,
        created_by=user_of(actor),
    )
    if order.on_hansa:
        assert order.exchange_document_id is not None
        change.save()
        change.document_id = documents.send_to_supplier(
            order,
            kind="change_request",
            payload={
                "po_number": order.number,
                "change_id": str(change.change_id),
                "version": change.version,
                "proposed_by": "buyer",
                "reason": change.reason,
                "lines": proposed,
            },
            refers_to=order.exchange_document_id,
        )
        change.save(update_fields=["document_id"])
        event_record(
            order,
            "change_requested",
            actor=actor,
            data={"version": change.version, "reason": change.reason, "lines": proposed},
        )
    else:
        change.status = ChangeStatus.ACCEPTED
        change.decided_at = timezone.now()
        change.decided_by = user_of(actor)
        change.save()
        _apply(order, change)
        change.save(update_fields=["version", "before"])
        if order.status in (PoStatus.SENT, PoStatus.ACKNOWLEDGED, PoStatus.CHANGED):
            order.status = PoStatus.CHANGED
            order.save(update_fields=["status", "updated_at"])
        documents.email_supplier(order, kind="changed")
        event_record(
            order,
            "changed",
            actor=actor,
            data={"version": order.version, "reason": change.reason, "lines": proposed},
        )
    audit(
        actor=actor,
        action="purchase_order.change_requested",
        order=order,
        request=request,
        after={"lines": proposed},
    )
    return change


# Answering the supplier's proposals and change requests --------------------------------------------


def _pending_supplier_change(order: PurchaseOrder, change_id: uuid.UUID) -> OrderChange:
    change = order.changes.filter(change_id=change_id).first()
    if change is None:
        raise NotFound()
    if change.status != ChangeStatus.PENDING or change.proposed_by != Party.SUPPLIER:
        raise ChangeNotPending()
    return change


@transaction.atomic
def change_accept(
    *, actor: Actor, order_id: int, change_id: uuid.UUID, request: HttpRequest | None = None
) -> OrderChange:
    """Accept the supplier's pending proposal or change request: apply it and tell the supplier.

    Raises:
        NotFound: no such change of this order.
        ChangeNotPending: it is decided already, or it is the buyer's own.
        InvalidTransition: the order is finished (received, closed, cancelled).
        ChangeNeedsApproval: it raises the total above the approved one and the actor may not approve.
    """
    actor.require("po.create")
    order = lock_order(order_id, documents=True)
    change = _pending_supplier_change(order, change_id)
    if change.source == "order_response":
        allowed: tuple[str, ...] = (PoStatus.SENT,)
    else:
        allowed = BUYER_CHANGEABLE
    if order.status not in allowed:
        raise InvalidTransition(status_now=order.status)
    _guard_spend(order, change.lines, actor)
    change.status = ChangeStatus.ACCEPTED
    change.decided_at = timezone.now()
    change.decided_by = user_of(actor)
    _apply(order, change)
    change.save()
    _respond(order, change, accepted=True, reason="")
    if change.source == "order_response":
        order.status = PoStatus.ACKNOWLEDGED
        order.acknowledged_at = timezone.now()
        order.save(update_fields=["status", "acknowledged_at", "updated_at"])
        event_record(order, "proposal_accepted", actor=actor, data={"version": order.version})
        event_record(
            order,
            "acknowledged",
            actor=actor,
            data={"so_number": order.supplier_order_number, "version": order.version},
        )
    else:
        if order.status in (PoStatus.ACKNOWLEDGED, PoStatus.CHANGED):
            order.status = PoStatus.CHANGED
            order.save(update_fields=["status", "updated_at"])
        event_record(
            order,
            "changed",
            actor=actor,
            data={"version": order.version, "proposed_by": "supplier", "lines": change.lines},
        )
    audit(
        actor=actor,
        action="purchase_order.change_accepted",
        order=order,
        request=request,
        after={"version": order.version},
    )
    return change


@transaction.atomic
def change_reject(
    *, actor: Actor, order_id: int, change_id: uuid.UUID, reason: str, request: HttpRequest | None = None
) -> OrderChange:
    """Reject the supplier's pending proposal or change request with a reason, and tell the supplier.
    A rejected proposal leaves the order SENT: the supplier may accept the original terms or reject it.
    """
    actor.require("po.create")
    if not reason.strip():
        raise ValidationFailed(errors={"reason": ["Say why the change is rejected."]})
    order = lock_order(order_id, documents=True)
    change = _pending_supplier_change(order, change_id)
    change.status = ChangeStatus.REJECTED
    change.decided_at = timezone.now()
    change.decided_by = user_of(actor)
    change.response_reason = reason.strip()
    change.save()
    _respond(order, change, accepted=False, reason=change.response_reason)
    kind = "proposal_rejected" if change.source == "order_response" else "change_rejected"
    event_record(order, kind, actor=actor, data={"reason": change.response_reason, "version": change.version})
    audit(
        actor=actor,
        action="purchase_order.change_rejected",
        order=order,
        request=request,
        after={"reason": reason},
    )
    return change


def _respond(order: PurchaseOrder, change: OrderChange, *, accepted: bool, reason: str) -> None:
    if change.document_id is None or order.exchange_document_id is None:
        return
    documents.send_to_supplier(
        order,
        kind="change_response",
        payload={
            "po_number": order.number,
            "change_id": str(change.change_id) if change.source == "change_request" else None,
            "accepted": accepted,
            "reason": reason,
        },
        refers_to=change.document_id,
    )


# Incoming documents --------------------------------------------------------------------------------


def order_for_document(document_id: uuid.UUID | None, *, supplier_id: int) -> PurchaseOrder | None:
    """The order (locked) that the buyer sent as ``document_id`` to ``supplier_id``; None if not ours."""
    if document_id is None:
        return None
    return (
        PurchaseOrder.objects.select_for_update(of=("self",))
        .filter(exchange_document_id=document_id, supplier_company_id=supplier_id)
        .first()
    )


def _ignored(order: PurchaseOrder, kind: str, label: str, **data: Any) -> None:
    event_record(order, f"{kind}_ignored", label=label, data={"status": order.status, **data})


def order_response_received(
    *, order: PurchaseOrder, document_id: uuid.UUID, sender_name: str, payload: dict[str, Any]
) -> None:
    action = payload["action"]
    if order.status != PoStatus.SENT:
        _ignored(order, "order_response", sender_name, action=action)
        return
    order.supplier_order_number = str(payload.get("so_number", ""))[:60]
    lines = list(payload.get("lines") or [])
    if action == "accept":
        promised = {int(line["line_no"]): line.get("promised_date") for line in lines}
        rows = [line for line in order.lines.all() if promised.get(line.line_no)]
        for line in rows:
            line.promised_date = parse_date(str(promised[line.line_no]))
        PurchaseOrderLine.objects.bulk_update(rows, ["promised_date"])
        order.status = PoStatus.ACKNOWLEDGED
        order.acknowledged_at = timezone.now()
        order.save()
        event_record(
            order,
            "acknowledged",
            label=sender_name,
            data={"so_number": order.supplier_order_number, "lines": lines},
        )
    elif action == "reject":
        order.save(update_fields=["supplier_order_number"])
        reason = str(payload.get("reason", ""))
        mark_cancelled(order, by="supplier", reason=reason)
        event_record(
            order,
            "rejected_by_supplier",
            label=sender_name,
            data={"reason": reason, "so_number": order.supplier_order_number},
        )
    else:
        order.save(update_fields=["supplier_order_number"])
        proposed = [
            {
                "line_no": int(line["line_no"]),
                "quantity": line.get("quantity"),
                "unit_price": line.get("unit_price"),
                "promised_date": line.get("promised_date"),
            }
            for line in lines
        ]
        # A newer proposal replaces an unanswered older one.
        order.changes.filter(status=ChangeStatus.PENDING, proposed_by=Party.SUPPLIER).update(
            status=ChangeStatus.REJECTED,
            response_reason="Replaced by a newer proposal.",
            decided_at=timezone.now(),
        )
        OrderChange.objects.create(
            order=order,
            proposed_by=Party.SUPPLIER,
            source="order_response",
            reason=str(payload.get("reason", "")),
            lines=proposed,
            version=order.version + 1,
            document_id=document_id,
        )
        event_record(
            order,
            "proposal_received",
            label=sender_name,
            data={"reason": payload.get("reason", ""), "lines": proposed},
        )


def change_request_received(
    *, order: PurchaseOrder, document_id: uuid.UUID, sender_name: str, payload: dict[str, Any]
) -> None:
    proposed = [
        {
            "line_no": int(line["line_no"]),
            "quantity": line.get("quantity"),
            "unit_price": line.get("unit_price"),
            "requested_date": line.get("requested_date"),
        }
        for line in payload.get("lines") or []
    ]
    change_id = uuid.UUID(str(payload["change_id"]))
    if OrderChange.objects.filter(change_id=change_id).exists():
        return
    if order.status not in BUYER_CHANGEABLE:
        # Finished orders cannot change: say so at once, so the supplier is not left waiting.
        documents.send_to_supplier(
            order,
            kind="change_response",
            payload={
                "po_number": order.number,
                "change_id": str(change_id),
                "accepted": False,
                "reason": f"The order is {order.status.replace('_', ' ')}.",
            },
            refers_to=document_id,
        )
        _ignored(order, "change_request", sender_name, version=payload.get("version"))
        return
    OrderChange.objects.create(
        order=order,
        change_id=change_id,
        proposed_by=Party.SUPPLIER,
        source="change_request",
        reason=str(payload.get("reason", "")),
        lines=proposed,
        version=order.version + 1,
        document_id=document_id,
    )
    event_record(
        order,
        "change_proposed",
        label=sender_name,
        data={"reason": payload.get("reason", ""), "lines": proposed},
    )


def change_for_response(refers_to: uuid.UUID | None) -> OrderChange | None:
    """The buyer's own change request that a change_response answers (None: not ours)."""
    if refers_to is None:
        return None
    return OrderChange.objects.filter(document_id=refers_to, proposed_by=Party.BUYER).first()


def change_response_received(*, change: OrderChange, sender_name: str, payload: dict[str, Any]) -> None:
    order = lock_order(change.order_id)
    change = OrderChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PENDING:
        return
    change.decided_at = timezone.now()
    change.response_reason = str(payload.get("reason", ""))
    if payload.get("accepted") and order.status in BUYER_CHANGEABLE:
        change.status = ChangeStatus.ACCEPTED
        _apply(order, change)
        change.save()
        if order.status in (PoStatus.ACKNOWLEDGED, PoStatus.CHANGED):
            order.status = PoStatus.CHANGED
            order.save(update_fields=["status", "updated_at"])
        event_record(
            order,
            "changed",
            label=sender_name,
            data={"version": order.version, "proposed_by": "buyer", "lines": change.lines},
        )
    else:
        change.status = ChangeStatus.REJECTED
        change.save()
        event_record(
            order,
            "change_rejected",
            label=sender_name,
            data={"reason": change.response_reason, "version": change.version},
        )


def dispatch_advice_received(
    *, order: PurchaseOrder, document_id: uuid.UUID, sender_name: str, payload: dict[str, Any]
) -> None:
    shipped_at = parse_datetime(str(payload.get("shipped_at", ""))) if payload.get("shipped_at") else None
    shipment = ExpectedShipment.objects.create(
        order=order,
        document_id=document_id,
        shipment_id=payload.get("shipment_id"),
        shipment_number=str(payload.get("shipment_number", ""))[:60],
        supplier_order_number=str(payload.get("so_number", ""))[:60],
        carrier=str(payload.get("carrier", ""))[:200],
        tracking_number=str(payload.get("tracking_number", ""))[:200],
        shipped_at=shipped_at,
        packages=int(payload.get("packages") or 0),
        lines=list(payload.get("lines") or []),
    )
    event_record(
        order,
        "shipped",
        label=sender_name,
        data={
            "expected_shipment_id": shipment.pk,
            "shipment_number": shipment.shipment_number,
            "carrier": shipment.carrier,
            "tracking_number": shipment.tracking_number,
            "packages": shipment.packages,
            "shipped_at": payload.get("shipped_at"),
            "lines": shipment.lines,
        },
    )


def cancellation_received(*, order: PurchaseOrder, sender_name: str, payload: dict[str, Any]) -> None:
    reason = str(payload.get("reason", ""))
    if order.status not in OPEN_AT_SUPPLIER:
        _ignored(order, "cancellation", sender_name, reason=reason)
        return
    order.changes.filter(status=ChangeStatus.PENDING).update(
        status=ChangeStatus.REJECTED, response_reason="The order was cancelled.", decided_at=timezone.now()
    )
    was = order.status
    mark_cancelled(order, by="supplier", reason=reason)
    event_record(order, "cancelled", label=sender_name, data={"reason": reason, "by": "supplier", "was": was})
