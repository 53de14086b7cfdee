"""Reads of notifications: a member's inbox, and who in a set of companies should be told."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from identity.models import Membership, MembershipStatus
from identity.roles import ROLE_PERMISSIONS
from notifications.models import Notification


@dataclass(frozen=True)
class Recipient:
    """One member of one company."""

    company_id: int
    user_id: int


def roles_with(permission: str) -> list[str]:
    return sorted(role for role, granted in ROLE_PERMISSIONS.items() if permission in granted)


def members_with_permission(*, companies: QuerySet[Any] | Iterable[int], permission: str) -> list[Recipient]:
    """The active members, of active companies among ``companies``, whose roles grant ``permission``.
    One query whatever the number of companies (``companies`` may be a subquery of company ids)."""
    from tenants.models import CompanyStatus

    return [
        Recipient(company_id, user_id)
        for company_id, user_id in Membership.objects.filter(
            company_id__in=companies,
            status=MembershipStatus.ACTIVE,
            roles__overlap=roles_with(permission),
            user__is_active=True,
            company__status=CompanyStatus.ACTIVE,
        )
        .order_by("company_id", "user_id")
        .values_list("company_id", "user_id")
    ]


def notification_list(*, company: Any, user_id: int | None, unread: bool = False) -> QuerySet[Notification]:
    """The member's notifications in this company, newest first (an API key, being nobody, has none)."""
    if user_id is None:
        return Notification.objects.none()
    qs = Notification.objects.filter(company=company, user_id=user_id)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")
