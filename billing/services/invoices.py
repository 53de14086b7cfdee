"""The platform's invoices to companies: issue (gapless numbers, VAT), and record payments against them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from billing.exceptions import InvoiceNotPayable, PaymentExceedsBalance
from billing.models import (
    Invoice,
    InvoiceLine,
    InvoiceLineKind,
    InvoiceNumberSequence,
    InvoiceStatus,
    Payment,
    Subscription,
)
from identity.models import User
from identity.services import audit_record
from kernel.errors import NotFound, ValidationFailed
from tenants.models import Company

CENT = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineSpec:
    kind: str
    description: str
    unit_amount: Decimal
    quantity: Decimal = Decimal("1")
    meter: str = ""
    period_start: dt.date | None = None

    @property
    def amount(self) -> Decimal:
        return _money(self.unit_amount * self.quantity)


def vat_rate_for(country: str) -> Decimal:
    """The VAT rate (percent) the platform charges a company in ``country`` (settings)."""
    rates: dict[str, str] = settings.HANSA_BILLING_VAT_RATES
    return Decimal(rates.get(country, rates.get("*", "0")))


def invoice_number_next(*, year: int) -> str:
    """The next number of ``year`` (``HB-2026-000001``). Locks the year's row: numbers have no gaps and no
    repeats, because the row lock is held until the issuing transaction commits or rolls back."""
    InvoiceNumberSequence.objects.get_or_create(year=year)
    sequence = InvoiceNumberSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{settings.HANSA_BILLING_INVOICE_PREFIX}-{year}-{sequence.last_number:06d}"


@transaction.atomic
def invoice_issue(
    *,
    subscription: Subscription,
    lines: list[LineSpec],
    period_start: dt.datetime | None = None,
    period_end: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Invoice | None:
    """Issue an invoice for ``lines`` (returns None when there is nothing to charge).

    The subscription's credit balance is used first (a credit line). VAT is added at the company's
    country rate. A positive total is open, due after the payment terms; a zero total is paid at once.
    The number is given in this transaction (gapless per year).
    """
    now = now or timezone.now()
    lines = [line for line in lines if line.amount != 0]
    subtotal = sum((line.amount for line in lines), Decimal("0"))
    if subtotal <= 0:
        if subtotal < 0:  # a net credit waits for the next invoice
            Subscription.objects.filter(pk=subscription.pk).update(
                credit_balance=subscription.credit_balance - subtotal
            )
            subscription.credit_balance -= subtotal
        return None
    company = Company.objects.get(pk=subscription.company_id)
    credit = min(subscription.credit_balance, subtotal)
    if credit > 0:
        lines.append(
            LineSpec(
                kind=InvoiceLineKind.CREDIT, description="Credit from an earlier change", unit_amount=-credit
            )
        )
        subtotal -= credit
        subscription.credit_balance -= credit
        Subscription.objects.filter(pk=subscription.pk).update(credit_balance=subscription.credit_balance)
    rate = vat_rate_for(company.country)
    tax = _money(subtotal * rate / 100)
    total = subtotal + tax
    invoice = Invoice.objects.create(
        company=company,
        subscription=subscription,
        number=invoice_number_next(year=now.year),
        status=InvoiceStatus.OPEN if total > 0 else InvoiceStatus.PAID,
        gateway=subscription.gateway,
        currency=subscription.currency,
        period_start=period_start,
        period_end=period_end,
        subtotal=subtotal,
        tax_rate=rate,
        tax_amount=tax,
        total=total,
        issued_at=now,
        due_at=now + dt.timedelta(days=settings.HANSA_BILLING_PAYMENT_TERMS_DAYS),
        paid_at=now if total == 0 else None,
        buyer_name=company.legal_name or company.name,
        buyer_tax_id=company.tax_id,
        buyer_country=company.country,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            kind=line.kind,
            description=line.description[:300],
            meter=line.meter,
            quantity=line.quantity,
            unit_amount=line.unit_amount,
            amount=line.amount,
            period_start=line.period_start,
        )
        for line in lines
    )
    return invoice


@transaction.atomic
def invoice_record_payment(
    *,
    invoice_id: int,
    amount: Decimal,
    method: str,
    reference: str,
    received_on: dt.date,
    actor: User | None,
    reason: str = "",
) -> Invoice:
    """Record money received against an open invoice (an operator's bank-transfer entry, or Stripe).

    A payment that settles the invoice marks it paid and, when nothing else is overdue, makes the
    company's subscription active again at once. The payment and its audit entry commit together.

    Raises:
        NotFound: no such invoice.
        ValidationFailed: amount not positive.
        InvoiceNotPayable: the invoice is not open.
        PaymentExceedsBalance: more than is still owed.
    """
    from billing.services.subscriptions import subscription_payment_received

    if amount <= 0:
        raise ValidationFailed(errors={"amount": ["The amount must be positive."]})
    invoice = Invoice.objects.select_for_update().filter(pk=invoice_id).first()
    if invoice is None:
        raise NotFound()
    if invoice.status != InvoiceStatus.OPEN:
        raise InvoiceNotPayable(invoice_status=invoice.status)
    open_balance = invoice.total - invoice.amount_paid
    if amount > open_balance:
        raise PaymentExceedsBalance(open_balance=str(open_balance))
    Payment.objects.create(
        invoice=invoice,
        company_id=invoice.company_id,
        amount=amount,
        currency=invoice.currency,
        method=method,
        reference=reference[:200],
        received_on=received_on,
        recorded_by=actor if actor is not None and actor.pk else None,
    )
    before = {"status": invoice.status, "amount_paid": str(invoice.amount_paid)}
    invoice.amount_paid += amount
    if invoice.amount_paid == invoice.total:
        invoice.status = InvoiceStatus.PAID
        invoice.paid_at = timezone.now()
    invoice.save(update_fields=["amount_paid", "status", "paid_at", "updated_at"])
    audit_record(
        action="billing.payment_recorded",
        company=None,
        actor=actor,
        actor_label="" if actor is not None else method,
        target_type="billing_invoice",
        target_id=invoice.pk,
        before=before,
        after={"status": invoice.status, "amount_paid": str(invoice.amount_paid), "reference": reference},
        reason=reason,
    )
    if invoice.status == InvoiceStatus.PAID:
        subscription_payment_received(company_id=invoice.company_id)
    return invoice


@transaction.atomic
def invoice_void(*, invoice_id: int, actor: User | None, reason: str) -> Invoice:
    """Void an open invoice nobody has paid anything against (an operator's correction): it is no longer
    owed, keeps its number (numbers stay gapless) and its PDF says "void". When it was the company's last
    overdue invoice, a past-due, read-only or billing-suspended subscription is active again at once.
    The change and its audit entry (operator, reason) commit together.

    Raises:
        ValidationFailed: no reason.
        NotFound: no such invoice.
        InvoiceNotVoidable: not open, or a payment was recorded against it.
    """
    from billing.exceptions import InvoiceNotVoidable
    from billing.services.subscriptions import subscription_payment_received

    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Say why: the reason is kept in the operator audit log."]})
    invoice = Invoice.objects.select_for_update().filter(pk=invoice_id).first()
    if invoice is None:
        raise NotFound()
    if invoice.status != InvoiceStatus.OPEN or invoice.amount_paid > 0:
        raise InvoiceNotVoidable(invoice_status=invoice.status)
    invoice.status = InvoiceStatus.VOID
    invoice.save(update_fields=["status", "updated_at"])
    audit_record(
        action="billing.invoice_voided",
        company=None,
        actor=actor,
        target_type="billing_invoice",
        target_id=invoice.pk,
        before={"status": InvoiceStatus.OPEN, "number": invoice.number},
        after={"status": InvoiceStatus.VOID},
        reason=reason,
    )
    subscription_payment_received(company_id=invoice.company_id, source="operator")
    return invoice
