"""Celery tasks of procurement: approval reminders (beat), run in every active company's schema."""

from __future__ import annotations

import logging

from hansa.celery import app
from kernel.tenancy import schema_context

logger = logging.getLogger(__name__)


@app.task(name="procurement.approval_reminders")
def approval_reminders_task() -> int:
    """Remind approvers of steps waiting past their rule's threshold, company by company.

    One cheap indexed query per company (pending steps); a company that fails is logged and skipped, the
    next run tries it again.
    """
    from tenants.models import Company, CompanyStatus
    from tenants.procurement.services import approval_reminders_send

    told = 0
    for schema_name in Company.objects.filter(status=CompanyStatus.ACTIVE).values_list(
        "schema_name", flat=True
    ):
        try:
            with schema_context(schema_name):
                told += approval_reminders_send()
        except Exception:
            logger.exception("approval reminders failed in %s", schema_name)
    return told
