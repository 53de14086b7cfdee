"""Vendor-managed replenishment: the supplier proposes, the buyer's rule (or a member) accepts, and the
acceptance becomes one purchase order sent through the exchange (a sales order at the supplier).

Supplier side (the grant's PARTNER):
- ``replenishment_run`` computes a quantity for every agreed policy under an active grant from the shared
  figures (``sharing.SharedStock``, never the buyer's schema), keeps a ``Proposal`` and sends it as a
  ``replenishment_proposal`` document. A policy with an undecided proposal gets no second one.
- ``response_received`` records the buyer's answer (the purchase order's number and document id).

Buyer side (the grant's OWNER):
- ``proposal_received`` ingests a proposal (idempotent by document id: the exchange records it) and, when
  the most specific ``AcceptanceRule`` allows it and the proposal matches the policy both sides agreed to,
  accepts it at once in the name of the member who set the rule; otherwise it waits for a member with
  po.approve (who is told).
- ``proposal_accept`` / ``proposal_decline``: a member with po.approve decides a waiting proposal.

Accepting locks the received proposal's row and checks it is still pending: two acceptances at once, or
one after the automatic acceptance, give ONE purchase order; the other answers ``409
proposal_already_decided``. The order is drafted, approved and sent through the procurement services; the
acceptance IS its approval and is recorded as one (an approved step decided by the accepting member, or
by the member whose rule accepted it, on the order's timeline and in the audit).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Q, Sum
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from identity.models import Membership, MembershipStatus
from identity.roles import permissions_for
from identity.services import audit_record
from kernel.errors import DomainError, NotFound, ValidationFailed
from kernel.iso import CURRENCIES
from marketplace.exchange.kinds import DocumentKind
from marketplace.exchange.models import PartnerLink
from marketplace.exchange.services import document_send
from marketplace.sharing.models import PolicyMethod, ReplenishmentPolicy, SharedStock
from tenants.models import Company
from tenants.procurement.models import PurchaseOrder
from tenants.supplychain.replenishment.exceptions import AcceptanceRuleExists, ProposalAlreadyDecided
from tenants.supplychain.replenishment.models import (
    AcceptanceRule,
    Proposal,
    ProposalStatus,
    ReceivedProposal,
    ReceivedStatus,
)
from tenants.supplychain.replenishment.policies import MANAGE, grant_active_q

APPROVE = "po.approve"
QUANTITY_STEP = Decimal("0.0001")
MAX_VALUE = Decimal("1e13")


def this_company() -> Company:
    from tenants.procurement.services.common import this_company as current

    return current()


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


def proposal_quantity(policy: ReplenishmentPolicy, figures: Figures) -> tuple[Decimal | None, str]:
    """(quantity, "") to propose, or (None, why not).

    min_max: when available <= min, up to max (max - available). days_of_cover: when available covers
    at most ``minimum_days`` of the shared consumption per day, up to ``target_days`` of it
    (consumption x target - available). Rounded up to 4 decimals.
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
    wanted = wanted.quantize(QUANTITY_STEP, rounding=ROUND_UP)
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


# Buyer: receiving and deciding ---------------------------------------------------------------------


def proposal_received(
    *, document_id: uuid.UUID, sender_id: int, sender_name: str, payload: dict[str, Any]
) -> ReceivedProposal:
    """Keep a supplier's proposal (ingestion handler, in our schema, inside the ingestion transaction) and
    accept it at once when a rule allows it; else tell the members who may approve.

    An automatic acceptance that fails (e.g. the plan's purchase orders are used up, no exchange rate for
    the currency) is rolled back to its savepoint and the proposal waits for a person instead.
    """
    p = payload
    quantity, unit_price, total = Decimal(p["quantity"]), Decimal(p["unit_price"]), Decimal(p["total"])
    received = ReceivedProposal.objects.create(
        document_id=document_id,
        number=p["proposal_number"],
        supplier_company_id=sender_id,
        supplier_name=sender_name,
        grant_id=p["grant_id"],
        policy_id=p["policy_id"],
        policy_version=p["policy_version"],
        method=p["method"],
        item_id=p["item_id"],
        sku=p["sku"],
        name_zh=p.get("name_zh", ""),
        name_en=p.get("name_en", ""),
        unit=p["unit"],
        quantity=quantity,
        unit_price=unit_price,
        currency=p["currency"],
        total=total,
        available=Decimal(p["available"]),
        consumption_per_day=None
        if p.get("consumption_per_day") is None
        else Decimal(p["consumption_per_day"]),
        figures_as_of=p["figures_as_of"],
    )
    rule, rule_actor, reason = _automatic_decision(received)
    if rule is not None and rule_actor is not None:
        try:
            with transaction.atomic():
                _accept(received, actor=rule_actor, automatic=True, rule=rule, request=None)
            return received
        except DomainError as exc:
            received.refresh_from_db()
            reason = f"automatic_acceptance_failed:{exc.code}"
    received.review_reason = reason[:500]
    received.save(update_fields=["review_reason"])
    _notify_pending(received)
    return received


