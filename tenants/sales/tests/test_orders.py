"""Sales orders from purchase orders: ingestion, acceptance with stock, rejection, proposals, cancellation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kernel.errors import ValidationFailed
from kernel.tenancy import company_context
from marketplace.exchange.models import TradeDocument
from marketplace.exchange.services import document_ingest
from tenants.sales import selectors, services
from tenants.sales.exceptions import NotFromHansa, OrderNotAwaitingAcceptance, OrderNotCancellable
from tenants.sales.models import (
    AmendmentStatus,
    BackOrder,
    Customer,
    CustomerContact,
    LineReservation,
    OrderStatus,
    SalesOrder,
    SalesOrderAmendment,
    ShortfallChoice,
    WorkOrder,
)
from tenants.sales.tests import factories as f


def sent(supplier, kind: str) -> list[TradeDocument]:
    return list(TradeDocument.objects.filter(sender=supplier.company, kind=kind).order_by("created_at"))


def test_purchase_order_becomes_a_sales_order_awaiting_acceptance(supplier):
    order = f.incoming_order(
        supplier.company,
        supplier.buyer,
        [f.po_line(1, quantity="100", unit_price="12.50"), f.po_line(2, sku="6206", quantity="5.5")],
        po_number="PO-2026-0001",
    )
    with supplier.ctx():
        order = SalesOrder.objects.get(pk=order.pk)
        assert order.status == OrderStatus.AWAITING_ACCEPTANCE
        assert order.number.startswith("SO-")
        assert (order.po_number, order.currency, order.buyer_company_id) == (
            "PO-2026-0001",
            "CNY",
            supplier.buyer.pk,
        )
        lines = list(order.lines.all())
        assert [(x.line_no, x.sku, x.quantity, x.unit_price, x.tax_rate) for x in lines] == [
            (1, "SKU-1", Decimal("100"), Decimal("12.50"), Decimal("13")),
            (2, "6206", Decimal("5.5"), Decimal("12.50"), Decimal("13")),
        ]
        assert lines[0].ordered_quantity == Decimal(100)
        customer = order.customer
        assert (customer.name, customer.hansa_company_id, customer.payment_terms) == (
            "Huaxia Machinery",
            supplier.buyer.pk,
            "30 days net",
        )
        assert list(CustomerContact.objects.filter(customer=customer).values_list("name", "email")) == [
            ("Li Caigou", "buyer@huaxia.test")
        ]
        amounts = selectors.order_amounts(order)
        assert (amounts.net, amounts.tax) == (Decimal("1318.75"), Decimal("171.44"))


def test_the_same_purchase_order_twice_gives_one_sales_order(supplier):
    document = f.send(supplier.buyer, supplier.company, "purchase_order", f.po_payload())
    assert document_ingest(document_id=document.pk) == "duplicate"
    with supplier.ctx():
        assert SalesOrder.objects.filter(source_document_id=document.pk).count() == 1
        # Even the handler run again directly (a redelivery past the inbox) makes no second order.
        from marketplace.exchange.handlers import handler_for
        from marketplace.exchange.services import _incoming

        handler = handler_for("purchase_order")
        assert handler is not None
        handler(_incoming(document))
        assert SalesOrder.objects.count() == 1
        assert Customer.objects.count() == 1


def test_a_second_order_of_the_buyer_uses_its_account(supplier):
    first = f.incoming_order(supplier.company, supplier.buyer)
    second = f.incoming_order(supplier.company, supplier.buyer)
    with supplier.ctx():
        assert first.customer_id == second.customer_id
        assert Customer.objects.count() == 1
        assert first.number != second.number


def test_accept_reserves_stock_and_tells_the_buyer(supplier):
    f.stock(supplier.company, "SKU-1", "50")
    order = f.incoming_order(supplier.company, supplier.buyer, [f.po_line(1, quantity="20")])
    with supplier.ctx():
        services.order_accept(actor=supplier.actor, order_id=order.pk)
        order.refresh_from_db()
        assert order.status == OrderStatus.ACCEPTED and order.accepted_at is not None
        assert WorkOrder.objects.count() == 0
        assert list(LineReservation.objects.values_list("quantity", flat=True)) == [Decimal(20)]
    level = f.level(supplier.company, "SKU-1")
    assert (level.on_hand, level.reserved, level.available) == (50, 20, 30)
    (response,) = sent(supplier, "order_response")
    assert response.receiver_id == supplier.buyer.pk
    assert response.refers_to_id == order.source_document_id
    assert response.payload["action"] == "accept"
    assert response.payload["lines"][0]["quantity"] == "20.0000"


def test_the_stock_check_counts_what_acceptance_can_reserve_and_nothing_more(supplier):
    """Stock in a second warehouse is not reserved at acceptance (reservations come from the default
    warehouse, where shipments issue from), so the stock check must not count it either: a line that
    shows no shortfall must never become a work order."""
    from tenants.inventory import services as inventory

    f.stock(supplier.company, "SKU-1", "4")  # default warehouse
    with supplier.ctx():
        inventory.default_warehouse()
        north = inventory.warehouse_create(actor=None, code="NORTH", name="North")
        item = inventory.item_get_or_create_for_line(sku="SKU-1", name="SKU-1", unit="pcs")
        inventory.stock_receive(item=item, warehouse=north, quantity=Decimal(20), reference="test")
    order = f.incoming_order(supplier.company, supplier.buyer, [f.po_line(1, quantity="10")])
    with supplier.ctx():
        (row,) = selectors.stock_check(order_id=order.pk)
        services.order_accept(actor=supplier.actor, order_id=order.pk)
        work_orders = list(WorkOrder.objects.values_list("quantity", flat=True))
        (after,) = selectors.stock_check(order_id=order.pk)
    assert (row.available, row.shortfall) == (Decimal(4), Decimal(6))
    assert work_orders == [row.shortfall]
    assert (after.reserved, after.in_production, after.available) == (Decimal(4), Decimal(6), Decimal(0))


def test_a_shortfall_becomes_a_work_order_or_a_back_order_per_line(supplier):
    f.stock(supplier.company, "SKU-1", "4")
    order = f.incoming_order(
        supplier.company,
        supplier.buyer,
        [f.po_line(1, quantity="10"), f.po_line(2, sku="SKU-2", quantity="3")],
    )
    with supplier.ctx():
        services.order_accept(
            actor=supplier.actor,
            order_id=order.pk,
            shortfalls={2: services.Shortfall(choice=ShortfallChoice.BACK_ORDER)},
        )
        (work_order,) = WorkOrder.objects.all()
        assert (work_order.line.line_no, work_order.quantity, work_order.status) == (1, Decimal(6), "open")
        assert work_order.due_date == order.requested_date
        (back_order,) = BackOrder.objects.all()
        assert (back_order.line.line_no, back_order.quantity) == (2, Decimal(3))
        detail = selectors.sales_order_detail(order_id=order.pk)
        assert [(v.reserved, v.in_production, v.back_ordered) for v in detail.lines] == [
            (Decimal(4), Decimal(6), 0),
            (0, 0, Decimal(3)),
        ]


def test_accept_refuses_an_unknown_line_and_writes_nothing(supplier):
    order = f.incoming_order(supplier.company, supplier.buyer)
    with supplier.ctx(), pytest.raises(ValidationFailed):
        services.order_accept(actor=supplier.actor, order_id=order.pk, shortfalls={9: services.Shortfall()})
    with supplier.ctx():
        order.refresh_from_db()
        assert order.status == OrderStatus.AWAITING_ACCEPTANCE
        assert WorkOrder.objects.count() == 0
    assert sent(supplier, "order_response") == []


def test_reject_needs_a_reason_and_tells_the_buyer(supplier):
    order = f.incoming_order(supplier.company, supplier.buyer)
    with supplier.ctx():
        with pytest.raises(ValidationFailed) as refused:
            services.order_reject(actor=supplier.actor, order_id=order.pk, reason="  ")
        assert refused.value.errors == {"reason": ["Say why the order is rejected."]}
        services.order_reject(actor=supplier.actor, order_id=order.pk, reason="Discontinued item")
        order.refresh_from_db()
        assert (order.status, order.reject_reason) == (OrderStatus.REJECTED, "Discontinued item")
        with pytest.raises(OrderNotAwaitingAcceptance):
            services.order_accept(actor=supplier.actor, order_id=order.pk)
    (response,) = sent(supplier, "order_response")
    assert (response.payload["action"], response.payload["reason"], response.payload["lines"]) == (
        "reject",
        "Discontinued item",
        [],
    )


def propose(supplier, order, **line):
    return services.order_propose(
        actor=supplier.actor,
        order_id=order.pk,
        terms=[services.LineTerms(line_no=1, **line)],
        reason="Price went up",
    )


def test_proposed_changes_accepted_by_the_buyer_become_the_accepted_terms(supplier):
    f.stock(supplier.company, "SKU-1", "100")
    order = f.incoming_order(supplier.company, supplier.buyer, [f.po_line(1), f.po_line(2, sku="SKU-2")])
    with supplier.ctx():
        amendment = propose(supplier, order, quantity=Decimal(8), unit_price=Decimal("13.20"))
        order.refresh_from_db()
        assert order.status == OrderStatus.CHANGES_PROPOSED
    (proposal,) = sent(supplier, "order_response")
    assert proposal.payload["action"] == "propose"
    assert [(x["line_no"], x["quantity"], x["unit_price"]) for x in proposal.payload["lines"]] == [
        (1, "8", "13.20"),
        (2, "10.0000", "12.5000"),
    ]
    f.send(
        supplier.buyer,
        supplier.company,
        "change_response",
        {"po_number": order.po_number, "change_id": None, "accepted": True, "reason": ""},
        refers_to=proposal.pk,
    )
    with supplier.ctx():
        order.refresh_from_db()
        amendment.refresh_from_db()
        assert order.status == OrderStatus.ACCEPTED
        assert amendment.status == AmendmentStatus.ACCEPTED
        line = order.lines.get(line_no=1)
        assert (line.quantity, line.unit_price, line.ordered_quantity) == (
            Decimal(8),
            Decimal("13.20"),
            Decimal(10),
        )
        assert LineReservation.objects.filter(line=line).get().quantity == Decimal(8)


def test_proposed_changes_rejected_by_the_buyer_return_the_order_to_awaiting(supplier):
    order = f.incoming_order(supplier.company, supplier.buyer)
    with supplier.ctx():
        amendment = propose(supplier, order, quantity=Decimal(8))
    (proposal,) = sent(supplier, "order_response")
    f.send(
        supplier.buyer,
        supplier.company,
        "change_response",
        {"po_number": order.po_number, "change_id": None, "accepted": False, "reason": "We need all 10"},
        refers_to=proposal.pk,
    )
    with supplier.ctx():
        order.refresh_from_db()
        amendment.refresh_from_db()
        assert order.status == OrderStatus.AWAITING_ACCEPTANCE
        assert (amendment.status, amendment.response_reason) == (AmendmentStatus.REJECTED, "We need all 10")
        assert order.lines.get().quantity == Decimal(10)
        # It can be accepted as ordered now.
        services.order_accept(actor=supplier.actor, order_id=order.pk)


def test_a_proposal_checks_lines_quantities_and_the_currencys_decimals(supplier):
    order = f.incoming_order(supplier.company, supplier.buyer)
    with supplier.ctx():
        for terms, field in (
            ([services.LineTerms(line_no=1, unit_price=Decimal("12.345"))], "lines.0.unit_price"),
            ([services.LineTerms(line_no=1, quantity=Decimal(0))], "lines.0.quantity"),
            ([services.LineTerms(line_no=1, quantity=Decimal(-2))], "lines.0.quantity"),
            ([services.LineTerms(line_no=7, quantity=Decimal(2))], "lines.0.line_no"),
            ([services.LineTerms(line_no=1)], "lines.0"),
            ([], "lines"),
        ):
            with pytest.raises(ValidationFailed) as refused:
                services.order_propose(actor=supplier.actor, order_id=order.pk, terms=terms)
            assert field in refused.value.errors, (terms, refused.value.errors)
        order.refresh_from_db()
        assert order.status == OrderStatus.AWAITING_ACCEPTANCE
        assert SalesOrderAmendment.objects.count() == 0
    assert sent(supplier, "order_response") == []


def test_yen_prices_allow_no_decimals(supplier):
    order = f.incoming_order(
        supplier.company, supplier.buyer, [f.po_line(1, unit_price="1200")], currency="JPY"
    )
    with supplier.ctx():
        with pytest.raises(ValidationFailed) as refused:
            propose(supplier, order, unit_price=Decimal("1199.5"))
        assert refused.value.errors == {"lines.0.unit_price": ["JPY allows 0 decimal place(s)."]}
        propose(supplier, order, unit_price=Decimal("1150"))


def test_an_order_entered_by_hand_cannot_be_proposed_to_a_buyer(supplier):
    order = f.manual_order(supplier.actor)
    with supplier.ctx(), pytest.raises(NotFromHansa):
        propose(supplier, order, quantity=Decimal(2))


def test_a_buyers_cancellation_before_shipping_cancels_and_releases_stock(supplier):
    f.stock(supplier.company, "SKU-1", "6")
    order = f.incoming_order(supplier.company, supplier.buyer)
    with supplier.ctx():
        services.order_accept(actor=supplier.actor, order_id=order.pk)
    assert f.level(supplier.company, "SKU-1").reserved == 6
    f.send(
        supplier.buyer,
        supplier.company,
        "cancellation",
        {"po_number": order.po_number, "reason": "Project stopped", "cancelled_by": "buyer"},
        refers_to=order.source_document_id,
    )
    with supplier.ctx():
        order.refresh_from_db()
        assert (order.status, order.cancelled_by, order.cancel_reason) == (
            "cancelled",
            "buyer",
            "Project stopped",
        )
        assert WorkOrder.objects.get().status == "cancelled"
    level = f.level(supplier.company, "SKU-1")
    assert (level.on_hand, level.reserved) == (6, 0)


def test_the_supplier_cancels_with_a_reason_and_the_buyer_is_told(supplier):
    order = f.incoming_order(supplier.company, supplier.buyer)
    with supplier.ctx():
        services.order_cancel(actor=supplier.actor, order_id=order.pk, reason="Plant shutdown")
        with pytest.raises(OrderNotCancellable):
            services.order_cancel(actor=supplier.actor, order_id=order.pk, reason="again")
    (cancellation,) = sent(supplier, "cancellation")
    assert cancellation.payload == {
        "po_number": order.po_number,
        "reason": "Plant shutdown",
        "cancelled_by": "supplier",
    }


def test_manual_orders_check_quantities_and_prices_and_send_nothing(supplier):
    customer = f.customer(supplier.actor)
    bad = [
        services.ManualLine(sku="A", quantity=Decimal(0), unit="pcs", unit_price=Decimal(1)),
        services.ManualLine(sku="B", quantity=Decimal(-1), unit="pcs", unit_price=Decimal(1)),
        services.ManualLine(sku="C", quantity=Decimal(1), unit="pcs", unit_price=Decimal("1.005")),
        services.ManualLine(sku="", quantity=Decimal(1), unit="pcs", unit_price=Decimal(1)),
    ]
    with supplier.ctx():
        with pytest.raises(ValidationFailed) as refused:
            services.manual_order_create(
                actor=supplier.actor, customer_id=customer.pk, currency="CNY", lines=bad
            )
        assert sorted(refused.value.errors) == [
            "lines.0.quantity",
            "lines.1.quantity",
            "lines.2.unit_price",
            "lines.3.sku",
        ]
        assert SalesOrder.objects.count() == 0
    order = f.manual_order(supplier.actor, customer_id=customer.pk)
    with supplier.ctx():
        services.order_accept(actor=supplier.actor, order_id=order.pk)
        assert SalesOrder.objects.get().status == OrderStatus.ACCEPTED
    assert TradeDocument.objects.filter(sender=supplier.company).count() == 0


def test_a_manual_order_is_edited_only_while_it_awaits_acceptance(supplier):
    order = f.manual_order(supplier.actor)
    with supplier.ctx():
        services.manual_order_update(
            actor=supplier.actor,
            order_id=order.pk,
            notes="Deliver to gate 2",
            lines=[services.ManualLine(sku="X-1", quantity=Decimal(3), unit="pcs", unit_price=Decimal(5))],
        )
        order.refresh_from_db()
        assert order.notes == "Deliver to gate 2"
        assert list(order.lines.values_list("line_no", "sku")) == [(1, "X-1")]
        services.order_accept(actor=supplier.actor, order_id=order.pk)
        with pytest.raises(OrderNotAwaitingAcceptance):
            services.manual_order_update(actor=supplier.actor, order_id=order.pk, notes="late")


def test_a_change_request_that_arrives_before_its_order_waits_and_applies_after(supplier):
    from marketplace.exchange.services import document_send

    po = document_send(
        sender=supplier.buyer, receiver=supplier.company, kind="purchase_order", payload=f.po_payload()
    )
    change = document_send(
        sender=supplier.buyer,
        receiver=supplier.company,
        kind="change_request",
        payload={
            "po_number": po.payload["po_number"],
            "change_id": "6f1c4a52-8f0e-4c38-9d43-7a3c1d2e9b10",
            "version": 1,
            "proposed_by": "buyer",
            "reason": "Need more",
            "lines": [{"line_no": 1, "quantity": "15", "unit_price": None, "requested_date": None}],
        },
        refers_to=po.pk,
    )
    assert document_ingest(document_id=change.pk) == "waiting"
    assert document_ingest(document_id=po.pk) == "ingested"
    with company_context(supplier.company):
        order = SalesOrder.objects.get(source_document_id=po.pk)
        (amendment,) = order.amendments.all()
        assert (amendment.proposed_by, amendment.status, amendment.lines[0]["quantity"]) == (
            "buyer",
            "pending",
            "15",
        )


def test_ingesting_a_purchase_order_takes_the_same_queries_for_1_or_10_lines(supplier):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    f.incoming_order(supplier.company, supplier.buyer)  # the buyer's account exists from now on
    counts = []
    for size in (1, 10, 30):
        document_payload = f.po_payload([f.po_line(n) for n in range(1, size + 1)])
        from marketplace.exchange.services import document_send

        document = document_send(
            sender=supplier.buyer, receiver=supplier.company, kind="purchase_order", payload=document_payload
        )
        with CaptureQueriesContext(connection) as queries:
            assert document_ingest(document_id=document.pk) == "ingested"
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts
