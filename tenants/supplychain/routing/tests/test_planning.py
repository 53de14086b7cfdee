"""Planning a day's routes: the plan, its baselines, the deliveries it is made of, and every refusal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.test import override_settings

from kernel.tenancy import company_context
from tenants.sales import services as sales
from tenants.sales.tests import factories as sf
from tenants.supplychain.routing import exceptions as errors
from tenants.supplychain.routing import selectors, services, solver
from tenants.supplychain.routing.distances import Haversine, Matrices, Point, haversine_m
from tenants.supplychain.routing.models import PlannedRoute, PlannedStop, RoutePlan
from tenants.supplychain.routing.tests import factories as f

DAY = date.today() + timedelta(days=3)


@pytest.fixture
def supplier(make_company):
    result = make_company(company_name="Wuxi Precision Bearings")
    actor = sf.actor_for(result.company, result.user)
    with company_context(result.company):
        yield actor


def _nothing_written() -> None:
    assert RoutePlan.objects.count() == PlannedRoute.objects.count() == PlannedStop.objects.count() == 0


def test_plan_serves_every_stop_once_within_windows_and_capacity(supplier):
    day = f.day_of_deliveries(supplier, DAY, capacity="100", vehicles=2)

    plan = services.route_plan_create(actor=supplier, delivery_date=DAY, time_limit_seconds=1)

    routes = list(plan.routes.order_by("sequence"))
    stops = [s for r in routes for s in r.stops.order_by("sequence")]
    assert sorted(s.customer_name for s in stops) == sorted(n for n, *_ in f.CUSTOMERS)
    assert plan.stop_count == 6 and plan.vehicles_available == 2 and 1 <= len(routes) <= 2
    assert plan.total_load == Decimal(165)
    assert plan.distance_source == "haversine"
    for route in routes:
        route_stops = list(route.stops.order_by("sequence"))
        assert route.load == sum(s.load for s in route_stops) <= Decimal(100)
        assert route.distance_m == sum(s.distance_m for s in route_stops) + _back_to_depot(route_stops[-1])
        on_board = route.load
        clock = route.departure_time
        for stop in route_stops:
            on_board -= stop.load
            assert stop.load_after == on_board
            assert clock <= stop.arrival_time <= stop.service_start_time <= stop.departure_time
            assert stop.window_start <= stop.service_start_time <= stop.window_end
            assert stop.order_numbers == [day.orders[_name(stop.customer_name)].number]
            clock = stop.departure_time
        assert clock <= route.return_time <= time(20)
    assert plan.total_distance_m == sum(r.distance_m for r in routes)
    # The baselines are stored with it, and the solver does at least as well as both.
    assert plan.total_distance_m <= plan.nearest_neighbour_distance_m
    assert plan.total_distance_m <= plan.naive_distance_m
    assert plan.naive_trips == 2  # 40+25+30 fill the first truck; 20+35+15 the second


def _name(label: str) -> str:
    return label


def _back_to_depot(stop: PlannedStop) -> int:
    return round(haversine_m(Point(float(stop.latitude), float(stop.longitude)), Point(*map(float, f.DEPOT))))


def test_deliveries_are_the_accepted_lines_due_that_day_per_customer_in_order_of_the_orders(supplier):
    customer, _ = f.customer_with_site(supplier, "Huaxia Machinery", "31.23", "121.47", (9, 12))
    first = f.accepted_order(supplier, customer.pk, DAY, "4")
    second = f.accepted_order(supplier, customer.pk, DAY, "6", sku="BRG-6205")
    other = sales.customer_create(actor=supplier, name="Jiading Motors")
    f.accepted_order(supplier, other.pk, DAY, "3")
    # Not due that day, not accepted: left out.
    f.accepted_order(supplier, other.pk, DAY + timedelta(days=1), "9")
    sales.manual_order_create(
        actor=supplier,
        customer_id=other.pk,
        currency="CNY",
        lines=[sales.ManualLine(sku="X", quantity=Decimal(5), unit="pcs", unit_price=Decimal(1))],
        requested_date=DAY,
    )

    deliveries = selectors.deliveries_of_day(day=DAY)

    assert [(d.customer_name, d.load, d.order_numbers) for d in deliveries] == [
        ("Huaxia Machinery", Decimal(10), [first.number, second.number]),
        ("Jiading Motors", Decimal(3), [deliveries[1].order_numbers[0]]),
    ]
    assert deliveries[0].site is not None and deliveries[1].site is None


def test_a_customer_without_a_site_is_named(supplier):
    f.day_of_deliveries(supplier, DAY)
    stranger = sales.customer_create(actor=supplier, name="Nowhere Trading")
    f.accepted_order(supplier, stranger.pk, DAY, "5")

    with pytest.raises(errors.DeliverySiteMissing) as raised:
        services.route_plan_create(actor=supplier, delivery_date=DAY, time_limit_seconds=1)

    assert raised.value.extra == {"constraint": "site", "customer_id": stranger.pk}
    assert "Nowhere Trading" in raised.value.detail
    _nothing_written()


def test_a_stop_heavier_than_every_vehicle_is_refused_before_solving(supplier):
    f.day_of_deliveries(supplier, DAY, capacity="100")
    heavy = f.customer_with_site(supplier, "Heavy Industries", "31.2", "121.4", (9, 17))[0]
    f.accepted_order(supplier, heavy.pk, DAY, "120")

    with pytest.raises(errors.StopExceedsCapacity) as raised:
        services.route_plan_create(actor=supplier, delivery_date=DAY, time_limit_seconds=1)

    assert raised.value.code == "route_stop_exceeds_capacity"
    assert raised.value.extra["customer_id"] == heavy.pk
    assert raised.value.extra["constraint"] == "capacity"
    _nothing_written()


def test_a_day_heavier_than_the_fleet_is_refused(supplier):
    f.day_of_deliveries(supplier, DAY, capacity="60", vehicles=2)  # 165 to carry, 120 of room

    with pytest.raises(errors.FleetCapacityExceeded) as raised:
        services.route_plan_create(actor=supplier, delivery_date=DAY, time_limit_seconds=1)

    assert raised.value.extra == {"constraint": "fleet_capacity", "load": "165.0000", "capacity": "120.0000"}
    _nothing_written()


def test_a_window_closing_before_a_vehicle_can_arrive_is_refused(supplier):
    f.day_of_deliveries(supplier, DAY)
    # ~60 km from the depot, which opens at 07:00: nobody is there by 07:30.
    far = f.customer_with_site(supplier, "Kunshan Castings", "31.385000", "120.980000", (6, 7))[0]
    services.site_update(actor=supplier, site_id=far.delivery_site.pk, window_end=time(7, 30))
    f.accepted_order(supplier, far.pk, DAY, "5")

    with pytest.raises(errors.TimeWindowUnreachable) as raised:
        services.route_plan_create(actor=supplier, delivery_date=DAY, time_limit_seconds=1)

    assert raised.value.extra == {"constraint": "time_window", "customer_id": far.pk}
    assert "07:30" in raised.value.detail
    _nothing_written()


def test_a_window_that_leaves_no_time_to_return_before_the_depot_closes_is_refused(supplier):
    f.day_of_deliveries(supplier, DAY)
    late = f.customer_with_site(supplier, "Kunshan Castings", "31.385000", "120.980000", (19, 20))[0]
    f.accepted_order(supplier, late.pk, DAY, "5")

    with pytest.raises(errors.TimeWindowUnreachable) as raised:
        services.route_plan_create(actor=supplier, delivery_date=DAY, time_limit_seconds=1)

    assert raised.value.extra["customer_id"] == late.pk
    assert "after the depot closes (20:00)" in raised.value.detail
    _nothing_written()


def test_no_active_vehicle_and_no_deliveries_are_refused(supplier):
    day = f.day_of_deliveries(supplier, DAY)
    services.vehicle_update(actor=supplier, vehicle_id=day.vehicles[0].pk, is_active=False)

    with pytest.raises(errors.NoVehicles):
        services.route_plan_create(actor=supplier, delivery_date=DAY, time_limit_seconds=1)
    with pytest.raises(errors.NoDeliveries):
        services.route_plan_create(
            actor=supplier, delivery_date=DAY + timedelta(days=1), time_limit_seconds=1
        )
    _nothing_written()


def test_constraints_each_possible_but_not_together_are_refused_by_the_solver(supplier):
    # One truck; two customers 30 km apart who both want it between 09:00 and 09:15.
    here = f.depot(supplier)
    services.vehicle_create(actor=supplier, depot_id=here.pk, name="Van", capacity=Decimal(50))
    for name, lat, lon in (("North Co", "31.300000", "121.380000"), ("South Co", "30.950000", "121.380000")):
        customer, site = f.customer_with_site(supplier, name, lat, lon, (9, 10))
        services.site_update(actor=supplier, site_id=site.pk, window_end=time(9, 15))
        f.accepted_order(supplier, customer.pk, DAY, "5")

    with pytest.raises(errors.RouteInfeasible) as raised:
        services.route_plan_create(actor=supplier, delivery_date=DAY, time_limit_seconds=1)

    assert raised.value.code == "route_infeasible" and raised.value.extra["constraint"] == "solver"
    assert len(raised.value.extra["customer_ids"]) == 1
    _nothing_written()


class GridDistances:
    """A routing service stand-in: 1 km per 0.01 degree of latitude plus longitude, 2 minutes per km."""

    name = "grid"

    def matrices(self, points: Sequence[Point]) -> Matrices:
        metres = [
            [round((abs(a.latitude - b.latitude) + abs(a.longitude - b.longitude)) * 100_000) for b in points]
            for a in points
        ]
        return Matrices(distance_m=metres, duration_s=[[m * 120 // 1000 for m in row] for row in metres])


@override_settings(SUPPLYCHAIN_ROUTING_DISTANCES=f"{__name__}.GridDistances")
def test_a_configured_routing_service_replaces_great_circle_distances(supplier):
    customers = [("Near Co", "31.132300", "121.381600", (8, 18), "5")]  # 0.02 deg north: 2 km on the grid
    f.day_of_deliveries(supplier, DAY, customers=customers)

    plan = services.route_plan_create(actor=supplier, delivery_date=DAY, time_limit_seconds=1)

    stop = PlannedStop.objects.get(route__plan=plan)
    assert plan.distance_source == "grid"
    assert plan.total_distance_m == 4000 and stop.distance_m == 2000
    assert stop.arrival_time == time(8)  # leaves at 07:56 to arrive as the window opens: 4 minutes' drive
    assert PlannedRoute.objects.get(plan=plan).departure_time == time(7, 56)


def test_haversine_distance_shanghai_to_beijing():
    shanghai, beijing = Point(31.2304, 121.4737), Point(39.9042, 116.4074)
    assert haversine_m(shanghai, beijing) == pytest.approx(1_067_000, rel=0.01)
    matrices = Haversine().matrices([shanghai, beijing, shanghai])
    assert matrices.distance_m[0][1] == matrices.distance_m[1][0] == round(haversine_m(shanghai, beijing))
    assert matrices.distance_m[0][2] == 0 and matrices.duration_s is None


def _line_problem(demands: list[int], capacity: int, vehicles: int = 2) -> solver.Problem:
    """Stops 1 km apart on a line east of the depot, open all day."""
    stops = [
        solver.Stop(key=k, label=f"s{k}", point=Point(0, 0.009 * k), demand=Decimal(d),
                    window_start_s=0, window_end_s=86_000, service_s=0)
        for k, d in enumerate(demands, start=1)
    ]  # fmt: skip
    fleet = [solver.Vehicle(key=1, label="T", unit_no=n, capacity=Decimal(capacity), speed_kmh=36) for n in
             range(1, vehicles + 1)]  # fmt: skip
    matrices = Haversine().matrices([Point(0, 0), *(s.point for s in stops)])
    return solver.Problem(Point(0, 0), 0, 86_000, stops, fleet, matrices)


def test_naive_order_splits_trips_by_capacity_and_nearest_neighbour_goes_nearest_first():
    problem = _line_problem([6, 6, 6, 6], capacity=12)
    naive = solver.naive(problem)
    assert naive.sequence == [[1, 2], [3, 4]] and naive.trips == 2
    # Trip 1: 0 -> 1 -> 2 -> 0 (4 km); trip 2: 0 -> 3 -> 4 -> 0 (8 km), all about 1 km apart.
    assert naive.distance_m == pytest.approx(12_000, rel=0.01)

    reversed_problem = _line_problem([6, 6, 6, 6], capacity=24)
    reversed_problem = solver.Problem(
        reversed_problem.depot, 0, 86_000, list(reversed(reversed_problem.stops)),
        reversed_problem.vehicles, Haversine().matrices(
            [Point(0, 0), *(s.point for s in reversed(reversed_problem.stops))]),
    )  # fmt: skip
    nn = solver.nearest_neighbour(reversed_problem)
    assert [[reversed_problem.stops[n - 1].key for n in trip] for trip in nn.sequence] == [[1, 2, 3, 4]]
    assert nn.meets_windows
    assert solver.naive(reversed_problem).distance_m == pytest.approx(8_000, rel=0.01)  # 4 km out, 4 back


def test_demo_sets_up_routing_and_plans_the_day_once(supplier):
    from tenants.supplychain.routing.demo import routing_demo_create

    for name in ("Huaxia Machinery", "Jiading Motors", "Pudong Pumps"):
        customer = sales.customer_create(actor=supplier, name=name)
        f.accepted_order(supplier, customer.pk, DAY, "60")

    plan = routing_demo_create(actor=supplier, day=DAY, time_limit_seconds=1)
    again = routing_demo_create(actor=supplier, day=DAY, time_limit_seconds=1)

    assert plan is not None and again == plan
    assert plan.stop_count == 3 and plan.vehicles_available == 3
    assert RoutePlan.objects.count() == 1
    assert PlannedStop.objects.filter(route__plan=plan).count() == 3
    assert routing_demo_create(actor=supplier, day=DAY + timedelta(days=1)) is None
