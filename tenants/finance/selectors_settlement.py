"""Reads of settlement: payments, open items with their settlements, statements, bills."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from tenants.finance.models import (
    BankAccount,
    BankStatement,
    BankStatementLine,
    Bill,
    BillEvent,
    Invoice,
    InvoiceStatus,
    JournalEntry,
    Payment,
    PaymentAllocation,
    PaymentTerm,
)


def payment_term_list() -> QuerySet[PaymentTerm]:
    return PaymentTerm.objects.filter(is_active=True).order_by("days", "code")


def bank_account_list() -> QuerySet[BankAccount]:
    return BankAccount.objects.select_related("account").order_by("name", "id")


def payment_list(*, direction: str = "", partner_company_id: int | None = None) -> QuerySet[Payment]:
    rows = Payment.objects.select_related("posting_event__entry").prefetch_related(
        Prefetch("allocations", queryset=PaymentAllocation.objects.select_related("invoice").order_by("id"))
    )
    if direction:
        rows = rows.filter(direction=direction)
    if partner_company_id is not None:
        rows = rows.filter(partner_company_id=partner_company_id)
    return rows.order_by("-date", "-id")


@dataclass(frozen=True)
class Settlement:
    """One thing that settled (part of) an invoice: a payment or a bill."""

    kind: str  # "payment" | "bill"
    number: str
    settled_on: date
    paid_amount: Decimal
    discount_amount: Decimal
    writeoff_amount: Decimal


def invoice_settlements(invoice: Invoice) -> list[Settlement]:
    rows = [
        Settlement("payment", a.payment.number, a.payment.date, a.amount, a.discount_taken, a.writeoff)
        for a in invoice.allocations.select_related("payment").order_by("id")
    ]
    rows += [
        Settlement("bill", a.bill.number, a.bill.issue_date, a.amount, Decimal(0), Decimal(0))
        for a in invoice.bill_allocations.select_related("bill").order_by("id")
    ]
    return sorted(rows, key=lambda s: (s.settled_on, s.number))


def open_item_list(
    *, direction: str = "", partner_company_id: int | None = None, search: str = ""
) -> QuerySet[Invoice]:
    """Open invoices with something left to settle, oldest due first."""
    rows = Invoice.objects.filter(status=InvoiceStatus.OPEN, amount_open__gt=0).exclude(kind="credit_note")
    if direction:
        rows = rows.filter(direction=direction)
    if partner_company_id is not None:
        rows = rows.filter(partner_company_id=partner_company_id)
    if search:
        rows = rows.filter(number__icontains=search) | rows.filter(partner_name__icontains=search)
    return rows.order_by("due_date", "id")


def statement_list() -> QuerySet[BankStatement]:
    return BankStatement.objects.order_by("-imported_at", "-id")


def statement_line_list(*, statement: BankStatement) -> QuerySet[BankStatementLine]:
    return statement.lines.select_related("payment").order_by("line_no")


def bill_list(*, direction: str = "", status: str = "") -> QuerySet[Bill]:
    rows = Bill.objects.prefetch_related(
        Prefetch("events", queryset=BillEvent.objects.select_related("posting_event__entry").order_by("id")),
        "allocations__invoice",
    )
    if direction:
        rows = rows.filter(direction=direction)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("maturity_date", "id")


def entry_of(posting_event_id: int | None) -> JournalEntry | None:
    if posting_event_id is None:
        return None
    return JournalEntry.objects.filter(event_id=posting_event_id).first()


def bill_document(bill: Bill, *, company_name: str) -> Any:
    """The bill as :class:`kernel.documents.BillDocument` (its face and our endorsements on its back)."""
    from kernel.documents import BillDocument, BillType, Endorsement, Party

    endorsements = [
        Endorsement(
            endorser=company_name,
            endorsee=str(event.details.get("endorsee_name", "")),
            date=event.date,
        )
        for event in bill.events.filter(action="endorse").order_by("id")
    ]
    accepted = bill.events.filter(action="accept").order_by("id").first()
    return BillDocument(
        number=bill.number,
        bill_type=BillType(bill.type),
        issue_date=bill.issue_date,
        maturity_date=bill.maturity_date,
        amount=bill.amount,
        currency=bill.currency,
        drawer=Party(name=bill.drawer_name),
        payee=Party(name=bill.payee_name or company_name),
        acceptor=Party(name=bill.acceptor_name),
        acceptance_date=accepted.date if accepted else None,
        endorsements=tuple(endorsements),
    )
