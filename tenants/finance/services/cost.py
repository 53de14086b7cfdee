"""Moving-average cost per item and warehouse, and the posting events of goods movements.

Every movement of costed stock goes through :func:`cost_apply` on the ``ItemCost`` row of its item and
warehouse, locked ``FOR UPDATE``, and appends one ``CostMovement``. The services that move goods call one
hook each, in their own transaction and after their stock movement (so the stock level row is already
locked by them: a receipt and a shipment of the same item are serialised on it, then on the cost row):

- :func:`goods_receipt_costed` (procurement's ``po_receive``): in at the order's price x its exchange
  rate; event ``goods_receipt`` (inventory / GRNI).
- :func:`shipment_costed` (sales' ``shipment_create``): out at the moving average of the issuing
  warehouse, captured on the movement and in the event payload; event ``shipment`` (COGS / inventory).
- :func:`stock_adjusted_costed` (inventory's ``stock_adjust``): a loss out at the average, a gain in at
  the average; event ``stock_adjustment``.
- :func:`stock_transferred_costed` (inventory's ``stock_transfer``): value moves at the source's average;
  no posting (one inventory account for all warehouses).
- :func:`work_order_completed_costed` (sales' ``work_order_complete``): the finished quantity in at the
  work order's collected cost; event ``work_order_completion`` (inventory / WIP).

Stock that moved without costing (received before the books existed, or by hand through the inventory
API, which has no price) is found when the cost row's quantity differs from the stock level before the
movement: the difference is booked first as an ``untracked`` movement valued at the current average, or,
when the item was never costed, at the unit cost of the receipt that finds it (zero for an issue). So
``ItemCost.quantity`` always equals the stock level's on-hand quantity after a costed movement.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from tenants.finance.models import (
    ZERO,
    CostMovement,
    CostMovementKind,
    ItemCost,
    WorkOrderCost,
    WorkOrderCostStatus,
)
from tenants.finance.services.posting import cents, event_record

if TYPE_CHECKING:
    from tenants.inventory.models import LedgerEntry

UNIT = Decimal("0.000001")


def unit_cost_of(value: Decimal, quantity: Decimal) -> Decimal:
    if quantity == 0:
        return ZERO
    return abs(value / quantity).quantize(UNIT, rounding=ROUND_HALF_UP)


def cost_lock(*, item_id: int, warehouse_id: int) -> ItemCost:
    """The cost row of (item, warehouse), made if missing, locked FOR UPDATE until the transaction ends."""
    row = ItemCost.objects.select_for_update().filter(item_id=item_id, warehouse_id=warehouse_id).first()
    if row is None:
        ItemCost.objects.bulk_create(
            [ItemCost(item_id=item_id, warehouse_id=warehouse_id)], ignore_conflicts=True
        )
        row = ItemCost.objects.select_for_update().get(item_id=item_id, warehouse_id=warehouse_id)
    return row


def issue_value(cost: ItemCost, quantity: Decimal) -> Decimal:
    """What ``quantity`` taken out of a LOCKED cost row is worth at its moving average (all of the value
    when it takes all of the quantity, so the value never goes below zero by rounding)."""
    if quantity <= 0 or cost.quantity <= 0:
        return ZERO
    if quantity >= cost.quantity:
        return cost.value
    return min(cents(cost.value * quantity / cost.quantity), cost.value)


@dataclass(frozen=True)
class Source:
    kind: str  # goods_receipt, shipment, stock_adjustment, stock_transfer, landed_cost, work_order
    id: int
    occurred_at: datetime
    reference: str = ""
    order_id: int | None = None
    line_id: int | None = None


def cost_apply(
    cost: ItemCost, *, kind: str, quantity: Decimal, value: Decimal, source: Source
) -> CostMovement:
    """Add a signed ``quantity`` and ``value`` to a LOCKED cost row and append its movement."""
    cost.quantity += quantity
    cost.value += value
    if cost.quantity == 0 and cost.value != 0 and kind != CostMovementKind.LANDED_COST:
        raise ValueError(f"cost of {cost.item_id}@{cost.warehouse_id}: value {cost.value} left on no stock")
    if cost.quantity > 0:
        cost.average = (cost.value / cost.quantity).quantize(UNIT, rounding=ROUND_HALF_UP)
    cost.save(update_fields=["quantity", "value", "average", "updated_at"])
    return CostMovement.objects.create(
        item_id=cost.item_id,
        warehouse_id=cost.warehouse_id,
        kind=kind,
        quantity=quantity,
        unit_cost=unit_cost_of(value, quantity),
        value=value,
        quantity_after=cost.quantity,
        value_after=cost.value,
        source_kind=source.kind,
        source_id=source.id,
        order_id=source.order_id,
        line_id=source.line_id,
        reference=source.reference[:200],
        occurred_at=source.occurred_at,
    )


def cost_sync(
    cost: ItemCost, *, on_hand_before: Decimal, source: Source, fallback_unit_cost: Decimal | None = None
) -> None:
    """Bring a LOCKED cost row to the stock level's quantity before a movement (see the module text)."""
    difference = on_hand_before - cost.quantity
    if difference == 0:
        return
    if difference > 0:
        never_costed = cost.average == 0 and fallback_unit_cost is not None
        unit = fallback_unit_cost if never_costed and fallback_unit_cost is not None else cost.average
        value = cents(difference * unit)
    else:
        value = -issue_value(cost, -difference)
    cost_apply(
        cost,
        kind=CostMovementKind.UNTRACKED,
        quantity=difference,
        value=value,
        source=Source(kind="stock_ledger", id=source.id, occurred_at=source.occurred_at, reference="sync"),
    )


