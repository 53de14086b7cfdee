"""Replenishment end to end through the services: run at the supplier, ingestion and the acceptance rule at
the buyer, the purchase order sent through the exchange and the sales order at the supplier, linked."""

from __future__ import annotations

from decimal import Decimal

import pytest

from identity.models import AuditEntry
from marketplace.exchange.models import TradeDocument
from marketplace.exchange.services import deliver_pending
from notifications.models import Notification
from tenants.procurement.models import ApprovalDecision, OrderEvent, PurchaseOrder
from tenants.supplychain.replenishment import selectors, services
from tenants.supplychain.replenishment.exceptions import ProposalAlreadyDecided
from tenants.supplychain.replenishment.models import Proposal, ReceivedProposal
from tenants.supplychain.replenishment.services import Figures, proposal_quantity
from tenants.supplychain.replenishment.tests import factories as f

pytestmark = pytest.mark.django_db


def _policy(**values):
    from marketplace.sharing.models import ReplenishmentPolicy

    return ReplenishmentPolicy(**values)


@pytest.mark.parametrize(
    ("available", "expected"),
    [("20", "80"), ("0", "100"), ("-5", "105"), ("20.0001", None), ("19.5", "81")],
)
def test_min_max_proposes_up_to_max_when_available_is_at_or_below_min(available, expected):
    policy = _policy(method="min_max", min_quantity=Decimal(20), max_quantity=Decimal(100))
    quantity, _ = proposal_quantity(policy, Figures(Decimal(available), None, None))
    assert quantity == (None if expected is None else Decimal(expected))


@pytest.mark.parametrize(
    ("available", "consumption", "expected", "why"),
    [
        ("50", "10", "90.0000", ""),  # 5 days of cover <= 5: up to 14 days = 140
        ("51", "10", None, "above_trigger"),
        ("10", "3.3333", "37", ""),  # 3.3333 x 14 - 10 = 36.6662, rounded up to a whole unit
        ("10", None, None, "no_consumption"),
        ("10", "0", None, "no_consumption"),
    ],
)
def test_days_of_cover_tops_up_to_target_days_of_consumption(available, consumption, expected, why):
    policy = _policy(method="days_of_cover", target_days=14, minimum_days=5)
    figures = Figures(Decimal(available), None if consumption is None else Decimal(consumption), None)
    quantity, reason = proposal_quantity(policy, figures)
    assert (quantity, reason) == ((None if expected is None else Decimal(expected)), why)


def _run(supplier):
    with supplier.ctx():
        return services.replenishment_run(actor=supplier.actor)


def test_a_proposal_waits_for_approval_without_a_rule_and_accepting_it_gives_linked_orders(
    buyer, supplier, grant, item
):
    f.stock_publish(grant=grant, item_id=item.pk, available="12", warehouse_id=1)
    f.stock_publish(grant=grant, item_id=item.pk, available="3", warehouse_id=2)
    policy = f.policy_agreed(grant, item.pk)
    result = _run(supplier)
    assert [(p.quantity, p.total, p.available) for p in result.created] == [
        (Decimal(85), Decimal("382.5"), Decimal(15))
    ]
    proposal = result.created[0]
    document = TradeDocument.objects.get(pk=proposal.document_id)
    assert (document.kind, document.receiver_id, document.payload["item_id"]) == (
        "replenishment_proposal",
        buyer.company.pk,
        item.pk,
    )

    assert deliver_pending() == {"ingested": 1}
    with buyer.ctx():
        received = ReceivedProposal.objects.get()
        assert (received.status, received.review_reason, received.quantity) == (
            "pending",
            "no_rule",
            Decimal(85),
        )
        assert not PurchaseOrder.objects.exists()
    assert Notification.objects.filter(company=buyer.company, kind="replenishment.proposal_pending").exists()

    with buyer.ctx():
        services.proposal_accept(actor=buyer.actor, proposal_id=received.pk)
        received.refresh_from_db()
        order = received.purchase_order
        assert (order.status, order.supplier_company_id, order.total) == (
            "sent",
            supplier.company.pk,
            Decimal("382.50"),
        )
        line = order.lines.get()
        assert (line.item_id, line.quantity, line.unit_price) == (item.pk, Decimal(85), Decimal("4.5"))
        decision = ApprovalDecision.objects.get(step__order=order)
        assert (decision.user_id, decision.decision) == (buyer.owner.pk, "approve")
        assert OrderEvent.objects.filter(
            order=order, kind="approved", data__replenishment_proposal=received.number
        ).exists()
    assert deliver_pending() == {"ingested": 2}  # the purchase order, then the response

    with supplier.ctx():
        sent = selectors.proposal_get(proposal.pk)
        assert (sent.status, sent.po_number, sent.accepted_automatically) == ("accepted", order.number, False)
        assert sent.po_document_id == order.exchange_document_id
        assert (
            sent.sales_order_number
        )  # the sales order made from that purchase order, linked by its document
        from tenants.sales.models import SalesOrder

        so = SalesOrder.objects.get(pk=sent.sales_order_id)
        assert (so.po_number, so.source_document_id) == (order.number, order.exchange_document_id)
    assert policy.pk == sent.policy_id
    assert (
        AuditEntry.objects.filter(company=buyer.company, action="replenishment_proposal.accepted").count()
        == 1
    )


