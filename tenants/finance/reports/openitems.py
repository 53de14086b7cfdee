"""AR and AP aging from the open invoices, and the VAT summary from the invoice lines and the VAT accounts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection

from tenants.finance.models import (
    ZERO,
    Account,
    Invoice,
    InvoiceDirection,
    InvoiceKind,
    InvoiceStatus,
)
from tenants.finance.reports.balances import currency, movements
from tenants.finance.reports.ledger import Drill
from tenants.finance.reports.ranges import DateRange
from tenants.finance.services.posting import cents

BUCKETS: tuple[tuple[str, str, str], ...] = (
    ("current", "未到期", "Not yet due"),
    ("days_1_30", "逾期1-30天", "1-30 days overdue"),
    ("days_31_60", "逾期31-60天", "31-60 days overdue"),
    ("days_61_90", "逾期61-90天", "61-90 days overdue"),
    ("days_over_90", "逾期90天以上", "Over 90 days overdue"),
)


def bucket_of(days_overdue: int) -> str:
    if days_overdue <= 0:
        return "current"
    if days_overdue <= 30:
        return "days_1_30"
    if days_overdue <= 60:
        return "days_31_60"
    if days_overdue <= 90:
        return "days_61_90"
    return "days_over_90"


@dataclass(frozen=True)
class AgingItem:
    invoice_id: int
    number: str
    kind: str
    issue_date: date
    due_date: date
    days_overdue: int
    currency: str
    amount_open_currency: Decimal  # in the invoice's currency, negative for a credit note
    amount_open: Decimal  # functional currency
    bucket: str


@dataclass
class AgingRow:
    partner_name: str
    partner_company_id: int | None
    customer_id: int | None
    buckets: dict[str, Decimal] = field(default_factory=lambda: {b[0]: ZERO for b in BUCKETS})
    total: Decimal = ZERO
    items: list[AgingItem] = field(default_factory=list)


@dataclass(frozen=True)
class Bucket:
    key: str
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class Aging:
    direction: str
    as_of: date
    currency: str
    rows: list[AgingRow]
    totals: dict[str, Decimal]
    total: Decimal

    @property
    def buckets(self) -> list[Bucket]:
        return [Bucket(*bucket) for bucket in BUCKETS]


def aging(*, direction: str, as_of: date) -> Aging:
    """Open invoices (``out``: receivables, ``in``: payables) issued on or before ``as_of``, by partner and
    by days past due at ``as_of`` (current, 1-30, 31-60, 61-90, over 90; an invoice without a due date is
    due on its issue date). Amounts are what is open now (``amount_open``) in the functional currency at
    the invoice's rate; open credit notes count negative. Largest total first."""
    rows: dict[tuple[object, ...], AgingRow] = {}
    invoices = Invoice.objects.filter(
        direction=direction, status=InvoiceStatus.OPEN, issue_date__lte=as_of, amount_open__gt=0
    ).order_by("due_date", "issue_date", "id")
    for invoice in invoices:
        due = invoice.due_date or invoice.issue_date
        days = (as_of - due).days
        sign = -1 if invoice.kind == InvoiceKind.CREDIT_NOTE else 1
        home = cents(invoice.amount_open * invoice.exchange_rate) * sign
        key = (invoice.partner_company_id, invoice.customer_id, invoice.partner_name)
        row = rows.setdefault(
            key,
            AgingRow(
                partner_name=invoice.partner_name,
                partner_company_id=invoice.partner_company_id,
                customer_id=invoice.customer_id,
            ),
        )
        bucket = bucket_of(days)
        row.buckets[bucket] += home
        row.total += home
        row.items.append(
            AgingItem(
                invoice_id=invoice.pk,
                number=invoice.number,
                kind=invoice.kind,
                issue_date=invoice.issue_date,
                due_date=due,
                days_overdue=max(days, 0),
                currency=invoice.currency,
                amount_open_currency=invoice.amount_open * sign,
                amount_open=home,
                bucket=bucket,
            )
        )
    ordered = sorted(rows.values(), key=lambda r: (-r.total, r.partner_name))
    totals = {b[0]: sum((r.buckets[b[0]] for r in ordered), ZERO) for b in BUCKETS}
    return Aging(
        direction=direction,
        as_of=as_of,
        currency=currency(),
        rows=ordered,
        totals=totals,
        total=sum(totals.values(), ZERO),
    )


