"""Order changes after acceptance: versioned amendments that either side proposes and both must accept.

Every proposal is kept (``SalesOrderAmendment``: version, who proposed, the line terms and the terms
before, status). The supplier proposes through the API and the buyer answers with a change_response; the
buyer proposes with a change_request and the supplier answers through the API. At most one change the
supplier proposed waits at a time. For an order entered by hand the customer is not on Hansa: a change the
supplier records is taken as agreed.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from kernel.errors import NotFound, ValidationFailed
from tenants.sales.exceptions import (
    AmendmentNotPending,
    AmendmentNotYours,
    AmendmentPending,
    OrderClosed,
    OrderNotAccepted,
)
from tenants.sales.models import (
    CLOSED,
    OPEN_FOR_AMENDMENT,
    AmendmentKind,
    AmendmentStatus,
    Party,
    SalesOrder,
    SalesOrderAmendment,
)
from tenants.sales.services.common import Errors, LineTerms, audit, lock_order, raise_if, send_to_buyer
from tenants.sales.services.fulfilment import rebalance_line
from tenants.sales.services.orders import (
    apply_terms,
    check_terms,
    next_version,
    proposal_answered,
    terms_before,
)
from tenants.sales.services.shipments import refresh_progress


def _apply(order: SalesOrder, amendment: SalesOrderAmendment, actor: Actor | None) -> None:
    """Apply accepted terms; an accepted order's stock cover follows the new quantities."""
    apply_terms(order, amendment)
    if order.status in OPEN_FOR_AMENDMENT:
        changed = {int(t["line_no"]) for t in amendment.lines if t.get("quantity") is not None}
        for line in order.lines.filter(line_no__in=changed):
            rebalance_line(order=order, line=line, actor=actor)
        refresh_progress(order)


def _applicable(order: SalesOrder, amendment: SalesOrderAmendment) -> str:
    """Why the amendment can no longer be applied to the order as it is now ('' when it can)."""
    if order.status in CLOSED:
        return f"The order is {order.status}."
    errors: Errors = {}
    check_terms(errors, order, terms_of(amendment), after_shipping=True)
    return "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())


def terms_of(amendment: SalesOrderAmendment) -> list[LineTerms]:
    return [
        LineTerms(
            line_no=int(t["line_no"]),
            quantity=Decimal(t["quantity"]) if t.get("quantity") is not None else None,
            unit_price=Decimal(t["unit_price"]) if t.get("unit_price") is not None else None,
            date=date.fromisoformat(t["date"]) if t.get("date") else None,
        )
        for t in amendment.lines
    ]


def _change_request(order: SalesOrder, amendment: SalesOrderAmendment) -> dict[str, Any]:
    return {
        "po_number": order.po_number,
        "change_id": str(amendment.change_id),
        "version": amendment.version,
        "proposed_by": amendment.proposed_by,
        "reason": amendment.reason,
        "lines": [
            {
                "line_no": t["line_no"],
                "quantity": t["quantity"],
                "unit_price": t["unit_price"],
                "requested_date": t["date"],
            }
            for t in amendment.lines
        ],
    }


def _require_open(order: SalesOrder) -> None:
    if order.status in CLOSED:
        raise OrderClosed(detail=f"The order is {order.status}.")
    if order.status not in OPEN_FOR_AMENDMENT:
        raise OrderNotAccepted(detail=f"The order is {order.status}.")


@transaction.atomic
def amendment_propose(
    *,
    actor: Actor,
    order_id: int,
    terms: list[LineTerms],
    reason: str = "",
    request: HttpRequest | None = None,
) -> SalesOrderAmendment:
    """Propose changed terms of an accepted order (quantity not below what is shipped, price, date).

    The buyer gets a change_request and answers with a change_response. An order entered by hand takes the
    change at once (the customer agreed outside Hansa).

    Raises:
        PermissionMissing: actor lacks so.accept.
        NotFound: no such order.
        OrderClosed: the order is shipped, completed, rejected or cancelled (409 ``order_closed``).
        OrderNotAccepted: not accepted yet (use the order response's proposal instead).
        AmendmentPending: a change the supplier proposed still waits for the buyer.
        ValidationFailed: unknown lines, nothing changed, bad quantities or prices.
    """
    actor.require("so.accept")
    order = lock_order(order_id)
    _require_open(order)
    if order.amendments.filter(status=AmendmentStatus.PENDING, proposed_by=Party.SUPPLIER).exists():
        raise AmendmentPending()
    errors: Errors = {}
    lines = check_terms(errors, order, terms, after_shipping=True)
    raise_if(errors)
    amendment = SalesOrderAmendment.objects.create(
        order=order,
        version=next_version(order),
        kind=AmendmentKind.CHANGE,
        change_id=uuid.uuid4(),
        proposed_by=Party.SUPPLIER,
        reason=reason.strip(),
        lines=[t.as_json() for t in terms],
        before=terms_before(lines, terms),
        proposed_by_user=actor.user,
    )
    if order.from_hansa:
        amendment.document_id = send_to_buyer(
            order=order, kind="change_request", payload=_change_request(order, amendment)
        )
        amendment.save(update_fields=["document_id"])
    else:
        amendment.status = AmendmentStatus.ACCEPTED
        amendment.decided_at = timezone.now()
        amendment.decided_by_user = actor.user
        amendment.response_reason = "Agreed with the customer outside Hansa."
        amendment.save(update_fields=["status", "decided_at", "decided_by_user", "response_reason"])
        _apply(order, amendment, actor)
    audit(
        actor=actor,
        action="sales_order.change_proposed",
        target_id=order.pk,
        request=request,
        after={"version": amendment.version, "lines": amendment.lines, "status": amendment.status},
    )
    return amendment


