"""The buyer's side-by-side comparison of submitted quotes: lines x suppliers, and its CSV export.

Amounts are in the RFQ's currency. For each quoted line:

- net amount = unit price x quantity offered x (1 - discount %) + freight, rounded to the currency's
  minor unit;
- gross amount = net amount x (1 + tax %);
- landed unit price = net amount / quantity offered (tax excluded: it is usually recoverable).

The best price of a line is the lowest landed unit price; every cell that has it is flagged (ties too).
Available only when quotes are revealed (not sealed, or closed): ``RfqSealed`` otherwise.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from kernel.iso import currency_minor_units
from marketplace.rfq.models import Award, Quote, QuoteLine, Rfq, RfqInvitation, RfqLine
from marketplace.rfq.selectors.rfqs import quote_list_for_buyer, rfq_get_for_buyer
from tenants.models import Company

HUNDRED = Decimal(100)
UNIT_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class ComparisonCell:
    quote_id: int
    supplier_id: int
    unit_price: Decimal
    quantity_offered: Decimal
    lead_time_days: int
    discount_percent: Decimal
    freight_amount: Decimal
    tax_rate: Decimal
    warranty_months: int | None
    min_order_quantity: Decimal | None
    net_amount: Decimal
    gross_amount: Decimal
    landed_unit_price: Decimal
    best: bool
    awarded: bool


@dataclass(frozen=True)
class ComparisonRow:
    line: RfqLine
    cells: list[ComparisonCell | None]
    best_landed_unit_price: Decimal | None


@dataclass(frozen=True)
class ComparisonSupplier:
    company_id: int
    name: str
    quote_id: int
    revision: int
    supplier_reference: str
    submitted_at: datetime | None
    valid_until: date | None
    delivery_date: date | None
    payment_terms: str
    score: Decimal | None
    lines_quoted: int
    best_lines: int
    awarded_lines: int
    total_net: Decimal
    total_gross: Decimal
    max_lead_time_days: int | None


@dataclass(frozen=True)
class Comparison:
    rfq: Rfq
    currency: str
    suppliers: list[ComparisonSupplier]
    rows: list[ComparisonRow]


@dataclass(frozen=True)
class _Priced:
    line: QuoteLine
    net: Decimal
    gross: Decimal
    landed: Decimal


def _money(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def line_amounts(ql: QuoteLine, *, places: int) -> tuple[Decimal, Decimal]:
    """Net and gross amount of a quote line, rounded to the currency's minor unit."""
    net = _money(
        ql.unit_price * ql.quantity_offered * (1 - ql.discount_percent / HUNDRED) + ql.freight_amount, places
    )
    return net, _money(net * (1 + ql.tax_rate / HUNDRED), places)


