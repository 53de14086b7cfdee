"""The load test's seeding and one iteration of each of its tasks (bench/load.py), in-process.

`bench/load.py` drives the same task functions (`bench/load_workload.py`) through Locust against
`hansa serve`; here they go through Django's test client against a world seeded by `bench/load_seed.py`
into the test database, so that a change of an API the load test uses breaks this test rather than the
next load run. The exchange's ingestion (a Celery task on commit in production) is called directly.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from django.test import Client

from bench import load_workload as w
from bench.load_seed import seed

pytestmark = pytest.mark.django_db


class DjangoClient:
    """The workload's Client protocol over Django's test client; records (name, status) of every call."""

    def __init__(self) -> None:
        self.client = Client()
        self.calls: list[tuple[str, int]] = []

    def call(
        self,
        method: str,
        path: str,
        *,
        name: str,
        headers: Mapping[str, str],
        body: Any = None,
        expect: Sequence[int] = (200,),
    ) -> Any:
        meta = {}
        for key, value in headers.items():
            if key.lower() != "content-type":
                meta["HTTP_" + key.upper().replace("-", "_")] = value
        response = self.client.generic(
            method,
            path,
            data=json.dumps(body) if body is not None else "",
            content_type="application/json",
            **meta,
        )
        self.calls.append((name, response.status_code))
        if response.status_code not in expect:
            raise w.StepFailed(f"{name}: {response.status_code} {response.content[:300]!r}")
        if response.get("Content-Type", "").endswith("json"):
            return response.json()
        return None


def ingest_sent_order(buyer: w.Company, order_id: int) -> None:
    """What the exchange's worker does after `po: send`: ingest the trade document on the supplier side."""
    from kernel.tenancy import company_context
    from marketplace.exchange.services import document_ingest
    from tenants.procurement.models import PurchaseOrder
    from tenants.selectors import company_get_by_slug

    with company_context(company_get_by_slug(slug=buyer.slug)):
        document_id = PurchaseOrder.objects.get(pk=order_id).exchange_document_id
    assert document_ingest(document_id=document_id) == "ingested"


@pytest.fixture
def world() -> w.World:
    data = seed(companies=3, listings=4, prefix="lt", say=lambda _: None)
    return w.World.from_json(json.loads(json.dumps(data)))  # as the locustfile reads it


def test_the_seed_makes_a_ring_of_companies_with_members_stock_and_listings(world):
    from marketplace.catalog.models import Listing

    assert [c.slug for c in world.companies] == ["lt-000", "lt-001", "lt-002"]
    assert world.pair(2) == (world.companies[2], world.companies[0])
    for company in world.companies:
        assert len(company.skus) == 4 and company.words
        assert Listing.objects.filter(company_id=company.id, status="active").count() == 4
        assert len({company.owner.session, company.requester.session, company.approver.session}) == 3
    # Read back, not made again: same companies, fresh sessions.
    again = w.World.from_json(seed(companies=3, listings=4, prefix="lt", say=lambda _: None))
    assert [c.id for c in again.companies] == [c.id for c in world.companies]
    assert again.companies[0].owner.session != world.companies[0].owner.session


def test_one_iteration_of_each_task_succeeds_end_to_end(world):
    from kernel.tenancy import company_context
    from tenants.finance.models import Invoice
    from tenants.procurement.models import PurchaseOrder
    from tenants.sales.models import SalesOrder
    from tenants.selectors import company_get_by_slug

    client, rng = DjangoClient(), random.Random(7)
    buyer, supplier = world.pair(0)

    w.floor_empty(client, world, buyer)
    w.floor_me(client, world, buyer)
    w.search(client, world, buyer, supplier, rng)
    w.rfq(client, world, buyer, supplier, rng)
    assert w.fulfil(client, world, supplier) is None  # nothing sent yet: only the list was asked
    order_id = w.purchase_order(client, world, buyer, supplier, rng)
    ingest_sent_order(buyer, order_id)
    invoice_id = w.fulfil(client, world, supplier)

    assert [name for name, _ in client.calls] == [
        w.FLOOR_EMPTY,
        w.FLOOR_ME,
        "search: marketplace",
        "rfq: create",
        "rfq: invite",
        "rfq: publish",
        "rfq: quote",
        "so: list awaiting",
        "po: create",
        "po: submit",
        "po: approve",
        "po: send",
        "so: list awaiting",
        "so: accept",
        "shipment: create",
        "invoice: from shipment",
        "invoice: issue",
    ]
    assert client.calls[0][1] == 404  # the empty request's expected answer
    with company_context(company_get_by_slug(slug=buyer.slug)):
        assert PurchaseOrder.objects.get(pk=order_id).status == "sent"
    with company_context(company_get_by_slug(slug=supplier.slug)):
        order = SalesOrder.objects.get()
        assert order.status == "shipped"
        assert Invoice.objects.get(pk=invoice_id).status == "open"  # issued: open for payment


def test_a_failed_step_stops_its_chain_and_run_task_swallows_it(world):
    client, rng = DjangoClient(), random.Random(1)
    buyer, supplier = world.pair(0)
    broken = w.Company(
        **{**buyer.__dict__, "requester": w.Member(session="expired", csrf=buyer.requester.csrf)}
    )
    with pytest.raises(w.StepFailed):
        w.purchase_order(client, world, broken, supplier, rng)
    assert [name for name, _ in client.calls] == ["po: create"]  # nothing after the failed step
    assert client.calls[0][1] in (401, 403)
    bad = w.World(world.session_cookie, world.csrf_cookie, (broken, supplier))
    w.run_task("purchase_order", client, bad, 0, rng)  # counted by the client, not raised
    assert [name for name, _ in client.calls] == ["po: create", "po: create"]


def test_the_report_counts_errors_per_type_and_keeps_the_floors_out_of_the_total():
    from bench.load import rows_of

    samples = [
        ("po: create", 0.0, 100.0, True),
        ("po: create", 1.0, 300.0, False),  # a failure: counted, its time kept
        ("search: marketplace", 2.0, 50.0, True),
        (w.FLOOR_EMPTY, 3.0, 2.0, True),
        (w.FLOOR_EMPTY, 9.998, 2.0, True),  # the last answer comes at 10.0 s
    ]
    rows, seconds = rows_of(samples)
    named = dict(rows)
    assert seconds == pytest.approx(10.0)
    assert [name for name, _ in rows] == [
        "po: create",
        "search: marketplace",
        "TOTAL (workload, floors excluded)",
        w.FLOOR_EMPTY,
    ]
    assert named["po: create"]["errors"] == 1 and named["po: create"]["error_rate"] == 0.5
    assert named["po: create"]["p50"] == pytest.approx(200.0)
    total = named["TOTAL (workload, floors excluded)"]
    assert total["n"] == 3 and total["errors"] == 1 and total["rps"] == pytest.approx(0.3)
    assert named[w.FLOOR_EMPTY]["n"] == 2 and named[w.FLOOR_EMPTY]["p99"] == pytest.approx(2.0)
