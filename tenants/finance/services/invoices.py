"""Invoices across companies: issued to customers (receivable), received from suppliers (payable).

Issued (``out``): a draft is made from a sales order's shipped-but-not-yet-invoiced quantities, or by
hand for a customer outside Hansa; issuing numbers it without gaps (``INV-<year>-<6 digits>``), fixes
its due date, VAT per line and totals, posts ``customer_invoice`` and, when the customer is a Hansa
company, sends it as an ``invoice`` trade document referring to the buyer's purchase order. An issued
invoice is never edited: a credit note (``CN-``) or debit note (``DN-``) corrects it.

Received (``in``): an ``invoice`` document lands as ``AP-<year>-<6 digits>``, linked to the purchase
order and its lines, and is matched three ways (order price, received quantity, invoice). Matched: open
and posted (``supplier_invoice``). Outside tolerance: it waits for a member with ``finance.post`` to
approve (open and posted) or reject it (an ``invoice_response`` tells the supplier).

Settlement pays invoices only through :func:`invoice_lock` and :func:`invoice_apply_settlement`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import ValidationFailed
from kernel.tenancy import current_company, current_schema
from marketplace.exchange.handlers import Incoming
from tenants.finance import selectors_invoices as selectors
from tenants.finance.exceptions import (
    CreditExceedsInvoice,
    InvoiceNotCreditable,
    InvoiceNotDraft,
    InvoiceNotOpen,
    InvoiceNotPendingApproval,
    NothingToInvoice,
    OverInvoiced,
    PaymentExceedsOpen,
)
from tenants.finance.models import (
    ZERO,
    FapiaoType,
    FinanceSettings,
    Invoice,
    InvoiceDirection,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    MatchStatus,
)
from tenants.finance.services.posting import event_record, functional_currency, number_next
from tenants.models import Company

POST = "finance.post"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
DEFAULT_TERMS_DAYS = 30

SERIES = {InvoiceKind.INVOICE: "INV", InvoiceKind.CREDIT_NOTE: "CN", InvoiceKind.DEBIT_NOTE: "DN"}
RECEIVED_SERIES = "AP"
OUT_EVENTS = {
    InvoiceKind.INVOICE: "customer_invoice",
    InvoiceKind.CREDIT_NOTE: "customer_credit_note",
    InvoiceKind.DEBIT_NOTE: "customer_debit_note",
}
IN_EVENTS = {
    InvoiceKind.INVOICE: "supplier_invoice",
    InvoiceKind.CREDIT_NOTE: "supplier_credit_note",
    InvoiceKind.DEBIT_NOTE: "supplier_debit_note",
}
CORRECTABLE = (InvoiceStatus.OPEN, InvoiceStatus.PAID, InvoiceStatus.REJECTED)


@dataclass(frozen=True)
class LineInput:
    description: str
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal | None = None  # percent; None: the company's default VAT rate
    sku: str = ""
    unit: str = ""
    item_id: int | None = None


@dataclass(frozen=True)
class ShippedLineInput:
    """Invoice ``quantity`` of sales order line ``line_no`` shipped in ``shipment_id``."""

    shipment_id: int
    line_no: int
    quantity: Decimal


@dataclass(frozen=True)
class NoteLineInput:
    """A credit/debit note line: ``quantity`` of the original invoice's line ``line_no``."""

    line_no: int
    quantity: Decimal


# --- amounts, numbers, dates -----------------------------------------------------------------------------


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_amounts(*, quantity: Decimal, unit_price: Decimal, tax_rate: Decimal) -> tuple[Decimal, Decimal]:
    """(net, tax) of one line, each rounded half-up to cents: tax is computed per line, never on the
    total, so the invoice's tax is the sum of what its lines print."""
    net = cents(quantity * unit_price)
    return net, cents(net * tax_rate / HUNDRED)


def due_date_for(*, issue_date: date, payment_terms: str = "") -> date:
    """The due date of an invoice issued on ``issue_date`` under ``payment_terms`` (a payment term's
    code or name): the one place terms turn into a date, through settlement's ``payment_terms_due``
    (no known terms: issue date + 30 days)."""
    from tenants.finance.services.settlement import payment_term_for_invoice, payment_terms_due

    terms = payment_term_for_invoice(Invoice(payment_terms=payment_terms)) if payment_terms.strip() else None
    return payment_terms_due(terms=terms, issue_date=issue_date).due_date


def _settings() -> FinanceSettings:
    return FinanceSettings.objects.get(pk=1)


def this_company() -> Company:
    company = current_company()
    if company is None:
        company = Company.objects.filter(schema_name=current_schema()).first()
    if company is None:
        raise RuntimeError("invoices run inside a company's schema")
    return company  # type: ignore[no-any-return]


def _draft_number() -> str:
    return f"DRAFT-{uuid.uuid4().hex[:16]}"


def _numbered(series: str, day: date) -> str:
    return f"{series}-{day.year}-{number_next(series=series, year=day.year):06d}"


def _rate(currency: str, given: Decimal | None) -> Decimal:
    home = functional_currency()
    if currency == home:
        return Decimal(1)
    if given is not None:
        if given <= 0:
            raise ValidationFailed(errors={"exchange_rate": ["Must be greater than zero."]})
        return given
    from tenants.procurement.services.rates import table_rate

    found = table_rate(currency)
    if found is None:
        raise ValidationFailed(
            errors={"exchange_rate": [f"No exchange rate {currency}/{home}: give the invoice's rate."]}
        )
    return Decimal(found.rate)


def _set_totals(invoice: Invoice, lines: list[InvoiceLine]) -> None:
    invoice.total_net = sum((line.net_amount for line in lines), ZERO)
    invoice.total_tax = sum((line.tax_amount for line in lines), ZERO)
    invoice.total = invoice.total_net + invoice.total_tax


def _lock_order(kind: str, order_id: int) -> None:
    # Two drafts made at once for one order must not both bill the same shipped quantity.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"{current_schema()}:{kind}:{order_id}"]
        )


def _audit(actor: Actor, action: str, invoice: Invoice, **after: Any) -> None:
    audit_record(
        action=f"finance.{action}",
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        target_type="finance.invoice",
        target_id=invoice.pk,
        after={"number": invoice.number, **after},
    )