def _automatic_decision(received: ReceivedProposal) -> tuple[AcceptanceRule | None, Actor | None, str]:
    """The rule and its author's actor when the proposal may be accepted without asking; else why not."""
    company = this_company()
    policy = ReplenishmentPolicy.objects.filter(
        grant_active_q("grant__"),
        pk=received.policy_id,
        owner_company_id=company.pk,
        partner_company_id=received.supplier_company_id,
    ).first()
    if policy is None or not policy.agreed or policy.version != received.policy_version:
        return None, None, "policy_not_agreed"
    if (
        policy.item_id != received.item_id
        or policy.unit_price != received.unit_price
        or policy.currency != received.currency
    ):
        return None, None, "terms_differ"
    # At most four rules apply (supplier and item, item, supplier, any): the most specific decides.
    candidates = (
        AcceptanceRule.objects.filter(active=True)
        .filter(Q(supplier_company_id__isnull=True) | Q(supplier_company_id=received.supplier_company_id))
        .filter(Q(item_id__isnull=True) | Q(item_id=received.item_id))
    )
    rule = min(
        candidates, key=lambda r: (r.item_id is None, r.supplier_company_id is None, r.pk), default=None
    )
    if rule is None:
        return None, None, "no_rule"
    if rule.max_quantity is not None and received.quantity > rule.max_quantity:
        return None, None, "over_quantity"
    if rule.max_amount is not None:
        if rule.currency != received.currency:
            return None, None, "other_currency"
        if received.total > rule.max_amount:
            return None, None, "over_amount"
    actor = _rule_actor(rule, company)
    if actor is None:
        return None, None, "rule_author_cannot_approve"
    return rule, actor, ""


def _rule_actor(rule: AcceptanceRule, company: Company) -> Actor | None:
    """The rule's author as an actor, when they are still an active member allowed to approve."""
    if rule.set_by_id is None:
        return None
    membership = (
        Membership.objects.select_related("user")
        .filter(company=company, user_id=rule.set_by_id, status=MembershipStatus.ACTIVE)
        .first()
    )
    if membership is None:
        return None
    permissions = permissions_for(membership.roles)
    if APPROVE not in permissions:
        return None
    return Actor(company=company, permissions=permissions, user=membership.user, membership=membership)


def _notify_pending(received: ReceivedProposal) -> None:
    from notifications.selectors import members_with_permission
    from notifications.services import notification_send

    company = this_company()
    notification_send(
        recipients=members_with_permission(companies=[company.pk], permission=APPROVE),
        kind="replenishment.proposal_pending",
        key=f"replenishment.proposal_pending:{received.pk}",
        payload={
            "proposal_id": received.pk,
            "number": received.number,
            "supplier": received.supplier_name,
            "sku": received.sku,
            "quantity": str(received.quantity),
            "total": str(received.total),
            "currency": received.currency,
            "reason": received.review_reason,
        },
        subject_type="replenishment_proposal",
        subject_id=received.pk,
    )


def _lock_pending(proposal_id: int) -> ReceivedProposal:
    received = ReceivedProposal.objects.select_for_update().filter(pk=proposal_id).first()
    if received is None:
        raise NotFound()
    if received.status != ReceivedStatus.PENDING:
        raise ProposalAlreadyDecided(status_now=received.status)
    return received


def _member_required(actor: Actor) -> None:
    from tenants.procurement.exceptions import NotStepApprover

    actor.require(APPROVE)
    if actor.user is None:
        raise NotStepApprover(detail="Proposals are accepted by members, not API keys.")


@transaction.atomic
def proposal_accept(
    *, actor: Actor, proposal_id: int, request: HttpRequest | None = None
) -> ReceivedProposal:
    """Accept a waiting proposal: one purchase order, approved by this acceptance and sent to the supplier.

    Raises:
        PermissionMissing: no po.approve. NotStepApprover: an API key (403 not_step_approver).
        NotFound. ProposalAlreadyDecided: accepted (by a person or a rule) or declined already (409).
        ValidationFailed / QuotaExceeded / ...: the order could not be made (nothing is written).
    """
    _member_required(actor)
    received = _lock_pending(proposal_id)
    _accept(received, actor=actor, automatic=False, rule=None, request=request)
    return received


