"""Operator console reads: the fleet with its billing figures, one company in detail, the revenue history.

Definitions the console shows (docs/console.md repeats them for operators):

- **MRR contribution** of a company: the monthly base price of its subscription's plan version in the
  subscription's currency and interval (a yearly price divided by 12), counted only while the
  subscription is ``active`` or ``past_due`` (a trial, a read-only, suspended or canceled subscription
  contributes nothing). Usage billed over the plan is not recurring and is not in MRR.
- **MRR in CNY**: that figure times the fixed rate of ``settings.CONSOLE_CNY_RATES`` (a reporting
  convention, not a market rate); a currency missing from the table has no CNY figure.
- **Last active**: the time of the newest audit entry in the company's own log that names a person
  (``actor`` set): a member signing in, or any audited change a member made. Reading pages records
  nothing, so a member who only reads since their last sign-in shows their sign-in time. One index scan
  per company (``audit_company_idx``); no session table is read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Round
from django.utils import timezone

from billing.meters import GAUGE_PERIOD, METER_PERIODS, Meter, period_start
from billing.models import (
    Entitlement,
    Interval,
    Invoice,
    PlanPrice,
    Subscription,
    SubscriptionEvent,
    SubscriptionEventKind,
    SubscriptionStatus,
    UsageCounter,
)
from billing.selectors import MeterUsage, usage_summary
from identity.models import AuditEntry, Membership
from tenants.models import Company, CompanyStatus

# Subscription statuses whose base price counts as recurring revenue.
PAYING_STATUSES = (SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE)

FLEET_STATUSES = [s.value for s in CompanyStatus if s != CompanyStatus.POOLED]
SUBSCRIPTION_STATUSES = [s.value for s in SubscriptionStatus]

# ``ordering`` values of the fleet list and the columns they sort by (a leading "-" sorts descending).
FLEET_ORDERINGS = {
    "name": "name",
    "created_at": "created_at",
    "members": "members_count",
    "mrr": "mrr_cny_amount",
    "last_active": "last_active_at",
    "plan": "plan_code",
    "subscription_status": "subscription_status",
    "status": "status",
}
FLEET_ORDERING_CHOICES = [*FLEET_ORDERINGS, *(f"-{key}" for key in FLEET_ORDERINGS)]

MONEY_OUT = DecimalField(max_digits=18, decimal_places=2)


def cny_rates() -> dict[str, Decimal]:
    """The fixed reporting rates (CNY per unit of each currency) from ``settings.CONSOLE_CNY_RATES``."""
    return {code: Decimal(str(rate)) for code, rate in settings.CONSOLE_CNY_RATES.items()}


def _monthly_price() -> ExpressionWrapper:
    """The company's subscription's base price per month (SQL), null when the version has no such price."""
    price = Subquery(
        PlanPrice.objects.filter(
            version_id=OuterRef("subscription__plan_version_id"),
            currency=OuterRef("subscription__currency"),
            interval=OuterRef("subscription__interval"),
        ).values("amount")[:1],
        output_field=MONEY_OUT,
    )
    return ExpressionWrapper(
        Case(
            When(subscription__interval=Interval.YEAR, then=Round(price / Value(Decimal(12)), 2)),
            default=price,
            output_field=MONEY_OUT,
        ),
        output_field=MONEY_OUT,
    )


def fleet_queryset() -> QuerySet[Company]:
    """Every company (pool excluded) annotated with what the fleet list shows and sorts by.

    Annotations: ``members_count``, ``plan_code``, ``plan_name_en``, ``plan_name_zh``, ``plan_version_id``,
    ``plan_version_number``, ``subscription_status``, ``subscription_currency``, ``subscription_interval``,
    ``trial_ends_at``, ``mrr_amount`` (in ``subscription_currency``; 0 without a paying subscription),
    ``mrr_cny_amount`` (null for a currency outside the rate table) and ``last_active_at``.
    """
    mrr = Case(
        When(subscription__status__in=PAYING_STATUSES, then=_monthly_price()),
        default=Value(Decimal("0")),
        output_field=MONEY_OUT,
    )
    rates = cny_rates()
    mrr_cny = Case(
        When(subscription__isnull=True, then=Value(Decimal("0"))),
        *(
            When(subscription__currency=code, then=Round(F("mrr_amount") * Value(rate), 2))
            for code, rate in rates.items()
        ),
        default=None,
        output_field=MONEY_OUT,
    )
    last_active = Subquery(
        AuditEntry.objects.filter(company_id=OuterRef("pk"), actor__isnull=False)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    members = Subquery(
        Membership.objects.filter(company_id=OuterRef("pk"), status="active")
        .order_by()
        .values("company_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        Company.objects.exclude(status=CompanyStatus.POOLED)
        .annotate(
            members_count=Coalesce(members, Value(0)),
            plan_code=F("subscription__plan_version__plan__code"),
            plan_name_en=F("subscription__plan_version__plan__name_en"),
            plan_name_zh=F("subscription__plan_version__plan__name_zh"),
            plan_version_id=F("subscription__plan_version_id"),
            plan_version_number=F("subscription__plan_version__number"),
            subscription_status=F("subscription__status"),
            subscription_currency=F("subscription__currency"),
            subscription_interval=F("subscription__interval"),
            trial_ends_at=F("subscription__trial_ends_at"),
            mrr_amount=mrr,
        )
        .annotate(mrr_cny_amount=mrr_cny, last_active_at=last_active)
    )


def fleet_list(
    *,
    q: str = "",
    status: str | None = None,
    plan: str | None = None,
    subscription_status: str | None = None,
    ordering: str = "name",
) -> QuerySet[Company]:
    """The fleet, searched (``q``: part of the name or slug), filtered and sorted (``FLEET_ORDERINGS``).

    ``subscription_status="none"`` finds companies without a subscription. Ties are broken by id, so a
    page never repeats or skips a company.
    """
    qs = fleet_queryset()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(slug__icontains=q))
    if status:
        qs = qs.filter(status=status)
    if plan:
        qs = qs.filter(subscription__plan_version__plan__code=plan)
    if subscription_status == "none":
        qs = qs.filter(subscription__isnull=True)
    elif subscription_status:
        qs = qs.filter(subscription__status=subscription_status)
    descending = ordering.startswith("-")
    column = FLEET_ORDERINGS[ordering.lstrip("-")]
    order = F(column).desc(nulls_last=True) if descending else F(column).asc(nulls_last=True)
    return qs.order_by(order, "-pk" if descending else "pk")


def fleet_usage(
    *, companies: Iterable[Company], at: dt.datetime | None = None
) -> dict[int, list[MeterUsage]]:
    """Each company's use of every meter in its current period against its plan version (two queries for
    any number of companies). ``companies`` come from :func:`fleet_queryset` (``plan_version_id``)."""
    at = at or timezone.now()
    rows = list(companies)
    if not rows:
        return {}
    starts = {meter: period_start(meter, at) for meter in Meter}
    used: dict[tuple[int, str, dt.date], int] = {
        (c.company_id, c.meter, c.period_start): c.quantity
        for c in UsageCounter.objects.filter(
            company_id__in=[r.pk for r in rows], period_start__in=set(starts.values())
        )
    }
    versions = {getattr(r, "plan_version_id", None) for r in rows} - {None}
    limits: dict[tuple[int, str], Entitlement] = {
        (e.version_id, e.meter): e for e in Entitlement.objects.filter(version_id__in=versions)
    }
    out: dict[int, list[MeterUsage]] = {}
    for row in rows:
        version_id = getattr(row, "plan_version_id", None)
        meters = []
        for meter in Meter:
            limit = limits.get((version_id, meter.value)) if version_id else None
            start = starts[meter]
            meters.append(
                MeterUsage(
                    meter=meter.value,
                    period=METER_PERIODS[meter],
                    period_start=None if start == GAUGE_PERIOD else start,
                    used=used.get((row.pk, meter.value, start), 0),
                    included=limit.included if limit else None,
                    enforcement=limit.enforcement if limit else "soft",
                )
            )
        out[row.pk] = meters
    return out


@dataclass(frozen=True)
class CompanyDetail:
    """One company as the console's company page shows it."""

    company: Company  # annotated as in fleet_queryset()
    subscription: Subscription | None
    events: list[SubscriptionEvent]
    events_count: int
    usage: list[MeterUsage]
    invoices_count: int


