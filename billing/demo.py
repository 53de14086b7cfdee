"""Demo billing: a year of subscriptions, invoices, payments and usage for the demo companies.

Replays a year through the same services the platform runs (sign-up's trial, conversion, plan changes,
the beat task that renews and bills, operators recording bank transfers), with ``now`` set to each past
moment, then dates the history entries to those moments. The outcome:

- huaxia-machinery: Business, monthly, paying for eleven months;
- freshmart: Growth, monthly, the latest invoice unpaid and overdue: past due;
- northsteel: Growth from ten months ago, upgraded to Business four months ago (a proration invoice), EUR;
- goldenfoods: Growth, yearly, paid;
- precision-bearings: on a Business trial with twelve days left.

Monthly usage counters for the past year give the console and billing-page charts something real.
Idempotent: nothing happens when a demo company already has an invoice.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from billing.meters import Meter
from billing.models import (
    Invoice,
    InvoiceStatus,
    Subscription,
    SubscriptionEvent,
    UsageCounter,
)
from billing.services import subscriptions as subs
from billing.services.invoices import invoice_record_payment

logger = logging.getLogger(__name__)

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    slug: str
    action: Callable[[int, dt.datetime], object]


def _companies() -> dict[str, int]:
    from hansa.demo import DEMO_COMPANIES
    from tenants.models import Company

    slugs = [c.slug for c in DEMO_COMPANIES]
    return dict(Company.objects.filter(slug__in=slugs).values_list("slug", "pk"))


def _restart_trial(company_id: int, at: dt.datetime, plan_code: str) -> None:
    """Move the sign-up's trial onto ``plan_code`` and back to ``at``."""
    subscription = Subscription.objects.select_related("plan_version__plan").get(company_id=company_id)
    if subscription.plan_version.plan.code != plan_code:
        subs.subscription_change_plan(company_id=company_id, plan_code=plan_code, source="owner", now=at)
        subscription.refresh_from_db()
    trial_days = subscription.plan_version.trial_days
    Subscription.objects.filter(pk=subscription.pk).update(
        current_period_start=at,
        trial_ends_at=at + trial_days * DAY,
        current_period_end=at + trial_days * DAY,
        created_at=at,
    )
    SubscriptionEvent.objects.filter(company_id=company_id).update(created_at=at)
    from tenants.models import Company

    Company.objects.filter(pk=company_id).update(created_at=at, activated_at=at)


def _pay_open_invoices(company_ids: list[int], upto: dt.datetime, operator_id: int | None) -> None:
    from identity.models import User

    operator = User.objects.filter(pk=operator_id).first() if operator_id else None
    for invoice in Invoice.objects.filter(
        company_id__in=company_ids, status=InvoiceStatus.OPEN, issued_at__lte=upto
    ).order_by("issued_at"):
        assert invoice.issued_at is not None
        invoice_record_payment(
            invoice_id=invoice.pk,
            amount=invoice.total - invoice.amount_paid,
            method="bank_transfer",
            reference=f"BANK-{invoice.number}",
            received_on=(invoice.issued_at + 5 * DAY).date(),
            actor=operator,
            reason="Bank transfer received (demo)",
        )


def _usage_history(company_ids: dict[str, int], now: dt.datetime) -> None:
    """Monthly counters for the twelve months before this one (the current month is live)."""
    rng = random.Random(2026)  # noqa: S311 - demo figures, not security
    profile = {
        "huaxia-machinery": {Meter.PURCHASE_ORDERS: (60, 140), Meter.RFQS_PUBLISHED: (6, 18)},
        "freshmart": {Meter.PURCHASE_ORDERS: (120, 260), Meter.RFQS_PUBLISHED: (2, 9)},
        "precision-bearings": {Meter.SALES_ORDERS: (40, 110)},
        "northsteel": {Meter.SALES_ORDERS: (30, 90), Meter.PURCHASE_ORDERS: (5, 20)},
        "goldenfoods": {Meter.SALES_ORDERS: (90, 240)},
    }
    first = now.date().replace(day=1)
    rows = []
    for slug, meters in profile.items():
        company_id = company_ids.get(slug)
        if company_id is None:
            continue
        for back in range(1, 13):
            month = (first - dt.timedelta(days=28 * back)).replace(day=1)
            growth = 1 + (12 - back) / 24  # business grows through the year
            for meter, (low, high) in meters.items():
                quantity = int(rng.randint(low, high) * growth)
                rows.append(
                    UsageCounter(
                        company_id=company_id,
                        meter=meter,
                        period_start=month,
                        quantity=quantity,
                        rated_quantity=quantity,
                    )
                )
    UsageCounter.objects.bulk_create(rows, ignore_conflicts=True)


