"""Writes of inventory: items, warehouses and every stock movement.

Each movement runs in a transaction that locks the item's ``StockLevel`` row in the warehouse
(``SELECT ... FOR UPDATE``), checks the movement against the locked figures, updates the level and appends
one ledger entry. Two movements of the same item and warehouse are therefore serialised: stock never goes
negative and a reservation never exceeds what is available, however many run at once (and the database's
CHECK constraints refuse it even if a bug tried). A transfer locks its two levels in warehouse-id order,
so two opposite transfers cannot deadlock.

Quantities are Decimals > 0 with at most 4 decimal places. Callers acting for nobody (document
ingestion) pass ``actor=None``; an actor, when given, must hold the operation's permission.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from kernel.errors import ValidationFailed
from kernel.tenancy import current_company
from tenants.finance.services.cost import stock_adjusted_costed, stock_transferred_costed
from tenants.inventory import selectors as inventory_selectors
from tenants.inventory.exceptions import (
    DuplicateSku,
    DuplicateWarehouseCode,
    InsufficientStock,
    ItemInUse,
    ReservationClosed,
)
from tenants.inventory.models import (
    QUANTITY_PLACES,
    Item,
    LedgerEntry,
    LedgerKind,
    Reservation,
    ReservationStatus,
    StockLevel,
    Warehouse,
)
from tenants.supplychain.sharing.hooks import stock_moved

if TYPE_CHECKING:
    from django.http import HttpRequest

    from identity.access import Actor
    from marketplace.catalog.models import Listing

PERM_MANAGE = "inventory.manage"
PERM_ADJUST = "stock.adjust"
MAX_QUANTITY = Decimal("1e13")


# --- validation -------------------------------------------------------------------------------------------


def quantity_value(value: Any, *, field: str = "quantity", allow_negative: bool = False) -> Decimal:
    """``value`` as a Decimal quantity (> 0, or != 0 with ``allow_negative``); ValidationFailed otherwise."""
    try:
        quantity = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationFailed(errors={field: ["Enter a number."]}) from None
    if isinstance(value, bool) or not quantity.is_finite() or abs(quantity) >= MAX_QUANTITY:
        raise ValidationFailed(errors={field: ["Enter a number."]})
    exponent = quantity.as_tuple().exponent
    if (
        isinstance(exponent, int)
        and -exponent > QUANTITY_PLACES
        and quantity != quantity.quantize(Decimal(1).scaleb(-QUANTITY_PLACES))
    ):
        raise ValidationFailed(errors={field: [f"At most {QUANTITY_PLACES} decimal places."]})
    if allow_negative:
        if quantity == 0:
            raise ValidationFailed(errors={field: ["Must not be zero."]})
    elif quantity <= 0:
        raise ValidationFailed(errors={field: ["Must be greater than zero."]})
    return quantity


def _require(actor: Actor | None, permission: str) -> None:
    if actor is not None:
        actor.require(permission)


def _actor_fields(actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {"actor_id": None, "actor_label": ""}
    return {"actor_id": actor.user.pk if actor.user else None, "actor_label": actor.label[:254]}


def _refresh_listing(item_id: int) -> None:
    """Write the item's available quantity onto the marketplace listing it feeds, if any, in the caller's
    transaction (see marketplace.catalog.services.stock for why the figure is read under the listing's
    lock). Called after every change of the item's stock."""
    listing_id = Item.objects.filter(pk=item_id).values_list("listing_id", flat=True).first()
    company = current_company()
    if listing_id is None or company is None:
        return
    from marketplace.catalog.services import listing_stock_refresh

    listing_stock_refresh(
        company_id=company.pk,
        listing_id=listing_id,
        item_id=item_id,
        available=lambda: inventory_selectors.item_available(item=item_id),
    )


