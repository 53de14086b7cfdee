"""Reads of cost accounting: item costs and their movements, landed costs, work-order cost sheets, logistics
costs, gross margins per sales order, customer and item, and the monthly cost report.

Margins (functional currency):

- revenue of a sales order line: the net of the issued customer invoices (direction ``out``, open or paid;
  credit notes subtract) that bill it, converted at the invoice's rate, plus its shipped quantity not yet
  invoiced at the order's unit price (converted at the procurement rate table's rate of the order's
  currency when it is not the functional one);
- COGS: the cost movements of its shipments (the moving average at the time each one left);
- logistics: the freight and handling of the order's shipments, spread over its lines by revenue.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tenants.finance.models import (
    ZERO,
    CostMovement,
    CostMovementKind,
    InvoiceDirection,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    ItemCost,
    LandedCost,
    ShipmentCost,
    WorkOrderCost,
    WorkOrderCostLine,
)
from tenants.finance.services.posting import cents, functional_currency

# --- item costs ------------------------------------------------------------------------------------------


@dataclass
class ItemCostRow:
    id: int
    item_id: int
    sku: str
    name: str
    unit: str
    warehouse_id: int
    warehouse_code: str
    quantity: Decimal
    value: Decimal
    average: Decimal
    updated_at: Any


def _items(ids: set[int]) -> dict[int, Any]:
    from tenants.inventory.models import Item

    return {item.pk: item for item in Item.objects.filter(pk__in=ids)}


def _warehouses(ids: set[int]) -> dict[int, Any]:
    from tenants.inventory.models import Warehouse

    return {w.pk: w for w in Warehouse.objects.filter(pk__in=ids)}


def item_cost_list(*, search: str = "", warehouse_id: int | None = None) -> list[ItemCostRow]:
    """Moving-average cost of every costed item per warehouse, by SKU."""
    from tenants.inventory.models import Item

    rows = ItemCost.objects.all()
    if warehouse_id is not None:
        rows = rows.filter(warehouse_id=warehouse_id)
    if search:
        found = Item.objects.filter(sku__icontains=search) | Item.objects.filter(name_en__icontains=search)
        found = found | Item.objects.filter(name_zh__icontains=search)
        rows = rows.filter(item_id__in=found.values("pk"))
    costs = list(rows)
    items = _items({c.item_id for c in costs})
    warehouses = _warehouses({c.warehouse_id for c in costs})
    answer = [
        ItemCostRow(
            id=c.pk,
            item_id=c.item_id,
            sku=items[c.item_id].sku if c.item_id in items else "",
            name=(items[c.item_id].name_en or items[c.item_id].name_zh) if c.item_id in items else "",
            unit=items[c.item_id].unit if c.item_id in items else "",
            warehouse_id=c.warehouse_id,
            warehouse_code=warehouses[c.warehouse_id].code if c.warehouse_id in warehouses else "",
            quantity=c.quantity,
            value=c.value,
            average=c.average,
            updated_at=c.updated_at,
        )
        for c in costs
    ]
    return sorted(answer, key=lambda r: (r.sku, r.warehouse_code))


def cost_movement_list(
    *, item_id: int | None = None, warehouse_id: int | None = None, source_kind: str = ""
) -> QuerySet[CostMovement]:
    rows = CostMovement.objects.all()
    if item_id is not None:
        rows = rows.filter(item_id=item_id)
    if warehouse_id is not None:
        rows = rows.filter(warehouse_id=warehouse_id)
    if source_kind:
        rows = rows.filter(source_kind=source_kind)
    return rows.order_by("-occurred_at", "-id")


def landed_cost_list() -> QuerySet[LandedCost]:
    return LandedCost.objects.prefetch_related("components", "lines").order_by("-created_at", "-id")


def shipment_cost_list(
    *, shipment_id: int | None = None, sales_order_id: int | None = None
) -> QuerySet[ShipmentCost]:
    rows = ShipmentCost.objects.all()
    if shipment_id is not None:
        rows = rows.filter(shipment_id=shipment_id)
    if sales_order_id is not None:
        rows = rows.filter(sales_order_id=sales_order_id)
    return rows.order_by("-occurred_on", "-id")


# --- work orders -----------------------------------------------------------------------------------------


@dataclass
class WorkOrderSheet:
    work_order_id: int
    number: str
    work_order_status: str
    sku: str
    quantity: Decimal
    status: str
    materials: Decimal
    labour_hours: Decimal
    labour: Decimal
    overhead: Decimal
    total: Decimal
    unit_cost: Decimal
    completed_at: Any
    lines: list[WorkOrderCostLine] = field(default_factory=list)


def _sheet(work_order: Any, sheet: WorkOrderCost | None, lines: list[WorkOrderCostLine]) -> WorkOrderSheet:
    materials = sheet.materials if sheet else ZERO
    labour = sheet.labour if sheet else ZERO
    overhead = sheet.overhead if sheet else ZERO
    total = materials + labour + overhead
    completed = sheet is not None and sheet.completed_at is not None
    return WorkOrderSheet(
        work_order_id=work_order.pk,
        number=work_order.number,
        work_order_status=work_order.status,
        sku=work_order.line.sku,
        quantity=work_order.quantity,
        status=sheet.status if sheet else "open",
        materials=materials,
        labour_hours=sheet.labour_hours if sheet else ZERO,
        labour=labour,
        overhead=overhead,
        total=total,
        unit_cost=(
            sheet.unit_cost
            if completed and sheet
            else (total / work_order.quantity).quantize(Decimal("0.000001"))
        ),
        completed_at=sheet.completed_at if sheet else None,
        lines=lines,
    )


def work_order_cost_list(*, status: str = "") -> list[WorkOrderSheet]:
    """Every work order of sales with its cost so far (newest first)."""
    from tenants.sales.models import WorkOrder

    orders = WorkOrder.objects.select_related("line").order_by("-created_at", "-id")
    if status:
        orders = orders.filter(status=status)
    work_orders = list(orders)
    sheets = {
        s.work_order_id: s
        for s in WorkOrderCost.objects.filter(work_order_id__in=[w.pk for w in work_orders])
    }
    return [_sheet(w, sheets.get(w.pk), []) for w in work_orders]


def work_order_cost_get(*, work_order_id: int) -> WorkOrderSheet | None:
    from tenants.sales.models import WorkOrder

    work_order = WorkOrder.objects.select_related("line").filter(pk=work_order_id).first()
    if work_order is None:
        return None
    sheet = WorkOrderCost.objects.filter(work_order_id=work_order_id).first()
    lines = list(sheet.lines.order_by("id")) if sheet else []
    return _sheet(work_order, sheet, lines)


# --- margins ---------------------------------------------------------------------------------------------


@dataclass
class Margin:
    key: str  # the order number, the customer's name or the item's SKU
    id: int | None
    name: str
    revenue: Decimal = ZERO
    invoiced: Decimal = ZERO
    cogs: Decimal = ZERO
    logistics: Decimal = ZERO
    shipped_quantity: Decimal = ZERO

    @property
    def margin(self) -> Decimal:
        return self.revenue - self.cogs - self.logistics

    @property
    def margin_percent(self) -> Decimal | None:
        if self.revenue == 0:
            return None
        return (self.margin * 100 / self.revenue).quantize(Decimal("0.01"))


@dataclass
class _LineFacts:
    line_id: int
    order_id: int
    order_number: str
    customer_id: int
    customer_name: str
    item_id: int | None
    sku: str
    name: str
    shipped: Decimal
    revenue: Decimal = ZERO
    invoiced: Decimal = ZERO
    cogs: Decimal = ZERO
    logistics: Decimal = ZERO


def _order_rates(currencies: set[str]) -> dict[str, Decimal]:
    home = functional_currency()
    rates = {home: Decimal(1)}
    foreign = currencies - {home}
    if foreign:
        from tenants.procurement.services.rates import table_rate

        for currency in foreign:
            entry = table_rate(currency)
            rates[currency] = Decimal(entry.rate) if entry is not None else Decimal(1)
    return rates


def _line_facts(*, date_from: date | None, date_to: date | None) -> list[_LineFacts]:
    from tenants.sales.models import SalesOrderLine

    lines = SalesOrderLine.objects.select_related("order", "order__customer").order_by("order_id", "line_no")
    if date_from is not None:
        lines = lines.filter(order__order_date__gte=date_from)
    if date_to is not None:
        lines = lines.filter(order__order_date__lte=date_to)
    lines = lines.filter(shipped_quantity__gt=0)
    rows = list(lines)
    if not rows:
        return []
    ids = [line.pk for line in rows]
    rates = _order_rates({line.order.currency for line in rows})
    invoiced_net: dict[int, Decimal] = defaultdict(lambda: ZERO)
    invoiced_qty: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for inv_line in InvoiceLine.objects.filter(
        sales_order_line_id__in=ids,
        invoice__direction=InvoiceDirection.OUT,
        invoice__status__in=[InvoiceStatus.OPEN, InvoiceStatus.PAID],
    ).select_related("invoice"):
        sign = -1 if inv_line.invoice.kind == InvoiceKind.CREDIT_NOTE else 1
        line_id = int(inv_line.sales_order_line_id or 0)
        invoiced_net[line_id] += sign * cents(inv_line.net_amount * inv_line.invoice.exchange_rate)
        if inv_line.invoice.kind != InvoiceKind.DEBIT_NOTE:
            invoiced_qty[line_id] += sign * inv_line.quantity
    cogs = dict(
        CostMovement.objects.filter(source_kind="shipment", line_id__in=ids, kind=CostMovementKind.ISSUE)
        .values("line_id")
        .annotate(total=Sum("value"))
        .values_list("line_id", "total")
    )
    logistics = dict(
        ShipmentCost.objects.filter(sales_order_id__in={line.order_id for line in rows})
        .values("sales_order_id")
        .annotate(total=Sum("amount_functional"))
        .values_list("sales_order_id", "total")
    )
    facts: list[_LineFacts] = []
    for line in rows:
        not_invoiced = max(line.shipped_quantity - invoiced_qty[line.pk], ZERO)
        uninvoiced_value = cents(not_invoiced * line.unit_price * rates.get(line.order.currency, Decimal(1)))
        facts.append(
            _LineFacts(
                line_id=line.pk,
                order_id=line.order_id,
                order_number=line.order.number,
                customer_id=line.order.customer_id,
                customer_name=line.order.customer.name,
                item_id=line.item_id,
                sku=line.sku,
                name=line.description,
                shipped=line.shipped_quantity,
                revenue=invoiced_net[line.pk] + uninvoiced_value,
                invoiced=invoiced_net[line.pk],
                cogs=-(cogs.get(line.pk) or ZERO),
            )
        )
    by_order: dict[int, list[_LineFacts]] = defaultdict(list)
    for fact in facts:
        by_order[fact.order_id].append(fact)
    for order_id, order_lines in by_order.items():
        spend = Decimal(logistics.get(order_id) or ZERO)
        if not spend:
            continue
        total = sum((f.revenue for f in order_lines), ZERO)
        weights = [f.revenue if total else Decimal(1) for f in order_lines]
        whole = sum(weights, ZERO)
        shares = [cents(spend * w / whole) for w in weights]
        shares[-1] += spend - sum(shares, ZERO)
        for fact, share in zip(order_lines, shares, strict=True):
            fact.logistics = share
    return facts


def margins(*, by: str, date_from: date | None = None, date_to: date | None = None) -> list[Margin]:
    """Gross margin per ``by`` = "order" | "customer" | "item" of the sales orders dated in the range
    (lines that shipped something), highest revenue first."""
    groups: dict[Any, Margin] = {}
    for fact in _line_facts(date_from=date_from, date_to=date_to):
        label: tuple[str, int | None, str]
        if by == "order":
            key: Any = fact.order_id
            label = (fact.order_number, fact.order_id, fact.customer_name)
        elif by == "customer":
            key = fact.customer_id
            label = (fact.customer_name, fact.customer_id, fact.customer_name)
        else:
            key = fact.item_id or fact.sku
            label = (fact.sku, fact.item_id, fact.name)
        row = groups.get(key)
        if row is None:
            row = groups[key] = Margin(key=label[0], id=label[1], name=label[2])
        row.revenue += fact.revenue
        row.invoiced += fact.invoiced
        row.cogs += fact.cogs
        row.logistics += fact.logistics
        row.shipped_quantity += fact.shipped
    return sorted(groups.values(), key=lambda m: (-m.revenue, m.key))


# --- the cost report -------------------------------------------------------------------------------------


@dataclass
class CostMonth:
    month: str  # YYYY-MM
    purchase: Decimal = ZERO  # goods receipts
    landed: Decimal = ZERO  # landed costs
    production: Decimal = ZERO  # work orders: materials, labour and overhead
    materials: Decimal = ZERO  # of which materials issued
    logistics: Decimal = ZERO  # shipments' freight and handling
    cogs: Decimal = ZERO  # cost of goods shipped

    @property
    def purchase_total(self) -> Decimal:
        return self.purchase + self.landed


def _months(end: date, count: int) -> list[date]:
    months = []
    year, month = end.year, end.month
    for _ in range(count):
        months.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def _key(value: Any) -> str:
    return f"{value:%Y-%m}"


def cost_report(*, month: date | None = None, months: int = 12) -> list[CostMonth]:
    """Purchase cost (receipts + landed), production cost (work orders) and logistics cost per month, for
    ``months`` months ending with ``month`` (default: this month), oldest first."""
    end = month or timezone.localdate()
    periods = _months(end, months)
    start = periods[0]
    last = date(end.year + (end.month == 12), end.month % 12 + 1, 1)
    rows = {_key(p): CostMonth(month=_key(p)) for p in periods}

    def add(attribute: str, pairs: Any, sign: int = 1) -> None:
        for moment, total in pairs:
            row = rows.get(_key(moment))
            if row is not None and total is not None:
                setattr(row, attribute, getattr(row, attribute) + sign * Decimal(total))

    tz = timezone.get_current_timezone()
    movements = (
        CostMovement.objects.filter(
            occurred_at__date__gte=start,
            occurred_at__date__lt=last,
            kind__in=[CostMovementKind.RECEIPT, CostMovementKind.ISSUE],
        )
        .annotate(month=TruncMonth("occurred_at", tzinfo=tz))
        .values("month", "kind")
        .annotate(total=Sum("value"))
    )
    for row in movements:
        attribute = "purchase" if row["kind"] == CostMovementKind.RECEIPT else "cogs"
        add(attribute, [(row["month"], row["total"])], 1 if attribute == "purchase" else -1)
    add(
        "landed",
        LandedCost.objects.filter(occurred_on__gte=start, occurred_on__lt=last)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(total=Sum("total"))
        .values_list("month", "total"),
    )
    for row in (
        WorkOrderCostLine.objects.filter(occurred_on__gte=start, occurred_on__lt=last)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month", "kind")
        .annotate(total=Sum("value"))
    ):
        add("production", [(row["month"], row["total"])])
        if row["kind"] == "material":
            add("materials", [(row["month"], row["total"])])
    add(
        "logistics",
        ShipmentCost.objects.filter(occurred_on__gte=start, occurred_on__lt=last)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(total=Sum("amount_functional"))
        .values_list("month", "total"),
    )
    return [rows[_key(p)] for p in periods]


# --- goods receipts (for landed costs) -------------------------------------------------------------------


@dataclass
class ReceiptLineRow:
    receipt_line_id: int
    item_id: int
    sku: str
    accepted_quantity: Decimal
    value: Decimal


@dataclass
class ReceiptRow:
    receipt_id: int
    number: str
    order_number: str
    supplier_name: str
    warehouse_id: int | None
    received_at: Any
    lines: list[ReceiptLineRow]


class _LazyReceipts:
    """A sliceable list of receipts for the paginator: only the page's receipts read their lines."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: Any) -> Any:
        receipts = list(self.queryset[index]) if isinstance(index, slice) else [self.queryset[index]]
        rows = [_receipt_row(r) for r in receipts]
        return rows if isinstance(index, slice) else rows[0]


