"""Test helpers: give one company a private plan version with the limits a test needs."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from billing.meters import period_start
from billing.models import Plan, PlanVersion, Subscription, UsageCounter
from billing.plans import plan_version_build


def set_limit(
    *,
    company_id: int,
    meter: str,
    included: int | None,
    enforcement: str = "hard",
    features: list[str] | None = None,
) -> PlanVersion:
    """Move the company onto a private copy of its plan version with ``meter`` limited to ``included``
    (and ``features`` if given); every other entitlement stays as it was."""
    subscription = Subscription.objects.select_related("plan_version").get(company_id=company_id)
    current = subscription.plan_version
    entitlements = {e.meter: (e.included, e.enforcement) for e in current.entitlements.all()}
    entitlements[meter] = (included, enforcement)
    plan = Plan.objects.create(
        code=f"t-{uuid.uuid4().hex[:10]}", name_en="Test limits", name_zh="测试额度", is_public=False
    )
    version = plan_version_build(
        plan=plan,
        trial_days=0,
        features=list(current.features if features is None else features),
        prices=[],
        entitlements=[(m, inc, enf, {}) for m, (inc, enf) in entitlements.items()],
    )
    Subscription.objects.filter(pk=subscription.pk).update(plan_version=version)
    return version


def set_features(*, company_id: int, features: list[str]) -> PlanVersion:
    """The company's plan version with exactly ``features`` (limits unchanged)."""
    subscription = Subscription.objects.select_related("plan_version").get(company_id=company_id)
    some = subscription.plan_version.entitlements.first()
    assert some is not None
    return set_limit(
        company_id=company_id,
        meter=some.meter,
        included=some.included,
        enforcement=some.enforcement,
        features=features,
    )


def used(*, company_id: int, meter: str, at: dt.datetime | None = None) -> int:
    start = period_start(meter, at or timezone.now())
    return (
        UsageCounter.objects.filter(company_id=company_id, meter=meter, period_start=start)
        .values_list("quantity", flat=True)
        .first()
        or 0
    )
