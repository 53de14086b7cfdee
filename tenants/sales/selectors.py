"""Reads of sales: orders with amounts and stock cover, the order's timeline, customers' purchase history
and preferences, follow-ups that are due. Everything reads the current company's own schema only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Max, Min, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from kernel.errors import NotFound
from tenants.sales.models import (
    AmendmentKind,
    AmendmentStatus,
    BackOrder,
    BackOrderStatus,
    Customer,
    FollowUp,
    FollowUpStatus,
    OrderStatus,
    RejectionSettlement,
    SalesOrder,
    SalesOrderAmendment,
    SalesOrderLine,
    Shipment,
    WorkOrder,
    WorkOrderStatus,
)
from tenants.sales.money import round_money

ZERO = Decimal(0)
NOT_SOLD = (OrderStatus.REJECTED, OrderStatus.CANCELLED)


# Amounts --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Amounts:
    net: Decimal
    tax: Decimal

    @property
    def total(self) -> Decimal:
        return self.net + self.tax


def line_amounts(line: SalesOrderLine, currency: str) -> Amounts:
    """Net and tax of a line, each rounded to the currency's minor unit."""
    net = round_money(line.quantity * line.unit_price, currency)
    return Amounts(net=net, tax=round_money(net * line.tax_rate / 100, currency))


def order_amounts(order: SalesOrder, lines: list[SalesOrderLine] | None = None) -> Amounts:
    lines = list(order.lines.all()) if lines is None else lines
    amounts = [line_amounts(line, order.currency) for line in lines]
    return Amounts(net=sum((a.net for a in amounts), ZERO), tax=sum((a.tax for a in amounts), ZERO))


# Orders ---------------------------------------------------------------------------------------------------


def sales_order_list(
    *,
    status: str | None = None,
    source: str | None = None,
    customer_id: int | None = None,
    search: str = "",
) -> QuerySet[SalesOrder]:
    """Orders newest first, with customer and lines loaded (three queries for any page)."""
    queryset = SalesOrder.objects.select_related("customer").prefetch_related("lines")
    if status:
        queryset = queryset.filter(status=status)
    if source:
        queryset = queryset.filter(source=source)
    if customer_id is not None:
        queryset = queryset.filter(customer_id=customer_id)
    if search.strip():
        term = search.strip()
        queryset = queryset.filter(
            Q(number__icontains=term) | Q(po_number__icontains=term) | Q(customer__name__icontains=term)
        )
    return queryset.order_by("-created_at", "-id")


def sales_order_get(*, order_id: int) -> SalesOrder:
    order = SalesOrder.objects.select_related("customer").filter(pk=order_id).first()
    if order is None:
        raise NotFound()
    return order


@dataclass(frozen=True)
class LineView:
    line: SalesOrderLine
    amounts: Amounts
    reserved: Decimal
    in_production: Decimal
    back_ordered: Decimal


@dataclass(frozen=True)
class OrderDetail:
    order: SalesOrder
    lines: list[LineView]
    amounts: Amounts
    pending_amendments: int


def sales_order_detail(*, order_id: int) -> OrderDetail:
    """The order with its lines, their amounts and how each is covered (reserved, in production,
    back-ordered)."""
    order = sales_order_get(order_id=order_id)
    lines = list(
        order.lines.prefetch_related(
            "reservations",
            Prefetch(
                "work_orders",
                queryset=WorkOrder.objects.filter(
                    status__in=(WorkOrderStatus.OPEN, WorkOrderStatus.IN_PROGRESS)
                ),
                to_attr="pending_work",
            ),
            Prefetch(
                "back_orders",
                queryset=BackOrder.objects.filter(status=BackOrderStatus.OPEN),
                to_attr="pending_back",
            ),
        )
    )
    views = [
        LineView(
            line=line,
            amounts=line_amounts(line, order.currency),
            reserved=sum((r.remaining for r in line.reservations.all()), ZERO),
            in_production=sum((w.quantity for w in line.pending_work), ZERO),  # type: ignore[attr-defined]
            back_ordered=sum((b.remaining for b in line.pending_back), ZERO),  # type: ignore[attr-defined]
        )
        for line in lines
    ]
    return OrderDetail(
        order=order,
        lines=views,
        amounts=Amounts(
            net=sum((v.amounts.net for v in views), ZERO), tax=sum((v.amounts.tax for v in views), ZERO)
        ),
        pending_amendments=order.amendments.filter(status=AmendmentStatus.PENDING).count(),
    )