def _receipt_row(receipt: Any) -> ReceiptRow:
    rate = Decimal(receipt.order.exchange_rate)
    lines = [
        ReceiptLineRow(
            receipt_line_id=line.pk,
            item_id=int(line.order_line.item_id),
            sku=line.order_line.sku,
            accepted_quantity=line.accepted_quantity,
            value=cents(line.accepted_quantity * line.order_line.unit_price * rate),
        )
        for line in receipt.lines.all()
        if line.order_line.item_id and line.accepted_quantity > 0
    ]
    return ReceiptRow(
        receipt_id=receipt.pk,
        number=receipt.number,
        order_number=receipt.order.number,
        supplier_name=receipt.order.supplier_name,
        warehouse_id=receipt.warehouse_id,
        received_at=receipt.received_at,
        lines=lines,
    )


def receipt_list(*, search: str = "") -> Any:
    """Goods receipts with their stock lines, newest first (the lines of one page read in one query)."""
    from django.db.models import Prefetch, Q

    from tenants.procurement.models import GoodsReceipt, GoodsReceiptLine

    receipts = (
        GoodsReceipt.objects.select_related("order")
        .prefetch_related(
            Prefetch("lines", queryset=GoodsReceiptLine.objects.select_related("order_line").order_by("id"))
        )
        .order_by("-received_at", "-id")
    )
    if search:
        receipts = receipts.filter(Q(number__icontains=search) | Q(order__number__icontains=search))
    return _LazyReceipts(receipts)
