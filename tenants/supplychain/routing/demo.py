"""Demo routing for a supplier (for hansa.demo): its default warehouse as a depot with two vehicle types, a
delivery site for every customer with deliveries on the day, and the day's route plan.

Deterministic (sites spiral out from the depot by the customers' order, windows staggered) and idempotent:
an existing depot, vehicle or site is kept as it is; a plan is made only when the day has none.
"""

from __future__ import annotations

import math
from datetime import date, time
from decimal import Decimal

from identity.access import Actor
from tenants.inventory import services as inventory
from tenants.supplychain.routing import selectors, services
from tenants.supplychain.routing.models import Depot, RoutePlan

# Wuxi (the bearings supplier's town): the depot, and customers within 6-30 km of it.
DEPOT = (Decimal("31.491200"), Decimal("120.311900"))
KM_PER_DEGREE = 111.32


def _site_point(index: int) -> tuple[Decimal, Decimal]:
    angle = index * 2.399963  # the golden angle: points spread evenly around the depot
    radius_km = 6 + (index * 7) % 25
    lat = float(DEPOT[0]) + radius_km / KM_PER_DEGREE * math.sin(angle)
    lon = float(DEPOT[1]) + radius_km / (KM_PER_DEGREE * math.cos(math.radians(float(DEPOT[0])))) * math.cos(
        angle
    )
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def routing_demo_create(*, actor: Actor, day: date, time_limit_seconds: int = 3) -> RoutePlan | None:
    """Set up routing and plan ``day`` for the company of ``actor`` (call inside its schema).

    Returns the day's plan (the existing one if there is one), or None when nothing is due that day.
    Raises what route_plan_create raises when the demo's orders do not fit the demo fleet.
    """
    warehouse = inventory.default_warehouse()
    depot = Depot.objects.filter(warehouse=warehouse).first() or services.depot_create(
        actor=actor,
        warehouse_id=warehouse.pk,
        latitude=DEPOT[0],
        longitude=DEPOT[1],
        open_from=time(7),
        open_until=time(19),
    )
    if not depot.vehicles.exists():
        services.vehicle_create(
            actor=actor,
            depot_id=depot.pk,
            name="厢式货车 Box truck",
            capacity=Decimal(400),
            speed_kmh=45,
            count=2,
        )
        services.vehicle_create(
            actor=actor,
            depot_id=depot.pk,
            name="轻型货车 Light van",
            capacity=Decimal(150),
            speed_kmh=50,
            count=1,
        )
    deliveries = selectors.deliveries_of_day(day=day)
    if not deliveries:
        return None
    for index, delivery in enumerate(deliveries):
        if delivery.site is None:
            lat, lon = _site_point(index)
            start = 8 + index % 6
            services.site_create(
                actor=actor,
                customer_id=delivery.customer_id,
                latitude=lat,
                longitude=lon,
                window_start=time(start),
                window_end=time(start + 3),
                service_minutes=15,
                note="收货码头 / receiving dock",
            )
    existing = RoutePlan.objects.filter(delivery_date=day, depot=depot).first()
    if existing is not None:
        return existing
    return services.route_plan_create(
        actor=actor, delivery_date=day, depot_id=depot.pk, time_limit_seconds=time_limit_seconds
    )