def _buyers_pending(order: SalesOrder, amendment_id: int) -> SalesOrderAmendment:
    amendment = SalesOrderAmendment.objects.filter(pk=amendment_id, order=order).first()
    if amendment is None:
        raise NotFound()
    if amendment.status != AmendmentStatus.PENDING:
        raise AmendmentNotPending(detail=f"It is {amendment.status}.")
    if amendment.proposed_by != Party.BUYER:
        raise AmendmentNotYours()
    return amendment


def _respond(order: SalesOrder, amendment: SalesOrderAmendment, *, accepted: bool, reason: str) -> None:
    if amendment.document_id is None:
        return
    send_to_buyer(
        order=order,
        kind="change_response",
        payload={
            "po_number": order.po_number,
            "change_id": str(amendment.change_id),
            "accepted": accepted,
            "reason": reason,
        },
        refers_to=amendment.document_id,
    )


@transaction.atomic
def amendment_accept(
    *, actor: Actor, order_id: int, amendment_id: int, request: HttpRequest | None = None
) -> SalesOrderAmendment:
    """Accept the buyer's proposed change: the order takes the terms (stock cover follows) and the buyer
    gets a change_response ``accepted``.

    Raises: PermissionMissing (so.accept), NotFound, AmendmentNotPending, AmendmentNotYours (a supplier
    proposal), OrderClosed, ValidationFailed (the change no longer fits, e.g. below what is shipped).
    """
    actor.require("so.accept")
    order = lock_order(order_id)
    amendment = _buyers_pending(order, amendment_id)
    if order.status in CLOSED:
        raise OrderClosed(detail=f"The order is {order.status}.")
    problem = _applicable(order, amendment)
    if problem:
        raise ValidationFailed(detail=problem, errors={"lines": [problem]})
    amendment.status = AmendmentStatus.ACCEPTED
    amendment.decided_at = timezone.now()
    amendment.decided_by_user = actor.user
    amendment.save(update_fields=["status", "decided_at", "decided_by_user"])
    _apply(order, amendment, actor)
    _respond(order, amendment, accepted=True, reason="")
    audit(
        actor=actor,
        action="sales_order.change_accepted",
        target_id=order.pk,
        request=request,
        after={"version": amendment.version, "lines": amendment.lines},
    )
    return amendment


@transaction.atomic
def amendment_reject(
    *, actor: Actor, order_id: int, amendment_id: int, reason: str, request: HttpRequest | None = None
) -> SalesOrderAmendment:
    """Reject the buyer's proposed change with a reason (the buyer gets a change_response ``rejected``).

    Raises: PermissionMissing (so.accept), NotFound, AmendmentNotPending, AmendmentNotYours,
    ValidationFailed (no reason).
    """
    actor.require("so.accept")
    order = lock_order(order_id)
    amendment = _buyers_pending(order, amendment_id)
    reason = reason.strip()
    if not reason:
        raise_if({"reason": ["Say why the change is rejected."]})
    amendment.status = AmendmentStatus.REJECTED
    amendment.response_reason = reason
    amendment.decided_at = timezone.now()
    amendment.decided_by_user = actor.user
    amendment.save(update_fields=["status", "response_reason", "decided_at", "decided_by_user"])
    _respond(order, amendment, accepted=False, reason=reason)
    audit(
        actor=actor,
        action="sales_order.change_rejected",
        target_id=order.pk,
        request=request,
        after={"version": amendment.version, "reason": reason},
    )
    return amendment


