"""The supplier directory (public schema): product categories, supplier profiles, certifications."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from marketplace.directory.uploads import certification_document_path

EXPIRY_WARNING_DAYS = 30


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
    verification_note = models.CharField(max_length=500, blank=True, default="")
    # Buyers' ratings (0..5) once trading records them; None while there are none.
    rating = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    rating_count = models.PositiveIntegerField(default=0)
    # The supplier rating (0..5) that search sorts by and matching's reputation reads: computed from the
    # history figures and ``rating`` (see directory.selectors.reputation_of); None with no record at all.
    reputation = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    reputation_updated_at = models.DateTimeField(null=True, blank=True)
    # Maintained by directory.services on every write (see marketplace/directory/fulltext.py, regions.py).
    region_keys = ArrayField(models.CharField(max_length=11), default=list, blank=True)
    search_names = models.TextField(blank=True, default="")
    search_details = models.TextField(blank=True, default="")
    search_vector = SearchVectorField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["is_listed", "verified"], name="supplier_listed_idx"),
            GinIndex(fields=["search_vector"], name="supplier_search_gin"),
            GinIndex(fields=["region_keys"], name="supplier_regions_gin"),
        ]

    def __str__(self) -> str:
        return self.display_name_en or self.display_name_zh or str(self.company_id)


class Certification(models.Model):
    """A certificate a supplier holds (ISO 9001, ...), with its document and expiry."""

    supplier = models.ForeignKey(SupplierProfile, on_delete=models.CASCADE, related_name="certifications")
    type = models.CharField(max_length=60, help_text="e.g. ISO 9001, ISO 14001, IATF 16949, HACCP, CE")
    number = models.CharField(max_length=120)
    issuer = models.CharField(max_length=200)
    valid_until = models.DateField()
    document = models.FileField(upload_to=certification_document_path, blank=True, max_length=200)
    document_name = models.CharField(max_length=200, blank=True, default="")
    document_content_type = models.CharField(max_length=100, blank=True, default="")
    # When the supplier was last told that this certificate expires soon (or has expired).
    expiry_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # "Holds a valid X": type equal, valid_until at least today, the supplier from the index alone.
            models.Index(fields=["type", "valid_until", "supplier"], name="cert_type_valid_supplier_idx"),
        ]
        ordering = ["type", "valid_until"]

    def __str__(self) -> str:
        return f"{self.type} {self.number}"

    def status_on(self, day: date) -> str:
        """``valid``, ``expiring`` (within EXPIRY_WARNING_DAYS) or ``expired``."""
        if self.valid_until < day:
            return "expired"
        if self.valid_until < day + timedelta(days=EXPIRY_WARNING_DAYS):
            return "expiring"
        return "valid"
