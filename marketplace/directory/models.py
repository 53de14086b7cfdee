"""The supplier directory (public schema): product categories, supplier profiles, certifications."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models


class Category(models.Model):
    """A node of the seeded product-category tree; ``code`` is hierarchical (``31.10.02``)."""

    code = models.CharField(max_length=32, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name_en = models.CharField(max_length=200)
    name_zh = models.CharField(max_length=200)
    # Materialised path of codes from the root, for subtree filters without recursion ("31/31.10/31.10.02").
    path = models.CharField(max_length=400, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"


class CompanyRole(models.TextChoices):
    SUPPLIER = "supplier", "Supplier"
    BUYER = "buyer", "Buyer"
    BOTH = "both", "Supplier and buyer"


class SupplierProfile(models.Model):
    """A company's face on the marketplace. One per company; verified only by an operator."""

    company = models.OneToOneField(
        "tenants.Company", on_delete=models.CASCADE, related_name="supplier_profile"
    )
    role = models.CharField(max_length=10, choices=CompanyRole.choices, default=CompanyRole.BOTH)
    display_name_en = models.CharField(max_length=200, blank=True, default="")
    display_name_zh = models.CharField(max_length=200, blank=True, default="")
    description_en = models.TextField(blank=True, default="")
    description_zh = models.TextField(blank=True, default="")
    categories = models.ManyToManyField(Category, blank=True, related_name="suppliers")
    # ISO 3166-1 alpha-2 codes, optionally with a subdivision ("CN", "CN-JS"), of the regions served.
    regions_served = ArrayField(models.CharField(max_length=10), default=list, blank=True)
    capacity_note = models.TextField(blank=True, default="")
    min_order_note = models.TextField(blank=True, default="")
    is_listed = models.BooleanField(
        default=True, help_text="Shown in the public directory and matched to RFQs."
    )
    verified = models.BooleanField(default=False)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        "identity.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["is_listed", "verified"], name="supplier_listed_idx")]

    def __str__(self) -> str:
        return self.display_name_en or self.display_name_zh or str(self.company_id)


class Certification(models.Model):
    """A certificate a supplier holds (ISO 9001, ...), with its document and expiry."""

    supplier = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE, related_name="certifications")
    type = models.CharField(max_length=60, help_text="e.g. ISO 9001, ISO 14001, IATF 16949, HACCP, CE")
    number = models.CharField(max_length=120)
    issuer = models.CharField(max_length=200)
    valid_until = models.DateField()
    document = models.FileField(upload_to="certifications/%Y/%m/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["type", "valid_until"], name="cert_type_valid_idx")]
        ordering = ["type", "valid_until"]

    def __str__(self) -> str:
        return f"{self.type} {self.number}"
