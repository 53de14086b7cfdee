"""Month-end rating: bill what companies used over their plan in a closed calendar month.

For every offline-gateway subscription that has been paid for (``converted_at`` set), each monthly meter
(:data:`billing.meters.METER_PERIODS` = month) that its plan version limits *softly* with an overage
price in the subscription's currency is billed for the quantity over ``included``, at that price. Each
company gets one **usage invoice** per run (lines of kind ``overage``, one per meter, ``period_start`` =
the month), numbered in the same gapless sequence as every other invoice, with VAT and credit balance as
:func:`billing.services.invoices.invoice_issue` applies them. A usage invoice is separate from the
renewal invoice because periods are anniversaries (a subscription renews on the day it converted) while
usage counts by calendar month; one invoice per month also makes a late increment easy to see.

Never twice: ``UsageCounter.rated_quantity`` records how much of the counter a run has billed, in the
same statement that reads the counter (row locked). A re-run bills nothing; a late increment (usage
recorded after the month closed, e.g. an outbox message relayed late) is billed by the next run, only the
difference: ``max(quantity - included, 0) - max(rated_quantity - included, 0)``.

Set-based: the whole run is a constant number of SQL statements, whatever the number of companies,
counters or usage events (events are never read: counters are exact, see ``usage_record``).

Locks, in this order (the order every billing service uses): the subscription rows (ordered by id), the
counters, then the invoice-number row of the year, whose block of numbers is taken once for the whole
run. A plan change at the same time locks the same subscription row, so one of the two waits for the
other: the invoice is rated either wholly with the old plan (the change then comes after) or wholly with
the new one. The plan version rated is the subscription's at the time of the run.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from billing.meters import METER_PERIODS, Meter, MeterPeriod
from billing.models import Enforcement, Gateway, InvoiceLineKind, InvoiceStatus
from kernel.errors import ValidationFailed
from tenants.models import Company

MONTHLY_METERS = [str(meter) for meter, period in METER_PERIODS.items() if period == MeterPeriod.MONTH]


@dataclass
class RatingRun:
    """What one rating run issued."""

    month: str = ""
    invoices: int = 0
    lines: int = 0
    first_number: str = ""
    last_number: str = ""


_LOCK_SUBSCRIPTIONS = """
SELECT count(*) FROM (
    SELECT s.id FROM billing_subscription s
    WHERE s.gateway = %(gateway)s AND s.converted_at IS NOT NULL
      AND EXISTS (
          SELECT 1 FROM billing_usagecounter u
          WHERE u.company_id = s.company_id AND u.period_start = %(period)s
            AND u.meter = ANY(%(meters)s) AND u.quantity > u.rated_quantity
      )
    ORDER BY s.id
    FOR UPDATE OF s
) locked
"""

_CREATE_LINES = """
CREATE TEMP TABLE billing_rating_lines (
    company_id bigint NOT NULL,
    subscription_id bigint NOT NULL,
    currency varchar(3) NOT NULL,
    meter varchar(30) NOT NULL,
    included bigint NOT NULL,
    billed bigint NOT NULL,
    unit numeric(16, 4) NOT NULL,
    amount numeric(14, 2) NOT NULL
) ON COMMIT DROP
"""

# Reads and locks the counters, marks them rated and keeps what is to be billed, in one statement.
_RATE = """
WITH c AS (
    SELECT u.id, u.company_id, u.meter, u.quantity, u.rated_quantity, s.id AS subscription_id, s.currency,
           e.included, (e.overage_prices ->> s.currency)::numeric AS unit
    FROM billing_usagecounter u
    JOIN billing_subscription s ON s.company_id = u.company_id
    JOIN billing_entitlement e ON e.version_id = s.plan_version_id AND e.meter = u.meter
    WHERE u.period_start = %(period)s AND u.meter = ANY(%(meters)s) AND u.quantity > u.rated_quantity
      AND s.gateway = %(gateway)s AND s.converted_at IS NOT NULL
      AND e.enforcement = %(soft)s AND e.included IS NOT NULL
      AND (e.overage_prices ->> s.currency) IS NOT NULL
    FOR UPDATE OF u, s
),
marked AS (
    UPDATE billing_usagecounter u SET rated_quantity = c.quantity, updated_at = %(now)s
    FROM c WHERE u.id = c.id
),
billed AS (
    SELECT c.*, GREATEST(c.quantity - c.included, 0) - GREATEST(c.rated_quantity - c.included, 0) AS billed
    FROM c
)
INSERT INTO billing_rating_lines
SELECT company_id, subscription_id, currency, meter, included, billed, unit, round(billed * unit, 2)
FROM billed
WHERE billed > 0 AND round(billed * unit, 2) > 0
"""

_ENSURE_SEQUENCE = """
INSERT INTO billing_invoicenumbersequence (year, last_number) VALUES (%(year)s, 0) ON CONFLICT DO NOTHING
"""

# Takes the year's row lock (held until commit: numbers stay gapless) and a block of numbers.
_ALLOCATE = """
UPDATE billing_invoicenumbersequence q SET last_number = q.last_number + n.companies
FROM (SELECT count(DISTINCT company_id) AS companies FROM billing_rating_lines) n
WHERE q.year = %(year)s
RETURNING q.last_number - n.companies, n.companies
"""

_ISSUE = """
WITH totals AS (
    SELECT company_id, subscription_id, currency, sum(amount) AS subtotal,
           row_number() OVER (ORDER BY company_id) AS rn
    FROM billing_rating_lines
    GROUP BY company_id, subscription_id, currency
),
priced AS (
    SELECT t.*, co.country, COALESCE(NULLIF(co.legal_name, ''), co.name) AS buyer_name,
           GREATEST(LEAST(s.credit_balance, t.subtotal), 0) AS credit,
           COALESCE(%(rates)s::jsonb ->> co.country, %(rates)s::jsonb ->> '*', '0')::numeric AS rate
    FROM totals t
    JOIN tenants_company co ON co.id = t.company_id
    JOIN billing_subscription s ON s.id = t.subscription_id
),
netted AS (
    SELECT p.*, p.subtotal - p.credit AS net, round((p.subtotal - p.credit) * p.rate / 100, 2) AS tax
    FROM priced p
),
credited AS (
    UPDATE billing_subscription s SET credit_balance = s.credit_balance - n.credit, updated_at = %(now)s
    FROM netted n WHERE s.id = n.subscription_id AND n.credit > 0
),
inv AS (
    INSERT INTO billing_invoice (
        company_id, subscription_id, number, status, gateway, currency, period_start, period_end,
        subtotal, tax_rate, tax_amount, total, amount_paid, issued_at, due_at, paid_at,
        buyer_name, buyer_tax_id, buyer_country, stripe_invoice_id, created_at, updated_at
    )
    SELECT company_id, subscription_id,
           %(prefix)s || '-' || %(year)s::text || '-'
               || lpad((%(start)s + rn)::text, greatest(6, length((%(start)s + rn)::text)), '0'),
           CASE WHEN net + tax > 0 THEN %(open)s ELSE %(paid)s END, %(gateway)s, currency,
           %(period_start)s, %(period_end)s,
           net, rate, tax, net + tax, 0, %(now)s, %(due)s,
           CASE WHEN net + tax > 0 THEN NULL ELSE %(now)s::timestamptz END,
           left(buyer_name, 300), '', country, '', %(now)s, %(now)s
    FROM netted
    RETURNING id, company_id
),
credit_lines AS (
    INSERT INTO billing_invoiceline
        (invoice_id, kind, description, meter, quantity, unit_amount, amount, period_start)
    SELECT inv.id, %(credit_kind)s, 'Credit from an earlier change', '', 1, -n.credit, -n.credit, NULL
    FROM inv JOIN netted n ON n.company_id = inv.company_id
    WHERE n.credit > 0
),
usage_lines AS (
    INSERT INTO billing_invoiceline
        (invoice_id, kind, description, meter, quantity, unit_amount, amount, period_start)
    SELECT inv.id, %(overage_kind)s,
           left((%(labels)s::jsonb ->> l.meter) || ', ' || %(month)s || ': ' || l.billed::text
                || ' over the ' || l.included::text || ' included', 300),
           l.meter, l.billed, l.unit, l.amount, %(period)s
    FROM inv JOIN billing_rating_lines l ON l.company_id = inv.company_id
)
SELECT inv.id, inv.company_id FROM inv
"""

_DROP_LINES = "DROP TABLE billing_rating_lines"


def month_start(at: dt.datetime) -> dt.date:
    return at.astimezone(dt.UTC).date().replace(day=1)


@transaction.atomic
def usage_rate_month(*, month: dt.date, now: dt.datetime | None = None) -> RatingRun:
    """Bill the usage over the plan of the calendar month starting ``month`` (UTC), for every offline
    subscription at once; returns what was issued. Safe to repeat: only what no run billed yet is billed.

    Raises:
        ValidationFailed: ``month`` is not the first day of a month, or the month has not ended.
    """
    now = now or timezone.now()
    if month.day != 1:
        raise ValidationFailed(errors={"month": ["Give the first day of the month."]})
    end = month + relativedelta(months=1)
    if now.astimezone(dt.UTC).date() < end:
        raise ValidationFailed(errors={"month": ["The month has not ended yet."]})
    period_start = dt.datetime.combine(month, dt.time(), tzinfo=dt.UTC)
    period_end = dt.datetime.combine(end, dt.time(), tzinfo=dt.UTC)
    run = RatingRun(month=month.strftime("%Y-%m"))
    params: dict[str, Any] = {
        "period": month,
        "meters": MONTHLY_METERS,
        "gateway": Gateway.OFFLINE.value,
        "soft": Enforcement.SOFT.value,
        "now": now,
        "year": now.year,
    }
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_SUBSCRIPTIONS, params)
        cursor.execute(_CREATE_LINES)
        cursor.execute(_RATE, params)
        run.lines = cursor.rowcount
        if run.lines > 0:
            cursor.execute(_ENSURE_SEQUENCE, params)
            cursor.execute(_ALLOCATE, params)
            row = cursor.fetchone()
            assert row is not None
            start, companies = row
            cursor.execute(
                _ISSUE,
                {
                    **params,
                    "start": start,
                    "prefix": settings.HANSA_BILLING_INVOICE_PREFIX,
                    "rates": json.dumps(settings.HANSA_BILLING_VAT_RATES),
                    "open": InvoiceStatus.OPEN.value,
                    "paid": InvoiceStatus.PAID.value,
                    "period_start": period_start,
                    "period_end": period_end,
                    "due": now + dt.timedelta(days=settings.HANSA_BILLING_PAYMENT_TERMS_DAYS),
                    "credit_kind": InvoiceLineKind.CREDIT.value,
                    "overage_kind": InvoiceLineKind.OVERAGE.value,
                    "labels": json.dumps({m.value: m.label.removesuffix(" per month") for m in Meter}),
                    "month": run.month,
                },
            )
            issued = cursor.fetchall()
            run.invoices = len(issued)
            prefix = f"{settings.HANSA_BILLING_INVOICE_PREFIX}-{now.year}-"
            run.first_number = f"{prefix}{start + 1:06d}"
            run.last_number = f"{prefix}{start + companies:06d}"
            _copy_tax_ids(cursor, issued)
        cursor.execute(_DROP_LINES)
    return run


def _copy_tax_ids(cursor: object, issued: list[tuple[int, int]]) -> None:
    """Tax ids are encrypted at rest, so SQL cannot copy them: read the non-empty ones (one query),
    decrypt them here and write them onto the new invoices (one statement)."""
    field = Company._meta.get_field("tax_id")
    invoice_of = {company_id: invoice_id for invoice_id, company_id in issued}
    with connection.cursor() as c:
        c.execute(
            "SELECT id, tax_id FROM tenants_company WHERE id = ANY(%s) AND tax_id <> ''", [list(invoice_of)]
        )
        rows = [(invoice_of[pk], field.from_db_value(token, None, connection)) for pk, token in c.fetchall()]  # type: ignore[attr-defined]
        if rows:
            c.execute(
                "UPDATE billing_invoice i SET buyer_tax_id = left(v.tax_id, 100) "
                "FROM unnest(%s::bigint[], %s::text[]) AS v(invoice_id, tax_id) WHERE i.id = v.invoice_id",
                [[r[0] for r in rows], [r[1] for r in rows]],
            )


def usage_rate_previous_month(*, now: dt.datetime | None = None) -> RatingRun:
    """Beat task body: rate the month before the one ``now`` is in (runs daily; repeats bill nothing
    new, late usage is billed as it arrives)."""
    now = now or timezone.now()
    return usage_rate_month(month=month_start(now) - relativedelta(months=1), now=now)
