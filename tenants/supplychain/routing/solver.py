"""The vehicle-routing problem of a day's deliveries, its feasibility checks, two baselines and the solver.

Pure computation (no database): :func:`check` refuses a problem that cannot have a solution, naming the
constraint; :func:`naive` and :func:`nearest_neighbour` give the baselines every plan is compared with;
:func:`solve` runs OR-Tools' routing solver (pywrapcp: capacity dimension, time dimension with windows,
PATH_CHEAPEST_ARC then GUIDED_LOCAL_SEARCH until the time limit).

Units: distances in metres, times in seconds after midnight of the delivery day, loads as Decimals
(scaled to integers of 1/10 000 for the solver, the precision of quantities).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import pairwise

from tenants.supplychain.routing import exceptions as errors
from tenants.supplychain.routing.distances import Matrices, Point

LOAD_SCALE = 10_000
DEFAULT_SPEED_KMH = 40


@dataclass(frozen=True)
class Stop:
    key: int  # the customer's id
    label: str
    point: Point
    demand: Decimal
    window_start_s: int
    window_end_s: int
    service_s: int


@dataclass(frozen=True)
class Vehicle:
    key: int  # the vehicle (type) id
    label: str
    unit_no: int  # 1..count of its type
    capacity: Decimal
    speed_kmh: int


@dataclass(frozen=True)
class Problem:
    depot: Point
    opens_s: int
    closes_s: int
    stops: Sequence[Stop]
    vehicles: Sequence[Vehicle]
    matrices: Matrices

    def distance(self, i: int, j: int) -> int:
        """Metres between nodes (0 is the depot, stop k is node k + 1)."""
        return self.matrices.distance_m[i][j]

    def travel_s(self, i: int, j: int, speed_kmh: int) -> int:
        if self.matrices.duration_s is not None:
            return self.matrices.duration_s[i][j]
        return round(self.distance(i, j) * 3.6 / speed_kmh)

    def service_s(self, node: int) -> int:
        return 0 if node == 0 else self.stops[node - 1].service_s

    def window(self, node: int) -> tuple[int, int]:
        if node == 0:
            return self.opens_s, self.closes_s
        stop = self.stops[node - 1]
        return stop.window_start_s, stop.window_end_s


@dataclass(frozen=True)
class Visit:
    node: int
    arrival_s: int
    start_s: int  # service starts (after waiting for the window)
    departure_s: int
    distance_m: int  # from the previous point
    delivered: Decimal
    load_after: Decimal  # still on board after this stop


@dataclass
class Route:
    vehicle: Vehicle
    departure_s: int
    return_s: int
    visits: list[Visit]
    distance_m: int

    @property
    def load(self) -> Decimal:
        """What the vehicle leaves the depot with (all of it is delivered)."""
        return sum((v.delivered for v in self.visits), Decimal(0))


@dataclass
class Solution:
    routes: list[Route]
    distance_m: int
    solve_ms: int


@dataclass
class Baseline:
    distance_m: int
    trips: int
    meets_windows: bool
    sequence: list[list[int]] = field(default_factory=list)


# --- checks ----------------------------------------------------------------------------------------------


def check(problem: Problem) -> None:
    """Refuse a problem no plan can satisfy, naming the first constraint that makes it impossible.

    Raises: NoDeliveries, NoVehicles, StopExceedsCapacity, FleetCapacityExceeded, TimeWindowUnreachable.
    """
    if not problem.stops:
        raise errors.NoDeliveries("There are no open deliveries on this day.")
    if not problem.vehicles:
        raise errors.NoVehicles("Add a vehicle to the depot (or activate one) before planning.")
    largest = max(v.capacity for v in problem.vehicles)
    for stop in problem.stops:
        if stop.demand > largest:
            raise errors.StopExceedsCapacity(
                f"{stop.label} needs {stop.demand:f}, the largest vehicle carries {largest:f}.",
                customer_id=stop.key,
                load=f"{stop.demand:f}",
                capacity=f"{largest:f}",
            )
    total = sum((s.demand for s in problem.stops), Decimal(0))
    fleet = sum((v.capacity for v in problem.vehicles), Decimal(0))
    if total > fleet:
        raise errors.FleetCapacityExceeded(
            f"The day's deliveries weigh {total:f}, the whole fleet carries {fleet:f} in one trip each.",
            load=f"{total:f}",
            capacity=f"{fleet:f}",
        )
    fastest = max(v.speed_kmh for v in problem.vehicles)
    for node, stop in enumerate(problem.stops, start=1):
        arrival = problem.opens_s + problem.travel_s(0, node, fastest)
        start = max(arrival, stop.window_start_s)
        back = start + stop.service_s + problem.travel_s(node, 0, fastest)
        if stop.window_start_s > stop.window_end_s or arrival > stop.window_end_s:
            raise errors.TimeWindowUnreachable(
                f"{stop.label}: the earliest arrival from the depot is {_clock(arrival)}, "
                f"after its window closes ({_clock(stop.window_end_s)}).",
                customer_id=stop.key,
            )
        if back > problem.closes_s:
            raise errors.TimeWindowUnreachable(
                f"{stop.label}: a vehicle serving it in its window is back at {_clock(back)}, "
                f"after the depot closes ({_clock(problem.closes_s)}).",
                customer_id=stop.key,
            )


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


# --- schedules -------------------------------------------------------------------------------------------


def schedule(problem: Problem, vehicle: Vehicle, nodes: Sequence[int]) -> Route:
    """The earliest schedule of ``nodes`` (stop nodes, in order) for ``vehicle``; leaves the depot as late
    as the first stop's window allows without delaying anything."""
    on_board = sum((problem.stops[n - 1].demand for n in nodes), Decimal(0))
    visits: list[Visit] = []
    t = problem.opens_s
    previous = 0
    total = 0
    for node in nodes:
        travel = problem.travel_s(previous, node, vehicle.speed_kmh)
        arrival = t + travel
        start = max(arrival, problem.window(node)[0])
        departure = start + problem.service_s(node)
        on_board -= problem.stops[node - 1].demand
        d = problem.distance(previous, node)
        total += d
        visits.append(Visit(node, arrival, start, departure, d, problem.stops[node - 1].demand, on_board))
        t, previous = departure, node
    back_d = problem.distance(previous, 0) if nodes else 0
    total += back_d
    back = t + problem.travel_s(previous, 0, vehicle.speed_kmh) if nodes else problem.opens_s
    departure_s = problem.opens_s
    if visits:
        # Leave later by the first stop's wait: its service start, and everything after, stay the same.
        wait = visits[0].start_s - visits[0].arrival_s
        departure_s += wait
        first = visits[0]
        visits[0] = replace(first, arrival_s=first.arrival_s + wait)
    return Route(vehicle=vehicle, departure_s=departure_s, return_s=back, visits=visits, distance_m=total)


