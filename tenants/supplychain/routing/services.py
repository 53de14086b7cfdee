"""Writes of supply-chain routing: delivery sites, depots, vehicles, and planning a day's routes.

Every write needs ``supplychain.manage``. Planning reads the day's deliveries, refuses a problem that cannot
have a solution before solving (naming the constraint), solves outside any transaction (the solver runs for
its time limit) and then writes the plan, its routes and stops in one transaction: a refused plan writes
nothing.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from identity.access import Actor
from kernel.errors import ValidationFailed
from tenants.inventory.models import Warehouse
from tenants.sales.models import Customer
from tenants.supplychain.routing import selectors, solver
from tenants.supplychain.routing.distances import Point, distance_source
from tenants.supplychain.routing.exceptions import DeliverySiteMissing, DuplicateDeliverySite, DuplicateDepot
from tenants.supplychain.routing.models import (
    DeliverySite,
    Depot,
    PlannedRoute,
    PlannedStop,
    RoutePlan,
    Vehicle,
)

MANAGE = "supplychain.manage"
MAX_TIME_LIMIT_S = 60


def default_speed_kmh() -> int:
    """Average speed of a vehicle that states none (setting ``SUPPLYCHAIN_ROUTING_SPEED_KMH``, default 40)."""
    return int(getattr(settings, "SUPPLYCHAIN_ROUTING_SPEED_KMH", solver.DEFAULT_SPEED_KMH))


def _seconds(value: time) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


def _clock(seconds: int) -> time:
    seconds = max(0, min(seconds, 24 * 3600 - 1))
    return time(seconds // 3600, seconds % 3600 // 60, seconds % 60)


def _ordered(errors: dict[str, list[str]], start: Any, end: Any, field: str, message: str) -> None:
    if start is not None and end is not None and start >= end:
        errors.setdefault(field, []).append(message)


# --- sites -----------------------------------------------------------------------------------------------


@transaction.atomic
def site_create(
    *,
    actor: Actor,
    customer_id: int,
    latitude: Decimal,
    longitude: Decimal,
    window_start: time,
    window_end: time,
    service_minutes: int = 10,
    note: str = "",
) -> DeliverySite:
    """A customer's delivery site.

    Raises: PermissionMissing, ValidationFailed (unknown customer, window not ordered),
    DuplicateDeliverySite (the customer has one: change it instead).
    """
    actor.require(MANAGE)
    errors: dict[str, list[str]] = {}
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None:
        errors["customer_id"] = ["No such customer."]
    _ordered(errors, window_start, window_end, "window_end", "The window must end after it starts.")
    if errors:
        raise ValidationFailed(errors=errors)
    assert customer is not None
    if DeliverySite.objects.filter(customer=customer).exists():
        raise DuplicateDeliverySite()
    try:
        with transaction.atomic():
            return DeliverySite.objects.create(
                customer=customer,
                latitude=latitude,
                longitude=longitude,
                window_start=window_start,
                window_end=window_end,
                service_minutes=service_minutes,
                note=note,
            )
    except IntegrityError:  # created by a concurrent request
        raise DuplicateDeliverySite() from None


@transaction.atomic
def site_update(*, actor: Actor, site_id: int, **values: Any) -> DeliverySite:
    """Change a site (coordinates, window, service minutes, note). Raises: PermissionMissing, NotFound,
    ValidationFailed (window not ordered)."""
    actor.require(MANAGE)
    site = selectors.site_get(site_id=site_id)
    site = DeliverySite.objects.select_for_update().select_related("customer").get(pk=site.pk)
    for name in ("latitude", "longitude", "window_start", "window_end", "service_minutes", "note"):
        if name in values:
            setattr(site, name, values[name])
    errors: dict[str, list[str]] = {}
    _ordered(errors, site.window_start, site.window_end, "window_end", "The window must end after it starts.")
    if errors:
        raise ValidationFailed(errors=errors)
    site.save()
    return site


# --- depots and vehicles ---------------------------------------------------------------------------------


@transaction.atomic
def depot_create(
    *,
    actor: Actor,
    warehouse_id: int,
    latitude: Decimal,
    longitude: Decimal,
    open_from: time,
    open_until: time,
) -> Depot:
    """Make a warehouse a depot. Raises: PermissionMissing, ValidationFailed (unknown warehouse, hours not
    ordered), DuplicateDepot."""
    actor.require(MANAGE)
    errors: dict[str, list[str]] = {}
    warehouse = Warehouse.objects.filter(pk=warehouse_id).first()
    if warehouse is None:
        errors["warehouse_id"] = ["No such warehouse."]
    _ordered(errors, open_from, open_until, "open_until", "The depot must close after it opens.")
    if errors:
        raise ValidationFailed(errors=errors)
    assert warehouse is not None
    if Depot.objects.filter(warehouse=warehouse).exists():
        raise DuplicateDepot()
    try:
        with transaction.atomic():
            depot = Depot.objects.create(
                warehouse=warehouse,
                latitude=latitude,
                longitude=longitude,
                open_from=open_from,
                open_until=open_until,
            )
    except IntegrityError:
        raise DuplicateDepot() from None
    return depot


@transaction.atomic
def depot_update(*, actor: Actor, depot_id: int, **values: Any) -> Depot:
    """Raises: PermissionMissing, NotFound, ValidationFailed (hours not ordered)."""
    actor.require(MANAGE)
    depot = Depot.objects.select_for_update().filter(pk=selectors.depot_get(depot_id=depot_id).pk).get()
    for name in ("latitude", "longitude", "open_from", "open_until"):
        if name in values:
            setattr(depot, name, values[name])
    errors: dict[str, list[str]] = {}
    _ordered(errors, depot.open_from, depot.open_until, "open_until", "The depot must close after it opens.")
    if errors:
        raise ValidationFailed(errors=errors)
    depot.save()
    return depot


@transaction.atomic
def vehicle_create(
    *,
    actor: Actor,
    depot_id: int,
    name: str,
    capacity: Decimal,
    speed_kmh: int | None = None,
    count: int = 1,
) -> Vehicle:
    """Raises: PermissionMissing, ValidationFailed (unknown depot)."""
    actor.require(MANAGE)
    depot = Depot.objects.filter(pk=depot_id).first()
    if depot is None:
        raise ValidationFailed(errors={"depot_id": ["No such depot."]})
    return Vehicle.objects.create(depot=depot, name=name, capacity=capacity, speed_kmh=speed_kmh, count=count)


@transaction.atomic
def vehicle_update(*, actor: Actor, vehicle_id: int, **values: Any) -> Vehicle:
    """Raises: PermissionMissing, NotFound."""
    actor.require(MANAGE)
    vehicle = Vehicle.objects.select_for_update().get(pk=selectors.vehicle_get(vehicle_id=vehicle_id).pk)
    for name in ("name", "capacity", "speed_kmh", "count", "is_active"):
        if name in values:
            setattr(vehicle, name, values[name])
    vehicle.save()
    return vehicle


# --- planning --------------------------------------------------------------------------------------------


def _depot_for(depot_id: int | None) -> Depot:
    if depot_id is not None:
        depot = Depot.objects.select_related("warehouse").filter(pk=depot_id).first()
        if depot is None:
            raise ValidationFailed(errors={"depot_id": ["No such depot."]})
        return depot
    depots = list(Depot.objects.select_related("warehouse")[:2])
    if len(depots) != 1:
        raise ValidationFailed(
            errors={"depot_id": ["Set up a depot first." if not depots else "Choose the depot to plan from."]}
        )
    return depots[0]


def problem_for_day(*, day: date, depot: Depot) -> tuple[solver.Problem, list[selectors.Delivery]]:
    """The routing problem of ``day`` from ``depot``: one stop per customer with deliveries due that day,
    the depot's active vehicles (each type ``count`` times).

    Raises: NoDeliveries (via solver.check), DeliverySiteMissing.
    """
    deliveries = list(selectors.deliveries_of_day(day=day))
    for delivery in deliveries:
        if delivery.site is None:
            raise DeliverySiteMissing(
                f"{delivery.customer_name} has deliveries on {day.isoformat()} but no delivery site: add its "
                "coordinates and time window.",
                customer_id=delivery.customer_id,
            )
    stops = [
        solver.Stop(
            key=d.customer_id,
            label=d.customer_name,
            point=Point(float(d.site.latitude), float(d.site.longitude)),
            demand=d.load,
            window_start_s=_seconds(d.site.window_start),
            window_end_s=_seconds(d.site.window_end),
            service_s=d.site.service_minutes * 60,
        )
        for d in deliveries
        if d.site is not None
    ]
    vehicles = [
        solver.Vehicle(
            key=v.pk,
            label=v.name,
            unit_no=n,
            capacity=v.capacity,
            speed_kmh=v.speed_kmh or default_speed_kmh(),
        )
        for v in depot.vehicles.filter(is_active=True).order_by("name", "id")
        for n in range(1, v.count + 1)
    ]
    here = Point(float(depot.latitude), float(depot.longitude))
    source = distance_source()
    problem = solver.Problem(
        depot=here,
        opens_s=_seconds(depot.open_from),
        closes_s=_seconds(depot.open_until),
        stops=stops,
        vehicles=vehicles,
        matrices=source.matrices([here, *(s.point for s in stops)]),
    )
    return problem, deliveries


def route_plan_create(
    *, actor: Actor, delivery_date: date, depot_id: int | None = None, time_limit_seconds: int = 5
) -> RoutePlan:
    """Plan the routes of ``delivery_date``'s deliveries from a depot (the only one when not given).

    Before solving, refuses a day that cannot be planned, naming the constraint; then solves with
    OR-Tools for ``time_limit_seconds`` (1 to 60) and stores the plan with the naive order's and the
    nearest-neighbour baseline's distance. Nothing is written unless a plan is found.

    Raises: PermissionMissing, ValidationFailed (depot, time limit), NoDeliveries, DeliverySiteMissing,
    NoVehicles, StopExceedsCapacity, FleetCapacityExceeded, TimeWindowUnreachable, RouteInfeasible.
    """
    actor.require(MANAGE)
    if not 1 <= time_limit_seconds <= MAX_TIME_LIMIT_S:
        raise ValidationFailed(errors={"time_limit_seconds": [f"Use 1 to {MAX_TIME_LIMIT_S} seconds."]})
    depot = _depot_for(depot_id)
    problem, deliveries = problem_for_day(day=delivery_date, depot=depot)
    solver.check(problem)
    naive = solver.naive(problem)
    nearest = solver.nearest_neighbour(problem)
    solution = solver.solve(problem, time_limit_s=time_limit_seconds)
    by_customer = {d.customer_id: d for d in deliveries}
    with transaction.atomic():
        plan = RoutePlan.objects.create(
            depot=depot,
            depot_label=f"{depot.warehouse.code} {depot.warehouse.name}",
            delivery_date=delivery_date,
            distance_source=distance_source().name,
            time_limit_seconds=time_limit_seconds,
            solve_ms=solution.solve_ms,
            stop_count=len(problem.stops),
            vehicles_available=len(problem.vehicles),
            total_load=sum((s.demand for s in problem.stops), Decimal(0)),
            total_distance_m=solution.distance_m,
            naive_distance_m=naive.distance_m,
            naive_trips=naive.trips,
            nearest_neighbour_distance_m=nearest.distance_m,
            nearest_neighbour_trips=nearest.trips,
            nearest_neighbour_meets_windows=nearest.meets_windows,
            created_by=actor.user,
            created_by_label=actor.label,
        )
        for sequence, route in enumerate(solution.routes, start=1):
            row = PlannedRoute.objects.create(
                plan=plan,
                sequence=sequence,
                vehicle_id=route.vehicle.key,
                vehicle_name=route.vehicle.label,
                unit_no=route.vehicle.unit_no,
                capacity=route.vehicle.capacity,
                departure_time=_clock(route.departure_s),
                return_time=_clock(route.return_s),
                distance_m=route.distance_m,
                load=route.load,
            )
            stops = []
            for n, visit in enumerate(route.visits, start=1):
                stop = problem.stops[visit.node - 1]
                delivery = by_customer[stop.key]
                assert delivery.site is not None
                stops.append(
                    PlannedStop(
                        route=row,
                        sequence=n,
                        customer_id=stop.key,
                        customer_name=stop.label,
                        order_numbers=delivery.order_numbers,
                        latitude=delivery.site.latitude,
                        longitude=delivery.site.longitude,
                        window_start=_clock(stop.window_start_s),
                        window_end=_clock(stop.window_end_s),
                        arrival_time=_clock(visit.arrival_s),
                        service_start_time=_clock(visit.start_s),
                        departure_time=_clock(visit.departure_s),
                        distance_m=visit.distance_m,
                        load=visit.delivered,
                        load_after=visit.load_after,
                    )
                )
            PlannedStop.objects.bulk_create(stops)
    return plan
