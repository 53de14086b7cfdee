"""Isolation probes of cost accounting (tenants.finance, cost section): item costs, movements, receipts,
landed costs, work-order cost sheets, logistics costs, margins, the cost report, cost settings.

``seed(side)`` spreads the work-order id sequence of the side's schema (ids are per schema, so the other
side's ids must not exist there), then buys a marked item (a goods receipt), sells and ships part of it to
a marked customer (a shipment, with a marked freight cost), applies a marked landed cost and opens a work
order for a marked product that has no stock, with material in stock to issue to it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tests.isolation.world import Probe, Side


def _spread_ids() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("sales_workorder", "finance_landedcost", "finance_shipmentcost"):
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                [table, 1_000_000 + secrets.randbelow(10**12)],
            )


def seed(side: Side) -> dict[str, Any]:
    if "finance_cost" in side.extra:
        return side.extra["finance_cost"]
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from kernel.tenancy import company_context
    from tenants.finance.services import cost_documents
    from tenants.finance.tests.cost_factories import buy, sell, ship
    from tenants.inventory.models import Item
    from tenants.sales import services as sales
    from tenants.sales.models import WorkOrder

    m = side.marker
    actor = Actor(
        company=side.company,
        permissions=permissions_for(["owner"]),
        user=side.owner,
        membership=Membership.objects.get(user=side.owner, company=side.company),
    )
    with company_context(side.company):
        _spread_ids()
        receipt = buy(
            actor,
            f"{m}-BRG",
            "50",
            "10.00",
            lines=[(f"{m}-BRG", "50", "10.00"), (f"{m}-STEEL", "50", "4.00")],
        )
        customer = sales.customer_create(actor=actor, name=f"{m} customer")
        order = sell(actor, f"{m}-BRG", "5", "30.00", customer_id=customer.pk)
        shipment = ship(actor, order, "5")
        cost_documents.shipment_cost_record(
            actor=actor, shipment_id=shipment.pk, kind="freight", amount=Decimal("12.00"), note=f"{m} freight"
        )
        cost_documents.landed_cost_apply(
            actor=actor,
            receipt_ids=[receipt.pk],
            components=[cost_documents.LandedCostInput(kind="freight", amount=Decimal("20.00"), currency="")],
            allocation="quantity",
            note=f"{m} landed",
        )
        sell(actor, f"{m}-GEAR", "3", "80.00", customer_id=customer.pk)
        work_order = WorkOrder.objects.get(line__sku=f"{m}-GEAR")
        steel = Item.objects.get(sku=f"{m}-STEEL")
    side.extra["finance_cost"] = data = {
        "receipt_id": receipt.pk,
        "shipment_id": shipment.pk,
        "work_order_id": work_order.pk,
        "steel_id": steel.pk,
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


@dataclass(frozen=True)
class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


def _fingerprint(side: Side) -> dict[str, Any]:
    from kernel.tenancy import company_context
    from tenants.finance.models import (
        CostMovement,
        CostSettings,
        ItemCost,
        LandedCost,
        ShipmentCost,
        WorkOrderCost,
        WorkOrderCostLine,
    )

    seed(side)
    with company_context(side.company):
        return {
            "settings": [str(v) for v in CostSettings.objects.values_list("labour_rate", "overhead_rate")],
            "costs": [[c.pk, str(c.quantity), str(c.value)] for c in ItemCost.objects.order_by("pk")],
            "movements": CostMovement.objects.count(),
            "landed": list(LandedCost.objects.order_by("pk").values_list("pk", flat=True)),
            "shipment_costs": list(ShipmentCost.objects.order_by("pk").values_list("pk", flat=True)),
            "sheets": [[s.pk, str(s.total), s.status] for s in WorkOrderCost.objects.order_by("pk")],
            "sheet_lines": WorkOrderCostLine.objects.count(),
        }


FINGERPRINTS = {"finance_cost": _fingerprint}

TENANT_PROBES: dict[str, Probe] = {
    "finance_cost_settings": SeededProbe("GET", "/api/finance/cost/settings/"),
    "finance_cost_settings_update": SeededProbe(
        "PATCH", "/api/finance/cost/settings/", body=lambda s: {"labour_cost_per_hour": "45.00"}
    ),
    "finance_item_costs_list": SeededProbe("GET", "/api/finance/cost/items/", lists=True),
    "finance_cost_movements_list": SeededProbe("GET", "/api/finance/cost/movements/"),
    "finance_cost_receipts_list": SeededProbe("GET", "/api/finance/cost/receipts/", lists=True),
    "finance_landed_costs_list": SeededProbe("GET", "/api/finance/cost/landed-costs/", lists=True),
    "finance_landed_costs_create": SeededProbe(
        "POST",
        "/api/finance/cost/landed-costs/",
        body=lambda s: {
            "receipt_ids": [seed(s)["receipt_id"]],
            "allocation": "value",
            "components": [{"kind": "duty", "cost_amount": "5.00"}],
            "note": f"{s.marker} duty",
        },
        ok=201,
    ),
    "finance_work_order_costs_list": SeededProbe("GET", "/api/finance/cost/work-orders/", lists=True),
    "finance_work_order_cost": SeededProbe(
        "GET",
        "/api/finance/cost/work-orders/{work_order_id}/",
        ids={"work_order_id": _id("work_order_id")},
    ),
    "finance_work_order_materials_create": SeededProbe(
        "POST",
        "/api/finance/cost/work-orders/{work_order_id}/materials/",
        ids={"work_order_id": _id("work_order_id")},
        body=lambda s: {"item_id": seed(s)["steel_id"], "quantity": "1"},
        ok=201,
    ),
    "finance_work_order_labour_create": SeededProbe(
        "POST",
        "/api/finance/cost/work-orders/{work_order_id}/labour/",
        ids={"work_order_id": _id("work_order_id")},
        body=lambda s: {"hours": "1.5", "note": f"{s.marker} assembly"},
        ok=201,
    ),
    "finance_shipment_costs_list": SeededProbe("GET", "/api/finance/cost/shipment-costs/", lists=True),
    "finance_shipment_costs_create": SeededProbe(
        "POST",
        "/api/finance/cost/shipment-costs/",
        body=lambda s: {
            "shipment_id": seed(s)["shipment_id"],
            "kind": "handling",
            "cost_amount": "3.00",
            "note": f"{s.marker} handling",
        },
        ok=201,
    ),
    "finance_margins_list": SeededProbe("GET", "/api/finance/cost/margins/", lists=True),
    "finance_cost_report": SeededProbe("GET", "/api/finance/cost/report/"),
}
