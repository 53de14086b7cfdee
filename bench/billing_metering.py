"""What metering costs: the purchase order create and RFQ publish paths with and without usage metering.

    .venv/bin/python bench/billing_metering.py [-n 500]

Into a scratch database (created and dropped here; on the embedded PostgreSQL under var/bench/, or on
DATABASE_URL's server when it is set) it signs up a buyer on the Enterprise plan (no limits, so no
warning is ever sent) and runs, through the services the API calls:

    po_create (3 lines)            in the buyer's schema
    rfq_publish (1 line)           of drafts made beforehand (matching runs against a few suppliers)

N times each with metering and N times without, alternating blocks of 25 so that both see the same
database (the counter row, the outbox and the ledger grow as they would). "Without" replaces
``usage_record`` in the two services by a no-op for the block (this benchmark only). It prints the SQL
queries of one operation (CaptureQueriesContext) and the median and p95 time per operation of each, and
their ratios, and the time of ``usage_record`` alone. The usage relay then moves the events into the
ledger, timed as one batch.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

from scratch import scratch_database  # noqa: E402 - bench/ is the script's own directory

BLOCK = 25
METERED_CALLS = (
    "tenants.procurement.services.orders.usage_record",
    "marketplace.rfq.services.lifecycle.usage_record",
)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@contextlib.contextmanager
def metering(enabled: bool) -> Iterator[None]:
    """Metering as in production, or (``enabled=False``) the two services' usage_record made a no-op."""
    if enabled:
        yield
        return
    with contextlib.ExitStack() as stack:
        for target in METERED_CALLS:
            stack.enter_context(mock.patch(target, lambda **_: None))
        yield


def world() -> dict[str, Any]:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from marketplace.rfq.tests import factories as rf
    from tenants.services import company_signup

    def signup(name: str, plan: str) -> Any:
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
            plan=plan,
        )

    buyer = signup("Bench Buyer", "enterprise")
    membership = Membership.objects.get(company=buyer.company, user=buyer.user)
    actor = Actor(
        company=buyer.company,
        permissions=permissions_for(membership.roles),
        user=buyer.user,
        membership=membership,
    )
    cat = rf.category("Bench bearings")
    for index in range(5):
        supplier = rf.bare_company(f"Bench Supplier {index}")
        rf.supplier_profile(supplier, categories=[cat], regions=("CN",))
    return {"buyer": buyer.company, "actor": actor, "cat": cat}


def po_create(w: dict[str, Any]) -> Callable[[], Any]:
    from tenants.procurement import services
    from tenants.procurement.services import LineInput

    rows = [
        LineInput(
            sku=f"SKU-{n}",
            description=f"Bench item {n}",
            quantity=Decimal(10),
            unit="pcs",
            unit_price=Decimal("12.50"),
            tax_rate=Decimal(13),
        )
        for n in range(1, 4)
    ]
    return lambda: services.po_create(
        actor=w["actor"],
        currency="CNY",
        lines=rows,
        supplier_name="Outside Ltd",
        supplier_email="o@x.example",
    )


def rfq_publish(w: dict[str, Any], drafts: list[int]) -> Callable[[], Any]:
    from marketplace.rfq import services

    return lambda: services.rfq_publish(actor=w["actor"], rfq_id=drafts.pop())