def _link(*, actor: Actor, item: Item, listing_id: int | None, request: HttpRequest | None = None) -> None:
    """Make ``item`` (row locked by the caller) feed ``listing_id``'s stock, or no listing (None).

    Both halves of the link change here, in one transaction: ``Item.listing_id`` and the listing's
    ``stock_item_id`` / ``stock_quantity``. A listing fed by another item is taken over (that item's link
    ends); the listing the item fed before returns to declared stock.
    Raises (from the catalog): PermissionMissing (catalog.manage), ListingNotFound, ListingArchived.
    """
    from marketplace.catalog import services as catalog

    previous = item.listing_id
    if previous is not None and previous != listing_id:
        from marketplace.catalog.exceptions import ListingNotFound

        # A listing that went away leaves only the item's half to clear.
        with contextlib.suppress(ListingNotFound):
            catalog.listing_stock_unlink(actor=actor, listing_id=previous, request=request)
    if listing_id is not None:
        for other in Item.objects.select_for_update().filter(listing_id=listing_id).exclude(pk=item.pk):
            other.listing_id = None
            other.save(update_fields=["listing_id", "updated_at"])
    item.listing_id = listing_id
    item.save(update_fields=["listing_id", "updated_at"])
    if listing_id is not None:
        catalog.listing_stock_link(
            actor=actor,
            listing_id=listing_id,
            item_id=item.pk,
            available=lambda: inventory_selectors.item_available(item=item),
            request=request,
        )


def _link_from_item_form(*, actor: Actor | None, item: Item, listing_id: int | None) -> None:
    """The ``listing_id`` of the item create/update calls: the same link, with the listing's faults
    reported against that field."""
    from marketplace.catalog.exceptions import ListingNotFound

    if actor is None:
        raise ValueError("Linking a listing needs an actor (catalog.manage).")
    try:
        _link(actor=actor, item=item, listing_id=listing_id)
    except ListingNotFound:
        raise ValidationFailed(errors={"listing_id": ["Not a listing of your company."]}) from None


@dataclass(frozen=True)
class ListingStock:
    """Where a listing's stock comes from, as the link operations answer it."""

    listing_id: int
    sku: str
    stock_source: str
    stock_quantity: Decimal | None
    stock_updated_at: datetime | None
    item: Item | None


def _listing_stock(listing: Listing) -> ListingStock:
    item = Item.objects.filter(pk=listing.stock_item_id).first() if listing.stock_item_id else None
    return ListingStock(
        listing_id=listing.pk,
        sku=listing.sku,
        stock_source=listing.stock_source,
        stock_quantity=listing.stock_quantity,
        stock_updated_at=listing.stock_updated_at,
        item=item,
    )


def listing_stock_link(
    *, actor: Actor, listing_id: int, item_id: Any, request: HttpRequest | None = None
) -> ListingStock:
    """Link the company's marketplace listing to item ``item_id`` of its inventory: from now on the listing
    shows the item's available quantity (``selectors.item_available``), rewritten in the transaction of
    every stock movement of the item. Re-linking to another item, or linking a listing another item fed,
    moves the link.

    Raises:
        PermissionMissing: actor lacks inventory.manage or catalog.manage.
        ListingNotFound (404): no listing of the company has this id.
        ValidationFailed: ``item_id`` is not an active item of the company's inventory.
        ListingArchived (409): the listing is archived.
    """
    from marketplace.catalog import selectors as catalog_selectors

    actor.require(PERM_MANAGE)
    actor.require("catalog.manage")
    catalog_selectors.listing_get_own(company=actor.company, listing_id=listing_id)
    with transaction.atomic():
        item = (
            Item.objects.select_for_update().filter(pk=item_id).first()
            if isinstance(item_id, int) and not isinstance(item_id, bool)
            else None
        )
        if item is None:
            raise ValidationFailed(errors={"item_id": ["No item with this id in your inventory."]})
        if not item.is_active:
            raise ValidationFailed(errors={"item_id": ["This item is inactive; activate it first."]})
        _link(actor=actor, item=item, listing_id=listing_id, request=request)
        return _listing_stock(catalog_selectors.listing_get_own(company=actor.company, listing_id=listing_id))


def listing_stock_unlink(
    *, actor: Actor, listing_id: int, request: HttpRequest | None = None
) -> ListingStock:
    """End the listing's link to inventory: it keeps its last figure, now declared by the supplier.
    Unlinking an unlinked listing changes nothing.

    Raises: PermissionMissing (inventory.manage, catalog.manage), ListingNotFound (404).
    """
    from marketplace.catalog import selectors as catalog_selectors
    from marketplace.catalog import services as catalog

    actor.require(PERM_MANAGE)
    actor.require("catalog.manage")
    catalog_selectors.listing_get_own(company=actor.company, listing_id=listing_id)
    with transaction.atomic():
        for item in Item.objects.select_for_update().filter(listing_id=listing_id):
            item.listing_id = None
            item.save(update_fields=["listing_id", "updated_at"])
        listing = catalog.listing_stock_unlink(actor=actor, listing_id=listing_id, request=request)
        return _listing_stock(listing)


