"""The Celery app that the fault tests' worker and beat processes run: Hansa's own app, plus

- the tests' outbox topic (:mod:`tests.faults.effects`, imported once Django is set up);
- a beat schedule of only the three recovery jobs, every ``FAULTS_SWEEP_EVERY`` seconds (2 by default),
  where production runs them every 30 s (outbox, exchange) and 10 s (usage relay): the same tasks,
  a shorter wait.

    celery -A tests.faults.worker_app worker ...
"""

from __future__ import annotations

import os

from hansa.celery import app

_every = float(os.environ.get("FAULTS_SWEEP_EVERY", "2"))

app.conf.imports = (*tuple(app.conf.imports or ()), "tests.faults.effects")
app.conf.beat_schedule = {
    "kernel.outbox_sweep": {"task": "kernel.outbox_sweep", "schedule": _every},
    "exchange.sweep": {"task": "exchange.sweep", "schedule": _every},
    "billing.usage_relay": {"task": "billing.usage_relay", "schedule": _every},
}

__all__ = ["app"]
