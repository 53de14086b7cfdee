"""Covering each accepted line: stock reserved in inventory, and for a shortfall a make-to-order work
order or a back-order; work orders and back-orders moving on; releasing everything when an order closes.

Callers hold the order's row lock. Inventory keeps the stock ledger and guarantees that a reservation never
exceeds what is available (``tenants.inventory.services``); this module only decides how much to ask for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from identity.access import Actor
from kernel.errors import NotFound
from tenants.finance.services.cost import work_order_completed_costed
from tenants.inventory import selectors as inventory_selectors
from tenants.inventory import services as inventory
from tenants.inventory.exceptions import InsufficientStock
from tenants.sales.exceptions import BackOrderNotOpen, WorkOrderState
from tenants.sales.models import (
    BackOrder,
    BackOrderStatus,
    LineReservation,
    SalesOrder,
    SalesOrderLine,
    ShortfallChoice,
    WorkOrder,
    WorkOrderStatus,
)
from tenants.sales.services.common import audit, lock_order, next_number

if TYPE_CHECKING:
    from tenants.inventory.models import Item

ZERO = Decimal(0)
PENDING_WO = (WorkOrderStatus.OPEN, WorkOrderStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Shortfall:
    """How a line's shortfall is covered at acceptance: a work order (due by ``due_date``) or a back-order."""

    choice: str = ShortfallChoice.WORK_ORDER
    due_date: date | None = None


def line_item(line: SalesOrderLine) -> Item:
    """The inventory item of the line (made from its SKU on first use)."""
    if line.item_id is None:
        line.item = inventory.item_get_or_create_for_line(
            sku=line.sku, name=line.description or line.sku, unit=line.unit, listing_id=line.listing_id
        )
        line.save(update_fields=["item"])
    assert line.item is not None
    return line.item


def reserved_remaining(line: SalesOrderLine) -> Decimal:
    return sum((r.remaining for r in line.reservations.all()), ZERO)


def _pending(line: SalesOrderLine) -> tuple[list[WorkOrder], list[BackOrder]]:
    work_orders = list(line.work_orders.filter(status__in=PENDING_WO).order_by("-created_at", "-id"))
    back_orders = list(line.back_orders.filter(status=BackOrderStatus.OPEN).order_by("-created_at", "-id"))
    return work_orders, back_orders


def reserve_available(line: SalesOrderLine, wanted: Decimal, reference: str) -> Decimal:
    """Reserve up to ``wanted`` of what is available now for the line; returns the quantity reserved.

    Another reservation may take stock between reading the level and reserving; inventory then refuses
    (InsufficientStock) and this asks again for what is left, so the answer is never more than available.
    """
    if wanted <= 0:
        return ZERO
    item = line_item(line)
    warehouse = inventory.default_warehouse()
    for _attempt in range(5):
        # The stock check shows the same figure (one basis: inventory_selectors.reservable_level).
        available = inventory_selectors.reservable_level(item=item).available
        take = min(available, wanted)
        if take <= 0:
            return ZERO
        try:
            with transaction.atomic():
                reservation = inventory.reservation_create(
                    item=item, warehouse=warehouse, quantity=take, reference=reference
                )
        except InsufficientStock:
            continue
        LineReservation.objects.create(line=line, reservation=reservation, quantity=take)
        return take
    return ZERO


def _release(link: LineReservation, quantity: Decimal) -> None:
    inventory.reservation_release(reservation=link.reservation, quantity=quantity)
    link.released += quantity
    link.save(update_fields=["released"])


def rebalance_line(
    *, order: SalesOrder, line: SalesOrderLine, shortfall: Shortfall | None = None, actor: Actor | None = None
) -> None:
    """Make what covers the line equal what it still has to ship (``quantity - shipped``).

    Too little: reserve what is available, and cover the rest with a work order (the default) or a
    back-order. Too much (the quantity went down): release reservations (newest first), then shrink or
    cancel back-orders and open work orders. A work order in progress is left alone (its output goes to
    stock).
    """
    shortfall = shortfall or Shortfall()
    need = line.open_quantity  # quantity plus agreed replacements, less what shipped
    links = list(line.reservations.order_by("-id"))
    reserved = sum((link.remaining for link in links), ZERO)
    for link in links:
        if reserved <= need:
            break
        give_back = min(link.remaining, reserved - need)
        if give_back > 0:
            _release(link, give_back)
            reserved -= give_back
    work_orders, back_orders = _pending(line)
    pending = sum((w.quantity for w in work_orders), ZERO) + sum((b.remaining for b in back_orders), ZERO)
    excess = reserved + pending - need
    now = timezone.now()
    for back_order in back_orders:
        if excess <= 0:
            break
        cut = min(back_order.remaining, excess)
        excess -= cut
        if cut < back_order.remaining:
            back_order.quantity -= cut
        elif back_order.allocated == 0:
            back_order.status = BackOrderStatus.CANCELLED
        else:
            back_order.quantity = back_order.allocated
            back_order.status = BackOrderStatus.FILLED
            back_order.filled_at = now
        back_order.save(update_fields=["quantity", "status", "filled_at"])
    for work_order in work_orders:
        if excess <= 0:
            break
        if work_order.status != WorkOrderStatus.OPEN:
            continue
        cut = min(work_order.quantity, excess)
        excess -= cut
        if cut == work_order.quantity:
            work_order.status = WorkOrderStatus.CANCELLED
        else:
            work_order.quantity -= cut
        work_order.save(update_fields=["quantity", "status"])
    if excess >= 0:
        return
    missing = -excess
    missing -= reserve_available(line, missing, reference=f"{order.number}/{line.line_no}")
    if missing <= 0:
        return
    if shortfall.choice == ShortfallChoice.BACK_ORDER:
        BackOrder.objects.create(line=line, quantity=missing)
    else:
        WorkOrder.objects.create(
            number=next_number("WO"),
            line=line,
            quantity=missing,
            due_date=shortfall.due_date or line.promised_date or line.requested_date or order.requested_date,
        )
    audit(
        actor=actor,
        action="sales_order.shortfall",
        target_id=order.pk,
        after={"line_no": line.line_no, "quantity": str(missing), "covered_by": shortfall.choice},
    )


