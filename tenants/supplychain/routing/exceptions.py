"""Domain errors of route planning. Codes are published: never change them.

A plan that cannot be made answers 422 with a code naming the constraint that makes it impossible; the
problem carries ``constraint`` (the same name, for clients that group them) and, where one stop is to
blame, ``customer_id``. Nothing is written.
"""

from __future__ import annotations

from typing import Any

from kernel.errors import Conflict, DomainError


class DuplicateDeliverySite(Conflict):
    code = "duplicate_delivery_site"
    title = "This customer already has a delivery site"


class DuplicateDepot(Conflict):
    code = "duplicate_depot"
    title = "This warehouse is already a depot"


class RouteUnplannable(DomainError):
    """Base of every "no feasible plan" answer."""

    status = 422
    code = "route_infeasible"
    title = "No route plan meets the constraints"
    constraint = "solver"

    def __init__(self, detail: str = "", **extra: Any) -> None:
        super().__init__(detail, constraint=self.constraint, **extra)


class NoDeliveries(RouteUnplannable):
    code = "route_no_deliveries"
    title = "Nothing to deliver on this day"
    constraint = "deliveries"


class DeliverySiteMissing(RouteUnplannable):
    code = "route_site_missing"
    title = "A customer to deliver to has no delivery site (coordinates)"
    constraint = "site"


class NoVehicles(RouteUnplannable):
    code = "route_no_vehicles"
    title = "The depot has no active vehicle"
    constraint = "fleet"


class StopExceedsCapacity(RouteUnplannable):
    code = "route_stop_exceeds_capacity"
    title = "A stop's load exceeds every vehicle's capacity"
    constraint = "capacity"


class FleetCapacityExceeded(RouteUnplannable):
    code = "route_fleet_capacity_exceeded"
    title = "The day's load exceeds the capacity of the whole fleet"
    constraint = "fleet_capacity"


class TimeWindowUnreachable(RouteUnplannable):
    code = "route_window_unreachable"
    title = "A stop cannot be reached within its time window (and back while the depot is open)"
    constraint = "time_window"


class RouteInfeasible(RouteUnplannable):
    """The solver found no plan within its time limit although every single constraint can be met."""

    code = "route_infeasible"
    title = "No route plan meets all time windows and capacities together"
    constraint = "solver"
