"""Domain errors of inventory. Codes are published: never change them."""

from __future__ import annotations

from kernel.errors import Conflict


class InsufficientStock(Conflict):
    code = "insufficient_stock"
    title = "Not enough stock available"


class ReservationClosed(Conflict):
    code = "reservation_closed"
    title = "This reservation has no open quantity left"


class ItemInUse(Conflict):
    code = "item_in_use"
    title = "This item has stock movements; deactivate it instead of deleting it"


class DuplicateSku(Conflict):
    code = "duplicate_sku"
    title = "An item with this SKU already exists"


class DuplicateWarehouseCode(Conflict):
    code = "duplicate_warehouse_code"
    title = "A warehouse with this code already exists"


class LedgerIsAppendOnly(Exception):
    """Raised on any attempt to change or delete a ledger entry."""
