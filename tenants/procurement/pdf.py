"""A purchase order as a PDF, made with the platform's document blocks (:mod:`kernel.documents`).

A4 portrait: the title and number, the order's facts (buyer, supplier, dates, currency, version, terms,
delivery address, contact), the lines (running over as many pages as they need, the header repeated),
net, tax and total, and the notes; every page is numbered. Labels are English; names, descriptions and
notes in Chinese are set in the CJK font the platform is configured with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kernel.documents import Column, DocumentBuilder


@dataclass
class PdfLine:
    line_no: int
    sku: str
    description: str
    quantity: str
    unit: str
    unit_price: str
    tax_rate: str
    net_amount: str
    requested_date: str = ""


@dataclass
class PdfOrder:
    title: str
    number: str
    order_date: str
    buyer_name: str
    supplier_name: str
    currency: str
    lines: list[PdfLine]
    total_net: str
    total_tax: str
    total: str
    requested_date: str = ""
    payment_terms: str = ""
    ship_to: str = ""
    notes: str = ""
    buyer_contact: str = ""
    version: int = 1
    extra: list[tuple[str, str]] = field(default_factory=list)


COLUMNS = [
    Column("#", 0.45, "right"),
    Column("SKU", 1.4),
    Column("Description", 3.6),
    Column("Qty", 1.0, "right"),
    Column("Unit", 0.7),
    Column("Unit price", 1.3, "right"),
    Column("Tax %", 0.7, "right"),
    Column("Net", 1.5, "right"),
]


def render_order_pdf(order: PdfOrder) -> bytes:
    """The order as the bytes of a PDF file."""
    builder = DocumentBuilder(
        language="en",
        title=order.title,
        number=order.number,
        footer=f"{order.number} - Hansa",
        author=order.buyer_name,
    )
    builder.title_block(order.title, number=order.number)
    builder.facts(
        [
            ("Buyer", order.buyer_name),
            ("Supplier", order.supplier_name),
            ("Order date", order.order_date),
            ("Currency", order.currency),
            ("Version", str(order.version)),
            ("Requested delivery", order.requested_date),
            ("Payment terms", order.payment_terms),
            ("Ship to", order.ship_to),
            ("Contact", order.buyer_contact),
            *order.extra,
        ],
        columns=1,
    )
    builder.table(
        COLUMNS,
        [
            [
                str(line.line_no),
                line.sku,
                line.description,
                line.quantity,
                line.unit,
                line.unit_price,
                line.tax_rate,
                line.net_amount,
            ]
            for line in order.lines
        ],
    )
    builder.totals(
        [("Net", order.total_net), ("Tax", order.total_tax), (f"Total {order.currency}", order.total)]
    )
    builder.section("Notes", order.notes)
    return builder.build()


def amount_text(value: Decimal, places: int) -> str:
    """``12345.6`` with 2 places -> ``12,345.60``."""
    return f"{value:,.{places}f}"
