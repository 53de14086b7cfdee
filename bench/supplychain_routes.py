"""Delivery routes: 100 stops, 5 vehicles, customer time windows (issue 13, "Routes").

Solves one seeded day of deliveries around a depot in Shanghai with the solver the app uses
(tenants.supplychain.routing.solver: OR-Tools, capacity + time windows, PATH_CHEAPEST_ARC then guided local
search) within a 10 s budget (time limit 9.5 s: OR-Tools checks its clock now and then and may overrun by a
fraction of a second on a busy machine), and again with a 60 s limit (the best solution found); prints the
distance of the naive order and of the nearest-neighbour baseline, the gaps, and the wall time of the plan.

    python bench/supplychain_routes.py [--seed 13] [--limit 9.5] [--budget 10] [--best 60]

Pure computation: no database, no worker. The figures go in the closing note of issue 13.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hansa.settings")


def problem(seed: int, stops: int = 100, vehicles: int = 5):
    from tenants.supplychain.routing import solver
    from tenants.supplychain.routing.distances import Haversine, Point

    rng = random.Random(seed)
    depot = Point(31.2304, 121.4737)
    day: list[solver.Stop] = []
    for key in range(1, stops + 1):
        # Customers within ~25 km; windows of 2 to 4 hours opening between 08:00 and 14:00.
        start = rng.randrange(8 * 60, 14 * 60 + 1, 30) * 60
        day.append(
            solver.Stop(
                key=key,
                label=f"customer {key}",
                point=Point(
                    depot.latitude + rng.uniform(-0.22, 0.22), depot.longitude + rng.uniform(-0.26, 0.26)
                ),
                demand=Decimal(rng.randint(2, 12)),
                window_start_s=start,
                window_end_s=start + rng.choice((2, 3, 4)) * 3600,
                service_s=rng.choice((5, 10, 15)) * 60,
            )
        )
    fleet = [
        solver.Vehicle(key=1, label="Truck", unit_no=n, capacity=Decimal(160), speed_kmh=35)
        for n in range(1, vehicles + 1)
    ]
    matrices = Haversine().matrices([depot, *(s.point for s in day)])
    return solver.Problem(depot, 7 * 3600, 20 * 3600, day, fleet, matrices)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=float, default=9.5, help="time limit of the plan (s)")
    parser.add_argument("--budget", type=float, default=10.0, help="wall time the plan must fit in (s)")
    parser.add_argument("--best", type=float, default=60.0, help="time limit of the best-found run (s)")
    args = parser.parse_args()

    import django

    django.setup()
    from tenants.supplychain.routing import solver

    p = problem(args.seed)
    solver.check(p)
    naive = solver.naive(p)
    nn = solver.nearest_neighbour(p)

    started = time.perf_counter()
    plan = solver.solve(p, time_limit_s=args.limit)
    wall = time.perf_counter() - started
    best = solver.solve(p, time_limit_s=args.best)

    def km(metres: int) -> str:
        return f"{metres / 1000:,.1f} km"

    def gap(a: int, b: int) -> str:
        return f"{(a - b) / b * 100:+.2f} %"

    load = sum((s.demand for s in p.stops), Decimal(0))
    print(
        f"routes: {len(p.stops)} stops, {len(p.vehicles)} vehicles x capacity 160 (load {load}), windows 2-4 h"
    )
    print(
        f"  naive order            {km(naive.distance_m):>12}  {naive.trips} trips, windows met: {naive.meets_windows}"
    )
    print(
        f"  nearest neighbour      {km(nn.distance_m):>12}  {nn.trips} trips, windows met: {nn.meets_windows}"
    )
    print(
        f"  OR-Tools {args.limit:g} s         {km(plan.distance_m):>12}  {len(plan.routes)} vehicles, "
        f"solved in {wall:.2f} s (budget {args.budget:g} s: {'OK' if wall <= args.budget else 'OVER'})"
    )
    print(f"  OR-Tools {args.best:g} s (best)  {km(best.distance_m):>12}  {len(best.routes)} vehicles")
    print(f"  plan vs nearest neighbour: {gap(plan.distance_m, nn.distance_m)}")
    print(f"  plan vs naive order:       {gap(plan.distance_m, naive.distance_m)}")
    print(f"  plan vs best found ({args.best:g} s): {gap(plan.distance_m, best.distance_m)}  (the gap)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