def _check_lines(lines: list[LineInput]) -> None:
    errors: dict[str, list[str]] = {}
    if not lines:
        errors["lines"] = ["An invoice has at least one line."]
    for index, line in enumerate(lines):
        if line.quantity <= 0:
            errors[f"lines.{index}.quantity"] = ["Must be greater than zero."]
        if line.unit_price < 0:
            errors[f"lines.{index}.unit_price"] = ["Must not be negative."]
        if line.tax_rate is not None and not ZERO <= line.tax_rate <= HUNDRED:
            errors[f"lines.{index}.tax_rate"] = ["A percentage between 0 and 100."]
        if not line.description.strip():
            errors[f"lines.{index}.description"] = ["This field may not be blank."]
    if errors:
        raise ValidationFailed(errors=errors)


def _write_lines(invoice: Invoice, lines: list[LineInput]) -> list[InvoiceLine]:
    default_rate = _settings().default_vat_rate
    rows = []
    for number, line in enumerate(lines, start=1):
        rate = line.tax_rate if line.tax_rate is not None else default_rate
        net, tax = line_amounts(quantity=line.quantity, unit_price=line.unit_price, tax_rate=rate)
        rows.append(
            InvoiceLine(
                invoice=invoice,
                line_no=number,
                sku=line.sku,
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                tax_rate=rate,
                net_amount=net,
                tax_amount=tax,
                item_id=line.item_id,
            )
        )
    InvoiceLine.objects.bulk_create(rows)
    return rows


# --- issued invoices -------------------------------------------------------------------------------------


def invoice_create_from_shipments(
    *,
    actor: Actor,
    sales_order_id: int,
    shipment_ids: list[int] | None = None,
    lines: list[ShippedLineInput] | None = None,
    issue_date: date | None = None,
    fapiao_type: str = "",
    notes: str = "",
    exchange_rate: Decimal | None = None,
) -> Invoice:
    """A draft invoice of the sales order's shipped quantities not yet invoiced (of ``shipment_ids``
    only, when given; or exactly ``lines``), one line per shipment line at the order line's price and
    tax rate. Never more than was shipped: a draft reserves its quantities, so a second draft of the same
    shipments finds nothing left.

    Raises:
        NotFound: no such sales order.
        NothingToInvoice: every shipped quantity is invoiced already (or nothing was shipped).
        OverInvoiced: a line of ``lines`` asks more than is shipped and not yet invoiced.
        ValidationFailed: a line of ``lines`` that is not a shipment line of the order, or not positive.
    """
    actor.require(POST)
    from tenants.sales import selectors as sales

    with transaction.atomic():
        _lock_order("so", sales_order_id)
        order = sales.sales_order_get(order_id=sales_order_id)
        candidates = selectors.invoiceable_lines(sales_order_id=order.pk, shipment_ids=shipment_ids)
        quantities = {(line.shipment_id, line.sales_order_line_id): line.open_quantity for line in candidates}
        if lines is not None:
            quantities = _asked(candidates, lines)
        open_lines = [
            line
            for line in candidates
            if quantities.get((line.shipment_id, line.sales_order_line_id), ZERO) > 0
        ]
        if not open_lines:
            raise NothingToInvoice(
                "Everything shipped on this order is invoiced already.", order=order.number
            )
        customer = order.customer
        invoice = Invoice.objects.create(
            direction=InvoiceDirection.OUT,
            kind=InvoiceKind.INVOICE,
            number=_draft_number(),
            status=InvoiceStatus.DRAFT,
            partner_company_id=customer.hansa_company_id or order.buyer_company_id,
            customer_id=customer.pk,
            partner_name=customer.name[:200],
            partner_address=(customer.address or order.ship_to)[:500],
            sales_order_id=order.pk,
            order_number=order.number,
            issue_date=issue_date or timezone.localdate(),
            payment_terms=order.payment_terms[:200],
            currency=order.currency,
            exchange_rate=_rate(order.currency, exchange_rate),
            fapiao_type=fapiao_type,
            notes=notes,
            created_by_id=actor.user.pk if actor.user is not None else None,
            created_by_label=actor.label[:254],
        )
        rows = []
        for number, line in enumerate(open_lines, start=1):
            quantity = quantities[(line.shipment_id, line.sales_order_line_id)]
            net, tax = line_amounts(quantity=quantity, unit_price=line.unit_price, tax_rate=line.tax_rate)
            rows.append(
                InvoiceLine(
                    invoice=invoice,
                    line_no=number,
                    sku=line.sku,
                    description=f"{line.description} ({line.shipment_number})",
                    quantity=quantity,
                    unit=line.unit,
                    unit_price=line.unit_price,
                    tax_rate=line.tax_rate,
                    net_amount=net,
                    tax_amount=tax,
                    sales_order_line_id=line.sales_order_line_id,
                    shipment_id=line.shipment_id,
                    item_id=line.item_id,
                    match={"order_line_no": line.line_no},
                )
            )
        InvoiceLine.objects.bulk_create(rows)
        _set_totals(invoice, rows)
        invoice.amount_open = invoice.total
        invoice.save(update_fields=["total_net", "total_tax", "total", "amount_open"])
    return invoice


def _asked(
    candidates: list[selectors.InvoiceableLine], lines: list[ShippedLineInput]
) -> dict[tuple[int, int], Decimal]:
    by_key = {(line.shipment_id, line.line_no): line for line in candidates}
    asked: dict[tuple[int, int], Decimal] = {}
    for index, wanted in enumerate(lines):
        line = by_key.get((wanted.shipment_id, wanted.line_no))
        if line is None:
            raise ValidationFailed(errors={f"lines.{index}.line_no": ["Not a line of this shipment."]})
        if wanted.quantity <= 0:
            raise ValidationFailed(errors={f"lines.{index}.quantity": ["Must be greater than zero."]})
        key = (line.shipment_id, line.sales_order_line_id)
        asked[key] = asked.get(key, ZERO) + wanted.quantity
        if asked[key] > line.open_quantity:
            raise OverInvoiced(
                f"Line {line.line_no} of {line.shipment_number}: {line.open_quantity} is left to invoice.",
                line_no=line.line_no,
                shipment_id=line.shipment_id,
                open_quantity=str(line.open_quantity),
            )
    return asked


