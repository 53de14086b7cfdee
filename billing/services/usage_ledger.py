"""The usage ledger: the events ``usage_record`` wrote to the outbox, moved into :class:`UsageEvent`.

Two paths deliver an event, and either may run any number of times:

- the relay (:func:`usage_relay`, beat every few seconds) moves a batch of pending ``billing.usage``
  outbox messages into the ledger in ONE statement and marks them processed, so metering costs no Celery
  message per event;
- the kernel's outbox sweeper delivers, one by one, whatever the relay left behind (the relay stopped):
  the handler :func:`usage_event_store` writes the same row.

The ledger row's id is the outbox message id and both paths insert with ``ON CONFLICT DO NOTHING``:
an event lands exactly once however often, and by whichever path, it is delivered. Rows are locked
``FOR UPDATE SKIP LOCKED`` by both paths, so they never work on the same message at once.

Gauge backfill: :func:`usage_gauges_recount` recomputes the members and listings counters from the
platform's own tables (memberships, catalog listings, both in ``public``; never a workspace schema).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from billing.meters import GAUGE_PERIOD, Meter
from billing.services.metering import USAGE_TOPIC

RELAY_BATCH = 5000

_RELAY_SQL = """
WITH batch AS (
    SELECT o.id, o.payload
    FROM kernel_outboxmessage o
    WHERE o.topic = %(topic)s AND o.processed_at IS NULL
    ORDER BY o.created_at
    LIMIT %(limit)s
    FOR UPDATE SKIP LOCKED
),
ledger AS (
    INSERT INTO billing_usageevent (id, company_id, meter, quantity, occurred_at, period_start)
    SELECT b.id, (b.payload->>'company_id')::bigint, b.payload->>'meter', (b.payload->>'quantity')::bigint,
           (b.payload->>'occurred_at')::timestamptz, (b.payload->>'period_start')::date
    FROM batch b
    -- a company deleted since has no ledger any more: its events are dropped, not retried for ever
    WHERE EXISTS (SELECT 1 FROM tenants_company c WHERE c.id = (b.payload->>'company_id')::bigint)
    ON CONFLICT (id) DO NOTHING
    RETURNING 1
),
done AS (
    UPDATE kernel_outboxmessage o
    SET processed_at = now(), attempts = o.attempts + 1, last_error = ''
    FROM batch b
    WHERE o.id = b.id
    RETURNING 1
)
SELECT (SELECT count(*) FROM done), (SELECT count(*) FROM ledger)
"""


@dataclass(frozen=True)
class RelayResult:
    processed: int
    """Outbox messages marked processed."""
    inserted: int
    """Ledger rows written (fewer when another path had written some already)."""


def usage_relay(*, limit: int = RELAY_BATCH) -> RelayResult:
    """Move up to ``limit`` pending usage events into the ledger (one statement, its own transaction)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_RELAY_SQL, {"topic": USAGE_TOPIC, "limit": limit})
        processed, inserted = cursor.fetchone()
    return RelayResult(processed=processed, inserted=inserted)


def usage_relay_all(*, limit: int = RELAY_BATCH, max_batches: int = 20) -> RelayResult:
    """Relay batches until none is full (at most ``max_batches``, so one beat run stays short)."""
    processed = inserted = 0
    for _ in range(max_batches):
        result = usage_relay(limit=limit)
        processed += result.processed
        inserted += result.inserted
        if result.processed < limit:
            break
    return RelayResult(processed=processed, inserted=inserted)


def usage_event_store(*, payload: dict[str, Any]) -> bool:
    """Write one event into the ledger (the outbox handler's path); True if it was not there yet."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO billing_usageevent (id, company_id, meter, quantity, occurred_at, period_start) "
            "SELECT %s, c.id, %s, %s, %s, %s FROM tenants_company c WHERE c.id = %s "
            "ON CONFLICT (id) DO NOTHING",
            [
                payload["event_id"],
                str(payload["meter"]),
                int(payload["quantity"]),
                dt.datetime.fromisoformat(str(payload["occurred_at"])),
                dt.date.fromisoformat(str(payload["period_start"])),
                int(payload["company_id"]),
            ],
        )
        return cursor.rowcount == 1


_RECOUNT_SQL = """
INSERT INTO billing_usagecounter AS u
    (company_id, meter, period_start, quantity, rated_quantity, warned_at_percent, updated_at)
SELECT c.id, %(meter)s, %(period)s, COALESCE(n.quantity, 0), 0, 0, now()
FROM tenants_company c
LEFT JOIN ({counts}) n ON n.company_id = c.id
WHERE c.status <> %(pooled)s
ON CONFLICT (company_id, meter, period_start) DO UPDATE
    SET quantity = EXCLUDED.quantity, updated_at = EXCLUDED.updated_at
    WHERE u.quantity IS DISTINCT FROM EXCLUDED.quantity
RETURNING u.company_id
"""

_GAUGE_COUNTS = {
    Meter.MEMBERS: (
        "SELECT company_id, count(*) AS quantity FROM identity_membership "
        "WHERE status = %(active_member)s GROUP BY company_id"
    ),
    Meter.LISTINGS: (
        "SELECT company_id, count(*) AS quantity FROM catalog_listing "
        "WHERE status <> %(archived)s GROUP BY company_id"
    ),
}


def usage_gauges_recount() -> dict[str, int]:
    """Set the members and listings gauges of every company to what the platform's tables hold now
    (active memberships; listings not archived). Returns, per meter, how many counters changed.

    One statement per meter whatever the number of companies. Writes no usage events (the ledger
    records changes, a recount is a correction). A change committed while it runs may be counted
    twice or not at all: run it again to settle, or in a quiet moment.
    """
    from identity.models import MembershipStatus
    from marketplace.catalog.models import ListingStatus
    from tenants.models import CompanyStatus

    changed: dict[str, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for meter, counts in _GAUGE_COUNTS.items():
            cursor.execute(
                _RECOUNT_SQL.format(counts=counts),
                {
                    "meter": str(meter),
                    "period": GAUGE_PERIOD,
                    "pooled": str(CompanyStatus.POOLED),
                    "active_member": str(MembershipStatus.ACTIVE),
                    "archived": str(ListingStatus.ARCHIVED),
                },
            )
            changed[str(meter)] = cursor.rowcount
    return changed
