"""Supplier side: running replenishment (proposals from shared figures) and the buyer's answers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Sum
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from identity.services import audit_record
from marketplace.exchange.kinds import DocumentKind
from marketplace.exchange.services import document_send
from marketplace.sharing.models import PolicyMethod, ReplenishmentPolicy, SharedStock
from tenants.models import Company
from tenants.supplychain.replenishment.models import (
    Proposal,
    ProposalStatus,
)
from tenants.supplychain.replenishment.policies import MANAGE, grant_active_q
from tenants.supplychain.replenishment.services.common import (
    QUANTITY_STEP,
    this_company,
)

# Supplier: proposing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    available: Decimal
    consumption_per_day: Decimal | None
    as_of: Any


@dataclass(frozen=True)
class Skipped:
    policy_id: int
    sku: str
    reason: str  # open_proposal | no_figures | no_consumption | above_trigger


@dataclass(frozen=True)
class RunResult:
    created: list[Proposal]
    skipped: list[Skipped]


WHOLE_UNIT = Decimal(1)


def proposal_quantity(policy: ReplenishmentPolicy, figures: Figures) -> tuple[Decimal | None, str]:
    """(quantity, "") to propose, or (None, why not).

    min_max: when available <= min, up to max (max - available). days_of_cover: when available covers
    at most ``minimum_days`` of the shared consumption per day, up to ``target_days`` of it
    (consumption x target - available). Rounded up to a whole unit: a supplier proposes packs, bags and
    bottles, not 819.7503 of them.
    """
    available = figures.available
    if policy.method == PolicyMethod.MIN_MAX:
        assert policy.min_quantity is not None and policy.max_quantity is not None
        if available > policy.min_quantity:
            return None, "above_trigger"
        wanted = policy.max_quantity - available
    else:
        assert policy.target_days is not None and policy.minimum_days is not None
        rate = figures.consumption_per_day
        if rate is None or rate <= 0:
            return None, "no_consumption"
        if available > rate * policy.minimum_days:
            return None, "above_trigger"
        wanted = rate * policy.target_days - available
    wanted = wanted.quantize(WHOLE_UNIT, rounding=ROUND_UP)
    if wanted <= 0:
        return None, "above_trigger"
    return wanted, ""


def _figures(company: Company, policies: list[ReplenishmentPolicy]) -> dict[tuple[int, int], Figures]:
    """The shared figures of each (grant, item), summed over the covered warehouses: one query."""
    rows = (
        SharedStock.objects.filter(
            partner_company_id=company.pk,
            grant_id__in={p.grant_id for p in policies},
            item_id__in={p.item_id for p in policies},
        )
        .values("grant_id", "item_id")
        .annotate(available=Sum("available"), consumption=Sum("consumption_per_day"), as_of=Max("as_of"))
    )
    return {
        (row["grant_id"], row["item_id"]): Figures(row["available"], row["consumption"], row["as_of"])
        for row in rows
    }


@transaction.atomic
def replenishment_run(
    *, actor: Actor | None, policy_ids: list[int] | None = None, request: HttpRequest | None = None
) -> RunResult:
    """Propose replenishment under every agreed policy where this company is the supplier.

    Locks the policies (FOR UPDATE), so two runs at once are serialised and the second finds the first's
    open proposals. ``actor`` None: the periodic task. Nothing is sent for a policy whose grant is revoked
    or expired, or not agreed by both sides at its current version.

    Raises:
        PermissionMissing: no supplychain.manage.
    """
    if actor is not None:
        actor.require(MANAGE)
    company = this_company()
    qs = ReplenishmentPolicy.objects.filter(
        grant_active_q("grant__"),
        partner_company_id=company.pk,
        agreed_by_owner_at__isnull=False,
        agreed_by_partner_at__isnull=False,
    )
    if policy_ids is not None:
        qs = qs.filter(pk__in=policy_ids)
    policies = list(qs.select_for_update(of=("self",)).order_by("pk"))
    if not policies:
        return RunResult([], [])
    open_ids = set(
        Proposal.objects.filter(
            policy_id__in=[p.pk for p in policies], status=ProposalStatus.SENT
        ).values_list("policy_id", flat=True)
    )
    figures = _figures(company, policies)
    buyers = Company.objects.in_bulk({p.owner_company_id for p in policies})
    created: list[Proposal] = []
    skipped: list[Skipped] = []
    for policy in policies:
        if policy.pk in open_ids:
            skipped.append(Skipped(policy.pk, policy.sku, "open_proposal"))
            continue
        found = figures.get((policy.grant_id, policy.item_id))
        if found is None:
            skipped.append(Skipped(policy.pk, policy.sku, "no_figures"))
            continue
        quantity, why = proposal_quantity(policy, found)
        if quantity is None:
            skipped.append(Skipped(policy.pk, policy.sku, why))
            continue
        created.append(
            _propose(company, buyers[policy.owner_company_id], policy, found, quantity, actor, request)
        )
    return RunResult(created, skipped)


def _propose(
    company: Company,
    buyer: Company,
    policy: ReplenishmentPolicy,
    figures: Figures,
    quantity: Decimal,
    actor: Actor | None,
    request: HttpRequest | None,
) -> Proposal:
    from tenants.procurement.services.common import next_number

    total = (quantity * policy.unit_price).quantize(QUANTITY_STEP)
    proposal = Proposal.objects.create(
        number=next_number("replenishment", "RP"),
        buyer_company_id=buyer.pk,
        buyer_name=buyer.name,
        grant_id=policy.grant_id,
        policy_id=policy.pk,
        policy_version=policy.version,
        method=policy.method,
        item_id=policy.item_id,
        sku=policy.sku,
        name_zh=policy.name_zh,
        name_en=policy.name_en,
        unit=policy.unit,
        quantity=quantity,
        unit_price=policy.unit_price,
        currency=policy.currency,
        total=total,
        available=figures.available,
        consumption_per_day=figures.consumption_per_day,
        figures_as_of=figures.as_of,
        created_by_label=actor.label if actor is not None else "replenishment run",
    )
    document = document_send(
        sender=company,
        receiver=buyer,
        kind=DocumentKind.REPLENISHMENT_PROPOSAL,
        payload={
            "proposal_number": proposal.number,
            "grant_id": policy.grant_id,
            "policy_id": policy.pk,
            "policy_version": policy.version,
            "method": policy.method,
            "item_id": policy.item_id,
            "sku": policy.sku,
            "name_zh": policy.name_zh,
            "name_en": policy.name_en,
            "unit": policy.unit,
            "quantity": str(quantity),
            "unit_price": str(policy.unit_price),
            "currency": policy.currency,
            "total": str(total),
            "available": str(figures.available),
            "consumption_per_day": None
            if figures.consumption_per_day is None
            else str(figures.consumption_per_day),
            "figures_as_of": figures.as_of.isoformat(),
        },
    )
    proposal.document_id = document.pk
    proposal.save(update_fields=["document_id"])
    audit_record(
        action="replenishment_proposal.sent",
        company=company,
        actor=actor.user if actor is not None else None,
        actor_label=actor.label if actor is not None else "replenishment run",
        request=request,
        target_type="replenishment_proposal",
        target_id=proposal.pk,
        after={
            "number": proposal.number,
            "buyer": buyer.name,
            "quantity": str(quantity),
            "total": str(total),
        },
    )
    return proposal


def response_received(
    *, document_id: uuid.UUID, sender_id: int, refers_to: uuid.UUID | None, payload: dict[str, Any]
) -> None:
    """The buyer answered one of our proposals (ingestion handler; runs in our schema)."""
    from notifications.selectors import members_with_permission
    from notifications.services import notification_send

    proposal = (
        Proposal.objects.select_for_update().filter(document_id=refers_to, buyer_company_id=sender_id).first()
    )
    if proposal is None or proposal.status != ProposalStatus.SENT:
        return
    accepted = payload["action"] == "accept"
    proposal.status = ProposalStatus.ACCEPTED if accepted else ProposalStatus.DECLINED
    proposal.decided_at = timezone.now()
    proposal.accepted_automatically = bool(payload.get("automatic")) and accepted
    proposal.decline_reason = "" if accepted else str(payload.get("reason") or "")
    proposal.po_number = str(payload.get("po_number") or "")
    proposal.po_document_id = payload.get("po_document_id")
    proposal.save()
    company = this_company()
    audit_record(
        action=f"replenishment_proposal.{proposal.status}",
        company=company,
        actor_label=proposal.buyer_name,
        target_type="replenishment_proposal",
        target_id=proposal.pk,
        after={"po_number": proposal.po_number, "reason": proposal.decline_reason},
    )
    notification_send(
        recipients=members_with_permission(companies=[company.pk], permission=MANAGE),
        kind=f"replenishment.proposal_{proposal.status}",
        key=f"replenishment.proposal_{proposal.status}:{proposal.pk}",
        payload={
            "proposal_id": proposal.pk,
            "number": proposal.number,
            "buyer": proposal.buyer_name,
            "po_number": proposal.po_number,
            "reason": proposal.decline_reason,
        },
        subject_type="replenishment_proposal",
        subject_id=proposal.pk,
    )
