"""Approval workflows: rules, departments, delegation, and the approval of one order's steps.

How an order is approved:

- On submit the first active rule by ``priority`` that matches the order (amount in the company's
  currency at the rate table's rate, category, the requester's department) is copied onto the order as
  serial steps. No rule matches: approved at once if the company's setting ``auto_approve_unmatched`` is
  on, else one step any member whose role grants po.approve may decide (the requester never).
- A step asks ANY or ALL of a set of members and roles. ANY: one approval completes it. ALL: every named
  member, and for every named role one member holding it, must approve (one person's approval counts for
  each part they fill).
- Only a member holding ``po.approve`` who is named by the step (or holds one of its roles), or a member
  (of any role) who stands in for such a member through a delegation valid today, may decide; the requester and the
  submitter never (``own_order``); nobody decides twice in one round, nor approves two steps of it.
- Rejection returns the order to draft with the reason; a new submission starts a new round.

Every decision locks the order row first, so two approvers acting at once are serialised and the second
sees the state the first left.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from billing.meters import Feature
from billing.services.metering import feature_require
from identity.access import Actor
from identity.models import ApiKey, Membership, MembershipStatus
from identity.roles import ROLE_PERMISSIONS, ROLES
from kernel.errors import NotFound, ValidationFailed
from kernel.iso import currency_minor_units
from tenants.procurement.exceptions import (
    AlreadyDecided,
    ApprovalNotPending,
    NoEligibleApprover,
    NotStepApprover,
    OwnOrder,
    RuleInUse,
)
from tenants.procurement.models import (
    ApprovalDecision,
    ApprovalDelegation,
    ApprovalMode,
    ApprovalRule,
    ApprovalRuleStep,
    ApprovalStep,
    Decision,
    Department,
    MemberDepartment,
    PoStatus,
    PurchaseOrder,
    StepStatus,
)
from tenants.procurement.services.common import (
    Errors,
    add_error,
    audit,
    event_record,
    lock_order,
    places_of,
    this_company,
)

APPROVE = "po.approve"
MAX_STEPS = 10


# Members -------------------------------------------------------------------------------------------


def approving_roles() -> set[str]:
    return {role for role, granted in ROLE_PERMISSIONS.items() if APPROVE in granted}


def active_members() -> dict[int, list[str]]:
    """user id -> roles of the company's active members (one query)."""
    return dict(
        Membership.objects.filter(
            company=this_company(), status=MembershipStatus.ACTIVE, user__is_active=True
        ).values_list("user_id", "roles")
    )


def _can_approve(roles: Iterable[str]) -> bool:
    return bool(approving_roles() & set(roles))


def _named(step: ApprovalStep | ApprovalRuleStep, user_id: int, members: dict[int, list[str]]) -> bool:
    """Whether the member is named by the step or holds one of its roles, and may approve at all."""
    roles = members.get(user_id)
    if roles is None or not _can_approve(roles):
        return False
    return user_id in step.user_ids or bool(set(step.roles) & set(roles))


def own_principals(order: PurchaseOrder) -> set[int]:
    """The members who requested or submitted the order, directly or through an API key of theirs.

    A key acts for the member who created it, so that member counts as requester / submitter even when
    the order recorded only the key (orders created before the member was recorded with the key).
    """
    own = {uid for uid in (order.created_by_id, order.submitted_by_id) if uid is not None}
    key_ids = [k for k in (order.created_by_api_key_id, order.submitted_by_api_key_id) if k is not None]
    if key_ids:
        own |= {
            uid
            for uid in ApiKey.objects.filter(pk__in=key_ids).values_list("created_by_id", flat=True)
            if uid is not None
        }
    return own


_own = own_principals


def _delegators_of(user_id: int, today: date) -> list[int]:
    return list(
        ApprovalDelegation.objects.filter(
            delegate_id=user_id, revoked_at__isnull=True, starts_on__lte=today, ends_on__gte=today
        )
        .order_by("id")
        .values_list("delegator_id", flat=True)
    )


