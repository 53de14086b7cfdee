"""Procurement (tenant schema): purchase orders, approval rules and their steps, goods receipts, events.

Every table lives in the buying company's own schema. References to ``public`` rows (the supplier's
company, users) are foreign keys without a database constraint and with ``DO_NOTHING``: deleting a user or
a company in ``public`` must not make Django look for dependants in a schema that is not active (nor be
blocked by rows in a hundred schemas); those rows keep the id. The RFQ, the inventory item and the catalog
listing are kept as ids plus snapshots. Money is ``Decimal`` in the order's currency; quantities are ``Decimal`` with a unit.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class PoStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING_APPROVAL = "pending_approval", "Pending approval"
    APPROVED = "approved", "Approved"
    SENT = "sent", "Sent"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    CHANGED = "changed", "Changed"
    PARTLY_RECEIVED = "partly_received", "Partly received"
    RECEIVED = "received", "Received"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


class Party(models.TextChoices):
    BUYER = "buyer", "Buyer"
    SUPPLIER = "supplier", "Supplier"


class Department(models.Model):
    """A part of the company (purchasing, maintenance, stores...), matched by approval rules."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class MemberDepartment(models.Model):
    """The department a member works in (kept here, so that identity stays free of procurement)."""

    user = models.OneToOneField(
        "identity.User", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="members")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id} in {self.department_id}"


class NumberSequence(models.Model):
    """Per-company counters for document numbers (locked row: gap-free under concurrency)."""

    name = models.CharField(max_length=20, unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}={self.last}"


