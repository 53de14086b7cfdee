"""Real threads: receipts and shipments of the same item at once keep its cost consistent with its stock.

Not ``django_db(transaction=True)``: its closing flush would empty the warm pool of tenant schemas (see
tenants/sales/tests/test_concurrency.py). The test runs in autocommit against a company signed up for
real, deletes the outbox messages it left, closes the company and puts a fresh schema back into the pool.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.models import Sum

from conftest import unique
from kernel.tenancy import company_context
from tenants.finance.models import CostMovement, ItemCost, JournalEntry
from tenants.finance.tests.cost_factories import buy, sell, ship
from tenants.finance.tests.factories import actor_for, run_postings
from tenants.services import company_signup

D = Decimal
SHIPMENTS = 6
RECEIPTS = 6


@pytest.fixture
def committed(django_db_setup: Any, django_db_blocker: Any, signup_payload: Any) -> Any:
    from tenants.models import Company, CompanyStatus
    from tenants.services import pool_add_schema

    with django_db_blocker.unblock():
        result = company_signup(**signup_payload(slug=unique("cost")))
        try:
            yield result
        finally:
            from kernel.models import OutboxMessage

            connection.set_schema_to_public()
            # Its committed outbox messages (e-mails to the supplier, posting events) must not reach the
            # next tests, which count the messages they cause.
            OutboxMessage.objects.filter(schema_name=result.company.schema_name).delete()
            Company.objects.filter(pk=result.company.pk).update(status=CompanyStatus.CLOSED)
            pool_add_schema()


def run_together(company: Any, targets: list[Any]) -> list[Any]:
    barrier = threading.Barrier(len(targets))
    results: list[Any] = [None] * len(targets)

    def run(index: int, target: Any) -> None:
        try:
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
        thread.join(timeout=120)
    return results


def test_receipts_and_shipments_of_one_item_at_once_keep_cost_and_stock_in_step(committed):
    from tenants.inventory.models import Item, StockLevel
    from tenants.procurement import services as procurement
    from tenants.procurement.services import ReceiptLineInput

    company = committed.company
    with company_context(company):
        actor = actor_for(committed)
        buy(actor, "BRG-1", "18", "10.00")
        orders = [sell(actor, "BRG-1", "3", "30") for _ in range(SHIPMENTS)]
        # Purchase orders sent but not received yet: the threads receive them.
        pending = []
        for index in range(RECEIPTS):
            order = procurement.po_create(
                actor=actor,
                supplier_name="Outside Supplier Ltd",
                supplier_email="orders@outside.example",
                currency="CNY",
                lines=[
                    procurement.LineInput(
                        sku="BRG-1",
                        description="Bearing",
                        quantity=D("5"),
                        unit="pcs",
                        unit_price=D(12 + index),
                        tax_rate=D(13),
                    )
                ],
            )
            procurement.po_submit(actor=actor, order_id=order.pk)
            procurement.po_send(actor=actor, order_id=order.pk)
            pending.append(order)

    def receive(order: Any) -> Any:
        return lambda: procurement.po_receive(
            actor=actor, order_id=order.pk, lines=[ReceiptLineInput(line_no=1, accepted_quantity=D("5"))]
        )

    def dispatch(order: Any) -> Any:
        return lambda: ship(actor, order, "3")

    targets = [receive(o) for o in pending] + [dispatch(o) for o in orders]
    results = run_together(company, targets)
    assert not [r for r in results if isinstance(r, Exception)], results

    with company_context(company):
        item = Item.objects.get(sku="BRG-1")
        level = StockLevel.objects.get(item=item)
        cost = ItemCost.objects.get(item_id=item.pk)
        movements = CostMovement.objects.filter(item_id=item.pk)
        assert level.on_hand == cost.quantity == D(18 + 5 * RECEIPTS - 3 * SHIPMENTS)
        assert cost.value >= 0 and not movements.filter(value_after__lt=0).exists()
        assert movements.aggregate(total=Sum("value"))["total"] == cost.value
        assert movements.filter(kind="untracked").count() == 0
        received = D(180) + sum(D(5 * (12 + index)) for index in range(RECEIPTS))
        shipped = -movements.filter(kind="issue").aggregate(total=Sum("value"))["total"]
        assert received - shipped == cost.value
        run_postings()
        assert JournalEntry.objects.filter(source_kind="shipment").count() == SHIPMENTS
        assert sum(e.total for e in JournalEntry.objects.filter(source_kind="shipment")) == shipped
