"""A listing's stock source: declared by the supplier, or linked to an item of the supplier's inventory.

The catalog never reads a workspace: tenants.inventory, which may call these services, passes the item's
id and a function that reads its available quantity. That function is called only once the listing row
is locked (``SELECT ... FOR UPDATE``), so two stock movements of one item that commit in either order
leave the listing showing what the later one read after the earlier one committed: the listing never
keeps a stale figure. Movements lock their stock level rows before the listing, and nothing here locks a
level, so the two kinds of lock are always taken in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from identity.services import audit_record
from marketplace.catalog import selectors
from marketplace.catalog.exceptions import ListingArchived, ListingNotFound
from marketplace.catalog.models import Availability, Listing, ListingStatus

# The listing's stock column has 3 decimal places; inventory keeps 4. Round down: never show more.
LISTING_PLACES = Decimal("0.001")


def listing_quantity(available: Decimal) -> Decimal:
    return max(available, Decimal(0)).quantize(LISTING_PLACES, rounding=ROUND_DOWN)


def _audit(actor: Actor, action: str, listing: Listing, request: HttpRequest | None, **changes: Any) -> None:
    audit_record(
        action=action,
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="listing",
        target_id=listing.sku,
        **changes,
    )


def _lock_own(*, company_id: int, listing_id: int) -> Listing:
    listing = Listing.objects.select_for_update().filter(pk=listing_id, company_id=company_id).first()
    if listing is None:
        raise ListingNotFound()
    return listing


@transaction.atomic
def listing_stock_link(
    *,
    actor: Actor,
    listing_id: int,
    item_id: int,
    available: Callable[[], Decimal],
    request: HttpRequest | None = None,
) -> Listing:
    """Make the company's listing show the available quantity of its inventory item ``item_id``.

    The listing becomes ``in_stock`` with ``stock_quantity = available()`` (read under the listing's row
    lock). The caller (tenants.inventory) has checked that the item exists in the company's inventory and
    records the other half of the link (``Item.listing_id``) in the same transaction.

    Raises:
        PermissionMissing: actor lacks catalog.manage.
        ListingNotFound: no listing of the actor's company has this id.
        ListingArchived: the listing is archived.
    """
    actor.require("catalog.manage")
    listing = _lock_own(company_id=actor.company.pk, listing_id=listing_id)
    if listing.status == ListingStatus.ARCHIVED:
        raise ListingArchived()
    before = {"stock_source": listing.stock_source, "stock_item_id": listing.stock_item_id}
    listing.stock_item_id = item_id
    listing.availability = Availability.IN_STOCK
    listing.stock_quantity = listing_quantity(available())
    listing.stock_updated_at = timezone.now()
    listing.save(update_fields=["stock_item_id", "availability", "stock_quantity", "stock_updated_at"])
    _audit(
        actor,
        "catalog.listing_stock_linked",
        listing,
        request,
        before=before,
        after={"stock_source": listing.stock_source, "stock_item_id": item_id},
    )
    return selectors.listing_get_own(company=actor.company, listing_id=listing.pk)


@transaction.atomic
def listing_stock_unlink(*, actor: Actor, listing_id: int, request: HttpRequest | None = None) -> Listing:
    """Return the listing to a declared stock quantity (it keeps the last figure inventory wrote, now
    declared). Unlinking a listing that is not linked changes nothing.

    Raises:
        PermissionMissing: actor lacks catalog.manage.
        ListingNotFound: no listing of the actor's company has this id.
    """
    actor.require("catalog.manage")
    listing = _lock_own(company_id=actor.company.pk, listing_id=listing_id)
    if listing.stock_item_id is not None:
        before = {"stock_source": listing.stock_source, "stock_item_id": listing.stock_item_id}
        listing.stock_item_id = None
        listing.stock_updated_at = None
        listing.save(update_fields=["stock_item_id", "stock_updated_at"])
        _audit(
            actor,
            "catalog.listing_stock_unlinked",
            listing,
            request,
            before=before,
            after={"stock_source": listing.stock_source},
        )
    return selectors.listing_get_own(company=actor.company, listing_id=listing.pk)


@transaction.atomic
def listing_stock_refresh(
    *, company_id: int, listing_id: int, item_id: int, available: Callable[[], Decimal]
) -> bool:
    """Write the linked item's available quantity onto the listing; called by inventory in the transaction
    of every stock movement of the item. Returns False (and writes nothing) when the listing is gone or no
    longer linked to this item."""
    listing = (
        Listing.objects.select_for_update()
        .filter(pk=listing_id, company_id=company_id, stock_item_id=item_id)
        .only("pk")
        .first()
    )
    if listing is None:
        return False
    Listing.objects.filter(pk=listing.pk).update(
        stock_quantity=listing_quantity(available()), stock_updated_at=timezone.now()
    )
    return True


@transaction.atomic
def listing_stock_detach(*, company_id: int, listing_id: int, item_id: int) -> bool:
    """The item ``item_id`` is gone (deleted by inventory): a listing it fed keeps its last figure, now
    declared. Returns whether a listing was detached."""
    return bool(
        Listing.objects.filter(pk=listing_id, company_id=company_id, stock_item_id=item_id).update(
            stock_item_id=None, stock_updated_at=None
        )
    )


def linked_listings_lock(*, company_id: int, skus: list[str]) -> dict[str, Decimal | None]:
    """Lock the company's listings among ``skus`` whose stock comes from inventory; their SKU -> stock.

    Imports call this before overwriting listings and keep these figures (and ``in_stock``), so a
    catalog file never replaces what inventory keeps; a stock movement meanwhile waits for the commit.
    """
    return dict(
        Listing.objects.select_for_update()
        .filter(company_id=company_id, sku__in=skus, stock_item_id__isnull=False)
        .order_by("pk")
        .values_list("sku", "stock_quantity")
    )
