"""Postings of goods movements: receipt (inventory / GRNI), shipment (COGS at the moving average),
stock adjustments (loss and gain), transfers (no posting, value moves), posted once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kernel.tenancy import company_context
from tenants.finance.tests.cost_factories import buy, item_cost, lines_of
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