class PurchaseOrder(models.Model):
    """An order to one supplier: a company on Hansa (``supplier_company``) or one outside it (e-mail).

    The status moves only through the services in ``tenants.procurement.services``.
    """

    number = models.CharField(max_length=30, unique=True)
    status = models.CharField(max_length=20, choices=PoStatus.choices, default=PoStatus.DRAFT)
    version = models.PositiveIntegerField(default=1, help_text="Raised by each accepted amendment.")
    supplier_company = models.ForeignKey(
        "tenants.Company",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    supplier_name = models.CharField(max_length=200)
    supplier_email = models.EmailField(max_length=254, blank=True, default="")
    currency = models.CharField(max_length=3)
    # Rate of one unit of ``currency`` in the company's currency; approval rules compare amounts there.
    exchange_rate = models.DecimalField(max_digits=18, decimal_places=8, default=1)
    # The company's own rate (its rate table) that approval routing used at submit: a rate typed on the
    # order must lie within the company's tolerance of it, and never steers the routing itself.
    approval_exchange_rate = models.DecimalField(max_digits=18, decimal_places=8, null=True, blank=True)
    order_date = models.DateField(default=timezone.localdate)
    requested_date = models.DateField(null=True, blank=True)
    payment_terms = models.CharField(max_length=200, blank=True, default="")
    ship_to = models.CharField(max_length=500, blank=True, default="")
    notes = models.TextField(blank=True, default="")
    category_code = models.CharField(max_length=40, blank=True, default="")
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rfq_id = models.BigIntegerField(null=True, blank=True)
    total_net = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    total_tax = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    total = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    approved_total = models.DecimalField(
        max_digits=18, decimal_places=4, null=True, blank=True, help_text="The total it was approved at."
    )
    created_by = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    # The principal that requested / submitted the order: ``created_by`` / ``submitted_by`` is the member
    # (for an API key, the member who created the key: a key acts for its creator), and the key when one
    # was used. Separation of duties compares approvers with the members behind both.
    created_by_api_key = models.ForeignKey(
        "identity.ApiKey",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by_api_key = models.ForeignKey(
        "identity.ApiKey",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    approval_rule = models.ForeignKey(
        "ApprovalRule", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approval_rule_name = models.CharField(max_length=200, blank=True, default="")
    approval_round = models.PositiveIntegerField(default=0, help_text="How many times it was submitted.")
    rejection_reason = models.TextField(blank=True, default="")
    exchange_document_id = models.UUIDField(null=True, blank=True, unique=True)
    supplier_order_number = models.CharField(max_length=60, blank=True, default="")
    cancel_reason = models.TextField(blank=True, default="")
    cancelled_by = models.CharField(max_length=10, choices=Party.choices, blank=True, default="")
    close_reason = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "-created_at"], name="po_status_idx"),
            models.Index(fields=["supplier_company", "-created_at"], name="po_supplier_idx"),
            models.Index(fields=["rfq_id"], name="po_rfq_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(exchange_rate__gt=0), name="po_exchange_rate_positive"),
            models.CheckConstraint(
                condition=~Q(supplier_company__isnull=True, supplier_email=""),
                name="po_supplier_reachable",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def on_hansa(self) -> bool:
        return self.supplier_company_id is not None


class PurchaseOrderLine(models.Model):
    """One item ordered: SKU and description (an inventory item optionally), quantity, price, tax, date.

    ``unit_price`` is the price the order was placed at (a snapshot: whatever the listing says later).
    """

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField()
    sku = models.CharField(max_length=60, blank=True, default="")
    description = models.CharField(max_length=500)
    item_id = models.BigIntegerField(null=True, blank=True, help_text="tenants.inventory Item id.")
    listing_id = models.BigIntegerField(null=True, blank=True)
    quantity = models.DecimalField(max_digits=18, decimal_places=4)
    unit = models.CharField(max_length=20)
    unit_price = models.DecimalField(max_digits=18, decimal_places=4)
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, default=0, help_text="Percent.")
    requested_date = models.DateField(null=True, blank=True)
    promised_date = models.DateField(null=True, blank=True)
    net_amount = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    tax_amount = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    quantity_received = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    quantity_rejected = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    # Of the rejected quantity: how much has a settlement chosen (pending or agreed; a declined one gives
    # it back), and how much of the order the agreed returns and short-closes took off (never delivered).
    quantity_settled = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    quantity_closed = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    rfq_line_id = models.BigIntegerField(null=True, blank=True)
    rfq_award_id = models.BigIntegerField(null=True, blank=True, unique=True)
    source = models.JSONField(default=dict, blank=True, help_text="What the line was made from.")

    class Meta:
        ordering = ["order", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["order", "line_no"], name="po_line_no_unique"),
            # Created above zero; an accepted change may bring a line down to what was received (0: dropped).
            models.CheckConstraint(condition=Q(quantity__gte=0), name="po_line_quantity_not_negative"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="po_line_price_not_negative"),
            models.CheckConstraint(
                condition=Q(tax_rate__gte=0, tax_rate__lte=100), name="po_line_tax_rate_range"
            ),
            models.CheckConstraint(
                condition=Q(quantity_received__gte=0, quantity_received__lte=F("quantity")),
                name="po_line_received_within_ordered",
            ),
            models.CheckConstraint(condition=Q(quantity_rejected__gte=0), name="po_line_rejected_positive"),
            models.CheckConstraint(
                condition=Q(quantity_settled__gte=0, quantity_settled__lte=F("quantity_rejected")),
                name="po_line_settled_within_rejected",
            ),
            models.CheckConstraint(
                condition=Q(
                    quantity_closed__gte=0, quantity_closed__lte=F("quantity") - F("quantity_received")
                ),
                name="po_line_closed_within_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}/{self.line_no}"

    @property
    def open_quantity(self) -> Decimal:
        """Ordered and neither received nor taken off by an agreed return or short-close."""
        return self.quantity - self.quantity_received - self.quantity_closed


# Approval rules ------------------------------------------------------------------------------------


class ApprovalMode(models.TextChoices):
    ANY = "any", "Any one of them"
    ALL = "all", "All of them"


class ApprovalRule(models.Model):
    """When an order needs approval, and by whom: the first active rule (lowest ``priority``) that matches.

    Bounds are inclusive (``min_amount <= total <= max_amount``) and compare the order's total in the
    company's currency; an empty bound, category or department matches anything. ``category_code`` matches
    the order's category and its sub-categories (prefix on the dotted code).
    """

    name = models.CharField(max_length=200)
    priority = models.PositiveIntegerField()
    active = models.BooleanField(default=True)
    min_amount = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    max_amount = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    category_code = models.CharField(max_length=40, blank=True, default="")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminder_after_hours = models.PositiveIntegerField(default=24)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority", "id"]
        constraints = [
            models.UniqueConstraint(fields=["priority"], name="approval_rule_priority_unique"),
            models.CheckConstraint(
                condition=Q(min_amount__isnull=True)
                | Q(max_amount__isnull=True)
                | Q(min_amount__lte=F("max_amount")),
                name="approval_rule_bounds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.priority}: {self.name}"


class ApprovalRuleStep(models.Model):
    """One serial step of a rule: ANY or ALL of the named members and roles must approve."""

    rule = models.ForeignKey(ApprovalRule, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    mode = models.CharField(max_length=3, choices=ApprovalMode.choices, default=ApprovalMode.ANY)
    user_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    roles = ArrayField(models.CharField(max_length=20), default=list, blank=True)

    class Meta:
        ordering = ["rule", "position"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "position"], name="approval_rule_step_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id}#{self.position}"


class StepStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for an earlier step"
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    CANCELLED = "cancelled", "Cancelled"


class ApprovalStep(models.Model):
    """A rule step copied onto one submission of an order (later rule edits do not change it)."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="approval_steps")
    round = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField()
    mode = models.CharField(max_length=3, choices=ApprovalMode.choices)
    user_ids = ArrayField(models.BigIntegerField(), default=list, blank=True)
    roles = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    status = models.CharField(max_length=10, choices=StepStatus.choices, default=StepStatus.WAITING)
    reminder_after_hours = models.PositiveIntegerField(default=24)
    activated_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["order", "round", "position"], name="approval_step_unique"),
        ]
        indexes = [
            models.Index(
                fields=["activated_at"], name="approval_step_pending_idx", condition=Q(status="pending")
            )
        ]

    def __str__(self) -> str:
        return f"{self.order_id} r{self.round}#{self.position} {self.status}"


class Decision(models.TextChoices):
    APPROVE = "approve", "Approved"
    REJECT = "reject", "Rejected"


class ApprovalDecision(models.Model):
    """One member's decision on a step, possibly on behalf of the member they stand in for."""

    step = models.ForeignKey(ApprovalStep, on_delete=models.CASCADE, related_name="decisions")
    user = models.ForeignKey(
        "identity.User", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.CharField(max_length=10, choices=Decision.choices)
    note = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["step", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["step", "user"], name="approval_decision_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.step_id} {self.user_id} {self.decision}"


class ApprovalDelegation(models.Model):
    """While ``delegator`` is away (``starts_on``..``ends_on`` inclusive), ``delegate`` approves for them."""

    delegator = models.ForeignKey(
        "identity.User", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    delegate = models.ForeignKey(
        "identity.User", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=500, blank=True, default="")
    created_by = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(starts_on__lte=F("ends_on")), name="delegation_dates_ordered"),
            models.CheckConstraint(condition=~Q(delegator=F("delegate")), name="delegation_not_to_oneself"),
        ]

    def __str__(self) -> str:
        return f"{self.delegator_id} -> {self.delegate_id} {self.starts_on}..{self.ends_on}"


# Changes, shipments, receipts, events --------------------------------------------------------------


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class OrderChange(models.Model):
    """A proposed amendment (the supplier's proposal on its order response, or a change request by
    either side), kept with its outcome: the order's change history.

    ``lines``: ``[{line_no, quantity, unit_price, requested_date, promised_date}]`` with the proposed
    values (None: unchanged); ``before``: the same fields as they were when it was applied.
    """

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="changes")
    change_id = models.UUIDField(default=uuid.uuid4, unique=True)
    proposed_by = models.CharField(max_length=10, choices=Party.choices)
    source = models.CharField(max_length=20)  # order_response | change_request
    reason = models.TextField(blank=True, default="")
    lines = models.JSONField(default=list)
    before = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    version = models.PositiveIntegerField(help_text="The order version it would make.")
    document_id = models.UUIDField(null=True, blank=True, help_text="The trade document that carried it.")
    response_reason = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id} v{self.version} {self.status}"


class ExpectedShipment(models.Model):
    """A shipment the supplier announced (dispatch advice), with carrier and tracking."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="shipments")
    document_id = models.UUIDField(unique=True)
    shipment_id = models.BigIntegerField(null=True, blank=True)
    shipment_number = models.CharField(max_length=60, blank=True, default="")
    supplier_order_number = models.CharField(max_length=60, blank=True, default="")
    carrier = models.CharField(max_length=200, blank=True, default="")
    tracking_number = models.CharField(max_length=200, blank=True, default="")
    shipped_at = models.DateTimeField(null=True, blank=True)
    packages = models.PositiveIntegerField(default=0)
    lines = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.shipment_number}"


class GoodsReceipt(models.Model):
    """Goods received against an order: accepted quantities go into stock, rejected ones are recorded."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="receipts")
    number = models.CharField(max_length=30, unique=True)
    shipment = models.ForeignKey(
        ExpectedShipment, on_delete=models.SET_NULL, null=True, blank=True, related_name="receipts"
    )
    warehouse_id = models.BigIntegerField(null=True, blank=True, help_text="tenants.inventory Warehouse id.")
    note = models.TextField(blank=True, default="")
    received_by = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(default=timezone.now)
    receipt_advice_document_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["order", "received_at", "id"]

    def __str__(self) -> str:
        return self.number


class GoodsReceiptLine(models.Model):
    receipt = models.ForeignKey(GoodsReceipt, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(PurchaseOrderLine, on_delete=models.PROTECT, related_name="+")
    accepted_quantity = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    rejected_quantity = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    rejection_reason = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ["receipt", "order_line__line_no"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_quantity__gte=0, rejected_quantity__gte=0), name="grn_line_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(accepted_quantity__gt=0) | Q(rejected_quantity__gt=0), name="grn_line_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_id}/{self.order_line_id}"


class OrderEvent(models.Model):
    """One step of the order's life, written by the service that made it: the order's timeline."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, blank=True, default="")
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["order", "at", "id"]
        indexes = [models.Index(fields=["order", "at"], name="po_event_order_idx")]

    def __str__(self) -> str:
        return f"{self.order_id} {self.kind}"


class Resolution(models.TextChoices):
    REPLACEMENT = "replacement", "Replacement shipment"
    RETURN = "return", "Return"
    SHORT_CLOSE = "short_close", "Short-close"


class SettlementStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the supplier"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class RejectionSettlement(models.Model):
    """The buyer's choice for goods it rejected on receipt, and the supplier's answer.

    ``lines``: ``[{line_no, quantity}]``. A replacement keeps the quantity open on the order (the supplier
    ships it again); a return (numbered ``RTN-...``, the document both sides see) and a short-close take it
    off the order once the supplier accepts. A supplier outside Hansa is not asked: the buyer's choice is
    recorded as accepted at once.
    """

    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="settlements")
    settlement_id = models.UUIDField(default=uuid.uuid4, unique=True)
    resolution = models.CharField(max_length=12, choices=Resolution.choices)
    return_number = models.CharField(max_length=30, blank=True, default="")
    reason = models.TextField(blank=True, default="")
    lines = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=SettlementStatus.choices, default=SettlementStatus.PENDING
    )
    response_reason = models.TextField(blank=True, default="")
    document_id = models.UUIDField(null=True, blank=True, help_text="The rejection_settlement sent.")
    response_document_id = models.UUIDField(null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.resolution} {self.status}"


class ExchangeRate(models.Model):
    """The company's rate table: one unit of ``currency`` in ``home_currency`` (the company's), valid
    from ``valid_on`` until a later entry. Approval routing converts order totals with it."""

    currency = models.CharField(max_length=3)
    home_currency = models.CharField(max_length=3)
    valid_on = models.DateField()
    rate = models.DecimalField(max_digits=18, decimal_places=8)
    created_by = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["currency", "-valid_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "home_currency", "valid_on"], name="exchange_rate_once_per_day"
            ),
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchange_rate_rate_positive"),
            models.CheckConstraint(
                condition=~Q(currency=F("home_currency")), name="exchange_rate_two_currencies"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.currency}/{self.home_currency} {self.valid_on} {self.rate}"


class ProcurementSettings(models.Model):
    """The company's procurement settings (one row, made with the defaults on first read).

    ``auto_approve_unmatched``: an order that no approval rule matches is approved at once (off by
    default: such an order then needs one approval by a member whose role grants po.approve).
    ``rate_tolerance_percent``: how far a rate typed on an order may lie from the rate table's.
    """

    auto_approve_unmatched = models.BooleanField(default=False)
    rate_tolerance_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("2.00"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rate_tolerance_percent__gte=0, rate_tolerance_percent__lte=100),
                name="procurement_settings_tolerance_range",
            ),
        ]

    def __str__(self) -> str:
        return f"auto={self.auto_approve_unmatched} tolerance={self.rate_tolerance_percent}%"
