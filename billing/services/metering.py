"""Usage metering and quotas, in the service that creates the metered thing.

    usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS)

runs ONE SQL statement in the caller's transaction. It

- reads the hard limit of the company's plan for the meter,
- adds ``quantity`` to the company's counter of the meter's current period, unless that would take it
  past a hard limit (the counter row is locked by the upsert, so two requests at the limit cannot both
  pass: one gets ``quota_exceeded``),
- and writes the usage event into the kernel outbox (topic ``billing.usage``; the outbox id is the event
  id, later the Stripe meter event identifier).

When nothing is returned the limit is reached: :class:`QuotaExceeded` is raised and the caller's
transaction rolls back, so nothing of the request is written. Gauges (members, listings, storage) take a
negative quantity when a thing goes away; that is never refused.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from billing.exceptions import FeatureNotInPlan, QuotaExceeded
from billing.meters import Meter, period_start
from billing.models import Subscription, UsageCounter
from kernel.tenancy import current_schema

USAGE_TOPIC = "billing.usage"

_RECORD_SQL = """
WITH lim AS (
    SELECT e.included, e.enforcement
    FROM billing_subscription s
    JOIN billing_entitlement e ON e.version_id = s.plan_version_id AND e.meter = %(meter)s
    WHERE s.company_id = %(company)s
),
counter AS (
    INSERT INTO billing_usagecounter AS u
        (company_id, meter, period_start, quantity, rated_quantity, warned_at_percent, updated_at)
    SELECT %(company)s, %(meter)s, %(period)s, %(quantity)s, 0, 0, %(at)s
    WHERE %(quantity)s <= 0 OR NOT EXISTS (
        SELECT 1 FROM lim WHERE lim.enforcement = 'hard' AND lim.included IS NOT NULL
                            AND %(quantity)s > lim.included
    )
    ON CONFLICT (company_id, meter, period_start) DO UPDATE
        SET quantity = u.quantity + EXCLUDED.quantity, updated_at = EXCLUDED.updated_at
        WHERE EXCLUDED.quantity <= 0 OR NOT EXISTS (
            SELECT 1 FROM lim WHERE lim.enforcement = 'hard' AND lim.included IS NOT NULL
                                AND u.quantity + EXCLUDED.quantity > lim.included
        )
    RETURNING u.quantity, u.warned_at_percent
),
event AS (
    INSERT INTO kernel_outboxmessage (id, schema_name, topic, payload, created_at, attempts, last_error)
    SELECT %(id)s, %(schema)s, %(topic)s, %(payload)s::jsonb, %(at)s, 0, '' FROM counter
    RETURNING id
)
SELECT counter.quantity, counter.warned_at_percent, lim.included, lim.enforcement, (SELECT count(*) FROM event)
FROM counter LEFT JOIN lim ON true
"""


@dataclass(frozen=True)
class UsageRecorded:
    event_id: uuid.UUID
    meter: str
    period_start: dt.date
    quantity: int
    """The counter after this event."""
    included: int | None
    enforcement: str | None
    warned_at_percent: int


def usage_record(
    *, company_id: int, meter: str, quantity: int = 1, at: dt.datetime | None = None
) -> UsageRecorded:
    """Count ``quantity`` of ``meter`` for the company now and record the usage event (one statement).

    Must run inside the transaction of the change it meters (the event commits with it or not at all).

    Raises:
        QuotaExceeded: a hard limit would be passed (``402 quota_exceeded`` with meter, limit, used).
    """
    if meter not in Meter.values:
        raise ValueError(f"unknown meter {meter!r}")
    at = at or timezone.now()
    start = period_start(meter, at)
    event_id = uuid.uuid4()
    payload = {
        "company_id": company_id,
        "meter": meter,
        "quantity": quantity,
        "occurred_at": at.isoformat(),
        "period_start": start.isoformat(),
    }
    with connection.cursor() as cursor:
        cursor.execute(
            _RECORD_SQL,
            {
                "company": company_id,
                "meter": meter,
                "period": start,
                "quantity": quantity,
                "at": at,
                "id": event_id,
                "schema": current_schema(),
                "topic": USAGE_TOPIC,
                "payload": json.dumps(payload),
            },
        )
        row = cursor.fetchone()
    if row is None:
        _raise_quota_exceeded(company_id=company_id, meter=meter, start=start, quantity=quantity)
    assert row is not None
    used, warned, included, enforcement, _events = row
    return UsageRecorded(
        event_id=event_id,
        meter=meter,
        period_start=start,
        quantity=used,
        included=included,
        enforcement=enforcement,
        warned_at_percent=warned,
    )


def _raise_quota_exceeded(*, company_id: int, meter: str, start: dt.date, quantity: int) -> None:
    subscription = Subscription.objects.select_related("plan_version").filter(company_id=company_id).first()
    limit = (
        subscription.plan_version.entitlements.filter(meter=meter).values_list("included", flat=True).first()
        if subscription is not None
        else None
    )
    used = (
        UsageCounter.objects.filter(company_id=company_id, meter=meter, period_start=start)
        .values_list("quantity", flat=True)
        .first()
        or 0
    )
    raise QuotaExceeded(
        f"Your plan includes {limit} ({Meter(meter).label.lower()}); {used} are used. "
        "Upgrade the plan on the billing page to go on.",
        meter=meter,
        limit=limit,
        used=used,
        requested=quantity,
    )


def feature_enabled(*, company_id: int, feature: str) -> bool:
    """Whether the company's plan includes ``feature`` (a company without a subscription has all)."""
    features = (
        Subscription.objects.filter(company_id=company_id)
        .values_list("plan_version__features", flat=True)
        .first()
    )
    return features is None or feature in features


def feature_require(*, company_id: int, feature: str) -> None:
    """Raises:
    FeatureNotInPlan: the company's plan does not include ``feature`` (``403 feature_not_in_plan``)."""
    if not feature_enabled(company_id=company_id, feature=feature):
        raise FeatureNotInPlan("Upgrade the plan on the billing page to use this.", feature=feature)
