"""Isolation probes of supply-chain routing (tenants.supplychain.routing): delivery sites, depots, vehicles,
the deliveries of a day and route plans.

``seed(side)`` spreads the id sequences of the routing tables in the side's schema (ids are per schema, so
the other side's ids must not exist there), then sets up a marked warehouse as a depot with a marked
vehicle, a marked customer with a delivery site and an accepted order due on the probe day, plans that day
(one stop: the solver is done at once), and keeps a second marked customer without a site and the default
warehouse (not a depot) for the create probes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from tests.isolation.world import Probe, Side

# Far enough ahead that no other probe module's orders are likely to fall due that day (seed moves on if
# some do: a customer of theirs has no delivery site).
DAY = date.today() + timedelta(days=43)


def _spread_ids() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "supplychain_routing_deliverysite",
            "supplychain_routing_depot",
            "supplychain_routing_vehicle",
            "supplychain_routing_routeplan",
        ):
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                [table, 1_000_000 + secrets.randbelow(10**12)],
            )


def seed(side: Side) -> dict[str, Any]:
    if "supplychain_routing" in side.extra:
        return side.extra["supplychain_routing"]
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from kernel.tenancy import company_context
    from tenants.inventory import services as inventory
    from tenants.sales import services as sales
    from tenants.supplychain.routing import selectors, services
    from tenants.supplychain.routing.tests.factories import accepted_order

    m = side.marker
    actor = Actor(
        company=side.company,
        permissions=permissions_for(["owner"]),
        user=side.owner,
        membership=Membership.objects.get(user=side.owner, company=side.company),
    )
    with company_context(side.company):
        _spread_ids()
        spare_warehouse = inventory.default_warehouse()
        warehouse = inventory.warehouse_create(actor=actor, code=f"{m}-DC", name=f"{m} depot")
        depot = services.depot_create(
            actor=actor,
            warehouse_id=warehouse.pk,
            latitude=Decimal("31.1123"),
            longitude=Decimal("121.3816"),
            open_from=time(7),
            open_until=time(19),
        )
        vehicle = services.vehicle_create(
            actor=actor, depot_id=depot.pk, name=f"{m} truck", capacity=Decimal(50), count=2
        )
        customer = sales.customer_create(actor=actor, name=f"{m} customer")
        site = services.site_create(
            actor=actor,
            customer_id=customer.pk,
            latitude=Decimal("31.2304"),
            longitude=Decimal("121.4737"),
            window_start=time(9),
            window_end=time(12),
            note=f"{m} dock 3",
        )
        day = DAY
        while selectors.deliveries_of_day(day=day):  # another module's orders due that day: not ours to plan
            day += timedelta(days=1)
        accepted_order(actor, customer.pk, day, "8")
        plan = services.route_plan_create(
            actor=actor, delivery_date=day, depot_id=depot.pk, time_limit_seconds=1
        )
        spare_customer = sales.customer_create(actor=actor, name=f"{m} new customer")
    side.extra["supplychain_routing"] = data = {
        "site_id": site.pk,
        "depot_id": depot.pk,
        "vehicle_id": vehicle.pk,
        "route_plan_id": plan.pk,
        "spare_customer_id": spare_customer.pk,
        "spare_warehouse_id": spare_warehouse.pk,
        "day": day.isoformat(),
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


@dataclass(frozen=True)
class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


@dataclass(frozen=True)
class DayProbe(SeededProbe):
    """A probe of the deliveries of the side's probe day (a date, not an id: no 404 to expect)."""

    def url(self, side: Side) -> str:
        return f"{super().url(side)}?date={seed(side)['day']}"


def _fingerprint(side: Side) -> dict[str, Any]:
    from kernel.tenancy import company_context
    from tenants.supplychain.routing.models import DeliverySite, Depot, PlannedStop, RoutePlan, Vehicle

    seed(side)
    with company_context(side.company):
        return {
            "sites": [
                [
                    s.pk,
                    s.customer_id,
                    str(s.latitude),
                    str(s.longitude),
                    str(s.window_start),
                    str(s.window_end),
                    s.service_minutes,
                    s.note,
                ]
                for s in DeliverySite.objects.order_by("pk")
            ],
            "depots": [
                [d.pk, d.warehouse_id, str(d.latitude), str(d.longitude), str(d.open_from), str(d.open_until)]
                for d in Depot.objects.order_by("pk")
            ],
            "vehicles": [
                [v.pk, v.name, str(v.capacity), v.speed_kmh, v.count, v.is_active]
                for v in Vehicle.objects.order_by("pk")
            ],
            "plans": list(RoutePlan.objects.order_by("pk").values_list("pk", "total_distance_m")),
            "stops": PlannedStop.objects.count(),
        }


