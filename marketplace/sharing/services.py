"""Writes of inventory-sharing snapshots (public schema): the upsert the owner's publisher runs, and the
deletions that end a partner's view.

Snapshots are written only by the owner's workspace (its publisher, in a worker task running in the
owner's schema) and deleted by the owner's grant services; the partner never writes here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Q

from marketplace.sharing.models import GrantStatus, SharedStock, ShareGrant

BATCH = 500


@dataclass(frozen=True)
class StockRow:
    """One snapshot to publish: the figures of ``item_id`` in ``warehouse_id`` under ``grant_id``."""

    grant_id: int
    owner_company_id: int
    partner_company_id: int
    item_id: int
    sku: str
    name_zh: str
    name_en: str
    unit: str
    category_code: str
    warehouse_id: int
    warehouse_code: str
    warehouse_name: str
    on_hand: Decimal
    available: Decimal
    reorder_point: Decimal | None
    consumption_per_day: Decimal | None
    as_of: datetime


_COLUMNS = (
    "grant_id",
    "owner_company_id",
    "partner_company_id",
    "item_id",
    "sku",
    "name_zh",
    "name_en",
    "unit",
    "category_code",
    "warehouse_id",
    "warehouse_code",
    "warehouse_name",
    "on_hand",
    "available",
    "reorder_point",
    "consumption_per_day",
    "as_of",
)
_UPDATED = [c for c in _COLUMNS if c not in ("grant_id", "item_id", "warehouse_id", "owner_company_id")]


def grants_lock_for_publish(
    *, owner_id: int, today: object, grant_ids: Sequence[int] | None = None
) -> list[ShareGrant]:
    """The owner's active, unexpired grants (optionally only ``grant_ids``), locked FOR SHARE until the
    caller's transaction ends: a revocation (which locks FOR UPDATE) waits for the publish to finish, and a
    publish that started after a revocation committed no longer sees the grant. One query."""
    table = ShareGrant._meta.db_table
    sql = (
        f"SELECT * FROM {table} WHERE owner_id = %s AND status = %s "  # noqa: S608 - names from the model
        "AND (valid_until IS NULL OR valid_until >= %s)"
    )
    params: list[object] = [owner_id, GrantStatus.ACTIVE, today]
    if grant_ids is not None:
        if not grant_ids:
            return []
        sql += " AND id = ANY(%s)"
        params.append(list(grant_ids))
    sql += " ORDER BY id FOR SHARE"
    return list(ShareGrant.objects.raw(sql, params))


def shared_stock_upsert(*, rows: Iterable[StockRow], published_at: datetime) -> int:
    """Insert or update the snapshots; a row already holding a NEWER ``as_of`` is left as it is (a late
    publish never overwrites a fresher figure). Returns how many rows were written."""
    table = SharedStock._meta.db_table
    columns = [*_COLUMNS, "published_at"]
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    assignments = ", ".join(f"{c} = EXCLUDED.{c}" for c in [*_UPDATED, "published_at"])
    written = 0
    batch: list[StockRow] = []

    def flush() -> int:
        if not batch:
            return 0
        params: list[Any] = []
        for row in batch:
            params.extend(getattr(row, c) for c in _COLUMNS)
            params.append(published_at)
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608 - names from the model
            + ", ".join([placeholder] * len(batch))
            + f" ON CONFLICT (grant_id, item_id, warehouse_id) DO UPDATE SET {assignments}"
            + f" WHERE {table}.as_of <= EXCLUDED.as_of"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            count = cursor.rowcount
        batch.clear()
        return count

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            written += flush()
    written += flush()
    return written


def shared_stock_as_of(
    *, grant_ids: Sequence[int], item_ids: Sequence[int]
) -> dict[tuple[int, int, int], datetime]:
    """``as_of`` of the existing snapshots of these grants and items, by (grant, item, warehouse)."""
    return {
        (g, i, w): as_of
        for g, i, w, as_of in SharedStock.objects.filter(
            grant_id__in=grant_ids, item_id__in=item_ids
        ).values_list("grant_id", "item_id", "warehouse_id", "as_of")
    }


def shared_stock_delete(*, grant: ShareGrant) -> int:
    """Delete every snapshot of ``grant`` (in the caller's transaction)."""
    deleted, _ = SharedStock.objects.filter(grant=grant).delete()
    return deleted


def shared_stock_delete_outside(
    *, grant: ShareGrant, item_ids: Iterable[int] | None, warehouse_ids: Iterable[int] | None
) -> int:
    """Delete the snapshots of ``grant`` whose item is not in ``item_ids`` or whose warehouse is not in
    ``warehouse_ids`` (None: any item / any warehouse is still in scope)."""
    outside = Q(pk__in=[])
    if item_ids is not None:
        outside |= ~Q(item_id__in=list(item_ids))
    if warehouse_ids is not None:
        outside |= ~Q(warehouse_id__in=list(warehouse_ids))
    deleted, _ = SharedStock.objects.filter(grant=grant).filter(outside).delete()
    return deleted


def shared_stock_clear_consumption(*, grant: ShareGrant) -> int:
    return SharedStock.objects.filter(grant=grant).update(consumption_per_day=None)


def shared_stock_purge_expired(*, today: object) -> int:
    """Delete the snapshots of grants whose period ended before ``today`` (their partners already read
    nothing of them: this keeps no figure behind). Returns how many rows were deleted."""
    deleted, _ = SharedStock.objects.filter(
        grant__status=GrantStatus.ACTIVE, grant__valid_until__lt=today
    ).delete()
    return deleted
