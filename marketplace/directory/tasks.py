"""Celery tasks of the supplier directory (thin: they call services)."""

from __future__ import annotations

from hansa.celery import app


@app.task(name="directory.certification_expiry_reminders")
def certification_expiry_reminders_task() -> int:
    """Daily directory upkeep: expired certificates leave the search index, suppliers hear of expiring
    ones, and every supplier rating is recomputed (a safety net behind the refresh after each RFQ event,
    and the way trading events that do not trigger one reach the ratings)."""
    from marketplace.directory.services import (
        certification_expiries_apply,
        certification_expiry_reminders,
        supplier_reputation_refresh,
    )

    certification_expiries_apply()
    covered = certification_expiry_reminders()
    supplier_reputation_refresh()
    return covered


@app.task(name="directory.supplier_reputation_refresh")
def supplier_reputation_refresh_task(company_ids: list[int] | None = None) -> int:
    """Recompute the supplier rating of these companies (all when None)."""
    from marketplace.directory.services import supplier_reputation_refresh

    return supplier_reputation_refresh(company_ids=company_ids)
