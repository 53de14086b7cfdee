"""Month-end rating at scale: bill the usage over the plan of 1,000 and of 10,000 companies.

    .venv/bin/python bench/billing.py [--companies 10000] [--small 1000] [--events 100]

Into a scratch database (created and dropped here; on the embedded PostgreSQL under var/bench/, or on
DATABASE_URL's server when it is set) it inserts with ``INSERT ... SELECT generate_series`` (no tenant
schemas: bare company rows, status active):

- 10,000 companies, each on the Growth plan's current version, paid (converted), offline gateway, CNY;
- for each of two closed months, 100 usage events per company into the usage ledger
  (``billing_usageevent``: purchase orders, sales orders and RFQs published), the first month for the
  first 1,000 companies only, the second for all 10,000 (1.1 million events), and the usage counters
  they add up to (most companies over the plan's soft limits, one in four under them).

It then rates the first month (1,000 companies) and the second (10,000) through ``usage_rate_month``,
the service the beat task calls, and prints for each the wall time (rating, gapless numbering, invoices
and lines, commit), the SQL statements issued (CaptureQueriesContext: the count must not grow with the
number of companies or events), what was issued, and the ratio of the two times. A second run of the
large month must bill nothing. Target: <= 60 s at 10,000 companies.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

from scratch import scratch_database  # noqa: E402 - bench/ is the script's own directory

_COMPANIES = """
INSERT INTO tenants_company (schema_name, name, slug, legal_name, country, default_currency, locale, time_zone,
                             status, created_at, updated_at, activated_at, require_mfa, bank_account, tax_id,
                             billing_lock)
SELECT 'bench_' || g, 'Bench company ' || g, 'bench-' || g, 'Bench Company ' || g || ' Ltd.', 'CN', 'CNY',
       'zh-hans', 'Asia/Shanghai', 'active', %(now)s, %(now)s, %(now)s, false, '', '', ''
FROM generate_series(1, %(n)s) AS g
"""

_SUBSCRIPTIONS = """
INSERT INTO billing_subscription (status, interval, currency, gateway, trial_ends_at, current_period_start,
                                  current_period_end, cancel_at_period_end, converted_at, past_due_since,
                                  credit_balance, stripe_customer_id, stripe_subscription_id, created_at,
                                  updated_at, company_id, plan_version_id)
SELECT 'active', 'month', 'CNY', 'offline', NULL, %(start)s, %(end)s, false, %(start)s, NULL, 0, '', '',
       %(now)s, %(now)s, c.id, %(version)s
FROM tenants_company c WHERE c.schema_name LIKE 'bench\\_%%'
"""

# 100 events per company: 60 purchase orders, 30 sales orders, 10 RFQs published; most companies go over
# Growth's soft limits (300, 300, 50), every fourth stays under them.
_EVENTS = """
INSERT INTO billing_usageevent (id, company_id, meter, quantity, occurred_at, period_start, sent_to_gateway_at)
SELECT gen_random_uuid(), c.id,
       CASE WHEN e <= 60 THEN 'purchase_orders' WHEN e <= 90 THEN 'sales_orders' ELSE 'rfqs_published' END,
       CASE WHEN c.id %% 4 = 0 THEN 1 WHEN e <= 60 THEN 6 WHEN e <= 90 THEN 11 ELSE 6 END,
       %(period)s::timestamptz + (e || ' hours')::interval, %(period)s, NULL
FROM (SELECT id FROM tenants_company WHERE schema_name LIKE 'bench\\_%%' ORDER BY id LIMIT %(n)s) c
CROSS JOIN generate_series(1, %(events)s) AS e
"""

_COUNTERS = """
INSERT INTO billing_usagecounter (company_id, meter, period_start, quantity, rated_quantity, warned_at_percent,
                                  updated_at)
