"""Goods receipt: full or partial, against order lines, with accepted and rejected quantities.

What counts against the order is what was *accepted*: a line is received when its accepted quantity
reaches the ordered one. Rejected goods go back to the supplier (who may ship them again), so they do not
use up the order; but one receipt may not hold more, accepted plus rejected, than is still open on the line.
Stock goes up by the accepted quantity (``tenants.inventory.services.stock_receive``) for lines with an
inventory item or a SKU (an item is made for a SKU seen for the first time); lines with neither (services,
freight) move no stock. Suppliers on Hansa get a ``receipt_advice``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from kernel.errors import ValidationFailed
from tenants.finance.services.cost import goods_receipt_costed
from tenants.procurement.exceptions import OverReceipt
from tenants.procurement.models import (
    ExpectedShipment,
    GoodsReceipt,
    GoodsReceiptLine,
    PoStatus,
    PurchaseOrder,
    PurchaseOrderLine,
)
from tenants.procurement.services import documents, settlements
from tenants.procurement.services.common import (
    Errors,
    add_error,
    audit,
    decimal_text,
    event_record,
    lock_order,
    next_number,
    places_of,
    require_status,
    user_of,
)

RECEIVABLE = (PoStatus.SENT, PoStatus.ACKNOWLEDGED, PoStatus.CHANGED, PoStatus.PARTLY_RECEIVED)


@dataclass(frozen=True)
class ReceiptLineInput:
    line_no: int
    accepted_quantity: Decimal = Decimal(0)
    rejected_quantity: Decimal = Decimal(0)
    rejection_reason: str = ""


def _check(lines: list[ReceiptLineInput], order_lines: dict[int, PurchaseOrderLine]) -> Errors:
    errors: Errors = {}
    if not lines:
        add_error(errors, "lines", "Receive at least one line.")
    seen: set[int] = set()
    for index, line in enumerate(lines):
        name = f"lines.{index}"
        if line.line_no not in order_lines:
            add_error(errors, f"{name}.line_no", f"The order has no line {line.line_no}.")
        if line.line_no in seen:
            add_error(errors, f"{name}.line_no", "This line is listed twice.")
        seen.add(line.line_no)
        for field in ("accepted_quantity", "rejected_quantity"):
            value: Decimal = getattr(line, field)
            if not value.is_finite() or value < 0:
                add_error(errors, f"{name}.{field}", "Must not be negative.")
            elif places_of(value) > 4:
                add_error(errors, f"{name}.{field}", "At most 4 decimals.")
        if line.accepted_quantity.is_finite() and line.rejected_quantity.is_finite():
            if line.accepted_quantity + line.rejected_quantity <= 0:
                add_error(errors, f"{name}.accepted_quantity", "Receive a quantity greater than zero.")
            if line.rejected_quantity > 0 and not line.rejection_reason.strip():
                add_error(errors, f"{name}.rejection_reason", "Say why goods are rejected.")
    return errors


@transaction.atomic
def po_receive(
    *,
    actor: Actor,
    order_id: int,
    lines: list[ReceiptLineInput],
    warehouse_id: int | None = None,
    shipment_id: int | None = None,
    note: str = "",
    received_at: datetime | None = None,
    request: HttpRequest | None = None,
) -> GoodsReceipt:
    """Record a receipt against the order's lines; stock goes up by what is accepted.

    Locks the order row, so two receipts posted at once are serialised: the second sees what the first
    received, and is refused if it would now receive more than ordered. The order becomes
    PARTLY_RECEIVED, or RECEIVED when every line's accepted quantity reaches what was ordered.

    Raises:
        PermissionMissing: actor lacks po.receive.
        InvalidTransition: the order is not sent, acknowledged, changed or partly received.
        ValidationFailed: unknown or repeated lines, negative or zero quantities, more than 4 decimals, a
            rejection without a reason, an unknown warehouse or shipment.
        OverReceipt: a line would receive more than is still open on it (409).
    """
    actor.require("po.receive")
    order = lock_order(order_id, documents=True)
    require_status(order, *RECEIVABLE, action="receive goods on")
    order_lines = {line.line_no: line for line in order.lines.all()}
    errors = _check(lines, order_lines)
    warehouse = None
    if warehouse_id is not None:
        from tenants.inventory.models import Warehouse

        warehouse = Warehouse.objects.filter(pk=warehouse_id).first()
        if warehouse is None:
            add_error(errors, "warehouse_id", "No such warehouse.")
    if shipment_id is not None and not ExpectedShipment.objects.filter(pk=shipment_id, order=order).exists():
        add_error(errors, "shipment_id", "The order has no such shipment.")
    if errors:
        raise ValidationFailed(errors=errors)
    over: Errors = {}
    for index, line in enumerate(lines):
        ordered = order_lines[line.line_no]
        still_open = ordered.open_quantity
        if line.accepted_quantity + line.rejected_quantity > still_open:
            add_error(
                over,
                f"lines.{index}",
                f"Line {line.line_no}: {decimal_text(still_open)} {ordered.unit} still open.",
            )
    if over:
        raise OverReceipt(errors=over)

    receipt = GoodsReceipt.objects.create(
        order=order,
        number=next_number("grn", "GRN"),
        shipment_id=shipment_id,
        warehouse_id=warehouse.pk if warehouse else None,
        note=note.strip(),
        received_by=user_of(actor),
        received_at=received_at or timezone.now(),
    )
    GoodsReceiptLine.objects.bulk_create(
        [
            GoodsReceiptLine(
                receipt=receipt,
                order_line=order_lines[line.line_no],
                accepted_quantity=line.accepted_quantity,
                rejected_quantity=line.rejected_quantity,
                rejection_reason=line.rejection_reason.strip(),
            )
            for line in lines
        ]
    )
    touched = []
    for line in lines:
        ordered = order_lines[line.line_no]
        ordered.quantity_received += line.accepted_quantity
        ordered.quantity_rejected += line.rejected_quantity
        touched.append(ordered)
    _stock_in(order, receipt, lines, order_lines, warehouse)
    PurchaseOrderLine.objects.bulk_update(touched, ["quantity_received", "quantity_rejected", "item_id"])
    goods_receipt_costed(receipt=receipt)

    # Done when every line's accepted plus settled-closed quantity reaches what was ordered (a return or
    # short-close agreed earlier closes its part; the order then closes, see services.settlements).
    finished = settlements.completion_status(order, list(order_lines.values()))
    complete = finished is not None
    now = timezone.now()
    order.status = PoStatus.RECEIVED if complete else PoStatus.PARTLY_RECEIVED
    if complete:
        order.received_at = now
    order.save(update_fields=["status", "received_at", "updated_at"])

    advice_lines = [
        {
            "line_no": line.line_no,
            "accepted_quantity": decimal_text(line.accepted_quantity),
            "rejected_quantity": decimal_text(line.rejected_quantity),
            "rejection_reason": line.rejection_reason.strip(),
        }
        for line in lines
    ]
    if order.exchange_document_id is not None:
        receipt.receipt_advice_document_id = documents.send_to_supplier(
            order,
            kind="receipt_advice",
            payload={
                "po_number": order.number,
                "receipt_number": receipt.number,
                "received_at": receipt.received_at.isoformat(),
                "lines": advice_lines,
            },
            refers_to=order.exchange_document_id,
        )
        receipt.save(update_fields=["receipt_advice_document_id"])
    event_record(
        order,
        "received",
        actor=actor,
        data={"receipt_number": receipt.number, "complete": complete, "lines": advice_lines},
    )
    if finished == PoStatus.CLOSED:
        settlements.finish_if_complete(order, actor=actor)
    audit(
        actor=actor,
        action="purchase_order.received",
        order=order,
        request=request,
        after={"receipt": receipt.number, "status": order.status},
    )
    return receipt


def _stock_in(
    order: PurchaseOrder,
    receipt: GoodsReceipt,
    lines: list[ReceiptLineInput],
    order_lines: dict[int, PurchaseOrderLine],
    warehouse: object | None,
) -> None:
    from tenants.inventory.models import Item
    from tenants.inventory.services import default_warehouse, item_get_or_create_for_line, stock_receive

    target = warehouse or default_warehouse()
    if receipt.warehouse_id is None:
        receipt.warehouse_id = target.pk  # type: ignore[attr-defined]
        receipt.save(update_fields=["warehouse_id"])
    items = {
        item.pk: item
        for item in Item.objects.filter(pk__in=[ln.item_id for ln in order_lines.values() if ln.item_id])
    }
    reference = f"{order.number} {receipt.number}"
    for line in lines:
        if line.accepted_quantity <= 0:
            continue
        ordered = order_lines[line.line_no]
        item = items.get(ordered.item_id) if ordered.item_id else None
        if item is None and ordered.sku:
            item = item_get_or_create_for_line(sku=ordered.sku, name=ordered.description, unit=ordered.unit)
            ordered.item_id = item.pk
        if item is None:
            continue
        # Ingestion-style call (no actor): po.receive was checked above; stock.adjust is not required of
        # the receiver. The ledger entry names the order and the receipt.
        stock_receive(item=item, warehouse=target, quantity=line.accepted_quantity, reference=reference)  # type: ignore[arg-type]