def invoice_create_manual(
    *,
    actor: Actor,
    lines: list[LineInput],
    currency: str,
    partner_name: str = "",
    customer_id: int | None = None,
    partner_tax_id: str = "",
    partner_address: str = "",
    issue_date: date | None = None,
    payment_terms: str = "",
    exchange_rate: Decimal | None = None,
    fapiao_type: str = "",
    notes: str = "",
) -> Invoice:
    """A draft invoice typed by hand, for a customer outside Hansa (its PDF is what the customer gets):
    a sales customer (``customer_id``) or just a name, tax id and address.

    Raises:
        ValidationFailed: no lines, bad amounts, no partner, an unknown customer or currency rate.
    """
    actor.require(POST)
    _check_lines(lines)
    if customer_id is not None:
        from tenants.sales.models import Customer

        customer = Customer.objects.filter(pk=customer_id).first()
        if customer is None:
            raise ValidationFailed(errors={"customer_id": ["No such customer."]})
        partner_name = partner_name or customer.name
        partner_address = partner_address or customer.address
        payment_terms = payment_terms or customer.payment_terms
    if not partner_name.strip():
        raise ValidationFailed(errors={"partner_name": ["Name the customer."]})
    if len(currency) != 3 or not currency.isalpha() or not currency.isupper():
        raise ValidationFailed(errors={"currency": ["A three-letter ISO 4217 code."]})
    with transaction.atomic():
        invoice = Invoice.objects.create(
            direction=InvoiceDirection.OUT,
            kind=InvoiceKind.INVOICE,
            number=_draft_number(),
            status=InvoiceStatus.DRAFT,
            customer_id=customer_id,
            partner_name=partner_name.strip()[:200],
            partner_tax_id=partner_tax_id[:64],
            partner_address=partner_address[:500],
            issue_date=issue_date or timezone.localdate(),
            payment_terms=payment_terms[:200],
            currency=currency,
            exchange_rate=_rate(currency, exchange_rate),
            fapiao_type=fapiao_type,
            notes=notes,
            created_by_id=actor.user.pk if actor.user is not None else None,
            created_by_label=actor.label[:254],
        )
        rows = _write_lines(invoice, lines)
        _set_totals(invoice, rows)
        invoice.amount_open = invoice.total
        invoice.save(update_fields=["total_net", "total_tax", "total", "amount_open"])
    return invoice


def _lock(invoice: Invoice) -> Invoice:
    return Invoice.objects.select_for_update().get(pk=invoice.pk)


UPDATABLE = {
    "issue_date",
    "payment_terms",
    "fapiao_type",
    "notes",
    "partner_name",
    "partner_tax_id",
    "partner_address",
    "exchange_rate",
}


def invoice_update_draft(
    *, actor: Actor, invoice: Invoice, lines: list[LineInput] | None = None, **changes: Any
) -> Invoice:
    """Change a draft invoice we issue. Lines may be replaced only on an invoice typed by hand (one made
    from shipments bills exactly what was shipped: cancel it and make another).

    Raises:
        InvoiceNotDraft: it is issued, cancelled, or a received invoice.
        ValidationFailed: bad values, or lines of an invoice made from a sales order.
    """
    actor.require(POST)
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise ValidationFailed(errors={key: ["This field cannot be changed."] for key in sorted(unknown)})
    with transaction.atomic():
        locked = _lock(invoice)
        if locked.status != InvoiceStatus.DRAFT or locked.direction != InvoiceDirection.OUT:
            raise InvoiceNotDraft(f"{locked.number} is {locked.status}.", invoice_status=locked.status)
        if "exchange_rate" in changes:
            changes["exchange_rate"] = _rate(locked.currency, changes["exchange_rate"])
        if "partner_name" in changes and not str(changes["partner_name"]).strip():
            raise ValidationFailed(errors={"partner_name": ["Name the customer."]})
        for key, value in changes.items():
            setattr(locked, key, value)
        if lines is not None:
            if locked.sales_order_id is not None:
                raise ValidationFailed(
                    errors={"lines": ["The lines of an invoice of shipments follow what was shipped."]}
                )
            _check_lines(lines)
            locked.lines.all().delete()
            rows = _write_lines(locked, lines)
            _set_totals(locked, rows)
            locked.amount_open = locked.total
        locked.save()
    return locked


def _out_payload(invoice: Invoice, lines: list[InvoiceLine], po_number: str) -> dict[str, Any]:
    return {
        "invoice_number": invoice.number,
        "po_number": po_number or invoice.order_number or invoice.number,
        "so_number": invoice.order_number,
        "issue_date": invoice.issue_date.isoformat(),
        "due_date": invoice.due_date.isoformat() if invoice.due_date else None,
        "currency": invoice.currency,
        "payment_terms": invoice.payment_terms,
        "fapiao_type": invoice.fapiao_type,
        "fapiao_number": invoice.fapiao_number,
        "seller_tax_id": invoice.seller_tax_id,
        "buyer_tax_id": invoice.buyer_tax_id,
        "notes": invoice.notes,
        "lines": [
            {
                "line_no": line.line_no,
                "order_line_no": (line.match or {}).get("order_line_no"),
                "sku": line.sku,
                "description": line.description,
                "quantity": str(line.quantity),
                "unit": line.unit,
                "unit_price": str(line.unit_price.normalize()),
                "tax_rate": str(line.tax_rate.normalize()),
                "net_amount": str(line.net_amount),
                "tax_amount": str(line.tax_amount),
            }
            for line in lines
        ],
        "total_net": str(invoice.total_net),
        "total_tax": str(invoice.total_tax),
        "total": str(invoice.total),
    }


def _buyer_document(invoice: Invoice) -> tuple[Company, uuid.UUID, str] | None:
    """(buyer company, its purchase order document, PO number) when the invoice bills a sales order
    that came from a Hansa buyer's purchase order; None otherwise."""
    if invoice.sales_order_id is None:
        return None
    from tenants.sales import selectors as sales

    order = sales.sales_order_get(order_id=invoice.sales_order_id)
    if order.source_document_id is None or invoice.partner_company_id is None:
        return None
    buyer = Company.objects.filter(pk=invoice.partner_company_id).first()
    if buyer is None:
        return None
    return buyer, order.source_document_id, order.po_number


def _send(invoice: Invoice, kind: str, payload_extra: dict[str, Any] | None = None) -> None:
    target = _buyer_document(invoice if invoice.original_id is None else invoice.original)  # type: ignore[arg-type]
    if target is None:
        return
    from marketplace.exchange.services import document_send

    buyer, po_document, po_number = target
    payload = _out_payload(invoice, list(invoice.lines.order_by("line_no")), po_number)
    payload.update(payload_extra or {})
    document = document_send(
        sender=this_company(), receiver=buyer, kind=kind, payload=payload, refers_to=po_document
    )
    invoice.document_id = document.pk
    invoice.save(update_fields=["document_id", "updated_at"])