def demo_billing_create(*, operator_id: int | None = None) -> None:
    companies = _companies()
    if not companies or Invoice.objects.filter(company_id__in=companies.values()).exists():
        return
    now = timezone.now()
    year_ago = now - 365 * DAY

    def trial(plan: str) -> Callable[[int, dt.datetime], object]:
        return lambda company_id, at: _restart_trial(company_id, at, plan)

    def convert(interval: str) -> Callable[[int, dt.datetime], object]:
        return lambda company_id, at: subs.subscription_convert(
            company_id=company_id, interval=interval, now=at
        )

    def change(plan: str) -> Callable[[int, dt.datetime], object]:
        return lambda company_id, at: subs.subscription_change_plan(
            company_id=company_id, plan_code=plan, source="owner", now=at
        )

    steps = [
        Step(year_ago, "huaxia-machinery", trial("business")),
        Step(year_ago + 20 * DAY, "huaxia-machinery", convert("month")),
        Step(year_ago + 25 * DAY, "freshmart", trial("growth")),
        Step(year_ago + 36 * DAY, "freshmart", convert("month")),
        Step(now - 310 * DAY, "northsteel", trial("growth")),
        Step(now - 300 * DAY, "northsteel", convert("month")),
        Step(now - 120 * DAY, "northsteel", change("business")),
        Step(now - 250 * DAY, "goldenfoods", trial("growth")),
        Step(now - 240 * DAY, "goldenfoods", convert("year")),
        Step(now - 18 * DAY, "precision-bearings", trial("business")),
    ]
    steps.sort(key=lambda step: step.at)
    paying = [pk for slug, pk in companies.items() if slug != "freshmart"]
    freshmart = companies.get("freshmart")
    pending = list(steps)
    with transaction.atomic():
        # day by day up to today: the beat renews and bills each period on its day, the steps happen on
        # theirs; everyone but freshmart pays five days after an invoice
        at = year_ago
        while at < now:
            while pending and pending[0].at <= at:
                step = pending.pop(0)
                company_id = companies.get(step.slug)
                if company_id is None:
                    continue
                _advance(step.at)
                last = SubscriptionEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
                step.action(company_id, step.at)
                SubscriptionEvent.objects.filter(id__gt=last).update(created_at=step.at)
            _advance(at)
            _pay_open_invoices(paying, at - 5 * DAY, operator_id)
            if freshmart is not None:  # freshmart pays everything but its latest invoice
                _pay_open_invoices([freshmart], min(at - 5 * DAY, now - 31 * DAY), operator_id)
            at = min(at + DAY, now)
        _advance(now)
        _pay_open_invoices(paying, now, operator_id)
        if freshmart is not None:
            overdue = Invoice.objects.filter(company_id=freshmart, status=InvoiceStatus.OPEN).order_by(
                "issued_at"
            )
            first = overdue.first()
            if first is not None:
                # issued 17 days ago, due 3 days ago: past due since then
                Invoice.objects.filter(pk=first.pk).update(issued_at=now - 17 * DAY, due_at=now - 3 * DAY)
                last = SubscriptionEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
                subs.subscription_payment_failed(
                    company_id=freshmart, source="dunning", reason="Invoice overdue"
                )
                SubscriptionEvent.objects.filter(id__gt=last).update(created_at=now - 3 * DAY)
                Subscription.objects.filter(company_id=freshmart).update(past_due_since=now - 3 * DAY)
        _usage_history(companies, now)
    # The gauges as the platform's tables hold them (the services counted them live; this settles it).
    from billing.services.usage_ledger import usage_gauges_recount

    usage_gauges_recount()


def _advance(at: dt.datetime) -> None:
    last = SubscriptionEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    while subs.subscriptions_advance(now=at).renewed:
        pass
    SubscriptionEvent.objects.filter(id__gt=last).update(created_at=at)


def demo_billing_delete(*, company_ids: list[int]) -> None:
    """Remove the billing records of companies about to be deleted (invoices are protected otherwise)."""
    from billing.models import InvoiceLine, Payment, UsageEvent

    Payment.objects.filter(company_id__in=company_ids).delete()
    InvoiceLine.objects.filter(invoice__company_id__in=company_ids).delete()
    Invoice.objects.filter(company_id__in=company_ids).delete()
    UsageEvent.objects.filter(company_id__in=company_ids).delete()
