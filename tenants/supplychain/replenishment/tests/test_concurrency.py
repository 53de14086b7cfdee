"""Real threads against the real database: a proposal accepted by two members at once, and the same
proposal document ingested twice at once with a rule that accepts it. Each gives ONE purchase order.

The data is committed (threads have their own connections), made once for the module and removed after:
both companies' schemas are dropped and the warm pool refilled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from conftest import PASSWORD, unique
from kernel.tenancy import company_context
from tenants.supplychain.replenishment import services
from tenants.supplychain.replenishment.exceptions import ProposalAlreadyDecided
from tenants.supplychain.replenishment.models import ReceivedProposal
from tenants.supplychain.replenishment.tests import factories as f


def _signup(name: str) -> Any:
    from tenants.services import company_signup

    slug = unique("vmi")
    return company_signup(
        company_name=name,
        slug=slug,
        country="CN",
        currency="CNY",
        locale="en",
        full_name="Owner",
        email=f"owner@{slug}.test",
        password=PASSWORD,
    )


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    from identity.models import User
    from identity.services import membership_create
    from kernel.models import OutboxMessage
    from marketplace.exchange.models import PartnerLink, TradeDocument
    from marketplace.sharing.models import ShareGrant
    from notifications.models import Notification
    from tenants.inventory import services as inventory
    from tenants.models import Company
    from tenants.services import pool_add_schema

    with django_db_blocker.unblock():
        buyer, supplier = _signup("Race Mart"), _signup("Race Dairy")
        f.partners(buyer.company, supplier.company)
        approvers = []
        for name in ("a1", "a2"):
            user = User.objects.create_user(email=f"{name}-{unique('u')}@race.test", password=PASSWORD)
            membership_create(user=user, company=buyer.company, roles=["approver"])
            approvers.append(f.actor_for(buyer.company, user))
        with company_context(buyer.company):
            item = inventory.item_create(
                actor=None, sku="MILK-1L", name_zh="牛奶", name_en="Milk", unit="box"
            )
        grant = f.grant_make(owner=buyer.company, partner=supplier.company, item_ids=[item.pk])
        f.stock_publish(grant=grant, item_id=item.pk, available="10")
        policy = f.policy_agreed(grant, item.pk)
        companies = [buyer.company, supplier.company]
        try:
            yield {
                "buyer": buyer.company,
                "buyer_owner": f.actor_for(buyer.company, buyer.user),
                "supplier": supplier.company,
                "supplier_owner": f.actor_for(supplier.company, supplier.user),
                "approvers": approvers,
                "policy": policy,
            }
        finally:
            documents = TradeDocument.objects.filter(sender__in=companies)
            while documents.exists():  # answers first: a document referred to is protected
                documents.filter(referred_by__isnull=True).delete()
            PartnerLink.objects.filter(company__in=companies).delete()
            ShareGrant.objects.filter(owner__in=companies).delete()
            Notification.objects.filter(company__in=companies).delete()
            for company in companies:
                OutboxMessage.objects.filter(schema_name=company.schema_name).delete()
                Company.objects.get(pk=company.pk).delete(force_drop=True)
                pool_add_schema()


def together(company: Any, *targets: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(targets))
    results: list[Any] = [None] * len(targets)

    def run(index: int, target: Callable[[], Any]) -> None:
        try:
            if company is None:
                barrier.wait()
                results[index] = target()
            else:
                with company_context(company):
                    barrier.wait()
                    results[index] = target()
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _propose(world: dict[str, Any]) -> Any:
    from marketplace.sharing.models import ReplenishmentPolicy

    # A fresh agreed version each round, so the previous round's proposal does not block the run.
    ReplenishmentPolicy.objects.filter(pk=world["policy"].pk).update(version=world["policy"].version)
    with company_context(world["supplier"]):
        from tenants.supplychain.replenishment.models import Proposal

        Proposal.objects.filter(status="sent").update(status="declined")
        created = services.replenishment_run(actor=world["supplier_owner"]).created
    assert len(created) == 1
    return created[0]


def test_two_members_accepting_at_once_make_one_purchase_order(world):
    from marketplace.exchange.services import document_ingest
    from tenants.procurement.models import ApprovalDecision, PurchaseOrder

    buyer = world["buyer"]
    for _ in range(4):
        proposal = _propose(world)
        assert document_ingest(document_id=proposal.document_id) == "ingested"
        with company_context(buyer):
            received = ReceivedProposal.objects.get(document_id=proposal.document_id)
            orders_before = PurchaseOrder.objects.count()
        results = together(
            buyer,
            lambda pk=received.pk: services.proposal_accept(actor=world["approvers"][0], proposal_id=pk),
            lambda pk=received.pk: services.proposal_accept(actor=world["approvers"][1], proposal_id=pk),
        )
        winners = [r for r in results if isinstance(r, ReceivedProposal)]
        losers = [r for r in results if isinstance(r, ProposalAlreadyDecided)]
        assert len(winners) == 1 and len(losers) == 1, results
        with company_context(buyer):
            received.refresh_from_db()
            assert received.status == "accepted"
            assert PurchaseOrder.objects.count() == orders_before + 1
            assert ApprovalDecision.objects.filter(step__order=received.purchase_order).count() == 1


def test_one_proposal_ingested_twice_at_once_with_a_rule_makes_one_purchase_order(world):
    from marketplace.exchange.services import document_ingest
    from tenants.procurement.models import PurchaseOrder
    from tenants.supplychain.replenishment.models import AcceptanceRule

    buyer = world["buyer"]
    with company_context(buyer):
        if not AcceptanceRule.objects.exists():
            services.rule_create(
                actor=world["buyer_owner"],
                supplier_company_id=None,
                item_id=None,
                max_quantity=Decimal(1000),
                max_amount=None,
                currency="CNY",
            )
    for _ in range(4):
        proposal = _propose(world)
        with company_context(buyer):
            orders_before = PurchaseOrder.objects.count()
        results = together(
            None,
            lambda doc=proposal.document_id: document_ingest(document_id=doc),
            lambda doc=proposal.document_id: document_ingest(document_id=doc),
        )
        assert sorted(results) == ["duplicate", "ingested"], results
        with company_context(buyer):
            received = ReceivedProposal.objects.get(document_id=proposal.document_id)
            assert (received.status, received.accepted_automatically) == ("accepted", True)
            assert PurchaseOrder.objects.count() == orders_before + 1
            # And a member accepting afterwards is refused.
            with pytest.raises(ProposalAlreadyDecided):
                services.proposal_accept(actor=world["approvers"][0], proposal_id=received.pk)