def _delegates_for(user_ids: Iterable[int], today: date) -> dict[int, int]:
    """delegate -> delegator, for delegations of ``user_ids`` valid today."""
    return {
        delegate: delegator
        for delegator, delegate in ApprovalDelegation.objects.filter(
            delegator_id__in=list(user_ids), revoked_at__isnull=True, starts_on__lte=today, ends_on__gte=today
        )
        .order_by("-id")
        .values_list("delegator_id", "delegate_id")
    }


def step_approvers(step: ApprovalStep, order: PurchaseOrder, members: dict[int, list[str]]) -> set[int]:
    """Members who may decide the step now: named ones and their delegates (never the requester)."""
    own = _own(order)
    direct = {uid for uid in members if _named(step, uid, members)} - own
    delegates = {
        delegate
        for delegate, _delegator in _delegates_for(direct, timezone.localdate()).items()
        if delegate in members
    }
    return direct | (delegates - own)


def _step_satisfied(step: ApprovalStep, members: dict[int, list[str]]) -> bool:
    # Read afresh: the step's prefetched decisions predate the one just recorded.
    principals = {
        on_behalf or user
        for user, on_behalf in ApprovalDecision.objects.filter(
            step=step, decision=Decision.APPROVE
        ).values_list("user_id", "on_behalf_of_id")
    }
    if step.mode == ApprovalMode.ANY:
        return bool(principals)
    users_done = all(uid in principals for uid in step.user_ids)
    roles_done = all(any(role in members.get(p, []) for p in principals) for role in step.roles)
    return users_done and roles_done


# Rules ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepInput:
    mode: str = ApprovalMode.ANY
    user_ids: tuple[int, ...] = ()
    roles: tuple[str, ...] = ()


def _rule_errors(
    *,
    name: str,
    min_amount: Decimal | None,
    max_amount: Decimal | None,
    department_id: int | None,
    steps: list[StepInput],
    category_code: str = "",
) -> Errors:
    errors: Errors = {}
    if not name.strip():
        add_error(errors, "name", "Name the rule.")
    currency = this_company().default_currency or "CNY"
    for field, value in (("min_amount", min_amount), ("max_amount", max_amount)):
        if value is None:
            continue
        if value < 0:
            add_error(errors, field, "Must not be negative.")
        elif places_of(value) > currency_minor_units(currency):
            add_error(errors, field, f"{currency} allows at most {currency_minor_units(currency)} decimals.")
    if min_amount is not None and max_amount is not None and min_amount > max_amount:
        add_error(errors, "max_amount", "Must not be below min_amount.")
    if department_id is not None and not Department.objects.filter(pk=department_id).exists():
        add_error(errors, "department_id", "No such department.")
    from tenants.procurement.services.rates import category_errors

    category_errors(category_code, errors)
    if not 1 <= len(steps) <= MAX_STEPS:
        add_error(errors, "steps", f"Give from 1 to {MAX_STEPS} steps.")
    members = active_members()
    allowed_roles = approving_roles()
    for index, step in enumerate(steps):
        prefix = f"steps.{index}"
        if step.mode not in ApprovalMode.values:
            add_error(errors, f"{prefix}.mode", f"Use one of {', '.join(ApprovalMode.values)}.")
        if not step.user_ids and not step.roles:
            add_error(errors, prefix, "Name at least one member or role.")
        if len(set(step.user_ids)) != len(step.user_ids) or len(set(step.roles)) != len(step.roles):
            add_error(errors, prefix, "A member or role is listed twice.")
        for uid in step.user_ids:
            if uid not in members:
                add_error(errors, f"{prefix}.user_ids", f"User {uid} is not an active member.")
            elif not _can_approve(members[uid]):
                add_error(errors, f"{prefix}.user_ids", f"User {uid} does not hold {APPROVE}.")
        for role in step.roles:
            if role not in ROLES:
                add_error(errors, f"{prefix}.roles", f"Unknown role {role!r}.")
            elif role not in allowed_roles:
                add_error(errors, f"{prefix}.roles", f"The role {role!r} does not grant {APPROVE}.")
    return errors


