"""Operator actions on the tenant fleet. Every change is audited with the operator's reason."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from identity.models import User
from identity.services import audit_record
from kernel.errors import Conflict, NotFound, ValidationFailed
from tenants.models import Company, CompanyStatus

REASON_MAX_LENGTH = 1000

# The audit action of each status change, by target status.
STATUS_ACTIONS = {
    CompanyStatus.SUSPENDED: "console.company_suspended",
    CompanyStatus.ACTIVE: "console.company_reactivated",
    CompanyStatus.CLOSED: "console.company_closed",
}


class CompanyStatusChangeRefused(Conflict):
    code = "company_status_change_refused"
    title = "The company cannot change to this status from its current one"


_ALLOWED = {
    CompanyStatus.ACTIVE: {CompanyStatus.SUSPENDED, CompanyStatus.CLOSED},
    CompanyStatus.SUSPENDED: {CompanyStatus.ACTIVE, CompanyStatus.CLOSED},
}


@transaction.atomic
def company_set_status(
    *, company_id: int, status: str, reason: str, actor: User, request: HttpRequest | None = None
) -> Company:
    """Suspend, reactivate or close a company, for a stated reason. Pooled and closed companies cannot change.

    The company row is locked, so two operators acting at once are serialised (the second sees the first's
    status). The change and its operator audit entry (who, when, from -> to, reason, from where) commit
    together: an entry exists exactly when the status changed. The entry belongs to the platform, not to
    the company (``company`` is empty, the company is its target), so only operators read it.

    Raises:
        ValidationFailed: ``reason`` is empty or longer than 1000 characters (nothing is written).
        NotFound: no such (non-pooled) company.
        CompanyStatusChangeRefused: the change is not allowed from the current status.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Say why: the reason is kept in the operator audit log."]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationFailed(errors={"reason": [f"Keep the reason under {REASON_MAX_LENGTH} characters."]})
    company = (
        Company.objects.select_for_update().exclude(status=CompanyStatus.POOLED).filter(pk=company_id).first()
    )
    if company is None:
        raise NotFound()
    previous = company.status
    if status not in _ALLOWED.get(CompanyStatus(previous), set()):
        raise CompanyStatusChangeRefused(detail=f"{previous} -> {status}")
    company.status = status
    company.save(update_fields=["status", "updated_at"])
    audit_record(
        action=STATUS_ACTIONS[CompanyStatus(status)],
        company=None,
        actor=actor,
        request=request,
        target_type="company",
        target_id=company.pk,
        before={"status": previous},
        after={"status": status},
        reason=reason,
    )
    return company
