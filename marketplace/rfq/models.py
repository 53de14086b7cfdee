"""Requests for quotation (public schema): RFQs, their lines, invitations, quotes, awards (notifications:
the ``notifications`` app).

Every row that belongs to a company names it in a column (``buyer`` on an RFQ, ``supplier`` on an
invitation or a quote, ``company`` on an attachment); selectors filter by it. Money is
``Decimal`` in the RFQ's currency (``Rfq.currency``): a quote is always in its RFQ's currency.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q


class RfqStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for quotes"
    CLOSED = "closed", "Closed"
    AWARDED = "awarded", "Awarded"
    CANCELLED = "cancelled", "Cancelled"


class Visibility(models.TextChoices):
    OPEN = "open", "Open to matching suppliers"
    INVITED = "invited", "Invited suppliers only"


class Rfq(models.Model):
    """A buyer's request for quotation.

    Draft -> open (published: matched, invitations stored, broadcast) -> closed (deadline passed or closed
    early; sealed quotes become visible to the buyer) -> awarded (every line awarded). Draft, open and
    closed RFQs without awards can be cancelled.
    """

    buyer = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=60, blank=True, default="", help_text="The buyer's own number.")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    currency = models.CharField(max_length=3)
    payment_terms = models.CharField(max_length=200, blank=True, default="")
    delivery_date = models.DateField(null=True, blank=True)
    # ISO 3166-1 alpha-2, optionally with a subdivision: "CN" or "CN-JS".
    delivery_region = models.CharField(max_length=10, blank=True, default="")
    closing_at = models.DateTimeField(null=True, blank=True)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.OPEN)
    sealed = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=RfqStatus.choices, default=RfqStatus.DRAFT)
    cancel_reason = models.TextField(blank=True, default="")
    top_n = models.PositiveIntegerField(default=20)
    weight_price = models.PositiveSmallIntegerField(default=30)
    weight_reputation = models.PositiveSmallIntegerField(default=30)
    weight_lead_time = models.PositiveSmallIntegerField(default=20)
    weight_verified = models.PositiveSmallIntegerField(default=20)
    created_by = models.ForeignKey(
        "identity.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    awarded_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["buyer", "status", "-created_at"], name="rfq_buyer_status_idx"),
            models.Index(fields=["closing_at"], name="rfq_open_closing_idx", condition=Q(status="open")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(top_n__gte=1), name="rfq_top_n_positive"),
        ]

    def __str__(self) -> str:
        return f"RFQ {self.pk} {self.title}"

    @property
    def delivery_country(self) -> str:
        return self.delivery_region[:2]


class RfqLine(models.Model):
    """One item asked for: spec text or a catalog listing (id plus a snapshot), in a category."""

    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    description = models.TextField(blank=True, default="")
    # No foreign key: the listing may change or go away; the snapshot is what the RFQ asked for.
    listing_id = models.BigIntegerField(null=True, blank=True)
    listing_snapshot = models.JSONField(null=True, blank=True)
    category = models.ForeignKey("directory.Category", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(max_digits=18, decimal_places=4)
    unit = models.CharField(max_length=20)
    target_price = models.DecimalField(
        max_digits=18, decimal_places=4, null=True, blank=True, help_text="Per unit."
    )
    quality_standard = models.CharField(max_length=200, blank=True, default="")
    required_certifications = ArrayField(models.CharField(max_length=60), default=list, blank=True)

    class Meta:
        ordering = ["rfq", "position"]
        constraints = [
            models.UniqueConstraint(fields=["rfq", "position"], name="rfq_line_position_unique"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="rfq_line_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.rfq_id}/{self.position}"


class InvitationStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    # Matched but outside the top N: sees an open RFQ in its inbox, is not notified.
    MATCHED = "matched", "Matched"
    REMOVED = "removed", "Removed by the buyer"


class InvitationSource(models.TextChoices):
    MATCHED = "matched", "Matched on publishing"
    ADDED = "added", "Added by the buyer"


class RfqInvitation(models.Model):
    """A supplier the RFQ was matched to or that the buyer added, with its score and why it matched."""

    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="invitations")
    supplier = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=InvitationStatus.choices)
    source = models.CharField(max_length=10, choices=InvitationSource.choices)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    reasons = models.JSONField(default=dict, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rfq", "supplier"], name="rfq_invitation_unique"),
        ]
        indexes = [
            models.Index(fields=["supplier", "status"], name="rfq_invitation_supplier_idx"),
            models.Index(fields=["rfq", "status", "rank"], name="rfq_invitation_rank_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rfq_id} -> {self.supplier_id} ({self.status})"


class QuoteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Quote(models.Model):
    """A supplier's answer to an RFQ, in the RFQ's currency. One active (not withdrawn) per supplier."""

    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="quotes")
    supplier = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.DRAFT)
    revision = models.PositiveIntegerField(default=1)
    supplier_reference = models.CharField(max_length=60, blank=True, default="")
    valid_until = models.DateField(null=True, blank=True)
    delivery_date = models.DateField(null=True, blank=True)
    payment_terms = models.CharField(max_length=200, blank=True, default="")
    terms = models.TextField(blank=True, default="")
    notes = models.TextField(blank=True, default="")
    min_order_value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    custom_fields = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        "identity.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rfq", "supplier"],
                condition=~Q(status="withdrawn"),
                name="quote_one_active_per_supplier",
            ),
        ]
        indexes = [models.Index(fields=["supplier", "status"], name="quote_supplier_idx")]

    def __str__(self) -> str:
        return f"Quote {self.pk} rfq {self.rfq_id} by {self.supplier_id} r{self.revision}"


class QuoteLine(models.Model):
    """The supplier's offer for one RFQ line. Amounts are in the RFQ's currency, per unit unless named."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    rfq_line = models.ForeignKey(RfqLine, on_delete=models.CASCADE, related_name="+")
    unit_price = models.DecimalField(max_digits=18, decimal_places=4)
    quantity_offered = models.DecimalField(max_digits=18, decimal_places=4)
    lead_time_days = models.PositiveIntegerField()
    discount_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    freight_amount = models.DecimalField(
        max_digits=18, decimal_places=4, default=Decimal("0"), help_text="For the whole line."
    )
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"), help_text="Percent.")
    warranty_months = models.PositiveSmallIntegerField(null=True, blank=True)
    min_order_quantity = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    notes = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ["quote", "rfq_line__position"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "rfq_line"], name="quote_line_unique"),
            models.CheckConstraint(condition=Q(quantity_offered__gt=0), name="quote_line_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="quote_line_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.quote_id}/{self.rfq_line_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # Per-company prefix (the company's opaque schema name), then an unguessable folder per file.
    return f"{instance.company.schema_name}/rfq/{instance.rfq_id}/{uuid.uuid4().hex}/{filename}"


class Attachment(models.Model):
    """A file on an RFQ (uploaded by its buyer) or on a quote (by its supplier): ``company`` uploaded it."""

    company = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="attachments")
    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=400)
    filename = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["rfq", "quote"], name="rfq_attachment_idx")]

    def __str__(self) -> str:
        return self.filename


