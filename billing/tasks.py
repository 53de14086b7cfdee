"""Celery tasks of billing (beat): renewals and trial ends, dunning, month-end rating."""

from __future__ import annotations

import dataclasses
from typing import Any

from hansa.celery import app


@app.task(name="billing.subscriptions_advance")
def subscriptions_advance_task() -> dict[str, Any]:
    from billing.services.subscriptions import subscriptions_advance

    return dataclasses.asdict(subscriptions_advance())


@app.task(name="billing.dunning")
def dunning_task() -> dict[str, Any]:
    from billing.services.dunning import dunning_run

    return dataclasses.asdict(dunning_run())


@app.task(name="billing.rate_usage")
def rate_usage_task() -> dict[str, Any]:
    """Rate the month that ended last (daily: a late usage increment is billed on the next run)."""
    from billing.services.rating import usage_rate_previous_month

    return dataclasses.asdict(usage_rate_previous_month())


@app.task(name="billing.stripe_meter_events")
def stripe_meter_events_task() -> int:
    """Send the usage ledger's unsent events to Stripe's Billing Meters (no-op without a Stripe key)."""
    from django.conf import settings

    if not settings.STRIPE_SECRET_KEY:
        return 0
    from billing.gateways.stripe import stripe_meter_events_relay

    return stripe_meter_events_relay()


@app.task(name="billing.stripe_gauge_snapshots")
def stripe_gauge_snapshots_task() -> int:
    """Daily: each Stripe subscription's gauges (listings, members, storage) as meter events."""
    from django.conf import settings

    if not settings.STRIPE_SECRET_KEY:
        return 0
    from billing.gateways.stripe import stripe_gauge_snapshots_send

    return stripe_gauge_snapshots_send()
