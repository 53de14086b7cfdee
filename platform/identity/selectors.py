"""Reads of users and memberships."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_date, parse_datetime

from identity.models import ApiKey, AuditEntry, Invitation, Membership, MembershipStatus, User
from identity.roles import permissions_for
from kernel.errors import ValidationFailed
from tenants.models import Company, CompanyStatus


def membership_active_for(*, user: User, company: Company) -> Membership | None:
    return (
        Membership.objects.filter(user=user, company=company, status=MembershipStatus.ACTIVE)
        .select_related("company")
        .first()
    )


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            user=user, status=MembershipStatus.ACTIVE, company__status=CompanyStatus.ACTIVE
        )
        .select_related("company")
        .order_by("company__name")
    )


def user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def user_has_mfa(*, user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


@dataclass(frozen=True)
class Me:
    user: User
    company: Company | None
    roles: list[str]
    permissions: list[str]
    has_mfa: bool


def me_get(*, user: User, company: Company | None) -> Me:
    membership = membership_active_for(user=user, company=company) if company else None
    roles = sorted(membership.roles) if membership else []
    return Me(
        user=user,
        company=company,
        roles=roles,
        permissions=sorted(permissions_for(roles)),
        has_mfa=user_has_mfa(user=user),
    )


def member_list(*, company: Company) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(company=company, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .order_by("user__email")
    )


def invitation_list(*, company: Company, status: str | None = None) -> QuerySet[Invitation]:
    qs = Invitation.objects.filter(company=company).select_related("invited_by").order_by("-created_at")
    return qs.filter(status=status) if status else qs


def api_key_list(*, company: Company) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(company=company).select_related("created_by").order_by("-created_at")


def _parse_moment(name: str, value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        parsed = datetime(day.year, day.month, day.day) if day else None
    if parsed is None:
        raise ValidationFailed(errors={name: ["Use an ISO 8601 date or date-time."]})
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def audit_list(
    *,
    company: Company | None,
    action: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    platform_wide: bool = False,
    about_company: Company | None = None,
) -> QuerySet[AuditEntry]:
    """Audit entries of ``company`` (or, for operators with ``platform_wide``, of every company).

    ``about_company`` (operators only, with ``platform_wide``) narrows the platform-wide list to one
    company's trail: its own entries and the operator entries whose target it is (status changes).
    """
    qs = (
        AuditEntry.objects.all()
        if platform_wide and company is None
        else AuditEntry.objects.filter(company=company)
    )
    if platform_wide and about_company is not None:
        qs = qs.filter(
            Q(company=about_company)
            | Q(company__isnull=True, target_type="company", target_id=str(about_company.pk))
        )
    if action:
        qs = qs.filter(action__startswith=action) if action.endswith(".") else qs.filter(action=action)
    if actor:
        qs = qs.filter(actor_label__iexact=actor)
    if (start := _parse_moment("since", since)) is not None:
        qs = qs.filter(created_at__gte=start)
    if (end := _parse_moment("until", until)) is not None:
        qs = qs.filter(created_at__lt=end)
    return qs.select_related("company").order_by("-created_at", "-id")