def comparison_get(*, company: Company, rfq_id: int) -> Comparison:
    """Build the comparison of the company's RFQ.

    Raises:
        NotFound: not the company's RFQ.
        RfqSealed: sealed and not closed yet.
    """
    rfq = rfq_get_for_buyer(company=company, rfq_id=rfq_id)
    quotes: list[Quote] = list(quote_list_for_buyer(company=company, rfq_id=rfq_id))
    places = currency_minor_units(rfq.currency)
    lines = list(rfq.lines.select_related("category").order_by("position"))
    scores = dict(
        RfqInvitation.objects.filter(rfq=rfq, supplier_id__in=[q.supplier_id for q in quotes]).values_list(
            "supplier_id", "score"
        )
    )
    awarded = {a.line_id: a.quote_id for a in Award.objects.filter(rfq=rfq)}

    priced: dict[tuple[int, int], _Priced] = {}
    for quote in quotes:
        for ql in quote.lines.all():
            net, gross = line_amounts(ql, places=places)
            priced[(ql.rfq_line_id, quote.pk)] = _Priced(
                line=ql,
                net=net,
                gross=gross,
                landed=(net / ql.quantity_offered).quantize(UNIT_PLACES, rounding=ROUND_HALF_UP),
            )

    rows: list[ComparisonRow] = []
    best_count: dict[int, int] = {}
    for line in lines:
        landed = [p.landed for (line_id, _), p in priced.items() if line_id == line.pk]
        best = min(landed) if landed else None
        cells: list[ComparisonCell | None] = []
        for quote in quotes:
            entry = priced.get((line.pk, quote.pk))
            if entry is None:
                cells.append(None)
                continue
            ql = entry.line
            is_best = entry.landed == best
            if is_best:
                best_count[quote.pk] = best_count.get(quote.pk, 0) + 1
            cells.append(
                ComparisonCell(
                    quote_id=quote.pk,
                    supplier_id=quote.supplier_id,
                    unit_price=ql.unit_price,
                    quantity_offered=ql.quantity_offered,
                    lead_time_days=ql.lead_time_days,
                    discount_percent=ql.discount_percent,
                    freight_amount=ql.freight_amount,
                    tax_rate=ql.tax_rate,
                    warranty_months=ql.warranty_months,
                    min_order_quantity=ql.min_order_quantity,
                    net_amount=entry.net,
                    gross_amount=entry.gross,
                    landed_unit_price=entry.landed,
                    best=is_best,
                    awarded=awarded.get(line.pk) == quote.pk,
                )
            )
        rows.append(ComparisonRow(line=line, cells=cells, best_landed_unit_price=best))

    suppliers = []
    for index, quote in enumerate(quotes):
        cells_of = [row.cells[index] for row in rows if row.cells[index] is not None]
        suppliers.append(
            ComparisonSupplier(
                company_id=quote.supplier_id,
                name=quote.supplier.name,
                quote_id=quote.pk,
                revision=quote.revision,
                supplier_reference=quote.supplier_reference,
                submitted_at=quote.submitted_at,
                valid_until=quote.valid_until,
                delivery_date=quote.delivery_date,
                payment_terms=quote.payment_terms,
                score=scores.get(quote.supplier_id),
                lines_quoted=len(cells_of),
                best_lines=best_count.get(quote.pk, 0),
                awarded_lines=sum(1 for c in cells_of if c and c.awarded),
                total_net=sum((c.net_amount for c in cells_of if c), Decimal(0)),
                total_gross=sum((c.gross_amount for c in cells_of if c), Decimal(0)),
                max_lead_time_days=max((c.lead_time_days for c in cells_of if c), default=None),
            )
        )
    return Comparison(rfq=rfq, currency=rfq.currency, suppliers=suppliers, rows=rows)


def comparison_csv(comparison: Comparison) -> str:
    """One row per (line, supplier) cell, then one total row per supplier; amounts as plain decimals."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "line",
            "description",
            "quantity",
            "unit",
            "supplier",
            "quote revision",
            "unit price",
            "quantity offered",
            "discount %",
            "freight",
            "tax %",
            "net amount",
            "gross amount",
            "landed unit price",
            "lead time days",
            "warranty months",
            "best price",
            "awarded",
            "currency",
        ]
    )
    for row in comparison.rows:
        for supplier, cell in zip(comparison.suppliers, row.cells, strict=True):
            if cell is None:
                continue
            writer.writerow(
                [
                    row.line.position,
                    _safe_cell(row.line.description),
                    row.line.quantity,
                    row.line.unit,
                    _safe_cell(supplier.name),
                    supplier.revision,
                    cell.unit_price,
                    cell.quantity_offered,
                    cell.discount_percent,
                    cell.freight_amount,
                    cell.tax_rate,
                    cell.net_amount,
                    cell.gross_amount,
                    cell.landed_unit_price,
                    cell.lead_time_days,
                    cell.warranty_months if cell.warranty_months is not None else "",
                    "yes" if cell.best else "",
                    "yes" if cell.awarded else "",
                    comparison.currency,
                ]
            )
    for supplier in comparison.suppliers:
        writer.writerow(
            ["total", "", "", "", _safe_cell(supplier.name), supplier.revision]
            + [""] * 5
            + [supplier.total_net, supplier.total_gross, "", supplier.max_lead_time_days or "", "", "", ""]
            + [comparison.currency]
        )
    return out.getvalue()


def _safe_cell(value: str) -> str:
    # A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
