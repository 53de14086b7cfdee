"""The marketplace catalog (public schema): listings, their price tiers and images, catalog imports."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from marketplace.directory.uploads import company_file_path


def listing_image_path(instance: Any, filename: str) -> str:
    return company_file_path(instance.listing.company, "listing-images", filename)


def import_file_path(instance: Any, filename: str) -> str:
    return company_file_path(instance.company, "catalog-imports", filename)


class ListingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"


class Availability(models.TextChoices):
    IN_STOCK = "in_stock", "In stock"
    MADE_TO_ORDER = "made_to_order", "Made to order"


class StockSource(models.TextChoices):
    """Where a listing's stock quantity comes from: the supplier's inventory (a linked item) or its word."""

    INVENTORY = "inventory", "From the supplier's inventory"
    DECLARED = "declared", "Declared by the supplier"


PUBLIC = Q(is_public=True)


class Listing(models.Model):
    """One product a supplier offers. Public (searchable by anyone) while ``is_public``.

    ``is_public`` and the ``supplier_*`` columns copy what search filters on from the supplier's profile
    (listed, verified, regions, and the supplier rating ``SupplierProfile.reputation``); ``category_path``
    copies the category's path; ``base_price`` is the unit price of the first price tier; the ``search_*``
    columns hold the jieba-segmented text and its ``tsvector``. catalog.services keeps all of them current
    on every write, in the same transaction.
    """

    company = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    supplier = models.ForeignKey(
        "directory.SupplierProfile", on_delete=models.CASCADE, related_name="listings"
    )
    sku = models.CharField(max_length=64)
    name_en = models.CharField(max_length=200, blank=True, default="")
    name_zh = models.CharField(max_length=200, blank=True, default="")
    description_en = models.TextField(blank=True, default="")
    description_zh = models.TextField(blank=True, default="")
    category = models.ForeignKey("directory.Category", on_delete=models.PROTECT, related_name="listings")
    category_path = models.CharField(max_length=400)
    # [{"key": "Bore", "value": "25 mm"}, ...] in the supplier's order.
    attributes = models.JSONField(default=list, blank=True)
    unit = models.CharField(max_length=16)
    currency = models.CharField(max_length=3)
    base_price = models.DecimalField(max_digits=14, decimal_places=4)
    moq = models.DecimalField(max_digits=14, decimal_places=3)
    lead_time_days = models.PositiveIntegerField()
    availability = models.CharField(max_length=16, choices=Availability.choices)
    # Declared by the supplier, or (while ``stock_item_id`` is set) the available quantity of that item of
    # the supplier's own inventory, written by tenants.inventory in the transaction of each stock movement.
    stock_quantity = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    # The linked inventory item (an id in the company's own schema: no foreign key leaves it).
    stock_item_id = models.BigIntegerField(null=True, blank=True)
    stock_updated_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ListingStatus.choices, default=ListingStatus.DRAFT)
    is_public = models.BooleanField(default=False)
    supplier_verified = models.BooleanField(default=False)
    supplier_regions = ArrayField(models.CharField(max_length=11), default=list, blank=True)
    supplier_rating = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    search_names = models.TextField(blank=True, default="")
    search_details = models.TextField(blank=True, default="")
    search_vector = SearchVectorField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # Two imports (or an import and an edit) at once can never give one company two rows per SKU.
            models.UniqueConstraint(fields=["company", "sku"], name="listing_company_sku_uniq"),
            models.CheckConstraint(condition=Q(base_price__gt=0), name="listing_base_price_positive"),
            models.CheckConstraint(condition=Q(moq__gt=0), name="listing_moq_positive"),
            # One item feeds at most one listing of its company.
            models.UniqueConstraint(
                fields=["company", "stock_item_id"],
                condition=Q(stock_item_id__isnull=False),
                name="listing_company_stock_item_uniq",
            ),
            # A listing whose stock comes from inventory is in stock by definition.
            models.CheckConstraint(
                condition=Q(stock_item_id__isnull=True) | Q(availability=Availability.IN_STOCK),
                name="listing_linked_is_in_stock",
            ),
        ]
        indexes = [
            models.Index(fields=["company", "status", "-updated_at"], name="listing_company_status_idx"),
            GinIndex(fields=["search_vector"], name="listing_search_gin", condition=PUBLIC),
            models.Index(
                fields=["category_path"],
                name="listing_category_path_idx",
                opclasses=["varchar_pattern_ops"],
                condition=PUBLIC,
            ),
            models.Index(fields=["base_price"], name="listing_price_idx", condition=PUBLIC),
            models.Index(fields=["lead_time_days"], name="listing_lead_time_idx", condition=PUBLIC),
            models.Index(fields=["-created_at", "-id"], name="listing_newest_idx", condition=PUBLIC),
            GinIndex(fields=["supplier_regions"], name="listing_regions_gin", condition=PUBLIC),
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.name_en or self.name_zh}"

    @property
    def stock_source(self) -> str:
        return StockSource.INVENTORY if self.stock_item_id is not None else StockSource.DECLARED


class PriceTier(models.Model):
    """From ``min_quantity`` up (in the listing's unit), the unit price in the listing's currency."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="price_tiers")
    min_quantity = models.DecimalField(max_digits=14, decimal_places=3)
    unit_price = models.DecimalField(max_digits=14, decimal_places=4)

    class Meta:
        ordering = ["min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "min_quantity"], name="price_tier_listing_qty_uniq")
        ]

    def __str__(self) -> str:
        return f">= {self.min_quantity}: {self.unit_price}"


class ListingImage(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to=listing_image_path, max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.file.name or ""


class ImportState(models.TextChoices):
    VALIDATING = "validating", "Checking the rows (dry run)"
    VALIDATED = "validated", "Checked; waiting for the import to be confirmed"
    IMPORTING = "importing", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed"


class ImportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"


class ImportJob(models.Model):
    """A catalog file: its dry run (per-row errors), then, once confirmed, its import, with progress."""

    company = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        "identity.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by_label = models.CharField(max_length=254, blank=True, default="")
    file = models.FileField(upload_to=import_file_path, max_length=200)
    file_name = models.CharField(max_length=200)
    format = models.CharField(max_length=4, choices=ImportFormat.choices)
    state = models.CharField(max_length=12, choices=ImportState.choices, default=ImportState.VALIDATING)
    run_in_background = models.BooleanField(default=False)
    only_valid = models.BooleanField(default=False)
    total_rows = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    # The first MAX_STORED_ERRORS of [{"row": 2, "column": "moq", "message": "..."}].
    errors = models.JSONField(default=list, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["company", "-created_at"], name="import_company_idx")]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.state})"