EVENTS_SHOWN = 100


def company_detail(*, company_id: int) -> CompanyDetail | None:
    """The company (pool excluded), its subscription with its newest ``EVENTS_SHOWN`` history events, its
    usage against its plan, and how many invoices it has. None when there is no such company."""
    company = fleet_queryset().filter(pk=company_id).first()
    if company is None:
        return None
    subscription = (
        Subscription.objects.select_related("plan_version__plan").filter(company_id=company_id).first()
    )
    events: list[SubscriptionEvent] = []
    events_count = 0
    usage: list[MeterUsage] = []
    if subscription is not None:
        events = list(
            SubscriptionEvent.objects.filter(subscription=subscription)
            .select_related("from_version__plan", "to_version__plan", "actor")
            .order_by("-created_at", "-id")[:EVENTS_SHOWN]
        )
        events_count = SubscriptionEvent.objects.filter(subscription=subscription).count()
        usage = usage_summary(company_id=company_id, version=subscription.plan_version)
    return CompanyDetail(
        company=company,
        subscription=subscription,
        events=events,
        events_count=events_count,
        usage=usage,
        invoices_count=Invoice.objects.filter(company_id=company_id).count(),
    )


# Revenue ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RevenueMonth:
    """One calendar month (UTC) of the revenue dashboard, all amounts in CNY (``cny_rates``).

    ``mrr_amount`` is the MRR at the month's end (for the current month: now). The movements compare each
    subscription's MRR at the end of the month with its MRR at the end of the month before: ``new`` (from
    nothing), ``expansion`` (up), ``contraction`` (down, still paying) and ``churn`` (down to nothing),
    so ``mrr = previous mrr + new + expansion - contraction - churn``. Trials: how many ended in the month
    by converting or by lapsing; the conversion rate is converted / (converted + lapsed), None without any.
    """

    month: dt.date
    mrr_amount: Decimal
    new_amount: Decimal
    expansion_amount: Decimal
    contraction_amount: Decimal
    churn_amount: Decimal
    paying_count: int
    trials_started: int
    trials_converted: int
    trials_lapsed: int

    @property
    def trial_conversion_rate(self) -> Decimal | None:
        ended = self.trials_converted + self.trials_lapsed
        if not ended:
            return None
        return (Decimal(self.trials_converted) / ended).quantize(Decimal("0.001"))


