"""Buyer side: ingesting proposals, the acceptance rule, accepting (one purchase order) and declining."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from identity.models import Membership, MembershipStatus
from identity.roles import permissions_for
from identity.services import audit_record
from kernel.errors import DomainError, NotFound, ValidationFailed
from marketplace.exchange.kinds import DocumentKind
from marketplace.exchange.services import document_send
from marketplace.sharing.models import ReplenishmentPolicy
from tenants.models import Company
from tenants.procurement.models import PurchaseOrder
from tenants.supplychain.replenishment.exceptions import ProposalAlreadyDecided
from tenants.supplychain.replenishment.models import (
    AcceptanceRule,
    ReceivedProposal,
    ReceivedStatus,
)
from tenants.supplychain.replenishment.policies import grant_active_q
from tenants.supplychain.replenishment.services.common import (
    APPROVE,
    member_required,
    this_company,
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
    member_required(actor)
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
    member_required(actor)
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
