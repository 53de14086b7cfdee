"""Companies (tenants) and their domains, in the public schema."""

from __future__ import annotations

from django.db import models
from django_tenants.models import DomainMixin, TenantMixin

from kernel.fields import EncryptedTextField


class CompanyStatus(models.TextChoices):
    POOLED = "pooled", "Pooled (warm, unclaimed)"
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    CLOSED = "closed", "Closed"


class BillingLock(models.TextChoices):
    NONE = "", "None"
    READ_ONLY = "read_only", "Read-only (writes refused until a payment lands)"
    SUSPENDED = "suspended", "Suspended for non-payment"


class Company(TenantMixin):
    """A company with its own private schema.

    Pooled rows are migrated, empty schemas waiting to be claimed by a sign-up: they have no slug and no
    name yet. ``schema_name`` is opaque (``t_<random>``) and never derived from the company's name.
    """

    name = models.CharField(max_length=200, blank=True, default="")
    slug = models.SlugField(max_length=40, unique=True, null=True, blank=True)
    legal_name = models.CharField(max_length=300, blank=True, default="")
    country = models.CharField(max_length=2, blank=True, default="")
    default_currency = models.CharField(max_length=3, blank=True, default="")
    locale = models.CharField(max_length=10, blank=True, default="")
    time_zone = models.CharField(max_length=64, blank=True, default="UTC")
    status = models.CharField(max_length=12, choices=CompanyStatus.choices, default=CompanyStatus.POOLED)
    require_mfa = models.BooleanField(
        default=False, help_text="Every member must use an authenticator app to work in this company."
    )
    tax_id = EncryptedTextField(blank=True, default="", help_text="Tax identification number.")
    bank_account = EncryptedTextField(
        blank=True, default="", help_text="Bank account details: IBAN or account number, and bank name."
    )
    billing_lock = models.CharField(
        max_length=10,
        choices=BillingLock.choices,
        blank=True,
        default="",
        help_text="Kept in step with the subscription by billing: read-only refuses writes, suspended "
        "closes the workspace (data kept).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    activated_at = models.DateTimeField(null=True, blank=True)

    auto_create_schema = True
    auto_drop_schema = True

    class Meta:
        verbose_name_plural = "companies"
        indexes = [models.Index(fields=["status", "created_at"], name="company_status_idx")]

    def __str__(self) -> str:
        return self.name or f"(pooled {self.schema_name})"


class Domain(DomainMixin):
    class Meta:
        verbose_name = "domain"

    def __str__(self) -> str:
        return self.domain
