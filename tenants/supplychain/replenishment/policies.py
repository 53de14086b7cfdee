"""Replenishment policies (public ``sharing.ReplenishmentPolicy``), written and read from either side.

A policy belongs to a grant: the grant's OWNER is the buyer whose stock is shared, its PARTNER the supplier
who replenishes. Both may propose, change and agree; a change is agreed by its author at once and clears
the other side's agreement (``version`` + 1). Only a policy both sides agreed to, under an ACTIVE grant
within its period, drives proposals (see ``services.replenishment_run``).

Every read is filtered by the current company (owner or partner of the grant); a policy of a grant the
company is no party to answers the same ``404 not_found`` as a missing one. Every write is audited on both
sides and the other side's managers are told.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import NotFound, ValidationFailed
from kernel.iso import CURRENCIES
from marketplace.sharing.models import (
    GrantStatus,
    PolicyMethod,
    PolicySide,
    ReplenishmentPolicy,
    SharedStock,
    ShareGrant,
)
from tenants.models import Company
from tenants.supplychain.replenishment.exceptions import GrantNotActive, PolicyExists, PolicyVersionChanged

MANAGE, VIEW = "supplychain.manage", "supplychain.view"
MAX_QUANTITY = Decimal("1e13")
MAX_DAYS = 3650


def grant_active_q(prefix: str = "") -> Q:
    """Rows whose grant (``prefix`` + field names) is active and within its period today."""
    today = timezone.localdate()
    return Q(**{f"{prefix}status": GrantStatus.ACTIVE, f"{prefix}valid_from__lte": today}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": today})
    )


def policies_of(company: Company) -> QuerySet[ReplenishmentPolicy]:
    """Policies of grants where ``company`` is the owner or the partner."""
    return ReplenishmentPolicy.objects.filter(
        Q(owner_company_id=company.pk) | Q(partner_company_id=company.pk)
    ).select_related("grant")


def policy_list(
    *, company: Company, side: str = "", grant_id: int | None = None, agreed: bool | None = None
) -> QuerySet[ReplenishmentPolicy]:
    qs = policies_of(company)
    if side == PolicySide.OWNER:
        qs = qs.filter(owner_company_id=company.pk)
    elif side == PolicySide.PARTNER:
        qs = qs.filter(partner_company_id=company.pk)
    if grant_id is not None:
        qs = qs.filter(grant_id=grant_id)
    if agreed is True:
        qs = qs.filter(agreed_by_owner_at__isnull=False, agreed_by_partner_at__isnull=False)
    elif agreed is False:
        qs = qs.filter(Q(agreed_by_owner_at__isnull=True) | Q(agreed_by_partner_at__isnull=True))
    return qs.order_by("sku", "id")


def policy_get(*, company: Company, policy_id: int, lock: bool = False) -> ReplenishmentPolicy:
    qs = policies_of(company)
    if lock:
        qs = qs.select_for_update(of=("self",))
    policy = qs.filter(pk=policy_id).first()
    if policy is None:
        raise NotFound()
    return policy


def side_of(policy: ReplenishmentPolicy | ShareGrant, company: Company) -> str:
    owner = policy.owner_company_id if isinstance(policy, ReplenishmentPolicy) else policy.owner_id
    return PolicySide.OWNER if owner == company.pk else PolicySide.PARTNER


@dataclass(frozen=True)
class Terms:
    method: str
    unit_price: Decimal
    currency: str
    min_quantity: Decimal | None = None
    max_quantity: Decimal | None = None
    target_days: int | None = None
    minimum_days: int | None = None
    note: str = ""


def _terms_errors(terms: Terms) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if terms.method not in PolicyMethod.values:
        errors["method"] = ["Use min_max or days_of_cover."]
    if terms.currency not in CURRENCIES:
        errors["currency"] = ["Unknown currency."]
    if not terms.unit_price.is_finite() or terms.unit_price < 0 or terms.unit_price >= MAX_QUANTITY:
        errors["unit_price"] = ["Must not be negative."]
    if terms.method == PolicyMethod.MIN_MAX:
        low, high = terms.min_quantity, terms.max_quantity
        if low is None or low < 0:
            errors["min_quantity"] = ["Give the minimum quantity (0 or more)."]
        if high is None or high <= 0 or high >= MAX_QUANTITY:
            errors["max_quantity"] = ["Give the maximum quantity (above zero)."]
        elif low is not None and high <= low:
            errors["max_quantity"] = ["The maximum is above the minimum."]
    elif terms.method == PolicyMethod.DAYS_OF_COVER:
        target, minimum = terms.target_days, terms.minimum_days
        if target is None or not 1 <= target <= MAX_DAYS:
            errors["target_days"] = [f"Give the days of cover to reach (1 to {MAX_DAYS})."]
        if minimum is None or not 0 <= minimum <= MAX_DAYS:
            errors["minimum_days"] = [f"Give the days of cover that trigger a proposal (0 to {MAX_DAYS})."]
        elif target is not None and minimum >= target:
            errors["minimum_days"] = ["The trigger is below the target."]
    return errors


def _apply(policy: ReplenishmentPolicy, terms: Terms) -> None:
    policy.method = terms.method
    policy.unit_price = terms.unit_price
    policy.currency = terms.currency
    policy.note = terms.note.strip()
    is_min_max = terms.method == PolicyMethod.MIN_MAX
    policy.min_quantity = terms.min_quantity if is_min_max else None
    policy.max_quantity = terms.max_quantity if is_min_max else None
    policy.target_days = None if is_min_max else terms.target_days
    policy.minimum_days = None if is_min_max else terms.minimum_days


def _agree_as(policy: ReplenishmentPolicy, side: str, *, clear_other: bool) -> None:
    now = timezone.now()
    if side == PolicySide.OWNER:
        policy.agreed_by_owner_at = now
        if clear_other:
            policy.agreed_by_partner_at = None
    else:
        policy.agreed_by_partner_at = now
        if clear_other:
            policy.agreed_by_owner_at = None


def _labels(grant: ShareGrant, item_id: int, company: Company) -> dict[str, str] | None:
    """The item's labels from the grant's published snapshot; the owner may also name an item of its own
    schema that the grant covers but that was not published yet."""
    row = (
        SharedStock.objects.filter(grant=grant, item_id=item_id)
        .values("sku", "name_zh", "name_en", "unit")
        .first()
    )
    if row is not None:
        return {key: str(row[key]) for key in ("sku", "name_zh", "name_en", "unit")}
    if grant.owner_id != company.pk:
        return None
    from tenants.inventory.models import Item

    item = (
        Item.objects.filter(pk=item_id).values("sku", "name_zh", "name_en", "unit", "category_code").first()
    )
    if item is None:
        return None
    covered = item_id in (grant.item_ids or []) or (
        bool(grant.category_code) and item["category_code"] == grant.category_code
    )
    if not covered:
        return None
    return {key: item[key] for key in ("sku", "name_zh", "name_en", "unit")}


def _snapshot(policy: ReplenishmentPolicy) -> dict[str, Any]:
    return {
        "version": policy.version,
        "method": policy.method,
        "min_quantity": None if policy.min_quantity is None else str(policy.min_quantity),
        "max_quantity": None if policy.max_quantity is None else str(policy.max_quantity),
        "target_days": policy.target_days,
        "minimum_days": policy.minimum_days,
        "unit_price": str(policy.unit_price),
        "currency": policy.currency,
        "agreed": policy.agreed,
    }


def _record(
    *,
    actor: Actor,
    policy: ReplenishmentPolicy,
    action: str,
    request: HttpRequest | None,
    before: dict[str, Any] | None = None,
) -> None:
    """Audit on both sides and tell the other side's managers (once per version and action)."""
    from notifications.selectors import members_with_permission
    from notifications.services import notification_send

    after = _snapshot(policy)
    companies = Company.objects.in_bulk([policy.owner_company_id, policy.partner_company_id])
    for company_id in (policy.owner_company_id, policy.partner_company_id):
        audit_record(
            action=f"replenishment_policy.{action}",
            company=companies[company_id],
            actor=actor.user,
            actor_label=f"{actor.company.name}: {actor.label}",
            request=request if company_id == actor.company.pk else None,
            target_type="replenishment_policy",
            target_id=policy.pk,
            before=before,
            after=after,
        )
    other = (
        policy.partner_company_id if actor.company.pk == policy.owner_company_id else policy.owner_company_id
    )
    notification_send(
        recipients=members_with_permission(companies=[other], permission=MANAGE),
        kind=f"replenishment.policy_{action}",
        key=f"replenishment.policy_{action}:{policy.pk}:{policy.version}",
        payload={
            "policy_id": policy.pk,
            "sku": policy.sku,
            "version": policy.version,
            "company": actor.company.name,
        },
        subject_type="replenishment_policy",
        subject_id=policy.pk,
    )