@dataclass(frozen=True)
class StockRow:
    line_no: int
    sku: str
    unit: str
    open_quantity: Decimal
    reserved: Decimal
    in_production: Decimal
    back_ordered: Decimal
    available: Decimal
    shortfall: Decimal


def stock_check(*, order_id: int) -> list[StockRow]:
    """Per line: what is left to ship, how it is covered, what is available in stock now, and the
    shortfall (what accepting, or allocating, could not reserve from stock today)."""
    from tenants.inventory import selectors as inventory_selectors

    detail = sales_order_detail(order_id=order_id)
    rows = []
    for view in detail.lines:
        line = view.line
        item = (
            line.item
            if line.item_id
            else inventory_selectors.item_for_order_line(listing_id=line.listing_id, sku=line.sku)
        )
        # What acceptance and allocation can reserve (the default warehouse), not every warehouse's stock.
        available = inventory_selectors.reservable_level(item=item).available
        open_quantity = line.open_quantity
        uncovered = max(open_quantity - view.reserved, ZERO)
        rows.append(
            StockRow(
                line_no=line.line_no,
                sku=line.sku,
                unit=line.unit,
                open_quantity=open_quantity,
                reserved=view.reserved,
                in_production=view.in_production,
                back_ordered=view.back_ordered,
                available=available,
                shortfall=max(uncovered - available, ZERO),
            )
        )
    return rows


def settlement_list(*, order_id: int) -> list[RejectionSettlement]:
    """The buyer's settlements of rejected goods on the order, oldest first (NotFound for no order)."""
    order = sales_order_get(order_id=order_id)
    return list(order.settlements.order_by("received_at", "id"))


def shipment_list(*, order_id: int | None = None) -> QuerySet[Shipment]:
    queryset = Shipment.objects.select_related("order", "order__customer").prefetch_related("lines__line")
    if order_id is not None:
        queryset = queryset.filter(order_id=order_id)
    return queryset.order_by("-shipped_at", "-id")


def amendment_list(*, order_id: int) -> QuerySet[SalesOrderAmendment]:
    return SalesOrderAmendment.objects.filter(order_id=order_id).order_by("version")


def work_order_list(*, status: str | None = None, order_id: int | None = None) -> QuerySet[WorkOrder]:
    queryset = WorkOrder.objects.select_related("line", "line__order", "line__order__customer")
    if status:
        queryset = queryset.filter(status=status)
    if order_id is not None:
        queryset = queryset.filter(line__order_id=order_id)
    return queryset.order_by("due_date", "id")


def back_order_list(*, status: str | None = None, order_id: int | None = None) -> QuerySet[BackOrder]:
    queryset = BackOrder.objects.select_related("line", "line__order", "line__order__customer")
    if status:
        queryset = queryset.filter(status=status)
    if order_id is not None:
        queryset = queryset.filter(line__order_id=order_id)
    return queryset.order_by("created_at", "id")


# Shipped lines (what finance invoices) -----------------------------------------------------------------


@dataclass(frozen=True)
class ShippedLine:
    """One order line in one shipment, with the line's agreed price and tax rate."""

    shipment_id: int
    shipment_number: str
    shipped_at: datetime
    line_id: int
    line_no: int
    sku: str
    description: str
    unit: str
    unit_price: Decimal
    tax_rate: Decimal
    item_id: int | None
    quantity: Decimal


