"""The platform's invoice to a company as a PDF (ReportLab).

One A4 document: the number, the seller (the platform, ``HANSA_BILLING_SELLER``) and the buyer (name, tax
id and country as issued), the lines, subtotal, VAT rate and amount, total, amount paid, the due date, the
bank-transfer instructions (``HANSA_BILLING_BANK_DETAILS``) and the invoice's status. Labels are Chinese
and English for a company whose locale is Chinese, English otherwise. Text is set in Adobe's
``STSong-Light`` CID font (built into every PDF reader, nothing is embedded) whenever the document holds
a character outside Latin-1, so Chinese names and labels render; Helvetica otherwise.

Contract: :func:`invoice_pdf` reads nothing but the invoice, its lines and its company's locale, and
writes nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from billing.models import Invoice, InvoiceLine
from kernel.serializers import money_text

CID_FONT = "STSong-Light"

DEFAULT_SELLER = {
    "name": "Hansa Platform Ltd.",
    "address": "Shanghai, China",
    "tax_id": "",
    "email": "billing@hansa.local",
}

# label key -> (English, Chinese)
LABELS: dict[str, tuple[str, str]] = {
    "invoice": ("Invoice", "发票"),
    "number": ("Invoice number", "发票号码"),
    "issued": ("Issue date", "开票日期"),
    "due": ("Due date", "付款截止日"),
    "period": ("Service period", "服务期间"),
    "status": ("Status", "状态"),
    "seller": ("Seller", "销售方"),
    "buyer": ("Bill to", "购买方"),
    "tax_id": ("Tax ID", "税号"),
    "country": ("Country", "国家/地区"),
    "description": ("Description", "项目"),
    "quantity": ("Quantity", "数量"),
    "unit_price": ("Unit price", "单价"),
    "line_amount": ("Amount", "金额"),
    "subtotal": ("Subtotal", "小计"),
    "vat": ("VAT {rate}%", "增值税 {rate}%"),
    "total": ("Total", "合计"),
    "paid": ("Paid", "已付"),
    "balance": ("Balance due", "应付余额"),
    "payment": ("Payment by bank transfer", "银行转账付款"),
    "reference": (
        "Please quote the invoice number {number} as the transfer reference.",
        "转账时请在附言中注明发票号码 {number}。",
    ),
}

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "draft": ("Draft", "草稿"),
    "open": ("Open", "待付款"),
    "paid": ("Paid", "已付款"),
    "void": ("Void", "已作废"),
    "uncollectible": ("Uncollectible", "无法收回"),
}


def is_chinese_locale(locale: str) -> bool:
    return (locale or "").lower().startswith("zh")


def _needs_cid(texts: list[str]) -> bool:
    return any(ord(ch) > 0xFF for text in texts for ch in text)


@dataclass(frozen=True)
class _Labels:
    chinese: bool

    def __call__(self, key: str, **values: Any) -> str:
        en, zh = LABELS[key]
        en, zh = en.format(**values), zh.format(**values)
        return f"{zh} {en}" if self.chinese else en

    def status(self, status: str) -> str:
        en, zh = STATUS_LABELS.get(status, (status, status))
        return f"{zh} {en}" if self.chinese else en


def _quantity_text(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def seller() -> dict[str, str]:
    return {**DEFAULT_SELLER, **settings.HANSA_BILLING_SELLER}


def invoice_pdf(*, invoice: Invoice, locale: str) -> bytes:
    """The invoice as PDF bytes (``%PDF-1.4``), with labels in Chinese and English when ``locale`` is
    Chinese. The document's title (its metadata) is the invoice number."""
    lines: list[InvoiceLine] = list(invoice.lines.order_by("pk"))
    labels = _Labels(chinese=is_chinese_locale(locale))
    seller_data = seller()
    bank = settings.HANSA_BILLING_BANK_DETAILS
    number = invoice.number or f"DRAFT-{invoice.pk}"
    money = lambda value: money_text(value, invoice.currency) or ""  # noqa: E731

    texts = [
        labels("invoice"),
        invoice.buyer_name,
        bank,
        *seller_data.values(),
        *(line.description for line in lines),
    ]
    font = CID_FONT if _needs_cid(texts) else "Helvetica"
    bold = CID_FONT if font == CID_FONT else "Helvetica-Bold"
    if font == CID_FONT and CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))

    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#555555"))
    title = ParagraphStyle("title", parent=base, fontName=bold, fontSize=18, leading=22)
    heading = ParagraphStyle("heading", parent=base, fontName=bold, fontSize=10, leading=13)

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(_escape(text).replace("\n", "<br/>"), style)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"{labels('invoice')} {number}",
        author=seller_data["name"],
        subject=number,
        invariant=True,
    )
    story: list[Any] = []

    head = Table(
        [
            [p(f"{seller_data['name']}", heading), p(f"{labels('invoice')} {number}", title)],
            [
                p(
                    "\n".join(
                        filter(
                            None,
                            [
                                seller_data["address"],
                                seller_data["tax_id"] and f"{labels('tax_id')}: {seller_data['tax_id']}",
                                seller_data["email"],
                            ],
                        )
                    ),
                    small,
                ),
                p(f"{labels('status')}: {labels.status(invoice.status)}", heading),
            ],
        ],
        colWidths=[85 * mm, 89 * mm],
    )
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, -1), "RIGHT")]))
    story += [head, Spacer(1, 6 * mm)]

    def date(value: Any) -> str:
        return value.date().isoformat() if value else "-"

    period = (
        f"{date(invoice.period_start)} - {date(invoice.period_end)}"
        if invoice.period_start and invoice.period_end
        else "-"
    )
    facts = Table(
        [
            [
                p(labels("buyer"), heading),
                p(labels("number"), heading),
                p(number),
            ],
            [
                p(invoice.buyer_name or "-"),
                p(labels("issued"), heading),
                p(date(invoice.issued_at)),
            ],
            [
                p(f"{labels('tax_id')}: {invoice.buyer_tax_id or '-'}"),
                p(labels("due"), heading),
                p(date(invoice.due_at)),
            ],
            [
                p(f"{labels('country')}: {invoice.buyer_country or '-'}"),
                p(labels("period"), heading),
                p(period),
            ],
        ],
        colWidths=[80 * mm, 44 * mm, 50 * mm],
    )
    facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [facts, Spacer(1, 6 * mm)]

    right = ParagraphStyle("right", parent=base, alignment=2)
    right_bold = ParagraphStyle("right_bold", parent=heading, alignment=2)
    rows: list[list[Any]] = [
        [
            p(labels("description"), heading),
            p(labels("quantity"), right_bold),
            p(labels("unit_price"), right_bold),
            p(labels("line_amount"), right_bold),
        ]
    ]
    for line in lines:
        rows.append(
            [
                p(line.description),
                p(_quantity_text(line.quantity), right),
                p(f"{line.unit_amount.quantize(Decimal('0.0001')):f}", right),
                p(money(line.amount), right),
            ]
        )
    balance = invoice.total - invoice.amount_paid
    totals = [
        (labels("subtotal"), money(invoice.subtotal)),
        (labels("vat", rate=f"{invoice.tax_rate:f}"), money(invoice.tax_amount)),
        (f"{labels('total')} ({invoice.currency})", money(invoice.total)),
    ]
    if invoice.amount_paid:
        totals += [(labels("paid"), money(invoice.amount_paid)), (labels("balance"), money(balance))]
    first_total = len(rows)
    for label, value in totals:
        rows.append(["", "", p(label, right_bold), p(value, right_bold)])
    table = Table(rows, colWidths=[84 * mm, 26 * mm, 30 * mm, 34 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEABOVE", (2, first_total), (-1, first_total), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, first_total - 1), [colors.white, colors.HexColor("#f4f4f4")]),
            ]
        )
    )
    story += [table, Spacer(1, 8 * mm)]

    if invoice.status == "open":
        story += [
            p(labels("payment"), heading),
            p(bank),
            p(labels("reference", number=number), small),
        ]
    doc.build(story)
    return buffer.getvalue()