def invoice_issue(*, actor: Actor, invoice: Invoice) -> Invoice:
    """Issue a draft: its gapless number (``INV-<year>-...`` of the issue date's year, given back if the
    transaction rolls back), due date, fapiao tax ids, totals recomputed per line, open for its total,
    ``customer_invoice`` posted after commit, and the ``invoice`` document sent to a Hansa buyer.

    Raises:
        InvoiceNotDraft: it is not a draft we issue.
    """
    actor.require(POST)
    with transaction.atomic():
        locked = _lock(invoice)
        if locked.status != InvoiceStatus.DRAFT or locked.direction != InvoiceDirection.OUT:
            raise InvoiceNotDraft(f"{locked.number} is {locked.status}.", invoice_status=locked.status)
        lines = list(locked.lines.order_by("line_no"))
        for line in lines:
            line.net_amount, line.tax_amount = line_amounts(
                quantity=line.quantity, unit_price=line.unit_price, tax_rate=line.tax_rate
            )
        InvoiceLine.objects.bulk_update(lines, ["net_amount", "tax_amount"])
        _set_totals(locked, lines)
        settings = _settings()
        locked.number = _numbered(SERIES[InvoiceKind(locked.kind)], locked.issue_date)
        locked.due_date = due_date_for(issue_date=locked.issue_date, payment_terms=locked.payment_terms)
        locked.seller_tax_id = settings.tax_id
        locked.buyer_tax_id = locked.partner_tax_id
        if not locked.fapiao_type:
            # A special VAT invoice needs the buyer's tax id (it deducts the input VAT).
            locked.fapiao_type = FapiaoType.SPECIAL if locked.partner_tax_id else FapiaoType.ORDINARY
        locked.status = InvoiceStatus.OPEN
        locked.amount_open = locked.total
        locked.amount_paid = ZERO
        locked.issued_at = timezone.now()
        locked.save()
        event_record(
            kind=OUT_EVENTS[InvoiceKind(locked.kind)],
            source_id=locked.pk,
            occurred_on=locked.issue_date,
            payload={"number": locked.number, "total": str(locked.total)},
        )
        _send(locked, "invoice")
        _audit(actor, "invoice_issued", locked, total=str(locked.total), currency=locked.currency)
    return locked


def invoice_cancel(*, actor: Actor, invoice: Invoice) -> Invoice:
    """Cancel a draft we issue (its quantities may be invoiced again).

    Raises:
        InvoiceNotDraft: it was issued (correct it with a credit note), or it is a received invoice.
    """
    actor.require(POST)
    with transaction.atomic():
        locked = _lock(invoice)
        if locked.status != InvoiceStatus.DRAFT or locked.direction != InvoiceDirection.OUT:
            raise InvoiceNotDraft(f"{locked.number} is {locked.status}.", invoice_status=locked.status)
        locked.status = InvoiceStatus.CANCELLED
        locked.amount_open = ZERO
        locked.save(update_fields=["status", "amount_open", "updated_at"])
    return locked


def invoice_credit(
    *,
    actor: Actor,
    invoice: Invoice,
    kind: str = InvoiceKind.CREDIT_NOTE,
    lines: list[NoteLineInput] | None = None,
    amount: Decimal | None = None,
    tax_rate: Decimal | None = None,
    reason: str = "",
    issue_date: date | None = None,
) -> Invoice:
    """Issue a credit note (goods rejected or returned, a price reduction) or a debit note (a further
    charge) correcting an invoice we issued: by quantities of its lines (``lines``, at their price and
    tax) or by a net ``amount`` (at ``tax_rate``, default the first line's).

    A credit note takes its total off the invoice's open amount (what is left of it, if the invoice was
    partly paid, stays open on the note for a refund); a debit note is an open item of its own. Numbered
    ``CN-``/``DN-``, posted (``customer_credit_note``/``customer_debit_note``) and sent to a Hansa buyer.

    Raises:
        InvoiceNotCreditable: the invoice is a draft, cancelled, a note, or one we received.
        CreditExceedsInvoice: more than the invoice (less earlier credit notes), or a line credited twice.
        ValidationFailed: neither lines nor amount, an unknown line, a bad quantity or amount.
    """
    actor.require(POST)
    if kind not in (InvoiceKind.CREDIT_NOTE, InvoiceKind.DEBIT_NOTE):
        raise ValidationFailed(errors={"kind": ["credit_note or debit_note."]})
    if (lines is None) == (amount is None):
        raise ValidationFailed(errors={"lines": ["Give either lines or an amount."]})
    if not reason.strip():
        raise ValidationFailed(errors={"reason": ["Say why."]})
    with transaction.atomic():
        original = _lock(invoice)
        if (
            original.direction != InvoiceDirection.OUT
            or original.kind != InvoiceKind.INVOICE
            or original.status not in CORRECTABLE
        ):
            raise InvoiceNotCreditable(
                f"{original.number} cannot be corrected.", invoice_status=original.status
            )
        note = Invoice.objects.create(
            direction=InvoiceDirection.OUT,
            kind=kind,
            number=_draft_number(),
            status=InvoiceStatus.DRAFT,
            original=original,
            partner_company_id=original.partner_company_id,
            customer_id=original.customer_id,
            partner_name=original.partner_name,
            partner_tax_id=original.partner_tax_id,
            partner_address=original.partner_address,
            sales_order_id=original.sales_order_id,
            order_number=original.order_number,
            issue_date=issue_date or timezone.localdate(),
            payment_terms=original.payment_terms,
            currency=original.currency,
            exchange_rate=original.exchange_rate,
            fapiao_type=original.fapiao_type,
            seller_tax_id=original.seller_tax_id,
            buyer_tax_id=original.buyer_tax_id,
            reason=reason,
            created_by_id=actor.user.pk if actor.user is not None else None,
            created_by_label=actor.label[:254],
        )
        rows = _note_lines(original, note, lines, amount, tax_rate)
        InvoiceLine.objects.bulk_create(rows)
        _set_totals(note, rows)
        if kind == InvoiceKind.CREDIT_NOTE:
            credited = sum(
                (
                    n.total
                    for n in original.adjustments.filter(
                        kind=InvoiceKind.CREDIT_NOTE, status__in=selectors.POSTED
                    )
                ),
                ZERO,
            )
            if note.total + credited > original.total:
                raise CreditExceedsInvoice(
                    f"{original.number} carries {original.total - credited} that may still be credited.",
                    creditable=str(original.total - credited),
                )
        note.number = _numbered(SERIES[InvoiceKind(kind)], note.issue_date)
        note.due_date = (
            original.due_date
            if kind == InvoiceKind.CREDIT_NOTE
            else due_date_for(issue_date=note.issue_date, payment_terms=note.payment_terms)
        )
        note.issued_at = timezone.now()
        note.status = InvoiceStatus.OPEN
        note.amount_open = note.total
        if kind == InvoiceKind.CREDIT_NOTE:
            applied = min(note.total, original.amount_open)
            _apply(original, applied, note.issued_at)
            _apply(note, applied, note.issued_at)
        note.save()
        event_record(
            kind=OUT_EVENTS[InvoiceKind(kind)],
            source_id=note.pk,
            occurred_on=note.issue_date,
            payload={"number": note.number, "total": str(note.total)},
        )
        if original.document_id is not None:
            _send(
                note,
                kind,
                {
                    "original_invoice_number": original.number,
                    "original_document_id": str(original.document_id),
                    "reason": reason,
                },
            )
        _audit(actor, f"{kind}_issued", note, original=original.number, total=str(note.total), reason=reason)
    return note


