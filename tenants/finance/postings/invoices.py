"""Posting builders of invoices, credit notes and debit notes, issued and received.

Amounts come from the invoice itself (an issued or received invoice is never edited). An invoice in a
foreign currency posts at its own rate: every leg in that currency carries ``amount_currency`` and the
rate, and the receivable/payable leg takes the rounding so the entry balances in the functional
currency. A received invoice clears GRNI by what its goods receipt put there (order price at the order's
rate, kept per line in ``InvoiceLine.match["grni_value"]`` by the three-way match); the difference to
the invoice's net is a purchase price variance; quantities billed beyond what was received (services,
an approved over-billing) go to expense.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tenants.finance.models import ZERO, Invoice, PostingEvent
from tenants.finance.services.posting import (
    LegBuilder,
    Posting,
    RuleSpec,
    cents,
    functional_currency,
    posting_event,
)


def _invoice(event: PostingEvent) -> Invoice:
    return Invoice.objects.prefetch_related("lines").get(pk=int(event.source_id))


def _partner(invoice: Invoice) -> dict[str, Any]:
    return {
        "partner_company_id": invoice.partner_company_id,
        "partner_customer_id": invoice.customer_id,
        "partner_name": invoice.partner_name,
    }


def _currency(invoice: Invoice, amount: Decimal) -> dict[str, Any]:
    """Leg fields of ``amount`` (signed, invoice currency) when the invoice is in a foreign currency."""
    if invoice.currency == functional_currency():
        return {}
    return {"currency": invoice.currency, "amount_currency": amount, "rate": invoice.exchange_rate}


def _describe(invoice: Invoice, what: str) -> str:
    own = invoice.number + (f" ({invoice.partner_number})" if invoice.partner_number else "")
    return f"{what} {own} {invoice.partner_name}"


def _issued(event: PostingEvent, sign: int, what: str) -> Posting:
    """sign +1: invoice or debit note (receivable up); -1: credit note (receivable down)."""
    invoice = _invoice(event)
    rate = invoice.exchange_rate
    partner = _partner(invoice)
    legs = LegBuilder()
    legs.add(
        "revenue",
        -sign * cents(invoice.total_net * rate),
        **partner,
        **_currency(invoice, -sign * invoice.total_net),
    )
    legs.add(
        "vat_output",
        -sign * cents(invoice.total_tax * rate),
        **partner,
        **_currency(invoice, -sign * invoice.total_tax),
    )
    legs.balance("receivable", **partner, **_currency(invoice, sign * invoice.total))
    return Posting(description=_describe(invoice, what), legs=legs.legs, date=invoice.issue_date)


@posting_event(
    "customer_invoice",
    journal="SAL",
    rules=[
        RuleSpec("receivable", "debit", "receivable", "应收账款", "Trade receivables (gross)"),
        RuleSpec("revenue", "credit", "revenue", "主营业务收入", "Revenue (net)"),
        RuleSpec("vat_output", "credit", "vat_output", "销项税额", "Output VAT"),
    ],
    label_zh="销售发票",
    label_en="Customer invoice",
)
def customer_invoice_posting(event: PostingEvent) -> Posting:
    return _issued(event, 1, "Invoice")


@posting_event(
    "customer_debit_note",
    journal="SAL",
    rules=[
        RuleSpec("receivable", "debit", "receivable", "应收账款", "Trade receivables (gross)"),
        RuleSpec("revenue", "credit", "revenue", "主营业务收入", "Revenue (net)"),
        RuleSpec("vat_output", "credit", "vat_output", "销项税额", "Output VAT"),
    ],
    label_zh="销售借项通知单",
    label_en="Customer debit note",
)
def customer_debit_note_posting(event: PostingEvent) -> Posting:
    return _issued(event, 1, "Debit note")


@posting_event(
    "customer_credit_note",
    journal="SAL",
    rules=[
        RuleSpec("revenue", "debit", "revenue", "主营业务收入(红字)", "Revenue reversed (net)"),
        RuleSpec("vat_output", "debit", "vat_output", "销项税额(红字)", "Output VAT reversed"),
        RuleSpec("receivable", "credit", "receivable", "应收账款", "Trade receivables (gross)"),
    ],
    label_zh="销售红字发票(贷项通知单)",
    label_en="Customer credit note",
)
def customer_credit_note_posting(event: PostingEvent) -> Posting:
    return _issued(event, -1, "Credit note")


@posting_event(
    "supplier_invoice",
    journal="PUR",
    rules=[
        RuleSpec("grni", "debit", "grni", "暂估应付款冲回", "GRNI cleared (receipt value at order price)"),
        RuleSpec(
            "purchase_variance", "debit", "purchase_variance", "采购价格差异", "Purchase price variance"
        ),
        RuleSpec("expense", "debit", "admin_expense", "费用(无入库的行)", "Expense (lines not received)"),
        RuleSpec("vat_input", "debit", "vat_input", "进项税额", "Input VAT"),
        RuleSpec("payable", "credit", "payable", "应付账款", "Trade payables (gross)"),
    ],
    label_zh="采购发票",
    label_en="Supplier invoice",
)
def supplier_invoice_posting(event: PostingEvent) -> Posting:
    invoice = _invoice(event)
    rate = invoice.exchange_rate
    partner = _partner(invoice)
    legs = LegBuilder()
    grni = variance = expense = ZERO
    for line in invoice.lines.all():
        match = line.match or {}
        grni_value = Decimal(str(match.get("grni_value") or "0"))
        grni_quantity = Decimal(str(match.get("grni_quantity") or "0"))
        net = cents(line.net_amount * rate)
        unreceived = (
            cents((line.quantity - grni_quantity) * line.unit_price * rate)
            if line.quantity > grni_quantity
            else ZERO
        )
        grni += grni_value
        expense += unreceived
        variance += net - unreceived - grni_value
    legs.add("grni", grni, **partner)
    legs.add("purchase_variance", variance, **partner)
    legs.add("expense", expense, **partner)
    legs.add("vat_input", cents(invoice.total_tax * rate), **partner, **_currency(invoice, invoice.total_tax))
    legs.balance("payable", **partner, **_currency(invoice, -invoice.total))
    return Posting(
        description=_describe(invoice, "Supplier invoice"), legs=legs.legs, date=invoice.issue_date
    )


def _received_note(event: PostingEvent, sign: int, what: str) -> Posting:
    """sign +1: debit note (payable up); -1: credit note (payable down)."""
    invoice = _invoice(event)
    rate = invoice.exchange_rate
    partner = _partner(invoice)
    legs = LegBuilder()
    legs.add("purchase_variance", sign * cents(invoice.total_net * rate), **partner)
    legs.add(
        "vat_input",
        sign * cents(invoice.total_tax * rate),
        **partner,
        **_currency(invoice, sign * invoice.total_tax),
    )
    legs.balance("payable", **partner, **_currency(invoice, -sign * invoice.total))
    return Posting(description=_describe(invoice, what), legs=legs.legs, date=invoice.issue_date)


@posting_event(
    "supplier_credit_note",
    journal="PUR",
    rules=[
        RuleSpec("payable", "debit", "payable", "应付账款", "Trade payables (gross)"),
        RuleSpec(
            "purchase_variance", "credit", "purchase_variance", "采购价格差异", "Purchase price variance"
        ),
        RuleSpec("vat_input", "credit", "vat_input", "进项税额转出", "Input VAT reversed"),
    ],
    label_zh="采购红字发票(贷项通知单)",
    label_en="Supplier credit note",
)
def supplier_credit_note_posting(event: PostingEvent) -> Posting:
    return _received_note(event, -1, "Supplier credit note")


@posting_event(
    "supplier_debit_note",
    journal="PUR",
    rules=[
        RuleSpec(
            "purchase_variance", "debit", "purchase_variance", "采购价格差异", "Purchase price variance"
        ),
        RuleSpec("vat_input", "debit", "vat_input", "进项税额", "Input VAT"),
        RuleSpec("payable", "credit", "payable", "应付账款", "Trade payables (gross)"),
    ],
    label_zh="采购借项通知单",
    label_en="Supplier debit note",
)
def supplier_debit_note_posting(event: PostingEvent) -> Posting:
    return _received_note(event, 1, "Supplier debit note")
