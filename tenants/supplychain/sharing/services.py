"""Writes of inventory sharing, run in the OWNER's schema: grants made, changed and revoked.

Every write runs in one transaction with its audit entries on BOTH sides (the owner's and the partner's
company column of the public audit log), the partner's notification (on a grant and on a revocation) and,
when the scope may have grown, an outbox message whose handler publishes the grant's whole scope.
Revocation deletes the grant's snapshots in the same transaction: the partner keeps no view.

Raises (all): PermissionMissing (``supplychain.manage``), ValidationFailed (bad fields, nothing written).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from identity.services import audit_record
from kernel.errors import ValidationFailed
from kernel.outbox import outbox_record
from marketplace.sharing import services as sharing
from marketplace.sharing.models import GrantStatus, ShareGrant
from tenants.supplychain.sharing.exceptions import GrantRevoked, NotATradingPartner
from tenants.supplychain.sharing.hooks import TOPIC_GRANT

if TYPE_CHECKING:
    from django.http import HttpRequest

    from identity.access import Actor

PERM_MANAGE = "supplychain.manage"
MAX_ITEMS = 1000
MAX_WAREHOUSES = 100
_FIELDS = (
    "item_ids",
    "category_code",
    "warehouse_ids",
    "share_consumption",
    "valid_from",
    "valid_until",
    "note",
)


def _ids(value: Any, field: str, limit: int) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or any(
        isinstance(v, bool) or not isinstance(v, int) or v < 1 for v in value
    ):
        raise ValidationFailed(errors={field: ["Give a list of ids."]})
    if len(value) > limit:
        raise ValidationFailed(errors={field: [f"At most {limit}."]})
    return sorted(set(value))


def _clean_scope(
    *,
    item_ids: list[int],
    category_code: str,
    warehouse_ids: list[int],
    valid_from: date,
    valid_until: date | None,
) -> dict[str, list[str]]:
    """Errors of a grant's scope and period, checked against the owner's schema."""
    from tenants.inventory.models import Item, Warehouse

    errors: dict[str, list[str]] = {}
    if not item_ids and not category_code:
        errors["item_ids"] = ["Choose items or a category to share."]
    if item_ids:
        found = set(Item.objects.filter(pk__in=item_ids).values_list("pk", flat=True))
        missing = [i for i in item_ids if i not in found]
        if missing:
            errors["item_ids"] = [f"No item with id {', '.join(map(str, missing))} in your inventory."]
    if category_code and not Item.objects.filter(category_code__startswith=category_code).exists():
        errors["category_code"] = ["None of your items is in this category."]
    if warehouse_ids:
        found = set(Warehouse.objects.filter(pk__in=warehouse_ids).values_list("pk", flat=True))
        missing = [w for w in warehouse_ids if w not in found]
        if missing:
            errors["warehouse_ids"] = [f"No warehouse with id {', '.join(map(str, missing))}."]
    if valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = ["The period must end on or after its first day."]
    return errors


def _snapshot(grant: ShareGrant) -> dict[str, Any]:
    return {
        "partner_id": grant.partner_id,
        "item_ids": list(grant.item_ids or []),
        "category_code": grant.category_code,
        "warehouse_ids": list(grant.warehouse_ids or []),
        "share_consumption": grant.share_consumption,
        "valid_from": grant.valid_from.isoformat(),
        "valid_until": grant.valid_until.isoformat() if grant.valid_until else None,
        "note": grant.note,
        "status": grant.status,
    }


def _audit_both(
    *,
    actor: Actor,
    grant: ShareGrant,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> None:
    """One entry in the owner's audit log (by the acting member) and one in the partner's (by the owner
    company: the partner sees which company changed what it may see, not who the owner's member is)."""
    common: dict[str, Any] = {
        "action": action,
        "target_type": "share_grant",
        "target_id": grant.pk,
        "before": before,
        "after": after,
        "reason": reason,
    }
    audit_record(company=actor.company, actor=actor.user, actor_label=actor.label, request=request, **common)
    audit_record(company=grant.partner, actor_label=actor.company.name[:254], **common)


def _notify_partner(*, grant: ShareGrant, kind: str, owner_name: str) -> None:
    from notifications.selectors import members_with_permission
    from notifications.services import notification_send

    notification_send(
        recipients=members_with_permission(companies=[grant.partner_id], permission="supplychain.view"),
        kind=kind,
        key=f"{kind}:{grant.pk}",
        payload={"title": owner_name, "owner": owner_name, "grant_id": grant.pk},
        subject_type="share_grant",
        subject_id=grant.pk,
    )


def grant_create(
    *,
    actor: Actor,
    partner_id: Any,
    item_ids: Any = None,
    category_code: str = "",
    warehouse_ids: Any = None,
    share_consumption: bool = False,
    valid_from: date | None = None,
    valid_until: date | None = None,
    note: str = "",
    request: HttpRequest | None = None,
) -> ShareGrant:
    """Let trading partner ``partner_id`` see the figures of the chosen items (or a category) in the chosen
    warehouses (none: all) from ``valid_from`` (default today) to ``valid_until`` (none: until revoked).

    Audited on both sides; the partner's members (supplychain.view) are notified; the grant's whole scope
    is published by the worker after commit.

    Raises:
        NotATradingPartner (400): no partner link between the two companies (or the partner is oneself).
        ValidationFailed: unknown items/warehouses, an empty scope, a period ending before it starts.
    """
    from marketplace.exchange.models import PartnerLink
    from tenants.models import Company, CompanyStatus

    actor.require(PERM_MANAGE)
    owner = actor.company
    items = _ids(item_ids, "item_ids", MAX_ITEMS)
    warehouses = _ids(warehouse_ids, "warehouse_ids", MAX_WAREHOUSES)
    category_code = (category_code or "").strip()
    start = valid_from or timezone.localdate()
    partner = (
        Company.objects.filter(pk=partner_id, status=CompanyStatus.ACTIVE).first()
        if isinstance(partner_id, int) and not isinstance(partner_id, bool)
        else None
    )
    if (
        partner is None
        or partner.pk == owner.pk
        or not PartnerLink.objects.filter(company=owner, partner=partner).exists()
    ):
        raise NotATradingPartner(detail="Choose a company you trade with.")
    errors = _clean_scope(
        item_ids=items,
        category_code=category_code,
        warehouse_ids=warehouses,
        valid_from=start,
        valid_until=valid_until,
    )
    if valid_until is not None and valid_until < timezone.localdate():
        errors.setdefault("valid_until", ["The period must not have ended already."])
    if errors:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        grant = ShareGrant.objects.create(
            owner=owner,
            partner=partner,
            item_ids=items,
            category_code=category_code,
            warehouse_ids=warehouses,
            share_consumption=bool(share_consumption),
            valid_from=start,
            valid_until=valid_until,
            note=(note or "").strip()[:500],
            created_by_label=actor.label[:254],
        )
        _audit_both(actor=actor, grant=grant, action="supplychain.grant_created", before=None,
                    after=_snapshot(grant), request=request)  # fmt: skip
        _notify_partner(grant=grant, kind="supplychain.grant_received", owner_name=owner.name)
        outbox_record(topic=TOPIC_GRANT, payload={"grant_id": grant.pk})
    return grant


def grant_update(
    *, actor: Actor, grant_id: int, request: HttpRequest | None = None, **changes: Any
) -> ShareGrant:
    """Change a grant's scope, period, consumption switch or note (only the fields given).

    Narrowing takes effect at once: the snapshots that left the scope are deleted in this transaction
    (and consumption figures cleared when the switch is turned off); the new scope is published by the
    worker after commit. Audited on both sides.

    Raises: NotFound (not a grant of this company), GrantRevoked (409), ValidationFailed.
    """
    from marketplace.sharing.selectors import grant_given_get
    from tenants.supplychain.sharing.publishing import scope_items

    actor.require(PERM_MANAGE)
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise ValidationFailed(errors={name: ["This field cannot be changed."] for name in sorted(unknown)})
    grant_given_get(company_id=actor.company.pk, grant_id=grant_id)
    with transaction.atomic():
        grant = ShareGrant.objects.select_for_update().select_related("partner").get(pk=grant_id)
        if grant.status != GrantStatus.ACTIVE:
            raise GrantRevoked()
        before = _snapshot(grant)
        if "item_ids" in changes:
            grant.item_ids = _ids(changes["item_ids"], "item_ids", MAX_ITEMS)
        if "warehouse_ids" in changes:
            grant.warehouse_ids = _ids(changes["warehouse_ids"], "warehouse_ids", MAX_WAREHOUSES)
        if "category_code" in changes:
            grant.category_code = (changes["category_code"] or "").strip()
        if "share_consumption" in changes:
            grant.share_consumption = bool(changes["share_consumption"])
        if "valid_from" in changes:
            if changes["valid_from"] is None:
                raise ValidationFailed(errors={"valid_from": ["Give the first day."]})
            grant.valid_from = changes["valid_from"]
        if "valid_until" in changes:
            grant.valid_until = changes["valid_until"]
        if "note" in changes:
            grant.note = (changes["note"] or "").strip()[:500]
        errors = _clean_scope(
            item_ids=list(grant.item_ids or []),
            category_code=grant.category_code,
            warehouse_ids=list(grant.warehouse_ids or []),
            valid_from=grant.valid_from,
            valid_until=grant.valid_until,
        )
        if errors:
            raise ValidationFailed(errors=errors)
        after = _snapshot(grant)
        if after == before:
            return grant
        grant.save()
        sharing.shared_stock_delete_outside(
            grant=grant,
            item_ids=list(scope_items(grant).values_list("pk", flat=True)),
            warehouse_ids=grant.warehouse_ids or None,
        )
        if not grant.share_consumption and before["share_consumption"]:
            sharing.shared_stock_clear_consumption(grant=grant)
        _audit_both(actor=actor, grant=grant, action="supplychain.grant_changed", before=before, after=after,
                    request=request)  # fmt: skip
        outbox_record(topic=TOPIC_GRANT, payload={"grant_id": grant.pk})
    return grant


def grant_revoke(
    *, actor: Actor, grant_id: int, reason: str, request: HttpRequest | None = None
) -> ShareGrant:
    """End a grant now: status revoked, its snapshots deleted in this transaction (the partner's next read
    answers 404, as if it had never been shared). Locks the grant FOR UPDATE, so a publish in flight (which
    holds it FOR SHARE) finishes first and its rows are deleted too. Audited on both sides; the partner is
    notified.

    Raises: NotFound, GrantRevoked (409: already revoked), ValidationFailed (no reason).
    """
    from marketplace.sharing.selectors import grant_given_get

    actor.require(PERM_MANAGE)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Give the reason for revoking."]})
    grant_given_get(company_id=actor.company.pk, grant_id=grant_id)
    with transaction.atomic():
        grant = ShareGrant.objects.select_for_update().select_related("partner").get(pk=grant_id)
        if grant.status != GrantStatus.ACTIVE:
            raise GrantRevoked()
        before = _snapshot(grant)
        grant.status = GrantStatus.REVOKED
        grant.revoked_at = timezone.now()
        grant.revoked_reason = reason[:500]
        grant.save(update_fields=["status", "revoked_at", "revoked_reason", "updated_at"])
        sharing.shared_stock_delete(grant=grant)
        _audit_both(actor=actor, grant=grant, action="supplychain.grant_revoked", before=before,
                    after=_snapshot(grant), reason=reason[:500], request=request)  # fmt: skip
        _notify_partner(grant=grant, kind="supplychain.grant_revoked", owner_name=actor.company.name)
    return grant
