"""Cost documents: landed costs of receipts, the cost sheet of a work order, the logistics cost of a
shipment, and the company's cost rates. Each one changes item costs (through :mod:`.cost`) and records
its posting event in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import NotFound, ValidationFailed
from tenants.finance.exceptions import WorkOrderNotCostable
from tenants.finance.models import (
    ZERO,
    CostMovementKind,
    CostSettings,
    LandedCost,
    LandedCostAllocation,
    LandedCostComponent,
    LandedCostKind,
    LandedCostLine,
    ShipmentCost,
    ShipmentCostKind,
    WorkOrderCost,
    WorkOrderCostLine,
    WorkOrderCostLineKind,
    WorkOrderCostStatus,
)
from tenants.finance.services.cost import (
    Source,
    cost_apply,
    cost_lock,
    cost_sync,
    issue_value,
    unit_cost_of,
    work_order_sheet_lock,
)
from tenants.finance.services.posting import cents, event_record, functional_currency

POST = "finance.post"
Errors = dict[str, list[str]]


def _err(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _audit(actor: Actor, action: str, target_type: str, target_id: int, after: dict[str, Any]) -> None:
    audit_record(
        action=action,
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        target_type=target_type,
        target_id=target_id,
        after=after,
    )


def _rate(errors: Errors, field: str, currency: str, rate: Decimal | None, home: str) -> Decimal:
    if currency == home:
        if rate is not None and rate != 1:
            _err(errors, field, f"The amount is in {home}: leave the rate out.")
        return Decimal(1)
    if rate is None or not rate.is_finite() or rate <= 0:
        _err(errors, field, f"Give the rate of one {currency} in {home}.")
        return Decimal(1)
    return rate


# --- settings --------------------------------------------------------------------------------------------


def cost_settings_get() -> CostSettings:
    settings, _ = CostSettings.objects.get_or_create(pk=1)
    return settings


def cost_settings_update(
    *, actor: Actor, labour_rate: Decimal | None = None, overhead_rate: Decimal | None = None
) -> CostSettings:
    """Change the labour rate and the overhead rate (per labour hour) work orders are costed at."""
    actor.require(POST)
    errors: Errors = {}
    for name, value in (("labour_rate", labour_rate), ("overhead_rate", overhead_rate)):
        if value is not None and (not value.is_finite() or value < 0):
            _err(errors, name, "Must not be negative.")
    if errors:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        settings = cost_settings_get()
        before = {"labour_rate": str(settings.labour_rate), "overhead_rate": str(settings.overhead_rate)}
        if labour_rate is not None:
            settings.labour_rate = labour_rate
        if overhead_rate is not None:
            settings.overhead_rate = overhead_rate
        settings.save()
        audit_record(
            action="finance.cost_settings_changed",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.costsettings",
            target_id=1,
            before=before,
            after={"labour_rate": str(settings.labour_rate), "overhead_rate": str(settings.overhead_rate)},
        )
    return settings


# --- landed costs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LandedCostInput:
    kind: str  # freight | duty | insurance
    amount: Decimal
    currency: str
    rate: Decimal | None = None


def _allocate(total: Decimal, bases: list[Decimal]) -> list[Decimal]:
    """Split ``total`` in proportion to ``bases`` to the cent; the rounding difference goes to the line
    with the largest basis, so the shares add up to ``total`` exactly."""
    whole = sum(bases, ZERO)
    shares = [cents(total * basis / whole) for basis in bases]
    largest = max(range(len(bases)), key=lambda index: bases[index])
    shares[largest] += total - sum(shares, ZERO)
    return shares


def landed_cost_apply(
    *,
    actor: Actor,
    receipt_ids: list[int],
    components: list[LandedCostInput],
    allocation: str,
    weights: dict[int, Decimal] | None = None,
    note: str = "",
    day: date | None = None,
) -> LandedCost:
    """Allocate freight, duty and insurance to the lines of goods receipts and raise their items' cost.

    The total (each component converted at its rate to the functional currency) is split over the
    receipts' accepted lines that have an item, in proportion to their value (quantity x order price x
    order rate), their quantity, or their weight (``weights``: receipt line id -> the line's total weight,
    required for every line with ``allocation="weight"``). A line's share goes to the stock value of its
    item in the receipt's warehouse for the part of its quantity still on hand there, and to COGS for the
    part already issued. Event ``landed_cost``: inventory and COGS / accrued landed costs.

    Raises:
        PermissionMissing: actor lacks finance.post.
        ValidationFailed: no or unknown receipts, no components, a non-positive amount, an unknown kind,
            allocation or currency rate, a missing or non-positive weight, nothing with a basis to
            allocate to.
    """
    from tenants.inventory.models import StockLevel
    from tenants.procurement.models import GoodsReceipt, GoodsReceiptLine

    actor.require(POST)
    home = functional_currency()
    errors: Errors = {}
    weights = weights or {}
    ids = sorted(set(receipt_ids))
    receipts = {r.pk: r for r in GoodsReceipt.objects.filter(pk__in=ids).select_related("order")}
    if not ids:
        _err(errors, "receipt_ids", "Name at least one goods receipt.")
    for receipt_id in ids:
        if receipt_id not in receipts:
            _err(errors, "receipt_ids", f"No goods receipt {receipt_id}.")
    if allocation not in LandedCostAllocation.values:
        _err(errors, "allocation", "Allocate by value, quantity or weight.")
    if not components:
        _err(errors, "components", "Give at least one cost.")
    converted: list[tuple[LandedCostInput, Decimal, Decimal]] = []
    for index, component in enumerate(components):
        field = f"components.{index}"
        if component.kind not in LandedCostKind.values:
            _err(errors, f"{field}.kind", "Freight, duty or insurance.")
        if not component.amount.is_finite() or component.amount <= 0:
            _err(errors, f"{field}.amount", "Must be greater than zero.")
        currency = (component.currency or home).upper()
        rate = _rate(errors, f"{field}.rate", currency, component.rate, home)
        converted.append(
            (component, rate, cents(component.amount * rate) if component.amount.is_finite() else ZERO)
        )
    lines = [
        line
        for line in GoodsReceiptLine.objects.filter(receipt_id__in=list(receipts), accepted_quantity__gt=0)
        .select_related("order_line")
        .order_by("id")
        if line.order_line.item_id
    ]
    if receipts and not lines:
        _err(errors, "receipt_ids", "These receipts have no accepted stock items.")
    bases: list[Decimal] = []
    for line in lines:
        if allocation == LandedCostAllocation.VALUE:
            rate = Decimal(receipts[line.receipt_id].order.exchange_rate)
            bases.append(line.accepted_quantity * line.order_line.unit_price * rate)
        elif allocation == LandedCostAllocation.QUANTITY:
            bases.append(line.accepted_quantity)
        else:
            weight = weights.get(line.pk)
            if weight is None or not weight.is_finite() or weight <= 0:
                _err(errors, f"weights.{line.pk}", "Give the weight of this receipt line.")
                weight = ZERO
            bases.append(weight)
    if lines and not errors and sum(bases, ZERO) <= 0:
        _err(errors, "allocation", "Nothing to allocate on: every line's basis is zero.")
    if errors:
        raise ValidationFailed(errors=errors)

    total = sum((value for _, _, value in converted), ZERO)
    shares = _allocate(total, bases)
    day = day or timezone.localdate()
    moment = timezone.now()
    with transaction.atomic():
        landed = LandedCost.objects.create(
            receipt_ids=ids,
            allocation=allocation,
            total=total,
            note=note.strip()[:500],
            occurred_on=day,
            created_by_id=actor.user.pk if actor.user else None,
            created_by_label=actor.label[:254],
        )
        LandedCostComponent.objects.bulk_create(
            [
                LandedCostComponent(
                    landed_cost=landed,
                    kind=component.kind,
                    amount=component.amount,
                    currency=(component.currency or home).upper(),
                    rate=rate,
                    amount_functional=value,
                )
                for component, rate, value in converted
            ]
        )

        # Lock the stock levels, then the cost rows, in one order (the order of every other movement).
        def key_of(line: Any) -> tuple[int, int]:
            return (int(line.order_line.item_id or 0), int(receipts[line.receipt_id].warehouse_id or 0))

        keys = sorted({key_of(line) for line in lines})
        levels = {
            (level.item_id, level.warehouse_id): level.on_hand
            for level in StockLevel.objects.select_for_update()
            .filter(item_id__in=[k[0] for k in keys], warehouse_id__in=[k[1] for k in keys])
            .order_by("item_id", "warehouse_id")
        }
        costs = {key: cost_lock(item_id=key[0], warehouse_id=key[1]) for key in keys}
        rows: list[LandedCostLine] = []
        source = Source(kind="landed_cost", id=landed.pk, occurred_at=moment, reference=f"LC {landed.pk}")
        for line, basis, share in zip(lines, bases, shares, strict=True):
            key = key_of(line)
            cost = costs[key]
            cost_sync(cost, on_hand_before=levels.get(key, ZERO), source=source)
            on_hand = min(cost.quantity, line.accepted_quantity)
            to_inventory = cents(share * on_hand / line.accepted_quantity) if on_hand > 0 else ZERO
            if to_inventory:
                cost_apply(
                    cost,
                    kind=CostMovementKind.LANDED_COST,
                    quantity=ZERO,
                    value=to_inventory,
                    source=Source(
                        kind="landed_cost",
                        id=landed.pk,
                        occurred_at=moment,
                        reference=f"LC {landed.pk} {receipts[line.receipt_id].number}",
                        order_id=receipts[line.receipt_id].order_id,
                        line_id=line.order_line_id,
                    ),
                )
            rows.append(
                LandedCostLine(
                    landed_cost=landed,
                    receipt_id=line.receipt_id,
                    receipt_line_id=line.pk,
                    item_id=key[0],
                    warehouse_id=key[1],
                    quantity=line.accepted_quantity,
                    basis=basis.quantize(Decimal("0.000001")),
                    allocated=share,
                    to_inventory=to_inventory,
                    to_cogs=share - to_inventory,
                )
            )
        LandedCostLine.objects.bulk_create(rows)
        landed.to_inventory = sum((row.to_inventory for row in rows), ZERO)
        landed.to_cogs = sum((row.to_cogs for row in rows), ZERO)
        landed.save(update_fields=["to_inventory", "to_cogs"])
        event_record(
            kind="landed_cost",
            source_id=landed.pk,
            occurred_on=day,
            payload={
                "receipts": " ".join(receipts[i].number for i in ids),
                "total": str(total),
                "to_inventory": str(landed.to_inventory),
                "to_cogs": str(landed.to_cogs),
            },
        )
        _audit(actor, "finance.landed_cost_applied", "finance.landedcost", landed.pk, {"total": str(total)})
    return landed


# --- work-order cost -------------------------------------------------------------------------------------


def _work_order(work_order_id: int) -> Any:
    from tenants.sales.models import WorkOrder, WorkOrderStatus

    work_order = WorkOrder.objects.select_related("line").filter(pk=work_order_id).first()
    if work_order is None:
        raise NotFound()
    if work_order.status not in (WorkOrderStatus.OPEN, WorkOrderStatus.IN_PROGRESS):
        raise WorkOrderNotCostable(detail=f"The work order is {work_order.status}.")
    return work_order


def _open_sheet(work_order: Any) -> WorkOrderCost:
    sheet = work_order_sheet_lock(work_order=work_order)
    if sheet.status != WorkOrderCostStatus.OPEN:
        raise WorkOrderNotCostable(detail="The work order's cost is closed.")
    return sheet


def work_order_material_issue(
    *,
    actor: Actor,
    work_order_id: int,
    item_id: int,
    quantity: Decimal,
    warehouse_id: int | None = None,
    day: date | None = None,
) -> WorkOrderCostLine:
    """Issue ``quantity`` of a material from stock to an open work order, at its moving average.

    Stock goes down (inventory ledger reference: the work order's number); the value goes to the work
    order's sheet and the event ``work_order_material`` posts WIP / inventory.

    Raises:
        PermissionMissing: actor lacks finance.post.
        NotFound: no such work order.
        WorkOrderNotCostable: the work order is done or cancelled.
        ValidationFailed: unknown item or warehouse, a non-positive quantity.
        InsufficientStock: less is available (409).
    """
    from tenants.inventory import services as inventory
    from tenants.inventory.models import Item, Warehouse

    actor.require(POST)
    _work_order(work_order_id)  # a missing work order is 404 whatever the rest of the input says
    errors: Errors = {}
    item = Item.objects.filter(pk=item_id).first()
    if item is None:
        _err(errors, "item_id", "No such item.")
    warehouse = (
        Warehouse.objects.filter(pk=warehouse_id).first()
        if warehouse_id is not None
        else inventory.default_warehouse()
    )
    if warehouse is None:
        _err(errors, "warehouse_id", "No such warehouse.")
    if not quantity.is_finite() or quantity <= 0:
        _err(errors, "quantity", "Must be greater than zero.")
    if errors:
        raise ValidationFailed(errors=errors)
    assert item is not None and warehouse is not None
    with transaction.atomic():
        work_order = _work_order(work_order_id)
        sheet = _open_sheet(work_order)
        entry = inventory.stock_issue(
            item=item,
            warehouse=warehouse,
            quantity=quantity,
            reference=f"{work_order.number} material",
            actor=actor,
            permission=POST,
        )
        moment = entry.created_at or timezone.now()
        source = Source(
            kind="work_order",
            id=work_order.pk,
            occurred_at=moment,
            reference=entry.reference,
            order_id=work_order.line.order_id,
            line_id=work_order.line_id,
        )
        cost = cost_lock(item_id=item.pk, warehouse_id=warehouse.pk)
        cost_sync(cost, on_hand_before=entry.on_hand_after - entry.on_hand_delta, source=source)
        value = issue_value(cost, quantity)
        cost_apply(cost, kind=CostMovementKind.MATERIAL, quantity=-quantity, value=-value, source=source)
        sheet.materials += value
        sheet.save(update_fields=["materials"])
        line = WorkOrderCostLine.objects.create(
            sheet=sheet,
            kind=WorkOrderCostLineKind.MATERIAL,
            item_id=item.pk,
            warehouse_id=warehouse.pk,
            quantity=quantity,
            unit_cost=unit_cost_of(value, quantity),
            value=value,
            occurred_on=day or timezone.localdate(),
            created_by_label=actor.label[:254],
        )
        if value:
            event_record(
                kind="work_order_material",
                source_id=line.pk,
                occurred_on=line.occurred_on,
                payload={"number": work_order.number, "value": str(value)},
            )
    return line


def work_order_labour_record(
    *,
    actor: Actor,
    work_order_id: int,
    hours: Decimal,
    labour_rate: Decimal | None = None,
    overhead_rate: Decimal | None = None,
    note: str = "",
    day: date | None = None,
) -> list[WorkOrderCostLine]:
    """Record labour hours on an open work order: labour at ``labour_rate`` and overhead absorbed at
    ``overhead_rate`` per hour (default: the company's cost settings). Events ``work_order_labour`` (WIP /
    payroll payable) and ``work_order_overhead`` (WIP / overhead).

    Raises:
        PermissionMissing: actor lacks finance.post.
        NotFound: no such work order.
        WorkOrderNotCostable: the work order is done or cancelled.
        ValidationFailed: non-positive hours, negative rates.
    """
    actor.require(POST)
    errors: Errors = {}
    if not hours.is_finite() or hours <= 0:
        _err(errors, "hours", "Must be greater than zero.")
    for name, value in (("labour_rate", labour_rate), ("overhead_rate", overhead_rate)):
        if value is not None and (not value.is_finite() or value < 0):
            _err(errors, name, "Must not be negative.")
    if errors:
        raise ValidationFailed(errors=errors)
    settings = cost_settings_get()
    labour_rate = settings.labour_rate if labour_rate is None else labour_rate
    overhead_rate = settings.overhead_rate if overhead_rate is None else overhead_rate
    day = day or timezone.localdate()
    made: list[WorkOrderCostLine] = []
    with transaction.atomic():
        work_order = _work_order(work_order_id)
        sheet = _open_sheet(work_order)
        labour, overhead = cents(hours * labour_rate), cents(hours * overhead_rate)
        sheet.labour_hours += hours
        sheet.labour += labour
        sheet.overhead += overhead
        sheet.save(update_fields=["labour_hours", "labour", "overhead"])
        for kind, rate, value, event in (
            (WorkOrderCostLineKind.LABOUR, labour_rate, labour, "work_order_labour"),
            (WorkOrderCostLineKind.OVERHEAD, overhead_rate, overhead, "work_order_overhead"),
        ):
            if kind == WorkOrderCostLineKind.OVERHEAD and value == 0:
                continue
            line = WorkOrderCostLine.objects.create(
                sheet=sheet,
                kind=kind,
                quantity=hours,
                unit_cost=rate,
                value=value,
                note=note.strip()[:500],
                occurred_on=day,
                created_by_label=actor.label[:254],
            )
            made.append(line)
            if value:
                event_record(
                    kind=event,
                    source_id=line.pk,
                    occurred_on=day,
                    payload={"number": work_order.number, "value": str(value)},
                )
    return made


# --- logistics cost --------------------------------------------------------------------------------------


def shipment_cost_record(
    *,
    actor: Actor,
    shipment_id: int,
    kind: str,
    amount: Decimal,
    currency: str = "",
    rate: Decimal | None = None,
    paid: bool = False,
    note: str = "",
    day: date | None = None,
) -> ShipmentCost:
    """Record freight or handling paid for a sales shipment: a selling expense, in the margins of its
    order. Event ``logistics_cost``: selling expense / accrued (other payable), or bank when ``paid``.

    Raises:
        PermissionMissing: actor lacks finance.post.
        NotFound: no such shipment.
        ValidationFailed: an unknown kind, a non-positive amount, a missing rate of a foreign currency.
    """
    from tenants.sales.models import Shipment

    actor.require(POST)
    shipment = Shipment.objects.select_related("order").filter(pk=shipment_id).first()
    if shipment is None:
        raise NotFound()
    home = functional_currency()
    currency = (currency or home).upper()
    errors: Errors = {}
    if kind not in ShipmentCostKind.values:
        _err(errors, "kind", "Freight or handling.")
    if not amount.is_finite() or amount <= 0:
        _err(errors, "amount", "Must be greater than zero.")
    rate = _rate(errors, "rate", currency, rate, home)
    if errors:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        row = ShipmentCost.objects.create(
            shipment_id=shipment.pk,
            sales_order_id=shipment.order_id,
            customer_id=shipment.order.customer_id,
            kind=kind,
            amount=amount,
            currency=currency,
            rate=rate,
            amount_functional=cents(amount * rate),
            paid=paid,
            note=note.strip()[:500],
            occurred_on=day or timezone.localdate(),
            created_by_label=actor.label[:254],
        )
        event_record(
            kind="logistics_cost",
            source_id=row.pk,
            occurred_on=row.occurred_on,
            payload={
                "shipment_number": shipment.number,
                "customer_id": shipment.order.customer_id,
                "kind": kind,
                "amount": str(amount),
                "currency": currency,
                "rate": str(rate),
                "amount_functional": str(row.amount_functional),
                "paid": paid,
            },
        )
        _audit(
            actor, "finance.logistics_cost_recorded", "finance.shipmentcost", row.pk, {"amount": str(amount)}
        )
    return row
