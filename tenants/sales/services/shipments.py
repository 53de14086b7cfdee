"""Shipping an accepted order (partial shipments allowed) and the buyer's receipts of what was shipped."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from tenants.finance.services.cost import shipment_costed
from tenants.inventory import services as inventory
from tenants.sales.exceptions import OrderNotShippable, ShipmentExceedsOrder, StockNotReserved
from tenants.sales.models import (
    OPEN_FOR_AMENDMENT,
    BuyerReceipt,
    OrderStatus,
    SalesOrder,
    SalesOrderLine,
    Shipment,
    ShipmentLine,
)
from tenants.sales.services.common import (
    Errors,
    add_error,
    audit,
    check_quantity,
    lock_order,
    next_number,
    raise_if,
    send_to_buyer,
)
from tenants.sales.services.fulfilment import reserved_remaining

ZERO = Decimal(0)


@dataclass(frozen=True)
class ShipLine:
    line_no: int
    quantity: Decimal


def refresh_progress(order: SalesOrder, *, reopen: bool = False) -> None:
    """Derive accepted / partly shipped / shipped / completed from the lines (the order is locked).

    Completed: everything due (the quantity plus agreed replacements) is shipped, the buyer accounted for
    all of it, and every quantity the buyer rejected is settled (replacement, return or short-close
    agreed): until then a shipped order stays SHIPPED, as the buyer's order stays partly received.
    ``reopen``: a completed order may go back (an agreed replacement is to ship).
    """
    allowed = (*OPEN_FOR_AMENDMENT, OrderStatus.SHIPPED, *((OrderStatus.COMPLETED,) if reopen else ()))
    if order.status not in allowed:
        return
    lines = list(order.lines.all())
    shipped_all = all(line.shipped_quantity >= line.due_quantity for line in lines)
    shipped_any = any(line.shipped_quantity > 0 for line in lines)
    received_all = all(
        line.received_quantity + line.rejected_quantity >= line.due_quantity
        and line.settled_quantity >= line.rejected_quantity
        for line in lines
    )
    now = timezone.now()
    if shipped_all and received_all:
        status = OrderStatus.COMPLETED
    elif shipped_all:
        status = OrderStatus.SHIPPED
    elif shipped_any:
        status = OrderStatus.PARTLY_SHIPPED
    else:
        status = OrderStatus.ACCEPTED
    if status == order.status:
        return
    order.status = status
    if status in (OrderStatus.SHIPPED, OrderStatus.COMPLETED) and order.shipped_at is None:
        order.shipped_at = now
    if status == OrderStatus.COMPLETED:
        order.completed_at = now
    elif order.completed_at is not None:
        order.completed_at = None  # reopened for a replacement
    order.save(update_fields=["status", "shipped_at", "completed_at", "updated_at"])


def _issue(line: SalesOrderLine, quantity: Decimal, reference: str) -> None:
    """Issue ``quantity`` of the line's stock from its reservations, oldest first."""
    left = quantity
    for link in line.reservations.select_related("reservation").order_by("id"):
        if left <= 0:
            break
        take = min(link.remaining, left)
        if take <= 0:
            continue
        inventory.reservation_issue(reservation=link.reservation, quantity=take, reference=reference)
        link.issued += take
        link.save(update_fields=["issued"])
        left -= take


