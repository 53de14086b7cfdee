"""Plan editing by operators: a new immutable version of a plan, and moving subscriptions onto it.

A plan is never edited in place. :func:`plan_version_publish` writes a new :class:`PlanVersion` and makes it
the plan's current version: new subscriptions (and renewals, see ``subscriptions_advance``) get it, while
existing subscriptions keep the version they were sold until they renew, or until an operator moves them
with :func:`plan_subscriptions_migrate`. Both are audited on the platform audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from billing.exceptions import PlanNotFound
from billing.gateways.base import gateway_for
from billing.meters import Feature, Meter
from billing.models import (
    Enforcement,
    Gateway,
    Interval,
    Plan,
    PlanVersion,
    Subscription,
    SubscriptionEvent,
    SubscriptionEventKind,
    SubscriptionStatus,
)
from billing.plans import CURRENCIES, plan_version_build
from identity.models import User
from identity.services import audit_record
from kernel.errors import ValidationFailed

REASON_MAX_LENGTH = 1000
TRIAL_DAYS_MAX = 365


@dataclass(frozen=True)
class PriceInput:
    currency: str
    interval: str
    base_amount: Decimal


@dataclass(frozen=True)
class EntitlementInput:
    meter: str
    included: int | None
    enforcement: str
    overage_prices: dict[str, str]


def _check_version(
    *, trial_days: int, features: list[str], prices: list[PriceInput], entitlements: list[EntitlementInput]
) -> None:
    errors: dict[str, list[str]] = {}
    if not 0 <= trial_days <= TRIAL_DAYS_MAX:
        errors["trial_days"] = [f"Between 0 and {TRIAL_DAYS_MAX} days."]
    unknown = sorted(set(features) - {f.value for f in Feature})
    if unknown:
        errors["features"] = [f"Unknown features: {', '.join(unknown)}."]
    seen_prices = [(p.currency, p.interval) for p in prices]
    if len(set(seen_prices)) != len(seen_prices):
        errors["prices"] = ["One price per currency and interval."]
    elif any(p.currency not in CURRENCIES or p.interval not in Interval.values for p in prices):
        errors["prices"] = [f"Currencies: {', '.join(CURRENCIES)}; intervals: month, year."]
    elif any(p.base_amount < 0 for p in prices):
        errors["prices"] = ["Prices cannot be negative."]
    elif {(c, i) for c in CURRENCIES for i in Interval.values} - set(seen_prices):
        errors["prices"] = ["Give a monthly and a yearly price in each of CNY, USD and EUR."]
    meters = [e.meter for e in entitlements]
    if len(set(meters)) != len(meters) or set(meters) != {m.value for m in Meter}:
        errors["entitlements"] = [f"One entitlement for each meter: {', '.join(m.value for m in Meter)}."]
    elif any(e.included is not None and e.included < 0 for e in entitlements):
        errors["entitlements"] = ["An included quantity cannot be negative (leave it empty for unlimited)."]
    elif any(e.enforcement not in Enforcement.values for e in entitlements):
        errors["entitlements"] = ["Enforcement is hard or soft."]
    elif any(set(e.overage_prices) - set(CURRENCIES) for e in entitlements):
        errors["entitlements"] = [f"Overage prices are given in {', '.join(CURRENCIES)}."]
    else:
        try:
            if any(Decimal(str(v)) < 0 for e in entitlements for v in e.overage_prices.values()):
                errors["entitlements"] = ["Overage prices cannot be negative."]
        except ArithmeticError:
            errors["entitlements"] = ["Overage prices are decimal numbers."]
    if errors:
        raise ValidationFailed(errors=errors)


@transaction.atomic
def plan_version_publish(
    *,
    plan_id: int,
    trial_days: int,
    features: list[str],
    prices: list[PriceInput],
    entitlements: list[EntitlementInput],
    note: str,
    actor: User,
    request: HttpRequest | None = None,
) -> PlanVersion:
    """Write the next version of a plan and make it current, audited (``billing.plan_version_published``).

    The version is complete: a monthly and a yearly price in every currency, one entitlement per meter.
    Existing subscriptions keep their version; new subscriptions and renewals get this one. The plan row is
    locked, so two operators publishing at once get consecutive numbers.

    Raises:
        PlanNotFound: no such plan.
        ValidationFailed: an incomplete or inconsistent version, or no note (nothing is written).
    """
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(errors={"note": ["Say what changes: the note is kept with the version."]})
    if len(note) > 500:
        raise ValidationFailed(errors={"note": ["Keep the note under 500 characters."]})
    _check_version(trial_days=trial_days, features=features, prices=prices, entitlements=entitlements)
    plan = Plan.objects.select_for_update().filter(pk=plan_id).first()
    if plan is None:
        raise PlanNotFound()
    previous = plan.current_version
    version = plan_version_build(
        plan=plan,
        trial_days=trial_days,
        features=list(features),
        prices=[(p.currency, p.interval, p.base_amount) for p in prices],
        entitlements=[(e.meter, e.included, e.enforcement, dict(e.overage_prices)) for e in entitlements],
        created_by_id=actor.pk,
        note=note,
    )
    audit_record(
        action="billing.plan_version_published",
        company=None,
        actor=actor,
        request=request,
        target_type="plan",
        target_id=plan.pk,
        before={"version": previous.number if previous else None},
        after={
            "version": version.number,
            "trial_days": trial_days,
            "features": sorted(set(features)),
            "prices": {f"{p.currency}/{p.interval}": str(p.base_amount) for p in prices},
            "entitlements": {e.meter: e.included for e in entitlements},
        },
        reason=note,
    )
    return version


# A subscription in one of these keeps its version (nothing to move: it is over).
_NOT_MIGRATED = (SubscriptionStatus.CANCELED,)


@dataclass(frozen=True)
class MigrationResult:
    plan: Plan
    version: PlanVersion
    migrated: int


@transaction.atomic
def plan_subscriptions_migrate(
    *, plan_id: int, reason: str, actor: User, request: HttpRequest | None = None
) -> MigrationResult:
    """Move every subscription on an older version of the plan onto its current version, now.

    Canceled subscriptions are left as they are. The subscriptions are locked (in id order, so this never
    deadlocks with another migration), each gets a ``migrated`` history event with the reason, and one
    platform audit entry (``billing.plan_subscriptions_migrated``) records how many moved. Running it again
    moves nothing and records nothing more than the audit entry. Each moved subscription's gateway is told
    as at a renewal (``plan_changed`` with no proration): Stripe moves it to the new prices, inside this
    transaction, so a Stripe failure moves nothing.

    Raises:
        ValidationFailed: no reason, or one too long (nothing is written).
        PlanNotFound: no such plan (or one without a version).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Say why: the reason is kept in the operator audit log."]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationFailed(errors={"reason": [f"Keep the reason under {REASON_MAX_LENGTH} characters."]})
    plan = (
        Plan.objects.select_for_update(of=("self",))
        .filter(pk=plan_id)
        .select_related("current_version")
        .first()
    )
    if plan is None or plan.current_version is None:
        raise PlanNotFound()
    target = plan.current_version
    moving = list(
        Subscription.objects.select_for_update()
        .filter(plan_version__plan=plan)
        .exclude(plan_version=target)
        .exclude(status__in=_NOT_MIGRATED)
        .order_by("pk")
        .values_list("pk", "company_id", "plan_version_id", "status")
    )
    if moving:
        Subscription.objects.filter(pk__in=[m[0] for m in moving]).update(
            plan_version=target, updated_at=timezone.now()
        )
        SubscriptionEvent.objects.bulk_create(
            SubscriptionEvent(
                subscription_id=pk,
                company_id=company_id,
                kind=SubscriptionEventKind.MIGRATED,
                from_version_id=from_version,
                to_version=target,
                from_status=status,
                to_status=status,
                actor=actor,
                source="operator",
                reason=reason,
            )
            for pk, company_id, from_version, status in moving
        )
        # The gateway learns of the new version as at a renewal (no proration: nothing is charged now).
        # The offline gateway does nothing for that; Stripe moves the subscription to the new prices.
        old_versions = {pk: from_version for pk, _, from_version, _ in moving}
        versions = PlanVersion.objects.in_bulk(set(old_versions.values()))
        now = timezone.now()
        for subscription in Subscription.objects.filter(pk__in=old_versions).exclude(gateway=Gateway.OFFLINE):
            gateway_for(subscription).plan_changed(
                subscription=subscription,
                old_version=versions[old_versions[subscription.pk]],
                amount=Decimal("0"),
                now=now,
            )
    audit_record(
        action="billing.plan_subscriptions_migrated",
        company=None,
        actor=actor,
        request=request,
        target_type="plan",
        target_id=plan.pk,
        after={"version": target.number, "migrated": len(moving)},
        reason=reason,
    )
    return MigrationResult(plan=plan, version=target, migrated=len(moving))
