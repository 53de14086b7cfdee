"""Purchase orders end to end: create, approve and send N orders of 10 lines, ingested on the supplier side.

    .venv/bin/python bench/orders.py [-n 1000] [--lines 10]

Into a scratch database (created and dropped here; on the embedded PostgreSQL under var/bench/, or on
DATABASE_URL's server when it is set) it signs up two companies with real workspace schemas: a buyer with
a requester and an approver and a one-step approval rule that every order matches, and a supplier on
Hansa. For each order, through the services the API calls, in the buyer's schema:

    po_create (N lines) -> po_submit (the rule's step starts) -> po_approve -> po_send
    (a purchase_order trade document), then document_ingest in the supplier's schema, as the
    exchange's worker task does (the sales handler makes the sales order)

and it prints the median and p95 time per order end to end, the ingestion rate (documents ingested per
second of ingestion), and the SQL queries of each step for 1-line and for 10-line orders
(CaptureQueriesContext): they must not grow with the number of lines.
Trade documents' ingestion tasks are enqueued on commit as in production, to a throw-away queue.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

STEPS = ("create", "submit", "approve", "send", "ingest")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def world() -> dict[str, Any]:
    from identity.access import Actor
    from identity.models import Membership, User
    from identity.roles import permissions_for
    from identity.services import membership_create
    from kernel.tenancy import company_context
    from tenants.procurement import services
    from tenants.procurement.services import StepInput
    from tenants.services import company_signup

    def signup(name: str) -> Any:
        slug = f"bench-{uuid.uuid4().hex[:8]}"
        return company_signup(
            company_name=name,
            slug=slug,
            country="CN",
            currency="CNY",
            locale="en",
            full_name="Owner",
            email=f"owner@{slug}.bench",
            password="bench-password-123",
        )

    buyer = signup("Bench Buyer")
    supplier = signup("Bench Supplier")

    def actor(company: Any, user: Any) -> Actor:
        membership = Membership.objects.get(company=company, user=user)
        return Actor(
            company=company, permissions=permissions_for(membership.roles), user=user, membership=membership
        )

    people = {}
    for name, role in (("requester", "buyer"), ("approver", "approver")):
        user = User.objects.create_user(
            email=f"{role}@{buyer.company.slug}.bench", password="bench-password-123"
        )
        membership_create(user=user, company=buyer.company, roles=[role])
        people[name] = actor(buyer.company, user)
    owner = actor(buyer.company, buyer.user)
    with company_context(buyer.company):
        services.approval_rule_create(
            actor=owner,
            name="Every order",
            priority=1,
            min_amount=Decimal(0),
            steps=[StepInput(roles=("approver",))],
        )
    return {"buyer": buyer.company, "supplier": supplier.company, **people}


def one_order(
    w: dict[str, Any], lines: int, count: bool, times: dict[str, list[float]] | None = None
) -> tuple[float, float, dict[str, int]]:
    """(seconds end to end, seconds of ingestion, queries per step) of one order; ``times`` collects
    the seconds of each step."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kernel.tenancy import company_context
    from marketplace.exchange.services import document_ingest
    from tenants.procurement import services
    from tenants.procurement.services import LineInput

    rows = [
        LineInput(
            sku=f"SKU-{n:03d}",
            description=f"Bench item {n}",
            quantity=Decimal(10 + n),
            unit="pcs",
            unit_price=Decimal("12.50") + n,
            tax_rate=Decimal(13),
        )
        for n in range(1, lines + 1)
    ]
    queries: dict[str, int] = {}

    def step(name: str, fn: Any) -> Any:
        started = time.perf_counter()
        if not count:
            result = fn()
        else:
            with CaptureQueriesContext(connection) as captured:
                result = fn()
            queries[name] = len(captured)
        if times is not None:
            times.setdefault(name, []).append(time.perf_counter() - started)
        return result

    t0 = time.perf_counter()
    with company_context(w["buyer"]):
        order = step(
            "create",
            lambda: services.po_create(
                actor=w["requester"],
                supplier_company_id=w["supplier"].pk,
                currency="CNY",
                lines=rows,
            ),
        )
        step("submit", lambda: services.po_submit(actor=w["requester"], order_id=order.pk))
        step("approve", lambda: services.po_approve(actor=w["approver"], order_id=order.pk))
        sent = step("send", lambda: services.po_send(actor=w["requester"], order_id=order.pk))
    t1 = time.perf_counter()
    outcome = step("ingest", lambda: document_ingest(document_id=sent.exchange_document_id))
    t2 = time.perf_counter()
    assert outcome == "ingested", outcome
    return t2 - t0, t2 - t1, queries


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=1000, help="orders to create, approve, send and ingest")
    parser.add_argument("--lines", type=int, default=10)
    args = parser.parse_args()

    from hansa.embedded import EmbeddedServices

    services = EmbeddedServices(ROOT / "var" / "bench")
    started = services.ensure_environment()
    where = "embedded PostgreSQL 18" if "postgresql" in started else "DATABASE_URL's server"
    import dj_database_url
    import psycopg2

    base = dj_database_url.parse(os.environ["DATABASE_URL"])
    dbname = f"hansa_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=base["USER"],
        password=base["PASSWORD"] or None,
        host=base["HOST"] or None,
        port=base["PORT"] or None,
    )
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{dbname}"')
    os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + dbname
    os.environ.update(
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="hansa.settings",
        HANSA_CACHE_PREFIX=f"bench-{uuid.uuid4().hex[:6]}",
        HANSA_CELERY_EAGER="0",
        HANSA_POOL_SIZE="0",
    )
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    e2e: list[float] = []
    ingest: list[float] = []
    per_lines: dict[int, list[dict[str, int]]] = {}
    sales_orders = 0
    step_times: dict[str, list[float]] = {}
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from hansa.celery import app

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        app.conf.task_default_queue = queue
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        print("signing up a buyer and a supplier (schemas built on the spot) ...", flush=True)
        # The requester (buyer role) creates, submits and sends; the approver approves.
        w = world()

        for _ in range(5):  # warm-up: connections, plans, imports (not counted)
            one_order(w, args.lines, count=False)
        for lines in (1, args.lines):
            per_lines[lines] = [one_order(w, lines, count=True)[2] for _ in range(5)]
        print(
            f"creating, approving, sending and ingesting {args.n:,} orders of {args.lines} lines ...",
            flush=True,
        )
        started_at = time.perf_counter()
        for index in range(args.n):
            total, ingested, _ = one_order(w, args.lines, count=False, times=step_times)
            e2e.append(total)
            ingest.append(ingested)
            if (index + 1) % 200 == 0:
                print(f"  {index + 1:,} orders in {time.perf_counter() - started_at:.1f} s", flush=True)
        wall = time.perf_counter() - started_at
        from kernel.tenancy import company_context
        from tenants.sales.models import SalesOrder

        with company_context(w["supplier"]):
            sales_orders = SalesOrder.objects.count()
        from kernel.redis import redis_client

        redis_client().delete(queue)
    finally:
        from django.db import connections

        connections.close_all()
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin.close()
        services.stop()

    n = len(e2e)
    print(f"\nPurchase orders end to end on {where}: {n:,} orders of {args.lines} lines, one at a time")
    print(f"  wall time                         {wall:.1f} s ({n / wall:.1f} orders/s)")
    print(
        f"  per order (create, submit, approve, send, ingest): median {statistics.median(e2e) * 1000:.1f} ms, "
        f"p95 {percentile(e2e, 0.95) * 1000:.1f} ms"
    )
    print(
        f"  ingestion on the supplier side:    {n / sum(ingest):.1f} documents/s "
        f"(median {statistics.median(ingest) * 1000:.1f} ms per document; {sales_orders:,} sales orders in all)"
    )
    print(
        "  median ms by step:                "
        + ", ".join(f"{name} {statistics.median(step_times[name]) * 1000:.1f}" for name in STEPS)
    )
    print("\nSQL queries per order, by step (5 orders each):")
    print(f"{'lines':>6}" + "".join(f"{s:>9}" for s in STEPS) + f"{'total':>9}")
    totals = {}
    for lines, runs in per_lines.items():
        counts = {s: sorted({r[s] for r in runs}) for s in STEPS}
        totals[lines] = sorted({sum(r.values()) for r in runs})
        cells = "".join(f"{'/'.join(map(str, counts[s])):>9}" for s in STEPS)
        print(f"{lines:>6}{cells}{'/'.join(map(str, totals[lines])):>9}")
    small, large = (min(totals[k]) for k in sorted(totals))
    grows = large - small
    print(
        f"\nqueries per order: {small} with 1 line, {large} with {args.lines} lines -> "
        + ("constant" if grows == 0 else f"+{grows} ({grows / (args.lines - 1):.1f} per extra line)")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