def _write_steps(rule: ApprovalRule, steps: list[StepInput]) -> None:
    rule.steps.all().delete()
    ApprovalRuleStep.objects.bulk_create(
        [
            ApprovalRuleStep(
                rule=rule, position=i, mode=s.mode, user_ids=list(s.user_ids), roles=list(s.roles)
            )
            for i, s in enumerate(steps, start=1)
        ]
    )


def _require_levels_in_plan(actor: Actor, steps: list[StepInput]) -> None:
    """Raises FeatureNotInPlan (403) for a rule of more than one level on a plan without multi-level
    approvals."""
    if len(steps) > 1:
        feature_require(company_id=actor.company.pk, feature=Feature.APPROVALS_MULTI_LEVEL)


@transaction.atomic
def approval_rule_create(
    *,
    actor: Actor,
    name: str,
    priority: int,
    steps: list[StepInput],
    active: bool = True,
    min_amount: Decimal | None = None,
    max_amount: Decimal | None = None,
    category_code: str = "",
    department_id: int | None = None,
    reminder_after_hours: int = 24,
    request: HttpRequest | None = None,
) -> ApprovalRule:
    """Add a rule with its steps.

    Raises:
        PermissionMissing: actor lacks approval.rules.
        ValidationFailed: bad bounds, an unknown department, a priority in use, a step naming nobody, a
            member who is not active or may not approve, a role that does not grant po.approve.
        FeatureNotInPlan: more than one step and the plan has no multi-level approvals (403).
    """
    actor.require("approval.rules")
    _require_levels_in_plan(actor, steps)
    errors = _rule_errors(
        name=name,
        min_amount=min_amount,
        max_amount=max_amount,
        department_id=department_id,
        steps=steps,
        category_code=category_code,
    )
    if ApprovalRule.objects.filter(priority=priority).exists():
        add_error(errors, "priority", "Another rule has this priority.")
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            rule = ApprovalRule.objects.create(
                name=name.strip(),
                priority=priority,
                active=active,
                min_amount=min_amount,
                max_amount=max_amount,
                category_code=category_code.strip(),
                department_id=department_id,
                reminder_after_hours=reminder_after_hours,
            )
    except IntegrityError:
        raise ValidationFailed(errors={"priority": ["Another rule has this priority."]}) from None
    _write_steps(rule, steps)
    _audit_rule(actor, "approval_rule.created", rule, steps, request)
    return rule


@transaction.atomic
def approval_rule_update(
    *,
    actor: Actor,
    rule_id: int,
    name: str,
    priority: int,
    steps: list[StepInput],
    active: bool = True,
    min_amount: Decimal | None = None,
    max_amount: Decimal | None = None,
    category_code: str = "",
    department_id: int | None = None,
    reminder_after_hours: int = 24,
    request: HttpRequest | None = None,
) -> ApprovalRule:
    """Replace a rule and its steps. Orders already submitted keep the steps they were given.

    Raises: as approval_rule_create, and NotFound."""
    actor.require("approval.rules")
    _require_levels_in_plan(actor, steps)
    rule = ApprovalRule.objects.select_for_update().filter(pk=rule_id).first()
    if rule is None:
        raise NotFound()
    errors = _rule_errors(
        name=name,
        min_amount=min_amount,
        max_amount=max_amount,
        department_id=department_id,
        steps=steps,
        category_code=category_code,
    )
    if ApprovalRule.objects.filter(priority=priority).exclude(pk=rule.pk).exists():
        add_error(errors, "priority", "Another rule has this priority.")
    if errors:
        raise ValidationFailed(errors=errors)
    rule.name, rule.priority, rule.active = name.strip(), priority, active
    rule.min_amount, rule.max_amount = min_amount, max_amount
    rule.category_code, rule.department_id = category_code.strip(), department_id
    rule.reminder_after_hours = reminder_after_hours
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise ValidationFailed(errors={"priority": ["Another rule has this priority."]}) from None
    _write_steps(rule, steps)
    _audit_rule(actor, "approval_rule.updated", rule, steps, request)
    return rule