def _before(entry: LedgerEntry) -> Decimal:
    return entry.on_hand_after - entry.on_hand_delta


def _day(moment: datetime) -> date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


# --- goods receipt ---------------------------------------------------------------------------------------


def goods_receipt_costed(*, receipt: Any) -> None:
    """Cost a procurement goods receipt (in its transaction, after its stock went in).

    Each accepted line with an item goes in at ``accepted x unit price x the order's exchange rate`` (the
    functional value); the event ``goods_receipt`` posts inventory / GRNI of the total.
    """
    from tenants.inventory.models import LedgerEntry, LedgerKind
    from tenants.procurement.models import GoodsReceiptLine

    order = receipt.order
    rate = Decimal(order.exchange_rate)
    pending: dict[int, list[Any]] = defaultdict(list)
    for line in GoodsReceiptLine.objects.filter(receipt=receipt, accepted_quantity__gt=0).select_related(
        "order_line"
    ):
        if line.order_line.item_id:
            pending[line.order_line.item_id].append(line)
    reference = f"{order.number} {receipt.number}"
    entries = LedgerEntry.objects.filter(kind=LedgerKind.RECEIPT, reference=reference).order_by("id")
    payload_lines: list[dict[str, Any]] = []
    total = amount_currency = ZERO
    for entry in entries:
        if not pending.get(entry.item_id):
            continue
        line = pending[entry.item_id].pop(0)
        price = Decimal(line.order_line.unit_price)
        value = cents(entry.quantity * price * rate)
        source = Source(
            kind="goods_receipt",
            id=receipt.pk,
            occurred_at=receipt.received_at,
            reference=reference,
            order_id=order.pk,
            line_id=line.order_line_id,
        )
        cost = cost_lock(item_id=entry.item_id, warehouse_id=entry.warehouse_id)
        cost_sync(cost, on_hand_before=_before(entry), source=source, fallback_unit_cost=price * rate)
        cost_apply(cost, kind=CostMovementKind.RECEIPT, quantity=entry.quantity, value=value, source=source)
        total += value
        amount_currency += cents(entry.quantity * price)
        payload_lines.append(
            {
                "item_id": entry.item_id,
                "warehouse_id": entry.warehouse_id,
                "quantity": str(entry.quantity),
                "unit_price": str(price),
                "value": str(value),
            }
        )
    if not payload_lines:
        return
    event_record(
        kind="goods_receipt",
        source_id=receipt.pk,
        occurred_on=_day(receipt.received_at),
        payload={
            "receipt_number": receipt.number,
            "order_number": order.number,
            "currency": order.currency,
            "rate": str(rate),
            "total": str(total),
            "amount_currency": str(amount_currency),
            "partner_company_id": order.supplier_company_id,
            "partner_name": order.supplier_name,
            "lines": payload_lines,
        },
    )


