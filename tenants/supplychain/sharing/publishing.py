"""Publishing the owner's shared figures: the outbox handlers, run by the worker in the OWNER's schema.

Each publish reads only the current company's schema (items, warehouses, stock levels, the ledger of the
last 28 days) and the public grants of that company, and upserts public ``SharedStock`` rows. It locks the
grants it publishes under FOR SHARE, so a concurrent revocation (FOR UPDATE) waits until the publish has
committed and then deletes what it wrote, or runs first and the publish no longer sees the grant.

Bursts coalesce: a publish computes the CURRENT figures, so when several movements of one item queue up,
the first handler to run publishes the newest state and the later ones find every snapshot already as of
that state and write nothing. ``as_of`` is the moment of the newest movement of the item in the warehouse
(its stock level's ``updated_at``); a publish never overwrites a newer ``as_of``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils import timezone

from kernel.outbox import outbox_handler
from kernel.tenancy import current_company, current_schema
from marketplace.sharing.models import ShareGrant
from marketplace.sharing.services import (
    StockRow,
    grants_lock_for_publish,
    shared_stock_as_of,
    shared_stock_delete_outside,
    shared_stock_upsert,
)
from tenants.supplychain.sharing.hooks import TOPIC_GRANT, TOPIC_ITEM

CONSUMPTION_DAYS = 28
PER_DAY_PLACES = Decimal("0.0001")


def _covers_item(grant: ShareGrant, item: Any) -> bool:
    if item.pk in (grant.item_ids or []):
        return True
    return bool(grant.category_code) and item.category_code.startswith(grant.category_code)


def scope_items(grant: ShareGrant) -> Any:
    """The owner's items a grant covers (its listed items, and the active items of its category)."""
    from tenants.inventory.models import Item

    scope = Q(pk__in=list(grant.item_ids or []))
    if grant.category_code:
        scope |= Q(category_code__startswith=grant.category_code, is_active=True)
    return Item.objects.filter(scope)


def _warehouses_of(grant: ShareGrant, warehouses: dict[int, Any]) -> list[Any]:
    if grant.warehouse_ids:
        return [warehouses[w] for w in grant.warehouse_ids if w in warehouses]
    return [w for w in warehouses.values() if w.is_active]


def _publish(*, grants: list[ShareGrant], items: list[Any], skip_if_current: bool) -> int:
    """Compute and upsert the snapshots of ``items`` under each of ``grants`` that covers them."""
    from tenants.inventory.models import LedgerEntry, LedgerKind, StockLevel, Warehouse

    if not grants or not items:
        return 0
    item_ids = [item.pk for item in items]
    warehouses = {w.pk: w for w in Warehouse.objects.all()}
    levels = {(lv.item_id, lv.warehouse_id): lv for lv in StockLevel.objects.filter(item_id__in=item_ids)}
    targets = [
        (grant, item, warehouse)
        for grant in grants
        for item in items
        if _covers_item(grant, item)
        for warehouse in _warehouses_of(grant, warehouses)
    ]
    if not targets:
        return 0

    def as_of(item: Any, warehouse: Any) -> Any:
        level = levels.get((item.pk, warehouse.pk))
        # No level yet: the item has never moved there; its creation is older than any future movement.
        return level.updated_at if level is not None else item.created_at

    if skip_if_current:
        existing = shared_stock_as_of(grant_ids=[g.pk for g in grants], item_ids=item_ids)
        targets = [
            (g, i, w)
            for g, i, w in targets
            if (known := existing.get((g.pk, i.pk, w.pk))) is None or known < as_of(i, w)
        ]
        if not targets:
            return 0
    consumption: dict[tuple[int, int], Decimal] = {}
    if any(g.share_consumption for g, _, _ in targets):
        since = timezone.now() - timedelta(days=CONSUMPTION_DAYS)
        for item_id, warehouse_id, issued in (
            LedgerEntry.objects.filter(item_id__in=item_ids, kind=LedgerKind.ISSUE, created_at__gte=since)
            .values("item_id", "warehouse_id")
            .annotate(issued=Sum("quantity"))
            .values_list("item_id", "warehouse_id", "issued")
        ):
            consumption[(item_id, warehouse_id)] = issued
    rows = []
    for grant, item, warehouse in targets:
        level = levels.get((item.pk, warehouse.pk))
        per_day = None
        if grant.share_consumption:
            issued = consumption.get((item.pk, warehouse.pk), Decimal(0))
            per_day = (issued / CONSUMPTION_DAYS).quantize(PER_DAY_PLACES)
        rows.append(
            StockRow(
                grant_id=grant.pk,
                owner_company_id=grant.owner_id,
                partner_company_id=grant.partner_id,
                item_id=item.pk,
                sku=item.sku,
                name_zh=item.name_zh,
                name_en=item.name_en,
                unit=item.unit,
                category_code=item.category_code,
                warehouse_id=warehouse.pk,
                warehouse_code=warehouse.code,
                warehouse_name=warehouse.name,
                on_hand=level.on_hand if level else Decimal(0),
                available=level.available if level else Decimal(0),
                reorder_point=item.reorder_point,
                consumption_per_day=per_day,
                as_of=as_of(item, warehouse),
            )
        )
    return shared_stock_upsert(rows=rows, published_at=timezone.now())


def _owner_id() -> int | None:
    """The company whose schema is active (the outbox runs handlers under a bare schema name)."""
    from tenants.models import Company

    company = current_company()
    if company is not None:
        return int(company.pk)
    found = Company.objects.filter(schema_name=current_schema()).values_list("pk", flat=True).first()
    return None if found is None else int(found)


def publish_items(*, item_ids: Iterable[int]) -> int:
    """Publish the figures of these items of the current company under every active grant covering them."""
    from tenants.inventory.models import Item

    owner_id = _owner_id()
    if owner_id is None:
        return 0
    grants = grants_lock_for_publish(owner_id=owner_id, today=timezone.localdate())
    items = list(Item.objects.filter(pk__in=list(item_ids)))
    return _publish(grants=grants, items=items, skip_if_current=True)


def publish_grant(*, grant_id: int) -> int:
    """Publish the whole scope of one grant (made or widened), and drop snapshots that left its scope."""
    owner_id = _owner_id()
    if owner_id is None:
        return 0
    grants = grants_lock_for_publish(owner_id=owner_id, today=timezone.localdate(), grant_ids=[grant_id])
    if not grants:
        return 0  # revoked or expired meanwhile: nothing to show
    grant = grants[0]
    items = list(scope_items(grant))
    shared_stock_delete_outside(
        grant=grant, item_ids=[i.pk for i in items], warehouse_ids=grant.warehouse_ids or None
    )
    return _publish(grants=grants, items=items, skip_if_current=False)


@outbox_handler(TOPIC_ITEM)
def _item_moved(payload: dict[str, Any]) -> None:
    publish_items(item_ids=[int(payload["item_id"])])


@outbox_handler(TOPIC_GRANT)
def _grant_changed(payload: dict[str, Any]) -> None:
    publish_grant(grant_id=int(payload["grant_id"]))