@transaction.atomic
def approval_rule_delete(*, actor: Actor, rule_id: int, request: HttpRequest | None = None) -> None:
    actor.require("approval.rules")
    rule = ApprovalRule.objects.select_for_update().filter(pk=rule_id).first()
    if rule is None:
        raise NotFound()
    _audit_rule(actor, "approval_rule.deleted", rule, [], request)
    rule.delete()


def _audit_rule(
    actor: Actor, action: str, rule: ApprovalRule, steps: list[StepInput], request: HttpRequest | None
) -> None:
    from identity.services import audit_record

    audit_record(
        action=action,
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="approval_rule",
        target_id=rule.pk,
        after={
            "name": rule.name,
            "priority": rule.priority,
            "active": rule.active,
            "min_amount": str(rule.min_amount) if rule.min_amount is not None else None,
            "max_amount": str(rule.max_amount) if rule.max_amount is not None else None,
            "category_code": rule.category_code,
            "department_id": rule.department_id,
            "steps": [{"mode": s.mode, "user_ids": list(s.user_ids), "roles": list(s.roles)} for s in steps],
        },
    )


def amount_in_company_currency(order: PurchaseOrder) -> Decimal:
    """The total in the company's currency at the rate table's rate recorded at submit (never the rate
    typed on the order, which the requester controls)."""
    rate = order.approval_exchange_rate if order.approval_exchange_rate is not None else order.exchange_rate
    return order.total * rate


def rule_matching(order: PurchaseOrder) -> ApprovalRule | None:
    """The first active rule (by priority) whose bounds, category and department match the order."""
    amount = amount_in_company_currency(order)
    for rule in ApprovalRule.objects.filter(active=True).prefetch_related("steps").order_by("priority", "id"):
        if rule.min_amount is not None and amount < rule.min_amount:
            continue
        if rule.max_amount is not None and amount > rule.max_amount:
            continue
        code = rule.category_code
        if code and not (order.category_code == code or order.category_code.startswith(code + ".")):
            continue
        if rule.department_id is not None and rule.department_id != order.department_id:
            continue
        return rule
    return None


# Departments ---------------------------------------------------------------------------------------


@transaction.atomic
def department_create(*, actor: Actor, code: str, name: str) -> Department:
    actor.require("approval.rules")
    code, name = code.strip(), name.strip()
    errors: Errors = {}
    if not code:
        add_error(errors, "code", "Give the department a code.")
    if not name:
        add_error(errors, "name", "Name the department.")
    if code and Department.objects.filter(code=code).exists():
        add_error(errors, "code", "Another department has this code.")
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            return Department.objects.create(code=code, name=name)
    except IntegrityError:
        raise ValidationFailed(errors={"code": ["Another department has this code."]}) from None


@transaction.atomic
def department_delete(*, actor: Actor, department_id: int) -> None:
    """Raises RuleInUse when an approval rule names the department."""
    actor.require("approval.rules")
    department = Department.objects.select_for_update().filter(pk=department_id).first()
    if department is None:
        raise NotFound()
    if ApprovalRule.objects.filter(department=department).exists():
        raise RuleInUse(detail="An approval rule names this department.")
    department.delete()


@transaction.atomic
def member_department_set(*, actor: Actor, user_id: int, department_id: int | None) -> None:
    """Put a member in a department (None: in none)."""
    actor.require("approval.rules")
    if user_id not in active_members():
        raise NotFound()
    if department_id is None:
        MemberDepartment.objects.filter(user_id=user_id).delete()
        return
    if not Department.objects.filter(pk=department_id).exists():
        raise ValidationFailed(errors={"department_id": ["No such department."]})
    MemberDepartment.objects.update_or_create(user_id=user_id, defaults={"department_id": department_id})