def measure(
    name: str, make: Callable[[], Callable[[], Any]], n: int, context: Callable[[], Any]
) -> dict[str, Any]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    queries: dict[bool, int] = {}
    times: dict[bool, list[float]] = {True: [], False: []}
    with context():
        for enabled in (True, False):  # warm-up, and the queries of one operation
            with metering(enabled):
                make()()
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    make()()
                queries[enabled] = len(captured)
        done = 0
        while done < n:
            for enabled in (False, True):
                with metering(enabled):
                    for _ in range(BLOCK):
                        op = make()
                        started = time.perf_counter()
                        op()
                        times[enabled].append(time.perf_counter() - started)
            done += BLOCK
    return {"name": name, "queries": queries, "times": times}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "-n", type=int, default=500, help="operations of each path, with and without metering"
    )
    args = parser.parse_args()

    queue = f"bench-{uuid.uuid4().hex[:8]}"
    results = []
    alone: list[float] = []
    in_transaction: list[float] = []
    relay: tuple[int, float] = (0, 0.0)
    with scratch_database(HANSA_POOL_SIZE="0") as where:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        from hansa.celery import app

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        settings.DEBUG = False  # no query log in the timed loops (CaptureQueriesContext forces its own)
        app.conf.task_default_queue = queue
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        print("signing up a buyer (a schema built on the spot) and five suppliers ...", flush=True)
        w = world()
        from kernel.tenancy import company_context
        from marketplace.rfq.tests import factories as rf

        rounds = -(-args.n // BLOCK) * BLOCK
        print(f"making {2 * rounds + 4:,} draft RFQs ...", flush=True)
        drafts = [rf.rfq_draft(w["actor"], lines=[rf.line(w["cat"])]).pk for _ in range(2 * rounds + 4)]
        print(f"{args.n:,} purchase orders and {args.n:,} RFQ publications each way ...", flush=True)
        results.append(
            measure("po_create (3 lines)", lambda: po_create(w), args.n, lambda: company_context(w["buyer"]))
        )
        results.append(measure("rfq_publish", lambda: rfq_publish(w, drafts), args.n, contextlib.nullcontext))
        from billing.services.metering import usage_record

        alone.clear()
        for _ in range(args.n):
            started_at = time.perf_counter()
            usage_record(company_id=w["buyer"].pk, meter="purchase_orders")
            alone.append(time.perf_counter() - started_at)
        from django.db import transaction

        with transaction.atomic():  # the statement without its own commit, as inside a service
            for _ in range(args.n):
                started_at = time.perf_counter()
                usage_record(company_id=w["buyer"].pk, meter="purchase_orders")
                in_transaction.append(time.perf_counter() - started_at)
        from billing.services.usage_ledger import usage_relay_all

        started_at = time.perf_counter()
        moved = usage_relay_all().processed
        relay = (moved, time.perf_counter() - started_at)
        from kernel.redis import redis_client

        redis_client().delete(queue)

    print(f"\nMetering on {where}: each path {args.n:,} times with and {args.n:,} times without, in blocks")
    print(
        f"{'path':<22}{'queries':>16}{'median ms':>22}{'p95 ms':>22}{'ratio (median)':>16}"
        f"\n{'':<22}{'without/with':>16}{'without/with':>22}{'without/with':>22}"
    )
    for r in results:
        q, t = r["queries"], r["times"]
        off, on = statistics.median(t[False]) * 1000, statistics.median(t[True]) * 1000
        p_off, p_on = percentile(t[False], 0.95) * 1000, percentile(t[True], 0.95) * 1000
        print(
            f"{r['name']:<22}{q[False]:>8}/{q[True]:<7}{off:>13.2f}/{on:<8.2f}{p_off:>13.2f}/{p_on:<8.2f}"
            f"{on / off:>14.3f}x   (+{q[True] - q[False]} query, +{on - off:.2f} ms)"
        )
    if alone:
        print(
            f"usage_record alone (autocommit): median {statistics.median(alone) * 1000:.2f} ms, "
            f"p95 {percentile(alone, 0.95) * 1000:.2f} ms; inside a transaction: median "
            f"{statistics.median(in_transaction) * 1000:.2f} ms, p95 {percentile(in_transaction, 0.95) * 1000:.2f} ms"
        )
    moved, seconds = relay
    if moved:
        print(
            f"\nusage relay: {moved:,} events into the ledger in {seconds * 1000:.0f} ms ({moved / seconds:,.0f}/s)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
