"""Billing tables, all in the ``public`` schema: plans and their versions, subscriptions and their history,
usage counters and the usage ledger, the platform's invoices to companies and their payments, and the
webhook events a gateway sent.

Billing never reads a workspace's private records: usage reaches it as events recorded by the services
that create metered things (see :mod:`billing.services.metering`).
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from billing.meters import Meter


class Interval(models.TextChoices):
    MONTH = "month", "Monthly"
    YEAR = "year", "Yearly"


class Enforcement(models.TextChoices):
    HARD = "hard", "Hard: refuse over the limit"
    SOFT = "soft", "Soft: warn, bill what is over"


class Plan(models.Model):
    """A plan as sold: its code, names and the version new subscriptions get (``current_version``)."""

    code = models.SlugField(max_length=30, unique=True)
    name_en = models.CharField(max_length=80)
    name_zh = models.CharField(max_length=80)
    description_en = models.CharField(max_length=300, blank=True, default="")
    description_zh = models.CharField(max_length=300, blank=True, default="")
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_public = models.BooleanField(default=True, help_text="Offered on the billing page and at sign-up.")
    is_free = models.BooleanField(default=False, help_text="The plan a lapsed trial falls back to.")
    current_version = models.ForeignKey(
        "billing.PlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.code


class PlanVersion(models.Model):
    """An immutable set of prices and entitlements of a plan.

    Editing a plan makes a new version and points the plan at it: new subscriptions get it, existing ones
    keep theirs until renewal (or until an operator migrates them).
    """

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    trial_days = models.PositiveSmallIntegerField(default=14)
    features = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="billing_planversion_unique")]

    def __str__(self) -> str:
        return f"{self.plan.code} v{self.number}"


class PlanPrice(models.Model):
    """The base (licensed) price of a plan version per currency and interval."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="prices")
    currency = models.CharField(max_length=3)
    interval = models.CharField(max_length=5, choices=Interval.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    stripe_price_id = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "currency", "interval"], name="billing_planprice_unique"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="billing_planprice_amount_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.currency}/{self.interval} {self.amount}"