def _note_lines(
    original: Invoice,
    note: Invoice,
    lines: list[NoteLineInput] | None,
    amount: Decimal | None,
    tax_rate: Decimal | None,
) -> list[InvoiceLine]:
    originals = {line.line_no: line for line in original.lines.order_by("line_no")}
    if amount is not None:
        if amount <= 0 or cents(amount) != amount:
            raise ValidationFailed(errors={"amount": ["A positive amount in cents."]})
        first = next(iter(originals.values()), None)
        rate = (
            tax_rate if tax_rate is not None else (first.tax_rate if first else _settings().default_vat_rate)
        )
        if not ZERO <= rate <= HUNDRED:
            raise ValidationFailed(errors={"tax_rate": ["A percentage between 0 and 100."]})
        net, tax = line_amounts(quantity=Decimal(1), unit_price=amount, tax_rate=rate)
        return [
            InvoiceLine(
                invoice=note,
                line_no=1,
                description=note.reason[:1000],
                quantity=Decimal(1),
                unit_price=amount,
                tax_rate=rate,
                net_amount=net,
                tax_amount=tax,
            )
        ]
    assert lines is not None
    if not lines:
        raise ValidationFailed(errors={"lines": ["At least one line."]})
    credited: dict[int, Decimal] = {}
    if note.kind == InvoiceKind.CREDIT_NOTE:
        for row in InvoiceLine.objects.filter(
            invoice__original=original,
            invoice__kind=InvoiceKind.CREDIT_NOTE,
            invoice__status__in=selectors.POSTED,
        ):
            number = int((row.match or {}).get("original_line_no", 0))
            credited[number] = credited.get(number, ZERO) + row.quantity
    rows = []
    seen: set[int] = set()
    for index, wanted in enumerate(lines):
        source = originals.get(wanted.line_no)
        if source is None or wanted.line_no in seen:
            raise ValidationFailed(
                errors={f"lines.{index}.line_no": ["No such line on the invoice (or twice)."]}
            )
        seen.add(wanted.line_no)
        if wanted.quantity <= 0:
            raise ValidationFailed(errors={f"lines.{index}.quantity": ["Must be greater than zero."]})
        if note.kind == InvoiceKind.CREDIT_NOTE and wanted.quantity > source.quantity - credited.get(
            source.line_no, ZERO
        ):
            raise CreditExceedsInvoice(
                f"Line {source.line_no} has {source.quantity - credited.get(source.line_no, ZERO)} left to credit.",
                line_no=source.line_no,
            )
        net, tax = line_amounts(
            quantity=wanted.quantity, unit_price=source.unit_price, tax_rate=source.tax_rate
        )
        rows.append(
            InvoiceLine(
                invoice=note,
                line_no=index + 1,
                sku=source.sku,
                description=source.description,
                quantity=wanted.quantity,
                unit=source.unit,
                unit_price=source.unit_price,
                tax_rate=source.tax_rate,
                net_amount=net,
                tax_amount=tax,
                sales_order_line_id=source.sales_order_line_id,
                shipment_id=source.shipment_id,
                purchase_order_line_id=source.purchase_order_line_id,
                item_id=source.item_id,
                match={
                    "original_line_no": source.line_no,
                    "order_line_no": (source.match or {}).get("order_line_no"),
                },
            )
        )
    return rows


def _apply(invoice: Invoice, amount: Decimal, at: datetime) -> None:
    """Take ``amount`` off the (locked) invoice's open amount; paid when nothing is left."""
    if amount <= 0:
        return
    invoice.amount_open -= amount
    invoice.amount_paid += amount
    if invoice.amount_open == ZERO and invoice.status == InvoiceStatus.OPEN:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_at = at
    if invoice.pk is not None and invoice.status != InvoiceStatus.DRAFT:
        invoice.save(update_fields=["amount_open", "amount_paid", "status", "paid_at", "updated_at"])


# --- settlement's entry points ---------------------------------------------------------------------------


def invoice_lock(invoice_id: int) -> Invoice:
    """The invoice row locked until the caller's transaction ends (call inside ``transaction.atomic``).

    Raises:
        NotFound: no such invoice.
    """
    from kernel.errors import NotFound

    invoice = Invoice.objects.select_for_update().filter(pk=invoice_id).first()
    if invoice is None:
        raise NotFound()
    return invoice


def invoice_apply_settlement(
    *, invoice: Invoice, amount: Decimal, paid_at: datetime | None = None
) -> Invoice:
    """Settle ``amount`` of a LOCKED open invoice (see :func:`invoice_lock`): open amount down, paid
    amount up, paid when nothing is left (and the order timelines show "paid").

    Raises:
        InvoiceNotOpen: it is not open (a draft waiting for approval, cancelled, rejected, paid).
        PaymentExceedsOpen: more than its open amount.
        ValidationFailed: a negative amount (zero changes nothing).
    """
    if amount < 0:
        raise ValidationFailed(errors={"amount": ["Must not be negative."]})
    if amount == 0:
        return invoice
    if invoice.status != InvoiceStatus.OPEN:
        raise InvoiceNotOpen(f"{invoice.number} is {invoice.status}.", invoice_status=invoice.status)
    if amount > invoice.amount_open:
        raise PaymentExceedsOpen(
            f"{invoice.number}: {amount} is more than the {invoice.amount_open} open.",
            invoice_id=invoice.pk,
            amount_open=str(invoice.amount_open),
        )
    _apply(invoice, amount, paid_at or timezone.now())
    if invoice.status == InvoiceStatus.PAID and invoice.direction == InvoiceDirection.IN:
        _po_event(
            invoice, "paid", label="", data={"invoice_number": invoice.partner_number or invoice.number}
        )
    return invoice


