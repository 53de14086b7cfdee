"""The platform's invoice to a company as a PDF, made with :func:`kernel.documents.render_invoice_pdf`.

One A4 document (more when the lines run over): the number, the seller (the platform,
``HANSA_BILLING_SELLER``) and the buyer (name, tax id and country as issued), issue and due dates, the
service period and the invoice's status, the lines, subtotal, VAT at the invoice's rate, total (in figures
and in words), amount paid and balance, and, while it is open, the bank-transfer instructions
(``HANSA_BILLING_BANK_DETAILS``). Labels are Chinese and English for a company whose locale is Chinese,
English otherwise; Chinese text is set in the platform's CJK font (``HANSA_PDF_CJK_FONT``).

VAT is charged on the subtotal, not per line, so the lines show net amounts and the document its VAT.

Contract: :func:`invoice_pdf` reads nothing but the invoice, its lines and the settings, and writes
nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings

from billing.models import Invoice, InvoiceLine
from kernel.documents import (
    InvoiceDocument,
    InvoiceType,
    Label,
    Language,
    Party,
    VatTotal,
    render_invoice_pdf,
)
from kernel.documents import InvoiceLine as DocumentLine

DEFAULT_SELLER = {
    "name": "Hansa Platform Ltd.",
    "address": "Shanghai, China",
    "tax_id": "",
    "email": "billing@hansa.local",
}

TITLE = Label("Invoice", "发票")
LABELS: dict[str, Label] = {
    "period": Label("Service period", "服务期间"),
    "status": Label("Status", "状态"),
    "paid": Label("Paid", "已付"),
    "balance": Label("Balance due", "应付余额"),
    "reference": Label(
        "Please quote the invoice number {number} as the transfer reference.",
        "转账时请在附言中注明发票号码 {number}。",
    ),
}
STATUS_LABELS: dict[str, Label] = {
    "draft": Label("Draft", "草稿"),
    "open": Label("Open", "待付款"),
    "paid": Label("Paid", "已付款"),
    "void": Label("Void", "已作废"),
    "uncollectible": Label("Uncollectible", "无法收回"),
}


def is_chinese_locale(locale: str) -> bool:
    return (locale or "").lower().startswith("zh")


def seller() -> dict[str, str]:
    return {**DEFAULT_SELLER, **settings.HANSA_BILLING_SELLER}


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def invoice_document(*, invoice: Invoice, language: Language) -> InvoiceDocument:
    """What the invoice's PDF prints, as the platform's document model."""
    lines: list[InvoiceLine] = list(invoice.lines.order_by("pk"))
    number = invoice.number or f"DRAFT-{invoice.pk}"
    seller_data = seller()
    status = STATUS_LABELS.get(invoice.status, Label(invoice.status, invoice.status))
    period = (
        f"{_date(invoice.period_start)} - {_date(invoice.period_end)}"
        if invoice.period_start and invoice.period_end
        else ""
    )
    extra_totals: list[tuple[Label | str, Decimal]] = []
    if invoice.amount_paid:
        extra_totals = [
            (LABELS["paid"], invoice.amount_paid),
            (LABELS["balance"], invoice.total - invoice.amount_paid),
        ]
    payment = ""
    if invoice.status == "open":
        reference = LABELS["reference"].text(language, "\n", number=number)
        payment = f"{settings.HANSA_BILLING_BANK_DETAILS}\n{reference}"
    return InvoiceDocument(
        number=number,
        invoice_type=InvoiceType.COMMERCIAL,
        title=TITLE,
        issue_date=_date(invoice.issued_at),
        due_date=_date(invoice.due_at),
        currency=invoice.currency,
        seller=Party(
            name=seller_data["name"],
            address=seller_data["address"],
            tax_id=seller_data["tax_id"],
            email=seller_data["email"],
        ),
        buyer=Party(
            name=invoice.buyer_name or "-", tax_id=invoice.buyer_tax_id, country=invoice.buyer_country
        ),
        lines=[
            DocumentLine(
                description=line.description,
                quantity=line.quantity,
                unit="",
                unit_price=line.unit_amount.quantize(Decimal("0.0001")),
                net=line.amount,
                vat_rate=invoice.tax_rate,
            )
            for line in lines
        ],
        vat_totals=[VatTotal(invoice.tax_rate, invoice.subtotal, invoice.tax_amount, invoice.total)],
        facts=[(LABELS["status"], status.text(language)), (LABELS["period"], period)],
        extra_totals=extra_totals,
        payment_instructions=payment,
    )


def invoice_pdf(*, invoice: Invoice, locale: str) -> bytes:
    """The invoice as PDF bytes, with labels in Chinese and English when ``locale`` is Chinese, in
    English otherwise. The document's title (its metadata) is the invoice number."""
    language: Language = "both" if is_chinese_locale(locale) else "en"
    return render_invoice_pdf(invoice_document(invoice=invoice, language=language), language=language)