class Entitlement(models.Model):
    """How much of a meter a plan version includes. ``included`` empty means unlimited.

    Hard limits refuse the request that would go over (``quota_exceeded``); soft limits warn at 80% and
    100% and the excess is billed at ``overage_prices`` (per unit, by currency code).
    """

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="entitlements")
    meter = models.CharField(max_length=30, choices=Meter.choices)
    included = models.BigIntegerField(null=True, blank=True)
    enforcement = models.CharField(max_length=4, choices=Enforcement.choices, default=Enforcement.HARD)
    overage_prices = models.JSONField(default=dict, blank=True)
    stripe_price_id = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "meter"], name="billing_entitlement_unique"),
            models.CheckConstraint(
                condition=models.Q(included__isnull=True) | models.Q(included__gte=0),
                name="billing_entitlement_included_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.meter} {self.included}"


class SubscriptionStatus(models.TextChoices):
    TRIALING = "trialing", "Trialing"
    ACTIVE = "active", "Active"
    PAST_DUE = "past_due", "Past due"
    READ_ONLY = "read_only", "Read-only"
    SUSPENDED = "suspended", "Suspended"
    CANCELED = "canceled", "Canceled"


class Gateway(models.TextChoices):
    OFFLINE = "offline", "Invoice and bank transfer"
    STRIPE = "stripe", "Stripe"


class Subscription(models.Model):
    """A company's one subscription: what it is on, how it pays, and where it stands.

    Every change goes through :mod:`billing.services.subscriptions`, locks this row, and appends a
    :class:`SubscriptionEvent`; the company's access lock (``Company.billing_lock``) is kept in step in
    the same transaction.
    """

    company = models.OneToOneField("tenants.Company", on_delete=models.CASCADE, related_name="subscription")
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="subscriptions")
    status = models.CharField(max_length=10, choices=SubscriptionStatus.choices)
    interval = models.CharField(max_length=5, choices=Interval.choices, default=Interval.MONTH)
    currency = models.CharField(max_length=3)
    gateway = models.CharField(max_length=10, choices=Gateway.choices, default=Gateway.OFFLINE)
    trial_ends_at = models.DateTimeField(null=True, blank=True)
    current_period_start = models.DateTimeField()
    current_period_end = models.DateTimeField()
    cancel_at_period_end = models.BooleanField(default=False)
    converted_at = models.DateTimeField(null=True, blank=True, help_text="When the trial became paid.")
    past_due_since = models.DateTimeField(null=True, blank=True)
    credit_balance = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        help_text="Owed to the company (downgrade proration); used on the next invoice.",
    )
    stripe_customer_id = models.CharField(max_length=100, blank=True, default="")
    stripe_subscription_id = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "current_period_end"], name="billing_sub_status_idx"),
            models.Index(fields=["trial_ends_at"], name="billing_sub_trial_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.company_id} {self.plan_version} {self.status}"


class SubscriptionEventKind(models.TextChoices):
    TRIAL_STARTED = "trial_started", "Trial started"
    TRIAL_EXTENDED = "trial_extended", "Trial extended"
    CONVERTED = "converted", "Trial converted"
    LAPSED = "lapsed", "Trial lapsed"
    PLAN_CHANGED = "plan_changed", "Plan changed"
    MIGRATED = "migrated", "Moved to the plan's current version"
    RENEWED = "renewed", "Renewed"
    CANCEL_SCHEDULED = "cancel_scheduled", "Cancellation at period end"
    CANCEL_REVOKED = "cancel_revoked", "Cancellation withdrawn"
    CANCELED = "canceled", "Canceled"
    STATUS_CHANGED = "status_changed", "Status changed"


class SubscriptionEvent(models.Model):
    """One entry of a company's subscription history (append-only)."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="events")
    company = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=SubscriptionEventKind.choices)
    from_version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_status = models.CharField(max_length=10, blank=True, default="")
    to_status = models.CharField(max_length=10, blank=True, default="")
    amount = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Proration charged (+) or credited (-).",
    )
    currency = models.CharField(max_length=3, blank=True, default="")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(
        max_length=20, blank=True, default="", help_text="owner, operator, system, stripe"
    )
    reason = models.CharField(max_length=1000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["company", "-created_at"], name="billing_subevent_co_idx")]

    def __str__(self) -> str:
        return f"{self.company_id} {self.kind} {self.created_at:%Y-%m-%d}"


class UsageCounter(models.Model):
    """How much of a meter a company used in one period (gauges: one row, period 2000-01-01).

    Incremented in the same statement that records the usage event (see ``usage_record``), so it is exact
    under concurrency. ``rated_quantity`` is what month-end rating has already billed: a late increment is
    billed on the next run, never twice.
    """

    company = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    meter = models.CharField(max_length=30, choices=Meter.choices)
    period_start = models.DateField()
    quantity = models.BigIntegerField(default=0)
    rated_quantity = models.BigIntegerField(default=0)
    warned_at_percent = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["company", "meter", "period_start"], name="billing_usagecounter_unique"
            )
        ]
        indexes = [models.Index(fields=["period_start", "meter"], name="billing_counter_period_idx")]

    def __str__(self) -> str:
        return f"{self.company_id} {self.meter} {self.period_start} {self.quantity}"


class UsageEvent(models.Model):
    """The usage ledger: one row per recorded event; ``id`` is the outbox message that carried it."""

    id = models.UUIDField(primary_key=True, editable=False)
    company = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    meter = models.CharField(max_length=30, choices=Meter.choices)
    quantity = models.BigIntegerField()
    occurred_at = models.DateTimeField()
    period_start = models.DateField()
    sent_to_gateway_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["company", "meter", "period_start"], name="billing_usageevent_idx"),
            models.Index(
                fields=["occurred_at"],
                name="billing_event_unsent_idx",
                condition=models.Q(sent_to_gateway_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_id} {self.meter} {self.quantity} {self.id}"


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    PAID = "paid", "Paid"
    VOID = "void", "Void"
    UNCOLLECTIBLE = "uncollectible", "Uncollectible"


class Invoice(models.Model):
    """The platform's invoice to a company (subscription fee, proration, usage over the plan)."""

    id = models.BigAutoField(primary_key=True)
    company = models.ForeignKey("tenants.Company", on_delete=models.PROTECT, related_name="+")
    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField(
        max_length=30, blank=True, default="", help_text="Given when issued, gapless per year."
    )
    status = models.CharField(max_length=14, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    gateway = models.CharField(max_length=10, choices=Gateway.choices, default=Gateway.OFFLINE)
    currency = models.CharField(max_length=3)
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    subtotal = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    tax_amount = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    total = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    amount_paid = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    issued_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    buyer_name = models.CharField(max_length=300, blank=True, default="")
    buyer_tax_id = models.CharField(max_length=100, blank=True, default="")
    buyer_country = models.CharField(max_length=2, blank=True, default="")
    stripe_invoice_id = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["number"], name="billing_invoice_number_unique", condition=~models.Q(number="")
            ),
            models.UniqueConstraint(
                fields=["stripe_invoice_id"],
                name="billing_invoice_stripe_unique",
                condition=~models.Q(stripe_invoice_id=""),
            ),
        ]
        indexes = [models.Index(fields=["company", "-created_at"], name="billing_invoice_co_idx")]

    def __str__(self) -> str:
        return self.number or f"draft {self.pk}"


class InvoiceLineKind(models.TextChoices):
    BASE = "base", "Plan"
    PRORATION = "proration", "Proration"
    OVERAGE = "overage", "Usage over the plan"
    CREDIT = "credit", "Credit"


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=10, choices=InvoiceLineKind.choices)
    description = models.CharField(max_length=300)
    meter = models.CharField(max_length=30, blank=True, default="")
    quantity = models.DecimalField(max_digits=18, decimal_places=4, default=Decimal("1"))
    unit_amount = models.DecimalField(max_digits=16, decimal_places=4)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    period_start = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.description


class InvoiceNumberSequence(models.Model):
    """The last number issued per year: issuing locks the row, so numbers have no gaps and no repeats."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    STRIPE = "stripe", "Stripe"


class Payment(models.Model):
    """Money received against a platform invoice (recorded by an operator, or reported by Stripe)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    company = models.ForeignKey("tenants.Company", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3)
    method = models.CharField(max_length=14, choices=PaymentMethod.choices)
    reference = models.CharField(max_length=200, blank=True, default="")
    received_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="billing_payment_amount_gt_0")
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} on {self.invoice_id}"


class WebhookEvent(models.Model):
    """A gateway's webhook event, kept by its id so the same event twice has one effect."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gateway = models.CharField(max_length=10, choices=Gateway.choices)
    event_id = models.CharField(max_length=100)
    event_type = models.CharField(max_length=100)
    created = models.DateTimeField(help_text="When the gateway created the event (orders out-of-order ones).")
    payload = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["gateway", "event_id"], name="billing_webhookevent_unique")
        ]

    def __str__(self) -> str:
        return f"{self.gateway} {self.event_type} {self.event_id}"
