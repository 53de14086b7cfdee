# ruff: noqa: RUF001 - Chinese labels use Chinese punctuation
"""The statements as tables for files: an XLSX workbook (one sheet per statement, openpyxl) and, through
``kernel.documents.render_statement_pdf``, a PDF.

A table is what both files need: a title in Chinese and English, value columns with bilingual headings,
and rows (label, one value per column, indent, heading or total). Numbers stay numbers in the workbook,
with a number format, so the sheet can be summed and charted.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tenants.finance.reports.financial import CashFlow, Statement, balance_sheet, cash_flow, income_statement
from tenants.finance.reports.ledger import TrialBalance, trial_balance
from tenants.finance.reports.openitems import BUCKETS, Aging, VatSummary, aging, vat_summary
from tenants.finance.reports.ranges import DateRange

REPORTS = (
    "trial_balance",
    "balance_sheet",
    "income_statement",
    "cash_flow",
    "receivables_aging",
    "payables_aging",
    "vat_summary",
)


@dataclass(frozen=True)
class TableRow:
    label_zh: str
    label_en: str
    values: Sequence[Decimal | str | None]
    level: int = 0
    is_total: bool = False
    is_heading: bool = False


@dataclass(frozen=True)
class Table:
    key: str
    title_zh: str
    title_en: str
    period: str
    currency: str
    columns: Sequence[tuple[str, str]]  # (zh, en) per value column
    rows: Sequence[TableRow]
    form_number: str = ""


def _text(zh: str, en: str, lang: str) -> str:
    if lang == "en":
        return en
    if lang == "zh-CN" or zh == en:
        return zh
    return f"{zh} {en}"


def _range_columns(span: DateRange, compare: DateRange | None, zh: str, en: str) -> list[tuple[str, str]]:
    columns = [(f"{zh} {span.label}", f"{en} {span.label}")]
    if compare is not None:
        columns.append((f"{zh} {compare.label}", f"{en} {compare.label}"))
    return columns


def statement_table(statement: Statement, *, form_number: str = "") -> Table:
    zh, en = ("期末余额", "Closing") if statement.key == "balance_sheet" else ("本期金额", "Amount")
    if statement.key == "balance_sheet":
        columns = [(f"{zh} {statement.span.date_to}", f"{en} {statement.span.date_to}")]
        if statement.compare is not None:
            columns.append((f"{zh} {statement.compare.date_to}", f"{en} {statement.compare.date_to}"))
    else:
        columns = _range_columns(statement.span, statement.compare, zh, en)
    rows = [
        TableRow(
            r.label_zh,
            r.label_en,
            [r.amount, r.compare_amount][: len(columns)],
            level=r.level,
            is_total=r.kind == "total",
            is_heading=r.kind == "heading",
        )
        for r in statement.rows
    ]
    period = str(statement.span.date_to) if statement.key == "balance_sheet" else statement.span.label
    return Table(
        statement.key,
        statement.title_zh,
        statement.title_en,
        period,
        statement.currency,
        columns,
        rows,
        form_number,
    )


def cash_flow_table(flow: CashFlow) -> Table:
    base = statement_table(flow.statement, form_number="")
    width = len(base.columns)
    extra = [
        TableRow(
            "补充资料：将净利润调节为现金净增加额",
            "Supplement: net profit to net change in cash",
            [None] * width,
            is_heading=True,
        )
    ]
    extra += [
        TableRow(
            r.label_zh,
            r.label_en,
            [r.amount] + [None] * (width - 1),
            level=r.level,
            is_total=r.kind == "total",
        )
        for r in flow.indirect
    ]
    return Table(
        base.key, base.title_zh, base.title_en, base.period, base.currency, base.columns, [*base.rows, *extra]
    )


def trial_balance_table(tb: TrialBalance) -> Table:
    columns = [
        ("期初借方", "Opening debit"),
        ("期初贷方", "Opening credit"),
        ("本期借方", "Debit"),
        ("本期贷方", "Credit"),
        ("期末借方", "Closing debit"),
        ("期末贷方", "Closing credit"),
    ]
    rows = [
        TableRow(
            f"{r.code} {r.name_zh}",
            f"{r.code} {r.name_en}",
            [r.opening_debit, r.opening_credit, r.debit, r.credit, r.closing_debit, r.closing_credit],
            level=r.level,
        )
        for r in tb.rows
    ]
    t = tb.totals
    rows.append(
        TableRow(
            "合计",
            "Total",
            [t.opening_debit, t.opening_credit, t.debit, t.credit, t.closing_debit, t.closing_credit],
            is_total=True,
        )
    )
    return Table("trial_balance", "科目余额表", "Trial balance", tb.span.label, tb.currency, columns, rows)


def aging_table(report: Aging) -> Table:
    receivable = report.direction == "out"
    columns = [(zh, en) for _key, zh, en in BUCKETS] + [("合计", "Total")]
    rows = [
        TableRow(r.partner_name, r.partner_name, [r.buckets[b[0]] for b in BUCKETS] + [r.total])
        for r in report.rows
    ]
    rows.append(
        TableRow("合计", "Total", [report.totals[b[0]] for b in BUCKETS] + [report.total], is_total=True)
    )
    title = (
        ("应收账款账龄分析", "Receivables aging") if receivable else ("应付账款账龄分析", "Payables aging")
    )
    key = "receivables_aging" if receivable else "payables_aging"
    return Table(key, title[0], title[1], str(report.as_of), report.currency, columns, rows)


def vat_table(report: VatSummary) -> Table:
    columns = [
        ("税率 %", "Rate %"),
        ("销项金额", "Output net"),
        ("销项税额", "Output VAT"),
        ("进项金额", "Input net"),
        ("进项税额", "Input VAT"),
    ]
    rows = [
        TableRow(r.month, r.month, [r.rate, r.output_net, r.output_tax, r.input_net, r.input_tax])
        for r in report.rows
    ]
    rows.append(
        TableRow("合计", "Total", [None, None, report.output_tax, None, report.input_tax], is_total=True)
    )
    rows.append(
        TableRow(
            "应纳税额（负数为留抵）",
            "VAT payable (negative: carried forward)",
            [None, None, report.payable, None, None],
            is_total=True,
        )
    )
    rows.append(
        TableRow(
            "账面销项/进项税额",
            "Per the books: output / input VAT",
            [None, None, report.ledger_output, None, report.ledger_input],
        )
    )
    return Table(
        "vat_summary", "增值税汇总表", "VAT summary", report.span.label, report.currency, columns, rows
    )


def report_tables(*, report: str, span: DateRange, compare: DateRange | None, as_of: date) -> list[Table]:
    """The tables of ``report`` (one of :data:`REPORTS`, or ``"all"``)."""
    names = REPORTS if report == "all" else (report,)
    tables: list[Table] = []
    for name in names:
        if name == "trial_balance":
            tables.append(trial_balance_table(trial_balance(span=span)))
        elif name == "balance_sheet":
            tables.append(statement_table(balance_sheet(span=span, compare=compare), form_number="会企01表"))
        elif name == "income_statement":
            tables.append(
                statement_table(income_statement(span=span, compare=compare), form_number="会企02表")
            )
        elif name == "cash_flow":
            tables.append(cash_flow_table(cash_flow(span=span, compare=compare)))
        elif name == "receivables_aging":
            tables.append(aging_table(aging(direction="out", as_of=as_of)))
        elif name == "payables_aging":
            tables.append(aging_table(aging(direction="in", as_of=as_of)))
        elif name == "vat_summary":
            tables.append(vat_table(vat_summary(span=span)))
        else:
            raise ValueError(f"unknown report {name!r}")
    return tables


MONEY_FORMAT = "#,##0.00;[Red]-#,##0.00"


def workbook_bytes(tables: Sequence[Table], *, company: str, lang: str = "both") -> bytes:
    """An XLSX workbook: one sheet per table, a bilingual title and column headings, labels in ``lang``
    ("zh-CN", "en" or "both"), figures as numbers with a money format, totals in bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    rule = Border(top=Side(style="thin"))
    for table in tables:
        sheet = book.create_sheet(
            title=_text(table.title_zh, table.title_en, "en" if lang == "en" else "zh-CN")[:31]
        )
        sheet.append([f"{table.title_zh} {table.title_en}"])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(
            [
                f"编制单位 Company: {company}",
                f"期间 Period: {table.period}",
                f"单位 Currency: {table.currency}",
            ]
        )
        if table.form_number:
            sheet.append([table.form_number])
        sheet.append(["项目 Item", *(f"{zh} {en}" if zh != en else zh for zh, en in table.columns)])
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, horizontal="center")
        for row in table.rows:
            values: list[object] = [_text(row.label_zh, row.label_en, lang)]
            values += [float(v) if isinstance(v, Decimal) else v for v in row.values]
            sheet.append(values)
            cells = sheet[sheet.max_row]
            cells[0].alignment = Alignment(indent=row.level)
            for cell in cells[1:]:
                cell.number_format = MONEY_FORMAT
            if row.is_total or row.is_heading:
                for cell in cells:
                    cell.font = bold
            if row.is_total:
                for cell in cells:
                    cell.border = rule
        sheet.column_dimensions["A"].width = 48
        for index in range(len(table.columns)):
            sheet.column_dimensions[chr(ord("B") + index)].width = 20
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def pdf_bytes(table: Table, *, company: str, lang: str = "both") -> bytes:
    """The table as a PDF statement (``kernel.documents.render_statement_pdf``): labels in ``lang``
    ("zh-CN", "en" or "both"), headings repeated on every page, totals in bold; more than four value
    columns (the trial balance) turn the page to landscape."""
    from kernel.documents import Label, StatementDocument, StatementRow, render_statement_pdf

    language: Any = lang if lang in ("zh-CN", "en") else "both"
    document = StatementDocument(
        title=Label(table.title_en, table.title_zh),
        company=company,
        period=table.period,
        columns=[Label(en, zh) for zh, en in table.columns],
        rows=[
            StatementRow(
                label=Label(row.label_en, row.label_zh),
                values=[value if isinstance(value, Decimal) else None for value in row.values],
                indent=row.level,
                is_total=row.is_total or row.is_heading,
            )
            for row in table.rows
        ],
        currency=table.currency,
        form_number=table.form_number,
    )
    return render_statement_pdf(document, language=language)
