"""Orders to a supplier on Hansa: documents both ways, changes, shipments, receipts, the timeline."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from kernel.errors import ValidationFailed
from marketplace.exchange.models import TradeDocument
from tenants.procurement import services
from tenants.procurement.exceptions import (
    ChangeNeedsApproval,
    ChangeNotPending,
    InvalidTransition,
    OverReceipt,
)
from tenants.procurement.models import ExpectedShipment, GoodsReceipt, OrderChange, OrderEvent, PurchaseOrder
from tenants.procurement.services import ChangeLineInput, ReceiptLineInput
from tenants.procurement.tests import factories as f

pytestmark = pytest.mark.django_db


def kinds(order: PurchaseOrder) -> list[str]:
    return list(OrderEvent.objects.filter(order=order).order_by("at", "id").values_list("kind", flat=True))


def send(buyer, supplier, **kwargs) -> PurchaseOrder:
    with buyer.ctx():
        return f.sent(buyer.actor, supplier=supplier.company, **kwargs)


def respond(buyer, supplier, order, action="accept", **extra) -> uuid.UUID:
    with buyer.ctx():
        payload = f.order_response(order, action, **extra)
    doc = f.supplier_sends(
        supplier=supplier.company,
        buyer=buyer.company,
        kind="order_response",
        payload=payload,
        refers_to=order.exchange_document_id,
    )
    f.deliver()
    return doc


def test_sending_writes_a_purchase_order_document_and_the_supplier_gets_a_sales_order(buyer, supplier):
    order = send(buyer, supplier, count=3)
    document = TradeDocument.objects.get(pk=order.exchange_document_id)
    assert (document.kind, document.sender_id, document.receiver_id) == (
        "purchase_order",
        buyer.company.pk,
        supplier.company.pk,
    )
    payload = document.payload
    assert payload["po_number"] == order.number and len(payload["lines"]) == 3
    assert payload["lines"][0] == {
        "line_no": 1,
        "sku": "BRG-1",
        "description": "Deep groove ball bearing 6201",
        "listing_id": None,
        "quantity": "10",
        "unit": "pcs",
        "unit_price": "12.5",
        "tax_rate": "13",
        "requested_date": None,
    }
    assert payload["total"] == str(order.total.normalize())
    assert f.deliver() == {"ingested": 1}
    from tenants.sales.models import SalesOrder

    with supplier.ctx():
        (so,) = SalesOrder.objects.all()
        assert so.source_document_id == order.exchange_document_id
    # Delivered twice: still one sales order.
    from marketplace.exchange.services import document_ingest

    assert document_ingest(document_id=order.exchange_document_id) == "duplicate"
    with supplier.ctx():
        assert SalesOrder.objects.count() == 1


def test_acceptance_acknowledges_and_keeps_promised_dates(buyer, supplier):
    order = send(buyer, supplier)
    f.deliver()
    with buyer.ctx():
        payload = f.order_response(order, "accept")
    payload["lines"][0]["promised_date"] = "2030-05-01"
    f.supplier_sends(
        supplier=supplier.company,
        buyer=buyer.company,
        kind="order_response",
        payload=payload,
        refers_to=order.exchange_document_id,
    )
    f.deliver()
    with buyer.ctx():
        order.refresh_from_db()
        assert order.status == "acknowledged" and order.supplier_order_number == "SO-TEST-1"
        assert str(order.lines.get(line_no=1).promised_date) == "2030-05-01"
        assert kinds(order)[-1] == "acknowledged"


def test_rejection_by_the_supplier_cancels_with_its_reason(buyer, supplier):
    order = send(buyer, supplier)
    f.deliver()
    respond(buyer, supplier, order, "reject", reason="Discontinued")
    with buyer.ctx():
        order.refresh_from_db()
        assert (order.status, order.cancelled_by, order.cancel_reason) == (
            "cancelled",
            "supplier",
            "Discontinued",
        )


def test_a_proposal_is_accepted_by_the_buyer_and_the_supplier_is_told(buyer, supplier):
    order = send(buyer, supplier)
    f.deliver()
    proposed = [
        {"line_no": 1, "quantity": "8", "unit_price": "12.00", "promised_date": "2030-06-01"},
        {"line_no": 2, "quantity": "10", "unit_price": "12.50", "promised_date": None},
    ]
    doc = respond(buyer, supplier, order, "propose", lines=proposed, reason="Only 8 in stock")
    with buyer.ctx():
        order.refresh_from_db()
        assert order.status == "sent"
        change = OrderChange.objects.get(order=order)
        assert (change.status, change.proposed_by, change.document_id) == ("pending", "supplier", doc)
        services.change_accept(actor=buyer.actor, order_id=order.pk, change_id=change.change_id)
        order.refresh_from_db()
        line = order.lines.get(line_no=1)
        assert (order.status, order.version) == ("acknowledged", 2)
        assert (line.quantity, line.unit_price, str(line.promised_date)) == (
            Decimal(8),
            Decimal(12),
            "2030-06-01",
        )
        assert order.total == Decimal("249.73")  # 96 + 12.48 tax + 125 + 16.25 tax
        change.refresh_from_db()
        assert change.before[0]["quantity"] == "10" and change.version == 2
        with pytest.raises(ChangeNotPending):
            services.change_accept(actor=buyer.actor, order_id=order.pk, change_id=change.change_id)
    answer = TradeDocument.objects.get(kind="change_response", refers_to_id=doc)
    assert answer.payload["accepted"] is True and answer.sender_id == buyer.company.pk


def test_a_rejected_proposal_leaves_the_order_sent(buyer, supplier):
    order = send(buyer, supplier)
    f.deliver()
    respond(
        buyer,
        supplier,
        order,
        "propose",
        lines=[{"line_no": 1, "quantity": "5", "unit_price": "20.00", "promised_date": None}],
    )
    with buyer.ctx():
        change = OrderChange.objects.get(order=order)
        with pytest.raises(ValidationFailed):
            services.change_reject(
                actor=buyer.actor, order_id=order.pk, change_id=change.change_id, reason=""
            )
        services.change_reject(
            actor=buyer.actor, order_id=order.pk, change_id=change.change_id, reason="Price too high"
        )
        order.refresh_from_db()
        assert (order.status, order.version) == ("sent", 1)
        assert kinds(order)[-2:] == ["proposal_received", "proposal_rejected"]


def test_the_buyers_change_request_applies_when_the_supplier_accepts(buyer, supplier):
    order = send(buyer, supplier)
    f.deliver()
    respond(buyer, supplier, order, "accept")
    with buyer.ctx():
        with pytest.raises(ValidationFailed):  # nothing changes
            services.change_request_create(
                actor=buyer.actor,
                order_id=order.pk,
                reason="x",
                lines=[ChangeLineInput(line_no=1, quantity=Decimal(10))],
            )
        change = services.change_request_create(
            actor=buyer.actor,
            order_id=order.pk,
            reason="Need fewer",
            lines=[ChangeLineInput(line_no=2, quantity=Decimal(4))],
        )
        from tenants.procurement.exceptions import ChangePending

        with pytest.raises(ChangePending):
            services.change_request_create(
                actor=buyer.actor,
                order_id=order.pk,
                reason="More",
                lines=[ChangeLineInput(line_no=1, quantity=Decimal(5))],
            )
    request_doc = TradeDocument.objects.get(pk=change.document_id)
    assert request_doc.payload["change_id"] == str(change.change_id) and request_doc.payload["version"] == 2
    f.deliver()  # the supplier records it (sales); now the supplier answers
    f.supplier_sends(
        supplier=supplier.company,
        buyer=buyer.company,
        kind="change_response",
        payload={
            "po_number": order.number,
            "change_id": str(change.change_id),
            "accepted": True,
            "reason": "",
        },
        refers_to=change.document_id,
    )
    f.deliver()
    with buyer.ctx():
        order.refresh_from_db()
        change.refresh_from_db()
        assert (order.status, order.version, change.status) == ("changed", 2, "accepted")
        assert order.lines.get(line_no=2).quantity == Decimal(4)
        assert kinds(order)[-2:] == ["change_requested", "changed"]


def test_spending_more_than_was_approved_needs_an_approver(buyer, supplier):
    purchaser = buyer.member("buyer")
    with buyer.ctx():
        order = f.sent(purchaser.actor, supplier=supplier.company)
    f.deliver()
    respond(buyer, supplier, order, "accept")
    with buyer.ctx():
        with pytest.raises(ChangeNeedsApproval) as caught:
            services.change_request_create(
                actor=purchaser.actor,
                order_id=order.pk,
                reason="More",
                lines=[ChangeLineInput(line_no=1, quantity=Decimal(11))],
            )
        assert caught.value.status == 403
        assert not OrderChange.objects.filter(order=order).exists()
        # Less is fine for the purchaser; more needs someone who may approve and did not request it.
        services.change_request_create(
            actor=purchaser.actor,
            order_id=order.pk,
            reason="Less",
            lines=[ChangeLineInput(line_no=1, quantity=Decimal(9))],
        )
        OrderChange.objects.filter(order=order).update(status="rejected")
        services.change_request_create(
            actor=buyer.actor,
            order_id=order.pk,
            reason="More",
            lines=[ChangeLineInput(line_no=1, quantity=Decimal(11))],
        )


def test_a_supplier_change_request_waits_for_the_buyer(buyer, supplier):
    order = send(buyer, supplier)
    f.deliver()
    respond(buyer, supplier, order, "accept")
    change_id = uuid.uuid4()
    doc = f.supplier_sends(
        supplier=supplier.company,
        buyer=buyer.company,
        kind="change_request",
        payload={
            "po_number": order.number,
            "change_id": str(change_id),
            "version": 2,
            "proposed_by": "supplier",
            "reason": "Later date",
            "lines": [{"line_no": 1, "quantity": None, "unit_price": None, "requested_date": "2030-07-01"}],
        },
        refers_to=order.exchange_document_id,
    )
    f.deliver()
    with buyer.ctx():
        change = OrderChange.objects.get(change_id=change_id)
        assert (change.status, change.document_id) == ("pending", doc)
        services.change_accept(actor=buyer.actor, order_id=order.pk, change_id=change_id)
        order.refresh_from_db()
        assert (order.status, str(order.lines.get(line_no=1).requested_date)) == ("changed", "2030-07-01")


def test_a_change_request_on_a_closed_order_is_refused_and_writes_nothing(buyer):
    with buyer.ctx():
        order = f.sent(buyer.actor)
        f.receive_all(buyer.actor, order)
        services.po_close(actor=buyer.actor, order_id=order.pk)
        before = OrderEvent.objects.filter(order=order).count()
        with pytest.raises(InvalidTransition) as caught:
            services.change_request_create(
                actor=buyer.actor,
                order_id=order.pk,
                reason="x",
                lines=[ChangeLineInput(line_no=1, quantity=Decimal(1))],
            )
        assert caught.value.code == "invalid_transition" and caught.value.extra["status_now"] == "closed"
        assert OrderEvent.objects.filter(order=order).count() == before
        assert not OrderChange.objects.filter(order=order).exists()


def test_shipments_and_receipts_both_partial_then_complete(buyer, supplier):
    from tenants.inventory.models import Item
    from tenants.inventory.selectors import stock_level

    order = send(buyer, supplier)
    f.deliver()
    respond(buyer, supplier, order, "accept")
    f.supplier_sends(
        supplier=supplier.company,
        buyer=buyer.company,
        kind="dispatch_advice",
        payload={
            "po_number": order.number,
            "so_number": "SO-TEST-1",
            "shipment_id": 1,
            "shipment_number": "SH-1",
            "carrier": "SF Express",
            "tracking_number": "SF123456",
            "shipped_at": "2030-01-02T08:00:00+00:00",
            "packages": 2,
            "lines": [{"line_no": 1, "quantity": "6"}],
        },
        refers_to=order.exchange_document_id,
    )
    f.deliver()
    with buyer.ctx():
        shipment = ExpectedShipment.objects.get(order=order)
        assert (shipment.carrier, shipment.tracking_number, shipment.packages) == (
            "SF Express",
            "SF123456",
            2,
        )
        first = services.po_receive(
            actor=buyer.actor,
            order_id=order.pk,
            shipment_id=shipment.pk,
            lines=[
                ReceiptLineInput(
                    line_no=1,
                    accepted_quantity=Decimal(5),
                    rejected_quantity=Decimal(1),
                    rejection_reason="Dented",
                )
            ],
        )
        order.refresh_from_db()
        assert order.status == "partly_received"
        item = Item.objects.get(sku="BRG-1")
        assert stock_level(item=item).on_hand == Decimal(5)
        with pytest.raises(OverReceipt) as caught:
            services.po_receive(
                actor=buyer.actor,
                order_id=order.pk,
                lines=[ReceiptLineInput(line_no=1, accepted_quantity=Decimal(6))],
            )
        assert caught.value.code == "over_receipt" and caught.value.status == 409
        assert GoodsReceipt.objects.filter(order=order).count() == 1
        f.receive_all(buyer.actor, order)
        order.refresh_from_db()
        assert order.status == "received"
        assert stock_level(item=item).on_hand == Decimal(10)
        services.po_close(actor=buyer.actor, order_id=order.pk)
        timeline = kinds(order)
    assert first.receipt_advice_document_id is not None
    advice = TradeDocument.objects.get(pk=first.receipt_advice_document_id)
    assert advice.payload["lines"] == [
        {"line_no": 1, "accepted_quantity": "5", "rejected_quantity": "1", "rejection_reason": "Dented"}
    ]
    assert timeline == [
        "created",
        "submitted",
        "approved",
        "sent",
        "acknowledged",
        "shipped",
        "received",
        "received",
        "closed",
    ]


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"accepted_quantity": Decimal(0)}, "lines.0.accepted_quantity"),
        ({"accepted_quantity": Decimal(-1)}, "lines.0.accepted_quantity"),
        ({"rejected_quantity": Decimal(1)}, "lines.0.rejection_reason"),
        ({"line_no": 99, "accepted_quantity": Decimal(1)}, "lines.0.line_no"),
    ],
)
def test_bad_receipts_are_refused_and_nothing_is_written(buyer, bad, field):
    with buyer.ctx():
        order = f.sent(buyer.actor)
        with pytest.raises(ValidationFailed) as caught:
            services.po_receive(
                actor=buyer.actor, order_id=order.pk, lines=[ReceiptLineInput(**{"line_no": 1, **bad})]
            )
        assert field in caught.value.errors
        assert not GoodsReceipt.objects.exists()
        order.refresh_from_db()
        assert order.status == "sent" and order.lines.get(line_no=1).quantity_received == 0


def test_nothing_is_received_before_sending(buyer):
    with buyer.ctx():
        order = f.approved(buyer.actor)
        with pytest.raises(InvalidTransition):
            services.po_receive(
                actor=buyer.actor,
                order_id=order.pk,
                lines=[ReceiptLineInput(line_no=1, accepted_quantity=Decimal(1))],
            )


def test_an_acceptance_arriving_after_the_buyer_cancelled_changes_nothing(buyer, supplier):
    order = send(buyer, supplier)
    f.deliver()
    with buyer.ctx():
        services.po_cancel(actor=buyer.actor, order_id=order.pk, reason="Found it cheaper")
    assert TradeDocument.objects.filter(kind="cancellation", refers_to_id=order.exchange_document_id).exists()
    respond(buyer, supplier, order, "accept")
    with buyer.ctx():
        order.refresh_from_db()
        assert order.status == "cancelled" and order.cancelled_by == "buyer"
        assert kinds(order)[-1] == "order_response_ignored"


def test_the_supplier_cancels(buyer, supplier):
    order = send(buyer, supplier)
    f.deliver()
    respond(buyer, supplier, order, "accept")
    f.supplier_sends(
        supplier=supplier.company,
        buyer=buyer.company,
        kind="cancellation",
        payload={"po_number": order.number, "reason": "Factory fire", "cancelled_by": "supplier"},
        refers_to=order.exchange_document_id,
    )
    f.deliver()
    with buyer.ctx():
        order.refresh_from_db()
        assert (order.status, order.cancelled_by, order.cancel_reason) == (
            "cancelled",
            "supplier",
            "Factory fire",
        )


def test_the_whole_journey_with_the_suppliers_sales_order(buyer, supplier):
    """Buyer sends; the supplier accepts, ships part then the rest; the buyer receives both; both
    sides' records show every step."""
    from tenants.inventory.services import default_warehouse, item_create, stock_receive
    from tenants.sales import services as sales
    from tenants.sales.models import SalesOrder
    from tenants.sales.services.shipments import ShipLine

    with supplier.ctx():
        for sku in ("BRG-1", "BRG-2"):
            item = item_create(actor=supplier.actor, sku=sku, name_zh=sku, name_en=sku, unit="pcs")
            stock_receive(
                item=item, warehouse=default_warehouse(), quantity=Decimal(100), reference="opening"
            )
    order = send(buyer, supplier)
    f.deliver()
    with supplier.ctx():
        so = SalesOrder.objects.get(source_document_id=order.exchange_document_id)
        sales.order_accept(actor=supplier.actor, order_id=so.pk)
    f.deliver()
    for quantities in ((4, 10), (6, 0)):
        with supplier.ctx():
            sales.shipment_create(
                actor=supplier.actor,
                order_id=so.pk,
                carrier="SF Express",
                tracking_number=f"SF-{quantities[0]}",
                lines=[
                    ShipLine(line_no=n, quantity=Decimal(q)) for n, q in enumerate(quantities, start=1) if q
                ],
            )
        f.deliver()
        with buyer.ctx():
            shipment = ExpectedShipment.objects.filter(order=order).order_by("-id").first()
            services.po_receive(
                actor=buyer.actor,
                order_id=order.pk,
                shipment_id=shipment.pk,
                lines=[
                    ReceiptLineInput(line_no=ln["line_no"], accepted_quantity=Decimal(ln["quantity"]))
                    for ln in shipment.lines
                ],
            )
        f.deliver()
    with buyer.ctx():
        order.refresh_from_db()
        assert order.status == "received"
        services.po_close(actor=buyer.actor, order_id=order.pk)
        assert kinds(order) == [
            "created",
            "submitted",
            "approved",
            "sent",
            "acknowledged",
            "shipped",
            "received",
            "shipped",
            "received",
            "closed",
        ]
        shipped = [
            e.data["tracking_number"]
            for e in OrderEvent.objects.filter(order=order, kind="shipped").order_by("id")
        ]
        assert shipped == ["SF-4", "SF-6"]
    assert TradeDocument.objects.filter(sender=buyer.company, kind="receipt_advice").count() == 2