@dataclass(frozen=True)
class ShippedOrder:
    order: SalesOrder
    lines: list[ShippedLine]


def sales_order_shipped(*, order_id: int, shipment_ids: list[int] | None = None) -> ShippedOrder:
    """The order (with its customer) and every shipment line of it, oldest shipment first; only the
    shipments ``shipment_ids`` names when given. Read-only: finance invoices these quantities."""
    from tenants.sales.models import ShipmentLine

    order = sales_order_get(order_id=order_id)
    rows = (
        ShipmentLine.objects.filter(shipment__order_id=order.pk)
        .select_related("shipment", "line")
        .order_by("shipment__shipped_at", "shipment_id", "line__line_no")
    )
    if shipment_ids is not None:
        rows = rows.filter(shipment_id__in=shipment_ids)
    return ShippedOrder(
        order=order,
        lines=[
            ShippedLine(
                shipment_id=row.shipment_id,
                shipment_number=row.shipment.number,
                shipped_at=row.shipment.shipped_at,
                line_id=row.line_id,
                line_no=row.line.line_no,
                sku=row.line.sku,
                description=row.line.description or row.line.sku,
                unit=row.line.unit,
                unit_price=row.line.unit_price,
                tax_rate=row.line.tax_rate,
                item_id=row.line.item_id,
                quantity=row.quantity,
            )
            for row in rows
        ],
    )


# Timeline -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    # ordered | change_proposed | changed | change_rejected | acknowledged | shipped | received |
    # settlement_requested | settlement_accepted | settlement_declined | invoiced | credited | paid | closed
    kind: str
    summary: str
    data: dict[str, Any] = field(default_factory=dict)


