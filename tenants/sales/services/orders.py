"""Sales orders: from a buyer's purchase order or entered by hand; accept, reject, propose changes, cancel.

Every state change locks the order row first (``lock_order``), so a cancellation arriving while the order is
being accepted is applied before or after the acceptance, never in the middle: the order ends in one
consistent state. Orders that came from Hansa tell the buyer through trade documents, written in the same
transaction and delivered after commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from billing.meters import Meter
from billing.services.metering import usage_record
from identity.access import Actor
from kernel.errors import NotFound
from tenants.sales.exceptions import (
    NotFromHansa,
    NotManualOrder,
    OrderNotAwaitingAcceptance,
    OrderNotCancellable,
)
from tenants.sales.models import (
    CANCELLABLE,
    AmendmentKind,
    AmendmentStatus,
    Customer,
    OrderSource,
    OrderStatus,
    Party,
    SalesOrder,
    SalesOrderAmendment,
    SalesOrderLine,
)
from tenants.sales.services.common import (
    Errors,
    LineTerms,
    add_error,
    audit,
    check_currency,
    check_price,
    check_quantity,
    lock_order,
    next_number,
    raise_if,
    send_to_buyer,
)
from tenants.sales.services.customers import customer_for_buyer
from tenants.sales.services.fulfilment import Shortfall, rebalance_line, release_all

AWAITING = (OrderStatus.AWAITING_ACCEPTANCE,)


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _dec(value: Any, default: str = "0") -> Decimal:
    return Decimal(str(value if value not in (None, "") else default))


# From a purchase order ------------------------------------------------------------------------------------


def _this_company_id() -> int:
    """The supplier whose schema the ingestion runs in (ingestion has no request, only a schema)."""
    from kernel.tenancy import current_company, current_schema
    from tenants.models import Company

    company = current_company()
    if company is not None:
        return int(company.pk)
    return int(Company.objects.values_list("pk", flat=True).get(schema_name=current_schema()))


def order_from_purchase_order(
    *, document_id: uuid.UUID, sender_id: int, sender_name: str, payload: dict[str, Any]
) -> SalesOrder:
    """The sales order (awaiting acceptance) for a buyer's purchase order document.

    Runs in the supplier's schema inside the ingestion transaction. Idempotent: the order keeps the
    document id under a unique constraint, and a second delivery returns the order already made. The
    buyer's account is found by its company id, or made on its first order. Lines snapshot quantity,
    price and tax as ordered.

    The order counts against the supplier's sales orders of the month, but is never refused for it: a
    partner's order must not be lost (nor the buyer blocked by the supplier's plan), so it is counted
    past a hard limit (``enforce=False``) and the supplier is warned at 80% and 100% like any other use.
    """
    existing = SalesOrder.objects.filter(source_document_id=document_id).first()
    if existing is not None:
        return existing
    currency = str(payload.get("currency") or "")
    customer = customer_for_buyer(
        company_id=sender_id,
        name=sender_name,
        payment_terms=str(payload.get("payment_terms") or ""),
        currency=currency,
        contact=payload.get("buyer_contact") or {},
    )
    usage_record(company_id=_this_company_id(), meter=Meter.SALES_ORDERS, enforce=False)
    order = SalesOrder.objects.create(
        number=next_number("SO"),
        customer=customer,
        source=OrderSource.HANSA,
        source_document_id=document_id,
        buyer_company_id=sender_id,
        po_id=payload.get("po_id"),
        po_number=str(payload.get("po_number") or "")[:64],
        customer_reference=str(payload.get("po_number") or "")[:64],
        currency=currency,
        order_date=_date(payload.get("order_date")) or timezone.localdate(),
        requested_date=_date(payload.get("requested_date")),
        payment_terms=str(payload.get("payment_terms") or "")[:500],
        ship_to=str(payload.get("ship_to") or ""),
        notes=str(payload.get("notes") or ""),
        buyer_contact=payload.get("buyer_contact") or {},
        rfq_id=payload.get("rfq_id"),
    )
    SalesOrderLine.objects.bulk_create(
        [
            SalesOrderLine(
                order=order,
                line_no=int(line["line_no"]),
                sku=str(line.get("sku") or "")[:100] or f"LINE-{line['line_no']}",
                description=str(line.get("description") or "")[:1000],
                listing_id=line.get("listing_id"),
                unit=str(line.get("unit") or "pcs")[:32],
                ordered_quantity=_dec(line["quantity"]),
                ordered_unit_price=_dec(line.get("unit_price")),
                quantity=_dec(line["quantity"]),
                unit_price=_dec(line.get("unit_price")),
                tax_rate=_dec(line.get("tax_rate")),
                requested_date=_date(line.get("requested_date")) or _date(payload.get("requested_date")),
            )
            for line in payload.get("lines") or []
        ]
    )
    audit(actor=None, action="sales_order.received", target_id=order.pk, after={"po_number": order.po_number})
    return order


def order_for_document(refers_to: uuid.UUID | None, *, lock: bool = True) -> SalesOrder | None:
    """The order made from the purchase order document ``refers_to`` (locked), or None if it is not ours."""
    if refers_to is None:
        return None
    order_id = SalesOrder.objects.filter(source_document_id=refers_to).values_list("pk", flat=True).first()
    if order_id is None:
        return None
    return lock_order(order_id) if lock else SalesOrder.objects.get(pk=order_id)


# Entered by hand ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ManualLine:
    sku: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    description: str = ""
    tax_rate: Decimal = Decimal(0)
    requested_date: date | None = None


ORDER_FIELDS = (
    "currency",
    "order_date",
    "requested_date",
    "payment_terms",
    "ship_to",
    "notes",
    "customer_reference",
)


def _check_manual(errors: Errors, currency: str, lines: list[ManualLine]) -> None:
    check_currency(errors, "currency", currency)
    if not lines:
        add_error(errors, "lines", "Add at least one line.")
    for index, line in enumerate(lines):
        if not line.sku.strip():
            add_error(errors, f"lines.{index}.sku", "Give the item's SKU.")
        check_quantity(errors, f"lines.{index}.quantity", line.quantity)
        if currency:
            check_price(errors, f"lines.{index}.unit_price", line.unit_price, currency)
        if line.tax_rate < 0 or line.tax_rate > 100:
            add_error(errors, f"lines.{index}.tax_rate", "Use a percentage from 0 to 100.")


def _write_lines(order: SalesOrder, lines: list[ManualLine]) -> None:
    SalesOrderLine.objects.bulk_create(
        [
            SalesOrderLine(
                order=order,
                line_no=index,
                sku=line.sku.strip(),
                description=line.description,
                unit=line.unit,
                ordered_quantity=line.quantity,
                ordered_unit_price=line.unit_price,
                quantity=line.quantity,
                unit_price=line.unit_price,
                tax_rate=line.tax_rate,
                requested_date=line.requested_date or order.requested_date,
            )
            for index, line in enumerate(lines, start=1)
        ]
    )


@transaction.atomic
def manual_order_create(
    *,
    actor: Actor,
    customer_id: int,
    currency: str,
    lines: list[ManualLine],
    request: HttpRequest | None = None,
    **values: Any,
) -> SalesOrder:
    """A sales order for a customer outside Hansa (awaiting acceptance, like any order; no documents).

    Raises: PermissionMissing (so.manage), ValidationFailed (unknown customer, currency, bad lines: zero
    or negative quantities, a price with more decimals than the currency allows), QuotaExceeded (the
    plan's sales orders of this month are used up: 402 ``quota_exceeded``).
    """
    actor.require("so.manage")
    errors: Errors = {}
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None:
        add_error(errors, "customer_id", "No such customer.")
    _check_manual(errors, currency, lines)
    raise_if(errors)
    assert customer is not None
    values = {k: v for k, v in values.items() if k in ORDER_FIELDS}
    values.setdefault("payment_terms", customer.payment_terms)
    values["order_date"] = values.get("order_date") or timezone.localdate()
    usage_record(company_id=actor.company.pk, meter=Meter.SALES_ORDERS)
    order = SalesOrder.objects.create(
        number=next_number("SO"),
        customer=customer,
        source=OrderSource.MANUAL,
        currency=currency,
        created_by=actor.user,
        **values,
    )
    _write_lines(order, lines)
    audit(actor=actor, action="sales_order.created", target_id=order.pk, request=request)
    return order


@transaction.atomic
def manual_order_update(
    *,
    actor: Actor,
    order_id: int,
    lines: list[ManualLine] | None = None,
    request: HttpRequest | None = None,
    **values: Any,
) -> SalesOrder:
    """Edit an order entered by hand while it awaits acceptance (``lines`` replace all lines).

    Raises: PermissionMissing (so.manage), NotFound, NotManualOrder, OrderNotAwaitingAcceptance,
    ValidationFailed.
    """
    actor.require("so.manage")
    order = lock_order(order_id)
    if order.source != OrderSource.MANUAL:
        raise NotManualOrder()
    if order.status not in AWAITING:
        raise OrderNotAwaitingAcceptance()
    values = {k: v for k, v in values.items() if k in ORDER_FIELDS}
    currency = values.get("currency", order.currency)
    errors: Errors = {}
    if lines is not None:
        _check_manual(errors, currency, lines)
    else:
        check_currency(errors, "currency", currency)
        for line in order.lines.all():
            check_price(errors, "currency", line.unit_price, currency)
    raise_if(errors)
    for key, value in values.items():
        setattr(order, key, value)
    if "order_date" in values and values["order_date"] is None:
        order.order_date = timezone.localdate()
    order.save()
    if lines is not None:
        order.lines.all().delete()
        _write_lines(order, lines)
    audit(actor=actor, action="sales_order.updated", target_id=order.pk, request=request)
    return order


# Acceptance -----------------------------------------------------------------------------------------------


def promised(order: SalesOrder, line: SalesOrderLine) -> str | None:
    when = line.promised_date or line.requested_date or order.requested_date
    return when.isoformat() if when else None


def _response_lines(order: SalesOrder) -> list[dict[str, Any]]:
    return [
        {
            "line_no": line.line_no,
            "quantity": str(line.quantity),
            "unit_price": str(line.unit_price),
            "promised_date": promised(order, line),
        }
        for line in order.lines.all()
    ]


def _accept(order: SalesOrder, shortfalls: dict[int, Shortfall], actor: Actor | None) -> None:
    """Reserve stock for every line (a shortfall becomes a work order or back-order) and mark accepted."""
    for line in order.lines.all():
        if line.promised_date is None:
            line.promised_date = line.requested_date or order.requested_date
            line.save(update_fields=["promised_date"])
        rebalance_line(order=order, line=line, shortfall=shortfalls.get(line.line_no), actor=actor)
    order.status = OrderStatus.ACCEPTED
    order.accepted_at = timezone.now()
    order.save(update_fields=["status", "accepted_at", "updated_at"])


@transaction.atomic
def order_accept(
    *,
    actor: Actor,
    order_id: int,
    shortfalls: dict[int, Shortfall] | None = None,
    request: HttpRequest | None = None,
) -> SalesOrder:
    """Accept an order awaiting acceptance.

    Checks stock and reserves what is available for every line; for a shortfall, a make-to-order work
    order (default) or a back-order, per line as ``shortfalls`` says (line_no -> choice). Tells the buyer
    (order_response ``accept`` with the accepted terms).

    Raises: PermissionMissing (so.accept), NotFound, OrderNotAwaitingAcceptance (also when the order was
    cancelled first), ValidationFailed (a line_no the order does not have).
    """
    actor.require("so.accept")
    order = lock_order(order_id)
    if order.status not in AWAITING:
        raise OrderNotAwaitingAcceptance(detail=f"The order is {order.status}.")
    shortfalls = shortfalls or {}
    known = set(order.lines.values_list("line_no", flat=True))
    errors: Errors = {}
    for line_no in shortfalls:
        if line_no not in known:
            add_error(errors, "lines", f"The order has no line {line_no}.")
    raise_if(errors)
    _accept(order, shortfalls, actor)
    send_to_buyer(
        order=order,
        kind="order_response",
        payload=_order_response(order, action="accept", lines=_response_lines(order)),
    )
    audit(actor=actor, action="sales_order.accepted", target_id=order.pk, request=request)
    return order


def _order_response(
    order: SalesOrder, *, action: str, lines: list[dict[str, Any]], reason: str = ""
) -> dict[str, Any]:
    return {
        "po_number": order.po_number,
        "so_id": order.pk,
        "so_number": order.number,
        "action": action,
        "reason": reason,
        "lines": lines,
    }


@transaction.atomic
def order_reject(
    *, actor: Actor, order_id: int, reason: str, request: HttpRequest | None = None
) -> SalesOrder:
    """Reject an order awaiting acceptance, with a reason (told to the buyer).

    Raises: PermissionMissing (so.accept), NotFound, OrderNotAwaitingAcceptance, ValidationFailed (no reason).
    """
    actor.require("so.accept")
    order = lock_order(order_id)
    if order.status not in AWAITING:
        raise OrderNotAwaitingAcceptance(detail=f"The order is {order.status}.")
    reason = reason.strip()
    if not reason:
        raise_if({"reason": ["Say why the order is rejected."]})
    order.status = OrderStatus.REJECTED
    order.reject_reason = reason
    order.rejected_at = timezone.now()
    order.save(update_fields=["status", "reject_reason", "rejected_at", "updated_at"])
    send_to_buyer(
        order=order,
        kind="order_response",
        payload=_order_response(order, action="reject", lines=[], reason=reason),
    )
    audit(
        actor=actor,
        action="sales_order.rejected",
        target_id=order.pk,
        request=request,
        after={"reason": reason},
    )
    return order


def check_terms(
    errors: Errors, order: SalesOrder, terms: list[LineTerms], *, after_shipping: bool = False
) -> dict[int, SalesOrderLine]:
    """Field errors for changed line terms: a known line, each once, something changed, a positive
    quantity not below what is already shipped, a price in the currency's minor units."""
    lines = {line.line_no: line for line in order.lines.all()}
    if not terms:
        add_error(errors, "lines", "Change at least one line.")
    seen: set[int] = set()
    for index, term in enumerate(terms):
        field = f"lines.{index}"
        line = lines.get(term.line_no)
        if line is None:
            add_error(errors, f"{field}.line_no", f"The order has no line {term.line_no}.")
            continue
        if term.line_no in seen:
            add_error(errors, f"{field}.line_no", "This line is listed twice.")
        seen.add(term.line_no)
        if term.quantity is None and term.unit_price is None and term.date is None:
            add_error(errors, field, "Change the quantity, the price or the date.")
        if term.quantity is not None:
            check_quantity(errors, f"{field}.quantity", term.quantity)
            if after_shipping and term.quantity < line.shipped_quantity:
                add_error(
                    errors, f"{field}.quantity", f"{line.shipped_quantity} {line.unit} are already shipped."
                )
        if term.unit_price is not None:
            check_price(errors, f"{field}.unit_price", term.unit_price, order.currency)
    return lines


def terms_before(lines: dict[int, SalesOrderLine], terms: list[LineTerms]) -> list[dict[str, Any]]:
    return [
        LineTerms(
            line_no=t.line_no,
            quantity=lines[t.line_no].quantity,
            unit_price=lines[t.line_no].unit_price,
            date=lines[t.line_no].promised_date or lines[t.line_no].requested_date,
        ).as_json()
        for t in terms
    ]


def next_version(order: SalesOrder) -> int:
    last = order.amendments.order_by("-version").values_list("version", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def order_propose(
    *,
    actor: Actor,
    order_id: int,
    terms: list[LineTerms],
    reason: str = "",
    request: HttpRequest | None = None,
) -> SalesOrderAmendment:
    """Propose other terms (quantity, price, date per line) instead of accepting as ordered.

    The order becomes ``changes_proposed`` and the buyer gets an order_response ``propose`` with the full
    proposed terms of every line. The buyer's change_response decides: accepted -> the order takes the
    terms and is accepted; rejected -> it awaits acceptance again, the proposal marked rejected.

    Raises: PermissionMissing (so.accept), NotFound, NotFromHansa (an order entered by hand: edit it
    instead), OrderNotAwaitingAcceptance, ValidationFailed.
    """
    actor.require("so.accept")
    order = lock_order(order_id)
    if order.status not in AWAITING:
        raise OrderNotAwaitingAcceptance(detail=f"The order is {order.status}.")
    if not order.from_hansa:
        raise NotFromHansa()
    errors: Errors = {}
    lines = check_terms(errors, order, terms)
    raise_if(errors)
    changed = {t.line_no: t for t in terms}
    proposed = []
    for line_no, line in sorted(lines.items()):
        term = changed.get(line_no, LineTerms(line_no=line_no))
        when = term.date or line.promised_date or line.requested_date or order.requested_date
        proposed.append(
            {
                "line_no": line_no,
                "quantity": str(term.quantity if term.quantity is not None else line.quantity),
                "unit_price": str(term.unit_price if term.unit_price is not None else line.unit_price),
                "promised_date": when.isoformat() if when else None,
            }
        )
    amendment = SalesOrderAmendment.objects.create(
        order=order,
        version=next_version(order),
        kind=AmendmentKind.PROPOSAL,
        change_id=uuid.uuid4(),
        proposed_by=Party.SUPPLIER,
        reason=reason.strip(),
        lines=[t.as_json() for t in terms],
        before=terms_before(lines, terms),
        proposed_by_user=actor.user,
    )
    amendment.document_id = send_to_buyer(
        order=order,
        kind="order_response",
        payload=_order_response(order, action="propose", lines=proposed, reason=amendment.reason),
    )
    amendment.save(update_fields=["document_id"])
    order.status = OrderStatus.CHANGES_PROPOSED
    order.save(update_fields=["status", "updated_at"])
    audit(
        actor=actor,
        action="sales_order.changes_proposed",
        target_id=order.pk,
        request=request,
        after={"version": amendment.version, "lines": amendment.lines},
    )
    return amendment


def apply_terms(order: SalesOrder, amendment: SalesOrderAmendment) -> None:
    """Write the amendment's line terms onto the order's lines (the caller rebalances stock if needed)."""
    lines = {line.line_no: line for line in order.lines.all()}
    for term in amendment.lines:
        line = lines.get(int(term["line_no"]))
        if line is None:
            continue
        if term.get("quantity") is not None:
            line.quantity = Decimal(term["quantity"])
        if term.get("unit_price") is not None:
            line.unit_price = Decimal(term["unit_price"])
        if term.get("date"):
            line.promised_date = date.fromisoformat(term["date"])
        line.save(update_fields=["quantity", "unit_price", "promised_date"])


def proposal_answered(
    *, order: SalesOrder, amendment: SalesOrderAmendment, accepted: bool, reason: str, document_id: uuid.UUID
) -> None:
    """The buyer's change_response to a proposal made before acceptance (the order is locked by the caller).

    Accepted: the order takes the proposed terms and is accepted (stock reserved; shortfalls become work
    orders). Rejected: the proposal is marked rejected and the order awaits acceptance again. An order that
    was cancelled meanwhile only records the answer.
    """
    amendment.response_reason = reason
    amendment.response_document_id = document_id
    amendment.decided_at = timezone.now()
    if order.status != OrderStatus.CHANGES_PROPOSED:
        amendment.status = AmendmentStatus.SUPERSEDED
    elif accepted:
        amendment.status = AmendmentStatus.ACCEPTED
        apply_terms(order, amendment)
        _accept(order, {}, None)
    else:
        amendment.status = AmendmentStatus.REJECTED
        order.status = OrderStatus.AWAITING_ACCEPTANCE
        order.save(update_fields=["status", "updated_at"])
    amendment.save(update_fields=["status", "response_reason", "response_document_id", "decided_at"])
    audit(
        actor=None,
        action=f"sales_order.proposal_{amendment.status}",
        target_id=order.pk,
        after={"version": amendment.version, "reason": reason},
    )


# Cancellation ---------------------------------------------------------------------------------------------


def _cancel(order: SalesOrder, *, reason: str, by: str) -> None:
    release_all(order)
    order.amendments.filter(status=AmendmentStatus.PENDING).update(
        status=AmendmentStatus.SUPERSEDED, decided_at=timezone.now()
    )
    order.status = OrderStatus.CANCELLED
    order.cancel_reason = reason
    order.cancelled_by = by
    order.cancelled_at = timezone.now()
    order.save(update_fields=["status", "cancel_reason", "cancelled_by", "cancelled_at", "updated_at"])


@transaction.atomic
def order_cancel(
    *, actor: Actor, order_id: int, reason: str, request: HttpRequest | None = None
) -> SalesOrder:
    """Cancel an order that has not shipped anything: reservations are released, open work orders and
    back-orders cancelled, and the buyer told (cancellation document).

    Raises: PermissionMissing (so.manage), NotFound, OrderNotCancellable (shipping started, or closed),
    ValidationFailed (no reason).
    """
    actor.require("so.manage")
    order = lock_order(order_id)
    if order.status not in CANCELLABLE:
        raise OrderNotCancellable(detail=f"The order is {order.status}.")
    reason = reason.strip()
    if not reason:
        raise_if({"reason": ["Say why the order is cancelled."]})
    _cancel(order, reason=reason, by=Party.SUPPLIER)
    send_to_buyer(
        order=order,
        kind="cancellation",
        payload={"po_number": order.po_number, "reason": reason, "cancelled_by": Party.SUPPLIER},
    )
    audit(
        actor=actor,
        action="sales_order.cancelled",
        target_id=order.pk,
        request=request,
        after={"reason": reason},
    )
    return order


def cancellation_received(*, order: SalesOrder, reason: str) -> None:
    """The buyer cancelled (the order is locked by the caller). Before shipping the order is cancelled and
    its stock released; once shipping started, or when it is closed, the request is only recorded."""
    if order.status == OrderStatus.CANCELLED:
        return
    if order.status in CANCELLABLE:
        _cancel(order, reason=reason, by=Party.BUYER)
        audit(
            actor=None,
            action="sales_order.cancelled",
            target_id=order.pk,
            after={"reason": reason, "by": "buyer"},
        )
    else:
        order.cancellation_refused_reason = reason or "(no reason given)"
        order.save(update_fields=["cancellation_refused_reason", "updated_at"])
        audit(
            actor=None,
            action="sales_order.cancellation_refused",
            target_id=order.pk,
            after={"reason": reason, "status": order.status},
        )


def order_get(order_id: int) -> SalesOrder:
    order = SalesOrder.objects.filter(pk=order_id).first()
    if order is None:
        raise NotFound()
    return order
