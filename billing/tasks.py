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