def _feasible(problem: Problem, vehicle: Vehicle, nodes: Sequence[int]) -> bool:
    t = problem.opens_s
    previous = 0
    for node in nodes:
        t += problem.service_s(previous) + problem.travel_s(previous, node, vehicle.speed_kmh)
        start, end = problem.window(node)
        if t > end:
            return False
        t = max(t, start)
        previous = node
    t += problem.service_s(previous) + problem.travel_s(previous, 0, vehicle.speed_kmh)
    return t <= problem.closes_s


def _trip_distance(problem: Problem, nodes: Sequence[int]) -> int:
    path = [0, *nodes, 0]
    return sum(problem.distance(a, b) for a, b in pairwise(path))


# --- baselines -------------------------------------------------------------------------------------------


def naive(problem: Problem) -> Baseline:
    """The stops in the order of their orders, a new trip whenever the next load does not fit; the fleet's
    vehicles take trips in turn (time windows are not looked at)."""
    trips: list[list[int]] = []
    current: list[int] = []
    room = Decimal(0)
    for node, stop in enumerate(problem.stops, start=1):
        if not current or stop.demand > room:
            if current:
                trips.append(current)
            vehicle = problem.vehicles[len(trips) % len(problem.vehicles)]
            current, room = [], vehicle.capacity
        current.append(node)
        room -= stop.demand
    if current:
        trips.append(current)
    meets = all(
        _feasible(problem, problem.vehicles[i % len(problem.vehicles)], trip) for i, trip in enumerate(trips)
    ) and len(trips) <= len(problem.vehicles)
    return Baseline(sum(_trip_distance(problem, t) for t in trips), len(trips), meets, trips)


def nearest_neighbour(problem: Problem) -> Baseline:
    """Greedy: each vehicle in turn goes to the nearest unvisited stop it can still carry and reach within
    its window (and get back before the depot closes), until none is left; then the next vehicle. Stops left
    when the fleet is used up get extra trips by capacity alone (``meets_windows`` is then false)."""
    left = set(range(1, len(problem.stops) + 1))
    trips: list[list[int]] = []
    meets = True
    for vehicle in problem.vehicles:
        if not left:
            break
        trip = _greedy_trip(problem, vehicle, left, windows=True)
        if trip:
            trips.append(trip)
    while left:
        meets = False
        vehicle = max(problem.vehicles, key=lambda v: v.capacity)
        trip = _greedy_trip(problem, vehicle, left, windows=False)
        if not trip:  # a stop no vehicle carries: check() refuses such problems first
            break
        trips.append(trip)
    return Baseline(sum(_trip_distance(problem, t) for t in trips), len(trips), meets, trips)


