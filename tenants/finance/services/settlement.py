"""Settlement: payment terms, bank accounts, payments in and out allocated to open invoices, and the
remittance advice that tells a Hansa supplier what its customer paid.

Every change of an invoice's ``amount_open`` happens under the invoice's row lock; several invoices are
locked in id order, so two payments touching the same invoices cannot deadlock, and however many run at
once the database never sees more settled than was open.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import ValidationFailed
from tenants.finance.exceptions import (
    DiscountNotAllowed,
    InvoiceNotSettleable,
    PaymentTermCodeTaken,
)
from tenants.finance.models import (
    ZERO,
    Account,
    BankAccount,
    Invoice,
    InvoiceDirection,
    InvoiceKind,
    InvoiceStatus,
    Payment,
    PaymentAllocation,
    PaymentDirection,
    PaymentMethod,
    PaymentSource,
    PaymentTerm,
)
from tenants.finance.services.posting import cents, event_record, functional_currency, number_next

FINANCE_POST = "finance.post"

# --- payment terms ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermsDue:
    due_date: date
    discount_date: date | None
    discount_percent: Decimal


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def payment_terms_due(*, terms: PaymentTerm | None, issue_date: date) -> TermsDue:
    """When an invoice issued on ``issue_date`` under ``terms`` falls due, and its discount window.

    No terms: due 30 days after issue, no discount. ``end_of_month`` terms (月结) count the days from
    the last day of the issue month. The discount (``discount_percent`` of the total) applies to a
    payment made on or before ``issue_date + discount_days``; none when the percent is zero.
    """
    if terms is None:
        return TermsDue(due_date=issue_date + timedelta(days=30), discount_date=None, discount_percent=ZERO)
    start = _month_end(issue_date) if terms.end_of_month else issue_date
    due = start + timedelta(days=terms.days)
    if terms.discount_percent > 0:
        discount_date: date | None = min(issue_date + timedelta(days=terms.discount_days), due)
        percent = terms.discount_percent
    else:
        discount_date, percent = None, ZERO
    return TermsDue(due_date=due, discount_date=discount_date, discount_percent=percent)


def payment_term_for_invoice(invoice: Invoice) -> PaymentTerm | None:
    """The terms an invoice names in ``payment_terms`` (a term's code, or its English or Chinese name)."""
    text = invoice.payment_terms.strip()
    if not text:
        return None
    for field in ("code", "name_en", "name_zh"):
        term = PaymentTerm.objects.filter(**{field: text}).first()
        if term is not None:
            return term
    return None


def discount_available(*, invoice: Invoice, on: date) -> Decimal:
    """The early-payment discount a payment of ``invoice`` made on ``on`` may take (0 if none)."""
    terms = payment_term_for_invoice(invoice)
    due = payment_terms_due(terms=terms, issue_date=invoice.issue_date)
    if due.discount_date is None or on > due.discount_date:
        return ZERO
    return cents(invoice.total * due.discount_percent / 100)


def payment_term_create(
    *,
    actor: Actor,
    code: str,
    name_zh: str,
    name_en: str,
    days: int,
    end_of_month: bool = False,
    discount_percent: Decimal = ZERO,
    discount_days: int = 0,
) -> PaymentTerm:
    """Add payment terms.

    Raises:
        PaymentTermCodeTaken: the code exists.
        ValidationFailed: a discount without days, or days without a discount, or a window after the due.
    """
    actor.require(FINANCE_POST)
    errors: dict[str, list[str]] = {}
    if (discount_percent > 0) != (discount_days > 0):
        errors["discount_days"] = ["A discount needs both a percent and a number of days."]
    elif discount_percent > 0 and not end_of_month and discount_days > days:
        errors["discount_days"] = ["The discount window must end by the due date."]
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            term = PaymentTerm.objects.create(
                code=code,
                name_zh=name_zh or name_en,
                name_en=name_en or name_zh,
                days=days,
                end_of_month=end_of_month,
                discount_percent=discount_percent,
                discount_days=discount_days,
            )
            audit_record(
                action="finance.payment_term.create",
                company=actor.company,
                actor=actor.user,
                actor_label=actor.label,
                target_type="finance.paymentterm",
                target_id=term.pk,
                after={"code": code, "days": days, "discount_percent": str(discount_percent)},
            )
    except IntegrityError as exc:
        raise PaymentTermCodeTaken(f"Payment terms {code!r} exist.", code_value=code) from exc
    return term


# --- bank accounts ---------------------------------------------------------------------------------------


def bank_account_create(
    *,
    actor: Actor,
    name: str,
    currency: str,
    bank: str = "",
    account_number: str = "",
    account: Account | None = None,
) -> BankAccount:
    """Add a bank account posting to ``account`` (default: the chart's ``bank`` account).

    Raises:
        ValidationFailed: the ledger account is not a postable, active cash account, or takes another
            currency.
    """
    actor.require(FINANCE_POST)
    ledger = account if account is not None else Account.objects.filter(role="bank").first()
    if ledger is None or not (ledger.is_postable and ledger.is_active and ledger.is_cash):
        raise ValidationFailed(errors={"account_id": ["Choose a postable cash or bank account."]})
    if ledger.currency and ledger.currency != currency:
        raise ValidationFailed(errors={"currency": [f"The ledger account takes only {ledger.currency}."]})
    digits = account_number.replace(" ", "")
    with transaction.atomic():
        row = BankAccount.objects.create(
            name=name,
            bank=bank,
            account_number=digits,
            number_last4=digits[-4:],
            currency=currency,
            account=ledger,
        )
        audit_record(
            action="finance.bank_account.create",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.bankaccount",
            target_id=row.pk,
            after={"name": name, "currency": currency, "account": ledger.code, "last4": row.number_last4},
        )
    return row


# --- invoice settlement (see the invoices services: invoice_lock / invoice_apply_settlement) -----------


def _invoices_lock(invoice_ids: Sequence[int]) -> dict[int, Invoice]:
    """Lock the invoices FOR UPDATE in id order (no deadlock between two payments of the same ones)."""
    rows = Invoice.objects.select_for_update().filter(pk__in=sorted(set(invoice_ids))).order_by("pk")
    return {row.pk: row for row in rows}


def _invoice_apply_settlement(*, invoice: Invoice, amount: Decimal, paid_at: Any) -> Invoice:
    """Settle ``amount`` of a locked invoice through the invoices services (open down, paid up, ``paid``
    when nothing is left, "paid" on the order's timeline).

    Raises:
        PaymentExceedsOpen: ``amount`` is more than what is open.
    """
    from tenants.finance.services.invoices import invoice_apply_settlement

    return invoice_apply_settlement(invoice=invoice, amount=amount, paid_at=paid_at)


def _invoice_reopen(*, invoice: Invoice, amount: Decimal) -> Invoice:
    """Put ``amount`` back on a locked invoice (a bill that paid it was dishonoured)."""
    invoice.amount_open += amount
    invoice.amount_paid -= amount
    invoice.status = InvoiceStatus.OPEN
    invoice.paid_at = None
    invoice.save(update_fields=["amount_open", "amount_paid", "status", "paid_at", "updated_at"])
    return invoice


def invoices_settleable(
    *, invoice_ids: Sequence[int], direction: str, currency: str | None = None
) -> dict[int, Invoice]:
    """Lock and check invoices a payment (``in``: issued invoices; ``out``: received ones) or a bill may
    settle: open, of one partner, in one currency.

    Raises:
        ValidationFailed: an id that does not exist, or invoices of different partners.
        InvoiceNotSettleable: not open, the wrong direction, a credit note, another currency.
    """
    invoices = _invoices_lock(invoice_ids)
    missing = [i for i in invoice_ids if i not in invoices]
    if missing:
        raise ValidationFailed(errors={"allocations": [f"No such invoice: {missing[0]}."]})
    wanted = InvoiceDirection.OUT if direction == PaymentDirection.IN else InvoiceDirection.IN
    partners = set()
    for invoice in invoices.values():
        if (
            invoice.status != InvoiceStatus.OPEN
            or invoice.direction != wanted
            or invoice.kind == InvoiceKind.CREDIT_NOTE
            or (currency is not None and invoice.currency != currency)
        ):
            raise InvoiceNotSettleable(
                f"{invoice.number} cannot be settled here.",
                invoice_id=invoice.pk,
                invoice_status=invoice.status,
            )
        partners.add((invoice.partner_company_id, invoice.customer_id, invoice.partner_name))
    if len(partners) > 1:
        raise ValidationFailed(errors={"allocations": ["All invoices must be of the same partner."]})
    return invoices


# --- payments --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AllocationIn:
    invoice_id: int
    amount: Decimal
    discount: Decimal = ZERO
    writeoff: Decimal = ZERO


def _payment_create(
    *,
    direction: str,
    amount: Decimal,
    currency: str,
    day: date,
    allocations: Sequence[AllocationIn],
    method: str = PaymentMethod.BANK_TRANSFER,
    bank_account: BankAccount | None = None,
    rate: Decimal | None = None,
    reference: str = "",
    source: str = PaymentSource.MANUAL,
    document_id: uuid.UUID | None = None,
    gateway_event_id: str | None = None,
    check_discount: bool = True,
    actor_id: int | None = None,
    actor_label: str = "",
) -> Payment:
    """Write a payment, settle its allocations and record its posting event, in one transaction."""
    errors: dict[str, list[str]] = {}
    home = functional_currency()
    if amount <= 0:
        errors["amount"] = ["The amount must be more than zero."]
    if not allocations:
        errors["allocations"] = ["Allocate the payment to at least one invoice."]
    if len({a.invoice_id for a in allocations}) != len(allocations):
        errors["allocations"] = ["An invoice appears twice."]
    for row in allocations:
        if min(row.amount, row.discount, row.writeoff) < 0 or row.amount + row.discount + row.writeoff <= 0:
            errors["allocations"] = ["Each allocation settles a positive amount; no part is negative."]
    if not errors and sum((a.amount for a in allocations), ZERO) != amount:
        errors["amount"] = ["The amount must equal the sum of the allocated amounts."]
    if currency == home:
        rate = Decimal(1)
    elif rate is None or rate <= 0:
        errors["rate"] = [f"Give the exchange rate of {currency} to {home}."]
    if bank_account is not None and (bank_account.currency != currency or not bank_account.is_active):
        errors["bank_account_id"] = [f"Choose an active {currency} bank account."]
    if errors:
        raise ValidationFailed(errors=errors)
    assert rate is not None
    with transaction.atomic():
        invoices = invoices_settleable(
            invoice_ids=[a.invoice_id for a in allocations], direction=direction, currency=currency
        )
        for row in allocations:
            invoice = invoices[row.invoice_id]
            if (
                check_discount
                and row.discount > 0
                and row.discount > discount_available(invoice=invoice, on=day)
            ):
                raise DiscountNotAllowed(
                    f"{invoice.number}: no discount of {row.discount} on {day.isoformat()}.",
                    invoice_id=invoice.pk,
                    discount_available=str(discount_available(invoice=invoice, on=day)),
                )
        first = invoices[allocations[0].invoice_id]
        series = "REC" if direction == PaymentDirection.IN else "PAY"
        payment = Payment.objects.create(
            number=f"{series}-{day.year}-{number_next(series=series, year=day.year):06d}",
            direction=direction,
            method=method,
            source=source,
            partner_company_id=first.partner_company_id,
            customer_id=first.customer_id,
            partner_name=first.partner_name,
            currency=currency,
            amount=amount,
            exchange_rate=rate,
            discount_total=sum((a.discount for a in allocations), ZERO),
            writeoff_total=sum((a.writeoff for a in allocations), ZERO),
            bank_account=bank_account,
            date=day,
            reference=reference[:200],
            document_id=document_id,
            gateway_event_id=gateway_event_id,
            created_by_id=actor_id,
            created_by_label=actor_label[:254],
        )
        paid_at = timezone.now()
        for row in allocations:
            invoice = _invoice_apply_settlement(
                invoice=invoices[row.invoice_id],
                amount=row.amount + row.discount + row.writeoff,
                paid_at=paid_at,
            )
            PaymentAllocation.objects.create(
                payment=payment,
                invoice=invoice,
                amount=row.amount,
                discount_taken=row.discount,
                writeoff=row.writeoff,
                open_after=invoice.amount_open,
            )
        kind = "payment_received" if direction == PaymentDirection.IN else "payment_made"
        event = event_record(kind=kind, source_id=payment.pk, occurred_on=day)
        payment.posting_event_id = event.pk if event else None
        payment.save(update_fields=["posting_event"])
    return payment


def payment_record(
    *,
    actor: Actor,
    direction: str,
    amount: Decimal,
    currency: str,
    day: date,
    allocations: Sequence[AllocationIn],
    method: str = PaymentMethod.BANK_TRANSFER,
    bank_account: BankAccount | None = None,
    rate: Decimal | None = None,
    reference: str = "",
    source: str = PaymentSource.MANUAL,
) -> Payment:
    """Record money received (``in``, against issued invoices) or paid (``out``, against received ones).

    Each allocation settles ``amount + discount + writeoff`` of its invoice; less than what is open is a
    short payment (the invoice stays open with the rest), the whole of it closes the invoice. A discount
    is allowed only within the invoice's terms' discount window and up to its percent of the total.
    A payment of invoices that a Hansa supplier sent is announced to it by a ``remittance_advice``
    document after commit, so the supplier's invoice closes too. Posts ``payment_received`` or
    ``payment_made`` after commit.

    Raises:
        PermissionMissing: the actor may not post (``finance.post``).
        ValidationFailed: bad amounts, allocations not adding up to the amount, a missing rate, a bank
            account of another currency, unknown invoices, invoices of several partners.
        InvoiceNotSettleable: an invoice not open, of the other direction or another currency.
        DiscountNotAllowed: a discount outside the terms' window or above its percent.
        PaymentExceedsOpen: more than what is open on an invoice.
    """
    actor.require(FINANCE_POST)
    with transaction.atomic():
        payment = _payment_create(
            direction=direction,
            amount=amount,
            currency=currency,
            day=day,
            allocations=allocations,
            method=method,
            bank_account=bank_account,
            rate=rate,
            reference=reference,
            source=source,
            actor_id=actor.user.pk if actor.user else None,
            actor_label=actor.label,
        )
        audit_record(
            action=f"finance.payment.{'receive' if direction == PaymentDirection.IN else 'pay'}",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.payment",
            target_id=payment.pk,
            after={
                "number": payment.number,
                "amount": str(amount),
                "currency": currency,
                "invoices": [a.invoice_id for a in allocations],
            },
        )
        if direction == PaymentDirection.OUT:
            remittance_send(payment=payment, sender=actor.company)
    return payment


def remittance_send(*, payment: Payment, sender: Any, bill: dict[str, Any] | None = None) -> None:
    """Send the supplier a ``remittance_advice`` for what ``payment`` (or a bill) paid of invoices it sent
    through Hansa (``Invoice.document_id``); nothing when none was. Runs in the caller's transaction."""
    from marketplace.exchange.services import document_send
    from tenants.models import Company

    rows = [a for a in payment.allocations.select_related("invoice") if a.invoice.document_id]
    if not rows or payment.partner_company_id is None:
        return
    receiver = Company.objects.filter(pk=payment.partner_company_id).first()
    if receiver is None:
        return
    payload = {
        "payment_number": payment.number,
        "method": payment.method,
        "paid_on": payment.date.isoformat(),
        "currency": payment.currency,
        "amount": str(cents(sum((a.amount for a in rows), ZERO))),
        "reference": payment.reference,
        "invoices": [
            {
                "invoice_document_id": str(a.invoice.document_id),
                "invoice_number": a.invoice.partner_number or a.invoice.number,
                "amount": str(cents(a.amount)),
                "discount": str(cents(a.discount_taken)),
                "writeoff": str(cents(a.writeoff)),
            }
            for a in rows
        ],
        "bill": bill,
    }
    document = document_send(
        sender=sender,
        receiver=receiver,
        kind="remittance_advice",
        payload=payload,
        refers_to=rows[0].invoice.document_id,
    )
    Payment.objects.filter(pk=payment.pk).update(document_id=document.pk)
    payment.document_id = document.pk


def remittance_receive(*, document_id: uuid.UUID, sender_id: int, payload: dict[str, Any]) -> Payment | None:
    """The supplier's side of a ``remittance_advice``: settle ITS issued invoices (found by the invoice
    document ids it sent) by a payment received, or hold the bill it carries. Idempotent by document id.

    Raises:
        ValidationFailed: an invoice document that is not one of ours sent to that customer.
        PaymentExceedsOpen: the customer paid more than is open (the document fails and is retried).
    """
    if Payment.objects.filter(document_id=document_id).exists():
        return None
    rows = payload["invoices"]
    by_document = {
        str(i.document_id): i
        for i in Invoice.objects.filter(
            document_id__in=[r["invoice_document_id"] for r in rows],
            direction=InvoiceDirection.OUT,
            partner_company_id=sender_id,
        )
    }
    unknown = [r["invoice_number"] for r in rows if r["invoice_document_id"] not in by_document]
    if unknown:
        raise ValidationFailed(
            errors={"invoices": [f"Not an invoice we sent to this customer: {unknown[0]}."]}
        )
    allocations = [
        AllocationIn(
            invoice_id=by_document[r["invoice_document_id"]].pk,
            amount=Decimal(r["amount"]),
            discount=Decimal(r["discount"]),
            writeoff=Decimal(r["writeoff"]),
        )
        for r in rows
    ]
    if payload["method"] == PaymentMethod.BILL:
        from tenants.finance.services.bills import bill_receive_from_partner

        bill_receive_from_partner(
            document_id=document_id,
            sender_id=sender_id,
            bill=payload["bill"],
            allocations=allocations,
            day=date.fromisoformat(payload["paid_on"]),
        )
        return None
    currency = payload["currency"]
    rate = (
        None
        if currency == functional_currency()
        else by_document[rows[0]["invoice_document_id"]].exchange_rate
    )
    return _payment_create(
        direction=PaymentDirection.IN,
        amount=Decimal(payload["amount"]),
        currency=currency,
        day=date.fromisoformat(payload["paid_on"]),
        allocations=allocations,
        method=payload["method"],
        rate=rate,
        reference=(payload.get("reference") or payload["payment_number"])[:200],
        source=PaymentSource.REMITTANCE,
        document_id=document_id,
        check_discount=False,
        actor_label=f"remittance {payload['payment_number']}",
    )
