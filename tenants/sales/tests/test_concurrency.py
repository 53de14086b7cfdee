"""Real threads against the real database: a buyer's cancellation arriving while the order is accepted.

Not ``django_db(transaction=True)``: its closing flush would empty the warm pool of tenant schemas. The
test runs in autocommit, signs up one supplier (claiming a pool schema), and afterwards drops exactly
what it made and puts a fresh schema back into the pool.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q

from conftest import unique
from kernel.tenancy import company_context
from marketplace.exchange.models import PartnerLink, TradeDocument
from marketplace.exchange.services import document_ingest, document_send
from tenants.sales import services
from tenants.sales.exceptions import OrderNotAwaitingAcceptance
from tenants.sales.models import LineReservation, OrderStatus, SalesOrder, WorkOrder
from tenants.sales.tests import factories as f
from tenants.services import company_signup

ROUNDS = 6


@pytest.fixture
def committed(django_db_setup: Any, django_db_blocker: Any, signup_payload: Any) -> Any:
    """A supplier signed up for real (committed) and a buyer row; afterwards the documents between them
    are deleted, the supplier is closed (its schema stays: a company row without its schema would break
    the next ``migrate``), the schema-less buyer row is deleted, and the warm pool gets a fresh schema."""
    from tenants.models import Company, CompanyStatus
    from tenants.services import pool_add_schema

    with django_db_blocker.unblock():
        result = company_signup(**signup_payload(slug=unique("race")))
        buyer = f.bare_company("Racing Buyer")
        try:
            yield result.company, f.actor_for(result.company, result.user), buyer
        finally:
            connection.set_schema_to_public()
            companies = [result.company.pk, buyer.pk]
            documents = TradeDocument.objects.filter(
                Q(sender_id__in=companies) | Q(receiver_id__in=companies)
            )
            documents.update(refers_to=None)
            documents.delete()
            PartnerLink.objects.filter(company_id__in=companies).delete()
            Company.objects.filter(pk=result.company.pk).update(status=CompanyStatus.CLOSED)
            # Raw: the ORM's cascade would look for workspace tables that point at companies.
            Company.objects.filter(pk=buyer.pk)._raw_delete(Company.objects.db)  # type: ignore[attr-defined]
            pool_add_schema()


def run_together(*targets: Any) -> list[Any]:
    barrier = threading.Barrier(len(targets))
    results: list[Any] = [None] * len(targets)

    def run(index: int, target: Any) -> None:
        try:
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


def test_an_order_cancelled_while_being_accepted_ends_in_one_consistent_state(committed):
    supplier, actor, buyer = committed
    f.stock(supplier, "SKU-1", "1000")
    outcomes = []
    for _ in range(ROUNDS):
        po = document_send(
            sender=buyer,
            receiver=supplier,
            kind="purchase_order",
            payload=f.po_payload([f.po_line(1, quantity="30")]),
        )
        assert document_ingest(document_id=po.pk) == "ingested"
        cancel = document_send(
            sender=buyer,
            receiver=supplier,
            kind="cancellation",
            payload={"po_number": po.payload["po_number"], "reason": "Race", "cancelled_by": "buyer"},
            refers_to=po.pk,
        )
        with company_context(supplier):
            order_id = SalesOrder.objects.get(source_document_id=po.pk).pk

        def accept(order_id: int = order_id) -> Any:
            with company_context(supplier):
                return services.order_accept(actor=actor, order_id=order_id)

        accepted, ingested = run_together(
            accept, lambda cancel=cancel: document_ingest(document_id=cancel.pk)
        )
        assert ingested == "ingested", ingested
        assert isinstance(accepted, SalesOrder | OrderNotAwaitingAcceptance), accepted
        outcomes.append("accepted first" if isinstance(accepted, SalesOrder) else "cancelled first")
        with company_context(supplier):
            order = SalesOrder.objects.get(pk=order_id)
            assert (order.status, order.cancelled_by) == (OrderStatus.CANCELLED, "buyer")
            held = sum(r.remaining for r in LineReservation.objects.filter(line__order=order))
            assert held == 0
            assert not WorkOrder.objects.filter(
                line__order=order, status__in=["open", "in_progress"]
            ).exists()
            responses = TradeDocument.objects.filter(sender=supplier, kind="order_response", refers_to=po.pk)
            assert responses.count() == (1 if isinstance(accepted, SalesOrder) else 0)
    level = f.level(supplier, "SKU-1")
    assert (level.on_hand, level.reserved) == (Decimal(1000), 0)
    print("cancellation racing acceptance:", {o: outcomes.count(o) for o in set(outcomes)})
