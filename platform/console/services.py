"""Operator actions on the tenant fleet."""

from __future__ import annotations

from django.db import transaction

from kernel.errors import Conflict, NotFound
from tenants.models import Company, CompanyStatus


class CompanyStatusChangeRefused(Conflict):
    code = "company_status_change_refused"
    title = "The company cannot change to this status from its current one"


_ALLOWED = {
    CompanyStatus.ACTIVE: {CompanyStatus.SUSPENDED, CompanyStatus.CLOSED},
    CompanyStatus.SUSPENDED: {CompanyStatus.ACTIVE, CompanyStatus.CLOSED},
}


@transaction.atomic
def company_set_status(*, company_id: int, status: str) -> Company:
    """Suspend, reactivate or close a company. Pooled and closed companies cannot change.

    Raises:
        NotFound: no such (non-pooled) company.
        CompanyStatusChangeRefused: the change is not allowed from the current status.
    """
    company = (
        Company.objects.select_for_update().exclude(status=CompanyStatus.POOLED).filter(pk=company_id).first()
    )
    if company is None:
        raise NotFound()
    if status not in _ALLOWED.get(CompanyStatus(company.status), set()):
        raise CompanyStatusChangeRefused(detail=f"{company.status} -> {status}")
    company.status = status
    company.save(update_fields=["status", "updated_at"])
    return company
