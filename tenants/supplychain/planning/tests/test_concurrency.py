"""Real threads against the real database: a commitment scheduled twice at the same moment gives one set
of sales orders (one order line per committed cell), and the other call answers 409.

The data is committed (threads have their own connections), made once for the module and removed after:
the supplier's schema is dropped and the warm pool refilled.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection

from conftest import PASSWORD, unique
from kernel.tenancy import company_context
from tenants.supplychain.planning import services
from tenants.supplychain.planning.exceptions import CommitmentAlreadyScheduled
from tenants.supplychain.planning.weeks import horizon, week_of

WEEKS = horizon(week_of(date.today() + timedelta(weeks=1)), 3)


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    from kernel.models import OutboxMessage
    from marketplace.exchange.models import PartnerLink, TradeDocument
    from marketplace.rfq.tests.factories import bare_company
    from notifications.models import Notification
    from tenants.models import Company
    from tenants.procurement.tests.factories import actor_for
    from tenants.services import company_signup, pool_add_schema

    with django_db_blocker.unblock():
        slug = unique("plan-race")
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
        supplier = result.company
        buyer = bare_company("Race Buyer")
        try:
            yield {"supplier": supplier, "buyer": buyer, "owner": actor_for(supplier, result.user)}
        finally:
            documents = TradeDocument.objects.filter(sender__in=[supplier, buyer])
            while documents.exists():
                documents.filter(referred_by__isnull=True).delete()
            PartnerLink.objects.filter(company__in=[supplier, buyer]).delete()
            Notification.objects.filter(company=supplier).delete()
            OutboxMessage.objects.filter(schema_name=supplier.schema_name).delete()
            Company.objects.get(pk=supplier.pk).delete(force_drop=True)
            Company.objects.filter(pk=buyer.pk).delete()
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


def _received_commitment(world: dict[str, Any]) -> int:
    """The buyer's forecast delivered to the supplier, and the supplier's commitment to it (committed)."""
    from marketplace.exchange.services import document_ingest, document_send
    from tenants.supplychain.planning.models import Forecast

    key = str(uuid.uuid4())
    document = document_send(
        sender=world["buyer"],
        receiver=world["supplier"],
        kind="forecast",
        payload={
            "forecast_key": key,
            "title": "Race forecast",
            "version": 1,
            "start_week": WEEKS[0],
            "weeks": 3,
            "tolerance_percent": "10",
            "lines": [{"sku": "RACE-1", "week": week, "quantity": "10"} for week in WEEKS],
        },
    )
    assert document_ingest(document_id=document.pk) == "ingested"
    with company_context(world["supplier"]):
        forecast = Forecast.objects.get(key=key)
        commitment = services.commitment_create(
            actor=world["owner"],
            forecast_id=forecast.pk,
            lines=[services.Cell(sku="RACE-1", week=week, quantity="10") for week in WEEKS],
        )
    return commitment.pk


def test_two_schedules_at_once_make_one_set_of_orders(world):
    from tenants.sales.models import SalesOrder, SalesOrderLine
    from tenants.supplychain.planning.models import ScheduledLine

    for _ in range(3):
        commitment_id = _received_commitment(world)
        with company_context(world["supplier"]):
            before = SalesOrder.objects.count()
        results = together(
            world["supplier"],
            *[
                lambda cid=commitment_id: services.commitment_schedule(
                    actor=world["owner"], commitment_id=cid
                )
                for _ in range(2)
            ],
        )
        winners = [r for r in results if isinstance(r, list)]
        losers = [r for r in results if isinstance(r, CommitmentAlreadyScheduled)]
        assert len(winners) == 1 and len(losers) == 1, results
        assert len(winners[0]) == 3
        with company_context(world["supplier"]):
            assert SalesOrder.objects.count() == before + 3
            assert ScheduledLine.objects.filter(commitment_line__commitment_id=commitment_id).count() == 3
            assert (
                SalesOrderLine.objects.filter(order__pk__in=[o.sales_order_id for o in winners[0]]).count()
                == 3
            )
