"""Settling rejected goods: the buyer chooses, per rejected line, a replacement shipment, a return or a
short-close; the supplier accepts (or declines) through the exchange; both orders then agree.

Quantities on a purchase order line: ``quantity_rejected`` (refused on receipt, all receipts),
``quantity_settled`` (of that, what a settlement has chosen: pending or accepted; a declined settlement
gives it back) and ``quantity_closed`` (what agreed returns and short-closes took off the order). What is
still open on the line is ``PurchaseOrderLine.open_quantity`` (``quantity - quantity_received - quantity_closed``); the line is done when
nothing is open. A replacement keeps the quantity open (the supplier ships it again and it is received
as usual); a return (numbered ``RTN-...``: the return document both sides see) and a short-close close it
once the supplier accepts. When every line is done and anything was closed, the order is CLOSED (with the
settlements in ``close_reason``), otherwise RECEIVED.

To a supplier on Hansa the choice travels as a ``rejection_settlement`` document and the answer comes back
as a ``settlement_response``; a supplier outside Hansa is not asked (the buyer records the agreement).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from kernel.errors import ValidationFailed
from tenants.procurement.exceptions import NothingToSettle
from tenants.procurement.models import (
    PoStatus,
    PurchaseOrder,
    PurchaseOrderLine,
    RejectionSettlement,
    Resolution,
    SettlementStatus,
)
from tenants.procurement.services import documents
from tenants.procurement.services.common import (
    Errors,
    add_error,
    audit,
    decimal_text,
    event_record,
    lock_order,
    next_number,
    places_of,
    require_status,
    user_of,
)

ZERO = Decimal(0)
SETTLEABLE_STATUSES = (PoStatus.PARTLY_RECEIVED,)


@dataclass(frozen=True)
class SettlementLineInput:
    line_no: int
    quantity: Decimal | None = None  # None: all that is left to settle on the line


def settleable(line: PurchaseOrderLine) -> Decimal:
    """Rejected quantity on the line that no settlement has chosen yet, and that is still open."""
    return max(min(line.quantity_rejected - line.quantity_settled, line.open_quantity), ZERO)


def line_done(line: PurchaseOrderLine) -> bool:
    return line.quantity_received + line.quantity_closed >= line.quantity


def completion_status(order: PurchaseOrder, lines: list[PurchaseOrderLine]) -> str | None:
    """RECEIVED or CLOSED when every line is done (CLOSED when a settlement closed a quantity), else None."""
    if not all(line_done(line) for line in lines):
        return None
    return PoStatus.CLOSED if any(line.quantity_closed > 0 for line in lines) else PoStatus.RECEIVED


def _close_reason(order: PurchaseOrder) -> str:
    parts = []
    for settlement in order.settlements.filter(status=SettlementStatus.ACCEPTED).exclude(
        resolution=Resolution.REPLACEMENT
    ):
        lines = ", ".join(f"line {ln['line_no']} x {ln['quantity']}" for ln in settlement.lines)
        what = f"returned ({settlement.return_number})" if settlement.return_number else "short-closed"
        parts.append(f"{what}: {lines}")
    return "Rejected goods settled: " + "; ".join(parts)


def finish_if_complete(order: PurchaseOrder, *, actor: Actor | None = None, label: str = "") -> None:
    """After a settlement closed quantities: the order is received, or closed, once nothing is open."""
    lines = list(order.lines.all())
    status = completion_status(order, lines)
    if status is None or status == order.status:
        return
    now = timezone.now()
    order.status = status
    order.received_at = order.received_at or now
    fields = ["status", "received_at", "updated_at"]
    if status == PoStatus.CLOSED:
        order.closed_at = now
        order.close_reason = _close_reason(order)
        fields += ["closed_at", "close_reason"]
    order.save(update_fields=fields)
    event_record(
        order,
        "closed" if status == PoStatus.CLOSED else "received",
        actor=actor,
        label=label,
        data={"reason": order.close_reason, "settled": True}
        if status == PoStatus.CLOSED
        else {"settled": True},
    )


def _lines_payload(settlement: RejectionSettlement) -> list[dict[str, Any]]:
    return [{"line_no": ln["line_no"], "quantity": ln["quantity"]} for ln in settlement.lines]


@transaction.atomic
def settlement_create(
    *,
    actor: Actor,
    order_id: int,
    resolution: str,
    lines: list[SettlementLineInput],
    reason: str = "",
    request: HttpRequest | None = None,
) -> RejectionSettlement:
    """The buyer's choice for rejected goods on one or more lines (one resolution for all of them).

    The quantities are marked as being settled at once, so the same rejected goods cannot be settled twice.
    To a supplier on Hansa a ``rejection_settlement`` goes out and the settlement waits for its answer; to
    one outside Hansa it is recorded as agreed at once (returns and short-closes close their quantity).

    Raises:
        PermissionMissing: actor lacks po.create.
        InvalidTransition: the order is not partly received (409).
        ValidationFailed: an unknown resolution, no lines, an unknown or repeated line, a quantity not
            above zero or with more than 4 decimals.
        NothingToSettle: a line has no rejected quantity left to settle, or less than asked (409, with
            ``line_no`` and ``settleable``).
    """
    actor.require("po.create")
    order = lock_order(order_id, documents=True)
    errors: Errors = {}
    if resolution not in Resolution.values:
        add_error(errors, "resolution", f"Use one of {', '.join(Resolution.values)}.")
    if not lines:
        add_error(errors, "lines", "Name at least one line with rejected goods.")
    order_lines = {line.line_no: line for line in order.lines.all()}
    seen: set[int] = set()
    for index, entry in enumerate(lines):
        if entry.line_no not in order_lines:
            add_error(errors, f"lines.{index}.line_no", f"The order has no line {entry.line_no}.")
        elif entry.line_no in seen:
            add_error(errors, f"lines.{index}.line_no", "This line is listed twice.")
        seen.add(entry.line_no)
        if entry.quantity is not None:
            if not entry.quantity.is_finite() or entry.quantity <= 0:
                add_error(errors, f"lines.{index}.quantity", "Must be greater than zero.")
            elif places_of(entry.quantity) > 4:
                add_error(errors, f"lines.{index}.quantity", "At most 4 decimals.")
    if errors:
        raise ValidationFailed(errors=errors)
    require_status(order, *SETTLEABLE_STATUSES, action="settle rejected goods on")
    chosen: list[tuple[PurchaseOrderLine, Decimal]] = []
    for entry in lines:
        line = order_lines[entry.line_no]
        left = settleable(line)
        quantity = entry.quantity if entry.quantity is not None else left
        if left <= 0 or quantity > left:
            raise NothingToSettle(
                detail=f"Line {line.line_no}: {decimal_text(left)} {line.unit} of rejected goods left to settle.",
                line_no=line.line_no,
                settleable=decimal_text(left) or "0",
            )
        chosen.append((line, quantity))
    settlement = RejectionSettlement.objects.create(
        order=order,
        settlement_id=uuid.uuid4(),
        resolution=resolution,
        return_number=next_number("rtn", "RTN") if resolution == Resolution.RETURN else "",
        reason=reason.strip(),
        lines=[{"line_no": line.line_no, "quantity": decimal_text(quantity)} for line, quantity in chosen],
        created_by=user_of(actor),
    )
    for line, quantity in chosen:
        line.quantity_settled += quantity
    PurchaseOrderLine.objects.bulk_update([line for line, _ in chosen], ["quantity_settled"])
    event_record(
        order,
        "settlement_requested",
        actor=actor,
        data={
            "settlement_id": str(settlement.settlement_id),
            "resolution": resolution,
            "return_number": settlement.return_number,
            "reason": settlement.reason,
            "lines": _lines_payload(settlement),
        },
    )
    if order.exchange_document_id is not None:
        settlement.document_id = documents.send_to_supplier(
            order,
            kind="rejection_settlement",
            payload={
                "po_number": order.number,
                "settlement_id": str(settlement.settlement_id),
                "resolution": resolution,
                "return_number": settlement.return_number,
                "reason": settlement.reason,
                "lines": _lines_payload(settlement),
            },
            refers_to=order.exchange_document_id,
        )
        settlement.save(update_fields=["document_id"])
    else:
        _apply_answer(order, settlement, accepted=True, reason="", actor=actor, recorded_by_buyer=True)
    audit(
        actor=actor,
        action="purchase_order.settlement_requested",
        order=order,
        request=request,
        after={
            "settlement_id": str(settlement.settlement_id),
            "resolution": resolution,
            "lines": settlement.lines,
            "status": settlement.status,
        },
    )
    return settlement


def _apply_answer(
    order: PurchaseOrder,
    settlement: RejectionSettlement,
    *,
    accepted: bool,
    reason: str,
    actor: Actor | None = None,
    label: str = "",
    document_id: uuid.UUID | None = None,
    recorded_by_buyer: bool = False,
) -> None:
    by_no = {line.line_no: line for line in order.lines.all()}
    touched = []
    for entry in settlement.lines:
        line = by_no[int(entry["line_no"])]
        quantity = Decimal(str(entry["quantity"]))
        if not accepted:
            line.quantity_settled -= quantity
        elif settlement.resolution != Resolution.REPLACEMENT:
            # Never close more than is open (a receipt may have come in meanwhile).
            line.quantity_closed += min(quantity, line.open_quantity)
        touched.append(line)
    PurchaseOrderLine.objects.bulk_update(touched, ["quantity_settled", "quantity_closed"])
    settlement.status = SettlementStatus.ACCEPTED if accepted else SettlementStatus.DECLINED
    settlement.response_reason = reason
    settlement.decided_at = timezone.now()
    settlement.response_document_id = document_id
    settlement.save(update_fields=["status", "response_reason", "decided_at", "response_document_id"])
    event_record(
        order,
        "settlement_accepted" if accepted else "settlement_declined",
        actor=actor,
        label=label,
        data={
            "settlement_id": str(settlement.settlement_id),
            "resolution": settlement.resolution,
            "return_number": settlement.return_number,
            "reason": reason,
            "lines": _lines_payload(settlement),
            **({"recorded_by_buyer": True} if recorded_by_buyer else {}),
        },
    )
    if accepted:
        finish_if_complete(order, actor=actor, label=label)


def settlement_response_received(
    *, document_id: uuid.UUID, sender_id: int, sender_name: str, payload: dict[str, Any]
) -> bool:
    """The supplier's answer to a settlement (ingestion, in the buyer's schema): False when it is not
    about a settlement of this company with that supplier. An answer to a settlement that is no longer
    pending changes nothing (``settlement_response_ignored`` on the timeline)."""
    settlement = (
        RejectionSettlement.objects.filter(settlement_id=payload["settlement_id"])
        .select_related("order")
        .first()
    )
    if settlement is None or settlement.order.supplier_company_id != sender_id:
        return False
    order = lock_order(settlement.order_id)
    settlement = RejectionSettlement.objects.select_for_update().get(pk=settlement.pk)
    if settlement.status != SettlementStatus.PENDING:
        event_record(
            order,
            "settlement_response_ignored",
            label=sender_name,
            data={"settlement_id": str(settlement.settlement_id), "status": settlement.status},
        )
        return True
    _apply_answer(
        order,
        settlement,
        accepted=bool(payload["accepted"]),
        reason=str(payload.get("reason") or ""),
        label=sender_name,
        document_id=document_id,
    )
    return True
