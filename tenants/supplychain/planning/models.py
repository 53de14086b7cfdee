"""Supply-chain planning (tenant schema): forecasts per item and ISO week, their versions, the supplier's
commitments with deviations, and the sales orders scheduled from them.

The same tables serve both sides: ``Forecast.side`` says whether this company publishes the forecast (the
buyer) or received it (the supplier). A forecast is known on both sides by its ``key`` (a uuid that travels
in every ``forecast`` document); every published version is kept with its lines, and each side keeps the
trade document id of each version and commitment under a unique constraint. People and partners are
referred to by id plus a label: no foreign key leaves the schema.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Q

QTY: dict[str, Any] = {"max_digits": 18, "decimal_places": 4}
DEFAULT_TOLERANCE = Decimal("10.00")


class ForecastSide(models.TextChoices):
    BUYER = "buyer", "Published by us (we are the buyer)"
    SUPPLIER = "supplier", "Received by us (we are the supplier)"


class VersionSource(models.TextChoices):
    ENTERED = "entered", "Entered in the week grid"
    IMPORTED = "imported", "Imported from an XLSX file"
    DERIVED = "derived", "Derived from consumption"
    RECEIVED = "received", "Received from the buyer"


class Forecast(models.Model):
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    side = models.CharField(max_length=8, choices=ForecastSide.choices)
    partner_company_id = models.BigIntegerField()
    partner_name = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    # The horizon of the current version.
    start_week = models.CharField(max_length=8)
    weeks = models.PositiveSmallIntegerField()
    tolerance_percent = models.DecimalField(max_digits=5, decimal_places=2, default=DEFAULT_TOLERANCE)
    current_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["side", "partner_company_id", "key"], name="forecast_key_uniq"),
            models.CheckConstraint(
                condition=Q(tolerance_percent__gte=0) & Q(tolerance_percent__lte=999),
                name="forecast_tolerance_range",
            ),
            models.CheckConstraint(condition=Q(weeks__gte=1) & Q(weeks__lte=52), name="forecast_weeks_range"),
        ]
        indexes = [models.Index(fields=["side", "-updated_at"], name="forecast_side_idx")]

    def __str__(self) -> str:
        return f"{self.title} v{self.current_version}"


class ForecastVersion(models.Model):
    """One published version: its horizon, tolerance and lines (a cell not listed is zero)."""

    forecast = models.ForeignKey(Forecast, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    source = models.CharField(max_length=10, choices=VersionSource.choices)
    start_week = models.CharField(max_length=8)
    weeks = models.PositiveSmallIntegerField()
    tolerance_percent = models.DecimalField(max_digits=5, decimal_places=2)
    note = models.CharField(max_length=1000, blank=True, default="")
    # The ``forecast`` trade document that carried this version (sent by the buyer, received by the supplier).
    document_id = models.UUIDField(null=True, blank=True, unique=True)
    published_by = models.CharField(max_length=254, blank=True, default="")
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["forecast", "-number"]
        constraints = [models.UniqueConstraint(fields=["forecast", "number"], name="forecast_version_uniq")]

    def __str__(self) -> str:
        return f"{self.forecast_id} v{self.number}"


class ForecastLine(models.Model):
    version = models.ForeignKey(ForecastVersion, on_delete=models.CASCADE, related_name="lines")
    sku = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True, default="")
    unit = models.CharField(max_length=32, blank=True, default="")
    week = models.CharField(max_length=8)
    quantity = models.DecimalField(**QTY)

    class Meta:
        ordering = ["sku", "week"]
        constraints = [
            models.UniqueConstraint(fields=["version", "sku", "week"], name="forecast_line_cell_uniq"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="forecast_line_qty_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.week}: {self.quantity}"


class Commitment(models.Model):
    """The supplier's committed quantities for one version of a forecast (numbered per forecast)."""

    forecast = models.ForeignKey(Forecast, on_delete=models.CASCADE, related_name="commitments")
    version = models.ForeignKey(ForecastVersion, on_delete=models.PROTECT, related_name="commitments")
    number = models.PositiveIntegerField()
    note = models.CharField(max_length=1000, blank=True, default="")
    flagged_count = models.PositiveIntegerField(default=0)
    # The ``forecast_commitment`` document (sent by the supplier, received by the buyer).
    document_id = models.UUIDField(null=True, blank=True, unique=True)
    committed_by = models.CharField(max_length=254, blank=True, default="")
    committed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["forecast", "-number"]
        constraints = [models.UniqueConstraint(fields=["forecast", "number"], name="commitment_number_uniq")]

    def __str__(self) -> str:
        return f"{self.forecast_id} c{self.number}"


class CommitmentLine(models.Model):
    """One cell: committed vs forecast, ``deviation_quantity`` = committed - forecast, ``flagged`` when
    its size is beyond the version's tolerance (percent of the forecast)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="lines")
    sku = models.CharField(max_length=100)
    # The supplier's own SKU for the item, if it differs (used on the scheduled sales orders).
    supplier_sku = models.CharField(max_length=100, blank=True, default="")
    description = models.CharField(max_length=300, blank=True, default="")
    unit = models.CharField(max_length=32, blank=True, default="")
    week = models.CharField(max_length=8)
    forecast_quantity = models.DecimalField(**QTY)
    committed_quantity = models.DecimalField(**QTY)
    deviation_quantity = models.DecimalField(**QTY)
    flagged = models.BooleanField(default=False)

    class Meta:
        ordering = ["sku", "week"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "sku", "week"], name="commitment_line_cell_uniq"),
            models.CheckConstraint(condition=Q(committed_quantity__gte=0), name="commitment_line_qty_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.week}: {self.committed_quantity}"


class ScheduledLine(models.Model):
    """A committed cell turned into a sales order line on the supplier's side: at most once per commitment
    line, and at most once per forecast cell (a later commitment never schedules a cell again)."""

    forecast = models.ForeignKey(Forecast, on_delete=models.CASCADE, related_name="scheduled")
    commitment_line = models.OneToOneField(CommitmentLine, on_delete=models.CASCADE, related_name="scheduled")
    sku = models.CharField(max_length=100)
    week = models.CharField(max_length=8)
    sales_order_id = models.BigIntegerField()
    sales_order_number = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["week", "sku"]
        constraints = [
            models.UniqueConstraint(fields=["forecast", "sku", "week"], name="scheduled_cell_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.week} -> {self.sales_order_number}"