# --- items and warehouses ---------------------------------------------------------------------------------


def item_create(
    *,
    actor: Actor | None,
    sku: str,
    name_zh: str,
    name_en: str,
    unit: str,
    category_code: str = "",
    listing_id: int | None = None,
    reorder_point: Decimal | None = None,
    reorder_quantity: Decimal | None = None,
) -> Item:
    """Create an item; with ``listing_id`` it feeds that listing's stock (see :func:`listing_stock_link`).
    Raises ValidationFailed (blank SKU/unit/names, bad listing or reorder point), DuplicateSku (409),
    PermissionMissing (catalog.manage, when linking a listing)."""
    _require(actor, PERM_MANAGE)
    sku = (sku or "").strip()
    errors: dict[str, list[str]] = {}
    if not sku:
        errors["sku"] = ["Enter a SKU."]
    if not (unit or "").strip():
        errors["unit"] = ["Enter a unit."]
    if not (name_zh or "").strip() and not (name_en or "").strip():
        errors["name_en"] = ["Enter a name in Chinese or English."]
    if errors:
        raise ValidationFailed(errors=errors)
    reorder_point = _optional_quantity(reorder_point, "reorder_point")
    reorder_quantity = _optional_quantity(reorder_quantity, "reorder_quantity")
    with transaction.atomic():
        try:
            with transaction.atomic():
                item = Item.objects.create(
                    sku=sku,
                    name_zh=(name_zh or "").strip(),
                    name_en=(name_en or "").strip(),
                    unit=unit.strip(),
                    category_code=(category_code or "").strip(),
                    reorder_point=reorder_point,
                    reorder_quantity=reorder_quantity,
                )
        except IntegrityError:
            raise DuplicateSku(detail=f"SKU {sku} is taken.") from None
        if listing_id is not None:
            _link_from_item_form(actor=actor, item=item, listing_id=int(listing_id))
        return item


