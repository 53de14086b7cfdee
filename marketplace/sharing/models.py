"""Consented inventory sharing between two trading partners (public schema).

A ``ShareGrant`` is the owner's consent: ``partner`` may see the figures of chosen items (or a category) in
chosen warehouses of ``owner`` for a period. The owner's workspace publishes ``SharedStock`` snapshots
under each active grant (a worker task running in the owner's schema, after each stock movement); the
partner reads only these rows, filtered by its own company and an active grant, and never the owner's
schema. Revoking a grant deletes its snapshots in the same transaction, so the partner keeps no view.

No foreign key leaves ``public``: items and warehouses are the owner's ids plus a snapshot of their labels.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class GrantStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    REVOKED = "revoked", "Revoked"


class ShareGrant(models.Model):
    owner = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=GrantStatus.choices, default=GrantStatus.ACTIVE)
    # Scope: the owner's item ids, or every item of a category (both may be given: the union).
    item_ids = models.JSONField(default=list, blank=True)
    category_code = models.CharField(max_length=64, blank=True, default="")
    # The owner's warehouse ids; empty means every warehouse.
    warehouse_ids = models.JSONField(default=list, blank=True)
    share_consumption = models.BooleanField(default=False)
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True, default="")
    created_by_label = models.CharField(max_length=254, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(owner=F("partner")), name="sharegrant_not_self"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="sharegrant_period_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status"], name="sharegrant_owner_idx"),
            models.Index(fields=["partner", "status"], name="sharegrant_partner_idx"),
        ]

    def __str__(self) -> str:
        return f"grant {self.pk}: {self.owner_id} -> {self.partner_id} ({self.status})"


class SharedStock(models.Model):
    """The figures of one of the owner's items in one warehouse, as last published under ``grant``."""

    grant = models.ForeignKey(ShareGrant, on_delete=models.CASCADE, related_name="stock")
    # Denormalised from the grant so the partner's read is one indexed filter.
    owner_company_id = models.BigIntegerField()
    partner_company_id = models.BigIntegerField()
    item_id = models.BigIntegerField()
    sku = models.CharField(max_length=100)
    name_zh = models.CharField(max_length=300, blank=True, default="")
    name_en = models.CharField(max_length=300, blank=True, default="")
    unit = models.CharField(max_length=32, default="pcs")
    category_code = models.CharField(max_length=64, blank=True, default="")
    warehouse_id = models.BigIntegerField()
    warehouse_code = models.CharField(max_length=32)
    warehouse_name = models.CharField(max_length=200, blank=True, default="")
    on_hand = models.DecimalField(max_digits=18, decimal_places=4)
    available = models.DecimalField(max_digits=18, decimal_places=4)
    reorder_point = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    # Issued per day over the owner's recent window; null unless the grant shares consumption.
    consumption_per_day = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    # When the owner's stock had these figures (the newest movement seen); a publish carrying an older
    # figure never overwrites a newer one.
    as_of = models.DateTimeField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["sku", "warehouse_code"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "item_id", "warehouse_id"], name="sharedstock_uniq"),
        ]
        indexes = [models.Index(fields=["partner_company_id", "grant"], name="sharedstock_partner_idx")]

    def __str__(self) -> str:
        return f"{self.sku}@{self.warehouse_code}: {self.available}"


class PolicyMethod(models.TextChoices):
    MIN_MAX = "min_max", "Min/max"
    DAYS_OF_COVER = "days_of_cover", "Days of cover"


class PolicySide(models.TextChoices):
    OWNER = "owner", "Owner (the buyer sharing its stock)"
    PARTNER = "partner", "Partner (the supplier replenishing)"


class ReplenishmentPolicy(models.Model):
    """How the grant's partner (the supplier) replenishes one of the owner's (the buyer's) shared items.

    Either side proposes or changes it; the change is agreed by its author at once and clears the other
    side's agreement (and bumps ``version``), so only terms both sides agreed to, at this version, drive
    proposals. ``item_id`` is the OWNER's item id (the one the buyer orders).
    """

    grant = models.ForeignKey(ShareGrant, on_delete=models.CASCADE, related_name="policies")
    owner_company_id = models.BigIntegerField()
    partner_company_id = models.BigIntegerField()
    item_id = models.BigIntegerField()
    sku = models.CharField(max_length=100)
    name_zh = models.CharField(max_length=300, blank=True, default="")
    name_en = models.CharField(max_length=300, blank=True, default="")
    unit = models.CharField(max_length=32, default="pcs")
    method = models.CharField(max_length=16, choices=PolicyMethod.choices)
    # min_max: when available <= min_quantity, propose up to max_quantity.
    min_quantity = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    max_quantity = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    # days_of_cover: when available covers <= minimum_days of consumption, propose up to target_days.
    target_days = models.PositiveIntegerField(null=True, blank=True)
    minimum_days = models.PositiveIntegerField(null=True, blank=True)
    unit_price = models.DecimalField(max_digits=18, decimal_places=4)
    currency = models.CharField(max_length=3)
    note = models.CharField(max_length=500, blank=True, default="")
    proposed_by = models.CharField(max_length=8, choices=PolicySide.choices)
    agreed_by_owner_at = models.DateTimeField(null=True, blank=True)
    agreed_by_partner_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sku", "id"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "item_id"], name="replpolicy_grant_item_uniq"),
            models.CheckConstraint(
                condition=Q(method="days_of_cover")
                | Q(min_quantity__isnull=False, max_quantity__isnull=False),
                name="replpolicy_min_max_given",
            ),
            models.CheckConstraint(
                condition=Q(method="min_max") | Q(target_days__isnull=False, minimum_days__isnull=False),
                name="replpolicy_days_given",
            ),
        ]
        indexes = [
            models.Index(fields=["partner_company_id"], name="replpolicy_partner_idx"),
            models.Index(fields=["owner_company_id"], name="replpolicy_owner_idx"),
        ]

    def __str__(self) -> str:
        return f"policy {self.pk} v{self.version}: {self.sku} ({self.method})"

    @property
    def agreed(self) -> bool:
        return self.agreed_by_owner_at is not None and self.agreed_by_partner_at is not None