FINGERPRINTS = {"supplychain_routing": _fingerprint}

BASE = "/api/supplychain/routing"
TENANT_PROBES: dict[str, Probe] = {
    "supplychain_routing_sites_list": SeededProbe("GET", f"{BASE}/sites/", lists=True),
    "supplychain_routing_sites_create": SeededProbe(
        "POST",
        f"{BASE}/sites/",
        body=lambda s: {
            "customer_id": seed(s)["spare_customer_id"],
            "latitude": "31.3",
            "longitude": "121.5",
            "window_start": "08:00",
            "window_end": "10:00",
            "note": f"{s.marker} gate 2",
        },
        ok=201,
    ),
    "supplychain_routing_sites_get": SeededProbe(
        "GET", f"{BASE}/sites/{{site_id}}/", ids={"site_id": _id("site_id")}
    ),
    "supplychain_routing_sites_update": SeededProbe(
        "PATCH",
        f"{BASE}/sites/{{site_id}}/",
        ids={"site_id": _id("site_id")},
        body=lambda s: {"service_minutes": 25, "note": f"{s.marker} moved"},
    ),
    "supplychain_routing_depots_list": SeededProbe("GET", f"{BASE}/depots/", lists=True),
    "supplychain_routing_depots_create": SeededProbe(
        "POST",
        f"{BASE}/depots/",
        body=lambda s: {
            "warehouse_id": seed(s)["spare_warehouse_id"],
            "latitude": "31.2",
            "longitude": "121.2",
            "open_from": "06:00",
            "open_until": "18:00",
        },
        ok=201,
    ),
    "supplychain_routing_depots_get": SeededProbe(
        "GET", f"{BASE}/depots/{{depot_id}}/", ids={"depot_id": _id("depot_id")}
    ),
    "supplychain_routing_depots_update": SeededProbe(
        "PATCH",
        f"{BASE}/depots/{{depot_id}}/",
        ids={"depot_id": _id("depot_id")},
        body=lambda s: {"open_until": "21:00"},
    ),
    "supplychain_routing_vehicles_list": SeededProbe("GET", f"{BASE}/vehicles/", lists=True),
    "supplychain_routing_vehicles_create": SeededProbe(
        "POST",
        f"{BASE}/vehicles/",
        body=lambda s: {"depot_id": seed(s)["depot_id"], "name": f"{s.marker} van", "capacity": "12"},
        ok=201,
    ),
    "supplychain_routing_vehicles_get": SeededProbe(
        "GET", f"{BASE}/vehicles/{{vehicle_id}}/", ids={"vehicle_id": _id("vehicle_id")}
    ),
    "supplychain_routing_vehicles_update": SeededProbe(
        "PATCH",
        f"{BASE}/vehicles/{{vehicle_id}}/",
        ids={"vehicle_id": _id("vehicle_id")},
        body=lambda s: {"count": 4, "name": f"{s.marker} big truck"},
    ),
    "supplychain_routing_deliveries_list": DayProbe("GET", f"{BASE}/deliveries/", lists=True),
    "supplychain_routing_plans_list": SeededProbe("GET", f"{BASE}/plans/", lists=True),
    "supplychain_routing_plans_create": SeededProbe(
        "POST",
        f"{BASE}/plans/",
        body=lambda s: {
            "delivery_date": seed(s)["day"],
            "depot_id": seed(s)["depot_id"],
            "time_limit_seconds": 1,
        },
        ok=201,
    ),
    "supplychain_routing_plans_get": SeededProbe(
        "GET", f"{BASE}/plans/{{route_plan_id}}/", ids={"route_plan_id": _id("route_plan_id")}
    ),
}
