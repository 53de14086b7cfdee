"""API keys for integrations: created with a subset of the creator's permissions, shown once."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from billing.meters import Feature
from billing.services.metering import feature_require
from identity.access import Actor
from identity.exceptions import PermissionNotHeld
from identity.models import ApiKey
from identity.roles import PERMISSIONS
from identity.services.audit import audit_record
from kernel.errors import NotFound, ValidationFailed
from tenants.models import Company

KEY_PREFIX = "hansa"
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class ApiKeyCreated:
    key: ApiKey
    secret: str


@transaction.atomic
def api_key_create(
    *,
    actor: Actor,
    name: str,
    permissions: list[str],
    expires_at: datetime | None = None,
    request: HttpRequest | None = None,
) -> ApiKeyCreated:
    """Create a key; the returned secret is never shown again (only its SHA-256 is stored).

    Raises:
        PermissionMissing: actor lacks apikeys.manage.
        ValidationFailed: empty name, unknown permissions, or an expiry in the past.
        PermissionNotHeld: a permission the actor does not hold.
        FeatureNotInPlan: the company's plan has no API keys (403 ``feature_not_in_plan``).
    """
    actor.require("apikeys.manage")
    feature_require(company_id=actor.company.pk, feature=Feature.API_KEYS)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = ["Give the key a name."]
    unknown = sorted(set(permissions) - set(PERMISSIONS))
    if unknown:
        errors["permissions"] = [f"Unknown permission(s): {', '.join(unknown)}."]
    elif not permissions:
        errors["permissions"] = ["Give the key at least one permission."]
    if expires_at is not None and expires_at <= timezone.now():
        errors["expires_at"] = ["The expiry must be in the future."]
    if errors:
        raise ValidationFailed(errors=errors)
    not_held = sorted(set(permissions) - actor.permissions)
    if not_held:
        raise PermissionNotHeld(errors={"permissions": [f"You do not hold: {', '.join(not_held)}."]})
    prefix = secrets.token_hex(4)
    secret = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        company=actor.company,
        name=name.strip(),
        prefix=prefix,
        secret_hash=_hash(secret),
        permissions=sorted(set(permissions)),
        created_by=actor.user,
        expires_at=expires_at,
    )
    audit_record(
        action="api_key.created",
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="api_key",
        target_id=key.prefix,
        after={"name": key.name, "permissions": key.permissions},
    )
    return ApiKeyCreated(key=key, secret=secret)


@transaction.atomic
def api_key_revoke(*, actor: Actor, key_id: int, request: HttpRequest | None = None) -> ApiKey:
    actor.require("apikeys.manage")
    key = ApiKey.objects.select_for_update().filter(pk=key_id, company=actor.company).first()
    if key is None:
        raise NotFound()
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_record(
            action="api_key.revoked",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            request=request,
            target_type="api_key",
            target_id=key.prefix,
            before={"name": key.name},
        )
    return key


def api_key_authenticate(*, secret: str, company: Company | None) -> ApiKey | None:
    """The live key of ``company`` matching ``secret``, or None (wrong company, revoked, expired, unknown)."""
    parts = secret.split("_", 2)  # the random part may itself contain "_"
    if company is None or len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    key = ApiKey.objects.filter(prefix=parts[1], company=company, revoked_at__isnull=True).first()
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(secret)):
        return None
    now = timezone.now()
    if key.expires_at is not None and key.expires_at <= now:
        return None
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key
