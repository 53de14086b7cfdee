"""Rejected goods settle: the buyer chooses replacement, return or short-close per rejected line, the
supplier accepts (or declines) through the exchange, and afterwards both orders and both timelines agree.

Both sides run their real services (procurement for the buyer, sales for the supplier) and every trade
document is ingested as a worker would (``deliver``)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kernel.errors import ValidationFailed
from marketplace.exchange.models import TradeDocument
from tenants.procurement import services
from tenants.procurement.exceptions import InvalidTransition, NothingToSettle
from tenants.procurement.models import OrderEvent, PurchaseOrder, RejectionSettlement
from tenants.procurement.services import ReceiptLineInput, SettlementLineInput
from tenants.procurement.tests import factories as f

pytestmark = pytest.mark.django_db


def po_kinds(buyer, order) -> list[str]:
    with buyer.ctx():
        return list(
            OrderEvent.objects.filter(order=order).order_by("at", "id").values_list("kind", flat=True)
        )


def so_kinds(supplier, so_id) -> list[str]:
    from tenants.sales import selectors

    with supplier.ctx():
        return [e.kind for e in selectors.sales_order_timeline(order_id=so_id)]


def rejected_on_receipt(buyer, supplier, *, quantity="10", rejected="2", lines=1):
    """A purchase order accepted and fully shipped by the supplier; the buyer accepted all but
    ``rejected`` units of line 1 (other lines in full). Returns (order, sales order id)."""
    from tenants.inventory import services as inventory
    from tenants.sales import services as sales
    from tenants.sales.models import SalesOrder

    with buyer.ctx():
        order = f.sent(buyer.actor, supplier=supplier.company, count=lines, quantity=quantity)
    f.deliver()
    with supplier.ctx():
        so = SalesOrder.objects.get(source_document_id=order.exchange_document_id)
        for line in so.lines.all():
            item = inventory.item_get_or_create_for_line(sku=line.sku, name=line.sku, unit="pcs")
            inventory.stock_receive(
                item=item, warehouse=inventory.default_warehouse(), quantity=Decimal(100), reference="opening"
            )
        sales.order_accept(actor=supplier.actor, order_id=so.pk)
        sales.shipment_create(
            actor=supplier.actor,
            order_id=so.pk,
            carrier="SF Express",
            tracking_number="SF1",
            lines=[sales.ShipLine(line_no=ln.line_no, quantity=ln.quantity) for ln in so.lines.all()],
        )
    f.deliver()
    with buyer.ctx():
        receipt_lines = [
            ReceiptLineInput(
                line_no=1,
                accepted_quantity=Decimal(quantity) - Decimal(rejected),
                rejected_quantity=Decimal(rejected),
                rejection_reason="Dented",
            )
        ] + [ReceiptLineInput(line_no=n, accepted_quantity=Decimal(quantity)) for n in range(2, lines + 1)]
        services.po_receive(actor=buyer.actor, order_id=order.pk, lines=receipt_lines)
    f.deliver()
    return order, so.pk


def states(buyer, supplier, order, so_id) -> tuple[str, str]:
    from tenants.sales.models import SalesOrder

    with buyer.ctx():
        po_status = PurchaseOrder.objects.get(pk=order.pk).status
    with supplier.ctx():
        so_status = SalesOrder.objects.get(pk=so_id).status
    return po_status, so_status


def choose(buyer, order, resolution, quantity=None, line_no=1, reason="Dented in transit"):
    with buyer.ctx():
        return services.settlement_create(
            actor=buyer.actor,
            order_id=order.pk,
            resolution=resolution,
            lines=[SettlementLineInput(line_no=line_no, quantity=quantity)],
            reason=reason,
        )


def supplier_answers(supplier, so_id, *, accept=True, reason=""):
    from tenants.sales import services as sales
    from tenants.sales.models import RejectionSettlement as SupplierSettlement

    with supplier.ctx():
        settlement = SupplierSettlement.objects.get(order_id=so_id, status="pending")
        if accept:
            sales.settlement_accept(actor=supplier.actor, order_id=so_id, settlement_id=settlement.pk)
        else:
            sales.settlement_decline(
                actor=supplier.actor, order_id=so_id, settlement_id=settlement.pk, reason=reason
            )
    f.deliver()
    return settlement


def test_before_settling_the_supplier_does_not_complete_what_the_buyer_still_holds_open(buyer, supplier):
    order, so_id = rejected_on_receipt(buyer, supplier)
    assert states(buyer, supplier, order, so_id) == ("partly_received", "shipped")


def test_a_replacement_reopens_the_sales_order_ships_again_and_both_complete(buyer, supplier):
    from tenants.sales import services as sales
    from tenants.sales.models import SalesOrder

    order, so_id = rejected_on_receipt(buyer, supplier)
    settlement = choose(buyer, order, "replacement")
    assert settlement.status == "pending" and settlement.return_number == ""
    document = TradeDocument.objects.get(pk=settlement.document_id)
    assert (document.kind, document.refers_to_id) == ("rejection_settlement", order.exchange_document_id)
    assert document.payload["lines"] == [{"line_no": 1, "quantity": "2"}]
    f.deliver()
    supplier_answers(supplier, so_id)
    assert states(buyer, supplier, order, so_id) == ("partly_received", "partly_shipped")
    with supplier.ctx():
        line = SalesOrder.objects.get(pk=so_id).lines.get()
        assert (line.replacement_quantity, line.settled_quantity, line.open_quantity) == (2, 2, 2)
        sales.shipment_create(
            actor=supplier.actor,
            order_id=so_id,
            carrier="SF Express",
            tracking_number="SF2",
            lines=[sales.ShipLine(line_no=1, quantity=Decimal(2))],
        )
    f.deliver()
    with buyer.ctx():
        f.receive_all(buyer.actor, PurchaseOrder.objects.get(pk=order.pk))
        assert RejectionSettlement.objects.get(pk=settlement.pk).status == "accepted"
    f.deliver()
    assert states(buyer, supplier, order, so_id) == ("received", "completed")
    assert po_kinds(buyer, order)[-5:] == [
        "received",
        "settlement_requested",
        "settlement_accepted",
        "shipped",
        "received",
    ]
    assert so_kinds(supplier, so_id)[-6:] == [
        "received",
        "settlement_requested",
        "settlement_accepted",
        "shipped",
        "received",
        "closed",
    ]


@pytest.mark.parametrize("resolution", ["return", "short_close"])
def test_a_return_or_short_close_closes_the_quantity_on_both_sides(buyer, supplier, resolution):
    from tenants.sales.models import RejectionSettlement as SupplierSettlement
    from tenants.sales.models import SalesOrder

    order, so_id = rejected_on_receipt(buyer, supplier)
    settlement = choose(buyer, order, resolution)
    f.deliver()
    with supplier.ctx():
        seen = SupplierSettlement.objects.get(order_id=so_id)
        assert (seen.resolution, seen.return_number, seen.status) == (
            resolution,
            settlement.return_number,
            "pending",
        )
    if resolution == "return":
        assert settlement.return_number.startswith("RTN-")
    supplier_answers(supplier, so_id)
    assert states(buyer, supplier, order, so_id) == ("closed", "completed")
    with buyer.ctx():
        closed = PurchaseOrder.objects.get(pk=order.pk)
        line = closed.lines.get()
        assert (line.quantity_received, line.quantity_closed, line.quantity_settled) == (8, 2, 2)
        assert ("returned" if resolution == "return" else "short-closed") in closed.close_reason
    with supplier.ctx():
        so_line = SalesOrder.objects.get(pk=so_id).lines.get()
        assert (so_line.replacement_quantity, so_line.settled_quantity) == (0, 2)
    assert po_kinds(buyer, order)[-3:] == ["settlement_requested", "settlement_accepted", "closed"]
    assert so_kinds(supplier, so_id)[-3:] == ["settlement_requested", "settlement_accepted", "closed"]


def test_a_declined_settlement_gives_the_quantity_back_to_choose_again(buyer, supplier):
    order, so_id = rejected_on_receipt(buyer, supplier)
    choose(buyer, order, "short_close")
    f.deliver()
    supplier_answers(supplier, so_id, accept=False, reason="We ship a replacement instead")
    with buyer.ctx():
        (declined,) = RejectionSettlement.objects.filter(order=order)
        assert (declined.status, declined.response_reason) == ("declined", "We ship a replacement instead")
        assert PurchaseOrder.objects.get(pk=order.pk).lines.get().quantity_settled == 0
    assert states(buyer, supplier, order, so_id) == ("partly_received", "shipped")
    again = choose(buyer, order, "replacement")
    assert again.status == "pending"


def test_bad_choices_are_refused_and_write_nothing(buyer, supplier):
    order, _ = rejected_on_receipt(buyer, supplier, lines=2)
    documents_before = TradeDocument.objects.count()
    with buyer.ctx():
        # A line without rejected goods.
        with pytest.raises(NothingToSettle) as caught:
            services.settlement_create(
                actor=buyer.actor,
                order_id=order.pk,
                resolution="return",
                lines=[SettlementLineInput(line_no=2)],
            )
        assert (caught.value.code, caught.value.status, caught.value.extra["line_no"]) == (
            "nothing_to_settle",
            409,
            2,
        )
        # More than was rejected; an unknown resolution, line or quantity.
        with pytest.raises(NothingToSettle):
            services.settlement_create(
                actor=buyer.actor,
                order_id=order.pk,
                resolution="return",
                lines=[SettlementLineInput(line_no=1, quantity=Decimal(3))],
            )
        with pytest.raises(ValidationFailed) as invalid:
            services.settlement_create(
                actor=buyer.actor,
                order_id=order.pk,
                resolution="refund",
                lines=[SettlementLineInput(line_no=9, quantity=Decimal(0))],
            )
        assert set(invalid.value.errors) == {"resolution", "lines.0.line_no", "lines.0.quantity"}
        assert not RejectionSettlement.objects.exists()
    assert TradeDocument.objects.count() == documents_before
    # Twice: the second choice finds nothing left.
    choose(buyer, order, "replacement")
    with pytest.raises(NothingToSettle):
        choose(buyer, order, "return")
    with buyer.ctx():
        assert RejectionSettlement.objects.count() == 1


def test_only_the_orders_own_parties_settle_through_the_exchange(buyer, supplier, make_party):
    """Wrong side: a third company's settlement response changes nothing on the buyer's order, and the
    supplier answers a settlement only once."""
    from tenants.sales import services as sales
    from tenants.sales.exceptions import SettlementNotPending
    from tenants.sales.models import RejectionSettlement as SupplierSettlement

    order, so_id = rejected_on_receipt(buyer, supplier)
    settlement = choose(buyer, order, "return")
    f.deliver()
    stranger = make_party("Somebody Else Ltd")
    # The stranger has no link to the settlement document: the exchange refuses the envelope.
    with pytest.raises(ValidationFailed) as refused:
        f.supplier_sends(
            supplier=stranger.company,
            buyer=buyer.company,
            kind="settlement_response",
            payload={
                "po_number": order.number,
                "settlement_id": str(settlement.settlement_id),
                "accepted": True,
            },
            refers_to=settlement.document_id,
        )
    assert "refers_to" in refused.value.errors
    with buyer.ctx():
        assert RejectionSettlement.objects.get(pk=settlement.pk).status == "pending"
    supplier_answers(supplier, so_id)
    with supplier.ctx():
        answered = SupplierSettlement.objects.get(order_id=so_id)
        with pytest.raises(SettlementNotPending) as twice:
            sales.settlement_accept(actor=supplier.actor, order_id=so_id, settlement_id=answered.pk)
        assert (twice.value.code, twice.value.status) == ("settlement_not_pending", 409)
    # A settlement on an order that is not partly received is a 409 as well.
    with buyer.ctx(), pytest.raises(InvalidTransition):
        choose(buyer, order, "return")


def test_a_settlement_document_is_ingested_once(buyer, supplier):
    from marketplace.exchange.services import document_ingest
    from tenants.sales.models import RejectionSettlement as SupplierSettlement

    order, so_id = rejected_on_receipt(buyer, supplier)
    settlement = choose(buyer, order, "replacement")
    f.deliver()
    assert document_ingest(document_id=settlement.document_id) == "duplicate"
    with supplier.ctx():
        assert SupplierSettlement.objects.filter(order_id=so_id).count() == 1


def test_a_settlement_payload_is_validated_by_the_exchange(buyer, supplier):
    from marketplace.exchange.services import document_send

    order, _ = rejected_on_receipt(buyer, supplier)
    with pytest.raises(ValidationFailed) as caught:
        document_send(
            sender=buyer.company,
            receiver=supplier.company,
            kind="rejection_settlement",
            payload={
                "po_number": order.number,
                "settlement_id": "not-a-uuid",
                "resolution": "return",
                "lines": [{"line_no": 1, "quantity": "-1"}],
            },
            refers_to=order.exchange_document_id,
        )
    assert {"payload.settlement_id", "payload.lines.0.quantity"} <= set(caught.value.errors)
