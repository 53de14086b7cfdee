"""Celery tasks of sales: follow-up reminders (beat), run in every active company's schema."""

from __future__ import annotations

import logging

from hansa.celery import app
from kernel.tenancy import company_context

logger = logging.getLogger(__name__)


@app.task(name="sales.follow_up_reminders")
def follow_up_reminders_task() -> int:
    """Tell assignees about open follow-ups due today or overdue, company by company (once a day each).

    A company that fails is logged and skipped; the next run tries it again.
    """
    from tenants.models import Company, CompanyStatus
    from tenants.sales.services import follow_up_reminders_send

    due = 0
    for company in Company.objects.filter(status=CompanyStatus.ACTIVE).only("pk", "schema_name"):
        try:
            with company_context(company):
                due += follow_up_reminders_send()
        except Exception:
            logger.exception("follow-up reminders failed in %s", company.schema_name)
    return due
