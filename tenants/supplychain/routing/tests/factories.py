"""Factories of routing tests (and its isolation probes): a depot with vehicles, customers with delivery
sites, accepted sales orders due on a day. Everything goes through the services, as in real use."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import Any

from identity.access import Actor
from tenants.inventory import services as inventory
from tenants.sales import services as sales
from tenants.supplychain.routing import services
from tenants.supplychain.routing.models import DeliverySite, Depot, Vehicle

# A depot in Shanghai (Minhang) and customers around it: (name, lat, lon, window, load).
DEPOT = (Decimal("31.112300"), Decimal("121.381600"))
CUSTOMERS: list[tuple[str, str, str, tuple[int, int], str]] = [
    ("Huaxia Machinery", "31.230416", "121.473701", (9, 12), "40"),
    ("Jiading Motors", "31.383500", "121.250200", (8, 11), "25"),
    ("Pudong Pumps", "31.221500", "121.544700", (13, 17), "30"),
    ("Songjiang Gears", "31.032200", "121.227500", (10, 14), "20"),
    ("Baoshan Steelworks", "31.405600", "121.489000", (14, 18), "35"),
    ("Fengxian Fans", "30.917800", "121.474200", (9, 15), "15"),
]


@dataclass
class Day:
    depot: Depot
    vehicles: list[Vehicle]
    sites: dict[str, DeliverySite] = field(default_factory=dict)
    customers: dict[str, Any] = field(default_factory=dict)
    orders: dict[str, Any] = field(default_factory=dict)


def depot(actor: Actor, *, open_from: time = time(7), open_until: time = time(20)) -> Depot:
    return services.depot_create(
        actor=actor,
        warehouse_id=inventory.default_warehouse().pk,
        latitude=DEPOT[0],
        longitude=DEPOT[1],
        open_from=open_from,
        open_until=open_until,
    )


def accepted_order(actor: Actor, customer_id: int, day: date, quantity: str, sku: str = "BRG-6204") -> Any:
    order = sales.manual_order_create(
        actor=actor,
        customer_id=customer_id,
        currency="CNY",
        lines=[
            sales.ManualLine(sku=sku, quantity=Decimal(quantity), unit="pcs", unit_price=Decimal("12.50"))
        ],
        requested_date=day,
    )
    return sales.order_accept(actor=actor, order_id=order.pk)


def customer_with_site(
    actor: Actor, name: str, lat: str, lon: str, window: tuple[int, int]
) -> tuple[Any, Any]:
    customer = sales.customer_create(actor=actor, name=name)
    site = services.site_create(
        actor=actor,
        customer_id=customer.pk,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        window_start=time(window[0]),
        window_end=time(window[1]),
        service_minutes=15,
    )
    return customer, site


def day_of_deliveries(
    actor: Actor,
    day: date,
    *,
    capacity: str = "100",
    vehicles: int = 2,
    customers: list[tuple[str, str, str, tuple[int, int], str]] | None = None,
    prefix: str = "",
) -> Day:
    """A depot with ``vehicles`` trucks of ``capacity``, and one accepted order due on ``day`` per customer.

    Call inside the company's context."""
    here = depot(actor)
    truck = services.vehicle_create(
        actor=actor, depot_id=here.pk, name=f"{prefix}Truck", capacity=Decimal(capacity), count=vehicles
    )
    result = Day(depot=here, vehicles=[truck])
    for name, lat, lon, window, load in customers or CUSTOMERS:
        customer, site = customer_with_site(actor, f"{prefix}{name}", lat, lon, window)
        result.customers[name], result.sites[name] = customer, site
        result.orders[name] = accepted_order(actor, customer.pk, day, load)
    return result