def _greedy_trip(problem: Problem, vehicle: Vehicle, left: set[int], *, windows: bool) -> list[int]:
    trip: list[int] = []
    room = vehicle.capacity
    t = problem.opens_s
    here = 0
    while True:
        best: tuple[int, int] | None = None
        for node in left:
            stop = problem.stops[node - 1]
            if stop.demand > room:
                continue
            d = problem.distance(here, node)
            if best is not None and d >= best[0]:
                continue
            if windows:
                arrival = t + problem.service_s(here) + problem.travel_s(here, node, vehicle.speed_kmh)
                if arrival > stop.window_end_s:
                    continue
                start = max(arrival, stop.window_start_s)
                back = start + stop.service_s + problem.travel_s(node, 0, vehicle.speed_kmh)
                if back > problem.closes_s:
                    continue
            best = (d, node)
        if best is None:
            return trip
        node = best[1]
        stop = problem.stops[node - 1]
        arrival = t + problem.service_s(here) + problem.travel_s(here, node, vehicle.speed_kmh)
        t = max(arrival, stop.window_start_s)
        room -= stop.demand
        trip.append(node)
        left.discard(node)
        here = node


# --- the solver ------------------------------------------------------------------------------------------


def solve(problem: Problem, *, time_limit_s: float) -> Solution:
    """The shortest plan OR-Tools finds within ``time_limit_s`` seconds.

    Call :func:`check` first. Raises RouteInfeasible when the solver finds no plan meeting every window
    and capacity together.
    """
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    started = time.perf_counter()
    n = len(problem.stops) + 1
    vehicles = list(problem.vehicles)
    manager = pywrapcp.RoutingIndexManager(n, len(vehicles), 0)
    routing = pywrapcp.RoutingModel(manager)

    distance = routing.RegisterTransitMatrix([list(row) for row in problem.matrices.distance_m])
    routing.SetArcCostEvaluatorOfAllVehicles(distance)

    demands = [0] + [int(s.demand * LOAD_SCALE) for s in problem.stops]
    demand = routing.RegisterUnaryTransitVector(demands)
    routing.AddDimensionWithVehicleCapacity(
        demand, 0, [int(v.capacity * LOAD_SCALE) for v in vehicles], True, "Load"
    )

    by_speed: dict[int, int] = {}
    for v in vehicles:
        if v.speed_kmh not in by_speed:
            times = [
                [
                    problem.service_s(i) + problem.travel_s(i, j, v.speed_kmh) if i != j else 0
                    for j in range(n)
                ]
                for i in range(n)
            ]
            by_speed[v.speed_kmh] = routing.RegisterTransitMatrix(times)
    horizon = problem.closes_s
    routing.AddDimensionWithVehicleTransits(
        [by_speed[v.speed_kmh] for v in vehicles], horizon, horizon, False, "Time"
    )
    clock = routing.GetDimensionOrDie("Time")
    # Every stop may be dropped at a penalty larger than any route: the first solution always exists, the
    # search then serves everything it can; a plan that still drops a stop is refused below.
    penalty = 1 + sum(max(row) for row in problem.matrices.distance_m) * 2
    for node in range(1, n):
        start, end = problem.window(node)
        index = manager.NodeToIndex(node)
        clock.CumulVar(index).SetRange(start, end)
        routing.AddDisjunction([index], penalty)
    for k in range(len(vehicles)):
        clock.CumulVar(routing.Start(k)).SetRange(problem.opens_s, problem.closes_s)
        clock.CumulVar(routing.End(k)).SetRange(problem.opens_s, problem.closes_s)
        routing.AddVariableMinimizedByFinalizer(clock.CumulVar(routing.Start(k)))
        routing.AddVariableMinimizedByFinalizer(clock.CumulVar(routing.End(k)))

    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    # The limit is on the whole call: building the model counts, and reading the solution back takes ~50 ms.
    remaining = time_limit_s - (time.perf_counter() - started) - 0.05
    parameters.time_limit.FromMilliseconds(max(100, int(remaining * 1000)))
    assignment = routing.SolveWithParameters(parameters)
    dropped = (
        [node for node in range(1, n) if assignment.Value(routing.NextVar(manager.NodeToIndex(node))) ==
         manager.NodeToIndex(node)]
        if assignment is not None
        else list(range(1, n))
    )  # fmt: skip
    if dropped:
        labels = ", ".join(problem.stops[node - 1].label for node in dropped[:5])
        raise errors.RouteInfeasible(
            f"The solver found no plan serving every stop within its time window and the vehicles' capacity "
            f"within {time_limit_s:g} s ({len(dropped)} left over: {labels}): add vehicles, widen windows or "
            "allow a longer time limit.",
            customer_ids=[problem.stops[node - 1].key for node in dropped],
        )
    routes: list[Route] = []
    for k, vehicle in enumerate(vehicles):
        index = assignment.Value(routing.NextVar(routing.Start(k)))
        nodes: list[int] = []
        while not routing.IsEnd(index):
            nodes.append(manager.IndexToNode(index))
            index = assignment.Value(routing.NextVar(index))
        if nodes:
            routes.append(schedule(problem, vehicle, nodes))
    return Solution(
        routes=routes,
        distance_m=sum(r.distance_m for r in routes),
        solve_ms=round((time.perf_counter() - started) * 1000),
    )