class AwardScope(models.TextChoices):
    WHOLE = "whole", "The whole RFQ"
    LINE = "line", "One line"


class Award(models.Model):
    """A line awarded to a supplier's quote. A whole-RFQ award is one row per line with scope ``whole``."""

    rfq = models.ForeignKey(Rfq, on_delete=models.CASCADE, related_name="awards")
    line = models.OneToOneField(RfqLine, on_delete=models.CASCADE, related_name="award")
    quote = models.ForeignKey(Quote, on_delete=models.RESTRICT, related_name="awards")
    supplier = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=10, choices=AwardScope.choices)
    reason = models.TextField()
    awarded_by = models.ForeignKey(
        "identity.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rfq", "line__position"]
        indexes = [models.Index(fields=["supplier"], name="rfq_award_supplier_idx")]

    def __str__(self) -> str:
        return f"line {self.line_id} -> {self.supplier_id}"


class ScreeningPreset(models.Model):
    """A buyer's default ranking weights and top N, copied into each new RFQ (which may override them)."""

    company = models.OneToOneField("tenants.Company", on_delete=models.CASCADE, related_name="+")
    weight_price = models.PositiveSmallIntegerField(default=30)
    weight_reputation = models.PositiveSmallIntegerField(default=30)
    weight_lead_time = models.PositiveSmallIntegerField(default=20)
    weight_verified = models.PositiveSmallIntegerField(default=20)
    top_n = models.PositiveIntegerField(default=20)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"screening preset of {self.company_id}"

    def weights(self) -> dict[str, Any]:
        return {
            "weight_price": self.weight_price,
            "weight_reputation": self.weight_reputation,
            "weight_lead_time": self.weight_lead_time,
            "weight_verified": self.weight_verified,
        }