def department_of(user_id: int | None) -> int | None:
    if user_id is None:
        return None
    return MemberDepartment.objects.filter(user_id=user_id).values_list("department_id", flat=True).first()


# Delegation ----------------------------------------------------------------------------------------


@transaction.atomic
def delegation_create(
    *,
    actor: Actor,
    delegate_id: int,
    starts_on: date,
    ends_on: date,
    delegator_id: int | None = None,
    reason: str = "",
) -> ApprovalDelegation:
    """Let ``delegate`` approve for ``delegator`` (default: the actor) from ``starts_on`` to ``ends_on``.

    Members delegate their own approvals (po.approve); someone else's needs approval.rules. The delegate
    may be any active member: while the delegation lasts they decide with the delegator's authority.

    Raises:
        ValidationFailed: no user, dates out of order or in the past, a delegator who may not approve, a
            delegate who is not an active member, the delegator themself.
    """
    if actor.user is None:
        raise ValidationFailed(errors={"delegator_id": ["An API key has no approvals to delegate."]})
    delegator = delegator_id if delegator_id is not None else actor.user.pk
    if delegator == actor.user.pk:
        actor.require(APPROVE)
    else:
        actor.require("approval.rules")
    members = active_members()
    errors: Errors = {}
    if delegator not in members or not _can_approve(members[delegator]):
        add_error(errors, "delegator_id", "Not an active member who may approve.")
    if delegate_id not in members:
        add_error(errors, "delegate_id", "Not an active member.")
    elif delegate_id == delegator:
        add_error(errors, "delegate_id", "Choose someone else.")
    if ends_on < starts_on:
        add_error(errors, "ends_on", "Must not be before starts_on.")
    if ends_on < timezone.localdate():
        add_error(errors, "ends_on", "Must not be in the past.")
    if errors:
        raise ValidationFailed(errors=errors)
    return ApprovalDelegation.objects.create(
        delegator_id=delegator,
        delegate_id=delegate_id,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        created_by=actor.user,
    )


@transaction.atomic
def delegation_revoke(*, actor: Actor, delegation_id: int) -> ApprovalDelegation:
    delegation = ApprovalDelegation.objects.select_for_update().filter(pk=delegation_id).first()
    if delegation is None:
        raise NotFound()
    if actor.user is None or delegation.delegator_id != actor.user.pk:
        actor.require("approval.rules")
    if delegation.revoked_at is None:
        delegation.revoked_at = timezone.now()
        delegation.save(update_fields=["revoked_at"])
    return delegation


# One order's approval ------------------------------------------------------------------------------


def approval_start(*, order: PurchaseOrder, actor: Actor) -> bool:
    """Copy the matching rule's steps onto the (locked, just submitted) order; True when no rule matches
    and the company approves such orders at once (otherwise a single step for the approving roles).

    Raises:
        NoEligibleApprover: a step has nobody who may approve this order (the requester aside).
    """
    from tenants.procurement.services.rates import settings_get

    order.approval_round += 1
    rule = rule_matching(order)
    members = active_members()
    now = timezone.now()
    if rule is None:
        order.approval_rule = None
        order.approval_rule_name = ""
        if settings_get().auto_approve_unmatched:
            return True
        # No rule matches and the company does not approve such orders at once: one approval by any
        # member whose role grants po.approve (owner, approver...), never the requester.
        steps = [
            ApprovalStep(
                order=order,
                round=order.approval_round,
                position=1,
                mode=ApprovalMode.ANY,
                roles=sorted(approving_roles()),
                status=StepStatus.PENDING,
                activated_at=now,
            )
        ]
    else:
        order.approval_rule = rule
        order.approval_rule_name = rule.name
        steps = [
            ApprovalStep(
                order=order,
                round=order.approval_round,
                position=rule_step.position,
                mode=rule_step.mode,
                user_ids=list(rule_step.user_ids),
                roles=list(rule_step.roles),
                status=StepStatus.PENDING if index == 0 else StepStatus.WAITING,
                reminder_after_hours=rule.reminder_after_hours,
                activated_at=now if index == 0 else None,
            )
            for index, rule_step in enumerate(rule.steps.all())
        ]
    own = _own(order)
    for step in steps:
        eligible = {uid for uid in members if _named(step, uid, members)} - own
        if step.mode == ApprovalMode.ALL:
            missing = [uid for uid in step.user_ids if uid not in eligible] + [
                role for role in step.roles if not any(role in members[uid] for uid in eligible)
            ]
            if missing:
                raise NoEligibleApprover(
                    detail=f"Step {step.position} needs {', '.join(map(str, missing))}, "
                    "who cannot approve this order."
                )
        elif not eligible:
            raise NoEligibleApprover(detail=f"Step {step.position} has nobody who may approve this order.")
    ApprovalStep.objects.bulk_create(steps)
    _notify_step(order, steps[0], members, kind="po.approval_requested")
    return False


