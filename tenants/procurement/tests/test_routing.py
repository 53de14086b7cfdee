"""Approval routing the requester cannot steer: the company's rate table (a typed rate is checked against
it within the company's tolerance), categories that exist, and whether an order no rule matches is
approved at once (a company setting, off by default)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kernel.errors import ValidationFailed
from marketplace.rfq.tests import factories as rfq_f
from tenants.procurement import services
from tenants.procurement.exceptions import ExchangeRateMissing, OwnOrder
from tenants.procurement.models import ApprovalStep, PurchaseOrder
from tenants.procurement.services import StepInput
from tenants.procurement.tests import factories as f

pytestmark = pytest.mark.django_db


def big_orders_need_the_owner(buyer) -> None:
    """From 1,000 CNY the owner approves; below that no rule matches (approved at once here)."""
    f.auto_approve_unmatched()
    services.approval_rule_create(
        actor=buyer.actor,
        name="From 1,000 CNY",
        priority=1,
        min_amount=Decimal(1000),
        steps=[StepInput(roles=("owner",))],
    )


def test_a_typed_rate_cannot_steer_the_routing(buyer):
    requester = buyer.member("buyer")
    with buyer.ctx():
        big_orders_need_the_owner(buyer)
        services.exchange_rate_set(
            actor=buyer.actor,
            currency="USD",
            rate=Decimal("7.1"),
            valid_on=timezone.localdate() - timedelta(days=1),
        )
        # 10 x 12.50 USD + 13 % tax = 141.25 USD = 1,002.88 CNY: the owner must approve. Typed at 0.01 it
        # would be 1.41 CNY and pass unseen.
        steered = f.draft(requester.actor, currency="USD", exchange_rate=Decimal("0.01"), count=1)
        with pytest.raises(ValidationFailed) as caught:
            services.po_submit(actor=requester.actor, order_id=steered.pk)
        assert list(caught.value.errors) == ["exchange_rate"]
        assert PurchaseOrder.objects.get(pk=steered.pk).status == "draft"

        # Within the tolerance (2 % by default) the company's rate routes the order.
        honest = f.draft(requester.actor, currency="USD", exchange_rate=Decimal("7.0"), count=1)
        services.po_submit(actor=requester.actor, order_id=honest.pk)
        honest.refresh_from_db()
        assert (honest.status, honest.approval_exchange_rate) == ("pending_approval", Decimal("7.1"))
        assert honest.approval_rule_name == "From 1,000 CNY"

        # No rate typed at all: the draft takes the table's.
        untyped = f.draft(requester.actor, currency="USD", count=1)
        assert untyped.exchange_rate == Decimal("7.1")


def test_no_rate_in_the_table_is_refused_and_an_award_draft_at_rate_1_too(buyer):
    requester = buyer.member("buyer")
    with buyer.ctx():
        big_orders_need_the_owner(buyer)
        award_like = f.draft(requester.actor, currency="EUR", exchange_rate=Decimal(1), count=1)
        with pytest.raises(ExchangeRateMissing) as caught:
            services.po_submit(actor=requester.actor, order_id=award_like.pk)
        assert (caught.value.code, caught.value.status) == ("exchange_rate_missing", 409)
        services.exchange_rate_set(actor=buyer.actor, currency="EUR", rate=Decimal("7.8"))
        with pytest.raises(ValidationFailed):  # rate 1 is far from 7.8
            services.po_submit(actor=requester.actor, order_id=award_like.pk)
        # The company may widen the tolerance (here: anything goes), but routing still uses 7.8.
        services.procurement_settings_update(actor=buyer.actor, rate_tolerance_percent=Decimal(100))
        services.po_submit(actor=requester.actor, order_id=award_like.pk)
        award_like.refresh_from_db()
        assert (award_like.status, award_like.approval_exchange_rate) == ("pending_approval", Decimal("7.8"))


def test_rates_are_managed_by_owner_and_finance_only(buyer):
    from identity.exceptions import PermissionMissing

    with buyer.ctx():
        with pytest.raises(PermissionMissing):
            services.exchange_rate_set(actor=buyer.member("buyer").actor, currency="USD", rate=Decimal(7))
        services.exchange_rate_set(actor=buyer.member("finance").actor, currency="USD", rate=Decimal(7))
        with pytest.raises(ValidationFailed) as caught:
            services.exchange_rate_set(actor=buyer.actor, currency="CNY", rate=Decimal(0))
        assert set(caught.value.errors) == {"currency", "rate"}


def test_the_category_must_exist(buyer):
    known = rfq_f.category("Bearings")
    with buyer.ctx():
        with pytest.raises(ValidationFailed) as caught:
            f.draft(buyer.actor, category_code="made-up")
        assert list(caught.value.errors) == ["category_code"]
        assert not PurchaseOrder.objects.exists()
        order = f.draft(buyer.actor, category_code=known.code)
        with pytest.raises(ValidationFailed):
            services.po_update(actor=buyer.actor, order_id=order.pk, category_code="made-up")
        with pytest.raises(ValidationFailed) as rule:
            services.approval_rule_create(
                actor=buyer.actor,
                name="Typo",
                priority=3,
                category_code="made-up",
                steps=[StepInput(roles=("owner",))],
            )
        assert list(rule.value.errors) == ["category_code"]


def test_an_order_no_rule_matches_needs_one_approval_unless_the_company_says_otherwise(buyer):
    approver = buyer.member("approver")
    with buyer.ctx():
        # The owner requests: they hold po.approve but never approve their own order.
        order = f.draft(buyer.actor)
        services.po_submit(actor=buyer.actor, order_id=order.pk)
        order.refresh_from_db()
        assert order.status == "pending_approval"
        (step,) = ApprovalStep.objects.filter(order=order)
        assert (step.mode, set(step.roles)) == ("any", {"owner", "approver"})
        with pytest.raises(OwnOrder):
            services.po_approve(actor=buyer.actor, order_id=order.pk)
        services.po_approve(actor=approver.actor, order_id=order.pk)
        assert PurchaseOrder.objects.get(pk=order.pk).status == "approved"

        services.procurement_settings_update(actor=buyer.actor, auto_approve_unmatched=True)
        quick = f.draft(buyer.actor)
        services.po_submit(actor=buyer.actor, order_id=quick.pk)
        assert PurchaseOrder.objects.get(pk=quick.pk).status == "approved"
