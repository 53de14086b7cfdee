"""Reads of supply-chain routing: sites, depots, vehicles, plans, and the deliveries of a day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from kernel.errors import NotFound
from tenants.sales.models import Customer, OrderStatus, SalesOrderLine
from tenants.supplychain.routing.models import (
    DeliverySite,
    Depot,
    PlannedRoute,
    PlannedStop,
    RoutePlan,
    Vehicle,
)

# Orders whose goods are to be delivered: accepted, possibly partly shipped already.
DELIVERABLE = (OrderStatus.ACCEPTED, OrderStatus.PARTLY_SHIPPED)


def site_list(*, search: str = "") -> QuerySet[DeliverySite]:
    rows = DeliverySite.objects.select_related("customer")
    if search:
        rows = rows.filter(customer__name__icontains=search)
    return rows


def site_get(*, site_id: int) -> DeliverySite:
    site = DeliverySite.objects.select_related("customer").filter(pk=site_id).first()
    if site is None:
        raise NotFound()
    return site


def depot_list() -> QuerySet[Depot]:
    return (
        Depot.objects.select_related("warehouse")
        .annotate(active_vehicles=Coalesce(Sum("vehicles__count", filter=Q(vehicles__is_active=True)), 0))
        .order_by("warehouse__code", "id")
    )


def depot_get(*, depot_id: int) -> Depot:
    depot = depot_list().filter(pk=depot_id).first()
    if depot is None:
        raise NotFound()
    return depot


def vehicle_list(*, depot_id: int | None = None, active: bool | None = None) -> QuerySet[Vehicle]:
    rows = Vehicle.objects.all()
    if depot_id is not None:
        rows = rows.filter(depot_id=depot_id)
    if active is not None:
        rows = rows.filter(is_active=active)
    return rows


def vehicle_get(*, vehicle_id: int) -> Vehicle:
    vehicle = Vehicle.objects.filter(pk=vehicle_id).first()
    if vehicle is None:
        raise NotFound()
    return vehicle


def plan_list(*, delivery_date: date | None = None) -> QuerySet[RoutePlan]:
    rows = RoutePlan.objects.annotate(routes_used=Count("routes")).order_by("-created_at", "-id")
    if delivery_date is not None:
        rows = rows.filter(delivery_date=delivery_date)
    return rows


def plan_get(*, route_plan_id: int) -> RoutePlan:
    plan = (
        RoutePlan.objects.annotate(routes_used=Count("routes"))
        .prefetch_related(
            Prefetch(
                "routes",
                queryset=PlannedRoute.objects.prefetch_related(
                    Prefetch("stops", queryset=PlannedStop.objects.order_by("sequence"))
                ).order_by("sequence"),
            )
        )
        .filter(pk=route_plan_id)
        .first()
    )
    if plan is None:
        raise NotFound()
    return plan


@dataclass
class Delivery:
    """Everything one customer is to receive on a day: one stop."""

    customer_id: int
    customer_name: str
    site: DeliverySite | None
    load: Decimal = Decimal(0)
    order_numbers: list[str] = field(default_factory=list)

    @property
    def site_id(self) -> int | None:
        return self.site.pk if self.site else None

    @property
    def window_start(self) -> time | None:
        return self.site.window_start if self.site else None

    @property
    def window_end(self) -> time | None:
        return self.site.window_end if self.site else None


def deliveries_of_day(*, day: date) -> Sequence[Delivery]:
    """The stops of ``day``: per customer, the open quantity of every line of an accepted (or partly
    shipped) sales order due that day (the line's promised date, else its requested date, else the order's),
    in the order of the orders (order date, then number) — the naive order of a plan.

    The load is the sum of open quantities whatever their unit: the vehicles' capacity is in the same sum.
    """
    lines = (
        SalesOrderLine.objects.filter(order__status__in=DELIVERABLE)
        .annotate(due=Coalesce("promised_date", "requested_date", "order__requested_date"))
        .filter(due=day)
        .annotate(open=F("quantity") + F("replacement_quantity") - F("shipped_quantity"))
        .filter(open__gt=0)
        .values("open", "order__number", "order__customer_id")
        .order_by("order__order_date", "order__number", "line_no")
    )
    by_customer: dict[int, Delivery] = {}
    for line in lines:
        customer_id = line["order__customer_id"]
        delivery = by_customer.get(customer_id)
        if delivery is None:
            delivery = by_customer[customer_id] = Delivery(
                customer_id=customer_id, customer_name="", site=None
            )
        delivery.load += line["open"]
        if line["order__number"] not in delivery.order_numbers:
            delivery.order_numbers.append(line["order__number"])
    names = dict(Customer.objects.filter(pk__in=by_customer).values_list("pk", "name"))
    sites = {s.customer_id: s for s in DeliverySite.objects.filter(customer_id__in=by_customer)}
    for customer_id, delivery in by_customer.items():
        delivery.customer_name = names[customer_id]
        delivery.site = sites.get(customer_id)
    return list(by_customer.values())
