"""The supply-chain journey in a real browser (issue 13, acceptance).

The supermarket grants its food supplier a view of its instant-noodle stock with sell-through; the supplier
sees the stock fall after a sale, runs vendor-managed replenishment on it; the supermarket's acceptance rule
accepts the proposal by itself, which becomes a purchase order and, through the exchange, a sales order at
the supplier; the supplier then plans the next day's delivery route.

Set up through the services: the two companies trading (one purchase order sent, so they are partners),
the supermarket's stock, the replenishment policy both sides agreed and the supermarket's acceptance rule.
Where a worker would publish stock snapshots (outbox) or ingest trade documents after commit, the test
runs the same delivery before the other side looks.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.browser.support import Hansa, expect, make_company, new_page, pick_date, sign_in, unique_slug

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def deliver() -> None:
    """Run every pending outbox message and ingest every pending trade document, as the workers do."""
    from kernel.models import OutboxMessage
    from kernel.outbox import outbox_deliver_message
    from marketplace.exchange.services import deliver_pending

    for _ in range(5):
        deliver_pending()
        pending = list(OutboxMessage.objects.filter(processed_at__isnull=True).values_list("pk", flat=True))
        for message_id in pending:
            outbox_deliver_message(message_id=str(message_id))
        if not pending:
            return


def actor(company: Any, user: Any) -> Any:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for

    membership = Membership.objects.get(user=user, company=company)
    return Actor(
        company=company, permissions=permissions_for(membership.roles), user=user, membership=membership
    )


def test_shared_stock_falls_supplier_replenishes_rule_accepts_sales_order_and_route_planned(
    hansa: Hansa, browser: Any
) -> None:
    from kernel.tenancy import company_context
    from marketplace.sharing.models import ShareGrant
    from tenants.inventory.models import Item
    from tenants.inventory.services import default_warehouse, item_create, stock_issue, stock_receive
    from tenants.procurement import services as procurement
    from tenants.procurement.services import LineInput
    from tenants.sales import services as sales
    from tenants.sales.models import Customer, SalesOrder
    from tenants.supplychain.replenishment import policies
    from tenants.supplychain.replenishment import services as replenishment
    from tenants.supplychain.routing import services as routing
    from tenants.supplychain.routing.models import Depot

    mart_slug, foods_slug = unique_slug("freshmart"), unique_slug("goldenfoods")
    mart = make_company(
        slug=mart_slug,
        name="Fresh Mart Supermarkets",
        owner_email=f"owner@{mart_slug}.test",
        owner_name="Lin",
    )
    foods = make_company(
        slug=foods_slug, name="Golden Grain Foods", owner_email=f"owner@{foods_slug}.test", owner_name="Zhou"
    )
    buying, selling = actor(mart.company, mart.user), actor(foods.company, foods.user)

    # Trading partners: the supermarket once ordered from the supplier.
    with company_context(mart.company):
        noodles = item_create(
            actor=None, sku="FM-NOODLE", name_zh="方便面 五连包", name_en="Instant noodles", unit="pack"
        )
        stock_receive(item=noodles, warehouse=default_warehouse(), quantity=Decimal(500), reference="opening")
        first = procurement.po_create(
            actor=buying,
            currency="CNY",
            lines=[
                LineInput(
                    sku="GF-NOODLE-5",
                    description="Instant noodles",
                    quantity=Decimal(10),
                    unit="pack",
                    unit_price=Decimal("27.50"),
                )
            ],
            supplier_company_id=foods.company.pk,
        )
        procurement.procurement_settings_update(actor=buying, auto_approve_unmatched=True)
        procurement.po_submit(actor=buying, order_id=first.pk)
        procurement.po_send(actor=buying, order_id=first.pk)
    deliver()

    # 1. The supermarket grants the supplier a view of its noodles, with sell-through.
    shop = new_page(browser)
    sign_in(shop, hansa, mart_slug, mart.user.email)
    shop.goto(hansa.company_url(mart_slug, "/supply-chain/sharing/grants"))
    shop.get_by_test_id("grant-create").click()
    shop.get_by_test_id("grant-partner").click()
    shop.locator(".ant-select-item-option", has_text="Golden Grain Foods").first.click()
    shop.get_by_test_id("grant-items").click()
    shop.locator(".ant-select-item-option", has_text="FM-NOODLE").first.click()
    shop.get_by_role("dialog").locator(".ant-modal-title").click()  # closes the option list
    shop.get_by_test_id("grant-consumption").click()
    shop.get_by_test_id("grant-submit").click()
    expect(shop.get_by_test_id("sharing-grants-page")).to_contain_text("Golden Grain Foods")
    grant = ShareGrant.objects.get(owner=mart.company, partner=foods.company)
    deliver()  # the grant's scope is published

    # 2. The supplier sees the stock, then sees it fall after the supermarket's sale.
    supplier = new_page(browser)
    sign_in(supplier, hansa, foods_slug, foods.user.email)
    supplier.goto(hansa.company_url(foods_slug, "/supply-chain/sharing/stock"))
    stock_page = supplier.get_by_test_id("sharing-stock-page")
    expect(stock_page).to_contain_text("FM-NOODLE")
    expect(stock_page).to_contain_text("500")
    with company_context(mart.company):
        stock_issue(
            item=noodles, warehouse=default_warehouse(), quantity=Decimal(380), reference="store sales"
        )
    deliver()
    expect(stock_page).to_contain_text("120", timeout=20_000)  # the page polls: no reload
    supplier.screenshot(path="test-artifacts/browser/supplychain-shared-stock.png", full_page=True)

    # The policy both sides agreed (min/max: at 150 or less, up to 600) and the supermarket's rule.
    with company_context(foods.company):
        policy = policies.policy_propose(
            actor=selling,
            grant_id=grant.pk,
            item_id=noodles.pk,
            terms=policies.Terms(
                method="min_max",
                unit_price=Decimal("27.50"),
                currency="CNY",
                min_quantity=Decimal(150),
                max_quantity=Decimal(600),
            ),
        )
    with company_context(mart.company):
        policies.policy_agree(actor=buying, policy_id=policy.pk, version=policy.version)
        replenishment.rule_create(
            actor=buying,
            supplier_company_id=foods.company.pk,
            item_id=None,
            max_quantity=None,
            max_amount=Decimal(20000),
            currency="CNY",
        )

    # 3. The supplier runs replenishment; the supermarket's rule accepts it; the sales order appears.
    supplier.goto(hansa.company_url(foods_slug, "/supply-chain/replenishment/proposals"))
    supplier.get_by_test_id("replenishment-run").click()
    proposals = supplier.get_by_test_id("replenishment-proposals")
    expect(proposals).to_contain_text("480")  # 600 - 120
    deliver()  # the proposal reaches the supermarket, its rule accepts, the purchase order travels back
    with company_context(foods.company):
        order = SalesOrder.objects.get(
            buyer_company_id=mart.company.pk, po_number__gt="", lines__quantity=480
        )
    supplier.reload()
    expect(proposals).to_contain_text(order.number)
    supplier.locator("[data-testid^='proposal-so-']").first.click()
    expect(supplier.locator("body")).to_contain_text(order.number)
    expect(supplier.locator("body")).to_contain_text("Fresh Mart Supermarkets")
    supplier.screenshot(path="test-artifacts/browser/supplychain-replenishment-order.png", full_page=True)

    # 4. The supplier accepts it for tomorrow with two other deliveries and plans the route.
    tomorrow = date.today() + timedelta(days=1)
    with company_context(foods.company):
        SalesOrder.objects.filter(pk=order.pk).update(requested_date=tomorrow)
        order.lines.update(requested_date=tomorrow)
        for name, quantity in (("Corner Shop Xuhui", 40), ("Canteen Minhang", 60)):
            customer = sales.customer_create(actor=selling, name=name, currency="CNY")
            other = sales.manual_order_create(
                actor=selling,
                customer_id=customer.pk,
                currency="CNY",
                requested_date=tomorrow,
                lines=[
                    sales.ManualLine(
                        sku="GF-NOODLE-5",
                        description="Instant noodles",
                        quantity=Decimal(quantity),
                        unit="pack",
                        unit_price=Decimal("27.50"),
                    )
                ],
            )
            sales.order_accept(actor=selling, order_id=other.pk)
        sales.order_accept(actor=selling, order_id=order.pk)
        depot = routing.depot_create(
            actor=selling,
            warehouse_id=default_warehouse().pk,
            latitude=Decimal("31.230400"),
            longitude=Decimal("121.473700"),
            open_from=time(6),
            open_until=time(20),
        )
        routing.vehicle_create(actor=selling, depot_id=depot.pk, name="Van", capacity=Decimal(700), count=1)
        for index, customer in enumerate(Customer.objects.order_by("id")):
            routing.site_create(
                actor=selling,
                customer_id=customer.pk,
                latitude=Decimal("31.200000") + Decimal(index) / 50,
                longitude=Decimal("121.400000") + Decimal(index) / 40,
                window_start=time(8),
                window_end=time(17),
            )
        assert Depot.objects.count() == 1
    supplier.goto(hansa.company_url(foods_slug, "/supply-chain/routing"))
    pick_date(supplier, "routing-date", tomorrow.isoformat())
    expect(supplier.get_by_test_id("deliveries-table")).to_contain_text("Fresh Mart Supermarkets")
    supplier.get_by_test_id("plan-routes").click()
    plan = supplier.get_by_test_id("route-plan-page")
    expect(plan).to_contain_text("Fresh Mart Supermarkets")
    expect(plan).to_contain_text("Corner Shop Xuhui")
    expect(plan).to_contain_text("Canteen Minhang")
    expect(supplier.get_by_test_id("plan-total")).to_be_visible()
    supplier.screenshot(path="test-artifacts/browser/supplychain-route-plan.png", full_page=True)
    with company_context(mart.company):
        assert Item.objects.get(pk=noodles.pk).sku == "FM-NOODLE"
