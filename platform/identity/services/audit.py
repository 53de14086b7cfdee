"""The audit log: one function records an entry, with the request's address and user agent."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from identity.models import AuditEntry, User
from tenants.models import Company


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: str,
    company: Company | None,
    actor: User | None = None,
    actor_label: str = "",
    request: HttpRequest | None = None,
    target_type: str = "",
    target_id: object = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Record one entry in the caller's transaction (it rolls back with the change it describes)."""
    return AuditEntry.objects.create(
        company=company,
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor_label or (actor.email if actor is not None and actor.pk else ""),
        action=action,
        target_type=target_type,
        target_id=str(target_id or ""),
        ip_address=client_address(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300],
        before=before,
        after=after,
        reason=reason,
    )