def sales_order_timeline(*, order_id: int) -> list[TimelineEvent]:
    """The order's life in time order, from the supplier's own records: ordered, changes proposed and
    their answers, acknowledged (accepted or rejected), each shipment with carrier and tracking, each of
    the buyer's receipts, and closed (completed, rejected or cancelled)."""
    order = sales_order_get(order_id=order_id)
    events: list[tuple[datetime, int, TimelineEvent]] = []

    def add(at: datetime | None, rank: int, kind: str, summary: str, **data: Any) -> None:
        if at is not None:
            events.append((at, rank, TimelineEvent(at=at, kind=kind, summary=summary, data=data)))

    add(
        order.created_at,
        0,
        "ordered",
        f"Purchase order {order.po_number} received" if order.from_hansa else "Order entered",
        po_number=order.po_number,
        source=order.source,
    )
    for amendment in order.amendments.order_by("version"):
        what = "Changes proposed" if amendment.kind == AmendmentKind.PROPOSAL else "Change proposed"
        add(
            amendment.created_at,
            1,
            "change_proposed",
            f"{what} by the {amendment.proposed_by} (version {amendment.version})",
            version=amendment.version,
            proposed_by=amendment.proposed_by,
            reason=amendment.reason,
            lines=amendment.lines,
        )
        if amendment.status == AmendmentStatus.ACCEPTED:
            add(
                amendment.decided_at,
                2,
                "changed",
                f"Version {amendment.version} agreed",
                version=amendment.version,
            )
        elif amendment.status in (AmendmentStatus.REJECTED, AmendmentStatus.SUPERSEDED):
            add(
                amendment.decided_at,
                2,
                "change_rejected",
                f"Version {amendment.version} {amendment.status}",
                version=amendment.version,
                reason=amendment.response_reason,
            )
    add(order.accepted_at, 3, "acknowledged", "Order accepted", action="accept")
    add(order.rejected_at, 3, "acknowledged", "Order rejected", action="reject", reason=order.reject_reason)
    for shipment in order.shipments.prefetch_related("lines__line").order_by("shipped_at", "id"):
        add(
            shipment.shipped_at,
            4,
            "shipped",
            f"Shipment {shipment.number} by {shipment.carrier}"
            + (f", tracking {shipment.tracking_number}" if shipment.tracking_number else ""),
            shipment_number=shipment.number,
            carrier=shipment.carrier,
            tracking_number=shipment.tracking_number,
            packages=shipment.packages,
            lines=[{"line_no": s.line.line_no, "quantity": str(s.quantity)} for s in shipment.lines.all()],
        )
    for receipt in order.receipts.order_by("received_at", "id"):
        add(
            receipt.received_at,
            5,
            "received",
            f"Buyer's receipt {receipt.receipt_number}".strip(),
            receipt_number=receipt.receipt_number,
            lines=receipt.lines,
        )
    for settlement in order.settlements.order_by("received_at", "id"):
        what = {
            "replacement": "a replacement shipment",
            "return": f"return {settlement.return_number}",
            "short_close": "a short-close",
        }.get(settlement.resolution, settlement.resolution)
        common = {
            "settlement_id": str(settlement.settlement_id),
            "resolution": settlement.resolution,
            "return_number": settlement.return_number,
            "lines": settlement.lines,
        }
        add(
            settlement.received_at,
            5,
            "settlement_requested",
            f"Buyer asks for {what} of rejected goods",
            reason=settlement.reason,
            **common,
        )
        if settlement.status in ("accepted", "declined"):
            add(
                settlement.decided_at,
                5,
                f"settlement_{settlement.status}",
                f"Settlement ({what}) {settlement.status}",
                reason=settlement.response_reason,
                **common,
            )
    from tenants.finance.selectors_invoices import sales_order_invoice_events

    for happened in sales_order_invoice_events(sales_order_id=order.pk):
        add(happened.at, 5, happened.kind, happened.summary, **happened.data)
    add(order.completed_at, 6, "closed", "Order completed", status=OrderStatus.COMPLETED)
    add(order.rejected_at, 6, "closed", "Order closed (rejected)", status=OrderStatus.REJECTED)
    add(
        order.cancelled_at,
        6,
        "closed",
        f"Order cancelled by the {order.cancelled_by}",
        status=OrderStatus.CANCELLED,
        reason=order.cancel_reason,
        cancelled_by=order.cancelled_by,
    )
    return [event for _, _, event in sorted(events, key=lambda e: (e[0], e[1]))]


# Customers ------------------------------------------------------------------------------------------------


def customer_list(*, search: str = "", linked: bool | None = None) -> QuerySet[Customer]:
    queryset = Customer.objects.annotate(
        order_count=Count("orders", filter=~Q(orders__status__in=NOT_SOLD)),
        open_follow_ups=Count("follow_ups", filter=Q(follow_ups__status=FollowUpStatus.OPEN), distinct=True),
    )
    if search.strip():
        queryset = queryset.filter(Q(name__icontains=search.strip()) | Q(email__icontains=search.strip()))
    if linked is not None:
        queryset = queryset.filter(hansa_company_id__isnull=not linked)
    return queryset.order_by("name", "id")


def customer_get(*, customer_id: int) -> Customer:
    customer = Customer.objects.prefetch_related("contacts").filter(pk=customer_id).first()
    if customer is None:
        raise NotFound()
    return customer


@dataclass(frozen=True)
class CurrencyTotal:
    currency: str
    order_count: int
    net: Decimal
    total: Decimal
    average_order: Decimal


@dataclass(frozen=True)
class TopItem:
    sku: str
    description: str
    unit: str
    quantity: Decimal
    order_count: int
    last_ordered: date


@dataclass(frozen=True)
class CustomerHistory:
    """What a customer has bought (orders that were not rejected or cancelled) and what it prefers."""

    order_count: int
    open_order_count: int
    first_order_date: date | None
    last_order_date: date | None
    last_order_number: str
    totals: list[CurrencyTotal]
    top_items: list[TopItem]
    usual_payment_terms: str
    recent_orders: list[SalesOrder]