@transaction.atomic
def shipment_create(
    *,
    actor: Actor,
    order_id: int,
    carrier: str,
    lines: list[ShipLine],
    tracking_number: str = "",
    packages: int = 1,
    shipped_at: datetime | None = None,
    notes: str = "",
    request: HttpRequest | None = None,
) -> Shipment:
    """Ship (part of) an accepted order: stock is issued from the lines' reservations, the order becomes
    partly shipped or shipped, and the buyer gets a dispatch advice with carrier, tracking and packages.

    Raises:
        PermissionMissing: actor lacks so.ship.
        NotFound: no such order.
        OrderNotShippable: not accepted, or already fully shipped / closed.
        ValidationFailed: no carrier, no lines, a line twice or unknown, zero or negative quantities,
            packages below 1.
        ShipmentExceedsOrder: a line would ship more than accepted minus shipped (409).
        StockNotReserved: less is reserved for a line than it ships (a work order or back-order is open).
    """
    actor.require("so.ship")
    order = lock_order(order_id)
    if order.status not in OPEN_FOR_AMENDMENT:
        raise OrderNotShippable(detail=f"The order is {order.status}.")
    by_no = {line.line_no: line for line in order.lines.select_for_update()}
    errors: Errors = {}
    carrier = carrier.strip()
    if not carrier:
        add_error(errors, "carrier", "Name the carrier.")
    if packages < 1:
        add_error(errors, "packages", "At least one package.")
    if not lines:
        add_error(errors, "lines", "Ship at least one line.")
    seen: set[int] = set()
    for index, ship in enumerate(lines):
        if ship.line_no not in by_no:
            add_error(errors, f"lines.{index}.line_no", f"The order has no line {ship.line_no}.")
        elif ship.line_no in seen:
            add_error(errors, f"lines.{index}.line_no", "This line is listed twice.")
        seen.add(ship.line_no)
        check_quantity(errors, f"lines.{index}.quantity", ship.quantity)
    raise_if(errors)
    for ship in lines:
        line = by_no[ship.line_no]
        if ship.quantity > line.open_quantity:
            raise ShipmentExceedsOrder(
                detail=f"Line {line.line_no}: {line.open_quantity} {line.unit} left to ship.",
                line_no=line.line_no,
                open_quantity=str(line.open_quantity),
            )
        if ship.quantity > reserved_remaining(line):
            raise StockNotReserved(
                detail=f"Line {line.line_no}: {reserved_remaining(line)} {line.unit} reserved.",
                line_no=line.line_no,
            )
    shipment = Shipment.objects.create(
        number=next_number("SH"),
        order=order,
        carrier=carrier,
        tracking_number=tracking_number.strip(),
        packages=packages,
        notes=notes,
        shipped_at=shipped_at or timezone.now(),
        created_by=actor.user,
    )
    for ship in lines:
        line = by_no[ship.line_no]
        _issue(line, ship.quantity, reference=f"{shipment.number} {order.number}/{line.line_no}")
        line.shipped_quantity += ship.quantity
        line.save(update_fields=["shipped_quantity"])
        ShipmentLine.objects.create(shipment=shipment, line=line, quantity=ship.quantity)
    refresh_progress(order)
    shipment_costed(shipment=shipment)
    shipment.document_id = send_to_buyer(
        order=order,
        kind="dispatch_advice",
        payload={
            "po_number": order.po_number,
            "so_number": order.number,
            "shipment_id": shipment.pk,
            "shipment_number": shipment.number,
            "carrier": shipment.carrier,
            "tracking_number": shipment.tracking_number,
            "shipped_at": shipment.shipped_at.isoformat(),
            "packages": shipment.packages,
            "lines": [{"line_no": s.line_no, "quantity": str(s.quantity)} for s in lines],
        },
    )
    shipment.save(update_fields=["document_id"])
    audit(
        actor=actor,
        action="sales_order.shipped",
        target_id=order.pk,
        request=request,
        after={"shipment": shipment.number, "carrier": carrier, "tracking_number": shipment.tracking_number},
    )
    return shipment


def receipt_received(
    *, order: SalesOrder, document_id: uuid.UUID, payload: dict[str, Any]
) -> BuyerReceipt | None:
    """Record a buyer's receipt advice: per line, what it accepted and rejected (and why). When every line
    is shipped and accounted for by the buyer, the order is completed. The order is locked by the caller;
    a receipt already recorded has no further effect."""
    if BuyerReceipt.objects.filter(document_id=document_id).exists():
        return None
    by_no = {line.line_no: line for line in order.lines.all()}
    recorded = []
    for entry in payload.get("lines") or []:
        line = by_no.get(int(entry.get("line_no") or 0))
        if line is None:
            continue
        accepted = Decimal(str(entry.get("accepted_quantity") or 0))
        rejected = Decimal(str(entry.get("rejected_quantity") or 0))
        line.received_quantity += max(accepted, ZERO)
        line.rejected_quantity += max(rejected, ZERO)
        line.save(update_fields=["received_quantity", "rejected_quantity"])
        recorded.append(
            {
                "line_no": line.line_no,
                "accepted_quantity": str(accepted),
                "rejected_quantity": str(rejected),
                "rejection_reason": str(entry.get("rejection_reason") or ""),
            }
        )
    received_at = payload.get("received_at")
    receipt = BuyerReceipt.objects.create(
        order=order,
        receipt_number=str(payload.get("receipt_number") or "")[:64],
        received_at=datetime.fromisoformat(received_at) if received_at else timezone.now(),
        lines=recorded,
        document_id=document_id,
    )
    refresh_progress(order)
    audit(
        actor=None,
        action="sales_order.receipt_recorded",
        target_id=order.pk,
        after={"receipt_number": receipt.receipt_number, "lines": recorded},
    )
    return receipt
