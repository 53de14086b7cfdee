"""Reads of invoices: lists with filters, one invoice with its lines, what a sales order still has to
invoice, quantities already invoiced, and the invoice steps shown on a sales order's timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from kernel.errors import NotFound
from tenants.finance.models import (
    ZERO,
    Invoice,
    InvoiceDirection,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
)

# An issued invoice in these states bills its quantities: a draft reserves them, one the buyer rejected
# still bills them until its credit note; only a cancelled draft gives them back.
BILLING = (InvoiceStatus.DRAFT, InvoiceStatus.OPEN, InvoiceStatus.PAID, InvoiceStatus.REJECTED)
POSTED = (InvoiceStatus.OPEN, InvoiceStatus.PAID)


def invoice_list(
    *,
    direction: str = "",
    status: str = "",
    match_status: str = "",
    kind: str = "",
    partner: str = "",
    sales_order_id: int | None = None,
    purchase_order_id: int | None = None,
    order: str = "",
) -> QuerySet[Invoice]:
    rows = Invoice.objects.order_by("-issue_date", "-id")
    if direction:
        rows = rows.filter(direction=direction)
    if status:
        rows = rows.filter(status=status)
    if match_status:
        rows = rows.filter(match_status=match_status)
    if kind:
        rows = rows.filter(kind=kind)
    if partner:
        rows = rows.filter(partner_name__icontains=partner)
    if sales_order_id is not None:
        rows = rows.filter(sales_order_id=sales_order_id)
    if purchase_order_id is not None:
        rows = rows.filter(purchase_order_id=purchase_order_id)
    if order:
        rows = rows.filter(order_number__icontains=order)
    return rows


def invoice_get(*, invoice_id: int) -> Invoice:
    invoice = (
        Invoice.objects.select_related("original").prefetch_related("lines").filter(pk=invoice_id).first()
    )
    if invoice is None:
        raise NotFound()
    return invoice


def _signed_quantities(rows: QuerySet[InvoiceLine], *keys: str) -> dict[Any, Decimal]:
    """Sum of quantities per key: invoices and debit notes add, credit notes take away."""
    found: dict[Any, Decimal] = {}
    for row in rows.values(*keys, "invoice__kind").annotate(quantity=Sum("quantity")):
        key = tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]
        sign = -1 if row["invoice__kind"] == InvoiceKind.CREDIT_NOTE else 1
        found[key] = found.get(key, ZERO) + sign * row["quantity"]
    return found


def invoiced_by_shipment_line(*, sales_order_id: int) -> dict[tuple[int | None, int], Decimal]:
    """(shipment id, sales order line id) -> quantity invoiced (drafts included) less credited."""
    rows = InvoiceLine.objects.filter(
        invoice__direction=InvoiceDirection.OUT,
        invoice__sales_order_id=sales_order_id,
        invoice__status__in=BILLING,
        sales_order_line_id__isnull=False,
    ).exclude(invoice__kind=InvoiceKind.DEBIT_NOTE)
    return _signed_quantities(rows, "shipment_id", "sales_order_line_id")


def invoiced_by_order_line(
    *, purchase_order_line_ids: list[int], exclude_invoice_id: int | None
) -> dict[int, Decimal]:
    """Purchase order line id -> quantity of received invoices already accepted (open or paid) less
    received credit notes, leaving out ``exclude_invoice_id``."""
    rows = InvoiceLine.objects.filter(
        invoice__direction=InvoiceDirection.IN,
        invoice__status__in=POSTED,
        purchase_order_line_id__in=purchase_order_line_ids,
    ).exclude(invoice__kind=InvoiceKind.DEBIT_NOTE)
    if exclude_invoice_id is not None:
        rows = rows.exclude(invoice_id=exclude_invoice_id)
    return _signed_quantities(rows, "purchase_order_line_id")


@dataclass(frozen=True)
class InvoiceableLine:
    shipment_id: int
    shipment_number: str
    shipped_at: datetime
    sales_order_line_id: int
    line_no: int
    sku: str
    description: str
    unit: str
    unit_price: Decimal
    tax_rate: Decimal
    item_id: int | None
    shipped_quantity: Decimal
    invoiced_quantity: Decimal

    @property
    def open_quantity(self) -> Decimal:
        return max(self.shipped_quantity - self.invoiced_quantity, ZERO)


def invoiceable_lines(*, sales_order_id: int, shipment_ids: list[int] | None = None) -> list[InvoiceableLine]:
    """Every shipment line of the sales order with what is shipped and what is already invoiced."""
    from tenants.sales import selectors as sales

    shipped = sales.sales_order_shipped(order_id=sales_order_id, shipment_ids=shipment_ids)
    invoiced = invoiced_by_shipment_line(sales_order_id=sales_order_id)
    return [
        InvoiceableLine(
            shipment_id=line.shipment_id,
            shipment_number=line.shipment_number,
            shipped_at=line.shipped_at,
            sales_order_line_id=line.line_id,
            line_no=line.line_no,
            sku=line.sku,
            description=line.description,
            unit=line.unit,
            unit_price=line.unit_price,
            tax_rate=line.tax_rate,
            item_id=line.item_id,
            shipped_quantity=line.quantity,
            invoiced_quantity=invoiced.get((line.shipment_id, line.line_id), ZERO),
        )
        for line in shipped.lines
    ]


@dataclass(frozen=True)
class InvoiceEvent:
    at: datetime
    kind: str  # invoiced | credited | debited | invoice_rejected | paid
    summary: str
    data: dict[str, Any] = field(default_factory=dict)


def sales_order_invoice_events(*, sales_order_id: int) -> list[InvoiceEvent]:
    """The invoice steps of a sales order for its timeline: each invoice or note issued, an invoice the
    buyer rejected, and each invoice paid in full."""
    events: list[InvoiceEvent] = []
    rows = Invoice.objects.filter(
        Q(sales_order_id=sales_order_id), direction=InvoiceDirection.OUT, issued_at__isnull=False
    ).order_by("issued_at", "id")
    what = {
        InvoiceKind.INVOICE: ("invoiced", "Invoice"),
        InvoiceKind.CREDIT_NOTE: ("credited", "Credit note"),
        InvoiceKind.DEBIT_NOTE: ("debited", "Debit note"),
    }
    for invoice in rows:
        kind, label = what[InvoiceKind(invoice.kind)]
        common = {"invoice_id": invoice.pk, "invoice_number": invoice.number}
        assert invoice.issued_at is not None
        events.append(
            InvoiceEvent(
                at=invoice.issued_at,
                kind=kind,
                summary=f"{label} {invoice.number}: {invoice.total} {invoice.currency}",
                data={**common, "total": str(invoice.total), "currency": invoice.currency},
            )
        )
        if invoice.status == InvoiceStatus.REJECTED and invoice.decided_at is not None:
            events.append(
                InvoiceEvent(
                    at=invoice.decided_at,
                    kind="invoice_rejected",
                    summary=f"Invoice {invoice.number} rejected by the buyer: {invoice.reason}",
                    data={**common, "reason": invoice.reason},
                )
            )
        if invoice.paid_at is not None and invoice.kind != InvoiceKind.CREDIT_NOTE:
            events.append(
                InvoiceEvent(
                    at=invoice.paid_at, kind="paid", summary=f"Invoice {invoice.number} paid", data=common
                )
            )
    return events