@transaction.atomic
def policy_propose(
    *, actor: Actor, grant_id: int, item_id: int, terms: Terms, request: HttpRequest | None = None
) -> ReplenishmentPolicy:
    """Propose a policy for one shared item of a grant the actor's company is party to; agreed by the
    proposing side only.

    Raises:
        PermissionMissing: no supplychain.manage.
        NotFound: no such grant between the company and a partner.
        GrantNotActive: the grant is revoked or outside its period (409).
        ValidationFailed: an item the grant does not share; bad terms (nothing written).
        PolicyExists: the item already has a policy under the grant (409; change that one).
    """
    actor.require(MANAGE)
    company = actor.company
    grant = (
        ShareGrant.objects.select_for_update()
        .filter(Q(owner_id=company.pk) | Q(partner_id=company.pk), pk=grant_id)
        .first()
    )
    if grant is None:
        raise NotFound()
    if not ShareGrant.objects.filter(grant_active_q(), pk=grant.pk).exists():
        raise GrantNotActive()
    errors = _terms_errors(terms)
    labels = _labels(grant, item_id, company)
    if labels is None:
        errors["item_id"] = ["The grant does not share this item."]
    if errors:
        raise ValidationFailed(errors=errors)
    assert labels is not None
    if ReplenishmentPolicy.objects.filter(grant=grant, item_id=item_id).exists():
        raise PolicyExists()
    side = side_of(grant, company)
    policy = ReplenishmentPolicy(
        grant=grant,
        owner_company_id=grant.owner_id,
        partner_company_id=grant.partner_id,
        item_id=item_id,
        sku=labels["sku"],
        name_zh=labels["name_zh"],
        name_en=labels["name_en"],
        unit=labels["unit"],
        proposed_by=side,
        version=1,
    )
    _apply(policy, terms)
    _agree_as(policy, side, clear_other=True)
    policy.save()
    _record(actor=actor, policy=policy, action="proposed", request=request)
    return policy