# --- received invoices -----------------------------------------------------------------------------------


def _po_event(invoice: Invoice, kind: str, *, label: str, data: dict[str, Any]) -> None:
    if invoice.purchase_order_id is None:
        return
    from tenants.procurement.models import PurchaseOrder
    from tenants.procurement.services.common import event_record as po_event_record

    order = PurchaseOrder.objects.filter(pk=invoice.purchase_order_id).first()
    if order is not None:
        po_event_record(order, kind, label=label, data={"invoice_id": invoice.pk, **data})


def _received_rate(currency: str, order: Any) -> Decimal:
    home = functional_currency()
    if currency == home:
        return Decimal(1)
    if order is not None and order.currency == currency and order.exchange_rate:
        return Decimal(order.exchange_rate)
    from tenants.procurement.services.rates import table_rate

    found = table_rate(currency)
    return Decimal(found.rate) if found is not None else Decimal(1)


def invoice_received(doc: Incoming) -> Invoice:
    """Land an ``invoice``, ``credit_note`` or ``debit_note`` document from a supplier (runs in the
    ingestion transaction, in the buyer's schema). The same document twice makes one invoice.

    An invoice is matched three ways at once (:func:`invoice_match`). A credit note takes its total off
    the open amount of the invoice it names (posted ``supplier_credit_note``); one correcting an invoice
    we rejected settles nothing and posts nothing. A debit note is open and posted at once.
    """
    existing = Invoice.objects.filter(document_id=doc.id).first()
    if existing is not None:
        return existing
    from tenants.procurement.services.changes import order_for_document

    payload = doc.payload
    order = order_for_document(doc.refers_to, supplier_id=doc.sender_id)
    po_lines: dict[int, Any] = {}
    if order is not None:
        po_lines = {line.line_no: line for line in order.lines.all()}
    kind = InvoiceKind(doc.kind)
    issue_date = date.fromisoformat(payload["issue_date"])
    settings = _settings()
    due = payload.get("due_date")
    invoice = Invoice.objects.create(
        direction=InvoiceDirection.IN,
        kind=kind,
        number=_numbered(RECEIVED_SERIES, issue_date),
        partner_number=payload["invoice_number"],
        status=InvoiceStatus.DRAFT,
        partner_company_id=doc.sender_id,
        partner_name=doc.sender_name[:200],
        partner_tax_id=payload.get("seller_tax_id", ""),
        purchase_order_id=order.pk if order is not None else None,
        order_number=order.number if order is not None else payload.get("po_number", ""),
        issue_date=issue_date,
        due_date=date.fromisoformat(due) if due else due_date_for(issue_date=issue_date),
        payment_terms=payload.get("payment_terms", ""),
        currency=payload["currency"],
        exchange_rate=_received_rate(payload["currency"], order),
        total_net=Decimal(payload["total_net"]),
        total_tax=Decimal(payload["total_tax"]),
        total=Decimal(payload["total"]),
        amount_open=Decimal(payload["total"]),
        fapiao_type=payload.get("fapiao_type", ""),
        fapiao_number=payload.get("fapiao_number", ""),
        seller_tax_id=payload.get("seller_tax_id", ""),
        buyer_tax_id=payload.get("buyer_tax_id", "") or settings.tax_id,
        notes=payload.get("notes", ""),
        reason=payload.get("reason", ""),
        document_id=doc.id,
        created_by_label=doc.sender_name[:254],
    )
    rows = []
    for line in payload["lines"]:
        po_line = po_lines.get(line.get("order_line_no") or 0)
        rows.append(
            InvoiceLine(
                invoice=invoice,
                line_no=line["line_no"],
                sku=line.get("sku", ""),
                description=line["description"],
                quantity=Decimal(line["quantity"]),
                unit=line.get("unit", ""),
                unit_price=Decimal(line["unit_price"]),
                tax_rate=Decimal(line["tax_rate"]),
                net_amount=Decimal(line["net_amount"]),
                tax_amount=Decimal(line["tax_amount"]),
                purchase_order_line_id=po_line.pk if po_line is not None else None,
                item_id=po_line.item_id if po_line is not None else None,
                match={"order_line_no": line.get("order_line_no")},
            )
        )
    InvoiceLine.objects.bulk_create(rows)
    label = doc.sender_name
    if kind == InvoiceKind.INVOICE:
        _po_event(
            invoice,
            "invoiced",
            label=label,
            data={
                "invoice_number": invoice.partner_number,
                "total": str(invoice.total),
                "currency": invoice.currency,
            },
        )
        _match_and_route(invoice)
        return invoice
    if kind == InvoiceKind.CREDIT_NOTE:
        original = (
            Invoice.objects.select_for_update()
            .filter(direction=InvoiceDirection.IN, document_id=payload.get("original_document_id"))
            .first()
        )
        invoice.original = original
        now = timezone.now()
        if original is not None and original.status not in selectors.POSTED:
            # Corrects an invoice we never accepted: nothing to settle or post.
            invoice.status = InvoiceStatus.PAID
            invoice.amount_open = ZERO
            invoice.paid_at = now
            invoice.save()
            _po_event(
                invoice,
                "credited",
                label=label,
                data={"invoice_number": invoice.partner_number, "total": str(invoice.total)},
            )
            return invoice
        invoice.status = InvoiceStatus.OPEN
        if original is not None:
            applied = min(invoice.total, original.amount_open)
            _apply(original, applied, now)
            _apply(invoice, applied, now)
        invoice.save()
        _po_event(
            invoice,
            "credited",
            label=label,
            data={"invoice_number": invoice.partner_number, "total": str(invoice.total)},
        )
    else:
        invoice.original = Invoice.objects.filter(
            direction=InvoiceDirection.IN, document_id=payload.get("original_document_id")
        ).first()
        invoice.status = InvoiceStatus.OPEN
        invoice.save()
        _po_event(
            invoice,
            "debited",
            label=label,
            data={"invoice_number": invoice.partner_number, "total": str(invoice.total)},
        )
    event_record(
        kind=IN_EVENTS[kind],
        source_id=invoice.pk,
        occurred_on=invoice.issue_date,
        payload={"total": str(invoice.total)},
    )
    return invoice


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part * HUNDRED / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if whole else ZERO


