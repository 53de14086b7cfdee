"""Subscriptions: trials, conversion, plan changes with proration, cancellation, renewal, access states.

Every function here locks the company's subscription row, so two actors (an owner and an operator, a
webhook and the beat task) are serialised and the second one sees the first one's outcome. Every change
appends a :class:`SubscriptionEvent` and keeps ``Company.billing_lock`` in step in the same transaction.

Status machine (see docs/billing.md)::

    trialing --convert--> active --payment failed--> past_due --grace--> read_only --> suspended
        |                   ^                            |                   |             |
        +--trial ends------>|<-------- payment lands ----+-------------------+-------------+
        (Free if it fits, else read_only)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from billing import selectors
from billing.exceptions import (
    DowngradeExceedsUsage,
    PlanNotFound,
    PlanNotOffered,
    SamePlan,
    SubscriptionStateRefused,
)
from billing.models import (
    Interval,
    Plan,
    PlanVersion,
    Subscription,
    SubscriptionEvent,
    SubscriptionEventKind,
    SubscriptionStatus,
)
from identity.models import User
from kernel.errors import NotFound, ValidationFailed
from tenants.models import BillingLock, Company

S = SubscriptionStatus
CENT = Decimal("0.01")

# Which status may follow which; anything else raises SubscriptionStateRefused.
ALLOWED: dict[str, set[str]] = {
    S.TRIALING: {S.ACTIVE, S.PAST_DUE, S.READ_ONLY, S.SUSPENDED, S.CANCELED},
    S.ACTIVE: {S.PAST_DUE, S.READ_ONLY, S.SUSPENDED, S.CANCELED},
    S.PAST_DUE: {S.ACTIVE, S.READ_ONLY, S.SUSPENDED, S.CANCELED},
    S.READ_ONLY: {S.ACTIVE, S.TRIALING, S.SUSPENDED, S.CANCELED},
    S.SUSPENDED: {S.ACTIVE, S.READ_ONLY, S.CANCELED},
    S.CANCELED: {S.ACTIVE, S.TRIALING},
}

LOCKS: dict[str, str] = {
    S.READ_ONLY: BillingLock.READ_ONLY,
    S.CANCELED: BillingLock.READ_ONLY,
    S.SUSPENDED: BillingLock.SUSPENDED,
}


def interval_add(start: dt.datetime, interval: str, times: int = 1) -> dt.datetime:
    return start + (relativedelta(years=times) if interval == Interval.YEAR else relativedelta(months=times))


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _locked(company_id: int) -> Subscription:
    subscription = selectors.subscription_for_company(company_id=company_id, lock=True)
    if subscription is None:
        raise NotFound("This company has no subscription.")
    return subscription


def _event(
    subscription: Subscription,
    kind: str,
    *,
    from_version: PlanVersion | None = None,
    from_status: str = "",
    amount: Decimal | None = None,
    actor: User | None = None,
    source: str = "system",
    reason: str = "",
) -> SubscriptionEvent:
    return SubscriptionEvent.objects.create(
        subscription=subscription,
        company_id=subscription.company_id,
        kind=kind,
        from_version=from_version,
        to_version=subscription.plan_version,
        from_status=from_status,
        to_status=subscription.status,
        amount=amount,
        currency=subscription.currency if amount is not None else "",
        actor=actor if actor is not None and actor.pk else None,
        source=source,
        reason=reason[:1000],
    )


def _sync_lock(subscription: Subscription) -> None:
    lock = LOCKS.get(subscription.status, BillingLock.NONE)
    Company.objects.filter(pk=subscription.company_id).exclude(billing_lock=lock).update(billing_lock=lock)


def _currency_for(company: Company, version: PlanVersion) -> str:
    offered = set(version.prices.values_list("currency", flat=True))
    if company.default_currency in offered:
        return company.default_currency
    return "CNY" if company.country == "CN" and "CNY" in offered else "USD"


def _version_of(plan_code: str) -> tuple[Plan, PlanVersion]:
    plan = selectors.plan_by_code(code=plan_code)
    if plan is None or plan.current_version is None:
        raise PlanNotFound(errors={"plan_code": [f"No plan {plan_code!r}."]})
    return plan, plan.current_version


@transaction.atomic
def subscription_start_trial(
    *, company: Company, plan_code: str | None = None, now: dt.datetime | None = None
) -> Subscription:
    """Start the company's subscription: a trial of ``plan_code`` (default ``HANSA_TRIAL_PLAN``) for the
    plan's trial length, or at once active when the plan has no trial (Free). A company that already has
    a subscription keeps it (the call is then a no-op), so sign-up may be retried.

    Raises:
        PlanNotFound: no such plan.
    """
    existing = Subscription.objects.filter(company=company).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    _plan, version = _version_of(plan_code or settings.HANSA_TRIAL_PLAN)
    trialing = version.trial_days > 0
    trial_end = now + dt.timedelta(days=version.trial_days) if trialing else None
    subscription = Subscription.objects.create(
        company=company,
        plan_version=version,
        status=S.TRIALING if trialing else S.ACTIVE,
        interval=Interval.MONTH,
        currency=_currency_for(company, version),
        trial_ends_at=trial_end,
        current_period_start=now,
        current_period_end=trial_end or interval_add(now, Interval.MONTH),
    )
    _event(subscription, SubscriptionEventKind.TRIAL_STARTED if trialing else SubscriptionEventKind.RENEWED)
    _sync_lock(subscription)
    return subscription


def _refuse_over_usage(subscription: Subscription, version: PlanVersion, now: dt.datetime) -> None:
    over = selectors.usage_over_limits(company_id=subscription.company_id, version=version, at=now)
    if over:
        raise DowngradeExceedsUsage(
            "Reduce what is listed below, or choose a larger plan.",
            meters=[{"meter": row.meter, "used": row.used, "limit": row.included} for row in over],
        )


@dataclass(frozen=True)
class PlanChange:
    subscription: Subscription
    amount: Decimal
    """Proration: charged when positive (an invoice or the gateway's proration), credited when negative."""


@transaction.atomic
def subscription_change_plan(
    *,
    company_id: int,
    plan_code: str,
    interval: str | None = None,
    actor: User | None = None,
    source: str = "owner",
    reason: str = "",
    now: dt.datetime | None = None,
) -> PlanChange:
    """Move the subscription to the current version of ``plan_code`` (and ``interval``) at once.

    A trial stays a trial of the new plan (same end), unless the new plan is free. A paid subscription
    is prorated: within the same interval the difference of the two prices for the rest of the period is
    charged (upgrade) or credited to the next invoice (downgrade); a change of interval, or from a free
    plan, starts a new period now, charged in full less the unused part of the old one. The offline
    gateway issues an invoice for a charge; Stripe prorates on its side.

    Raises:
        PlanNotFound, PlanNotOffered: no such plan, or no price in the subscription's currency.
        SamePlan: already on this plan's current version and interval.
        DowngradeExceedsUsage: the company uses more than the new plan allows (gauges, hard limits).
        SubscriptionStateRefused: suspended or canceled (owners); operators may change any.
    """
    from billing.gateways.base import gateway_for

    now = now or timezone.now()
    subscription = _locked(company_id)
    if source != "operator" and subscription.status in (S.SUSPENDED, S.CANCELED):
        raise SubscriptionStateRefused(status=subscription.status)
    plan, version = _version_of(plan_code)
    interval = interval or subscription.interval
    if interval not in Interval.values:
        raise ValidationFailed(errors={"interval": [f"Use one of: {', '.join(Interval.values)}."]})
    if version.pk == subscription.plan_version_id and interval == subscription.interval:
        raise SamePlan()
    new_price = selectors.plan_price(version=version, currency=subscription.currency, interval=interval)
    if new_price is None:
        raise PlanNotOffered(currency=subscription.currency, interval=interval)
    _refuse_over_usage(subscription, version, now)

    old_version = subscription.plan_version
    old_status = subscription.status
    amount = Decimal("0")
    if subscription.status == S.TRIALING:
        if plan.is_free or new_price == 0:
            subscription.status = S.ACTIVE
            subscription.trial_ends_at = None
            subscription.current_period_start = now
            subscription.current_period_end = interval_add(now, interval)
    else:
        old_price = selectors.plan_price(
            version=old_version, currency=subscription.currency, interval=subscription.interval
        ) or Decimal("0")
        length = (subscription.current_period_end - subscription.current_period_start).total_seconds()
        remaining = max((subscription.current_period_end - now).total_seconds(), 0)
        unused = old_price * Decimal(remaining / length) if length > 0 else Decimal("0")
        if interval != subscription.interval or old_price == 0:
            amount = _money(new_price - unused)
            subscription.current_period_start = now
            subscription.current_period_end = interval_add(now, interval)
        else:
            amount = (
                _money((new_price - old_price) * Decimal(remaining / length)) if length > 0 else Decimal("0")
            )
        if subscription.converted_at is None and new_price > 0:
            subscription.converted_at = now
    subscription.plan_version = version
    subscription.interval = interval
    if plan.is_free:
        subscription.cancel_at_period_end = False
    subscription.save()
    _event(
        subscription,
        SubscriptionEventKind.PLAN_CHANGED,
        from_version=old_version,
        from_status=old_status,
        amount=amount,
        actor=actor,
        source=source,
        reason=reason,
    )
    _sync_lock(subscription)
    gateway_for(subscription).plan_changed(
        subscription=subscription, old_version=old_version, amount=amount, now=now
    )
    return PlanChange(subscription=subscription, amount=amount)


@transaction.atomic
def subscription_convert(
    *, company_id: int, interval: str | None = None, actor: User | None = None, now: dt.datetime | None = None
) -> Subscription:
    """Turn a trial (or a lapsed trial) into a paid subscription of its plan, starting a period now.

    With the offline gateway the period's invoice is issued at once (payable by bank transfer within the
    payment terms); with Stripe this runs when Checkout completes.

    Raises:
        SubscriptionStateRefused: not trialing (or lapsed), or the plan is free.
    """
    from billing.gateways.base import gateway_for

    now = now or timezone.now()
    subscription = _locked(company_id)
    lapsed = subscription.status == S.READ_ONLY and subscription.converted_at is None
    if subscription.status != S.TRIALING and not lapsed:
        raise SubscriptionStateRefused(status=subscription.status)
    interval = interval or subscription.interval
    if interval not in Interval.values:
        raise ValidationFailed(errors={"interval": [f"Use one of: {', '.join(Interval.values)}."]})
    price = selectors.plan_price(
        version=subscription.plan_version, currency=subscription.currency, interval=interval
    )
    if not price:
        raise SubscriptionStateRefused("A free plan needs no conversion.", status=subscription.status)
    old_status = subscription.status
    subscription.status = S.ACTIVE
    subscription.interval = interval
    subscription.converted_at = now
    subscription.trial_ends_at = None
    subscription.current_period_start = now
    subscription.current_period_end = interval_add(now, interval)
    subscription.cancel_at_period_end = False
    subscription.save()
    _event(subscription, SubscriptionEventKind.CONVERTED, from_status=old_status, amount=price, actor=actor)
    _sync_lock(subscription)
    gateway_for(subscription).period_started(subscription=subscription, now=now)
    return subscription


@transaction.atomic
def subscription_cancel(*, company_id: int, actor: User | None = None, reason: str = "") -> Subscription:
    """Cancel at the end of the current period (a trial: at its end). Nothing changes before then.

    Raises:
        SubscriptionStateRefused: already free, canceled or suspended.
    """
    from billing.gateways.base import gateway_for

    subscription = _locked(company_id)
    if subscription.plan_version.plan.is_free or subscription.status in (S.CANCELED, S.SUSPENDED):
        raise SubscriptionStateRefused(status=subscription.status)
    if not subscription.cancel_at_period_end:
        subscription.cancel_at_period_end = True
        subscription.save(update_fields=["cancel_at_period_end", "updated_at"])
        _event(
            subscription, SubscriptionEventKind.CANCEL_SCHEDULED, actor=actor, source="owner", reason=reason
        )
        gateway_for(subscription).cancel_changed(subscription=subscription)
    return subscription


@transaction.atomic
def subscription_cancel_revoke(*, company_id: int, actor: User | None = None) -> Subscription:
    """Withdraw a cancellation that has not happened yet (a no-op when none is scheduled)."""
    from billing.gateways.base import gateway_for

    subscription = _locked(company_id)
    if subscription.cancel_at_period_end:
        subscription.cancel_at_period_end = False
        subscription.save(update_fields=["cancel_at_period_end", "updated_at"])
        _event(subscription, SubscriptionEventKind.CANCEL_REVOKED, actor=actor, source="owner")
        gateway_for(subscription).cancel_changed(subscription=subscription)
    return subscription


@transaction.atomic
def subscription_extend_trial(
    *, company_id: int, days: int, actor: User | None, reason: str, now: dt.datetime | None = None
) -> Subscription:
    """Give a trial ``days`` more (1-90); a lapsed trial (read-only, never paid) starts trialing again.

    Raises:
        ValidationFailed: days outside 1-90, or no reason.
        SubscriptionStateRefused: not a trial.
    """
    now = now or timezone.now()
    if not 1 <= days <= 90:
        raise ValidationFailed(errors={"days": ["Extend by 1 to 90 days."]})
    if not (reason or "").strip():
        raise ValidationFailed(errors={"reason": ["Say why: the reason is kept in the operator audit log."]})
    subscription = _locked(company_id)
    lapsed = subscription.status == S.READ_ONLY and subscription.converted_at is None
    if subscription.status != S.TRIALING and not lapsed:
        raise SubscriptionStateRefused(status=subscription.status)
    old_status = subscription.status
    base = max(subscription.trial_ends_at or now, now)
    subscription.trial_ends_at = base + dt.timedelta(days=days)
    subscription.current_period_end = subscription.trial_ends_at
    subscription.status = S.TRIALING
    subscription.save()
    _event(
        subscription,
        SubscriptionEventKind.TRIAL_EXTENDED,
        from_status=old_status,
        actor=actor,
        source="operator",
        reason=reason.strip(),
    )
    _sync_lock(subscription)
    return subscription


def subscription_set_status(
    *,
    subscription: Subscription,
    status: str,
    source: str = "system",
    reason: str = "",
    actor: User | None = None,
    now: dt.datetime | None = None,
) -> Subscription:
    """Move a locked subscription to ``status`` (same status: no-op) and keep the company's lock in step.

    Must run inside the caller's transaction holding the row lock (``_locked`` or
    :func:`billing.selectors.subscription_for_company` with ``lock=True``).

    Raises:
        SubscriptionStateRefused: the transition is not in :data:`ALLOWED`.
    """
    if subscription.status == status:
        return subscription
    if status not in ALLOWED.get(subscription.status, set()):
        raise SubscriptionStateRefused(f"{subscription.status} -> {status}", status=subscription.status)
    now = now or timezone.now()
    old_status = subscription.status
    subscription.status = status
    if status == S.PAST_DUE and subscription.past_due_since is None:
        subscription.past_due_since = now
    if status in (S.ACTIVE, S.TRIALING):
        subscription.past_due_since = None
    subscription.save()
    _event(
        subscription,
        SubscriptionEventKind.STATUS_CHANGED,
        from_status=old_status,
        actor=actor,
        source=source,
        reason=reason,
    )
    _sync_lock(subscription)
    return subscription


@transaction.atomic
def subscription_payment_received(*, company_id: int, source: str = "payment") -> Subscription:
    """A payment landed: a past-due, read-only or billing-suspended subscription is active again at once,
    unless another invoice is still overdue."""
    from billing.models import Invoice, InvoiceStatus

    subscription = _locked(company_id)
    overdue = Invoice.objects.filter(
        company_id=company_id, status=InvoiceStatus.OPEN, due_at__lt=timezone.now()
    ).exists()
    lapsed_trial = subscription.status == S.READ_ONLY and subscription.converted_at is None
    if subscription.status in (S.PAST_DUE, S.READ_ONLY, S.SUSPENDED) and not overdue and not lapsed_trial:
        subscription_set_status(
            subscription=subscription, status=S.ACTIVE, source=source, reason="Payment received"
        )
    return subscription


@transaction.atomic
def subscription_payment_failed(
    *, company_id: int, source: str = "payment", reason: str = ""
) -> Subscription:
    """A payment failed or an invoice is overdue: an active subscription becomes past due (grace begins)."""
    subscription = _locked(company_id)
    if subscription.status == S.ACTIVE:
        subscription_set_status(
            subscription=subscription, status=S.PAST_DUE, source=source, reason=reason or "Payment failed"
        )
    return subscription


def subscription_end(*, subscription: Subscription, now: dt.datetime, kind: str) -> None:
    """End a locked subscription's paid life (trial over, canceled at period end, or deleted at the
    gateway): onto the free plan when the usage fits, else read-only (``lapsed``) or ``canceled``."""
    _to_free_or_lapse(subscription, now, kind)


def _to_free_or_lapse(subscription: Subscription, now: dt.datetime, kind: str) -> None:
    free = selectors.free_plan()
    old_version, old_status = subscription.plan_version, subscription.status
    free_version = free.current_version if free is not None else None
    fits = free_version is not None and not selectors.usage_over_limits(
        company_id=subscription.company_id, version=free_version, at=now
    )
    if free_version is not None and fits:
        subscription.plan_version = free_version
        subscription.status = S.ACTIVE
        subscription.past_due_since = None
    else:
        subscription.status = S.READ_ONLY if kind == SubscriptionEventKind.LAPSED else S.CANCELED
    subscription.trial_ends_at = None if subscription.status == S.ACTIVE else subscription.trial_ends_at
    subscription.cancel_at_period_end = False
    subscription.interval = Interval.MONTH
    subscription.current_period_start = now
    subscription.current_period_end = interval_add(now, Interval.MONTH)
    subscription.save()
    reason = "Moved to the free plan" if subscription.status == S.ACTIVE else "Usage exceeds the free plan"
    _event(subscription, kind, from_version=old_version, from_status=old_status, reason=reason)
    _sync_lock(subscription)


@dataclass
class Advanced:
    trials_ended: int = 0
    renewed: int = 0
    canceled: int = 0


def subscriptions_advance(*, now: dt.datetime | None = None, limit: int = 500) -> Advanced:
    """Beat task body: end trials that are over (to Free when the usage fits, else read-only), end
    subscriptions canceled at period end, and renew the others onto their plan's current version.

    Each subscription is handled in its own transaction under its row lock (``SKIP LOCKED``: one a
    request is changing is picked up next time), so the task may run often and in parallel.
    """
    from billing.gateways.base import gateway_for

    now = now or timezone.now()
    done = Advanced()
    due = list(
        Subscription.objects.filter(current_period_end__lte=now)
        .exclude(status__in=[S.CANCELED, S.SUSPENDED])
        .order_by("current_period_end")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        with transaction.atomic():
            subscription = (
                Subscription.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("plan_version__plan")
                .filter(pk=pk, current_period_end__lte=now)
                .exclude(status__in=[S.CANCELED, S.SUSPENDED])
                .first()
            )
            if subscription is None:
                continue
            if subscription.status == S.TRIALING or (
                subscription.status == S.READ_ONLY and subscription.converted_at is None
            ):
                if subscription.status == S.TRIALING:
                    _to_free_or_lapse(subscription, now, SubscriptionEventKind.LAPSED)
                    done.trials_ended += 1
                else:  # a lapsed trial stays read-only; only its period moves on
                    subscription.current_period_start = now
                    subscription.current_period_end = interval_add(now, Interval.MONTH)
                    subscription.save(
                        update_fields=["current_period_start", "current_period_end", "updated_at"]
                    )
                continue
            if subscription.cancel_at_period_end:
                _to_free_or_lapse(subscription, now, SubscriptionEventKind.CANCELED)
                done.canceled += 1
                continue
            old_version = subscription.plan_version
            current = subscription.plan_version.plan.current_version
            if current is not None and current.pk != old_version.pk:
                subscription.plan_version = current
            if subscription.plan_version_id != old_version.pk:
                subscription.save()
                _event(
                    subscription, SubscriptionEventKind.MIGRATED, from_version=old_version, reason="Renewal"
                )
                gateway_for(subscription).plan_changed(
                    subscription=subscription, old_version=old_version, amount=Decimal("0"), now=now
                )
            # One renewal, and one bill, per period: a beat that was down for two months bills both.
            while subscription.current_period_end <= now:
                subscription.current_period_start = subscription.current_period_end
                subscription.current_period_end = interval_add(
                    subscription.current_period_start, subscription.interval
                )
                subscription.save()
                _event(subscription, SubscriptionEventKind.RENEWED, from_status=subscription.status)
                gateway_for(subscription).period_started(
                    subscription=subscription, now=subscription.current_period_start
                )
                done.renewed += 1
    return done
