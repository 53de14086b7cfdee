"""Amendments after acceptance: versioned, either side proposes, both must accept, history kept."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from kernel.errors import ValidationFailed
from marketplace.exchange.models import TradeDocument
from tenants.sales import services
from tenants.sales.exceptions import (
    AmendmentNotPending,
    AmendmentNotYours,
    AmendmentPending,
    OrderClosed,
    OrderNotAccepted,
)
from tenants.sales.models import AmendmentStatus, LineReservation, OrderStatus, SalesOrderAmendment, WorkOrder
from tenants.sales.tests import factories as f


def accepted_order(supplier, quantity="10", stock="30"):
    f.stock(supplier.company, "SKU-1", stock)
    order = f.incoming_order(supplier.company, supplier.buyer, [f.po_line(1, quantity=quantity)])
    with supplier.ctx():
        services.order_accept(actor=supplier.actor, order_id=order.pk)
    return order


def buyer_change(supplier, order, quantity="15", unit_price=None):
    return f.send(
        supplier.buyer,
        supplier.company,
        "change_request",
        {
            "po_number": order.po_number,
            "change_id": str(uuid.uuid4()),
            "version": 1,
            "proposed_by": "buyer",
            "reason": "Demand went up",
            "lines": [{"line_no": 1, "quantity": quantity, "unit_price": unit_price, "requested_date": None}],
        },
        refers_to=order.source_document_id,
    )


def answer(supplier, order, document, accepted, reason=""):
    return f.send(
        supplier.buyer,
        supplier.company,
        "change_response",
        {
            "po_number": order.po_number,
            "change_id": document.payload["change_id"],
            "accepted": accepted,
            "reason": reason,
        },
        refers_to=document.pk,
    )


def test_a_supplier_change_waits_for_the_buyer_then_applies_with_stock_following(supplier):
    order = accepted_order(supplier, quantity="10", stock="12")
    with supplier.ctx():
        amendment = services.amendment_propose(
            actor=supplier.actor,
            order_id=order.pk,
            terms=[services.LineTerms(line_no=1, quantity=Decimal(20), unit_price=Decimal("11.90"))],
            reason="Bulk price",
        )
        assert (amendment.version, amendment.status, amendment.proposed_by) == (1, "pending", "supplier")
        assert amendment.before == [
            {
                "line_no": 1,
                "quantity": "10.0000",
                "unit_price": "12.5000",
                "date": amendment.before[0]["date"],
            }
        ]
        with pytest.raises(AmendmentPending):
            services.amendment_propose(
                actor=supplier.actor,
                order_id=order.pk,
                terms=[services.LineTerms(line_no=1, quantity=Decimal(9))],
            )
        assert order.lines.get().quantity == 10  # nothing changes before the buyer agrees
    (request,) = TradeDocument.objects.filter(sender=supplier.company, kind="change_request")
    assert request.payload["lines"] == [
        {"line_no": 1, "quantity": "20", "unit_price": "11.90", "requested_date": None}
    ]
    answer(supplier, order, request, accepted=True)
    with supplier.ctx():
        amendment.refresh_from_db()
        assert amendment.status == AmendmentStatus.ACCEPTED
        line = order.lines.get()
        assert (line.quantity, line.unit_price) == (Decimal(20), Decimal("11.90"))
        # 12 in stock: 10 were reserved, 2 more now, and 8 to make.
        assert sum(r.remaining for r in LineReservation.objects.all()) == 12
        assert WorkOrder.objects.get().quantity == 8


def test_a_buyer_change_is_answered_by_the_supplier_and_kept_in_the_history(supplier):
    order = accepted_order(supplier, quantity="10", stock="30")
    first = buyer_change(supplier, order, quantity="6")
    with supplier.ctx():
        (amendment,) = SalesOrderAmendment.objects.all()
        assert (amendment.proposed_by, amendment.status, amendment.document_id) == (
            "buyer",
            "pending",
            first.pk,
        )
        services.amendment_accept(actor=supplier.actor, order_id=order.pk, amendment_id=amendment.pk)
        with pytest.raises(AmendmentNotPending):
            services.amendment_accept(actor=supplier.actor, order_id=order.pk, amendment_id=amendment.pk)
        assert order.lines.get().quantity == 6
        assert sum(r.remaining for r in LineReservation.objects.all()) == 6
    assert f.level(supplier.company, "SKU-1").reserved == 6
    second = buyer_change(supplier, order, quantity="7", unit_price="9.99")
    with supplier.ctx():
        latest = SalesOrderAmendment.objects.get(document_id=second.pk)
        with pytest.raises(ValidationFailed):
            services.amendment_reject(
                actor=supplier.actor, order_id=order.pk, amendment_id=latest.pk, reason=""
            )
        services.amendment_reject(
            actor=supplier.actor, order_id=order.pk, amendment_id=latest.pk, reason="Price is firm"
        )
        history = list(SalesOrderAmendment.objects.order_by("version").values_list("version", "status"))
        assert history == [(1, "accepted"), (2, "rejected")]
        assert order.lines.get().unit_price == Decimal("12.50")
    responses = TradeDocument.objects.filter(sender=supplier.company, kind="change_response").order_by(
        "created_at"
    )
    assert [(r.refers_to_id, r.payload["accepted"], r.payload["reason"]) for r in responses] == [
        (first.pk, True, ""),
        (second.pk, False, "Price is firm"),
    ]


def test_the_supplier_cannot_answer_its_own_proposal(supplier):
    order = accepted_order(supplier)
    with supplier.ctx():
        amendment = services.amendment_propose(
            actor=supplier.actor,
            order_id=order.pk,
            terms=[services.LineTerms(line_no=1, quantity=Decimal(9))],
        )
        with pytest.raises(AmendmentNotYours):
            services.amendment_accept(actor=supplier.actor, order_id=order.pk, amendment_id=amendment.pk)


def test_a_change_proposal_on_a_closed_order_is_refused_and_nothing_written(supplier):
    order = accepted_order(supplier, quantity="10", stock="10")
    with supplier.ctx():
        services.shipment_create(
            actor=supplier.actor, order_id=order.pk, carrier="SF", lines=[services.ShipLine(1, Decimal(10))]
        )
        with pytest.raises(OrderClosed) as refused:
            services.amendment_propose(
                actor=supplier.actor,
                order_id=order.pk,
                terms=[services.LineTerms(line_no=1, quantity=Decimal(12))],
            )
        assert refused.value.code == "order_closed"
        assert SalesOrderAmendment.objects.count() == 0
    assert not TradeDocument.objects.filter(sender=supplier.company, kind="change_request").exists()
    # A change the buyer asks for on the closed order is answered "rejected" at once.
    document = buyer_change(supplier, order, quantity="12")
    with supplier.ctx():
        amendment = SalesOrderAmendment.objects.get()
        assert (amendment.status, amendment.response_reason) == ("rejected", "The order is shipped.")
    (response,) = TradeDocument.objects.filter(sender=supplier.company, kind="change_response")
    assert (response.refers_to_id, response.payload["accepted"]) == (document.pk, False)


def test_a_change_before_acceptance_goes_through_the_proposal_instead(supplier):
    order = f.incoming_order(supplier.company, supplier.buyer)
    with supplier.ctx(), pytest.raises(OrderNotAccepted):
        services.amendment_propose(
            actor=supplier.actor,
            order_id=order.pk,
            terms=[services.LineTerms(line_no=1, quantity=Decimal(2))],
        )


def test_a_quantity_below_what_is_shipped_is_refused(supplier):
    order = accepted_order(supplier, quantity="10", stock="10")
    with supplier.ctx():
        services.shipment_create(
            actor=supplier.actor, order_id=order.pk, carrier="SF", lines=[services.ShipLine(1, Decimal(6))]
        )
        with pytest.raises(ValidationFailed) as refused:
            services.amendment_propose(
                actor=supplier.actor,
                order_id=order.pk,
                terms=[services.LineTerms(line_no=1, quantity=Decimal(5))],
            )
        assert refused.value.errors == {"lines.0.quantity": ["6.0000 pcs are already shipped."]}
        # Down to exactly what is shipped: the order is then fully shipped.
        services.amendment_propose(
            actor=supplier.actor,
            order_id=order.pk,
            terms=[services.LineTerms(line_no=1, quantity=Decimal(6))],
        )
    (request,) = TradeDocument.objects.filter(sender=supplier.company, kind="change_request")
    answer(supplier, order, request, accepted=True)
    with supplier.ctx():
        order.refresh_from_db()
        assert order.status == OrderStatus.SHIPPED
    level = f.level(supplier.company, "SKU-1")
    assert (level.on_hand, level.reserved) == (4, 0)


def test_a_manual_orders_change_applies_at_once(supplier):
    order = f.manual_order(supplier.actor)
    f.stock(supplier.company, "SKU-1", "20")
    with supplier.ctx():
        services.order_accept(actor=supplier.actor, order_id=order.pk)
        amendment = services.amendment_propose(
            actor=supplier.actor,
            order_id=order.pk,
            terms=[services.LineTerms(line_no=1, quantity=Decimal(4))],
        )
        assert amendment.status == AmendmentStatus.ACCEPTED
        assert order.lines.get().quantity == 4
    assert f.level(supplier.company, "SKU-1").reserved == 4
