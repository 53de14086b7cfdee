"""The books at 1,000,000 journal lines: posting throughput, and statements read from the balances.

    .venv/bin/python bench/finance.py [--lines 1000000] [--service-lines 40000] [--runs 40]

Into a scratch database (created and dropped here; on the embedded PostgreSQL under var/bench/, or on
DATABASE_URL's server when it is set) it signs up one company (CN: 小企业会计准则, CNY; its schema built on
the spot) and registers a bench business event, ``bench_sale``, whose builder answers N legs (half debits
on receivable, bank and inventory, half credits on revenue, output VAT and payables).

1. Posting throughput, through the posting service: ``PostingEvent`` rows are written in bulk (recording
   is not what is measured), then each is posted by ``event_post`` (lock the event, build, ``entry_post``:
   number, period, rules, entry, lines, balances), as the outbox worker does. Events of 2 lines and of 20
   lines, ``--service-lines`` lines in all (half in each); lines per second and events per second for
   each, and the SQL statements per event (CaptureQueriesContext): the same for 2 and 20 lines.
2. Filling to ``--lines``: the rest of the million is written by ``INSERT ... SELECT generate_series``
   (20-line balanced entries spread over the twelve months of the year, tagged cash lines), and the
   balances per account and period are rebuilt from the lines with one aggregate; the database's
   deferred balance check runs on every filled entry at commit.
3. With all lines in: the trial balance and the balance sheet of the last month through the selectors
   the API calls (``--runs`` each; median and p95; target p95 <= 200 ms), against one raw SQL query
   computing the same figures (opening, debits and credits of the month, per account) over the lines, in
   the same run: the ratio is printed. The balance sheet's totals must tie.

No assertions on time: figures only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

from scratch import scratch_database  # noqa: E402 - bench/ is the script's own directory


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def register_event() -> None:
    from tenants.finance.services.posting import Leg, Posting, RuleSpec, posting_event

    @posting_event(
        "bench_sale",
        journal="SAL",
        rules=[
            RuleSpec("receivable", "debit", "receivable", "应收账款", "Receivable"),
            RuleSpec("bank", "debit", "bank", "银行存款", "Bank"),
            RuleSpec("inventory", "debit", "inventory", "库存商品", "Inventory"),
            RuleSpec("revenue", "credit", "revenue", "主营业务收入", "Revenue"),
            RuleSpec("vat", "credit", "vat_output", "销项税额", "Output VAT"),
            RuleSpec("payable", "credit", "payable", "应付账款", "Payable"),
        ],
    )
    def bench_sale(event: Any) -> Posting:
        n = int(event.payload["lines"])
        base = Decimal(event.payload["amount"])
        debits, credits = ("receivable", "bank", "inventory"), ("revenue", "vat", "payable")
        legs: list[Leg] = []
        for j in range(n // 2):
            amount = base + j
            debit = debits[j % 3]
            legs.append(
                Leg(
                    amount=amount,
                    component=debit,
                    partner_name=f"Customer {j}",
                    cash_flow_tag="customer_receipts" if debit == "bank" else "",
                )
            )
            legs.append(Leg(amount=-amount, component=credits[j % 3]))
        return Posting(description=f"bench sale {event.source_id}", legs=legs)


def make_events(count: int, lines: int, start: int) -> list[int]:
    from datetime import date, timedelta

    from tenants.finance.models import PostingEvent

    today = date.today()
    first = today.replace(month=1, day=1)
    rows = [
        PostingEvent(
            kind="bench_sale",
            source_id=f"{lines}-{start + i}",
            occurred_on=min(first + timedelta(days=(start + i) % 330), today),
            payload={"lines": lines, "amount": f"{100 + (i % 900)}.25"},
        )
        for i in range(count)
    ]
    return [e.pk for e in PostingEvent.objects.bulk_create(rows, batch_size=2000)]


def post_events(ids: list[int]) -> float:
    from tenants.finance.services.posting import event_post

    t0 = time.perf_counter()
    for event_id in ids:
        assert event_post(event_id=event_id) is not None
    return time.perf_counter() - t0


def queries_per_event(lines: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tenants.finance.services.posting import event_post

    ids = make_events(3, lines, start=10_000_000 + lines * 10)
    counts = []
    for event_id in ids:
        with CaptureQueriesContext(connection) as queries:
            event_post(event_id=event_id)
        counts.append(len(queries))
    return counts[-1]


_FILL_ENTRIES = """
INSERT INTO finance_journalentry (id, number, journal_id, period_id, date, description, status, source_kind,
                                  source_id, total, created_by_label, created_at)
