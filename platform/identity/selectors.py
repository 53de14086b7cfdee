"""Reads of users and memberships."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from identity.models import Membership, MembershipStatus, User
from identity.roles import permissions_for
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