# Documents from the buyer -----------------------------------------------------------------------------------


def _terms_from_payload(lines: list[dict[str, Any]]) -> list[LineTerms]:
    terms = []
    for entry in lines:
        try:
            quantity = entry.get("quantity")
            price = entry.get("unit_price")
            when = entry.get("requested_date")
            terms.append(
                LineTerms(
                    line_no=int(entry.get("line_no") or 0),
                    quantity=Decimal(str(quantity)) if quantity not in (None, "") else None,
                    unit_price=Decimal(str(price)) if price not in (None, "") else None,
                    date=date.fromisoformat(str(when)[:10]) if when else None,
                )
            )
        except (InvalidOperation, ValueError, TypeError):
            terms.append(LineTerms(line_no=0))
    return terms


def change_request_received(
    *, order: SalesOrder, document_id: uuid.UUID, payload: dict[str, Any]
) -> SalesOrderAmendment:
    """The buyer proposes a change (the order is locked by the caller). It is kept as a pending amendment
    for the supplier to answer; a change that cannot apply (a closed order, unknown lines, a quantity
    below what is shipped, a price beyond the currency's decimals) is rejected at once with the reason."""
    existing = SalesOrderAmendment.objects.filter(document_id=document_id).first()
    if existing is not None:
        return existing
    terms = _terms_from_payload(payload.get("lines") or [])
    errors: Errors = {}
    lines = check_terms(errors, order, terms, after_shipping=True)
    known = [t for t in terms if t.line_no in lines]
    try:
        change_id = uuid.UUID(str(payload.get("change_id")))
    except ValueError:
        change_id = uuid.uuid4()
    amendment = SalesOrderAmendment.objects.create(
        order=order,
        version=next_version(order),
        kind=AmendmentKind.CHANGE,
        change_id=change_id,
        proposed_by=Party.BUYER,
        reason=str(payload.get("reason") or ""),
        lines=[t.as_json() for t in terms],
        before=terms_before(lines, known),
        document_id=document_id,
    )
    problem = f"The order is {order.status}." if order.status in CLOSED else ""
    problem = problem or "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
    if problem:
        amendment.status = AmendmentStatus.REJECTED
        amendment.response_reason = problem
        amendment.decided_at = timezone.now()
        amendment.save(update_fields=["status", "response_reason", "decided_at"])
        _respond(order, amendment, accepted=False, reason=problem)
    audit(
        actor=None,
        action="sales_order.change_requested",
        target_id=order.pk,
        after={"version": amendment.version, "status": amendment.status, "reason": problem},
    )
    return amendment


def change_response_received(
    *, refers_to: uuid.UUID | None, document_id: uuid.UUID, payload: dict[str, Any]
) -> SalesOrderAmendment | None:
    """The buyer's answer to a proposal of the supplier: before acceptance (answering the order_response
    ``propose``) or after it (answering a change_request). None when the document it answers is not one of
    this company's sales proposals."""
    if refers_to is None:
        return None
    order_id = (
        SalesOrderAmendment.objects.filter(document_id=refers_to, proposed_by=Party.SUPPLIER)
        .values_list("order_id", flat=True)
        .first()
    )
    if order_id is None:
        return None
    order = lock_order(order_id)
    amendment = SalesOrderAmendment.objects.select_for_update().get(document_id=refers_to)
    if amendment.status != AmendmentStatus.PENDING:
        return amendment
    accepted = bool(payload.get("accepted"))
    reason = str(payload.get("reason") or "")
    if amendment.kind == AmendmentKind.PROPOSAL:
        proposal_answered(
            order=order, amendment=amendment, accepted=accepted, reason=reason, document_id=document_id
        )
        return amendment
    amendment.response_reason = reason
    amendment.response_document_id = document_id
    amendment.decided_at = timezone.now()
    problem = _applicable(order, amendment) if accepted else ""
    if problem:
        amendment.status = AmendmentStatus.SUPERSEDED
        amendment.response_reason = f"{reason} (not applied: {problem})".strip()
    else:
        amendment.status = AmendmentStatus.ACCEPTED if accepted else AmendmentStatus.REJECTED
    amendment.save(update_fields=["status", "response_reason", "response_document_id", "decided_at"])
    if amendment.status == AmendmentStatus.ACCEPTED:
        _apply(order, amendment, None)
    audit(
        actor=None,
        action=f"sales_order.change_{amendment.status}",
        target_id=order.pk,
        after={"version": amendment.version, "reason": reason},
    )
    return amendment
