"""Settling goods the buyer rejected on receipt: the buyer's ``rejection_settlement`` (a replacement
shipment, a return, or a short-close, per line) and the supplier's answer, a ``settlement_response``.

Accepted, a replacement reopens the line for the quantity (``replacement_quantity``: shipped on top of the
agreed quantity, with stock reserved or a work order for what is missing) and the order goes back to
partly shipped; a return or a short-close just settles the rejected quantity. Either way the quantity
counts as settled (``settled_quantity``), and the order completes once everything due is shipped and
accounted for and nothing rejected is left unsettled. Declined (a reason is required), the buyer may
choose again.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from kernel.errors import NotFound, ValidationFailed
from tenants.sales.exceptions import SettlementNotPending
from tenants.sales.models import (
    RejectionSettlement,
    SalesOrder,
    SalesOrderLine,
    SettlementStatus,
)
from tenants.sales.services.common import audit, lock_order, send_to_buyer
from tenants.sales.services.fulfilment import rebalance_line
from tenants.sales.services.shipments import refresh_progress

ZERO = Decimal(0)


def _pending_quantity(order: SalesOrder, line_no: int) -> Decimal:
    total = ZERO
    for settlement in order.settlements.filter(status=SettlementStatus.PENDING):
        for entry in settlement.lines:
            if int(entry["line_no"]) == line_no:
                total += Decimal(str(entry["quantity"]))
    return total


def _unfit(order: SalesOrder, lines: list[dict[str, Any]]) -> str:
    """Why the settlement cannot apply to the order ('' when it can)."""
    by_no = {line.line_no: line for line in order.lines.all()}
    for entry in lines:
        line = by_no.get(int(entry["line_no"]))
        if line is None:
            return f"The order has no line {entry['line_no']}."
        left = line.rejected_quantity - line.settled_quantity - _pending_quantity(order, line.line_no)
        if Decimal(str(entry["quantity"])) > left:
            return f"Line {line.line_no}: only {left.normalize():f} {line.unit} rejected and not yet settled."
    return ""


def _respond(order: SalesOrder, settlement: RejectionSettlement, *, accepted: bool, reason: str) -> None:
    if settlement.document_id is None:
        return
    settlement.response_document_id = send_to_buyer(
        order=order,
        kind="settlement_response",
        payload={
            "po_number": order.po_number,
            "settlement_id": str(settlement.settlement_id),
            "accepted": accepted,
            "reason": reason,
        },
        refers_to=settlement.document_id,
    )


def settlement_received(
    *, order: SalesOrder, document_id: uuid.UUID, payload: dict[str, Any]
) -> RejectionSettlement:
    """Record the buyer's settlement (the order is locked by the caller). One that cannot apply (unknown
    line, more than is rejected and unsettled) is declined at once with the reason; a redelivered document
    returns the settlement already recorded."""
    existing = RejectionSettlement.objects.filter(document_id=document_id).first()
    if existing is not None:
        return existing
    lines = [{"line_no": int(e["line_no"]), "quantity": str(e["quantity"])} for e in payload["lines"]]
    problem = _unfit(order, lines)
    try:
        with transaction.atomic():
            settlement = RejectionSettlement.objects.create(
                order=order,
                settlement_id=payload["settlement_id"],
                document_id=document_id,
                resolution=payload["resolution"],
                return_number=str(payload.get("return_number") or ""),
                reason=str(payload.get("reason") or ""),
                lines=lines,
            )
    except IntegrityError:  # the same settlement id in another document: keep the first
        return RejectionSettlement.objects.get(settlement_id=payload["settlement_id"])
    if problem:
        settlement.status = SettlementStatus.DECLINED
        settlement.response_reason = problem
        settlement.decided_at = timezone.now()
        _respond(order, settlement, accepted=False, reason=problem)
        settlement.save(update_fields=["status", "response_reason", "decided_at", "response_document_id"])
    audit(
        actor=None,
        action="sales_order.settlement_received",
        target_id=order.pk,
        after={
            "settlement_id": str(settlement.settlement_id),
            "resolution": settlement.resolution,
            "lines": lines,
            "status": settlement.status,
        },
    )
    return settlement


def _locked(order_id: int, settlement_id: int) -> tuple[SalesOrder, RejectionSettlement]:
    order = lock_order(order_id)
    settlement = RejectionSettlement.objects.select_for_update().filter(pk=settlement_id, order=order).first()
    if settlement is None:
        raise NotFound()
    if settlement.status != SettlementStatus.PENDING:
        raise SettlementNotPending(status_now=settlement.status)
    return order, settlement


@transaction.atomic
def settlement_accept(
    *, actor: Actor, order_id: int, settlement_id: int, request: HttpRequest | None = None
) -> RejectionSettlement:
    """Agree to the buyer's settlement: the rejected quantity is settled; for a replacement the line is
    reopened for it (stock reserved, or a work order for what is missing) and the order goes back to
    partly shipped. The buyer gets a ``settlement_response`` (accepted).

    Raises:
        PermissionMissing: actor lacks so.accept.
        NotFound: no such order or settlement.
        SettlementNotPending: it was answered already (409).
    """
    actor.require("so.accept")
    order, settlement = _locked(order_id, settlement_id)
    by_no = {line.line_no: line for line in order.lines.all()}
    replaced: list[SalesOrderLine] = []
    for entry in settlement.lines:
        line = by_no[int(entry["line_no"])]
        quantity = Decimal(str(entry["quantity"]))
        line.settled_quantity += quantity
        fields = ["settled_quantity"]
        if settlement.resolution == "replacement":
            line.replacement_quantity += quantity
            fields.append("replacement_quantity")
            replaced.append(line)
        line.save(update_fields=fields)
    for line in replaced:
        rebalance_line(order=order, line=line, actor=actor)
    settlement.status = SettlementStatus.ACCEPTED
    settlement.decided_at = timezone.now()
    settlement.decided_by = actor.user if actor.user is not None and actor.user.pk else None
    _respond(order, settlement, accepted=True, reason="")
    settlement.save(update_fields=["status", "decided_at", "decided_by", "response_document_id"])
    refresh_progress(order, reopen=bool(replaced))
    audit(
        actor=actor,
        action="sales_order.settlement_accepted",
        target_id=order.pk,
        request=request,
        after={
            "settlement_id": str(settlement.settlement_id),
            "resolution": settlement.resolution,
            "status": order.status,
        },
    )
    return settlement


@transaction.atomic
def settlement_decline(
    *, actor: Actor, order_id: int, settlement_id: int, reason: str, request: HttpRequest | None = None
) -> RejectionSettlement:
    """Decline the buyer's settlement with a reason; the buyer may choose again.

    Raises:
        PermissionMissing: actor lacks so.accept.
        ValidationFailed: no reason.
        NotFound / SettlementNotPending: as settlement_accept.
    """
    actor.require("so.accept")
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Say why the settlement is declined."]})
    order, settlement = _locked(order_id, settlement_id)
    settlement.status = SettlementStatus.DECLINED
    settlement.response_reason = reason
    settlement.decided_at = timezone.now()
    settlement.decided_by = actor.user if actor.user is not None and actor.user.pk else None
    _respond(order, settlement, accepted=False, reason=reason)
    settlement.save(
        update_fields=["status", "response_reason", "decided_at", "decided_by", "response_document_id"]
    )
    audit(
        actor=actor,
        action="sales_order.settlement_declined",
        target_id=order.pk,
        request=request,
        after={"settlement_id": str(settlement.settlement_id), "reason": reason},
    )
    return settlement