def _match_lines(invoice: Invoice) -> bool:
    """Match each line against its order line's price and the received quantity not yet invoiced; write
    ``InvoiceLine.match``; answer whether every line is within tolerance."""
    from tenants.procurement.models import GoodsReceiptLine, PurchaseOrder, PurchaseOrderLine

    settings = _settings()
    price_tolerance = settings.price_tolerance_percent
    quantity_tolerance = settings.quantity_tolerance_percent
    lines = list(invoice.lines.order_by("line_no"))
    order = (
        PurchaseOrder.objects.filter(pk=invoice.purchase_order_id).first()
        if invoice.purchase_order_id
        else None
    )
    po_line_ids = [line.purchase_order_line_id for line in lines if line.purchase_order_line_id]
    po_lines = {line.pk: line for line in PurchaseOrderLine.objects.filter(pk__in=po_line_ids)}
    received: dict[int, Decimal] = {}
    for row in GoodsReceiptLine.objects.filter(order_line_id__in=po_line_ids).values(
        "order_line_id", "accepted_quantity"
    ):
        received[row["order_line_id"]] = received.get(row["order_line_id"], ZERO) + row["accepted_quantity"]
    before = selectors.invoiced_by_order_line(
        purchase_order_line_ids=po_line_ids, exclude_invoice_id=invoice.pk
    )
    # Earlier lines of this invoice on the same order line use up the received quantity first.
    used: dict[int, Decimal] = {}
    po_rate = (
        Decimal(order.exchange_rate)
        if order is not None and order.currency == invoice.currency
        else invoice.exchange_rate
    )
    all_matched = True
    for line in lines:
        reasons: list[str] = []
        po_line = po_lines.get(line.purchase_order_line_id or 0)
        result: dict[str, Any] = {"order_line_no": (line.match or {}).get("order_line_no")}
        if order is None:
            reasons.append("no_order")
        elif po_line is None:
            reasons.append("no_order_line")
        grni_quantity = ZERO
        if po_line is not None:
            expected_price = po_line.unit_price
            difference = line.unit_price - expected_price
            over = (
                _percent(difference, expected_price)
                if expected_price
                else (HUNDRED if difference > 0 else ZERO)
            )
            if difference > 0 and over > price_tolerance:
                reasons.append("price_above_tolerance")
            got = received.get(po_line.pk, ZERO)
            invoiced_before = before.get(po_line.pk, ZERO) + used.get(po_line.pk, ZERO)
            available = max(got - invoiced_before, ZERO)
            allowed = available * (1 + quantity_tolerance / HUNDRED)
            if line.quantity > allowed:
                reasons.append("not_received" if got == ZERO else "quantity_over_received")
            grni_quantity = min(line.quantity, available)
            used[po_line.pk] = used.get(po_line.pk, ZERO) + line.quantity
            result.update(
                {
                    "expected_unit_price": str(expected_price),
                    "actual_unit_price": str(line.unit_price),
                    "price_difference": str(difference),
                    "price_difference_percent": str(over),
                    "price_tolerance_percent": str(price_tolerance),
                    "received_quantity": str(got),
                    "invoiced_before": str(invoiced_before),
                    "expected_quantity": str(available),
                    "actual_quantity": str(line.quantity),
                    "quantity_difference": str(line.quantity - available),
                    "quantity_tolerance_percent": str(quantity_tolerance),
                }
            )
            # What the goods receipt put on GRNI for this quantity (order price, order rate).
            result["grni_quantity"] = str(grni_quantity)
            result["grni_value"] = str(cents(grni_quantity * expected_price * po_rate))
        else:
            result.update({"actual_unit_price": str(line.unit_price), "actual_quantity": str(line.quantity)})
            result["grni_quantity"] = "0"
            result["grni_value"] = "0.00"
        result["reasons"] = reasons
        result["matched"] = not reasons
        all_matched = all_matched and not reasons
        line.match = result
    InvoiceLine.objects.bulk_update(lines, ["match"])
    return all_matched


def _post_received(invoice: Invoice) -> None:
    invoice.status = InvoiceStatus.OPEN
    invoice.amount_open = invoice.total - invoice.amount_paid
    invoice.save()
    event_record(
        kind=IN_EVENTS[InvoiceKind(invoice.kind)],
        source_id=invoice.pk,
        occurred_on=invoice.issue_date,
        payload={"total": str(invoice.total)},
    )


def _match_and_route(invoice: Invoice) -> None:
    if _match_lines(invoice):
        invoice.match_status = MatchStatus.MATCHED
        if _approve_all():
            # The company approves every supplier invoice before it is payable, matched or not.
            invoice.save(update_fields=["match_status", "updated_at"])
            return
        _post_received(invoice)
        return
    invoice.match_status = MatchStatus.MISMATCH
    invoice.save(update_fields=["match_status", "updated_at"])
    _notify_mismatch(invoice)


def _notify_mismatch(invoice: Invoice) -> None:
    from notifications.selectors import members_with_permission
    from notifications.services import notification_send

    company = this_company()
    notification_send(
        recipients=members_with_permission(companies=[company.pk], permission=POST),
        kind="finance.invoice_mismatch",
        key=f"finance.invoice_mismatch:{invoice.pk}:{invoice.updated_at.isoformat()}",
        payload={
            "title": f"{invoice.partner_number} ({invoice.partner_name})",
            "invoice_id": invoice.pk,
            "number": invoice.number,
            "partner_number": invoice.partner_number,
            "partner_name": invoice.partner_name,
            "order_number": invoice.order_number,
            "total": str(invoice.total),
            "currency": invoice.currency,
        },
        subject_type="finance.invoice",
        subject_id=invoice.pk,
    )


def _pending(invoice: Invoice) -> Invoice:
    locked = _lock(invoice)
    if (
        locked.direction != InvoiceDirection.IN
        or locked.status != InvoiceStatus.DRAFT
        or locked.match_status not in (MatchStatus.MISMATCH, MatchStatus.MATCHED)
    ):
        raise InvoiceNotPendingApproval(
            f"{locked.number} is not waiting for an approval.", invoice_status=locked.status
        )
    return locked