# --- VAT -------------------------------------------------------------------------------------------------

_VAT_SQL = """
SELECT to_char(i.issue_date, 'YYYY-MM') AS month, i.direction, l.tax_rate,
       sum(round(l.net_amount * i.exchange_rate, 2) * CASE WHEN i.kind = 'credit_note' THEN -1 ELSE 1 END),
       sum(round(l.tax_amount * i.exchange_rate, 2) * CASE WHEN i.kind = 'credit_note' THEN -1 ELSE 1 END)
  FROM finance_invoiceline l JOIN finance_invoice i ON i.id = l.invoice_id
 WHERE i.issue_date >= %(from)s AND i.issue_date <= %(to)s AND i.status IN %(statuses)s
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
"""


@dataclass(frozen=True)
class VatRow:
    month: str  # YYYY-MM
    rate: Decimal  # percent
    output_net: Decimal
    output_tax: Decimal
    input_net: Decimal
    input_tax: Decimal


@dataclass(frozen=True)
class VatSummary:
    span: DateRange
    currency: str
    rows: list[VatRow]
    output_tax: Decimal
    input_tax: Decimal
    payable: Decimal  # output - input; negative: input VAT carried forward (留抵) or refundable
    ledger_output: Decimal  # the movement of the vat_output account(s) over the range (credit positive)
    ledger_input: Decimal  # the movement of the vat_input account(s) (debit positive)
    account_ids: tuple[int, ...]

    @property
    def drill(self) -> Drill:
        """The entries on the VAT accounts in the range."""
        return Drill(account_ids=self.account_ids, date_from=self.span.date_from, date_to=self.span.date_to)


def vat_summary(*, span: DateRange) -> VatSummary:
    """Output VAT (issued invoices) and input VAT (received invoices) per month and rate, from the lines of
    invoices that are open or paid (credit notes negative, functional currency at the invoice's rate); what
    is payable (output minus input), and the same from the books: the VAT accounts' movement."""
    with connection.cursor() as cursor:
        cursor.execute(
            _VAT_SQL,
            {
                "from": span.date_from,
                "to": span.date_to,
                "statuses": (InvoiceStatus.OPEN.value, InvoiceStatus.PAID.value),
            },
        )
        grouped: dict[tuple[str, Decimal], dict[str, Decimal]] = defaultdict(
            lambda: {"on": ZERO, "ot": ZERO, "in": ZERO, "it": ZERO}
        )
        for month, direction, rate, net, tax in cursor.fetchall():
            cell = grouped[(month, Decimal(rate))]
            prefix = "o" if direction == InvoiceDirection.OUT else "i"
            cell[prefix + "n"] += Decimal(net)
            cell[prefix + "t"] += Decimal(tax)
    rows = [
        VatRow(
            month,
            rate.normalize() if rate == rate.to_integral() else rate,
            c["on"],
            c["ot"],
            c["in"],
            c["it"],
        )
        for (month, rate), c in sorted(grouped.items())
    ]
    output = sum((r.output_tax for r in rows), ZERO)
    input_ = sum((r.input_tax for r in rows), ZERO)
    vat_accounts = {a.role: a.pk for a in Account.objects.filter(role__in=["vat_output", "vat_input"])}
    moved = movements(span)
    out_m = moved.get(vat_accounts.get("vat_output", 0))
    in_m = moved.get(vat_accounts.get("vat_input", 0))
    return VatSummary(
        span=span,
        currency=currency(),
        rows=rows,
        output_tax=output,
        input_tax=input_,
        payable=output - input_,
        ledger_output=-out_m.net if out_m else ZERO,
        ledger_input=in_m.net if in_m else ZERO,
        account_ids=tuple(sorted(vat_accounts.values())),
    )
