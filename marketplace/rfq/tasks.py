"""Celery tasks of RFQs: closing at the deadline (beat)."""

from __future__ import annotations

from hansa.celery import app
from marketplace.rfq import services


@app.task(name="rfq.close_due")
def close_due_task() -> int:
    return services.rfq_close_due()