def release_all(order: SalesOrder) -> None:
    """Release every reservation still held for the order; cancel its open work orders and back-orders."""
    for line in order.lines.all():
        for link in line.reservations.all():
            if link.remaining > 0:
                _release(link, link.remaining)
        line.work_orders.filter(status__in=PENDING_WO).update(status=WorkOrderStatus.CANCELLED)
        line.back_orders.filter(status=BackOrderStatus.OPEN).update(status=BackOrderStatus.CANCELLED)


# Work orders and back-orders ------------------------------------------------------------------------------


def _locked_work_order(work_order_id: int) -> tuple[WorkOrder, SalesOrder]:
    found = WorkOrder.objects.filter(pk=work_order_id).values_list("line__order_id", flat=True).first()
    if found is None:
        raise NotFound()
    order = lock_order(found)
    work_order = WorkOrder.objects.select_for_update().select_related("line").get(pk=work_order_id)
    return work_order, order


@transaction.atomic
def work_order_start(*, actor: Actor, work_order_id: int) -> WorkOrder:
    """An open work order goes into production (``in_progress``).

    Raises: PermissionMissing (so.manage), NotFound, WorkOrderState (not open).
    """
    actor.require("so.manage")
    work_order, _order = _locked_work_order(work_order_id)
    if work_order.status != WorkOrderStatus.OPEN:
        raise WorkOrderState(detail=f"The work order is {work_order.status}.")
    work_order.status = WorkOrderStatus.IN_PROGRESS
    work_order.started_at = timezone.now()
    work_order.save(update_fields=["status", "started_at"])
    audit(actor=actor, action="work_order.started", target_type="work_order", target_id=work_order.pk)
    return work_order


@transaction.atomic
def work_order_complete(*, actor: Actor, work_order_id: int) -> WorkOrder:
    """The work order is done: its quantity is received into stock (reference: the work order's number)
    and reserved for its line, ready to ship. Putting goods into stock needs stock.adjust.

    Raises: PermissionMissing (stock.adjust), NotFound, WorkOrderState (done or cancelled).
    """
    actor.require("stock.adjust")
    work_order, order = _locked_work_order(work_order_id)
    if work_order.status not in PENDING_WO:
        raise WorkOrderState(detail=f"The work order is {work_order.status}.")
    line = work_order.line
    item = line_item(line)
    inventory.stock_receive(
        item=item,
        warehouse=inventory.default_warehouse(),
        quantity=work_order.quantity,
        reference=work_order.number,
        actor=actor,
    )
    now = timezone.now()
    work_order.status = WorkOrderStatus.DONE
    work_order.started_at = work_order.started_at or now
    work_order.completed_at = now
    work_order.save(update_fields=["status", "started_at", "completed_at"])
    work_order_completed_costed(work_order=work_order)
    need = line.open_quantity - reserved_remaining(line)
    reserve_available(line, min(need, work_order.quantity), reference=f"{order.number}/{line.line_no}")
    audit(
        actor=actor,
        action="work_order.completed",
        target_type="work_order",
        target_id=work_order.pk,
        after={"quantity": str(work_order.quantity), "order": order.number},
    )
    return work_order


@transaction.atomic
def back_order_allocate(*, actor: Actor, back_order_id: int) -> BackOrder:
    """Reserve what stock has become available for an open back-order (all of it fills the back-order).

    Raises: PermissionMissing (so.manage), NotFound, BackOrderNotOpen, InsufficientStock (nothing available).
    """
    actor.require("so.manage")
    found = BackOrder.objects.filter(pk=back_order_id).values_list("line__order_id", flat=True).first()
    if found is None:
        raise NotFound()
    order = lock_order(found)
    back_order = BackOrder.objects.select_for_update().select_related("line").get(pk=back_order_id)
    if back_order.status != BackOrderStatus.OPEN:
        raise BackOrderNotOpen()
    got = reserve_available(
        back_order.line, back_order.remaining, reference=f"{order.number}/{back_order.line.line_no}"
    )
    if got <= 0:
        raise InsufficientStock(detail="No stock of this item is available to allocate.")
    back_order.allocated += got
    if back_order.allocated >= back_order.quantity:
        back_order.status = BackOrderStatus.FILLED
        back_order.filled_at = timezone.now()
    back_order.save(update_fields=["allocated", "status", "filled_at"])
    audit(
        actor=actor,
        action="back_order.allocated",
        target_type="back_order",
        target_id=back_order.pk,
        after={"allocated": str(got), "order": order.number},
    )
    return back_order


def line_coverage(line: SalesOrderLine) -> dict[str, Decimal]:
    """Reserved, in production and back-ordered quantities of the line (for reads)."""
    work = line.work_orders.filter(status__in=PENDING_WO).aggregate(q=Sum("quantity"))["q"] or ZERO
    back = sum((b.remaining for b in line.back_orders.filter(status=BackOrderStatus.OPEN)), ZERO)
    return {"reserved": reserved_remaining(line), "in_production": work, "back_ordered": back}