def current_step(order: PurchaseOrder) -> ApprovalStep | None:
    return (
        ApprovalStep.objects.filter(order=order, round=order.approval_round, status=StepStatus.PENDING)
        .prefetch_related("decisions")
        .order_by("position")
        .first()
    )


@dataclass(frozen=True)
class Authority:
    on_behalf_of: int | None


def _authority(
    *, order: PurchaseOrder, step: ApprovalStep, actor: Actor, members: dict[int, list[str]]
) -> Authority:
    """Whether and for whom the actor may decide the step; raises OwnOrder / NotStepApprover / AlreadyDecided."""
    user = actor.user
    if user is None:
        raise NotStepApprover(detail="Approvals are made by members, not API keys.")
    own = _own(order)
    if user.pk in own:
        raise OwnOrder()
    authority: Authority | None = None
    if _named(step, user.pk, members):
        authority = Authority(on_behalf_of=None)
    elif user.pk in members:
        for delegator in _delegators_of(user.pk, timezone.localdate()):
            if delegator not in own and _named(step, delegator, members):
                authority = Authority(on_behalf_of=delegator)
                break
    if authority is None:
        raise NotStepApprover()
    principal = authority.on_behalf_of or user.pk
    round_decisions = ApprovalDecision.objects.filter(step__order=order, step__round=order.approval_round)
    if round_decisions.filter(step=step).filter(Q(user_id=user.pk) | Q(on_behalf_of_id=principal)).exists():
        raise AlreadyDecided()
    if round_decisions.filter(Q(user_id=principal) | Q(on_behalf_of_id=principal)).exists():
        raise AlreadyDecided(
            detail="You approved an earlier step of this order; another member decides this one."
        )
    return authority


