"""Reads of inventory: levels, the ledger, reservations, the reorder list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from kernel.errors import NotFound
from tenants.inventory.models import Item, LedgerEntry, Reservation, StockLevel, Warehouse

ZERO = Decimal(0)


@dataclass(frozen=True)
class Level:
    on_hand: Decimal
    reserved: Decimal

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


@dataclass(frozen=True)
class ReorderRow:
    item: Item
    on_hand: Decimal
    reserved: Decimal
    available: Decimal
    reorder_point: Decimal
    reorder_quantity: Decimal | None

    @property
    def shortfall(self) -> Decimal:
        return self.reorder_point - self.available


def _sum(field: str) -> Any:
    return Coalesce(Sum(field), Value(ZERO), output_field=DecimalField(max_digits=18, decimal_places=4))


def stock_level(*, item: Item, warehouse: Warehouse | None = None) -> Level:
    """On hand, reserved and available of ``item`` in ``warehouse``, or across all warehouses."""
    qs = StockLevel.objects.filter(item=item)
    if warehouse is not None:
        qs = qs.filter(warehouse=warehouse)
    totals = qs.aggregate(on_hand=_sum("on_hand"), reserved=_sum("reserved"))
    return Level(on_hand=totals["on_hand"], reserved=totals["reserved"])


def reservable_level(*, item: Item | None) -> Level:
    """What sales orders can reserve of ``item``: its level in the default warehouse, where reservations
    are taken and shipments issue from (zero for no item or before any warehouse exists).

    The one basis of both the sales order's stock check and its acceptance, so that a line the check
    shows as covered is reserved at acceptance, and a shortfall it shows is what becomes a work order or
    a back-order. Stock in other warehouses counts once transferred to the default one.
    """
    warehouse = Warehouse.objects.filter(is_default=True).first()
    if item is None or warehouse is None:
        return Level(on_hand=Decimal(0), reserved=Decimal(0))
    return stock_level(item=item, warehouse=warehouse)


def item_available(*, item: Item | int) -> Decimal:
    """What can be promised of ``item`` now: the figure a linked marketplace listing shows, the same
    one the sales order's stock check and acceptance use (``reservable_level``)."""
    found = item if isinstance(item, Item) else Item.objects.filter(pk=item).first()
    return reservable_level(item=found).available


def item_by_listing(*, listing_id: int) -> Item | None:
    """The item linked to the company's marketplace listing ``listing_id`` (feeding its stock), if any."""
    return Item.objects.filter(listing_id=listing_id).first()


def stock_levels(
    *,
    item: Item | None = None,
    warehouse: Warehouse | None = None,
    nonzero: bool = False,
    search: str = "",
) -> QuerySet[StockLevel]:
    """Levels by SKU then warehouse code; ``search`` matches the item's SKU and both names."""
    qs = StockLevel.objects.select_related("item", "warehouse").order_by("item__sku", "warehouse__code")
    if search:
        qs = qs.filter(
            Q(item__sku__icontains=search)
            | Q(item__name_zh__icontains=search)
            | Q(item__name_en__icontains=search)
        )
    if item is not None:
        qs = qs.filter(item=item)
    if warehouse is not None:
        qs = qs.filter(warehouse=warehouse)
    if nonzero:
        qs = qs.filter(Q(on_hand__gt=0) | Q(reserved__gt=0))
    return qs


def _with_totals(qs: QuerySet[Item]) -> QuerySet[Item]:
    return qs.annotate(
        on_hand_total=_sum("levels__on_hand"), reserved_total=_sum("levels__reserved")
    ).annotate(available_total=F("on_hand_total") - F("reserved_total"))


def item_list(*, search: str = "", active: bool | None = None, category_code: str = "") -> QuerySet[Item]:
    """Items with their totals across warehouses (``on_hand_total``, ``reserved_total``, ``available_total``)."""
    qs = _with_totals(Item.objects.all())
    if search:
        qs = qs.filter(Q(sku__icontains=search) | Q(name_zh__icontains=search) | Q(name_en__icontains=search))
    if active is not None:
        qs = qs.filter(is_active=active)
    if category_code:
        qs = qs.filter(category_code__startswith=category_code)
    return qs.order_by("sku")


def item_get(*, item_id: int) -> Item:
    item = _with_totals(Item.objects.filter(pk=item_id)).first()
    if item is None:
        raise NotFound()
    return item


def item_by_sku(*, sku: str) -> Item | None:
    return Item.objects.filter(sku=sku).first()


def item_for_order_line(*, listing_id: int | None, sku: str) -> Item | None:
    """The item an order line for our listing ``listing_id`` (or of ``sku``) draws on: the item linked to
    the listing, whose available quantity the listing shows, else the item with the line's SKU."""
    linked = item_by_listing(listing_id=listing_id) if listing_id is not None else None
    return linked or item_by_sku(sku=sku)


def warehouse_list(*, active: bool | None = None) -> QuerySet[Warehouse]:
    qs = Warehouse.objects.order_by("code")
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs


def warehouse_get(*, warehouse_id: int) -> Warehouse:
    warehouse = Warehouse.objects.filter(pk=warehouse_id).first()
    if warehouse is None:
        raise NotFound()
    return warehouse


def ledger(
    *,
    item: Item | None = None,
    warehouse: Warehouse | None = None,
    kind: str = "",
    reference: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[LedgerEntry]:
    """Entries newest first; ``since`` is inclusive, ``until`` exclusive."""
    qs = LedgerEntry.objects.select_related("item", "warehouse").order_by("-created_at", "-id")
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    if until is not None:
        qs = qs.filter(created_at__lt=until)
    if item is not None:
        qs = qs.filter(item=item)
    if warehouse is not None:
        qs = qs.filter(warehouse=warehouse)
    if kind:
        qs = qs.filter(kind=kind)
    if reference:
        qs = qs.filter(reference=reference)
    return qs


def reservations(
    *, item: Item | None = None, reference: str = "", open_only: bool = False
) -> QuerySet[Reservation]:
    qs = Reservation.objects.select_related("item", "warehouse").order_by("-created_at", "-id")
    if item is not None:
        qs = qs.filter(item=item)
    if reference:
        qs = qs.filter(reference=reference)
    if open_only:
        qs = qs.filter(status="open")
    return qs


def below_reorder_point() -> list[ReorderRow]:
    """Active items with a reorder point whose AVAILABLE stock (all warehouses) is below it."""
    below = Q(available_total__lt=F("reorder_point"))  # an annotation of _with_totals
    qs = (
        _with_totals(Item.objects.filter(is_active=True, reorder_point__isnull=False))
        .filter(below)
        .order_by("sku")
    )
    rows = []
    for item in qs:
        assert item.reorder_point is not None
        rows.append(
            ReorderRow(
                item=item,
                on_hand=item.on_hand_total,  # type: ignore[attr-defined]
                reserved=item.reserved_total,  # type: ignore[attr-defined]
                available=item.available_total,  # type: ignore[attr-defined]
                reorder_point=item.reorder_point,
                reorder_quantity=item.reorder_quantity,
            )
        )
    return rows