@transaction.atomic
def proposal_decline(
    *, actor: Actor, proposal_id: int, reason: str, request: HttpRequest | None = None
) -> ReceivedProposal:
    """Decline a waiting proposal with a reason; the supplier is told (``replenishment_response``).

    Raises: as ``proposal_accept``; ValidationFailed without a reason.
    """
    _member_required(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Say why the proposal is declined."]})
    received = _lock_pending(proposal_id)
    received.status = ReceivedStatus.DECLINED
    received.decided_at = timezone.now()
    received.decided_by = actor.user
    received.decided_by_label = actor.label
    received.decline_reason = reason
    received.review_reason = ""
    received.response_document_id = _respond(
        received,
        {"action": "decline", "automatic": False, "reason": reason, "po_number": "", "po_document_id": None},
    )
    received.save()
    _audit_decision(received, actor, request)
    return received


def _respond(received: ReceivedProposal, answer: dict[str, Any]) -> uuid.UUID:
    supplier = Company.objects.get(pk=received.supplier_company_id)
    document = document_send(
        sender=this_company(),
        receiver=supplier,
        kind=DocumentKind.REPLENISHMENT_RESPONSE,
        payload={"proposal_number": received.number, **answer},
        refers_to=received.document_id,
    )
    return document.pk


def _audit_decision(received: ReceivedProposal, actor: Actor, request: HttpRequest | None) -> None:
    audit_record(
        action=f"replenishment_proposal.{received.status}",
        company=this_company(),
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="replenishment_proposal",
        target_id=received.pk,
        after={
            "number": received.number,
            "automatic": received.accepted_automatically,
            "po_number": received.purchase_order.number if received.purchase_order else "",
            "reason": received.decline_reason,
        },
    )


def _accept(
    received: ReceivedProposal,
    *,
    actor: Actor,
    automatic: bool,
    rule: AcceptanceRule | None,
    request: HttpRequest | None,
) -> PurchaseOrder:
    """Draft, approve (this acceptance) and send the purchase order; record the acceptance; answer the
    supplier. ``received`` is locked (or was created in this transaction)."""
    from tenants.inventory.models import Item
    from tenants.procurement.services import LineInput, po_create, po_send

    # The acceptance authorises the order: a member who may approve it may also have it drafted and sent.
    ordering = Actor(
        company=actor.company,
        permissions=actor.permissions | {"po.create"},
        user=actor.user,
        membership=actor.membership,
        api_key=actor.api_key,
    )
    item_id = received.item_id if Item.objects.filter(pk=received.item_id).exists() else None
    order = po_create(
        actor=ordering,
        currency=received.currency,
        supplier_company_id=received.supplier_company_id,
        lines=[
            LineInput(
                description=received.name_en or received.name_zh or received.sku,
                sku=received.sku,
                quantity=received.quantity,
                unit=received.unit,
                unit_price=received.unit_price,
                item_id=item_id,
                source={"replenishment_proposal": received.number, "document_id": str(received.document_id)},
            )
        ],
        notes=f"Replenishment proposal {received.number}",
        request=request,
        check_permission=False,
    )
    _approve_by_acceptance(
        order.pk, actor=ordering, received=received, automatic=automatic, rule=rule, request=request
    )
    order = po_send(actor=ordering, order_id=order.pk, request=request)
    received.status = ReceivedStatus.ACCEPTED
    received.decided_at = timezone.now()
    received.decided_by = actor.user
    received.decided_by_label = actor.label
    received.accepted_automatically = automatic
    received.rule = rule
    received.review_reason = ""
    received.purchase_order = order
    received.response_document_id = _respond(
        received,
        {
            "action": "accept",
            "automatic": automatic,
            "reason": "",
            "po_number": order.number,
            "po_document_id": str(order.exchange_document_id),
        },
    )
    received.save()
    _audit_decision(received, actor, request)
    return order


def _approve_by_acceptance(
    order_id: int,
    *,
    actor: Actor,
    received: ReceivedProposal,
    automatic: bool,
    rule: AcceptanceRule | None,
    request: HttpRequest | None,
) -> None:
    """Record the acceptance as the order's approval: a submitted round with one approved step decided by
    the accepting member (or the rule's author), an ``approved`` event and an approval audit entry."""
    from tenants.procurement.models import (
        ApprovalDecision,
        ApprovalMode,
        ApprovalStep,
        Decision,
        PoStatus,
        StepStatus,
    )
    from tenants.procurement.services.common import audit, event_record, lock_order, require_status

    order = lock_order(order_id)
    require_status(order, PoStatus.DRAFT, action="submit")
    assert actor.user is not None
    now = timezone.now()
    note = (
        f"Replenishment proposal {received.number} accepted automatically (acceptance rule {rule.pk if rule else ''})"
        if automatic
        else f"Replenishment proposal {received.number} accepted"
    )
    order.approval_round += 1
    order.approval_rule = None
    order.approval_rule_name = "Replenishment acceptance"
    order.submitted_by = actor.user
    order.submitted_at = now
    order.status = PoStatus.APPROVED
    order.approved_at = now
    order.approved_total = order.total
    order.save()
    step = ApprovalStep.objects.create(
        order=order,
        round=order.approval_round,
        position=1,
        mode=ApprovalMode.ANY,
        user_ids=[actor.user.pk],
        roles=[],
        status=StepStatus.APPROVED,
        activated_at=now,
        decided_at=now,
    )
    ApprovalDecision.objects.create(step=step, user=actor.user, decision=Decision.APPROVE, note=note)
    data = {
        "replenishment_proposal": received.number,
        "automatic": automatic,
        "rule_id": rule.pk if rule else None,
    }
    event_record(order, "approved", actor=actor, data=data)
    audit(
        actor=actor,
        action="purchase_order.approval",
        order=order,
        request=request,
        after={"step": 1, "decision": "approve", "status": order.status, **data},
    )


# Buyer: acceptance rules ----------------------------------------------------------------------------


def _rule_errors(
    *,
    supplier_company_id: int | None,
    item_id: int | None,
    max_quantity: Decimal | None,
    max_amount: Decimal | None,
    currency: str,
) -> tuple[dict[str, list[str]], str]:
    from tenants.inventory.models import Item

    errors: dict[str, list[str]] = {}
    supplier_name = ""
    company = this_company()
    if supplier_company_id is not None:
        link = (
            PartnerLink.objects.filter(company=company, partner_id=supplier_company_id)
            .select_related("partner")
            .first()
        )
        if link is None:
            errors["supplier_id"] = ["Not a trading partner of this company."]
        else:
            supplier_name = link.partner.name
    if item_id is not None and not Item.objects.filter(pk=item_id).exists():
        errors["item_id"] = ["No such inventory item."]
    if max_quantity is None and max_amount is None:
        errors["max_quantity"] = ["Give a maximum quantity, a maximum amount, or both."]
    for name, value in (("max_quantity", max_quantity), ("max_amount", max_amount)):
        if value is not None and (not value.is_finite() or value <= 0 or value >= MAX_VALUE):
            errors[name] = ["Must be greater than zero."]
    if currency not in CURRENCIES:
        errors["currency"] = ["Unknown currency."]
    return errors, supplier_name


def _audit_rule(actor: Actor, rule: AcceptanceRule, action: str, request: HttpRequest | None) -> None:
    audit_record(
        action=f"replenishment_rule.{action}",
        company=this_company(),
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="replenishment_rule",
        target_id=rule.pk,
        after={
            "supplier_id": rule.supplier_company_id,
            "item_id": rule.item_id,
            "max_quantity": None if rule.max_quantity is None else str(rule.max_quantity),
            "max_amount": None if rule.max_amount is None else str(rule.max_amount),
            "currency": rule.currency,
            "active": rule.active,
        },
    )


@transaction.atomic
def rule_create(
    *,
    actor: Actor,
    supplier_company_id: int | None,
    item_id: int | None,
    max_quantity: Decimal | None,
    max_amount: Decimal | None,
    currency: str,
    request: HttpRequest | None = None,
) -> AcceptanceRule:
    """A standing approval of the actor (a member with po.approve) for proposals within the limits.

    Raises:
        PermissionMissing (po.approve); NotStepApprover (an API key); ValidationFailed (a supplier that is
        not a trading partner, an unknown item, no limit, a limit not above zero, an unknown currency);
        AcceptanceRuleExists: a rule with the same supplier and item (409).
    """
    _member_required(actor)
    errors, supplier_name = _rule_errors(
        supplier_company_id=supplier_company_id,
        item_id=item_id,
        max_quantity=max_quantity,
        max_amount=max_amount,
        currency=currency,
    )
    if errors:
        raise ValidationFailed(errors=errors)
    if AcceptanceRule.objects.filter(supplier_company_id=supplier_company_id, item_id=item_id).exists():
        raise AcceptanceRuleExists()
    rule = AcceptanceRule.objects.create(
        supplier_company_id=supplier_company_id,
        supplier_name=supplier_name,
        item_id=item_id,
        max_quantity=max_quantity,
        max_amount=max_amount,
        currency=currency,
        set_by=actor.user,
        set_by_label=actor.label,
    )
    _audit_rule(actor, rule, "created", request)
    return rule


@transaction.atomic
def rule_update(
    *,
    actor: Actor,
    rule_id: int,
    max_quantity: Decimal | None,
    max_amount: Decimal | None,
    currency: str,
    active: bool,
    request: HttpRequest | None = None,
) -> AcceptanceRule:
    """Change a rule's limits (whole set) or switch it off; the rule becomes the actor's standing approval."""
    _member_required(actor)
    rule = AcceptanceRule.objects.select_for_update().filter(pk=rule_id).first()
    if rule is None:
        raise NotFound()
    errors, _ = _rule_errors(
        supplier_company_id=None,
        item_id=None,
        max_quantity=max_quantity,
        max_amount=max_amount,
        currency=currency,
    )
    if errors:
        raise ValidationFailed(errors=errors)
    rule.max_quantity, rule.max_amount, rule.currency, rule.active = (
        max_quantity,
        max_amount,
        currency,
        active,
    )
    rule.set_by, rule.set_by_label = actor.user, actor.label
    rule.save()
    _audit_rule(actor, rule, "updated", request)
    return rule


@transaction.atomic
def rule_delete(*, actor: Actor, rule_id: int, request: HttpRequest | None = None) -> None:
    _member_required(actor)
    rule = AcceptanceRule.objects.select_for_update().filter(pk=rule_id).first()
    if rule is None:
        raise NotFound()
    _audit_rule(actor, rule, "deleted", request)
    rule.delete()


# The reorder list: drafting a purchase order by hand ----------------------------------------------------


@dataclass(frozen=True)
class ReorderLine:
    item_id: int
    quantity: Decimal | None = None
    unit_price: Decimal | None = None


@transaction.atomic
def reorder_po_draft(
    *,
    actor: Actor,
    lines: list[ReorderLine],
    currency: str,
    supplier_company_id: int | None = None,
    supplier_name: str = "",
    supplier_email: str = "",
    request: HttpRequest | None = None,
) -> PurchaseOrder:
    """A DRAFT purchase order for rows of the reorder list: each line's quantity is the given one, else the
    item's reorder quantity, else its shortfall (reorder point - available); price as given, else 0 (the
    buyer completes the draft). Items not on the reorder list need a quantity.

    Raises:
        PermissionMissing (po.create); ValidationFailed (no lines, an item twice, an unknown item, an item
        not below its reorder point without a quantity, plus everything ``po_create`` checks).
    """
    from tenants.inventory.models import Item
    from tenants.inventory.selectors import below_reorder_point
    from tenants.procurement.services import LineInput, po_create

    actor.require("po.create")
    errors: dict[str, list[str]] = {}
    if not lines:
        errors["lines"] = ["Pick at least one row of the reorder list."]
    ids = [line.item_id for line in lines]
    if len(ids) != len(set(ids)):
        errors["lines"] = ["Each item once."]
    rows = {row.item.pk: row for row in below_reorder_point()}
    items = Item.objects.in_bulk(ids)
    inputs: list[LineInput] = []
    for index, line in enumerate(lines):
        item = items.get(line.item_id)
        if item is None:
            errors[f"lines.{index}.item_id"] = ["No such inventory item."]
            continue
        quantity = line.quantity
        if quantity is None:
            row = rows.get(item.pk)
            if row is None:
                errors[f"lines.{index}.quantity"] = [
                    "The item is not below its reorder point: give a quantity."
                ]
                continue
            quantity = row.reorder_quantity or (row.reorder_point - row.available)
        inputs.append(
            LineInput(
                description=item.name_en or item.name_zh or item.sku,
                sku=item.sku,
                quantity=quantity,
                unit=item.unit,
                unit_price=line.unit_price if line.unit_price is not None else Decimal(0),
                item_id=item.pk,
                source={"reorder_list": True},
            )
        )
    if errors:
        raise ValidationFailed(errors=errors)
    return po_create(
        actor=actor,
        currency=currency,
        lines=inputs,
        supplier_company_id=supplier_company_id,
        supplier_name=supplier_name,
        supplier_email=supplier_email,
        notes="Drafted from the reorder list",
        request=request,
    )