@transaction.atomic
def po_approve(
    *,
    actor: Actor,
    order_id: int,
    note: str = "",
    step_id: int | None = None,
    request: HttpRequest | None = None,
) -> PurchaseOrder:
    """Record the actor's approval of the order's current step.

    Locks the order row, so two approvers acting at once are serialised. When the step is complete the
    next one becomes pending (its approvers are told); after the last one the order is APPROVED.
    ``step_id``, when given, must be the current step (the approver saw that one).

    Raises:
        PermissionMissing: actor lacks po.approve.
        NotFound: no such order.
        ApprovalNotPending: the order is not waiting for an approval, or not at ``step_id`` any more.
        OwnOrder: the actor requested or submitted the order.
        NotStepApprover: the actor may not decide the current step.
        AlreadyDecided: the actor decided this step, or approved an earlier one of this round.
    """
    _require_approver(actor)
    order = lock_order(order_id)
    step = _pending_step(order, step_id)
    members = active_members()
    authority = _authority(order=order, step=step, actor=actor, members=members)
    assert actor.user is not None
    ApprovalDecision.objects.create(
        step=step,
        user=actor.user,
        on_behalf_of_id=authority.on_behalf_of,
        decision=Decision.APPROVE,
        note=note,
    )
    event_record(
        order,
        "approval_step_approved",
        actor=actor,
        data={"step": step.position, "on_behalf_of": authority.on_behalf_of, "note": note},
    )
    now = timezone.now()
    if _step_satisfied(step, members):
        step.status = StepStatus.APPROVED
        step.decided_at = now
        step.save(update_fields=["status", "decided_at"])
        following = (
            ApprovalStep.objects.filter(order=order, round=order.approval_round, status=StepStatus.WAITING)
            .order_by("position")
            .first()
        )
        if following is not None:
            following.status = StepStatus.PENDING
            following.activated_at = now
            following.save(update_fields=["status", "activated_at"])
            _notify_step(order, following, members, kind="po.approval_requested")
        else:
            order.status = PoStatus.APPROVED
            order.approved_at = now
            order.approved_total = order.total
            order.save(update_fields=["status", "approved_at", "approved_total", "updated_at"])
            event_record(order, "approved", actor=actor, data={"rule": order.approval_rule_name})
    audit(
        actor=actor,
        action="purchase_order.approval",
        order=order,
        request=request,
        after={"step": step.position, "decision": "approve", "status": order.status},
    )
    return order