SELECT s.i, 'BF-' || %(month)s || '-' || s.g, %(journal)s, %(period)s,
       %(start)s::date + (s.g %% %(days)s), 'bench fill', 'posted', 'bench_fill', %(month)s || '-' || s.g,
       (SELECT sum(((s.i * 7 + j) %% 1000) + 1.5) FROM generate_series(1, 10) AS j), '', now()
FROM (SELECT nextval(pg_get_serial_sequence('finance_journalentry', 'id')) AS i, g
        FROM generate_series(1, %(n)s) AS g) s
"""

# 20 lines per entry: 10 pairs (debit, credit) of the same amount; bank lines carry a cash-flow tag.
_FILL_LINES = """
INSERT INTO finance_journalline (entry_id, line_no, account_id, period_id, date, debit, credit, currency,
                                 amount_currency, rate, description, partner_name, cash_flow_tag)
SELECT e.id, k, a.account_id, e.period_id, e.date,
       CASE WHEN k %% 2 = 1 THEN a.amount ELSE 0 END,
       CASE WHEN k %% 2 = 0 THEN a.amount ELSE 0 END,
       'CNY', CASE WHEN k %% 2 = 1 THEN a.amount ELSE -a.amount END, 1, '', '',
       CASE WHEN a.account_id = %(bank)s THEN
            CASE WHEN k %% 2 = 1 THEN 'customer_receipts' ELSE 'supplier_payments' END ELSE '' END
FROM finance_journalentry e
CROSS JOIN generate_series(1, 20) AS k
CROSS JOIN LATERAL (
    SELECT CASE WHEN k %% 2 = 1 THEN (%(debits)s::bigint[])[1 + ((e.id + k) %% %(nd)s)]
                ELSE (%(credits)s::bigint[])[1 + ((e.id + k) %% %(nc)s)] END AS account_id,
           (((e.id * 7 + (k + 1) / 2) %% 1000) + 1)::numeric(20, 4) + 0.5 AS amount
) a
WHERE e.source_kind = 'bench_fill' AND e.period_id = %(period)s
"""

_REBUILD_BALANCES = """
DELETE FROM finance_accountbalance;
INSERT INTO finance_accountbalance (account_id, period_id, debit, credit)
SELECT account_id, period_id, sum(debit), sum(credit) FROM finance_journalline GROUP BY account_id, period_id;
"""

# The same figures as the trial balance (opening, debits and credits of the range, per account), from the
# lines: what the books would have to do without balances kept per period.
RAW_SQL = """
SELECT account_id,
       coalesce(sum(debit - credit) FILTER (WHERE date < %(from)s), 0),
       coalesce(sum(debit) FILTER (WHERE date >= %(from)s), 0),
       coalesce(sum(credit) FILTER (WHERE date >= %(from)s), 0)
  FROM finance_journalline WHERE date <= %(to)s GROUP BY account_id
