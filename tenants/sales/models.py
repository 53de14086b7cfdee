"""Sales (supplier side, in each company's own schema): customers and follow-ups, sales orders with their
lines, amendments, fulfilment (reservations, work orders, back-orders), shipments and the buyer's receipts.

A sales order from Hansa keeps the purchase order document's id (``source_document_id``, unique), so a
redelivered purchase order can never make a second order; every later document finds its order through it.
Lines snapshot what was ordered (quantity, price, tax) and carry the terms agreed now. States change only
through ``tenants.sales.services``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models

QTY: dict[str, Any] = {"max_digits": 18, "decimal_places": 4}


class Customer(models.Model):
    """A customer account. ``hansa_company_id`` links it to the buyer's company on Hansa (unique when set)."""

    name = models.CharField(max_length=200)
    hansa_company_id = models.BigIntegerField(null=True, blank=True, unique=True)
    email = models.EmailField(blank=True, default="")
    phone = models.CharField(max_length=40, blank=True, default="")
    address = models.TextField(blank=True, default="")
    currency = models.CharField(max_length=3, blank=True, default="")
    payment_terms = models.CharField(max_length=200, blank=True, default="")
    notes = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class CustomerContact(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=100, blank=True, default="")
    email = models.EmailField(blank=True, default="")
    phone = models.CharField(max_length=40, blank=True, default="")
    is_primary = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_primary", "name", "id"]

    def __str__(self) -> str:
        return self.name


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class FollowUp(models.Model):
    """Something to do for a customer by a date (call back, send samples, chase a quote)."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="follow_ups")
    title = models.CharField(max_length=200)
    note = models.TextField(blank=True, default="")
    due_date = models.DateField()
    status = models.CharField(max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"], name="followup_due_idx")]

    def __str__(self) -> str:
        return self.title


class OrderStatus(models.TextChoices):
    AWAITING_ACCEPTANCE = "awaiting_acceptance", "Awaiting acceptance"
    CHANGES_PROPOSED = "changes_proposed", "Changes proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    PARTLY_SHIPPED = "partly_shipped", "Partly shipped"
    SHIPPED = "shipped", "Shipped"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_FOR_AMENDMENT = (OrderStatus.ACCEPTED, OrderStatus.PARTLY_SHIPPED)
CANCELLABLE = (OrderStatus.AWAITING_ACCEPTANCE, OrderStatus.CHANGES_PROPOSED, OrderStatus.ACCEPTED)
CLOSED = (OrderStatus.REJECTED, OrderStatus.SHIPPED, OrderStatus.COMPLETED, OrderStatus.CANCELLED)


class OrderSource(models.TextChoices):
    HANSA = "hansa", "Purchase order received through Hansa"
    MANUAL = "manual", "Entered by hand"


class SalesOrder(models.Model):
    number = models.CharField(max_length=20, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="orders")
    source = models.CharField(max_length=8, choices=OrderSource.choices)
    # The purchase_order trade document this order came from (Hansa orders only).
    source_document_id = models.UUIDField(null=True, blank=True, unique=True)
    buyer_company_id = models.BigIntegerField(null=True, blank=True)
    po_id = models.BigIntegerField(null=True, blank=True)
    po_number = models.CharField(max_length=64, blank=True, default="")
    customer_reference = models.CharField(max_length=64, blank=True, default="")
    currency = models.CharField(max_length=3)
    order_date = models.DateField()
    requested_date = models.DateField(null=True, blank=True)
    payment_terms = models.CharField(max_length=500, blank=True, default="")
    ship_to = models.TextField(blank=True, default="")
    notes = models.TextField(blank=True, default="")
    buyer_contact = models.JSONField(default=dict, blank=True)
    rfq_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=OrderStatus.choices, default=OrderStatus.AWAITING_ACCEPTANCE
    )
    reject_reason = models.TextField(blank=True, default="")
    cancel_reason = models.TextField(blank=True, default="")
    cancelled_by = models.CharField(max_length=10, blank=True, default="")  # buyer | supplier
    # A buyer's cancellation that arrived after shipping started (recorded; the order stays as it is).
    cancellation_refused_reason = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="so_status_idx"),
            models.Index(fields=["customer", "-created_at"], name="so_customer_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def from_hansa(self) -> bool:
        return self.source == OrderSource.HANSA


class SalesOrderLine(models.Model):
    """One line: what was ordered (snapshot) and the terms agreed now (``quantity``, ``unit_price``)."""

    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField()
    sku = models.CharField(max_length=100)
    description = models.CharField(max_length=1000, blank=True, default="")
    listing_id = models.BigIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=32)
    ordered_quantity = models.DecimalField(**QTY)
    ordered_unit_price = models.DecimalField(max_digits=18, decimal_places=4)
    quantity = models.DecimalField(**QTY)
    unit_price = models.DecimalField(max_digits=18, decimal_places=4)
    tax_rate = models.DecimalField(max_digits=6, decimal_places=3, default=Decimal(0))
    requested_date = models.DateField(null=True, blank=True)
    promised_date = models.DateField(null=True, blank=True)
    shipped_quantity = models.DecimalField(**QTY, default=Decimal(0))
    received_quantity = models.DecimalField(**QTY, default=Decimal(0))  # accepted by the buyer
    rejected_quantity = models.DecimalField(**QTY, default=Decimal(0))  # refused by the buyer
    # Of the rejected quantity: how much a settlement the supplier accepted covers, and how much of it is
    # shipped again as a replacement (to ship on top of ``quantity``).
    settled_quantity = models.DecimalField(**QTY, default=Decimal(0))
    replacement_quantity = models.DecimalField(**QTY, default=Decimal(0))
    item = models.ForeignKey(
        "inventory.Item", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["line_no"]
        constraints = [
            models.UniqueConstraint(fields=["order", "line_no"], name="so_line_no_uniq"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="so_line_qty_positive"),
            models.CheckConstraint(
                condition=models.Q(
                    shipped_quantity__lte=models.F("quantity") + models.F("replacement_quantity")
                ),
                name="so_line_not_overshipped",
            ),
            models.CheckConstraint(
                condition=models.Q(settled_quantity__lte=models.F("rejected_quantity")),
                name="so_line_settled_within_rejected",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}/{self.line_no}"

    @property
    def due_quantity(self) -> Decimal:
        """What the supplier ships in all: the agreed quantity plus agreed replacements."""
        return self.quantity + self.replacement_quantity

    @property
    def open_quantity(self) -> Decimal:
        return self.due_quantity - self.shipped_quantity


class LineReservation(models.Model):
    """Stock reserved in inventory for a line; shipping issues from it, cancelling releases what is left."""

    line = models.ForeignKey(SalesOrderLine, on_delete=models.CASCADE, related_name="reservations")
    reservation = models.ForeignKey("inventory.Reservation", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(**QTY)
    issued = models.DecimalField(**QTY, default=Decimal(0))
    released = models.DecimalField(**QTY, default=Decimal(0))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.line_id}: {self.quantity}"

    @property
    def remaining(self) -> Decimal:
        return self.quantity - self.issued - self.released


class ShortfallChoice(models.TextChoices):
    WORK_ORDER = "work_order", "Make to order (work order)"
    BACK_ORDER = "back_order", "Back-order (wait for stock)"


class WorkOrderStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class WorkOrder(models.Model):
    """Make-to-order production for a line's shortfall. Completing it receives the goods into stock and
    reserves them for the line."""

    number = models.CharField(max_length=20, unique=True)
    line = models.ForeignKey(SalesOrderLine, on_delete=models.CASCADE, related_name="work_orders")
    quantity = models.DecimalField(**QTY)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=WorkOrderStatus.choices, default=WorkOrderStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gt=0), name="wo_qty_positive")]

    def __str__(self) -> str:
        return self.number


class BackOrderStatus(models.TextChoices):
    OPEN = "open", "Open"
    FILLED = "filled", "Filled"
    CANCELLED = "cancelled", "Cancelled"


class BackOrder(models.Model):
    """A line's shortfall waiting for stock; allocating reserves what has become available."""

    line = models.ForeignKey(SalesOrderLine, on_delete=models.CASCADE, related_name="back_orders")
    quantity = models.DecimalField(**QTY)
    allocated = models.DecimalField(**QTY, default=Decimal(0))
    status = models.CharField(max_length=10, choices=BackOrderStatus.choices, default=BackOrderStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    filled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="bo_qty_positive"),
            models.CheckConstraint(
                condition=models.Q(allocated__lte=models.F("quantity")), name="bo_not_over"
            ),
        ]

    def __str__(self) -> str:
        return f"back-order {self.pk}"

    @property
    def remaining(self) -> Decimal:
        return self.quantity - self.allocated


