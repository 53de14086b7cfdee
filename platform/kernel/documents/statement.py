"""A financial statement as a PDF: :class:`StatementDocument` → :func:`render_statement_pdf`.

A balance sheet, an income statement or a trial balance: rows of a label (indented by level) and one value
per column (this period, the comparative period ...), totals in bold under a rule. More than four value
columns turn the page to landscape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kernel.documents.layout import Column, DocumentBuilder, Label, Language, Row, Text, money_text


@dataclass(frozen=True)
class StatementRow:
    """One line: ``values`` hold one amount per column (None leaves the cell empty, as a heading row)."""

    label: Text
    values: Sequence[Decimal | None]
    indent: int = 0
    is_total: bool = False
    note: str = ""  # the note reference (附注), printed in its own column when any row has one


@dataclass(frozen=True)
class StatementDocument:
    """A statement: ``columns`` head the value columns (e.g. ``2026-11-30`` and ``2025-12-31``)."""

    title: Text
    company: str
    period: Text
    columns: Sequence[Text]
    rows: Sequence[StatementRow]
    currency: str = "CNY"
    form_number: str = ""  # e.g. 会企01表
    notes: str = ""
    facts: Sequence[tuple[Text, str]] = field(default_factory=tuple)


L = {
    "item": Label("Item", "项目"),
    "note": Label("Note", "附注"),
    "company": Label("Company", "编制单位"),
    "period": Label("Period", "期间"),
    "unit": Label("Currency unit", "单位"),
    "notes": Label("Notes", "附注说明"),
}


def render_statement_pdf(doc: StatementDocument, *, language: Language = "both") -> bytes:
    """The statement as PDF bytes, labelled in ``language``; long statements run over pages with the
    column headings repeated.

    Raises:
        ValueError: ``language`` is not one of the three, or a row's values do not match the columns.
    """
    for row in doc.rows:
        if len(row.values) != len(doc.columns):
            raise ValueError(f"row {row.label!r} has {len(row.values)} values for {len(doc.columns)} columns")
    builder = DocumentBuilder(language=language, title="", number=doc.form_number, wide=len(doc.columns) > 4)
    builder.title = builder.t(doc.title)
    builder.footer = f"{doc.company} · {builder.title} · {builder.t(doc.period)}"
    builder.title_block(doc.title, number=doc.form_number)
    builder.facts(
        [
            (L["company"], doc.company),
            (L["period"], builder.t(doc.period)),
            (
                L["unit"],
                builder.t(Label(doc.currency, "人民币元" if doc.currency == "CNY" else doc.currency)),
            ),
            *doc.facts,
        ]
    )
    with_notes = any(row.note for row in doc.rows)
    columns = [Column(L["item"], 4.0)]
    if with_notes:
        columns.append(Column(L["note"], 0.6, "center"))
    columns += [Column(heading, 1.6, "right") for heading in doc.columns]
    rows = []
    for row in doc.rows:
        cells = [builder.t(row.label)]
        if with_notes:
            cells.append(row.note)
        cells += [money_text(value, doc.currency) for value in row.values]
        rows.append(Row(cells=cells, bold=row.is_total, indent=row.indent, rule_above=row.is_total))
    builder.table(columns, rows, zebra=False)
    builder.section(L["notes"], doc.notes)
    return builder.build()