def customer_history(*, customer_id: int, top: int = 5) -> CustomerHistory:
    """Purchase history and preferences from the customer's own orders: order count, totals by currency
    (net and with tax, rounded to the currency's minor unit), first and last order, the most ordered items,
    and the payment terms it uses most. A fixed number of queries whatever the history's size."""
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None:
        raise NotFound()
    orders = SalesOrder.objects.filter(customer=customer).exclude(status__in=NOT_SOLD)
    summary = orders.aggregate(
        count=Count("id"),
        first=Min("order_date"),
        last=Max("order_date"),
        open=Count(
            "id",
            filter=Q(
                status__in=(
                    OrderStatus.AWAITING_ACCEPTANCE,
                    OrderStatus.CHANGES_PROPOSED,
                    OrderStatus.ACCEPTED,
                    OrderStatus.PARTLY_SHIPPED,
                )
            ),
        ),
    )
    money = DecimalField(max_digits=30, decimal_places=10)
    net_expr = ExpressionWrapper(F("quantity") * F("unit_price"), output_field=money)
    gross_expr = ExpressionWrapper(
        F("quantity") * F("unit_price") * (1 + F("tax_rate") / 100), output_field=money
    )
    lines = SalesOrderLine.objects.filter(order__in=orders)
    by_currency = (
        lines.values("order__currency")
        .annotate(net=Sum(net_expr), gross=Sum(gross_expr), orders=Count("order", distinct=True))
        .order_by("order__currency")
    )
    totals = [
        CurrencyTotal(
            currency=row["order__currency"],
            order_count=row["orders"],
            net=round_money(row["net"] or ZERO, row["order__currency"]),
            total=round_money(row["gross"] or ZERO, row["order__currency"]),
            average_order=round_money((row["gross"] or ZERO) / max(row["orders"], 1), row["order__currency"]),
        )
        for row in by_currency
    ]
    top_rows = (
        lines.values("sku")
        .annotate(
            quantity=Sum("quantity"),
            orders=Count("order", distinct=True),
            last=Max("order__order_date"),
            description=Max("description"),
            unit=Max("unit"),
        )
        .order_by("-orders", "-quantity", "sku")[:top]
    )
    terms = (
        orders.exclude(payment_terms="")
        .values("payment_terms")
        .annotate(n=Count("id"))
        .order_by("-n", "payment_terms")
        .first()
    )
    last = orders.order_by("-order_date", "-id").first()
    return CustomerHistory(
        order_count=summary["count"],
        open_order_count=summary["open"],
        first_order_date=summary["first"],
        last_order_date=summary["last"],
        last_order_number=last.number if last else "",
        totals=totals,
        top_items=[
            TopItem(
                sku=row["sku"],
                description=row["description"] or "",
                unit=row["unit"] or "",
                quantity=row["quantity"],
                order_count=row["orders"],
                last_ordered=row["last"],
            )
            for row in top_rows
        ],
        usual_payment_terms=terms["payment_terms"] if terms else customer.payment_terms,
        recent_orders=list(orders.order_by("-order_date", "-id")[:5]),
    )


def follow_up_list(
    *,
    status: str | None = None,
    due: bool = False,
    customer_id: int | None = None,
    assignee_id: int | None = None,
    as_of: date | None = None,
) -> QuerySet[FollowUp]:
    """Follow-ups, soonest due first. ``due``: the open ones due today or earlier (the "due" list)."""
    queryset = FollowUp.objects.select_related("customer", "assignee")
    if due:
        queryset = queryset.filter(status=FollowUpStatus.OPEN, due_date__lte=as_of or timezone.localdate())
    if status:
        queryset = queryset.filter(status=status)
    if customer_id is not None:
        queryset = queryset.filter(customer_id=customer_id)
    if assignee_id is not None:
        queryset = queryset.filter(assignee_id=assignee_id)
    return queryset.order_by("due_date", "id")
