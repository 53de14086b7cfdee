"""Celery tasks of tracking: the late-shipment sweep (beat), run in every active company's schema."""

from __future__ import annotations

import logging

from hansa.celery import app
from kernel.tenancy import company_context

logger = logging.getLogger(__name__)


@app.task(name="supplychain.tracking_late_sweep")
def tracking_late_sweep_task() -> int:
    """Alert, once, about shipments whose promised day passed without delivery, company by company (both
    the supplier's shipments and the buyer's inbound tracking). A company that fails is logged and
    skipped; the next run tries it again."""
    from tenants.models import Company, CompanyStatus
    from tenants.supplychain.tracking.services import late_shipments_sweep

    raised = 0
    for company in Company.objects.filter(status=CompanyStatus.ACTIVE).only("pk", "schema_name"):
        try:
            with company_context(company):
                raised += late_shipments_sweep()
        except Exception:
            logger.exception("late shipment sweep failed in %s", company.schema_name)
    return raised
