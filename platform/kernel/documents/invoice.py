# ruff: noqa: RUF001 - the Chinese labels use Chinese punctuation
"""An invoice, credit note or debit note as a PDF: :class:`InvoiceDocument` → :func:`render_invoice_pdf`.

The renderer prints what the caller computed (amounts are never recomputed per line); only the VAT
breakdown per rate and the totals are summed from the lines when the caller gives none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from kernel.amounts import amount_in_words_en, amount_in_words_zh
from kernel.documents.layout import (
    Column,
    DocumentBuilder,
    Label,
    Language,
    Party,
    Row,
    Text,
    money_text,
    percent_text,
    quantity_text,
)


class InvoiceType(StrEnum):
    """The kind of invoice: the two Chinese VAT invoices (发票) or a commercial invoice."""

    SPECIAL = "special"  # 增值税专用发票: the buyer may deduct its input VAT
    ORDINARY = "ordinary"  # 增值税普通发票
    COMMERCIAL = "commercial"  # a commercial invoice (abroad, or not a tax invoice)


class InvoiceKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"  # reduces an issued invoice (红字发票 for a VAT invoice)
    DEBIT_NOTE = "debit_note"  # adds to an issued invoice


@dataclass(frozen=True)
class InvoiceLine:
    """One line as issued: amounts in the document's currency; ``vat_rate`` in percent.

    ``vat`` and ``gross`` are None when VAT is computed on the invoice's total rather than per line: the
    table then has no VAT and gross columns, and the document must give ``vat_totals``.
    """

    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    net: Decimal
    vat_rate: Decimal
    vat: Decimal | None = None
    gross: Decimal | None = None
    code: str = ""  # the seller's item code or SKU


@dataclass(frozen=True)
class VatTotal:
    """The net amount, VAT and gross amount at one rate."""

    rate: Decimal
    net: Decimal
    vat: Decimal
    gross: Decimal


@dataclass(frozen=True)
class InvoiceDocument:
    """Everything an invoice PDF prints.

    ``kind`` other than INVOICE makes a credit or debit note: it names ``original_number`` (and
    ``original_date``) and ``reason``. ``vat_totals`` defaults to the lines summed per rate; the total due
    is the sum of their gross amounts, written in figures and in words. ``facts`` and ``extra_totals`` add
    rows of the caller's own (a status, a service period, an amount already paid); ``title`` replaces the
    title the type and kind give. ``issue_date`` is None only on a draft.
    """

    number: str
    invoice_type: InvoiceType
    issue_date: dt.date | None
    currency: str
    seller: Party
    buyer: Party
    lines: Sequence[InvoiceLine]
    due_date: dt.date | None = None
    kind: InvoiceKind = InvoiceKind.INVOICE
    original_number: str = ""
    original_date: dt.date | None = None
    reason: str = ""
    payment_instructions: str = ""
    notes: str = ""
    vat_totals: Sequence[VatTotal] | None = None
    facts: Sequence[tuple[Text, str]] = field(default_factory=tuple)
    extra_totals: Sequence[tuple[Text, Decimal]] = field(default_factory=tuple)
    title: Text | None = None


TYPE_LABELS = {
    InvoiceType.SPECIAL: Label("VAT special invoice", "增值税专用发票"),
    InvoiceType.ORDINARY: Label("VAT ordinary invoice", "增值税普通发票"),
    InvoiceType.COMMERCIAL: Label("Commercial invoice", "商业发票"),
}
KIND_TITLES = {
    InvoiceKind.CREDIT_NOTE: Label("Credit note", "红字发票"),
    InvoiceKind.DEBIT_NOTE: Label("Debit note", "借项通知单"),
}
L = {
    "number": Label("Number", "发票号码"),
    "type": Label("Invoice type", "发票类型"),
    "issued": Label("Issue date", "开票日期"),
    "due": Label("Due date", "付款到期日"),
    "currency": Label("Currency", "币种"),
    "original": Label("Corrects invoice", "原发票号码"),
    "original_date": Label("Original issue date", "原开票日期"),
    "reason": Label("Reason", "原因"),
    "seller": Label("Seller", "销售方"),
    "buyer": Label("Buyer", "购买方"),
    "no": Label("#", "序号"),
    "description": Label("Description", "货物或应税劳务、服务名称"),
    "quantity": Label("Qty", "数量"),
    "unit": Label("Unit", "单位"),
    "unit_price": Label("Unit price", "单价"),
    "net": Label("Net", "金额"),
    "vat_rate": Label("VAT %", "税率"),
    "vat": Label("VAT", "税额"),
    "gross": Label("Gross", "价税合计"),
    "vat_at": Label("VAT {rate}", "增值税 {rate}"),
    "sum": Label("Total", "合计"),
    "net_total": Label("Total net", "合计金额"),
    "vat_total": Label("Total VAT", "合计税额"),
    "total": Label("Total ({currency})", "价税合计（{currency}）"),
    "words_zh": Label("Total in Chinese words", "价税合计（大写）"),
    "words_en": Label("Total in words", "金额（英文）"),
    "payment": Label("Payment instructions", "付款方式"),
    "notes": Label("Notes", "备注"),
}


def vat_totals_of(lines: Sequence[InvoiceLine]) -> list[VatTotal]:
    """The lines summed per VAT rate, lowest rate first.

    Raises:
        ValueError: a line has no VAT of its own.
    """
    sums: dict[Decimal, tuple[Decimal, Decimal, Decimal]] = {}
    for line in lines:
        if line.vat is None or line.gross is None:
            raise ValueError("lines without VAT need the document's vat_totals")
        net, vat, gross = sums.get(line.vat_rate.normalize(), (Decimal(0), Decimal(0), Decimal(0)))
        sums[line.vat_rate.normalize()] = (net + line.net, vat + line.vat, gross + line.gross)
    rates = {line.vat_rate.normalize(): line.vat_rate for line in lines}
    return [VatTotal(rates[key], *sums[key]) for key in sorted(sums)]


def words_rows(
    builder: DocumentBuilder,
    amount: Decimal,
    currency: str,
    zh_label: Text = L["words_zh"],
    en_label: Text = L["words_en"],
) -> list[tuple[Text, str]]:
    """The amount in words: 大写 when the document reads Chinese, cheque words when it reads English."""
    rows: list[tuple[Text, str]] = []
    if builder.language != "en":
        prefix = "人民币" if currency == "CNY" else f"{currency} "
        rows.append((zh_label, prefix + amount_in_words_zh(amount)))
    if builder.language != "zh-CN":
        rows.append((en_label, f"{currency} {amount_in_words_en(amount, currency)}"))
    return rows


def render_invoice_pdf(doc: InvoiceDocument, *, language: Language) -> bytes:
    """The invoice (or credit/debit note) as PDF bytes, labelled in ``language`` (``zh-CN``, ``en`` or
    ``both``). Lines run over as many pages as they need, the table header repeating on each.

    Raises:
        ValueError: ``language`` is not one of the three, or lines without VAT come without ``vat_totals``.
    """
    money = lambda value: money_text(value, doc.currency)  # noqa: E731
    type_label = TYPE_LABELS[doc.invoice_type]
    title = doc.title or KIND_TITLES.get(doc.kind, type_label)
    builder = DocumentBuilder(language=language, title="", number=doc.number, author=doc.seller.name)
    builder.title = builder.t(title)
    builder.footer = f"{doc.number} · {doc.seller.name}"
    builder.title_block(
        title,
        number=doc.number,
        issuer=doc.seller.name,
        issuer_lines=builder.party_lines(doc.seller)[:2],
    )
    facts: list[tuple[Text, str]] = [
        (L["number"], doc.number),
        (L["type"], builder.t(type_label)),
        (L["issued"], doc.issue_date.isoformat() if doc.issue_date else ""),
        (L["due"], doc.due_date.isoformat() if doc.due_date else ""),
        (L["currency"], doc.currency),
    ]
    if doc.kind != InvoiceKind.INVOICE:
        facts += [
            (L["original"], doc.original_number),
            (L["original_date"], doc.original_date.isoformat() if doc.original_date else ""),
            (L["reason"], doc.reason),
        ]
    builder.facts([*facts, *doc.facts])
    builder.parties([(L["seller"], doc.seller), (L["buyer"], doc.buyer)])

    per_line = all(line.vat is not None and line.gross is not None for line in doc.lines)
    columns = [
        Column(L["no"], 0.45, "right"),
        Column(L["description"], 3.2 if per_line else 4.6),
        Column(L["quantity"], 0.9, "right"),
        Column(L["unit"], 0.6),
        Column(L["unit_price"], 1.1, "right"),
        Column(L["net"], 1.2, "right"),
        Column(L["vat_rate"], 0.7, "right"),
    ]
    if per_line:
        columns += [Column(L["vat"], 1.0, "right"), Column(L["gross"], 1.25, "right")]
    width = len(columns)
    rows: list[list[str] | Row] = [
        [
            str(index),
            f"{line.code} {line.description}".strip() if line.code else line.description,
            quantity_text(line.quantity),
            line.unit,
            f"{line.unit_price:,f}",
            money(line.net),
            percent_text(line.vat_rate),
            money(line.vat),
            money(line.gross),
        ][:width]
        for index, line in enumerate(doc.lines, start=1)
    ]
    vat_totals = list(doc.vat_totals) if doc.vat_totals is not None else vat_totals_of(doc.lines)
    net = sum((total.net for total in vat_totals), Decimal(0))
    vat = sum((total.vat for total in vat_totals), Decimal(0))
    gross = sum((total.gross for total in vat_totals), Decimal(0))
    if len(vat_totals) > 1:
        rows += [
            Row(
                cells=[
                    "",
                    builder.t(L["vat_at"], rate=percent_text(total.rate)),
                    "",
                    "",
                    "",
                    money(total.net),
                    percent_text(total.rate),
                    money(total.vat),
                    money(total.gross),
                ][:width],
                rule_above=index == 0,
            )
            for index, total in enumerate(vat_totals)
        ]
    rows.append(
        Row(
            cells=["", builder.t(L["sum"]), "", "", "", money(net), "", money(vat), money(gross)][:width],
            bold=True,
            rule_above=True,
        )
    )
    builder.table(columns, rows)

    totals: list[tuple[Text, str]] = [(L["net_total"], money(net))]
    totals += [
        (builder.t(L["vat_at"], rate=percent_text(total.rate)), money(total.vat)) for total in vat_totals
    ]
    totals.append((builder.t(L["total"], currency=doc.currency), money(gross)))
    strong = len(totals) - 1
    totals += [(label, money(value)) for label, value in doc.extra_totals]
    builder.totals(totals, strong=(strong, len(totals) - 1) if doc.extra_totals else (strong,))
    builder.facts(words_rows(builder, gross, doc.currency), columns=1)
    builder.section(L["payment"], doc.payment_instructions)
    builder.section(L["notes"], doc.notes)
    return builder.build()