class AmendmentKind(models.TextChoices):
    PROPOSAL = "proposal", "Changes proposed before acceptance"
    CHANGE = "change", "Change after acceptance"


class AmendmentStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the other side"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    SUPERSEDED = "superseded", "Superseded (the order closed first)"


class Party(models.TextChoices):
    BUYER = "buyer", "Buyer"
    SUPPLIER = "supplier", "Supplier"


class SalesOrderAmendment(models.Model):
    """One version of changed terms, proposed by either side; both must accept. History is never deleted.

    ``lines``: ``[{line_no, quantity, unit_price, date}]`` (None for what does not change); ``before``: the
    terms of those lines when it was proposed. ``document_id`` is the trade document that carried the
    proposal (the supplier's order_response or change_request, or the buyer's change_request), which the
    answering change_response refers to.
    """

    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="amendments")
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=AmendmentKind.choices)
    change_id = models.UUIDField()
    proposed_by = models.CharField(max_length=10, choices=Party.choices)
    reason = models.TextField(blank=True, default="")
    lines = models.JSONField(default=list)
    before = models.JSONField(default=list)
    status = models.CharField(max_length=12, choices=AmendmentStatus.choices, default=AmendmentStatus.PENDING)
    response_reason = models.TextField(blank=True, default="")
    document_id = models.UUIDField(null=True, blank=True, unique=True)
    response_document_id = models.UUIDField(null=True, blank=True)
    proposed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "version"]
        constraints = [
            models.UniqueConstraint(fields=["order", "version"], name="so_amendment_version_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} v{self.version}"


class Shipment(models.Model):
    number = models.CharField(max_length=20, unique=True)
    order = models.ForeignKey(SalesOrder, on_delete=models.PROTECT, related_name="shipments")
    carrier = models.CharField(max_length=200)
    tracking_number = models.CharField(max_length=200, blank=True, default="")
    packages = models.PositiveIntegerField(default=1)
    notes = models.TextField(blank=True, default="")
    shipped_at = models.DateTimeField()
    document_id = models.UUIDField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-shipped_at", "-id"]

    def __str__(self) -> str:
        return self.number


class ShipmentLine(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    line = models.ForeignKey(SalesOrderLine, on_delete=models.PROTECT, related_name="shipment_lines")
    quantity = models.DecimalField(**QTY)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="shipment_line_qty_positive"),
            models.UniqueConstraint(fields=["shipment", "line"], name="shipment_line_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.shipment_id}: {self.line_id} x {self.quantity}"


class BuyerReceipt(models.Model):
    """What the buyer reported receiving (a receipt_advice): accepted and rejected quantities per line."""

    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="receipts")
    receipt_number = models.CharField(max_length=64, blank=True, default="")
    received_at = models.DateTimeField()
    lines = models.JSONField(default=list)
    document_id = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return self.receipt_number or str(self.document_id)


class NumberSequence(models.Model):
    """The last number handed out per series (SO, WO, SH): numbering without gaps from concurrent use."""

    series = models.CharField(max_length=8, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.series}: {self.last}"


class SettlementStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the supplier"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class RejectionSettlement(models.Model):
    """How the buyer wants goods it rejected settled (a ``rejection_settlement`` document), and the
    supplier's answer. ``resolution``: replacement, return (with the buyer's ``return_number``) or
    short_close; ``lines``: ``[{line_no, quantity}]``."""

    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="settlements")
    settlement_id = models.UUIDField(unique=True)
    document_id = models.UUIDField(unique=True)
    resolution = models.CharField(max_length=12)
    return_number = models.CharField(max_length=64, blank=True, default="")
    reason = models.TextField(blank=True, default="")
    lines = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=SettlementStatus.choices, default=SettlementStatus.PENDING
    )
    response_reason = models.TextField(blank=True, default="")
    response_document_id = models.UUIDField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.resolution} {self.status}"