def _month_starts(*, months: int, now: dt.datetime) -> list[dt.date]:
    first = now.astimezone(dt.UTC).date().replace(day=1)
    out = [first]
    for _ in range(months - 1):
        out.append((out[-1] - dt.timedelta(days=1)).replace(day=1))
    return list(reversed(out))


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _utc(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


# When an event does not name the status it left the subscription in, the status its kind implies.
_STATUS_BY_KIND: dict[str, str] = {
    SubscriptionEventKind.TRIAL_STARTED: SubscriptionStatus.TRIALING,
    SubscriptionEventKind.CONVERTED: SubscriptionStatus.ACTIVE,
    SubscriptionEventKind.CANCELED: SubscriptionStatus.CANCELED,
}


def revenue_months(*, months: int = 12, now: dt.datetime | None = None) -> list[RevenueMonth]:
    """MRR and its movements per month for the last ``months`` months (the current one included), replayed
    from the subscription history: three queries, whatever the number of companies or events.

    Each subscription's state (plan version, status) after every :class:`SubscriptionEvent` is its event's
    ``to_version``/``to_status`` (or the state before, when the event does not change it). Its MRR at an
    instant is the monthly base price of that version in the subscription's currency and interval while
    the state is ``active`` or ``past_due``. The history does not record interval changes, so a
    subscription's current interval is used for all of its past.
    """
    now = now or timezone.now()
    starts = _month_starts(months=months, now=now)
    # Boundary k is the end of month k-1 (= start of month k); the last boundary is now.
    boundaries = [_utc(starts[0]), *(_utc(_next_month(s)) for s in starts[:-1]), now]
    rates = cny_rates()

    prices: dict[tuple[int, str, str], Decimal] = {
        (p["version_id"], p["currency"], p["interval"]): p["amount"]
        for p in PlanPrice.objects.values("version_id", "currency", "interval", "amount")
    }
    subscriptions = {
        s["id"]: s
        for s in Subscription.objects.values("id", "currency", "interval", "plan_version_id", "status")
    }
    events = SubscriptionEvent.objects.filter(created_at__lt=now).order_by(
        "subscription_id", "created_at", "id"
    )

    def mrr_of(sub: Any, version_id: int | None, status: str | None) -> Decimal:
        if status not in PAYING_STATUSES or version_id is None or sub["currency"] not in rates:
            return Decimal("0")
        amount = prices.get((version_id, sub["currency"], sub["interval"]), Decimal("0"))
        monthly = amount / 12 if sub["interval"] == Interval.YEAR else amount
        return monthly * rates[sub["currency"]]

    # mrr[sub][k]: the subscription's MRR (CNY) at boundary k.
    mrr: dict[int, list[Decimal]] = {}
    trials: dict[str, list[int]] = defaultdict(lambda: [0] * len(starts))
    month_index = {(s.year, s.month): i for i, s in enumerate(starts)}

    def close(sub_id: int, changes: list[tuple[dt.datetime, int | None, str | None]]) -> None:
        sub = subscriptions.get(sub_id)
        if sub is None or not changes:
            return
        values = []
        position = -1
        for boundary in boundaries:
            while position + 1 < len(changes) and changes[position + 1][0] < boundary:
                position += 1
            if position < 0:
                values.append(Decimal("0"))
            else:
                _, version_id, status = changes[position]
                values.append(mrr_of(sub, version_id, status))
        mrr[sub_id] = values

    current: int | None = None
    changes: list[tuple[dt.datetime, int | None, str | None]] = []
    version: int | None = None
    status: str | None = None
    for sub_id, created_at, kind, to_version_id, to_status in events.values_list(
        "subscription_id", "created_at", "kind", "to_version_id", "to_status"
    ).iterator(chunk_size=5000):
        if sub_id != current:
            if current is not None:
                close(current, changes)
            current, changes = sub_id, []
            sub = subscriptions.get(sub_id)
            version = sub["plan_version_id"] if sub else None
            status = None
        version = to_version_id or version
        status = to_status or _STATUS_BY_KIND.get(kind) or status
        changes.append((created_at, version, status))
        index = month_index.get((created_at.astimezone(dt.UTC).year, created_at.astimezone(dt.UTC).month))
        if index is not None and created_at >= boundaries[0]:
            trials[kind][index] += 1
    if current is not None:
        close(current, changes)

    out = []
    for k, start in enumerate(starts):
        new = expansion = contraction = churn = Decimal("0")
        total = Decimal("0")
        paying = 0
        for values in mrr.values():
            before, after = values[k], values[k + 1]
            total += after
            paying += after > 0
            if before == after:
                continue
            if before == 0:
                new += after
            elif after == 0:
                churn += before
            elif after > before:
                expansion += after - before
            else:
                contraction += before - after
        out.append(
            RevenueMonth(
                month=start,
                mrr_amount=total.quantize(Decimal("0.01")),
                new_amount=new.quantize(Decimal("0.01")),
                expansion_amount=expansion.quantize(Decimal("0.01")),
                contraction_amount=contraction.quantize(Decimal("0.01")),
                churn_amount=churn.quantize(Decimal("0.01")),
                paying_count=paying,
                trials_started=trials[SubscriptionEventKind.TRIAL_STARTED][k],
                trials_converted=trials[SubscriptionEventKind.CONVERTED][k],
                trials_lapsed=trials[SubscriptionEventKind.LAPSED][k],
            )
        )
    return out
