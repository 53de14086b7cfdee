"""Billing reads. A company sees only its own subscription, usage and invoices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from billing.meters import GAUGE_PERIOD, METER_PERIODS, Meter, MeterPeriod, period_start
from billing.models import (
    Entitlement,
    Interval,
    Invoice,
    InvoiceStatus,
    Plan,
    PlanPrice,
    PlanVersion,
    Subscription,
    UsageCounter,
)


def subscription_for_company(*, company_id: int, lock: bool = False) -> Subscription | None:
    qs = Subscription.objects.select_related("plan_version__plan")
    if lock:
        qs = qs.select_for_update(of=("self",))
    return qs.filter(company_id=company_id).first()


def plan_list(*, public_only: bool = True) -> QuerySet[Plan]:
    qs = Plan.objects.select_related("current_version").prefetch_related(
        "current_version__prices", "current_version__entitlements"
    )
    if public_only:
        qs = qs.filter(is_public=True)
    return qs.filter(current_version__isnull=False).order_by("sort_order", "code")


def plan_by_code(*, code: str) -> Plan | None:
    return Plan.objects.select_related("current_version").filter(code=code).first()


def plan_offered_at_signup(*, code: str) -> bool:
    return Plan.objects.filter(code=code, is_public=True, current_version__isnull=False).exists()


def free_plan() -> Plan | None:
    return Plan.objects.select_related("current_version").filter(is_free=True).order_by("sort_order").first()


def plan_price(*, version: PlanVersion, currency: str, interval: str) -> Decimal | None:
    return (
        PlanPrice.objects.filter(version=version, currency=currency, interval=interval)
        .values_list("amount", flat=True)
        .first()
    )


def monthly_price(*, version: PlanVersion, currency: str, interval: str) -> Decimal:
    """The base price per month (a yearly price divided by 12), 0 when the version has no such price."""
    amount = plan_price(version=version, currency=currency, interval=interval) or Decimal("0")
    return (amount / 12).quantize(Decimal("0.01")) if interval == Interval.YEAR else amount


def entitlements_for(*, version: PlanVersion) -> dict[str, Entitlement]:
    return {e.meter: e for e in Entitlement.objects.filter(version=version)}


@dataclass(frozen=True)
class MeterUsage:
    meter: str
    period: str
    period_start: dt.date | None
    used: int
    included: int | None
    enforcement: str

    @property
    def percent(self) -> Decimal | None:
        if self.included is None:
            return None
        if self.included == 0:
            return Decimal("100") if self.used > 0 else Decimal("0")
        return (Decimal(self.used) * 100 / self.included).quantize(Decimal("0.01"))


def usage_summary(
    *, company_id: int, version: PlanVersion, at: dt.datetime | None = None
) -> list[MeterUsage]:
    """Each meter's use in its current period against the version's entitlement (two queries)."""
    at = at or timezone.now()
    starts = {meter: period_start(meter, at) for meter in Meter}
    counters = {
        (c.meter, c.period_start): c.quantity
        for c in UsageCounter.objects.filter(company_id=company_id, period_start__in=set(starts.values()))
    }
    limits = entitlements_for(version=version)
    rows = []
    for meter in Meter:
        limit = limits.get(meter)
        start = starts[meter]
        rows.append(
            MeterUsage(
                meter=meter.value,
                period=METER_PERIODS[meter],
                period_start=None if start == GAUGE_PERIOD else start,
                used=counters.get((meter.value, start), 0),
                included=limit.included if limit else None,
                enforcement=limit.enforcement if limit else "soft",
            )
        )
    return rows


def usage_over_limits(
    *, company_id: int, version: PlanVersion, at: dt.datetime | None = None
) -> list[MeterUsage]:
    """The meters whose current use is above what ``version`` includes: every gauge, and the period
    meters that ``version`` limits hard (a soft one is billed, not refused)."""
    return [
        row
        for row in usage_summary(company_id=company_id, version=version, at=at)
        if row.included is not None
        and row.used > row.included
        and (row.period == MeterPeriod.TOTAL or row.enforcement == "hard")
    ]


# Invoices -------------------------------------------------------------------------------------------


def invoice_list(*, company_id: int | None = None, status: str | None = None) -> QuerySet[Invoice]:
    """Issued invoices (drafts excluded), newest first; ``company_id`` limits them to one company's (a
    company host always passes its own company)."""
    qs = Invoice.objects.exclude(status=InvoiceStatus.DRAFT).select_related("company")
    if company_id is not None:
        qs = qs.filter(company_id=company_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-issued_at", "-id")


def invoice_get(*, invoice_id: int, company_id: int | None = None) -> Invoice | None:
    """One issued invoice with its lines and payments; None when it does not exist or, with
    ``company_id``, belongs to another company (the two look the same to the caller)."""
    return (
        invoice_list(company_id=company_id)
        .prefetch_related("lines", "payments")
        .filter(pk=invoice_id)
        .first()
    )
