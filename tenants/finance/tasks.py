"""Celery tasks of finance (thin): the sweeper that posts business events left behind."""

from __future__ import annotations

import logging

from hansa.celery import app
from kernel.tenancy import schema_context

logger = logging.getLogger(__name__)


@app.task(name="finance.postings_sweep")
def postings_sweep_task() -> int:
    """Post, company by company, business events still pending or failed (a lost enqueue, a broker
    outage, a period reopened after a failure); answers how many were posted. One indexed query per
    company when there is nothing to do; a company that fails is logged and skipped."""
    from tenants.finance.services.posting import events_post_pending
    from tenants.models import Company, CompanyStatus

    posted = 0
    for schema_name in Company.objects.filter(status=CompanyStatus.ACTIVE).values_list(
        "schema_name", flat=True
    ):
        try:
            with schema_context(schema_name):
                posted += events_post_pending(limit=500)
        except Exception:
            logger.exception("posting sweep failed in %s", schema_name)
    return posted
