"""Supply-chain collaboration: replenishment (tenant schema).

- ``Proposal``: a replenishment the company (as a SUPPLIER) proposed to a buyer from the figures the buyer
  shares, under an agreed ``sharing.ReplenishmentPolicy``; sent as a ``replenishment_proposal`` document.
  The buyer's answer (``replenishment_response``) records the purchase order's number and document id;
  the sales order made from that purchase order (``sales.SalesOrder.source_document_id``) is the link.
- ``ReceivedProposal``: the same proposal as the BUYER ingested it; accepted (automatically by an
  ``AcceptanceRule`` or by a member with po.approve) it becomes one purchase order, exactly once.
- ``AcceptanceRule``: the buyer's limits within which proposals are accepted without asking anyone.

Public rows (policies, grants, companies) are named by id: no foreign key leaves the schema except to users.
"""

from __future__ import annotations

from django.db import models


class ProposalStatus(models.TextChoices):
    SENT = "sent", "Sent, waiting for the buyer"
    ACCEPTED = "accepted", "Accepted (a purchase order was sent)"
    DECLINED = "declined", "Declined"


class Proposal(models.Model):
    number = models.CharField(max_length=40, unique=True)
    buyer_company_id = models.BigIntegerField()
    buyer_name = models.CharField(max_length=200)
    grant_id = models.BigIntegerField()
    policy_id = models.BigIntegerField()
    policy_version = models.PositiveIntegerField()
    method = models.CharField(max_length=16)
    item_id = models.BigIntegerField(help_text="The buyer's item id.")
    sku = models.CharField(max_length=100)
    name_zh = models.CharField(max_length=300, blank=True, default="")
    name_en = models.CharField(max_length=300, blank=True, default="")
    unit = models.CharField(max_length=32)
    quantity = models.DecimalField(max_digits=18, decimal_places=4)
    unit_price = models.DecimalField(max_digits=18, decimal_places=4)
    currency = models.CharField(max_length=3)
    total = models.DecimalField(max_digits=18, decimal_places=4)
    # The shared figures the quantity was computed from (all covered warehouses).
    available = models.DecimalField(max_digits=18, decimal_places=4)
    consumption_per_day = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    figures_as_of = models.DateTimeField()
    document_id = models.UUIDField(unique=True, null=True, blank=True)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.SENT)
    decided_at = models.DateTimeField(null=True, blank=True)
    accepted_automatically = models.BooleanField(default=False)
    decline_reason = models.CharField(max_length=500, blank=True, default="")
    po_number = models.CharField(max_length=64, blank=True, default="")
    po_document_id = models.UUIDField(null=True, blank=True)
    created_by_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["policy_id", "status"], name="replprop_policy_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.sku} x {self.quantity} ({self.status})"


class ReceivedStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class ReceivedProposal(models.Model):
    document_id = models.UUIDField(unique=True)
    number = models.CharField(max_length=40)
    supplier_company_id = models.BigIntegerField()
    supplier_name = models.CharField(max_length=200)
    grant_id = models.BigIntegerField()
    policy_id = models.BigIntegerField()
    policy_version = models.PositiveIntegerField()
    method = models.CharField(max_length=16)
    item_id = models.BigIntegerField()
    sku = models.CharField(max_length=100)
    name_zh = models.CharField(max_length=300, blank=True, default="")
    name_en = models.CharField(max_length=300, blank=True, default="")
    unit = models.CharField(max_length=32)
    quantity = models.DecimalField(max_digits=18, decimal_places=4)
    unit_price = models.DecimalField(max_digits=18, decimal_places=4)
    currency = models.CharField(max_length=3)
    total = models.DecimalField(max_digits=18, decimal_places=4)
    available = models.DecimalField(max_digits=18, decimal_places=4)
    consumption_per_day = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    figures_as_of = models.DateTimeField()
    status = models.CharField(max_length=10, choices=ReceivedStatus.choices, default=ReceivedStatus.PENDING)
    # Why it waits for a person (no rule, over a limit, policy changed...); empty once decided.
    review_reason = models.CharField(max_length=500, blank=True, default="")
    accepted_automatically = models.BooleanField(default=False)
    rule = models.ForeignKey(
        "AcceptanceRule", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        "identity.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by_label = models.CharField(max_length=254, blank=True, default="")
    decline_reason = models.CharField(max_length=500, blank=True, default="")
    purchase_order = models.OneToOneField(
        "procurement.PurchaseOrder", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response_document_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"], name="replrecv_status_idx")]

    def __str__(self) -> str:
        return f"{self.number} from {self.supplier_name} ({self.status})"


class AcceptanceRule(models.Model):
    """Accept a proposal without asking when it is within these limits. ``supplier_company_id`` and
    ``item_id`` narrow the rule (null: any); the most specific active rule decides."""

    supplier_company_id = models.BigIntegerField(null=True, blank=True)
    supplier_name = models.CharField(max_length=200, blank=True, default="")
    item_id = models.BigIntegerField(null=True, blank=True)
    max_quantity = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    max_amount = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    currency = models.CharField(max_length=3)
    active = models.BooleanField(default=True)
    # The member (with po.approve) whose standing approval the rule is.
    set_by = models.ForeignKey(
        "identity.User", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    set_by_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["supplier_company_id", "item_id"],
                name="replrule_scope_uniq",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=models.Q(max_quantity__isnull=False) | models.Q(max_amount__isnull=False),
                name="replrule_has_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"rule {self.pk}: supplier {self.supplier_company_id} item {self.item_id}"
