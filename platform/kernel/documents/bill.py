# ruff: noqa: RUF001 - the Chinese labels use Chinese punctuation
"""A commercial bill of exchange (商业汇票) as a PDF: :class:`BillDocument` → :func:`render_bill_pdf`.

The face follows the paper bill: type and number, the issue date (also in Chinese uppercase, as the rules
ask of a bill's 出票日期), maturity, drawer, payee and acceptor with their accounts and banks, the amount
in figures and in words, whether it may be transferred, then the endorsements in order on the back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from kernel.amounts import date_in_words_zh
from kernel.documents.invoice import words_rows
from kernel.documents.layout import Column, DocumentBuilder, Label, Language, Party, money_text


class BillType(StrEnum):
    BANK_ACCEPTANCE = "bank_acceptance"  # 银行承兑汇票: a bank accepts (promises to pay at maturity)
    COMMERCIAL_ACCEPTANCE = "commercial_acceptance"  # 商业承兑汇票: a company accepts


@dataclass(frozen=True)
class Endorsement:
    """One transfer on the back of the bill: from ``endorser`` to ``endorsee`` on ``date``."""

    endorser: str
    endorsee: str
    date: dt.date
    note: str = ""  # e.g. 委托收款 (for collection), 质押 (pledge)


@dataclass(frozen=True)
class BillDocument:
    """Everything the bill's face and back print. ``amount`` in ``currency`` (bills are CNY in China)."""

    number: str
    bill_type: BillType
    issue_date: dt.date
    maturity_date: dt.date
    amount: Decimal
    drawer: Party
    payee: Party
    acceptor: Party
    currency: str = "CNY"
    acceptance_date: dt.date | None = None
    transferable: bool = True
    contract_number: str = ""
    endorsements: Sequence[Endorsement] = field(default_factory=tuple)
    notes: str = ""


TYPE_LABELS = {
    BillType.BANK_ACCEPTANCE: Label("Bank acceptance bill", "银行承兑汇票"),
    BillType.COMMERCIAL_ACCEPTANCE: Label("Commercial acceptance bill", "商业承兑汇票"),
}
L = {
    "number": Label("Bill number", "票据号码"),
    "issued": Label("Issue date", "出票日期"),
    "issued_words": Label("Issue date (uppercase)", "出票日期（大写）"),
    "maturity": Label("Maturity", "汇票到期日"),
    "accepted": Label("Acceptance date", "承兑日期"),
    "contract": Label("Contract number", "交易合同号"),
    "transfer": Label("Transferability", "能否转让"),
    "transferable": Label("Transferable", "可转让"),
    "not_transferable": Label("Not transferable", "不得转让"),
    "drawer": Label("Drawer", "出票人"),
    "payee": Label("Payee", "收款人"),
    "acceptor": Label("Acceptor", "承兑人"),
    "amount": Label("Amount ({currency})", "票据金额（{currency}）"),
    "words_zh": Label("Amount in Chinese words", "票据金额（大写）"),
    "words_en": Label("Amount in words", "票据金额（英文）"),
    "endorsements": Label("Endorsements", "背书"),
    "no": Label("#", "序号"),
    "endorser": Label("Endorser", "背书人"),
    "endorsee": Label("Endorsee", "被背书人"),
    "date": Label("Date", "背书日期"),
    "note": Label("Note", "备注"),
    "none": Label("No endorsements", "无背书"),
    "notes": Label("Notes", "备注"),
}


def render_bill_pdf(doc: BillDocument, *, language: Language = "both") -> bytes:
    """The bill's face and its endorsement chain as PDF bytes, labelled in ``language``.

    Raises:
        ValueError: ``language`` is not ``zh-CN``, ``en`` or ``both``.
    """
    title = TYPE_LABELS[doc.bill_type]
    builder = DocumentBuilder(language=language, title="", number=doc.number, author=doc.drawer.name)
    builder.title = builder.t(title)
    builder.footer = f"{doc.number} · {builder.title}"
    builder.title_block(title, number=doc.number)
    builder.facts(
        [
            (L["number"], doc.number),
            (L["issued"], doc.issue_date.isoformat()),
            (L["maturity"], doc.maturity_date.isoformat()),
            (L["accepted"], doc.acceptance_date.isoformat() if doc.acceptance_date else ""),
            (L["contract"], doc.contract_number),
            (L["transfer"], builder.t(L["transferable"] if doc.transferable else L["not_transferable"])),
        ]
    )
    if language != "en":
        builder.facts([(L["issued_words"], date_in_words_zh(doc.issue_date))], columns=1)
    builder.parties([(L["drawer"], doc.drawer), (L["payee"], doc.payee), (L["acceptor"], doc.acceptor)])
    builder.totals([(builder.t(L["amount"], currency=doc.currency), money_text(doc.amount, doc.currency))])
    builder.facts(words_rows(builder, doc.amount, doc.currency, L["words_zh"], L["words_en"]), columns=1)

    builder.story.append(builder.p(L["endorsements"], "heading"))
    builder.spacer(1.5)
    if doc.endorsements:
        builder.table(
            [
                Column(L["no"], 0.4, "right"),
                Column(L["endorser"], 3),
                Column(L["endorsee"], 3),
                Column(L["date"], 1.2),
                Column(L["note"], 1.6),
            ],
            [
                [str(index), item.endorser, item.endorsee, item.date.isoformat(), item.note]
                for index, item in enumerate(doc.endorsements, start=1)
            ],
        )
    else:
        builder.story.append(builder.p(L["none"], "small"))
        builder.spacer()
    builder.section(L["notes"], doc.notes)
    return builder.build()
