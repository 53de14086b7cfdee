"""Isolation probes of inventory (tenants.inventory): every operation, with each side's own objects.

``seed(side)`` gives a side, in its own schema: an item with stock, a reorder point above it and a
reservation; a spare item that never moved (for the delete probe); the default warehouse and a second
one. Everything a side has carries its marker (SKUs, names, codes, references). Inventory lives in each
company's schema, where ids are per-schema sequences: the seed moves each of the side's sequences to a
random far-apart start, so the other side's ids do not exist there and must answer 404 (or, in a
movement's body, a field error) and change nothing.

Seeding is idempotent and lazy (the first fingerprint or probe of a side seeds it).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tests.isolation.world import Probe, Side

TABLES = ("item", "warehouse", "stocklevel", "ledgerentry", "reservation")


def _spread_ids() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in TABLES:
            start = 1_000_000 + secrets.randbelow(10**12)
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [f"inventory_{table}", start]
            )


def seed(side: Side) -> dict[str, Any]:
    if "inventory" in side.extra:
        return side.extra["inventory"]
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from kernel.tenancy import company_context
    from tenants.inventory import services

    m = side.marker
    side.extra["inventory"] = {}
    actor = Actor(
        company=side.company,
        permissions=permissions_for(["owner"]),
        user=side.owner,
        membership=Membership.objects.get(user=side.owner, company=side.company),
    )
    with company_context(side.company):
        _spread_ids()
        main = services.default_warehouse()
        second = services.warehouse_create(actor=actor, code=f"{m}-2", name=f"{m} second depot")
        item = services.item_create(
            actor=actor,
            sku=f"{m}-6205",
            name_zh=f"{m} 深沟球轴承",
            name_en=f"{m} ball bearing",
            unit="pcs",
            reorder_point=Decimal(1000),
        )
        spare = services.item_create(
            actor=actor, sku=f"{m}-spare", name_zh="", name_en=f"{m} spare", unit="kg"
        )
        services.stock_receive(item=item, warehouse=main, quantity=Decimal(100), reference=f"{m} receipt")
        services.reservation_create(item=item, warehouse=main, quantity=Decimal(5), reference=f"{m} SO-1")
    side.extra["inventory"] = data = {
        "item_id": item.pk,
        "spare_id": spare.pk,
        "main_id": main.pk,
        "second_id": second.pk,
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


@dataclass(frozen=True)
class SeededProbe(Probe):
    """Seeds the side whose objects a call uses, first."""

    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


def _fingerprint(side: Side) -> dict[str, Any]:
    from kernel.tenancy import company_context
    from tenants.inventory.models import Item, LedgerEntry, Reservation, StockLevel, Warehouse

    seed(side)
    with company_context(side.company):
        return {
            "items": list(
                Item.objects.order_by("pk").values_list(
                    "pk", "sku", "name_zh", "name_en", "unit", "reorder_point", "is_active", "listing_id"
                )
            ),
            "warehouses": list(
                Warehouse.objects.order_by("pk").values_list("pk", "code", "name", "is_active", "is_default")
            ),
            "levels": list(StockLevel.objects.order_by("pk").values_list("pk", "on_hand", "reserved")),
            "ledger": list(LedgerEntry.objects.order_by("pk").values_list("pk", "kind", "quantity")),
            "reservations": list(
                Reservation.objects.order_by("pk").values_list("pk", "open_quantity", "status")
            ),
        }


FINGERPRINTS = {"inventory": _fingerprint}

ITEM = {"item_id": _id("item_id")}
SPARE = {"item_id": _id("spare_id")}
WAREHOUSE = {"warehouse_id": _id("second_id")}


def _move(s: Side, **extra: Any) -> dict[str, Any]:
    return {"item_id": seed(s)["item_id"], "quantity": "1", **extra}


TENANT_PROBES: dict[str, Probe] = {
    "inventory_items_list": SeededProbe("GET", "/api/inventory/items/", lists=True),
    "inventory_items_create": SeededProbe(
        "POST",
        "/api/inventory/items/",
        body=lambda s: {"sku": f"{s.marker}-new", "name_en": f"{s.marker} new item", "unit": "pcs"},
        ok=201,
    ),
    "inventory_items_get": SeededProbe("GET", "/api/inventory/items/{item_id}/", ids=ITEM),
    "inventory_items_update": SeededProbe(
        "PATCH",
        "/api/inventory/items/{item_id}/",
        ids=ITEM,
        body=lambda s: {"name_en": f"{s.marker} renamed"},
    ),
    "inventory_items_delete": SeededProbe("DELETE", "/api/inventory/items/{item_id}/", ids=SPARE, ok=204),
    "inventory_warehouses_list": SeededProbe("GET", "/api/inventory/warehouses/", lists=True),
    "inventory_warehouses_create": SeededProbe(
        "POST",
        "/api/inventory/warehouses/",
        body=lambda s: {"code": f"{s.marker}-3", "name": f"{s.marker} third depot"},
        ok=201,
    ),
    "inventory_warehouses_get": SeededProbe(
        "GET", "/api/inventory/warehouses/{warehouse_id}/", ids=WAREHOUSE
    ),
    "inventory_warehouses_update": SeededProbe(
        "PATCH",
        "/api/inventory/warehouses/{warehouse_id}/",
        ids=WAREHOUSE,
        body=lambda s: {"name": f"{s.marker} renamed depot"},
    ),
    "inventory_stock_levels_list": SeededProbe("GET", "/api/inventory/stock-levels/", lists=True),
    "inventory_ledger_list": SeededProbe("GET", "/api/inventory/ledger/", lists=True),
    "inventory_reservations_list": SeededProbe("GET", "/api/inventory/reservations/", lists=True),
    "inventory_reorder_list": SeededProbe("GET", "/api/inventory/reorder-list/", lists=True),
    "inventory_receive": SeededProbe(
        "POST", "/api/inventory/receipts/", body=lambda s: _move(s, reference=f"{s.marker} in"), ok=201
    ),
    "inventory_issue": SeededProbe(
        "POST", "/api/inventory/issues/", body=lambda s: _move(s, reference=f"{s.marker} out"), ok=201
    ),
    "inventory_adjust": SeededProbe(
        "POST",
        "/api/inventory/adjustments/",
        body=lambda s: {"item_id": seed(s)["item_id"], "quantity_delta": "-1", "reason": f"{s.marker} count"},
        ok=201,
    ),
    "inventory_transfer": SeededProbe(
        "POST",
        "/api/inventory/transfers/",
        body=lambda s: _move(s, from_warehouse_id=seed(s)["main_id"], to_warehouse_id=seed(s)["second_id"]),
        ok=201,
    ),
    # A catalog listing's stock fed by an inventory item (both of the side's own).
    "catalog_listing_stock_link": SeededProbe(
        "PUT",
        "/api/catalog/listings/{listing_id}/stock-link/",
        ids={"listing_id": lambda s: _catalog_seed(s)["active_id"]},
        body=lambda s: {"item_id": seed(s)["item_id"]},
    ),
    "catalog_listing_stock_unlink": SeededProbe(
        "DELETE",
        "/api/catalog/listings/{listing_id}/stock-link/",
        ids={"listing_id": lambda s: _catalog_seed(s)["active_id"]},
    ),
}


def _catalog_seed(side: Side) -> dict[str, Any]:
    from tests.isolation.probes_catalog import seed as catalog_seed

    return catalog_seed(side)