SELECT company_id, meter, period_start, sum(quantity), 0, 0, %(now)s
FROM billing_usageevent WHERE period_start = %(period)s
GROUP BY company_id, meter, period_start
"""


def seed(*, companies: int, small: int, events: int, months: list[object]) -> None:
    from dateutil.relativedelta import relativedelta
    from django.db import connection, transaction
    from django.utils import timezone

    from billing.models import Plan

    now = timezone.now()
    version = Plan.objects.get(code="growth").current_version_id
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_COMPANIES, {"n": companies, "now": now})
        cursor.execute(
            _SUBSCRIPTIONS,
            {"now": now, "start": now - relativedelta(months=3), "end": now + relativedelta(days=20),
             "version": version},
        )  # fmt: skip
        for month, count in zip(months, (small, companies), strict=True):
            cursor.execute(_EVENTS, {"n": count, "events": events, "period": month})
            cursor.execute(_COUNTERS, {"period": month, "now": now})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000, help="companies of the smaller run")
    parser.add_argument("--events", type=int, default=100, help="usage events per company and month")
    parser.add_argument(
        "--part",
        choices=["all", "rating", "metering"],
        default="all",
        help="rating (this file), metering (bench/billing_metering.py: PO create and RFQ publish with and "
        "without metering, same run), or both",
    )
    args = parser.parse_args()
    if args.part in ("all", "metering"):
        import subprocess

        print("== the cost of metering (bench/billing_metering.py)", flush=True)
        code = subprocess.call([sys.executable, str(Path(__file__).with_name("billing_metering.py"))])  # noqa: S603 - our own script
        if code or args.part == "metering":
            return code
        print("\n== month-end rating", flush=True)

    results: list[tuple[int, float, int, object]] = []
    rerun: tuple[float, int, object] | None = None
    seeded = 0.0
    with scratch_database() as where:
        import django

        django.setup()
        from dateutil.relativedelta import relativedelta
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from billing.models import Invoice, UsageEvent
        from billing.services.rating import usage_rate_month

        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        now = timezone.now()
        this_month = now.date().replace(day=1)
        months = [this_month - relativedelta(months=2), this_month - relativedelta(months=1)]
        print(
            f"seeding {args.companies:,} companies, {args.events} usage events per company and month ...",
            flush=True,
        )
        t0 = time.perf_counter()
        seed(companies=args.companies, small=args.small, events=args.events, months=months)
        seeded = time.perf_counter() - t0
        print(f"seeded {UsageEvent.objects.count():,} usage events in {seeded:.1f} s", flush=True)

        for month, count in zip(months, (args.small, args.companies), strict=True):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                run = usage_rate_month(month=month, now=now)
                elapsed = time.perf_counter() - t0
            results.append((count, elapsed, len(queries), run))
            print(f"rated {count:,} companies in {elapsed:.2f} s", flush=True)
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            again = usage_rate_month(month=months[1], now=now)
            rerun = (time.perf_counter() - t0, len(queries), again)
        invoices = Invoice.objects.count()
        numbers = sorted(int(n.rsplit("-", 1)[1]) for n in Invoice.objects.values_list("number", flat=True))
        assert numbers == list(range(1, invoices + 1)), "invoice numbers have gaps"
        connection.close()

    print(f"\nmonth-end rating on {where} (seeding took {seeded:.1f} s)")
    print(f"{'companies':>10}{'events':>12}{'invoices':>10}{'lines':>8}{'seconds':>10}{'queries':>9}")
    for count, elapsed, query_count, run in results:
        print(
            f"{count:>10,}{count * args.events:>12,}{run.invoices:>10,}{run.lines:>8,}"  # type: ignore[attr-defined]
            f"{elapsed:>10.2f}{query_count:>9}"
        )
    (small_n, small_t, small_q, _), (large_n, large_t, large_q, _) = results
    print(
        f"\nratio {large_n:,} / {small_n:,} companies: time x{large_t / small_t:.1f} "
        f"(companies x{large_n / small_n:.0f}); queries {small_q} and {large_q} -> "
        f"{'constant' if small_q == large_q else 'GROW'}"
    )
    if rerun:
        elapsed, query_count, run = rerun
        print(
            f"re-run of the large month: {run.invoices} invoices, {run.lines} lines "  # type: ignore[attr-defined]
            f"in {elapsed:.2f} s, {query_count} queries (nothing billed twice)"
        )
    print(f"{large_n:,} companies: {large_t:.2f} s (target <= 60 s): {'met' if large_t <= 60 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