"""


def fill(lines: int) -> int:
    """Add balanced 20-line entries until the books hold ``lines`` lines; answers how many were added."""
    from datetime import date

    from django.db import connection, transaction

    from tenants.finance.models import Account, Journal, JournalLine, Period

    have = JournalLine.objects.count()
    missing = max(lines - have, 0)
    entries = -(-missing // 20)  # at least ``lines`` in all
    if entries == 0:
        return 0
    roles = {a.role: a.pk for a in Account.objects.exclude(role="")}
    debits = [roles[r] for r in ("receivable", "bank", "inventory", "admin_expense", "cogs")]
    credits = [roles[r] for r in ("revenue", "payable", "bank", "vat_output", "other_payable")]
    year = date.today().year
    periods = list(Period.objects.filter(fiscal_year__name=str(year)).order_by("start"))
    journal = Journal.objects.get(code="GJ").pk
    per_month = [entries // len(periods)] * len(periods)
    per_month[-1] += entries - sum(per_month)
    for period, n in zip(periods, per_month, strict=True):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                _FILL_ENTRIES,
                {"month": period.start.strftime("%Y%m"), "journal": journal, "period": period.pk,
                 "start": period.start, "days": (period.end - period.start).days + 1, "n": n},
            )  # fmt: skip
            cursor.execute(
                _FILL_LINES,
                {"bank": roles["bank"], "debits": debits, "credits": credits, "nd": len(debits),
                 "nc": len(credits), "period": period.pk},
            )  # fmt: skip
        print(f"  {period.label}: {n:,} entries of 20 lines", flush=True)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_REBUILD_BALANCES)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return entries * 20


def timed(fn: Any, runs: int) -> list[float]:
    out = []
    fn()  # warm-up
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000, help="journal lines in the books")
    parser.add_argument(
        "--service-lines", type=int, default=40_000, help="of which posted through the posting service"
    )
    parser.add_argument("--runs", type=int, default=40, help="timed runs of each statement")
    args = parser.parse_args()
    queue = f"bench-finance-{uuid.uuid4().hex[:6]}"
    figures: dict[str, Any] = {}
    with scratch_database(HANSA_POOL_SIZE="0") as where:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        from hansa.celery import app

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        app.conf.task_default_queue = queue
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        from kernel.tenancy import company_context
        from tenants.finance.models import JournalLine, Period
        from tenants.finance.reports import balance_sheet, range_resolve, trial_balance
        from tenants.services import company_signup

        register_event()
        slug = f"bench-{uuid.uuid4().hex[:8]}"
        print("signing up a company (schema built on the spot) ...", flush=True)
        result = company_signup(
            company_name="Bench Books", slug=slug, country="CN", currency="CNY", locale="en",
            full_name="Owner", email=f"owner@{slug}.bench", password="bench-password-123",
        )  # fmt: skip
        with company_context(result.company):
            figures["queries"] = {n: queries_per_event(n) for n in (2, 20)}
            for n in (2, 20):
                count = args.service_lines // 2 // n
                ids = make_events(count, n, start=n * 1_000_000)
                print(f"posting {count:,} events of {n} lines through the posting service ...", flush=True)
                elapsed = post_events(ids)
                figures[f"post_{n}"] = (count, elapsed)
            print(f"filling the books to {args.lines:,} lines (bulk SQL) ...", flush=True)
            t0 = time.perf_counter()
            filled = fill(args.lines)
            figures["fill"] = (filled, time.perf_counter() - t0)
            total_lines = JournalLine.objects.count()
            last = (
                Period.objects.filter(start__lte=__import__("datetime").date.today()).order_by("start").last()
            )
            assert last is not None
            span = range_resolve(period_id=last.pk)
            bs = balance_sheet(span=span)
            assets = bs.row("total_assets").amount
            claims = bs.row("total_liabilities_and_equity").amount

            def raw() -> None:
                with connection.cursor() as cursor:
                    cursor.execute(RAW_SQL, {"from": span.date_from, "to": span.date_to})
                    cursor.fetchall()

            figures["tb"] = timed(lambda: trial_balance(span=span), args.runs)
            figures["bs"] = timed(lambda: balance_sheet(span=span), args.runs)
            figures["raw"] = timed(raw, max(5, args.runs // 4))
        connection.close()
        from kernel.redis import redis_client

        redis_client().delete(queue)

    print(f"\nfinance books on {where}: {total_lines:,} journal lines")
    print(f"\nposting through the posting service (event_post -> entry_post), {args.service_lines:,} lines:")
    print(
        f"{'lines/event':>12}{'events':>10}{'seconds':>10}{'events/s':>10}{'lines/s':>10}{'queries/event':>15}"
    )
    for n in (2, 20):
        count, elapsed = figures[f"post_{n}"]
        print(
            f"{n:>12}{count:>10,}{elapsed:>10.1f}{count / elapsed:>10.0f}{count * n / elapsed:>10.0f}"
            f"{figures['queries'][n]:>15}"
        )
    q2, q20 = figures["queries"][2], figures["queries"][20]
    print(f"queries per event: {q2} (2 lines) and {q20} (20 lines) -> {'constant' if q2 == q20 else 'GROW'}")
    filled, fill_time = figures["fill"]
    print(f"filled {filled:,} lines by bulk SQL in {fill_time:.1f} s (balances rebuilt from the lines)")
    raw_p95 = percentile(figures["raw"], 0.95) * 1000
    print(f"\nstatements of {span.label} ({args.runs} runs; raw SQL {len(figures['raw'])} runs):")
    for key, name in (("tb", "trial balance"), ("bs", "balance sheet")):
        p50 = statistics.median(figures[key]) * 1000
        p95 = percentile(figures[key], 0.95) * 1000
        print(
            f"  {name:<14} median {p50:7.1f} ms  p95 {p95:7.1f} ms  (target <= 200 ms: "
            f"{'met' if p95 <= 200 else 'MISSED'});  raw SQL over the lines p95 {raw_p95:7.1f} ms "
            f"-> {raw_p95 / p95:.0f}x faster"
        )
    print(f"balance sheet ties: assets {assets} = liabilities and equity {claims}: {assets == claims}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