def test_a_rule_accepts_within_its_limits_at_once(buyer, supplier, grant, item):
    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    f.policy_agreed(grant, item.pk)
    with buyer.ctx():
        services.rule_create(
            actor=buyer.actor,
            supplier_company_id=supplier.company.pk,
            item_id=None,
            max_quantity=Decimal(100),
            max_amount=Decimal(500),
            currency="CNY",
        )
    _run(supplier)
    assert deliver_pending() == {"ingested": 1}
    with buyer.ctx():
        received = ReceivedProposal.objects.get()
        assert (received.status, received.accepted_automatically) == ("accepted", True)
        decision = ApprovalDecision.objects.get(step__order=received.purchase_order)
        assert decision.user_id == buyer.owner.pk and "automatically" in decision.note
        # Accepting after the rule did: refused, still one order.
        with pytest.raises(ProposalAlreadyDecided):
            services.proposal_accept(actor=buyer.actor, proposal_id=received.pk)
        assert PurchaseOrder.objects.count() == 1
    assert deliver_pending() == {"ingested": 2}
    with supplier.ctx():
        sent = selectors.proposals().get()
        assert (sent.status, sent.accepted_automatically, sent.sales_order_id is not None) == (
            "accepted",
            True,
            True,
        )


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        ({"max_quantity": Decimal(89), "max_amount": None}, "over_quantity"),
        ({"max_quantity": None, "max_amount": Decimal("404.99")}, "over_amount"),
        ({"max_quantity": None, "max_amount": Decimal(10000), "currency": "USD"}, "other_currency"),
    ],
)
def test_beyond_a_limit_the_proposal_waits_for_a_person(buyer, supplier, grant, item, limits, reason):
    f.stock_publish(grant=grant, item_id=item.pk, available="10")  # 90 x 4.50 = 405.00
    f.policy_agreed(grant, item.pk)
    with buyer.ctx():
        services.rule_create(
            actor=buyer.actor, supplier_company_id=None, item_id=None, **{"currency": "CNY", **limits}
        )
    _run(supplier)
    deliver_pending()
    with buyer.ctx():
        received = ReceivedProposal.objects.get()
        assert (received.status, received.review_reason) == ("pending", reason)
        assert not PurchaseOrder.objects.exists()


def test_the_most_specific_rule_decides(buyer, supplier, grant, item):
    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    f.policy_agreed(grant, item.pk)
    with buyer.ctx():
        services.rule_create(
            actor=buyer.actor,
            supplier_company_id=None,
            item_id=None,
            max_quantity=Decimal(1000),
            max_amount=None,
            currency="CNY",
        )
        services.rule_create(
            actor=buyer.actor,
            supplier_company_id=supplier.company.pk,
            item_id=item.pk,
            max_quantity=Decimal(50),
            max_amount=None,
            currency="CNY",
        )
    _run(supplier)
    deliver_pending()
    with buyer.ctx():
        assert ReceivedProposal.objects.get().review_reason == "over_quantity"


def test_a_rule_whose_author_can_no_longer_approve_accepts_nothing(buyer, supplier, grant, item):
    from identity.models import Membership

    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    f.policy_agreed(grant, item.pk)
    with buyer.ctx():
        services.rule_create(
            actor=buyer.actor,
            supplier_company_id=None,
            item_id=None,
            max_quantity=Decimal(1000),
            max_amount=None,
            currency="CNY",
        )
    Membership.objects.filter(company=buyer.company, user=buyer.owner).update(roles=["viewer"])
    _run(supplier)
    deliver_pending()
    with buyer.ctx():
        assert ReceivedProposal.objects.get().review_reason == "rule_author_cannot_approve"


def test_a_policy_changed_after_the_proposal_is_not_accepted_automatically(buyer, supplier, grant, item):
    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    policy = f.policy_agreed(grant, item.pk)
    with buyer.ctx():
        services.rule_create(
            actor=buyer.actor,
            supplier_company_id=None,
            item_id=None,
            max_quantity=Decimal(1000),
            max_amount=None,
            currency="CNY",
        )
    _run(supplier)
    policy.version += 1
    policy.save()
    deliver_pending()
    with buyer.ctx():
        assert ReceivedProposal.objects.get().review_reason == "policy_not_agreed"


