"""Reads of a company's billing page: where its subscription stands, the plans it may move to, its usage
history. Composite reads return dataclasses; every read is filtered by the company it is given."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from billing import selectors
from billing.meters import GAUGE_PERIOD, METER_PERIODS, Meter, MeterPeriod
from billing.models import (
    Gateway,
    Plan,
    Subscription,
    SubscriptionEvent,
    SubscriptionStatus,
    UsageCounter,
    UsageEvent,
)
from kernel.errors import NotFound
from tenants.models import Company

S = SubscriptionStatus


@dataclass(frozen=True)
class BillingOverview:
    subscription: Subscription
    plan: Plan
    lock: str
    trial_days_left: int | None
    read_only_on: dt.date | None
    """The day writes stop if the company does not pay (past due: after the grace period)."""
    suspend_on: dt.date | None
    """The day the workspace is suspended if still unpaid."""
    base_amount: Decimal | None
    """The base price of one period of the plan, in the subscription's currency and interval."""
    payment_instructions: str
    features: list[str]
    online_payment: bool

    @property
    def currency(self) -> str:
        return self.subscription.currency


def billing_overview(*, company: Company, now: dt.datetime | None = None) -> BillingOverview:
    """The company's subscription as its billing page shows it.

    Raises:
        NotFound: the company has no subscription (never signed up through the platform).
    """
    now = now or timezone.now()
    subscription = selectors.subscription_for_company(company_id=company.pk)
    if subscription is None:
        raise NotFound("This company has no subscription.")
    version = subscription.plan_version
    trial_days_left = None
    if subscription.status == S.TRIALING and subscription.trial_ends_at is not None:
        trial_days_left = max(0, (subscription.trial_ends_at - now + dt.timedelta(seconds=86399)).days)
    read_only_on = suspend_on = None
    if subscription.past_due_since is not None and subscription.status in (S.PAST_DUE, S.READ_ONLY):
        read_only = subscription.past_due_since + dt.timedelta(days=settings.HANSA_BILLING_GRACE_DAYS)
        read_only_on = read_only.date()
        suspend_on = (read_only + dt.timedelta(days=settings.HANSA_BILLING_SUSPEND_AFTER_DAYS)).date()
    return BillingOverview(
        subscription=subscription,
        plan=version.plan,
        lock=company.billing_lock,
        trial_days_left=trial_days_left,
        read_only_on=read_only_on,
        suspend_on=suspend_on,
        base_amount=selectors.plan_price(
            version=version, currency=subscription.currency, interval=subscription.interval
        ),
        payment_instructions=(
            settings.HANSA_BILLING_BANK_DETAILS if subscription.gateway == Gateway.OFFLINE else ""
        ),
        features=list(version.features),
        online_payment=bool(settings.STRIPE_SECRET_KEY),
    )


def subscription_event_list(*, company_id: int) -> QuerySet[SubscriptionEvent]:
    """The company's subscription history, newest first."""
    return (
        SubscriptionEvent.objects.filter(company_id=company_id)
        .select_related("from_version__plan", "to_version__plan", "actor")
        .order_by("-created_at", "-id")
    )


def public_plan_list() -> list[Plan]:
    """The plans offered on the billing page and at sign-up, with their current version's prices and
    entitlements prefetched (three queries)."""
    return list(selectors.plan_list(public_only=True))


@dataclass(frozen=True)
class UsageMonth:
    period_start: dt.date
    used: int


def usage_history(
    *, company_id: int, meter: str, months: int, now: dt.datetime | None = None
) -> list[UsageMonth]:
    """The meter's use per calendar month over the last ``months`` months (oldest first, the current one
    last, months without use as 0).

    Monthly meters read their counters; a daily meter adds its days up per month; a gauge (members,
    listings, storage) is what existed at the end of each month, worked back from today's total through
    the usage ledger.
    """
    now = now or timezone.now()
    current = now.astimezone(dt.UTC).date().replace(day=1)
    first = current - relativedelta(months=months - 1)
    starts = [first + relativedelta(months=i) for i in range(months)]
    kind = METER_PERIODS[Meter(meter)]
    by_month: dict[dt.date, int] = defaultdict(int)
    if kind == MeterPeriod.TOTAL:
        total = (
            UsageCounter.objects.filter(company_id=company_id, meter=meter, period_start=GAUGE_PERIOD)
            .values_list("quantity", flat=True)
            .first()
            or 0
        )
        changes = {
            row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]: row["change"]
            for row in UsageEvent.objects.filter(
                company_id=company_id,
                meter=meter,
                occurred_at__gte=dt.datetime.combine(first, dt.time.min, tzinfo=dt.UTC),
            )
            .annotate(month=TruncMonth("occurred_at", tzinfo=dt.UTC))
            .values("month")
            .annotate(change=Sum("quantity"))
        }
        level = total
        for start in reversed(starts):
            by_month[start] = max(level, 0)
            level -= changes.get(start, 0)
    else:
        counters = UsageCounter.objects.filter(
            company_id=company_id, meter=meter, period_start__gte=first, period_start__lte=now.date()
        ).values_list("period_start", "quantity")
        for period, quantity in counters:
            by_month[period.replace(day=1)] += quantity
    return [UsageMonth(period_start=start, used=by_month.get(start, 0)) for start in starts]
