"""Purchase orders: create and edit drafts, submit for approval, send, acknowledge, cancel, close.

Status changes happen only here (and in approvals, receipts and changes), each after its checks, with the
order row locked, an event on the order's timeline and an audit entry. ``po_create_from_award`` makes
draft orders from an RFQ award.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from billing.meters import Meter
from billing.services.metering import usage_record
from identity.access import Actor
from kernel.errors import ValidationFailed
from kernel.iso import CURRENCIES, currency_minor_units
from tenants.models import Company, CompanyStatus
from tenants.procurement.exceptions import (
    OrderNotEditable,
    PriceTooPrecise,
    SupplierOnHansa,
)
from tenants.procurement.models import ChangeStatus, PoStatus, PurchaseOrder, PurchaseOrderLine
from tenants.procurement.services import approvals, documents, rates
from tenants.procurement.services.common import (
    Errors,
    add_error,
    audit,
    event_record,
    lock_order,
    money,
    places_of,
    principal_id,
    principal_of,
    require_status,
    set_totals,
    this_company,
)

MAX_LINES = 500
QUANTITY_PLACES = 4
MAX_AMOUNT = Decimal("1e13")


@dataclass(frozen=True)
class LineInput:
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    tax_rate: Decimal = Decimal(0)
    sku: str = ""
    requested_date: date | None = None
    item_id: int | None = None
    listing_id: int | None = None
    rfq_line_id: int | None = None
    rfq_award_id: int | None = None
    source: dict[str, Any] = field(default_factory=dict)


def _check_lines(lines: list[LineInput], *, currency: str, errors: Errors, prefix: str = "lines") -> None:
    """Field errors of the lines; price precision errors are collected apart (``price_precision``)."""
    if not 1 <= len(lines) <= MAX_LINES:
        add_error(errors, prefix, f"Give from 1 to {MAX_LINES} lines.")
    item_ids: set[int] = {line.item_id for line in lines if line.item_id is not None}
    known_items = _known_items(item_ids) if item_ids else set()
    for index, line in enumerate(lines):
        name = f"{prefix}.{index}"
        if not line.description.strip() and not line.sku.strip():
            add_error(errors, f"{name}.description", "Describe the item or give its SKU.")
        if not line.unit.strip():
            add_error(errors, f"{name}.unit", "Give the unit.")
        if not line.quantity.is_finite() or line.quantity <= 0:
            add_error(errors, f"{name}.quantity", "Must be greater than zero.")
        elif line.quantity >= MAX_AMOUNT or places_of(line.quantity) > QUANTITY_PLACES:
            add_error(errors, f"{name}.quantity", f"At most {QUANTITY_PLACES} decimals and below 10^13.")
        if not line.unit_price.is_finite() or line.unit_price < 0:
            add_error(errors, f"{name}.unit_price", "Must not be negative.")
        elif line.unit_price >= MAX_AMOUNT:
            add_error(errors, f"{name}.unit_price", "Too large.")
        if not line.tax_rate.is_finite() or not 0 <= line.tax_rate <= 100 or places_of(line.tax_rate) > 2:
            add_error(errors, f"{name}.tax_rate", "A percentage from 0 to 100 with at most 2 decimals.")
        if line.item_id is not None and line.item_id not in known_items:
            add_error(errors, f"{name}.item_id", "No such inventory item.")


def _check_precision(lines: list[LineInput], *, currency: str, prefix: str = "lines") -> None:
    allowed = currency_minor_units(currency)
    errors: Errors = {}
    for index, line in enumerate(lines):
        if line.unit_price.is_finite() and places_of(line.unit_price) > allowed:
            add_error(
                errors,
                f"{prefix}.{index}.unit_price",
                f"{currency} allows at most {allowed} decimal{'s' if allowed != 1 else ''}.",
            )
    if errors:
        raise PriceTooPrecise(errors=errors)


def _known_items(item_ids: set[int]) -> set[int]:
    from tenants.inventory.models import Item

    return set(Item.objects.filter(pk__in=item_ids).values_list("pk", flat=True))


def _line_rows(order: PurchaseOrder, lines: list[LineInput]) -> list[PurchaseOrderLine]:
    return [
        PurchaseOrderLine(
            order=order,
            line_no=index,
            sku=line.sku.strip(),
            description=line.description.strip() or line.sku.strip(),
            item_id=line.item_id,
            listing_id=line.listing_id,
            quantity=line.quantity,
            unit=line.unit.strip(),
            unit_price=line.unit_price,
            tax_rate=line.tax_rate,
            requested_date=line.requested_date,
            rfq_line_id=line.rfq_line_id,
            rfq_award_id=line.rfq_award_id,
            source=line.source,
        )
        for index, line in enumerate(lines, start=1)
    ]


@dataclass(frozen=True)
class Supplier:
    company: Company | None
    name: str
    email: str


def _supplier(
    *, supplier_company_id: int | None, supplier_name: str, supplier_email: str, errors: Errors
) -> Supplier | None:
    if supplier_company_id is not None:
        company = Company.objects.filter(pk=supplier_company_id, status=CompanyStatus.ACTIVE).first()
        if company is None:
            add_error(errors, "supplier_id", "No active company on Hansa has this id.")
            return None
        if company.pk == this_company().pk:
            add_error(errors, "supplier_id", "A company cannot order from itself.")
            return None
        return Supplier(company, company.name, supplier_email.strip())
    name, email = supplier_name.strip(), supplier_email.strip()
    if not name:
        add_error(errors, "supplier_name", "Name the supplier, or choose one on Hansa.")
    if not email:
        add_error(errors, "supplier_email", "A supplier outside Hansa receives the order by e-mail.")
    return Supplier(None, name, email) if name and email else None


def _rate(currency: str, exchange_rate: Decimal | None, errors: Errors) -> Decimal:
    home = this_company().default_currency or currency
    if currency == home:
        if exchange_rate is not None and exchange_rate != 1:
            add_error(
                errors, "exchange_rate", f"The order is in the company's currency ({home}): leave it out."
            )
        return Decimal(1)
    if exchange_rate is None:
        entry = rates.table_rate(currency)  # none typed: the company's own rate, when it has one
        if entry is not None:
            return entry.rate
    if exchange_rate is None or not exchange_rate.is_finite() or exchange_rate <= 0:
        add_error(errors, "exchange_rate", f"Give the rate of one {currency} in {home}.")
        return Decimal(1)
    if places_of(exchange_rate) > 8 or exchange_rate >= Decimal("1e9"):
        add_error(errors, "exchange_rate", "At most 8 decimals.")
    return exchange_rate


@transaction.atomic
def po_create(
    *,
    actor: Actor,
    currency: str,
    lines: list[LineInput],
    supplier_company_id: int | None = None,
    supplier_name: str = "",
    supplier_email: str = "",
    exchange_rate: Decimal | None = None,
    requested_date: date | None = None,
    payment_terms: str = "",
    ship_to: str = "",
    notes: str = "",
    category_code: str = "",
    rfq_id: int | None = None,
    request: HttpRequest | None = None,
    check_permission: bool = True,
) -> PurchaseOrder:
    """A draft order to a supplier on Hansa (``supplier_company_id``) or outside it (name and e-mail).

    Lines keep the price they are ordered at. Nothing is written when anything is wrong.

    Raises:
        PermissionMissing: actor lacks po.create.
        ValidationFailed: unknown currency, no or an unknown supplier, a line without description or
            unit, a quantity not above zero, a negative price, a tax rate outside 0-100, an unknown item,
            a missing exchange rate for an order in another currency than the company's.
        PriceTooPrecise: a price with more decimals than the currency allows (400 ``price_precision``).
        QuotaExceeded: the plan's purchase orders of this month are used up (402 ``quota_exceeded``).
    """
    if check_permission:
        actor.require("po.create")
    errors: Errors = {}
    if currency not in CURRENCIES:
        add_error(errors, "currency", "Unknown currency.")
    supplier = _supplier(
        supplier_company_id=supplier_company_id,
        supplier_name=supplier_name,
        supplier_email=supplier_email,
        errors=errors,
    )
    rate = _rate(currency, exchange_rate, errors)
    rates.category_errors(category_code, errors)
    _check_lines(lines, currency=currency, errors=errors)
    if errors:
        raise ValidationFailed(errors=errors)
    _check_precision(lines, currency=currency)
    assert supplier is not None
    from tenants.procurement.services.common import next_number

    order = PurchaseOrder(
        number=next_number("po", "PO"),
        supplier_company=supplier.company,
        supplier_name=supplier.name,
        supplier_email=supplier.email,
        currency=currency,
        exchange_rate=rate,
        requested_date=requested_date,
        payment_terms=payment_terms.strip(),
        ship_to=ship_to.strip(),
        notes=notes.strip(),
        category_code=category_code.strip(),
        rfq_id=rfq_id,
        created_by=principal_of(actor),
        created_by_api_key=actor.api_key,
        department_id=approvals.department_of(principal_id(actor)),
    )
    rows = _line_rows(order, lines)
    set_totals(order, rows)
    # First write of the order: over a hard quota nothing is written (QuotaExceeded rolls back).
    usage_record(company_id=this_company().pk, meter=Meter.PURCHASE_ORDERS)
    order.save()
    PurchaseOrderLine.objects.bulk_create(rows)
    event_record(order, "created", actor=actor, data={"rfq_id": rfq_id} if rfq_id else {})
    audit(
        actor=actor,
        action="purchase_order.created",
        order=order,
        request=request,
        after={"number": order.number, "supplier": order.supplier_name, "total": str(order.total)},
    )
    return order


_UNSET: Any = object()


@transaction.atomic
def po_update(
    *,
    actor: Actor,
    order_id: int,
    lines: list[LineInput] | None = None,
    request: HttpRequest | None = None,
    **changes: Any,
) -> PurchaseOrder:
    """Change a draft: header fields in ``changes`` and, when given, all its lines (replaced).

    Raises:
        OrderNotEditable: the order is not a draft (409).
        ValidationFailed / PriceTooPrecise: as po_create.
    """
    actor.require("po.create")
    order = lock_order(order_id)
    if order.status != PoStatus.DRAFT:
        raise OrderNotEditable(status_now=order.status)
    allowed = {
        "supplier_company_id",
        "supplier_name",
        "supplier_email",
        "currency",
        "exchange_rate",
        "requested_date",
        "payment_terms",
        "ship_to",
        "notes",
        "category_code",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationFailed(errors={name: ["This field cannot be changed."] for name in sorted(unknown)})
    errors: Errors = {}
    currency = changes.get("currency", order.currency)
    if currency not in CURRENCIES:
        add_error(errors, "currency", "Unknown currency.")
    if {"supplier_company_id", "supplier_name", "supplier_email"} & set(changes):
        supplier = _supplier(
            supplier_company_id=changes.get("supplier_company_id", order.supplier_company_id),
            supplier_name=changes.get("supplier_name", order.supplier_name),
            supplier_email=changes.get("supplier_email", order.supplier_email),
            errors=errors,
        )
        if supplier is not None:
            order.supplier_company = supplier.company
            order.supplier_name, order.supplier_email = supplier.name, supplier.email
    if "currency" in changes or "exchange_rate" in changes:
        order.exchange_rate = _rate(currency, changes.get("exchange_rate", order.exchange_rate), errors)
    if "category_code" in changes:
        rates.category_errors(str(changes["category_code"] or ""), errors)
    new_lines = lines
    if new_lines is not None:
        _check_lines(new_lines, currency=currency, errors=errors)
    if errors:
        raise ValidationFailed(errors=errors)
    if new_lines is not None:
        _check_precision(new_lines, currency=currency)
    elif currency != order.currency:
        current = [
            LineInput(
                description=ln.description, quantity=ln.quantity, unit=ln.unit, unit_price=ln.unit_price
            )
            for ln in order.lines.all()
        ]
        _check_precision(current, currency=currency)
    order.currency = currency
    for name in ("requested_date", "payment_terms", "ship_to", "notes", "category_code"):
        if name in changes:
            value = changes[name]
            setattr(order, name, value.strip() if isinstance(value, str) else value)
    if new_lines is not None:
        order.lines.all().delete()
        rows = _line_rows(order, new_lines)
    else:
        rows = list(order.lines.all())
    set_totals(order, rows)
    order.save()
    if new_lines is not None:
        PurchaseOrderLine.objects.bulk_create(rows)
    else:
        PurchaseOrderLine.objects.bulk_update(rows, ["net_amount", "tax_amount"])
    audit(
        actor=actor,
        action="purchase_order.updated",
        order=order,
        request=request,
        after={"total": str(order.total)},
    )
    return order


@transaction.atomic
def po_submit(*, actor: Actor, order_id: int, request: HttpRequest | None = None) -> PurchaseOrder:
    """Submit a draft for approval: the matching rule's steps start; with no matching rule the order is
    approved at once when the company's setting says so, else it waits for one approval.

    Raises:
        InvalidTransition: the order is not a draft.
        ValidationFailed: an unknown category; a typed exchange rate outside the company's tolerance of
            its rate table.
        ExchangeRateMissing: the rate table has no rate for the order's currency (409).
        NoEligibleApprover: a step of the matching rule has nobody who may approve this order.
    """
    actor.require("po.create")
    order = lock_order(order_id)
    require_status(order, PoStatus.DRAFT, action="submit")
    # Routing must not be steerable by the requester: a category that exists, the company's own rate.
    errors: Errors = {}
    rates.category_errors(order.category_code, errors)
    if errors:
        raise ValidationFailed(errors=errors)
    order.approval_exchange_rate = rates.routing_rate(order.currency, order.exchange_rate)
    order.submitted_by = principal_of(actor)
    order.submitted_by_api_key = actor.api_key
    order.submitted_at = timezone.now()
    # The requester's department as it is now decides the rule (a later move does not re-route it).
    requester = order.created_by_id or principal_id(actor)
    order.department_id = approvals.department_of(requester)
    order.rejection_reason = ""
    auto = approvals.approval_start(order=order, actor=actor)
    event_record(order, "submitted", actor=actor, data={"rule": order.approval_rule_name})
    if auto:
        order.status = PoStatus.APPROVED
        order.approved_at = order.submitted_at
        order.approved_total = order.total
        event_record(order, "approved", actor=actor, data={"auto": True, "rule": ""})
    else:
        order.status = PoStatus.PENDING_APPROVAL
    order.save()
    audit(
        actor=actor,
        action="purchase_order.submitted",
        order=order,
        request=request,
        after={"status": order.status, "rule": order.approval_rule_name, "total": str(order.total)},
    )
    return order


@transaction.atomic
def po_send(*, actor: Actor, order_id: int, request: HttpRequest | None = None) -> PurchaseOrder:
    """Send an approved order: to a supplier on Hansa as a ``purchase_order`` trade document (its id is
    kept on the order), to one outside Hansa by e-mail with the order as a PDF.

    Raises:
        InvalidTransition: the order is not approved.
    """
    actor.require("po.create")
    order = lock_order(order_id)
    require_status(order, PoStatus.APPROVED, action="send")
    lines = list(order.lines.order_by("line_no"))
    now = timezone.now()
    if order.supplier_company_id is not None:
        contact = {"name": "", "email": ""}
        requester = order.created_by
        if requester is not None:
            contact = {"name": requester.full_name, "email": requester.email}
        payload = documents.purchase_order_payload(order, lines, contact=contact)
        order.exchange_document_id = documents.send_to_supplier(
            order, kind="purchase_order", payload=payload, refers_to=None
        )
        channel = "hansa"
    else:
        documents.email_supplier(order, kind="sent")
        channel = "email"
    order.status = PoStatus.SENT
    order.sent_at = now
    order.save(update_fields=["status", "sent_at", "exchange_document_id", "updated_at"])
    event_record(
        order,
        "sent",
        actor=actor,
        data={
            "channel": channel,
            "to": order.supplier_email if channel == "email" else order.supplier_name,
            "document_id": str(order.exchange_document_id) if order.exchange_document_id else None,
        },
    )
    audit(actor=actor, action="purchase_order.sent", order=order, request=request, after={"channel": channel})
    return order


@transaction.atomic
def po_acknowledge(
    *,
    actor: Actor,
    order_id: int,
    supplier_order_number: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> PurchaseOrder:
    """Record that a supplier outside Hansa confirmed the order (by e-mail, phone...).

    Raises:
        SupplierOnHansa: the supplier answers through Hansa (its order response does this).
        InvalidTransition: the order is not sent.
    """
    actor.require("po.create")
    order = lock_order(order_id)
    if order.supplier_company_id is not None:
        raise SupplierOnHansa()
    require_status(order, PoStatus.SENT, action="acknowledge")
    order.status = PoStatus.ACKNOWLEDGED
    order.acknowledged_at = timezone.now()
    order.supplier_order_number = supplier_order_number.strip()[:60]
    order.save(update_fields=["status", "acknowledged_at", "supplier_order_number", "updated_at"])
    event_record(
        order,
        "acknowledged",
        actor=actor,
        data={"so_number": order.supplier_order_number, "note": note, "recorded_by_buyer": True},
    )
    audit(actor=actor, action="purchase_order.acknowledged", order=order, request=request)
    return order


CANCELLABLE = (
    PoStatus.DRAFT,
    PoStatus.PENDING_APPROVAL,
    PoStatus.APPROVED,
    PoStatus.SENT,
    PoStatus.ACKNOWLEDGED,
    PoStatus.CHANGED,
)


@transaction.atomic
def po_cancel(
    *, actor: Actor, order_id: int, reason: str, request: HttpRequest | None = None
) -> PurchaseOrder:
    """Cancel an order nothing has been received on. A sent order's supplier is told (a ``cancellation``
    document on Hansa, an e-mail otherwise); open approval steps and pending changes end.

    Raises:
        ValidationFailed: no reason.
        InvalidTransition: goods were received, or it is closed or cancelled (close it instead).
    """
    actor.require("po.create")
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Say why the order is cancelled."]})
    order = lock_order(order_id, documents=True)
    require_status(order, *CANCELLABLE, action="cancel")
    was = order.status
    if was == PoStatus.PENDING_APPROVAL:
        approvals.approval_cancel(order)
    if was in (PoStatus.SENT, PoStatus.ACKNOWLEDGED, PoStatus.CHANGED):
        if order.exchange_document_id is not None:
            documents.send_to_supplier(
                order,
                kind="cancellation",
                payload={"po_number": order.number, "reason": reason, "cancelled_by": "buyer"},
                refers_to=order.exchange_document_id,
            )
        elif order.supplier_company_id is None:
            documents.email_supplier(order, kind="cancelled", reason=reason)
    order.changes.filter(status=ChangeStatus.PENDING).update(
        status=ChangeStatus.REJECTED, response_reason="The order was cancelled.", decided_at=timezone.now()
    )
    mark_cancelled(order, by="buyer", reason=reason)
    event_record(order, "cancelled", actor=actor, data={"reason": reason, "by": "buyer", "was": was})
    audit(
        actor=actor, action="purchase_order.cancelled", order=order, request=request, after={"reason": reason}
    )
    return order


def mark_cancelled(order: PurchaseOrder, *, by: str, reason: str) -> None:
    order.status = PoStatus.CANCELLED
    order.cancelled_at = timezone.now()
    order.cancelled_by = by
    order.cancel_reason = reason
    order.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])


@transaction.atomic
def po_close(
    *, actor: Actor, order_id: int, reason: str = "", request: HttpRequest | None = None
) -> PurchaseOrder:
    """Close a received order, or short-close a partly received one (a reason is then required: what is
    still open will not be delivered).

    Raises:
        InvalidTransition: nothing was received yet (cancel it instead), or it is closed or cancelled.
        ValidationFailed: short-closing without a reason.
    """
    actor.require("po.create")
    order = lock_order(order_id)
    require_status(order, PoStatus.RECEIVED, PoStatus.PARTLY_RECEIVED, action="close")
    reason = reason.strip()
    if order.status == PoStatus.PARTLY_RECEIVED and not reason:
        raise ValidationFailed(errors={"reason": ["Say why the order is closed before everything arrived."]})
    was = order.status
    order.changes.filter(status=ChangeStatus.PENDING).update(
        status=ChangeStatus.REJECTED, response_reason="The order was closed.", decided_at=timezone.now()
    )
    order.status = PoStatus.CLOSED
    order.closed_at = timezone.now()
    order.close_reason = reason
    order.save(update_fields=["status", "closed_at", "close_reason", "updated_at"])
    event_record(
        order, "closed", actor=actor, data={"reason": reason, "short": was == PoStatus.PARTLY_RECEIVED}
    )
    audit(actor=actor, action="purchase_order.closed", order=order, request=request, after={"reason": reason})
    return order


# From an RFQ award ---------------------------------------------------------------------------------


def _award_unit_price(unit_price: Decimal, discount_percent: Decimal, currency: str) -> Decimal:
    net = unit_price * (Decimal(100) - discount_percent) / Decimal(100)
    return net.quantize(Decimal(1).scaleb(-currency_minor_units(currency)), rounding=ROUND_HALF_UP)


@transaction.atomic
def po_create_from_award(
    *, actor: Actor, rfq_id: int, request: HttpRequest | None = None
) -> list[PurchaseOrder]:
    """Draft orders for the RFQ's awarded lines that are on no order yet: one per awarded supplier.

    Each line keeps the quote's terms as its price snapshot: the quoted unit price less the quoted
    discount (rounded to the currency's minor unit), the quoted tax rate, the RFQ line's quantity, unit
    and description, the RFQ's delivery date; a quoted freight amount becomes a line of its own. The
    quote itself is kept in the line's ``source``. Idempotent: awarded lines already ordered are skipped.
    Runs in the buyer's schema. Called by the RFQ award (the award is the authority: po.create is not
    required there) and by ``POST /api/purchase-orders/from-award/`` (po.create required).

    Raises:
        NotFound: not this company's RFQ.
    """
    from marketplace.rfq.models import Award
    from marketplace.rfq.selectors import rfq_get_for_buyer

    rfq = rfq_get_for_buyer(company=this_company(), rfq_id=rfq_id)
    ordered = set(
        PurchaseOrderLine.objects.filter(rfq_award_id__isnull=False, order__rfq_id=rfq.pk).values_list(
            "rfq_award_id", flat=True
        )
    )
    awards = [
        award
        for award in Award.objects.filter(rfq=rfq)
        .select_related("line", "line__category", "quote", "supplier")
        .order_by("line__position")
        if award.pk not in ordered
    ]
    if not awards:
        return []
    quote_lines = {(ql.quote_id, ql.rfq_line_id): ql for ql in _quote_lines([a.quote_id for a in awards])}
    by_supplier: dict[int, list[Any]] = defaultdict(list)
    for award in awards:
        by_supplier[award.supplier_id].append(award)
    orders = []
    for awarded in by_supplier.values():
        supplier = awarded[0].supplier
        if supplier.status != CompanyStatus.ACTIVE:
            continue  # a supplier suspended or closed since: no order to it (nothing to deliver it to)
        lines: list[LineInput] = []
        for award in awarded:
            ql = quote_lines[(award.quote_id, award.line_id)]
            snapshot = award.line.listing_snapshot or {}
            lines.append(
                LineInput(
                    description=award.line.description or str(snapshot.get("name_en", "")) or "RFQ line",
                    sku=str(snapshot.get("sku", ""))[:60],
                    quantity=award.line.quantity,
                    unit=award.line.unit,
                    unit_price=_award_unit_price(ql.unit_price, ql.discount_percent, rfq.currency),
                    tax_rate=ql.tax_rate,
                    requested_date=rfq.delivery_date,
                    listing_id=award.line.listing_id,
                    rfq_line_id=award.line_id,
                    rfq_award_id=award.pk,
                    source={
                        "rfq_id": rfq.pk,
                        "quote_id": award.quote_id,
                        "quote_revision": award.quote.revision,
                        "quoted_unit_price": str(ql.unit_price),
                        "discount_percent": str(ql.discount_percent),
                        "lead_time_days": ql.lead_time_days,
                    },
                )
            )
            if ql.freight_amount > 0:
                lines.append(
                    LineInput(
                        description=f"Freight for RFQ line {award.line.position}",
                        quantity=Decimal(1),
                        unit="lot",
                        unit_price=money(ql.freight_amount, rfq.currency),
                        tax_rate=ql.tax_rate,
                        source={"rfq_id": rfq.pk, "quote_id": award.quote_id, "freight_for": award.line_id},
                    )
                )
        category = awarded[0].line.category.code if awarded[0].line.category_id else ""
        order = po_create(
            actor=actor,
            currency=rfq.currency,
            lines=lines,
            supplier_company_id=supplier.pk,
            exchange_rate=_rfq_rate(rfq.currency),
            requested_date=rfq.delivery_date,
            payment_terms=awarded[0].quote.payment_terms or rfq.payment_terms,
            notes=f"From RFQ {rfq.reference or rfq.pk}: {rfq.title}"[:2000],
            category_code=category,
            rfq_id=rfq.pk,
            request=request,
            check_permission=False,
        )
        event_record(
            order, "created_from_award", actor=actor, data={"rfq_id": rfq.pk, "rfq_title": rfq.title}
        )
        orders.append(order)
    return orders


def _quote_lines(quote_ids: list[int]) -> list[Any]:
    from marketplace.rfq.models import QuoteLine

    return list(QuoteLine.objects.filter(quote_id__in=quote_ids))


def _rfq_rate(currency: str) -> Decimal | None:
    home = this_company().default_currency or currency
    # An RFQ in a foreign currency: the draft takes the company's rate table rate; without one it gets 1,
    # which submit refuses until the table has a rate and the order's lies within its tolerance.
    if currency == home:
        return None
    entry = rates.table_rate(currency)
    return entry.rate if entry is not None else Decimal(1)
