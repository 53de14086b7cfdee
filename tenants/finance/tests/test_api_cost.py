"""Cost accounting through the API: a landed cost applied once under its idempotency key, the work-order
sheet, margins, the report, the plan's finance feature and the permission to post."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from kernel.tenancy import company_context
from tenants.finance.models import LandedCost
from tenants.finance.tests.cost_factories import buy, sell, ship
from tenants.finance.tests.factories import actor_for

pytestmark = pytest.mark.django_db


def test_a_landed_cost_through_the_api_is_applied_once_and_listed(make_company: Any, signed_in: Any) -> None:
    result = make_company(plan="business")
    client = signed_in(result.user, result.company)
    with company_context(result.company):
        receipt = buy(actor_for(result), "BRG-1", "10", "10.00")
    receipts = client.get("/api/finance/cost/receipts/").json()["results"]
    assert [(r["receipt_id"], [(x["sku"], x["value"]) for x in r["lines"]]) for r in receipts] == [
        (receipt.pk, [("BRG-1", "100.00")])
    ]
    body = {
        "receipt_ids": [receipt.pk],
        "allocation": "quantity",
        "components": [{"kind": "freight", "cost_amount": "30.00"}],
        "note": "Sea freight",
    }
    first = client.post_json("/api/finance/cost/landed-costs/", body, HTTP_IDEMPOTENCY_KEY="lc-1")
    again = client.post_json("/api/finance/cost/landed-costs/", body, HTTP_IDEMPOTENCY_KEY="lc-1")
    assert first.status_code == 201, first.content
    assert again.json()["id"] == first.json()["id"]
    assert (first.json()["total"], first.json()["to_inventory"], first.json()["lines"][0]["allocated"]) == (
        "30.00",
        "30.00",
        "30.00",
    )
    with company_context(result.company):
        assert LandedCost.objects.count() == 1
    items = client.get("/api/finance/cost/items/").json()["results"]
    assert [(i["sku"], i["quantity"], i["value"], i["average"]) for i in items] == [
        ("BRG-1", "10.0000", "130.00", "13.0000")
    ]
    kinds = [m["kind"] for m in client.get("/api/finance/cost/movements/").json()["results"]]
    assert kinds == ["landed_cost", "receipt"]


def test_invalid_landed_cost_input_is_a_problem_and_writes_nothing(make_company: Any, signed_in: Any) -> None:
    result = make_company(plan="business")
    client = signed_in(result.user, result.company)
    with company_context(result.company):
        receipt = buy(actor_for(result), "BRG-1", "10", "10.00")
    response = client.post_json(
        "/api/finance/cost/landed-costs/",
        {
            "receipt_ids": [receipt.pk],
            "allocation": "value",
            "components": [{"kind": "duty", "cost_amount": "10.00", "currency": "USD"}],
        },
    )
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "components.0.rate" in response.json()["errors"]
    with company_context(result.company):
        assert LandedCost.objects.count() == 0


def test_work_order_sheet_margins_and_report(make_company: Any, signed_in: Any) -> None:
    result = make_company(plan="business")
    client = signed_in(result.user, result.company)
    with company_context(result.company):
        actor = actor_for(result)
        buy(actor, "BRG-1", "10", "10.00")
        ship(actor, sell(actor, "BRG-1", "4", "25.00"), "4")
        sell(actor, "GEAR-1", "2", "90.00")
        from tenants.sales.models import WorkOrder

        work_order = WorkOrder.objects.get()
    settings = client.patch_json(
        "/api/finance/cost/settings/", {"labour_cost_per_hour": "40.00", "overhead_per_hour": "10.00"}
    )
    assert settings.json() == {"labour_cost_per_hour": "40.00", "overhead_per_hour": "10.00"}
    labour = client.post_json(f"/api/finance/cost/work-orders/{work_order.pk}/labour/", {"hours": "2"})
    assert labour.status_code == 201, labour.content
    assert (labour.json()["labour"], labour.json()["overhead"], labour.json()["total"]) == (
        "80.00",
        "20.00",
        "100.00",
    )
    assert [line["kind"] for line in labour.json()["lines"]] == ["labour", "overhead"]
    listed = client.get("/api/finance/cost/work-orders/").json()["results"]
    assert [(w["number"], w["total"], w["unit_cost"]) for w in listed] == [
        (work_order.number, "100.00", "50.0000")
    ]
    margins = client.get("/api/finance/cost/margins/?by=item").json()["results"]
    assert [(m["key"], m["revenue"], m["cogs"], m["margin"], m["margin_percent"]) for m in margins] == [
        ("BRG-1", "100.00", "40.00", "60.00", "60.00")
    ]
    report = client.get("/api/finance/cost/report/").json()
    assert report["currency"] == "CNY" and len(report["months"]) == 12
    assert (report["months"][-1]["purchase"], report["months"][-1]["production"]) == ("100.00", "100.00")
    assert Decimal(report["months"][-1]["cogs"]) == Decimal("40")


def test_cost_reports_need_the_finance_feature_and_writes_need_finance_post(
    make_company: Any, signed_in: Any
) -> None:
    growth = make_company(plan="growth")
    response = signed_in(growth.user, growth.company).get("/api/finance/cost/margins/")
    assert response.status_code == 403
    assert response.json()["code"] == "feature_not_in_plan"

    result = make_company(plan="business")
    from identity.models import User
    from identity.services import membership_create

    admin = User.objects.create_user(email="admin@cost.test", password="x" * 12)
    membership_create(user=admin, company=result.company, roles=["admin"])
    client = signed_in(admin, result.company)
    assert client.get("/api/finance/cost/items/").status_code == 200
    response = client.patch_json("/api/finance/cost/settings/", {"labour_cost_per_hour": "1.00"})
    assert response.status_code == 403
    assert client.get("/api/finance/cost/settings/").json()["labour_cost_per_hour"] == "0.00"
