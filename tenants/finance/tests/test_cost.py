"""Cost accounting: the moving average over a sequence of receipts and issues, landed costs by value,
quantity and weight, work-order cost (materials, labour, overhead, completion), logistics cost, margins
and the cost report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from kernel.errors import ValidationFailed
from kernel.tenancy import company_context
from tenants.finance import selectors_cost
from tenants.finance.exceptions import WorkOrderNotCostable
from tenants.finance.models import (
    CostMovement,
    Invoice,
    InvoiceLine,
    ItemCost,
    JournalEntry,
    LandedCost,
    WorkOrderCost,
)
from tenants.finance.services import cost_documents
from tenants.finance.services.cost_documents import LandedCostInput
from tenants.finance.tests.cost_factories import buy, item_cost, lines_of, sell, ship
from tenants.finance.tests.factories import actor_for, run_postings

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def company(make_company):
    return make_company(plan="business")


def test_moving_average_over_receipts_at_different_prices_and_issues(company):
    with company_context(company.company):
        actor = actor_for(company)
        buy(actor, "BRG-1", "10", "10.00")  # 10 / 100.00
        buy(actor, "BRG-1", "5", "16.00")  # 15 / 180.00 -> 12
        assert (item_cost("BRG-1").quantity, item_cost("BRG-1").average) == (D("15"), D("12"))
        ship(actor, sell(actor, "BRG-1", "6", "30"), "6")  # out 72.00 -> 9 / 108.00
        buy(actor, "BRG-1", "3", "20.00")  # 12 / 168.00 -> 14
        buy(actor, "BRG-1", "7", "11.00")  # 19 / 245.00 -> 12.894737
        cost = item_cost("BRG-1")
        assert (cost.quantity, cost.value, cost.average) == (D("19"), D("245.00"), D("12.894737"))
        ship(actor, sell(actor, "BRG-1", "4", "30"), "4")  # 245 x 4 / 19 = 51.578.. -> 51.58
        ship(actor, sell(actor, "BRG-1", "15", "30"), "15")  # the rest: 193.42
        cost = item_cost("BRG-1")
        assert (cost.quantity, cost.value, cost.average) == (D("0"), D("0"), D("12.894667"))
        movements = list(CostMovement.objects.order_by("id").values_list("kind", "value", "value_after"))
        assert movements == [
            ("receipt", D("100.00"), D("100.00")),
            ("receipt", D("80.00"), D("180.00")),
            ("issue", D("-72.00"), D("108.00")),
            ("receipt", D("60.00"), D("168.00")),
            ("receipt", D("77.00"), D("245.00")),
            ("issue", D("-51.58"), D("193.42")),
            ("issue", D("-193.42"), D("0")),
        ]
        run_postings()
        cogs = [e.total for e in JournalEntry.objects.filter(source_kind="shipment").order_by("id")]
        assert cogs == [D("72.00"), D("51.58"), D("193.42")]


def _two_line_receipt(actor):
    """A: 10 @ 10.00 (100), B: 5 @ 60.00 (300) on one receipt; 4 of A shipped before the landed cost."""
    receipt = buy(actor, "", "", "", lines=[("A-1", "10", "10.00"), ("B-1", "5", "60.00")])
    ship(actor, sell(actor, "A-1", "4", "30"), "4")
    lines = {line.order_line.sku: line for line in receipt.lines.select_related("order_line")}
    return receipt, lines


def test_landed_cost_by_value_raises_the_average_of_what_is_on_hand_and_expenses_the_rest(company):
    with company_context(company.company):
        actor = actor_for(company)
        receipt, _ = _two_line_receipt(actor)
        from tenants.procurement.services.rates import exchange_rate_set

        exchange_rate_set(actor=actor, currency="USD", rate=D("7"))
        landed = cost_documents.landed_cost_apply(
            actor=actor,
            receipt_ids=[receipt.pk],
            components=[
                LandedCostInput(kind="freight", amount=D("100.00"), currency="CNY"),
                LandedCostInput(kind="duty", amount=D("20.00"), currency="USD", rate=D("7")),
            ],
            allocation="value",
        )
        # 240 by value 100 : 300 -> A 60 (6 of 10 still on hand: 36 to stock, 24 to COGS), B 180
        assert (landed.total, landed.to_inventory, landed.to_cogs) == (D("240.00"), D("216.00"), D("24.00"))
        assert [(line.allocated, line.to_inventory, line.to_cogs) for line in landed.lines.all()] == [
            (D("60.00"), D("36.00"), D("24.00")),
            (D("180.00"), D("180.00"), D("0")),
        ]
        a, b = item_cost("A-1"), item_cost("B-1")
        assert (a.quantity, a.value, a.average) == (D("6"), D("96.00"), D("16"))
        assert (b.quantity, b.value, b.average) == (D("5"), D("480.00"), D("96"))
        run_postings()
        assert lines_of("landed_cost", landed.pk) == [
            ("inventory", D("216.00"), D("0")),
            ("cogs", D("24.00"), D("0")),
            ("other_payable", D("0"), D("240.00")),
        ]


def test_landed_cost_by_quantity(company):
    with company_context(company.company):
        actor = actor_for(company)
        receipt, _ = _two_line_receipt(actor)
        landed = cost_documents.landed_cost_apply(
            actor=actor,
            receipt_ids=[receipt.pk],
            components=[LandedCostInput(kind="freight", amount=D("150.00"), currency="")],
            allocation="quantity",
        )
        # 10 : 5 -> A 100 (60 on hand, 40 COGS), B 50
        assert [(line.allocated, line.to_inventory, line.to_cogs) for line in landed.lines.all()] == [
            (D("100.00"), D("60.00"), D("40.00")),
            (D("50.00"), D("50.00"), D("0")),
        ]
        assert (item_cost("A-1").value, item_cost("B-1").value) == (D("120.00"), D("350.00"))
        run_postings()
        assert lines_of("landed_cost", landed.pk) == [
            ("inventory", D("110.00"), D("0")),
            ("cogs", D("40.00"), D("0")),
            ("other_payable", D("0"), D("150.00")),
        ]


def test_landed_cost_by_weight_needs_every_lines_weight(company):
    with company_context(company.company):
        actor = actor_for(company)
        receipt, lines = _two_line_receipt(actor)
        before = list(ItemCost.objects.order_by("pk").values_list("value", flat=True))
        with pytest.raises(ValidationFailed) as failed:
            cost_documents.landed_cost_apply(
                actor=actor,
                receipt_ids=[receipt.pk],
                components=[LandedCostInput(kind="insurance", amount=D("80.00"), currency="")],
                allocation="weight",
                weights={lines["A-1"].pk: D("50")},
            )
        assert f"weights.{lines['B-1'].pk}" in failed.value.errors
        assert LandedCost.objects.count() == 0
        assert list(ItemCost.objects.order_by("pk").values_list("value", flat=True)) == before
        landed = cost_documents.landed_cost_apply(
            actor=actor,
            receipt_ids=[receipt.pk],
            components=[LandedCostInput(kind="insurance", amount=D("80.00"), currency="")],
            allocation="weight",
            weights={lines["A-1"].pk: D("50"), lines["B-1"].pk: D("30")},
        )
        # 50 : 30 -> A 50 (30 on hand, 20 COGS), B 30
        assert [(line.allocated, line.to_inventory, line.to_cogs) for line in landed.lines.all()] == [
            (D("50.00"), D("30.00"), D("20.00")),
            (D("30.00"), D("30.00"), D("0")),
        ]
        run_postings()
        assert lines_of("landed_cost", landed.pk) == [
            ("inventory", D("60.00"), D("0")),
            ("cogs", D("20.00"), D("0")),
            ("other_payable", D("0"), D("80.00")),
        ]


def test_work_order_cost_materials_labour_overhead_and_completion(company):
    from tenants.inventory.models import Item
    from tenants.sales import services as sales
    from tenants.sales.models import WorkOrder

    with company_context(company.company):
        actor = actor_for(company)
        cost_documents.cost_settings_update(actor=actor, labour_rate=D("50"), overhead_rate=D("20"))
        buy(actor, "STEEL-1", "20", "8.00")
        order = sell(actor, "GEAR-1", "5", "100")  # no stock: a work order for 5
        work_order = WorkOrder.objects.get()
        steel = Item.objects.get(sku="STEEL-1")
        material = cost_documents.work_order_material_issue(
            actor=actor, work_order_id=work_order.pk, item_id=steel.pk, quantity=D("10")
        )
        labour, overhead = cost_documents.work_order_labour_record(
            actor=actor, work_order_id=work_order.pk, hours=D("3")
        )
        assert (material.value, labour.value, overhead.value) == (D("80.00"), D("150.00"), D("60.00"))
        sales.work_order_complete(actor=actor, work_order_id=work_order.pk)
        sheet = WorkOrderCost.objects.get(work_order_id=work_order.pk)
        assert (sheet.status, sheet.total, sheet.unit_cost) == ("completed", D("290.00"), D("58"))
        gear = item_cost("GEAR-1")
        assert (gear.quantity, gear.value, gear.average) == (D("5"), D("290.00"), D("58"))
        assert (item_cost("STEEL-1").quantity, item_cost("STEEL-1").value) == (D("10"), D("80.00"))
        with pytest.raises(WorkOrderNotCostable):
            cost_documents.work_order_labour_record(actor=actor, work_order_id=work_order.pk, hours=D("1"))
        shipment = ship(actor, order, "5")
        run_postings()
        assert lines_of("work_order_material", material.pk) == [
            ("wip", D("80.00"), D("0")),
            ("inventory", D("0"), D("80.00")),
        ]
        assert lines_of("work_order_labour", labour.pk) == [
            ("wip", D("150.00"), D("0")),
            ("payroll_payable", D("0"), D("150.00")),
        ]
        assert lines_of("work_order_overhead", overhead.pk) == [
            ("wip", D("60.00"), D("0")),
            ("overhead", D("0"), D("60.00")),
        ]
        assert lines_of("work_order_completion", work_order.pk) == [
            ("inventory", D("290.00"), D("0")),
            ("wip", D("0"), D("290.00")),
        ]
        assert lines_of("shipment", shipment.pk) == [
            ("cogs", D("290.00"), D("0")),
            ("inventory", D("0"), D("290.00")),
        ]
        sheet_view = selectors_cost.work_order_cost_get(work_order_id=work_order.pk)
        assert [line.kind for line in sheet_view.lines] == ["material", "labour", "overhead"]


def test_logistics_cost_accrued_or_paid_in_a_foreign_currency(company):
    with company_context(company.company):
        actor = actor_for(company)
        buy(actor, "BRG-1", "5", "10.00")
        shipment = ship(actor, sell(actor, "BRG-1", "5", "30"), "5")
        freight = cost_documents.shipment_cost_record(
            actor=actor, shipment_id=shipment.pk, kind="freight", amount=D("45.00")
        )
        with pytest.raises(ValidationFailed):
            cost_documents.shipment_cost_record(
                actor=actor, shipment_id=shipment.pk, kind="handling", amount=D("10"), currency="USD"
            )
        handling = cost_documents.shipment_cost_record(
            actor=actor,
            shipment_id=shipment.pk,
            kind="handling",
            amount=D("10.00"),
            currency="USD",
            rate=D("7"),
            paid=True,
        )
        run_postings()
        assert lines_of("logistics_cost", freight.pk) == [
            ("selling_expense", D("45.00"), D("0")),
            ("other_payable", D("0"), D("45.00")),
        ]
        entry = JournalEntry.objects.get(source_kind="logistics_cost", source_id=str(handling.pk))
        expense, bank = entry.lines.select_related("account").order_by("line_no")
        assert (expense.account.role, expense.debit) == ("selling_expense", D("70.00"))
        assert (bank.account.role, bank.credit, bank.currency, bank.amount_currency, bank.cash_flow_tag) == (
            "bank",
            D("70.00"),
            "USD",
            D("-10.00"),
            "other_operating_payments",
        )


def test_margins_per_order_customer_and_item_and_the_cost_report(company):
    with company_context(company.company):
        actor = actor_for(company)
        buy(actor, "BRG-1", "10", "10.00")
        first = sell(actor, "BRG-1", "6", "25.00")
        shipment = ship(actor, first, "6")
        second = sell(actor, "BRG-1", "4", "30.00")
        ship(actor, second, "2")
        cost_documents.shipment_cost_record(
            actor=actor, shipment_id=shipment.pk, kind="freight", amount=D("15")
        )
        # The first order is invoiced (at 24.00, a discount): its revenue is the invoice's net.
        invoice = Invoice.objects.create(
            direction="out",
            number="INV-TEST-1",
            status="open",
            customer_id=first.customer_id,
            partner_name="Walk-in Trading Co.",
            sales_order_id=first.pk,
            issue_date=timezone.localdate(),
            currency="CNY",
            total_net=D("144.00"),
            total=D("144.00"),
            amount_open=D("144.00"),
        )
        InvoiceLine.objects.create(
            invoice=invoice,
            line_no=1,
            description="BRG-1",
            quantity=D("6"),
            unit_price=D("24"),
            net_amount=D("144.00"),
            sales_order_line_id=first.lines.get().pk,
        )
        by_order = selectors_cost.margins(by="order")
        assert [
            (m.key, m.revenue, m.invoiced, m.cogs, m.logistics, m.margin, m.margin_percent) for m in by_order
        ] == [
            (first.number, D("144.00"), D("144.00"), D("60.00"), D("15.00"), D("69.00"), D("47.92")),
            (second.number, D("60.00"), D("0"), D("20.00"), D("0"), D("40.00"), D("66.67")),
        ]
        by_customer = selectors_cost.margins(by="customer")
        assert [(m.id, m.margin) for m in by_customer] == [
            (first.customer_id, D("69.00")),
            (second.customer_id, D("40.00")),
        ]
        (item,) = selectors_cost.margins(by="item")
        assert (item.key, item.revenue, item.cogs, item.logistics, item.margin, item.shipped_quantity) == (
            "BRG-1",
            D("204.00"),
            D("80.00"),
            D("15.00"),
            D("109.00"),
            D("8"),
        )
        assert selectors_cost.margins(by="order", date_to=date(2000, 1, 1)) == []
        report = selectors_cost.cost_report()
        assert len(report) == 12
        now = report[-1]
        assert now.month == f"{timezone.localdate():%Y-%m}"
        assert (now.purchase, now.landed, now.production, now.logistics, now.cogs) == (
            D("100.00"),
            D("0"),
            D("0"),
            D("15.00"),
            D("80.00"),
        )
        assert all(m.purchase == 0 for m in report[:-1])
