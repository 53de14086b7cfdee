"""Celery tasks of metering: the batched relay of usage events into the ledger (beat, every 10 s)."""

from __future__ import annotations

from billing.services.usage_ledger import usage_relay_all
from hansa.celery import app


@app.task(name="billing.usage_relay", ignore_result=True)
def usage_relay() -> int:
    return usage_relay_all().processed
