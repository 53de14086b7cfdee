"""Isolation probes of the company's account with the platform, the billing page (billing.api): a company
sees and changes only its own subscription.

Billing lives in ``public``, keyed by company. ``seed(side)`` first runs the invoices' seed
(probes_billing: it converts the trial and issues invoices), then puts the subscription back on its trial
so that the trial's operations (convert, change plan without proration) have something to act on, and
leaves in the side's subscription history an event whose reason carries the side's marker (a scheduled
cancellation, withdrawn again). This module sorts before probes_billing, so the world's first fingerprint
already sees the seeded state. The fingerprint holds the side's subscription and its history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.isolation.world import Probe, Side


def seed(side: Side) -> dict[str, Any]:
    if "account" in side.extra:
        return side.extra["account"]
    from django.utils import timezone

    from billing.models import Subscription, SubscriptionStatus
    from billing.services.subscriptions import subscription_cancel, subscription_cancel_revoke
    from tests.isolation.probes_billing import seed as invoices_seed

    invoices_seed(side)
    now = timezone.now()
    Subscription.objects.filter(company=side.company).update(
        status=SubscriptionStatus.TRIALING,
        converted_at=None,
        trial_ends_at=now + dt.timedelta(days=14),
        current_period_start=now,
        current_period_end=now + dt.timedelta(days=14),
    )
    subscription_cancel(company_id=side.company.pk, actor=side.owner, reason=f"{side.marker} thinking")
    subscription_cancel_revoke(company_id=side.company.pk, actor=side.owner)
    side.extra["account"] = data = {"seeded": True}
    return data


class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


def _fingerprint(side: Side) -> dict[str, Any]:
    from billing.models import Invoice, Subscription, SubscriptionEvent

    seed(side)
    return {
        "subscription": list(
            Subscription.objects.filter(company=side.company).values_list(
                "plan_version_id", "status", "interval", "cancel_at_period_end", "converted_at"
            )
        ),
        "events": SubscriptionEvent.objects.filter(company=side.company).count(),
        "invoices": Invoice.objects.filter(company=side.company).count(),
    }


class HistoryProbe(SeededProbe):
    """The chart's query names no object of either side: it goes with the path, not as a probe query."""

    def url(self, side: Side) -> str:
        return super().url(side) + "?meter=members&months=3"


FINGERPRINTS = {"account": _fingerprint}

TENANT_PROBES: dict[str, Probe] = {
    "billing_overview": SeededProbe("GET", "/api/billing/"),
    "billing_plans_list": SeededProbe("GET", "/api/billing/plans/"),
    "billing_usage": SeededProbe("GET", "/api/billing/usage/"),
    "billing_usage_history": HistoryProbe("GET", "/api/billing/usage/history/"),
    "billing_events_list": SeededProbe("GET", "/api/billing/subscription/events/", lists=True),
    "billing_change_plan": SeededProbe(
        "POST",
        "/api/billing/subscription/change-plan/",
        body=lambda s: {"plan_code": "enterprise", "interval": "month"},
    ),
    "billing_convert": SeededProbe(
        "POST", "/api/billing/subscription/convert/", body=lambda s: {"interval": "month"}
    ),
    "billing_cancel": SeededProbe(
        "POST", "/api/billing/subscription/cancel/", body=lambda s: {"reason": f"{s.marker} leaving"}
    ),
    "billing_resume": SeededProbe("POST", "/api/billing/subscription/resume/"),
}

PUBLIC_PROBES: dict[str, Probe] = {
    "plans_list": Probe("GET", "/api/plans/", public_access=True),
}
