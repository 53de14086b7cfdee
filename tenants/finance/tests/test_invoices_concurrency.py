"""Real threads against the real database: two drafts of one shipment at once, and settlements paying
one invoice at once. The data is committed (threads have their own connections), made once for the module
and removed after (the company's schema dropped, the warm pool refilled)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction

from conftest import PASSWORD, unique
from kernel.tenancy import company_context
from tenants.finance.exceptions import NothingToInvoice, PaymentExceedsOpen
from tenants.finance.models import Invoice
from tenants.finance.services import invoices


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    from kernel.models import OutboxMessage
    from tenants.models import Company
    from tenants.sales.tests import factories as sf
    from tenants.services import company_signup, pool_add_schema

    with django_db_blocker.unblock():
        slug = unique("inv-race")
        result = company_signup(
            company_name="Race Supplier",
            slug=slug,
            country="CN",
            currency="CNY",
            locale="en",
            full_name="Owner",
            email=f"owner@{slug}.test",
            password=PASSWORD,
        )
        company = result.company
        actor = sf.actor_for(company, result.user)
        try:
            yield {"company": company, "actor": actor}
        finally:
            OutboxMessage.objects.filter(schema_name=company.schema_name).delete()
            Company.objects.get(pk=company.pk).delete(force_drop=True)
            pool_add_schema()


def together(company: Any, *targets: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(targets))
    results: list[Any] = [None] * len(targets)

    def run(index: int, target: Callable[[], Any]) -> None:
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
        thread.join(timeout=60)
    return results


def shipped_order(world: dict[str, Any], sku: str) -> int:
    from tenants.sales import services as sales
    from tenants.sales.tests import factories as sf

    company, actor = world["company"], world["actor"]
    sf.stock(company, sku, "10")
    order = sf.manual_order(
        actor,
        lines=[
            sales.ManualLine(
                sku=sku, description="Bearing", quantity=Decimal(10), unit="pcs", unit_price=Decimal("12.50")
            )
        ],
    )
    with company_context(company):
        sales.order_accept(actor=actor, order_id=order.pk)
        sales.shipment_create(
            actor=actor,
            order_id=order.pk,
            carrier="SF",
            lines=[sales.ShipLine(line_no=1, quantity=Decimal(10))],
        )
    return order.pk


def test_two_drafts_of_one_shipment_at_once_invoice_it_once(world):
    company, actor = world["company"], world["actor"]
    for attempt in range(3):
        order_id = shipped_order(world, f"RACE-{attempt}")
        results = together(
            company,
            lambda oid=order_id: invoices.invoice_create_from_shipments(actor=actor, sales_order_id=oid),
            lambda oid=order_id: invoices.invoice_create_from_shipments(actor=actor, sales_order_id=oid),
        )
        made = [r for r in results if isinstance(r, Invoice)]
        refused = [r for r in results if isinstance(r, NothingToInvoice)]
        assert len(made) == 1 and len(refused) == 1, results
        with company_context(company):
            assert Invoice.objects.filter(sales_order_id=order_id).count() == 1
            assert made[0].lines.get().quantity == Decimal(10)


def test_ten_settlements_at_once_never_pay_more_than_open(world):
    company, actor = world["company"], world["actor"]
    with company_context(company):
        draft = invoices.invoice_create_manual(
            actor=actor,
            partner_name="Walk-in",
            currency="CNY",
            lines=[
                invoices.LineInput(
                    description="Work", quantity=Decimal(1), unit_price=Decimal(100), tax_rate=Decimal(0)
                )
            ],
        )
        issued = invoices.invoice_issue(actor=actor, invoice=draft)

    def pay() -> Invoice:
        with transaction.atomic():
            return invoices.invoice_apply_settlement(
                invoice=invoices.invoice_lock(issued.pk), amount=Decimal(30)
            )

    results = together(company, *([pay] * 10))
    assert sum(isinstance(r, Invoice) for r in results) == 3
    assert sum(isinstance(r, PaymentExceedsOpen) for r in results) == 7, results
    with company_context(company):
        issued.refresh_from_db()
        assert (issued.amount_paid, issued.amount_open, issued.status) == (Decimal(90), Decimal(10), "open")
