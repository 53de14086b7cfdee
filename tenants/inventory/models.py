"""Items, warehouses, stock levels, the append-only stock ledger and reservations (tenant schema).

Every movement writes one ``LedgerEntry`` and updates the ``StockLevel`` row of its item and warehouse in
the same transaction, under ``SELECT ... FOR UPDATE`` of that row. The database refuses a level with
negative on-hand or reserved stock, or more reserved than on hand (CHECK constraints), and refuses any
UPDATE or DELETE of a ledger entry (a trigger, see migration 0002), whatever the code does.

People and marketplace listings are referred to by id (plus a label): no foreign key leaves the schema.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F, Q

from tenants.inventory.exceptions import LedgerIsAppendOnly


def qty(**kwargs: Any) -> models.DecimalField:
    return models.DecimalField(max_digits=18, decimal_places=4, **kwargs)


QUANTITY_PLACES = 4


class Item(models.Model):
    sku = models.CharField(max_length=100, unique=True)
    name_zh = models.CharField(max_length=300, blank=True, default="")
    name_en = models.CharField(max_length=300, blank=True, default="")
    unit = models.CharField(max_length=32, default="pcs")
    category_code = models.CharField(max_length=64, blank=True, default="")
    # The company's own marketplace listing (public catalog.Listing id) whose stock this item feeds; the
    # listing carries the same link (``stock_item_id``). Both halves change together in services.
    listing_id = models.BigIntegerField(null=True, blank=True)
    reorder_point = qty(null=True, blank=True)
    reorder_quantity = qty(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sku"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reorder_point__isnull=True) | Q(reorder_point__gte=0),
                name="item_reorder_point_gte_0",
            ),
            models.UniqueConstraint(
                fields=["listing_id"], condition=Q(listing_id__isnull=False), name="item_listing_uniq"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.name_en or self.name_zh}"


class Warehouse(models.Model):
    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=500, blank=True, default="")
    is_default = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="warehouse_one_default"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StockLevel(models.Model):
    """On-hand and reserved stock of one item in one warehouse; available = on_hand - reserved."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="levels")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="levels")
    on_hand = qty(default=Decimal(0))
    reserved = qty(default=Decimal(0))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "warehouse"], name="stocklevel_item_warehouse_uniq"),
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="stocklevel_on_hand_gte_0"),
            models.CheckConstraint(condition=Q(reserved__gte=0), name="stocklevel_reserved_gte_0"),
            models.CheckConstraint(
                condition=Q(reserved__lte=F("on_hand")), name="stocklevel_reserved_lte_on_hand"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}@{self.warehouse_id}: {self.on_hand} ({self.reserved} reserved)"

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved


class LedgerKind(models.TextChoices):
    RECEIPT = "receipt", "Receipt"
    ISSUE = "issue", "Issue"
    ADJUSTMENT = "adjustment", "Adjustment"
    TRANSFER_OUT = "transfer_out", "Transfer out"
    TRANSFER_IN = "transfer_in", "Transfer in"
    RESERVATION = "reservation", "Reservation"
    RELEASE = "release", "Release"


class ReservationStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Reservation(models.Model):
    """Stock held for a reference (a sales order line); ``open_quantity`` is what is still held."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="reservations")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="reservations")
    quantity = qty()
    open_quantity = qty()
    reference = models.CharField(max_length=200)
    status = models.CharField(max_length=8, choices=ReservationStatus.choices, default=ReservationStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="reservation_quantity_gt_0"),
            models.CheckConstraint(
                condition=Q(open_quantity__gte=0) & Q(open_quantity__lte=F("quantity")),
                name="reservation_open_in_range",
            ),
        ]
        indexes = [models.Index(fields=["reference"], name="reservation_reference_idx")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.open_quantity}/{self.quantity}"


class LedgerEntry(models.Model):
    """One stock movement, never changed once written.

    ``quantity`` is the movement's size (> 0); ``on_hand_delta`` and ``reserved_delta`` its signed effect on
    the level, and ``on_hand_after`` / ``reserved_after`` the level right after it.
    """

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="ledger")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(max_length=16, choices=LedgerKind.choices)
    quantity = qty()
    on_hand_delta = qty()
    reserved_delta = qty()
    on_hand_after = qty()
    reserved_after = qty()
    reason = models.CharField(max_length=500, blank=True, default="")
    reference = models.CharField(max_length=200, blank=True, default="")
    reservation = models.ForeignKey(
        Reservation, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger"
    )
    # Pairs the two entries of a transfer.
    transfer_id = models.UUIDField(null=True, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="ledger_quantity_gt_0")]
        indexes = [
            models.Index(fields=["item", "-created_at"], name="ledger_item_idx"),
            models.Index(fields=["warehouse", "-created_at"], name="ledger_warehouse_idx"),
            models.Index(fields=["kind", "-created_at"], name="ledger_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.quantity} of {self.item_id}@{self.warehouse_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise LedgerIsAppendOnly("A ledger entry cannot be changed; post a new movement instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise LedgerIsAppendOnly("A ledger entry cannot be deleted; post a new movement instead.")
