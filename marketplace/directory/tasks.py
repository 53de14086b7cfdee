"""Celery tasks of the supplier directory (thin: they call services)."""

from __future__ import annotations

from hansa.celery import app


@app.task(name="directory.certification_expiry_reminders")
def certification_expiry_reminders_task() -> int:
    """Daily: expired certificates leave the search index, and suppliers hear of expiring ones."""
    from marketplace.directory.services import certification_expiries_apply, certification_expiry_reminders

    certification_expiries_apply()
    return certification_expiry_reminders()
