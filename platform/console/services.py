"""Operator actions on the tenant fleet. Every change is audited with the operator's reason."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from billing.selectors import subscription_for_company
from billing.services.subscriptions import subscription_change_plan, subscription_extend_trial
from console.exceptions import CompanyHasNoSubscription, CompanyStatusChangeRefused
from identity.models import User
from identity.services import audit_record
from kernel.errors import NotFound, ValidationFailed
from tenants.models import Company, CompanyStatus

REASON_MAX_LENGTH = 1000

# The audit action of each status change, by target status.
STATUS_ACTIONS = {
    CompanyStatus.SUSPENDED: "console.company_suspended",
    CompanyStatus.ACTIVE: "console.company_reactivated",
    CompanyStatus.CLOSED: "console.company_closed",
}


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
    reason = _reason(reason)
    company = _company_locked(company_id=company_id)
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


def _reason(reason: str) -> str:
    """The operator's reason, stripped; refused when empty or too long (before anything is read)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Say why: the reason is kept in the operator audit log."]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationFailed(errors={"reason": [f"Keep the reason under {REASON_MAX_LENGTH} characters."]})
    return reason


def _company_locked(*, company_id: int) -> Company:
    """The company row, locked: every operator action on a company takes this lock first, so two operators
    acting on one company at once are serialised (the second sees the first's outcome)."""
    company = (
        Company.objects.select_for_update().exclude(status=CompanyStatus.POOLED).filter(pk=company_id).first()
    )
    if company is None:
        raise NotFound()
    return company


def _subscription_brief(company: Company) -> dict[str, object]:
    subscription = subscription_for_company(company_id=company.pk)
    if subscription is None:
        raise CompanyHasNoSubscription()
    return {
        "plan": subscription.plan_version.plan.code,
        "plan_version": subscription.plan_version.number,
        "interval": subscription.interval,
        "status": subscription.status,
        "trial_ends_at": subscription.trial_ends_at.isoformat() if subscription.trial_ends_at else None,
    }


@transaction.atomic
def company_change_plan(
    *,
    company_id: int,
    plan_code: str,
    interval: str | None,
    reason: str,
    actor: User,
    request: HttpRequest | None = None,
) -> Company:
    """Move a company's subscription to another plan (and optionally interval) on the operator's word.

    The company row is locked first (see ``_company_locked``); billing's ``subscription_change_plan`` does
    the change with ``source="operator"`` (proration, the usage check, the history event with the
    reason), and the platform audit gets one entry (before/after plan and interval, reason) in the same
    transaction: either both are written or neither.

    Raises:
        ValidationFailed: no reason, or one too long (nothing is written).
        NotFound: no such company.
        CompanyHasNoSubscription: the company has no subscription to change.
        billing's errors from ``subscription_change_plan`` (``plan_not_found``, ``plan_not_offered``,
        ``plan_unchanged``, ``downgrade_exceeds_usage``, ``subscription_state_refused``).
    """
    reason = _reason(reason)
    company = _company_locked(company_id=company_id)
    before = _subscription_brief(company)
    subscription_change_plan(
        company_id=company.pk,
        plan_code=plan_code,
        interval=interval,
        actor=actor,
        source="operator",
        reason=reason,
    )
    after = _subscription_brief(company)
    audit_record(
        action="console.plan_changed",
        company=None,
        actor=actor,
        request=request,
        target_type="company",
        target_id=company.pk,
        before=before,
        after=after,
        reason=reason,
    )
    return company


TRIAL_EXTENSION_MAX_DAYS = 90


@transaction.atomic
def company_extend_trial(
    *, company_id: int, days: int, reason: str, actor: User, request: HttpRequest | None = None
) -> Company:
    """Give a trialing company ``days`` more days of trial (1 to 90), for a stated reason.

    The company row is locked first; billing's ``subscription_extend_trial`` moves the trial end and
    records the history event; the platform audit entry (trial end before and after, reason) commits
    with it.

    Raises:
        ValidationFailed: no reason, or ``days`` outside 1..90 (nothing is written).
        NotFound: no such company.
        CompanyHasNoSubscription: the company has no subscription.
        SubscriptionStateRefused (``subscription_state_refused``): the subscription is not a trial (a
        lapsed trial, read-only and never paid, starts trialing again).
    """
    reason = _reason(reason)
    if not 1 <= days <= TRIAL_EXTENSION_MAX_DAYS:
        raise ValidationFailed(errors={"days": [f"Extend by 1 to {TRIAL_EXTENSION_MAX_DAYS} days."]})
    company = _company_locked(company_id=company_id)
    before = _subscription_brief(company)
    subscription_extend_trial(company_id=company.pk, days=days, actor=actor, reason=reason)
    after = _subscription_brief(company)
    audit_record(
        action="console.trial_extended",
        company=None,
        actor=actor,
        request=request,
        target_type="company",
        target_id=company.pk,
        before=before,
        after={**after, "days": days},
        reason=reason,
    )
    return company
