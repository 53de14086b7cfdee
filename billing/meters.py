"""What the platform meters, and over which period each meter counts.

A *period* meter counts what was created in a calendar period (UTC): RFQs published this month, API
requests today. A *gauge* counts what exists now (members, listings, storage): creating adds, deleting
subtracts, and its single period starts at :data:`GAUGE_PERIOD`.
"""

from __future__ import annotations

import datetime as dt

from django.db import models


class Meter(models.TextChoices):
    MEMBERS = "members", "Members"
    LISTINGS = "listings", "Catalog listings"
    RFQS_PUBLISHED = "rfqs_published", "RFQs published per month"
    PURCHASE_ORDERS = "purchase_orders", "Purchase orders per month"
    SALES_ORDERS = "sales_orders", "Sales orders per month"
    API_REQUESTS = "api_requests", "API requests per day"
    STORAGE_MB = "storage_mb", "Storage (MB)"


class MeterPeriod(models.TextChoices):
    MONTH = "month", "Calendar month"
    DAY = "day", "Calendar day"
    TOTAL = "total", "Current total (gauge)"


METER_PERIODS: dict[str, str] = {
    Meter.MEMBERS: MeterPeriod.TOTAL,
    Meter.LISTINGS: MeterPeriod.TOTAL,
    Meter.RFQS_PUBLISHED: MeterPeriod.MONTH,
    Meter.PURCHASE_ORDERS: MeterPeriod.MONTH,
    Meter.SALES_ORDERS: MeterPeriod.MONTH,
    Meter.API_REQUESTS: MeterPeriod.DAY,
    Meter.STORAGE_MB: MeterPeriod.TOTAL,
}

# The one period of every gauge.
GAUGE_PERIOD = dt.date(2000, 1, 1)


class Feature(models.TextChoices):
    APPROVALS_MULTI_LEVEL = "approvals_multi_level", "Approval workflows beyond one level"
    API_KEYS = "api_keys", "API keys"
    SEALED_RFQS = "sealed_rfqs", "Sealed RFQs"
    FINANCE = "finance", "Finance modules"
    SUPPLY_CHAIN = "supply_chain", "Supply-chain collaboration"


def period_start(meter: str, at: dt.datetime) -> dt.date:
    """The first day of the period of ``meter`` that contains ``at`` (UTC)."""
    kind = METER_PERIODS[meter]
    day = at.astimezone(dt.UTC).date()
    if kind == MeterPeriod.TOTAL:
        return GAUGE_PERIOD
    if kind == MeterPeriod.DAY:
        return day
    return day.replace(day=1)