@transaction.atomic
def po_reject(
    *,
    actor: Actor,
    order_id: int,
    reason: str,
    step_id: int | None = None,
    request: HttpRequest | None = None,
) -> PurchaseOrder:
    """Reject the order's current step: the order returns to draft with the reason.

    Raises the same errors as :func:`po_approve`, and ValidationFailed without a reason.
    """
    _require_approver(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Say why the order is rejected."]})
    order = lock_order(order_id)
    step = _pending_step(order, step_id)
    members = active_members()
    authority = _authority(order=order, step=step, actor=actor, members=members)
    assert actor.user is not None
    now = timezone.now()
    ApprovalDecision.objects.create(
        step=step,
        user=actor.user,
        on_behalf_of_id=authority.on_behalf_of,
        decision=Decision.REJECT,
        note=reason,
    )
    step.status = StepStatus.REJECTED
    step.decided_at = now
    step.save(update_fields=["status", "decided_at"])
    ApprovalStep.objects.filter(order=order, round=order.approval_round, status=StepStatus.WAITING).update(
        status=StepStatus.CANCELLED
    )
    order.status = PoStatus.DRAFT
    order.rejection_reason = reason
    order.save(update_fields=["status", "rejection_reason", "updated_at"])
    event_record(
        order,
        "approval_rejected",
        actor=actor,
        data={"step": step.position, "reason": reason, "on_behalf_of": authority.on_behalf_of},
    )
    audit(
        actor=actor,
        action="purchase_order.approval",
        order=order,
        request=request,
        after={"step": step.position, "decision": "reject", "reason": reason},
    )
    return order


def _require_approver(actor: Actor) -> None:
    """po.approve, or standing in for someone through a delegation valid today (any member may be a
    delegate: the authority is the delegator's)."""
    if APPROVE in actor.permissions:
        return
    if actor.user is not None and _delegators_of(actor.user.pk, timezone.localdate()):
        return
    actor.require(APPROVE)


def _pending_step(order: PurchaseOrder, step_id: int | None) -> ApprovalStep:
    if order.status != PoStatus.PENDING_APPROVAL:
        raise ApprovalNotPending(status_now=order.status)
    step = current_step(order)
    if step is None:
        raise ApprovalNotPending(status_now=order.status)
    if step_id is not None and step.pk != step_id:
        raise ApprovalNotPending(detail="The step you answered was already decided.", status_now=order.status)
    return step


def approval_cancel(order: PurchaseOrder) -> None:
    """The order leaves approval (cancelled): its open steps are cancelled."""
    ApprovalStep.objects.filter(
        order=order, round=order.approval_round, status__in=[StepStatus.PENDING, StepStatus.WAITING]
    ).update(status=StepStatus.CANCELLED)


# Notifications -------------------------------------------------------------------------------------


def _notify_step(
    order: PurchaseOrder, step: ApprovalStep, members: dict[int, list[str]], *, kind: str, serial: int = 0
) -> int:
    """In-app notifications (``/api/notifications/``) to whoever may decide the step now."""
    from notifications.selectors import Recipient
    from notifications.services import notification_send

    users = step_approvers(step, order, members)
    decided = set(step.decisions.values_list("user_id", flat=True)) if step.pk else set()
    company = this_company()
    payload: dict[str, Any] = {
        "po_id": order.pk,
        "po_number": order.number,
        "supplier": order.supplier_name,
        "total": str(order.total),
        "currency": order.currency,
        "step": step.position,
    }
    key = f"{kind}:{order.pk}:{order.approval_round}:{step.position}:{serial}"
    notification_send(
        recipients=[Recipient(company.pk, uid) for uid in sorted(users - decided)],
        kind=kind,
        key=key,
        payload=payload,
        subject_type="purchase_order",
        subject_id=order.pk,
    )
    return len(users - decided)


def approval_reminders_send(*, now: datetime | None = None) -> int:
    """Remind the approvers of every step waiting longer than its rule's threshold (in this schema).

    A step is reminded again each time another threshold passes without a decision. Returns how many
    members were reminded.
    """
    now = now or timezone.now()
    told = 0
    steps = (
        ApprovalStep.objects.filter(status=StepStatus.PENDING, order__status=PoStatus.PENDING_APPROVAL)
        .select_related("order")
        .order_by("activated_at")
    )
    members: dict[int, list[str]] | None = None
    for step in steps:
        threshold = timedelta(hours=step.reminder_after_hours)
        last = step.reminded_at or step.activated_at
        if last is None or last > now - threshold:
            continue
        with transaction.atomic():
            locked = (
                ApprovalStep.objects.select_for_update().filter(pk=step.pk, status=StepStatus.PENDING).first()
            )
            if locked is None or (locked.reminded_at or locked.activated_at or now) > now - threshold:
                continue
            members = members if members is not None else active_members()
            locked.reminders_sent += 1
            told += _notify_step(
                step.order, locked, members, kind="po.approval_reminder", serial=locked.reminders_sent
            )
            locked.reminded_at = now
            locked.save(update_fields=["reminded_at", "reminders_sent"])
    return told


# Inbox ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxEntry:
    order: PurchaseOrder
    step: ApprovalStep
    on_behalf_of: int | None
    waiting_since: datetime | None


def approval_inbox(*, actor: Actor) -> list[InboxEntry]:
    """Orders waiting for a decision the actor may make now (directly or for a delegator), oldest first."""
    if actor.user is None or (
        APPROVE not in actor.permissions and not _delegators_of(actor.user.pk, timezone.localdate())
    ):
        return []
    members = active_members()
    me = actor.user.pk
    if me not in members:
        return []
    delegators = [d for d in _delegators_of(me, timezone.localdate()) if d in members]
    principals = [me, *delegators]
    roles = sorted({role for p in principals for role in members[p]})
    steps = (
        ApprovalStep.objects.filter(status=StepStatus.PENDING, order__status=PoStatus.PENDING_APPROVAL)
        .filter(Q(user_ids__overlap=principals) | Q(roles__overlap=roles))
        .select_related("order", "order__supplier_company")
        .prefetch_related("decisions")
        .order_by("activated_at", "id")
    )
    entries = []
    for step in steps:
        order = step.order
        if step.round != order.approval_round:
            continue
        try:
            authority = _authority(order=order, step=step, actor=actor, members=members)
        except (OwnOrder, NotStepApprover, AlreadyDecided):
            continue
        entries.append(InboxEntry(order, step, authority.on_behalf_of, step.activated_at))
    return entries
