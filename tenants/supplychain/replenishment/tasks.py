"""Celery tasks of replenishment: the periodic run (beat), in the schema of every supplier that has an
agreed policy under an active grant."""

from __future__ import annotations

import logging

from hansa.celery import app
from kernel.tenancy import schema_context

logger = logging.getLogger(__name__)


@app.task(name="replenishment.run_all")
def replenishment_run_all_task() -> int:
    """Run replenishment for every supplier with an agreed policy; returns how many proposals were sent.

    One query finds the suppliers (public policies); each runs in its own schema and transaction. A
    supplier whose run fails is logged and skipped; the next run tries again (a run never sends a second
    proposal while one is undecided).
    """
    from marketplace.sharing.models import ReplenishmentPolicy
    from tenants.models import Company, CompanyStatus
    from tenants.supplychain.replenishment.policies import grant_active_q
    from tenants.supplychain.replenishment.services import replenishment_run

    supplier_ids = (
        ReplenishmentPolicy.objects.filter(
            grant_active_q("grant__"), agreed_by_owner_at__isnull=False, agreed_by_partner_at__isnull=False
        )
        .values_list("partner_company_id", flat=True)
        .distinct()
    )
    sent = 0
    for schema_name in Company.objects.filter(pk__in=supplier_ids, status=CompanyStatus.ACTIVE).values_list(
        "schema_name", flat=True
    ):
        try:
            with schema_context(schema_name):
                sent += len(replenishment_run(actor=None).created)
        except Exception:
            logger.exception("replenishment run failed in %s", schema_name)
    return sent