def invoice_match(*, actor: Actor, invoice: Invoice) -> Invoice:
    """Match a received invoice waiting for approval again (goods received since, tolerances changed):
    when it now matches it is open and posted.

    Raises:
        InvoiceNotPendingApproval: it is not a received invoice outside tolerance.
    """
    actor.require(POST)
    with transaction.atomic():
        locked = _pending(invoice)
        if _match_lines(locked):
            locked.match_status = MatchStatus.MATCHED
            if _approve_all():
                locked.save(update_fields=["match_status", "updated_at"])
            else:
                _post_received(locked)
    return locked


def _approve_all() -> bool:
    return FinanceSettings.objects.filter(pk=1, approve_matched_invoices=True).exists()


def invoice_approve(*, actor: Actor, invoice: Invoice, note: str = "") -> Invoice:
    """Accept a received invoice outside tolerance: open and posted (audited).

    Raises:
        PermissionDenied: actor lacks ``finance.post``.
        InvoiceNotPendingApproval: it is not waiting for an approval.
    """
    actor.require(POST)
    with transaction.atomic():
        locked = _pending(invoice)
        # A matched invoice (waiting because the company approves all) stays "matched".
        locked.match_status = MatchStatus.MATCHED if _match_lines(locked) else MatchStatus.APPROVED
        locked.reason = note
        locked.decided_at = timezone.now()
        locked.decided_by_label = actor.label[:254]
        _post_received(locked)
        _po_event(
            locked,
            "invoice_approved",
            label=actor.label,
            data={"invoice_number": locked.partner_number, "note": note},
        )
        _audit(actor, "invoice_approved", locked, note=note, total=str(locked.total))
    return locked


def invoice_reject(*, actor: Actor, invoice: Invoice, reason: str) -> Invoice:
    """Refuse a received invoice outside tolerance: rejected, nothing posted, and an ``invoice_response``
    tells the supplier why (it answers with a credit note). Audited.

    Raises:
        InvoiceNotPendingApproval: it is not waiting for an approval.
        ValidationFailed: no reason.
    """
    actor.require(POST)
    if not reason.strip():
        raise ValidationFailed(errors={"reason": ["Say why."]})
    with transaction.atomic():
        locked = _pending(invoice)
        locked.status = InvoiceStatus.REJECTED
        locked.match_status = MatchStatus.REJECTED
        locked.amount_open = ZERO
        locked.reason = reason
        locked.decided_at = timezone.now()
        locked.decided_by_label = actor.label[:254]
        locked.save()
        if locked.document_id is not None and locked.partner_company_id is not None:
            from marketplace.exchange.services import document_send

            supplier = Company.objects.filter(pk=locked.partner_company_id).first()
            if supplier is not None:
                document_send(
                    sender=this_company(),
                    receiver=supplier,
                    kind="invoice_response",
                    payload={"invoice_number": locked.partner_number, "action": "reject", "reason": reason},
                    refers_to=locked.document_id,
                )
        _po_event(
            locked,
            "invoice_rejected",
            label=actor.label,
            data={"invoice_number": locked.partner_number, "reason": reason},
        )
        _audit(actor, "invoice_rejected", locked, reason=reason)
    return locked


def invoice_response_received(doc: Incoming) -> None:
    """The buyer's answer to an invoice we sent: a rejection marks it "rejected by the buyer" with the
    reason (we correct it with a credit note); an approval records the note."""
    invoice = (
        Invoice.objects.select_for_update()
        .filter(direction=InvoiceDirection.OUT, document_id=doc.refers_to)
        .first()
    )
    if invoice is None:
        return
    invoice.reason = doc.payload.get("reason", "")
    invoice.decided_at = timezone.now()
    invoice.decided_by_label = doc.sender_name[:254]
    if doc.payload.get("action") == "reject" and invoice.status in (InvoiceStatus.OPEN, InvoiceStatus.PAID):
        invoice.status = InvoiceStatus.REJECTED
    invoice.save()


# --- PDF -------------------------------------------------------------------------------------------------


def invoice_pdf(*, invoice: Invoice, language: str = "") -> bytes:
    """The invoice (or note) as a PDF, as ``kernel.documents`` renders it: ``language`` ``zh-CN``,
    ``en`` or ``both`` (default: the company's locale, both when it has none). For a received invoice
    the partner is the seller."""
    from kernel.documents import InvoiceDocument, InvoiceType, Party, render_invoice_pdf
    from kernel.documents import InvoiceKind as DocumentKind
    from kernel.documents import InvoiceLine as DocumentLine

    company = this_company()
    settings = _settings()
    own_tax_id = invoice.seller_tax_id if invoice.direction == InvoiceDirection.OUT else invoice.buyer_tax_id
    own = Party(
        name=company.legal_name or company.name, tax_id=own_tax_id or settings.tax_id, country=company.country
    )
    partner = Party(name=invoice.partner_name, address=invoice.partner_address, tax_id=invoice.partner_tax_id)
    seller, buyer = (own, partner) if invoice.direction == InvoiceDirection.OUT else (partner, own)
    if not language:
        locale = (company.locale or "").lower()
        language = "zh-CN" if locale.startswith("zh") else "en" if locale.startswith("en") else "both"
    original = invoice.original
    document = InvoiceDocument(
        number=invoice.number
        if invoice.status != InvoiceStatus.DRAFT or invoice.direction == "in"
        else "DRAFT",
        invoice_type={
            FapiaoType.SPECIAL: InvoiceType.SPECIAL,
            FapiaoType.ORDINARY: InvoiceType.ORDINARY,
        }.get(FapiaoType(invoice.fapiao_type), InvoiceType.COMMERCIAL),
        issue_date=invoice.issue_date if invoice.status != InvoiceStatus.DRAFT else None,
        due_date=invoice.due_date,
        currency=invoice.currency,
        seller=seller,
        buyer=buyer,
        kind=DocumentKind(invoice.kind),
        original_number=original.number if original is not None else "",
        original_date=original.issue_date if original is not None else None,
        reason=invoice.reason if invoice.kind != InvoiceKind.INVOICE else "",
        payment_instructions=invoice.payment_terms,
        notes=invoice.notes,
        lines=[
            DocumentLine(
                description=line.description,
                quantity=line.quantity,
                unit=line.unit,
                unit_price=line.unit_price,
                net=line.net_amount,
                vat_rate=line.tax_rate,
                vat=line.tax_amount,
                gross=line.net_amount + line.tax_amount,
                code=line.sku,
            )
            for line in invoice.lines.order_by("line_no")
        ],
    )
    return render_invoice_pdf(document, language=language)  # type: ignore[arg-type]
