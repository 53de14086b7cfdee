"""Approval workflows: rule matching, serial steps (ANY/ALL), own orders, delegation, inbox, reminders."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kernel.errors import ValidationFailed
from notifications.models import Notification
from tenants.procurement import services
from tenants.procurement.exceptions import (
    AlreadyDecided,
    ApprovalNotPending,
    NoEligibleApprover,
    NotStepApprover,
    OwnOrder,
)
from tenants.procurement.models import ApprovalDecision, ApprovalStep, OrderEvent
from tenants.procurement.services import StepInput
from tenants.procurement.services.approvals import approval_inbox, rule_matching
from tenants.procurement.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_first_matching_rule_by_priority_decides(buyer):
    owner = buyer.actor
    with buyer.ctx():
        dept = services.department_create(actor=owner, code="MAINT", name="Maintenance")
        requester = buyer.member("buyer")
        services.member_department_set(actor=owner, user_id=requester.user.pk, department_id=dept.pk)
        big = services.approval_rule_create(
            actor=owner,
            name="Big",
            priority=1,
            min_amount=Decimal("10000"),
            steps=[StepInput(roles=("owner",))],
        )
        for code in ("10", "10.01", "10.01.04", "10.011"):  # routing only accepts real categories
            f.category(code)
        bearings = services.approval_rule_create(
            actor=owner,
            name="Bearings",
            priority=2,
            category_code="10.01",
            steps=[StepInput(roles=("approver",))],
        )
        maint = services.approval_rule_create(
            actor=owner,
            name="Maintenance",
            priority=3,
            department_id=dept.pk,
            steps=[StepInput(roles=("owner",))],
        )
        small = f.draft(requester.actor, price="1.00")  # 2 x 10 x 1.00 + 13 % = 22.60
        assert rule_matching(small) == maint  # department of the requester
        in_cat = f.draft(requester.actor, price="1.00", category_code="10.01.04")
        assert rule_matching(in_cat) == bearings  # sub-category of 10.01
        other_cat = f.draft(requester.actor, price="1.00", category_code="10.011")
        assert rule_matching(other_cat) == maint  # not a sub-category
        large = f.draft(requester.actor, price="500.00", category_code="10.01")  # 11,300
        assert rule_matching(large) == big
        by_owner = f.draft(owner, price="1.00")  # the owner is in no department
        assert rule_matching(by_owner) is None
        # Amounts compare in the company's currency.
        usd = f.draft(owner, price="1000.00", currency="USD", exchange_rate=Decimal("7"))  # 22,600 USD
        assert rule_matching(usd) == big


def test_two_levels_serially_by_their_approvers_only(buyer):
    owner = buyer.actor
    with buyer.ctx():
        f.two_level_rule(owner)
        requester = buyer.member("buyer")
        approver = buyer.member("approver")
        other_approver = buyer.member("approver", name="second")
        order = f.draft(requester.actor)
        services.po_submit(actor=requester.actor, order_id=order.pk)
        order.refresh_from_db()
        assert order.status == "pending_approval" and order.approval_rule_name == "Two levels"

        # The owner is level 2: out of turn at level 1.
        with pytest.raises(NotStepApprover):
            services.po_approve(actor=owner, order_id=order.pk)
        # A buyer may not approve (no po.approve) - the service checks too.
        from identity.exceptions import PermissionMissing

        with pytest.raises(PermissionMissing):
            services.po_approve(actor=requester.actor, order_id=order.pk)
        services.po_approve(actor=approver.actor, order_id=order.pk, note="ok")
        with pytest.raises(NotStepApprover):  # level 2 is the owner's
            services.po_approve(actor=other_approver.actor, order_id=order.pk)
        services.po_approve(actor=owner, order_id=order.pk)
        order.refresh_from_db()
        assert order.status == "approved" and order.approved_total == order.total
        with pytest.raises(ApprovalNotPending):
            services.po_approve(actor=owner, order_id=order.pk)
        kinds = list(OrderEvent.objects.filter(order=order).values_list("kind", flat=True))
        assert kinds == [
            "created",
            "submitted",
            "approval_step_approved",
            "approval_step_approved",
            "approved",
        ]
        # The level-2 approvers were told when their turn came.
        told = Notification.objects.filter(kind="po.approval_requested", payload__po_id=order.pk)
        assert set(told.values_list("user_id", "payload__step")) == {
            (approver.user.pk, 1),
            (other_approver.user.pk, 1),
            (buyer.owner.pk, 2),
        }


def test_nobody_approves_their_own_order_nor_two_levels(buyer):
    from identity.roles import permissions_for

    owner = buyer.actor
    with buyer.ctx():
        f.two_level_rule(
            owner,
            level_1=StepInput(roles=("approver", "owner")),
            level_2=StepInput(roles=("approver", "owner")),
        )
        approver = buyer.member("approver")
        buyer.member("approver", name="colleague")
        # An approver who also buys: requests and submits their own order.
        as_requester = approver.actor.__class__(
            company=buyer.company,
            permissions=permissions_for(["approver", "buyer"]),
            user=approver.user,
            membership=approver.actor.membership,
        )
        mine = f.draft(as_requester)
        services.po_submit(actor=as_requester, order_id=mine.pk)
        with pytest.raises(OwnOrder) as caught:
            services.po_approve(actor=approver.actor, order_id=mine.pk)
        assert caught.value.status == 403 and caught.value.code == "own_order"

        # Whoever submits someone else's order may not approve it either.
        requester = buyer.member("buyer")
        submitted_by_owner = f.draft(requester.actor)
        services.po_submit(actor=owner, order_id=submitted_by_owner.pk)
        with pytest.raises(OwnOrder):
            services.po_approve(actor=owner, order_id=submitted_by_owner.pk)

        order = f.draft(requester.actor)
        services.po_submit(actor=requester.actor, order_id=order.pk)
        services.po_approve(actor=owner, order_id=order.pk)  # level 1 (owner is one of its roles)
        with pytest.raises(AlreadyDecided):  # level 2 needs someone else
            services.po_approve(actor=owner, order_id=order.pk)
        assert ApprovalDecision.objects.filter(step__order=order).count() == 1


def test_all_mode_needs_every_member_and_role(buyer):
    owner = buyer.actor
    with buyer.ctx():
        a1 = buyer.member("approver", name="a1")
        a2 = buyer.member("approver", name="a2")
        services.approval_rule_create(
            actor=owner,
            name="Board",
            priority=1,
            steps=[StepInput(mode="all", user_ids=(a1.user.pk,), roles=("owner",))],
        )
        requester = buyer.member("buyer")
        order = f.draft(requester.actor)
        services.po_submit(actor=requester.actor, order_id=order.pk)
        services.po_approve(actor=a1.actor, order_id=order.pk)
        order.refresh_from_db()
        assert order.status == "pending_approval"
        with pytest.raises(NotStepApprover):  # not named, holds no named role
            services.po_approve(actor=a2.actor, order_id=order.pk)
        services.po_approve(actor=owner, order_id=order.pk)
        order.refresh_from_db()
        assert order.status == "approved"


def test_a_step_nobody_may_approve_is_refused_on_submit(buyer):
    with buyer.ctx():
        approver = buyer.member("approver")
        services.approval_rule_create(
            actor=buyer.actor, name="Only one", priority=1, steps=[StepInput(user_ids=(approver.user.pk,))]
        )
        from identity.roles import permissions_for

        # The only approver requests the order themself.
        requester = approver.actor.__class__(
            company=buyer.company,
            permissions=permissions_for(["approver", "buyer"]),
            user=approver.user,
            membership=approver.actor.membership,
        )
        order = f.draft(requester)
        with pytest.raises(NoEligibleApprover):
            services.po_submit(actor=requester, order_id=order.pk)
        order.refresh_from_db()
        assert order.status == "draft" and not ApprovalStep.objects.filter(order=order).exists()


def test_rejection_returns_to_draft_and_a_resubmission_starts_a_new_round(buyer):
    with buyer.ctx():
        f.two_level_rule(buyer.actor)
        requester = buyer.member("buyer")
        approver = buyer.member("approver")
        order = f.draft(requester.actor)
        services.po_submit(actor=requester.actor, order_id=order.pk)
        with pytest.raises(ValidationFailed):
            services.po_reject(actor=approver.actor, order_id=order.pk, reason="")
        services.po_reject(actor=approver.actor, order_id=order.pk, reason="Too expensive")
        order.refresh_from_db()
        assert (order.status, order.rejection_reason) == ("draft", "Too expensive")
        assert list(ApprovalStep.objects.filter(order=order).values_list("status", flat=True)) == [
            "rejected",
            "cancelled",
        ]
        services.po_update(actor=requester.actor, order_id=order.pk, lines=f.lines(1))
        services.po_submit(actor=requester.actor, order_id=order.pk)
        order.refresh_from_db()
        assert order.approval_round == 2 and order.rejection_reason == ""
        services.po_approve(actor=approver.actor, order_id=order.pk)  # a new round: may decide again
        assert ApprovalStep.objects.filter(order=order, round=2, status="approved").count() == 1


def test_a_delegate_approves_for_a_member_away(buyer):
    with buyer.ctx():
        boss = buyer.member("approver", name="boss")
        deputy = buyer.member("approver", name="deputy")
        services.approval_rule_create(
            actor=buyer.actor, name="Boss", priority=1, steps=[StepInput(user_ids=(boss.user.pk,))]
        )
        requester = buyer.member("buyer")
        order = f.draft(requester.actor)
        services.po_submit(actor=requester.actor, order_id=order.pk)
        with pytest.raises(NotStepApprover):
            services.po_approve(actor=deputy.actor, order_id=order.pk)
        assert approval_inbox(actor=deputy.actor) == []
        today = timezone.localdate()
        # A member cannot delegate someone else's approvals without approval.rules.
        from identity.exceptions import PermissionMissing

        with pytest.raises(PermissionMissing):
            services.delegation_create(
                actor=deputy.actor,
                delegator_id=boss.user.pk,
                delegate_id=deputy.user.pk,
                starts_on=today,
                ends_on=today,
            )
        with pytest.raises(ValidationFailed):  # not to oneself
            services.delegation_create(
                actor=boss.actor, delegate_id=boss.user.pk, starts_on=today, ends_on=today
            )
        later = services.delegation_create(
            actor=boss.actor,
            delegate_id=deputy.user.pk,
            starts_on=today + timedelta(days=3),
            ends_on=today + timedelta(days=9),
        )
        with pytest.raises(NotStepApprover):  # not yet valid
            services.po_approve(actor=deputy.actor, order_id=order.pk)
        services.delegation_revoke(actor=boss.actor, delegation_id=later.pk)
        services.delegation_create(
            actor=boss.actor, delegate_id=deputy.user.pk, starts_on=today, ends_on=today
        )
        (entry,) = approval_inbox(actor=deputy.actor)
        assert entry.order.pk == order.pk and entry.on_behalf_of == boss.user.pk
        services.po_approve(actor=deputy.actor, order_id=order.pk)
        order.refresh_from_db()
        assert order.status == "approved"
        decision = ApprovalDecision.objects.get(step__order=order)
        assert (decision.user_id, decision.on_behalf_of_id) == (deputy.user.pk, boss.user.pk)


def test_the_inbox_shows_what_the_member_may_decide_now(buyer):
    with buyer.ctx():
        f.two_level_rule(buyer.actor)
        requester = buyer.member("buyer")
        approver = buyer.member("approver")
        first = f.draft(requester.actor, name="First Supplier")
        second = f.draft(requester.actor, name="Second Supplier")
        for order in (first, second):
            services.po_submit(actor=requester.actor, order_id=order.pk)
        assert [e.order.pk for e in approval_inbox(actor=approver.actor)] == [first.pk, second.pk]
        assert approval_inbox(actor=buyer.actor) == []  # the owner's turn is level 2
        services.po_approve(actor=approver.actor, order_id=first.pk)
        assert [e.order.pk for e in approval_inbox(actor=approver.actor)] == [second.pk]
        assert [(e.order.pk, e.step.position) for e in approval_inbox(actor=buyer.actor)] == [(first.pk, 2)]
        assert approval_inbox(actor=requester.actor) == []


def test_reminders_when_a_step_waits_too_long(buyer):
    with buyer.ctx():
        f.two_level_rule(buyer.actor, reminder_after_hours=4)
        requester = buyer.member("buyer")
        approver = buyer.member("approver")
        order = f.draft(requester.actor)
        services.po_submit(actor=requester.actor, order_id=order.pk)
        now = timezone.now()
        assert services.approval_reminders_send(now=now + timedelta(hours=3)) == 0
        assert services.approval_reminders_send(now=now + timedelta(hours=5)) == 1
        assert services.approval_reminders_send(now=now + timedelta(hours=6)) == 0  # reminded 1 h ago
        assert services.approval_reminders_send(now=now + timedelta(hours=10)) == 1
        reminders = Notification.objects.filter(kind="po.approval_reminder", user=approver.user)
        assert reminders.count() == 2 and reminders.first().payload["po_number"] == order.number
        services.po_approve(actor=approver.actor, order_id=order.pk)
        # Step 2 started waiting now: its own clock.
        assert services.approval_reminders_send(now=now + timedelta(hours=3)) == 0
        assert services.approval_reminders_send(now=now + timedelta(hours=5)) == 1
        assert Notification.objects.filter(kind="po.approval_reminder", user=buyer.owner).count() == 1


def test_rule_checks(buyer):
    owner = buyer.actor
    with buyer.ctx():
        viewer = buyer.member("viewer")
        bad = [
            ({"steps": []}, "steps"),
            ({"steps": [StepInput()]}, "steps.0"),
            ({"steps": [StepInput(roles=("buyer",))]}, "steps.0.roles"),
            ({"steps": [StepInput(user_ids=(viewer.user.pk,))]}, "steps.0.user_ids"),
            ({"steps": [StepInput(mode="most", roles=("owner",))]}, "steps.0.mode"),
            ({"min_amount": Decimal(10), "max_amount": Decimal(5)}, "max_amount"),
            ({"min_amount": Decimal("1.001")}, "min_amount"),
            ({"department_id": 999999}, "department_id"),
        ]
        for values, field in bad:
            values.setdefault("steps", [StepInput(roles=("owner",))])
            with pytest.raises(ValidationFailed) as caught:
                services.approval_rule_create(actor=owner, name="R", priority=1, **values)
            assert field in caught.value.errors, values
        services.approval_rule_create(actor=owner, name="R", priority=1, steps=[StepInput(roles=("owner",))])
        with pytest.raises(ValidationFailed) as caught:
            services.approval_rule_create(
                actor=owner, name="S", priority=1, steps=[StepInput(roles=("owner",))]
            )
        assert "priority" in caught.value.errors


def test_any_member_may_stand_in_but_never_for_their_own_order(buyer):
    with buyer.ctx():
        boss = buyer.member("approver", name="boss")
        assistant = buyer.member("viewer", name="assistant")
        services.approval_rule_create(
            actor=buyer.actor, name="Boss", priority=1, steps=[StepInput(user_ids=(boss.user.pk,))]
        )
        requester = buyer.member("buyer")
        order = f.draft(requester.actor)
        services.po_submit(actor=requester.actor, order_id=order.pk)
        from identity.exceptions import PermissionMissing

        with pytest.raises(PermissionMissing):  # a viewer, standing in for nobody
            services.po_approve(actor=assistant.actor, order_id=order.pk)
        today = timezone.localdate()
        services.delegation_create(
            actor=boss.actor, delegate_id=assistant.user.pk, starts_on=today, ends_on=today
        )
        services.delegation_create(
            actor=boss.actor, delegate_id=requester.user.pk, starts_on=today, ends_on=today
        )
        with pytest.raises(OwnOrder):  # the requester stands in too, but not for their own order
            services.po_approve(actor=requester.actor, order_id=order.pk)
        services.po_approve(actor=assistant.actor, order_id=order.pk)
        order.refresh_from_db()
        assert order.status == "approved"