def test_decline_needs_a_reason_and_tells_the_supplier(buyer, supplier, grant, item):
    from kernel.errors import ValidationFailed

    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    f.policy_agreed(grant, item.pk)
    _run(supplier)
    deliver_pending()
    with buyer.ctx():
        received = ReceivedProposal.objects.get()
        with pytest.raises(ValidationFailed):
            services.proposal_decline(actor=buyer.actor, proposal_id=received.pk, reason="  ")
        received.refresh_from_db()
        assert received.status == "pending"
        services.proposal_decline(actor=buyer.actor, proposal_id=received.pk, reason="Promotion ended")
        with pytest.raises(ProposalAlreadyDecided):
            services.proposal_accept(actor=buyer.actor, proposal_id=received.pk)
    deliver_pending()
    with supplier.ctx():
        sent = Proposal.objects.get()
        assert (sent.status, sent.decline_reason, sent.po_number) == ("declined", "Promotion ended", "")


def test_run_skips_open_proposals_unagreed_policies_and_revoked_grants(buyer, supplier, grant, item):
    from django.utils import timezone

    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    policy = f.policy_agreed(grant, item.pk)
    assert len(_run(supplier).created) == 1
    again = _run(supplier)
    assert (again.created, [s.reason for s in again.skipped]) == ([], ["open_proposal"])
    with supplier.ctx():
        Proposal.objects.update(status="declined")
    policy.agreed_by_owner_at = None
    policy.save()
    assert _run(supplier).created == []
    policy.agreed_by_owner_at = timezone.now()
    policy.save()
    grant.status = "revoked"
    grant.save()
    assert _run(supplier).created == []
    grant.status = "active"
    grant.valid_until = timezone.localdate() - timezone.timedelta(days=1)
    grant.valid_from = grant.valid_until - timezone.timedelta(days=5)
    grant.save()
    assert _run(supplier).created == []


def test_the_buyer_cannot_run_replenishment_on_its_own_grants(buyer, supplier, grant, item):
    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    f.policy_agreed(grant, item.pk)
    with buyer.ctx():
        assert services.replenishment_run(actor=buyer.actor).created == []


def test_reorder_list_drafts_a_purchase_order(buyer, supplier):
    from kernel.errors import ValidationFailed
    from tenants.inventory import services as inventory

    with buyer.ctx():
        short = inventory.item_create(
            actor=None,
            sku="RICE-5",
            name_zh="大米",
            name_en="Rice 5 kg",
            unit="bag",
            reorder_point=Decimal(40),
        )
        fixed = inventory.item_create(
            actor=None,
            sku="OIL-1",
            name_zh="油",
            name_en="Oil 1 l",
            unit="btl",
            reorder_point=Decimal(10),
            reorder_quantity=Decimal(24),
        )
        fine = inventory.item_create(
            actor=None, sku="SALT", name_zh="盐", name_en="Salt", unit="bag", reorder_point=Decimal(1)
        )
        inventory.stock_receive(
            item=short, warehouse=inventory.default_warehouse(), quantity=Decimal(15), reference="r"
        )
        inventory.stock_receive(
            item=fine, warehouse=inventory.default_warehouse(), quantity=Decimal(15), reference="r"
        )
        with pytest.raises(ValidationFailed) as refused:
            services.reorder_po_draft(
                actor=buyer.actor,
                currency="CNY",
                supplier_company_id=supplier.company.pk,
                lines=[services.ReorderLine(item_id=short.pk), services.ReorderLine(item_id=fine.pk)],
            )
        assert list(refused.value.errors) == ["lines.1.quantity"]
        assert not PurchaseOrder.objects.exists()
        order = services.reorder_po_draft(
            actor=buyer.actor,
            currency="CNY",
            supplier_company_id=supplier.company.pk,
            lines=[
                services.ReorderLine(item_id=short.pk, unit_price=Decimal("30")),
                services.ReorderLine(item_id=fixed.pk),
                services.ReorderLine(item_id=fine.pk, quantity=Decimal(3)),
            ],
        )
        assert order.status == "draft"
        assert [
            (ln.sku, ln.quantity, ln.unit_price, ln.item_id) for ln in order.lines.order_by("line_no")
        ] == [
            ("RICE-5", Decimal(25), Decimal(30), short.pk),
            ("OIL-1", Decimal(24), Decimal(0), fixed.pk),
            ("SALT", Decimal(3), Decimal(0), fine.pk),
        ]


def test_the_periodic_run_proposes_in_each_suppliers_schema(buyer, supplier, grant, item):
    from hansa.celery import app
    from tenants.supplychain.replenishment.tasks import replenishment_run_all_task

    assert app.conf.beat_schedule["replenishment.run_all"]["task"] == "replenishment.run_all"
    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    f.policy_agreed(grant, item.pk)
    assert replenishment_run_all_task() == 1
    assert replenishment_run_all_task() == 0  # the first proposal is still undecided
    with supplier.ctx():
        assert Proposal.objects.get().created_by_label == "replenishment run"