# --- shipment --------------------------------------------------------------------------------------------


def shipment_costed(*, shipment: Any) -> None:
    """Cost a sales shipment (in its transaction, after its stock was issued): each issue leaves at the
    moving average of its warehouse at this moment; event ``shipment`` posts COGS / inventory."""
    from tenants.inventory.models import LedgerEntry, LedgerKind

    order = shipment.order
    line_ids = dict(order.lines.values_list("line_no", "id"))
    entries = LedgerEntry.objects.filter(
        kind=LedgerKind.ISSUE, reference__startswith=f"{shipment.number} "
    ).order_by("id")
    payload_lines: list[dict[str, Any]] = []
    total = ZERO
    for entry in entries:
        line_no = entry.reference.rsplit("/", 1)[-1]
        line_id = line_ids.get(int(line_no)) if line_no.isdigit() else None
        source = Source(
            kind="shipment",
            id=shipment.pk,
            occurred_at=shipment.shipped_at,
            reference=entry.reference,
            order_id=order.pk,
            line_id=line_id,
        )
        cost = cost_lock(item_id=entry.item_id, warehouse_id=entry.warehouse_id)
        cost_sync(cost, on_hand_before=_before(entry), source=source)
        value = issue_value(cost, entry.quantity)
        movement = cost_apply(
            cost, kind=CostMovementKind.ISSUE, quantity=-entry.quantity, value=-value, source=source
        )
        total += value
        payload_lines.append(
            {
                "item_id": entry.item_id,
                "warehouse_id": entry.warehouse_id,
                "line_id": line_id,
                "quantity": str(entry.quantity),
                "unit_cost": str(movement.unit_cost),
                "value": str(value),
            }
        )
    if not payload_lines:
        return
    event_record(
        kind="shipment",
        source_id=shipment.pk,
        occurred_on=_day(shipment.shipped_at),
        payload={
            "shipment_number": shipment.number,
            "order_number": order.number,
            "customer_id": order.customer_id,
            "partner_company_id": order.buyer_company_id,
            "total": str(total),
            "lines": payload_lines,
        },
    )


# --- inventory: adjustments and transfers ----------------------------------------------------------------


def stock_adjusted_costed(*, entry: LedgerEntry) -> None:
    """Cost a stock adjustment (a count difference): a loss leaves at the average, a gain comes in at the
    average; event ``stock_adjustment`` posts the difference (stock_adjustment / inventory)."""
    moment = entry.created_at or timezone.now()
    source = Source(kind="stock_adjustment", id=entry.pk, occurred_at=moment, reference=entry.reason)
    cost = cost_lock(item_id=entry.item_id, warehouse_id=entry.warehouse_id)
    cost_sync(cost, on_hand_before=_before(entry), source=source)
    delta = entry.on_hand_delta
    value = cents(delta * cost.average) if delta > 0 else -issue_value(cost, -delta)
    cost_apply(cost, kind=CostMovementKind.ADJUSTMENT, quantity=delta, value=value, source=source)
    if value == 0:
        return
    event_record(
        kind="stock_adjustment",
        source_id=entry.pk,
        occurred_on=_day(moment),
        payload={
            "item_id": entry.item_id,
            "warehouse_id": entry.warehouse_id,
            "quantity": str(delta),
            "value": str(value),
            "reason": entry.reason,
        },
    )