def _optional_quantity(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    quantity = value if isinstance(value, Decimal) else Decimal(str(value))
    if quantity == 0:
        return Decimal(0)
    return quantity_value(quantity, field=field)


_ITEM_FIELDS = {
    "name_zh",
    "name_en",
    "unit",
    "category_code",
    "listing_id",
    "reorder_point",
    "reorder_quantity",
    "is_active",
}


def item_update(*, actor: Actor | None, item: Item, **changes: Any) -> Item:
    """Change an item's descriptive fields (not its SKU, which documents and the ledger refer to). A new
    ``listing_id`` moves the item's listing link (None ends it), as :func:`listing_stock_link` does."""
    _require(actor, PERM_MANAGE)
    unknown = set(changes) - _ITEM_FIELDS
    if unknown:
        raise ValidationFailed(errors={name: ["This field cannot be changed."] for name in sorted(unknown)})
    if "reorder_point" in changes:
        changes["reorder_point"] = _optional_quantity(changes["reorder_point"], "reorder_point")
    if "reorder_quantity" in changes:
        changes["reorder_quantity"] = _optional_quantity(changes["reorder_quantity"], "reorder_quantity")
    if "unit" in changes and not (changes["unit"] or "").strip():
        raise ValidationFailed(errors={"unit": ["Enter a unit."]})
    relink = "listing_id" in changes and changes["listing_id"] != item.listing_id
    listing_id = changes.pop("listing_id", item.listing_id)
    for name, value in changes.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if not item.name_zh and not item.name_en:
        raise ValidationFailed(errors={"name_en": ["Enter a name in Chinese or English."]})
    with transaction.atomic():
        item.save()  # the UPDATE holds the item's row lock until the link is done
        if relink:
            _link_from_item_form(actor=actor, item=item, listing_id=listing_id)
    return item


def item_delete(*, actor: Actor | None, item: Item) -> None:
    """Delete an item that never moved; ItemInUse (409) otherwise (deactivate it instead). A listing the
    item fed keeps its last figure, now declared."""
    _require(actor, PERM_MANAGE)
    with transaction.atomic():
        if LedgerEntry.objects.filter(item=item).exists() or Reservation.objects.filter(item=item).exists():
            raise ItemInUse()
        StockLevel.objects.filter(item=item).delete()
        company = current_company()
        if item.listing_id is not None and company is not None:
            from marketplace.catalog.services import listing_stock_detach

            listing_stock_detach(company_id=company.pk, listing_id=item.listing_id, item_id=item.pk)
        item.delete()


def item_get_or_create_for_line(*, sku: str, name: str, unit: str, listing_id: int | None = None) -> Item:
    """The item linked to our listing ``listing_id``, else the item with ``sku``, created (names both
    ``name``) when there is none yet. Safe under races."""
    sku = (sku or "").strip()
    if not sku:
        raise ValidationFailed(errors={"sku": ["Enter a SKU."]})
    item = inventory_selectors.item_for_order_line(listing_id=listing_id, sku=sku)
    if item is not None:
        return item
    try:
        with transaction.atomic():
            return Item.objects.create(
                sku=sku, name_zh=name[:300], name_en=name[:300], unit=(unit or "pcs")[:32]
            )
    except IntegrityError:
        return Item.objects.get(sku=sku)


def warehouse_create(*, actor: Actor | None, code: str, name: str, address: str = "") -> Warehouse:
    """Create a warehouse (the first one becomes the default). DuplicateWarehouseCode (409) on a taken code."""
    _require(actor, PERM_MANAGE)
    code = (code or "").strip().upper()
    errors: dict[str, list[str]] = {}
    if not code:
        errors["code"] = ["Enter a code."]
    if not (name or "").strip():
        errors["name"] = ["Enter a name."]
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            is_default = not Warehouse.objects.filter(is_default=True).exists()
            return Warehouse.objects.create(
                code=code, name=name.strip(), address=address.strip(), is_default=is_default
            )
    except IntegrityError:
        raise DuplicateWarehouseCode(detail=f"Code {code} is taken.") from None


def warehouse_update(*, actor: Actor | None, warehouse: Warehouse, **changes: Any) -> Warehouse:
    _require(actor, PERM_MANAGE)
    unknown = set(changes) - {"name", "address", "is_active", "is_default"}
    if unknown:
        raise ValidationFailed(errors={name: ["This field cannot be changed."] for name in sorted(unknown)})
    if "name" in changes and not (changes["name"] or "").strip():
        raise ValidationFailed(errors={"name": ["Enter a name."]})
    with transaction.atomic():
        if changes.pop("is_default", False) and not warehouse.is_default:
            Warehouse.objects.filter(is_default=True).update(is_default=False)
            warehouse.is_default = True
        for name, value in changes.items():
            setattr(warehouse, name, value.strip() if isinstance(value, str) else value)
        warehouse.save()
        # Another default warehouse is another basis for what linked listings show.
        for item_id in Item.objects.filter(listing_id__isnull=False).values_list("pk", flat=True):
            _refresh_listing(item_id)
    return warehouse


def default_warehouse() -> Warehouse:
    """The company's default warehouse, created ("MAIN") on first use."""
    warehouse = Warehouse.objects.filter(is_default=True).first()
    if warehouse is not None:
        return warehouse
    try:
        with transaction.atomic():
            warehouse, _ = Warehouse.objects.get_or_create(
                code="MAIN", defaults={"name": "Main warehouse", "is_default": True}
            )
            return warehouse
    except IntegrityError:  # made at the same moment by someone else
        return Warehouse.objects.filter(is_default=True).first() or Warehouse.objects.get(code="MAIN")


# --- movements ------------------------------------------------------------------------------------------


def _locked_level(item: Item, warehouse: Warehouse) -> StockLevel:
    """The level row of (item, warehouse), made if missing, locked FOR UPDATE until the transaction ends."""
    level = StockLevel.objects.select_for_update().filter(item=item, warehouse=warehouse).first()
    if level is None:
        # ON CONFLICT DO NOTHING: two first movements at once still make one row.
        StockLevel.objects.bulk_create([StockLevel(item=item, warehouse=warehouse)], ignore_conflicts=True)
        level = StockLevel.objects.select_for_update().get(item=item, warehouse=warehouse)
    return level


def _post(
    level: StockLevel,
    *,
    kind: str,
    quantity: Decimal,
    on_hand_delta: Decimal = Decimal(0),
    reserved_delta: Decimal = Decimal(0),
    actor: Actor | None = None,
    reason: str = "",
    reference: str = "",
    reservation: Reservation | None = None,
    transfer_id: uuid.UUID | None = None,
) -> LedgerEntry:
    """Apply a movement to a LOCKED level and append its ledger entry."""
    on_hand = level.on_hand + on_hand_delta
    reserved = level.reserved + reserved_delta
    if on_hand < 0 or reserved < 0 or reserved > on_hand:
        raise InsufficientStock(
            detail=f"{level.available} available, {level.on_hand} on hand.",
            available=str(level.available),
            on_hand=str(level.on_hand),
        )
    level.on_hand, level.reserved = on_hand, reserved
    level.save(update_fields=["on_hand", "reserved", "updated_at"])
    _refresh_listing(level.item_id)
    # Trading partners the item is shared with see it republished by the worker (one query when unshared).
    stock_moved(item_id=level.item_id, warehouse_id=level.warehouse_id)
    return LedgerEntry.objects.create(
        item_id=level.item_id,
        warehouse_id=level.warehouse_id,
        kind=kind,
        quantity=quantity,
        on_hand_delta=on_hand_delta,
        reserved_delta=reserved_delta,
        on_hand_after=on_hand,
        reserved_after=reserved,
        reason=reason[:500],
        reference=reference[:200],
        reservation=reservation,
        transfer_id=transfer_id,
        **_actor_fields(actor),
    )


def stock_receive(
    *,
    item: Item,
    warehouse: Warehouse,
    quantity: Decimal,
    reference: str,
    actor: Actor | None = None,
    permission: str = PERM_ADJUST,
) -> LedgerEntry:
    """Goods in: on hand goes up by ``quantity``.

    An ``actor`` is recorded on the ledger entry and must hold ``permission`` (``stock.adjust`` for a
    manual receipt; a workflow that checked its own, e.g. procurement's ``po.receive``, names that one).
    """
    _require(actor, permission)
    quantity = quantity_value(quantity)
    with transaction.atomic():
        level = _locked_level(item, warehouse)
        return _post(
            level,
            kind=LedgerKind.RECEIPT,
            quantity=quantity,
            on_hand_delta=quantity,
            actor=actor,
            reference=reference,
        )


def stock_issue(
    *,
    item: Item,
    warehouse: Warehouse,
    quantity: Decimal,
    reference: str,
    actor: Actor | None = None,
    permission: str = PERM_ADJUST,
) -> LedgerEntry:
    """Goods out of AVAILABLE stock (not from a reservation). InsufficientStock (409) beyond available.

    ``actor`` and ``permission`` as for :func:`stock_receive`.
    """
    _require(actor, permission)
    quantity = quantity_value(quantity)
    with transaction.atomic():
        level = _locked_level(item, warehouse)
        if quantity > level.available:
            raise _insufficient(level, quantity)
        return _post(
            level,
            kind=LedgerKind.ISSUE,
            quantity=quantity,
            on_hand_delta=-quantity,
            actor=actor,
            reference=reference,
        )


def _insufficient(level: StockLevel, wanted: Decimal) -> InsufficientStock:
    return InsufficientStock(
        detail=f"{wanted} wanted, {level.available} available.",
        available=str(level.available),
        on_hand=str(level.on_hand),
    )


def stock_adjust(
    *, actor: Actor | None, item: Item, warehouse: Warehouse, quantity_delta: Decimal, reason: str
) -> LedgerEntry:
    """Correct on-hand stock by ``quantity_delta`` (!= 0) for a stated reason (a count, damage, loss).

    A decrease may take only available stock (reserved stock stays held): InsufficientStock otherwise.
    """
    _require(actor, PERM_ADJUST)
    delta = quantity_value(quantity_delta, field="quantity_delta", allow_negative=True)
    if not (reason or "").strip():
        raise ValidationFailed(errors={"reason": ["Give the reason for the adjustment."]})
    with transaction.atomic():
        level = _locked_level(item, warehouse)
        if delta < 0 and -delta > level.available:
            raise _insufficient(level, -delta)
        entry = _post(
            level,
            kind=LedgerKind.ADJUSTMENT,
            quantity=abs(delta),
            on_hand_delta=delta,
            actor=actor,
            reason=reason.strip(),
        )
        stock_adjusted_costed(entry=entry)
        return entry


def stock_transfer(
    *,
    actor: Actor | None,
    item: Item,
    from_warehouse: Warehouse,
    to_warehouse: Warehouse,
    quantity: Decimal,
    reference: str = "",
) -> tuple[LedgerEntry, LedgerEntry]:
    """Move available stock between two warehouses: a transfer_out and a transfer_in entry, one transaction."""
    _require(actor, PERM_ADJUST)
    quantity = quantity_value(quantity)
    if from_warehouse.pk == to_warehouse.pk:
        raise ValidationFailed(errors={"to_warehouse_id": ["Choose a different warehouse."]})
    transfer_id = uuid.uuid4()
    with transaction.atomic():
        first, second = sorted([from_warehouse, to_warehouse], key=lambda w: w.pk)
        levels = {first.pk: _locked_level(item, first), second.pk: _locked_level(item, second)}
        source = levels[from_warehouse.pk]
        if quantity > source.available:
            raise _insufficient(source, quantity)
        out = _post(
            source,
            kind=LedgerKind.TRANSFER_OUT,
            quantity=quantity,
            on_hand_delta=-quantity,
            actor=actor,
            reference=reference,
            transfer_id=transfer_id,
        )
        into = _post(
            levels[to_warehouse.pk],
            kind=LedgerKind.TRANSFER_IN,
            quantity=quantity,
            on_hand_delta=quantity,
            actor=actor,
            reference=reference,
            transfer_id=transfer_id,
        )
        stock_transferred_costed(out=out, into=into)
        return out, into


def reservation_create(*, item: Item, warehouse: Warehouse, quantity: Decimal, reference: str) -> Reservation:
    """Hold ``quantity`` of available stock for ``reference``. InsufficientStock (409) beyond available."""
    quantity = quantity_value(quantity)
    with transaction.atomic():
        level = _locked_level(item, warehouse)
        if quantity > level.available:
            raise _insufficient(level, quantity)
        reservation = Reservation.objects.create(
            item=item,
            warehouse=warehouse,
            quantity=quantity,
            open_quantity=quantity,
            reference=reference[:200],
        )
        _post(
            level,
            kind=LedgerKind.RESERVATION,
            quantity=quantity,
            reserved_delta=quantity,
            reference=reference,
            reservation=reservation,
        )
        return reservation


def _locked_reservation(reservation: Reservation) -> tuple[StockLevel, Reservation]:
    # Level first, then the reservation: the same order as every other movement of this level.
    level = _locked_level(reservation.item, reservation.warehouse)
    locked = Reservation.objects.select_for_update().get(pk=reservation.pk)
    if locked.status != ReservationStatus.OPEN or locked.open_quantity <= 0:
        raise ReservationClosed()
    return level, locked


def reservation_release(*, reservation: Reservation, quantity: Decimal | None = None) -> LedgerEntry:
    """Give back ``quantity`` (default: all that is still open) of a reservation to available stock."""
    wanted = None if quantity is None else quantity_value(quantity)
    with transaction.atomic():
        level, locked = _locked_reservation(reservation)
        amount = locked.open_quantity if wanted is None else wanted
        if amount > locked.open_quantity:
            raise ValidationFailed(errors={"quantity": [f"Only {locked.open_quantity} is still reserved."]})
        entry = _post(
            level,
            kind=LedgerKind.RELEASE,
            quantity=amount,
            reserved_delta=-amount,
            reference=locked.reference,
            reservation=locked,
        )
        _reduce(locked, amount)
        _refresh(reservation, locked)
        return entry


def reservation_issue(*, reservation: Reservation, quantity: Decimal, reference: str) -> LedgerEntry:
    """Ship ``quantity`` out of a reservation: on hand and reserved both go down by it."""
    amount = quantity_value(quantity)
    with transaction.atomic():
        level, locked = _locked_reservation(reservation)
        if amount > locked.open_quantity:
            raise InsufficientStock(
                detail=f"{amount} wanted, {locked.open_quantity} reserved.",
                reserved=str(locked.open_quantity),
            )
        entry = _post(
            level,
            kind=LedgerKind.ISSUE,
            quantity=amount,
            on_hand_delta=-amount,
            reserved_delta=-amount,
            reference=reference,
            reservation=locked,
        )
        _reduce(locked, amount)
        _refresh(reservation, locked)
        return entry


def _reduce(reservation: Reservation, amount: Decimal) -> None:
    reservation.open_quantity -= amount
    if reservation.open_quantity == 0:
        reservation.status = ReservationStatus.CLOSED
    reservation.save(update_fields=["open_quantity", "status", "updated_at"])


def _refresh(target: Reservation, source: Reservation) -> None:
    target.open_quantity, target.status, target.updated_at = (
        source.open_quantity,
        source.status,
        source.updated_at,
    )