@transaction.atomic
def policy_change(
    *,
    actor: Actor,
    policy_id: int,
    version: int,
    terms: Terms,
    request: HttpRequest | None = None,
) -> ReplenishmentPolicy:
    """Change the terms (whole set): the version goes up, the actor's side agrees, the other side's
    agreement is cleared (proposals stop until it agrees again).

    Raises:
        NotFound, ValidationFailed as ``policy_propose``;
        PolicyVersionChanged: ``version`` is not the current one (409).
    """
    actor.require(MANAGE)
    policy = policy_get(company=actor.company, policy_id=policy_id, lock=True)
    if policy.version != version:
        raise PolicyVersionChanged(current_version=policy.version)
    errors = _terms_errors(terms)
    if errors:
        raise ValidationFailed(errors=errors)
    before = _snapshot(policy)
    _apply(policy, terms)
    policy.version += 1
    policy.proposed_by = side_of(policy, actor.company)
    _agree_as(policy, policy.proposed_by, clear_other=True)
    policy.save()
    _record(actor=actor, policy=policy, action="changed", request=request, before=before)
    return policy


@transaction.atomic
def policy_agree(
    *, actor: Actor, policy_id: int, version: int, request: HttpRequest | None = None
) -> ReplenishmentPolicy:
    """Agree to the policy's terms at ``version`` (the one the member read). Agreeing twice is harmless.

    Raises:
        NotFound; PolicyVersionChanged: the terms changed since (409); GrantNotActive (409).
    """
    actor.require(MANAGE)
    policy = policy_get(company=actor.company, policy_id=policy_id, lock=True)
    if policy.version != version:
        raise PolicyVersionChanged(current_version=policy.version)
    if not ShareGrant.objects.filter(grant_active_q(), pk=policy.grant_id).exists():
        raise GrantNotActive()
    side = side_of(policy, actor.company)
    already = policy.agreed_by_owner_at if side == PolicySide.OWNER else policy.agreed_by_partner_at
    if already is not None:
        return policy
    _agree_as(policy, side, clear_other=False)
    policy.save(update_fields=["agreed_by_owner_at", "agreed_by_partner_at", "updated_at"])
    _record(actor=actor, policy=policy, action="agreed", request=request)
    return policy
