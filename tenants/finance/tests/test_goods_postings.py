"""Postings of goods movements: receipt (inventory / GRNI), shipment (COGS at the moving average),
stock adjustments (loss and gain), transfers (no posting, value moves), posted once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kernel.tenancy import company_context
from tenants.finance.models import CostMovement, JournalEntry, PostingEvent
from tenants.finance.services.posting import event_post
from tenants.finance.tests.cost_factories import buy, item_cost, lines_of, sell, ship
from tenants.finance.tests.factories import actor_for, run_postings

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def company(make_company):
    return make_company(plan="business")


def test_goods_receipt_posts_inventory_against_grni_at_the_order_price(company):
    with company_context(company.company):
        actor = actor_for(company)
        receipt = buy(actor, "BRG-1", "10", "12.50")
        assert run_postings() == 1
        assert lines_of("goods_receipt", receipt.pk) == [
            ("inventory", D("125.00"), D("0")),
            ("grni", D("0"), D("125.00")),
        ]
        cost = item_cost("BRG-1")
        assert (cost.quantity, cost.value, cost.average) == (D("10"), D("125.00"), D("12.5"))


def test_receipt_in_a_foreign_currency_is_valued_at_the_order_rate_and_keeps_the_currency_on_grni(company):
    with company_context(company.company):
        receipt = buy(actor_for(company), "BRG-1", "10", "2.00", currency="USD", rate="7.1")
        run_postings()
        entry = JournalEntry.objects.get(source_kind="goods_receipt", source_id=str(receipt.pk))
        lines = {line.account.role: line for line in entry.lines.select_related("account")}
        assert (lines["inventory"].debit, lines["inventory"].currency) == (D("142.00"), "CNY")
        grni = lines["grni"]
        assert (grni.credit, grni.currency, grni.amount_currency, grni.rate) == (
            D("142.00"),
            "USD",
            D("-20.00"),
            D("7.1"),
        )
        assert item_cost("BRG-1").value == D("142.00")


def test_shipments_cost_the_moving_average_at_the_time_of_shipping(company):
    with company_context(company.company):
        actor = actor_for(company)
        buy(actor, "BRG-1", "10", "10.00")
        buy(actor, "BRG-1", "10", "13.00")
        cost = item_cost("BRG-1")
        assert (cost.quantity, cost.value, cost.average) == (D("20"), D("230.00"), D("11.5"))
        order = sell(actor, "BRG-1", "20", "30.00")
        first = ship(actor, order, "5")
        buy(actor, "BRG-1", "5", "20.00")  # a later receipt does not change the first shipment's cost
        cost = item_cost("BRG-1")
        assert (cost.quantity, cost.value, cost.average) == (D("20"), D("272.50"), D("13.625"))
        second = ship(actor, order, "15")
        run_postings()
        assert lines_of("shipment", first.pk) == [
            ("cogs", D("57.50"), D("0")),
            ("inventory", D("0"), D("57.50")),
        ]
        # 272.50 x 15 / 20 = 204.375, rounded half up
        assert lines_of("shipment", second.pk) == [
            ("cogs", D("204.38"), D("0")),
            ("inventory", D("0"), D("204.38")),
        ]
        cost = item_cost("BRG-1")
        assert (cost.quantity, cost.value) == (D("5"), D("68.12"))
        issues = CostMovement.objects.filter(kind="issue").order_by("id")
        assert [(m.quantity, m.unit_cost, m.value, m.order_id) for m in issues] == [
            (D("-5"), D("11.5"), D("-57.50"), order.pk),
            (D("-15"), D("13.625333"), D("-204.38"), order.pk),
        ]
        event = PostingEvent.objects.get(kind="shipment", source_id=str(first.pk))
        assert event.payload["total"] == "57.50"
        assert event.payload["lines"][0]["unit_cost"] == "11.500000"


def test_stock_count_loss_and_gain_post_at_the_moving_average(company):
    from tenants.inventory import services as inventory
    from tenants.inventory.models import Item

    with company_context(company.company):
        actor = actor_for(company)
        buy(actor, "BRG-1", "10", "12.50")
        item = Item.objects.get(sku="BRG-1")
        loss = inventory.stock_adjust(
            actor=actor,
            item=item,
            warehouse=inventory.default_warehouse(),
            quantity_delta=D("-2"),
            reason="count",
        )
        gain = inventory.stock_adjust(
            actor=actor,
            item=item,
            warehouse=inventory.default_warehouse(),
            quantity_delta=D("1"),
            reason="found",
        )
        run_postings()
        assert lines_of("stock_adjustment", loss.pk) == [
            ("inventory", D("0"), D("25.00")),
            ("stock_adjustment", D("25.00"), D("0")),
        ]
        assert lines_of("stock_adjustment", gain.pk) == [
            ("inventory", D("12.50"), D("0")),
            ("stock_adjustment", D("0"), D("12.50")),
        ]
        cost = item_cost("BRG-1")
        assert (cost.quantity, cost.value, cost.average) == (D("9"), D("112.50"), D("12.5"))


def test_a_transfer_moves_value_between_warehouses_without_posting(company):
    from tenants.finance.models import ItemCost
    from tenants.inventory import services as inventory
    from tenants.inventory.models import Item

    with company_context(company.company):
        actor = actor_for(company)
        buy(actor, "BRG-1", "3", "10.00")
        item = Item.objects.get(sku="BRG-1")
        main = inventory.default_warehouse()
        second = inventory.warehouse_create(actor=actor, code="W2", name="Second")
        inventory.stock_transfer(
            actor=actor, item=item, from_warehouse=main, to_warehouse=second, quantity=D("1")
        )
        posted = run_postings()
        assert posted == 1  # the receipt only
        rows = {c.warehouse_id: (c.quantity, c.value) for c in ItemCost.objects.filter(item_id=item.pk)}
        assert rows == {main.pk: (D("2"), D("20.00")), second.pk: (D("1"), D("10.00"))}


def test_stock_received_outside_costing_is_valued_at_the_first_known_price(company):
    from tenants.inventory import services as inventory

    with company_context(company.company):
        actor = actor_for(company)
        item = inventory.item_get_or_create_for_line(sku="BRG-1", name="Bearing", unit="pcs")
        inventory.stock_receive(
            item=item, warehouse=inventory.default_warehouse(), quantity=D("5"), reference="old"
        )
        receipt = buy(actor, "BRG-1", "10", "10.00")
        cost = item_cost("BRG-1")
        assert (cost.quantity, cost.value) == (D("15"), D("150.00"))
        kinds = list(CostMovement.objects.order_by("id").values_list("kind", "quantity", "value"))
        assert kinds == [("untracked", D("5"), D("50.00")), ("receipt", D("10"), D("100.00"))]
        run_postings()
        # Only the receipt is posted: stock from before the books has no entry here.
        assert lines_of("goods_receipt", receipt.pk)[0] == ("inventory", D("100.00"), D("0"))


def test_the_receipt_event_posts_once_when_the_outbox_runs_twice(company):
    from kernel import outbox
    from kernel.models import OutboxMessage

    with company_context(company.company):
        receipt = buy(actor_for(company), "BRG-1", "4", "5.00")
        event = PostingEvent.objects.get(kind="goods_receipt", source_id=str(receipt.pk))
        (message,) = OutboxMessage.objects.filter(topic="finance.post_event", payload__event_id=event.pk)
        outbox.outbox_deliver_message(message_id=str(message.pk))
        OutboxMessage.objects.filter(pk=message.pk).update(processed_at=None)
        outbox.outbox_deliver_message(message_id=str(message.pk))
        event_post(event_id=event.pk)
        run_postings()
        assert JournalEntry.objects.filter(source_kind="goods_receipt").count() == 1
        assert lines_of("goods_receipt", receipt.pk) == [
            ("inventory", D("20.00"), D("0")),
            ("grni", D("0"), D("20.00")),
        ]