def stock_transferred_costed(*, out: LedgerEntry, into: LedgerEntry) -> None:
    """Move the value of a transfer between two warehouses at the source's average. Nothing is posted:
    every warehouse's stock is on the same inventory account."""
    moment = out.created_at or timezone.now()
    source = Source(kind="stock_transfer", id=out.pk, occurred_at=moment, reference=out.reference)
    first, second = sorted([out.warehouse_id, into.warehouse_id])
    rows = {
        first: cost_lock(item_id=out.item_id, warehouse_id=first),
        second: cost_lock(item_id=out.item_id, warehouse_id=second),
    }
    origin, target = rows[out.warehouse_id], rows[into.warehouse_id]
    cost_sync(origin, on_hand_before=_before(out), source=source)
    cost_sync(target, on_hand_before=_before(into), source=source)
    value = issue_value(origin, out.quantity)
    cost_apply(
        origin, kind=CostMovementKind.TRANSFER_OUT, quantity=-out.quantity, value=-value, source=source
    )
    cost_apply(target, kind=CostMovementKind.TRANSFER_IN, quantity=into.quantity, value=value, source=source)


# --- work orders -----------------------------------------------------------------------------------------


def work_order_sheet_lock(*, work_order: Any) -> WorkOrderCost:
    """The cost sheet of a work order, made if missing, locked FOR UPDATE."""
    sheet = WorkOrderCost.objects.select_for_update().filter(work_order_id=work_order.pk).first()
    if sheet is None:
        WorkOrderCost.objects.bulk_create(
            [
                WorkOrderCost(
                    work_order_id=work_order.pk, number=work_order.number, quantity=work_order.quantity
                )
            ],
            ignore_conflicts=True,
        )
        sheet = WorkOrderCost.objects.select_for_update().get(work_order_id=work_order.pk)
    return sheet


def work_order_completed_costed(*, work_order: Any) -> None:
    """Cost a completed work order (in its transaction, after the finished goods went into stock): the
    finished quantity comes in at the sheet's materials + labour + overhead; event
    ``work_order_completion`` posts inventory / WIP. A work order with no cost sheet comes in at zero."""
    from tenants.inventory.models import LedgerEntry, LedgerKind

    entry = (
        LedgerEntry.objects.filter(kind=LedgerKind.RECEIPT, reference=work_order.number)
        .order_by("-id")
        .first()
    )
    if entry is None:
        return
    moment = work_order.completed_at or timezone.now()
    sheet = work_order_sheet_lock(work_order=work_order)
    total = sheet.materials + sheet.labour + sheet.overhead
    source = Source(
        kind="work_order",
        id=work_order.pk,
        occurred_at=moment,
        reference=work_order.number,
        order_id=work_order.line.order_id,
        line_id=work_order.line_id,
    )
    cost = cost_lock(item_id=entry.item_id, warehouse_id=entry.warehouse_id)
    cost_sync(cost, on_hand_before=_before(entry), source=source, fallback_unit_cost=ZERO)
    cost_apply(cost, kind=CostMovementKind.PRODUCTION, quantity=entry.quantity, value=total, source=source)
    sheet.status = WorkOrderCostStatus.COMPLETED
    sheet.total = total
    sheet.quantity = entry.quantity
    sheet.unit_cost = unit_cost_of(total, entry.quantity)
    sheet.item_id, sheet.warehouse_id = entry.item_id, entry.warehouse_id
    sheet.completed_at = moment
    sheet.save()
    if total == 0:
        return
    event_record(
        kind="work_order_completion",
        source_id=work_order.pk,
        occurred_on=_day(moment),
        payload={"number": work_order.number, "item_id": entry.item_id, "total": str(total)},
    )
