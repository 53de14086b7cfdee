# ruff: noqa: RUF001 - the Chinese texts use Chinese punctuation
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

The outbox row is not enqueued (no ``on_commit``, no Celery message per event): the batched relay
``billing.usage_relay`` moves pending events into the ledger, and the kernel's sweeper delivers whatever
it left behind (see :mod:`billing.services.usage_ledger`). Crossing 80% or 100% of a limit warns the
company's owners and finance members after commit; only then does a call cost more than its statement.
Where each meter is counted: docs/billing.md, "Metering and quotas".
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from functools import partial

from django.db import connection, transaction
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
    WHERE %(quantity)s <= 0 OR NOT %(enforce)s OR NOT EXISTS (
        SELECT 1 FROM lim WHERE lim.enforcement = 'hard' AND lim.included IS NOT NULL
                            AND %(quantity)s > lim.included
    )
    ON CONFLICT (company_id, meter, period_start) DO UPDATE
        SET quantity = u.quantity + EXCLUDED.quantity, updated_at = EXCLUDED.updated_at
        WHERE EXCLUDED.quantity <= 0 OR NOT %(enforce)s OR NOT EXISTS (
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
    *,
    company_id: int,
    meter: str,
    quantity: int = 1,
    at: dt.datetime | None = None,
    enforce: bool = True,
) -> UsageRecorded:
    """Count ``quantity`` of ``meter`` for the company now and record the usage event (one statement).

    Must run inside the transaction of the change it meters (the event commits with it or not at all).
    The event is written to the outbox without enqueueing anything: the usage relay
    (``billing.usage_relay``, every few seconds) moves pending events into the ledger in bulk, and the
    kernel's sweeper delivers any it left behind.

    ``enforce=False`` counts past a hard limit instead of refusing (for what must never be lost, such as
    a partner's purchase order ingested as a sales order); the counter then shows the excess.

    When the counter crosses 80% or 100% of the plan's limit (hard or soft) for the first time in the
    period, the company's owners and finance members are told after commit; only then does the call run
    more than its one statement.

    Raises:
        QuotaExceeded: a hard limit would be passed (``402 quota_exceeded`` with meter, limit, used).
    """
    if meter not in Meter.values:
        raise ValueError(f"unknown meter {meter!r}")
    at = at or timezone.now()
    start = period_start(meter, at)
    event_id = uuid.uuid4()
    payload = {
        "event_id": str(event_id),
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
                "enforce": enforce,
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
    recorded = UsageRecorded(
        event_id=event_id,
        meter=meter,
        period_start=start,
        quantity=used,
        included=included,
        enforcement=enforcement,
        warned_at_percent=warned,
    )
    usage_warn_if_crossed(company_id=company_id, recorded=recorded, delta=quantity)
    return recorded


# Warnings at 80% and 100% ------------------------------------------------------------------------------

WARN_LEVELS = (100, 80)
# A gauge that falls this many points below a level it warned at may warn at that level again.
WARN_REARM_MARGIN = 10


def warn_level(*, used: int, included: int | None) -> int:
    """The highest warning level (0, 80, 100) that ``used`` of ``included`` has reached."""
    if not included or included <= 0:
        return 0
    for level in WARN_LEVELS:
        if used * 100 >= level * included:
            return level
    return 0


def usage_warn_if_crossed(*, company_id: int, recorded: UsageRecorded, delta: int) -> bool:
    """Warn the company once per level and period when ``recorded`` reached 80% or 100% of the limit.

    Costs nothing unless a level is crossed: the decision uses what the metering statement returned.
    Claiming the level is a conditional UPDATE (``warned_at_percent < level``), so of two requests
    crossing it at once exactly one sends. A gauge going down far enough below a level re-arms it (an
    upgrade or a clean-up, then growth again, warns again). Returns True when a warning was scheduled.
    """
    level = warn_level(used=recorded.quantity, included=recorded.included)
    counter = UsageCounter.objects.filter(
        company_id=company_id, meter=recorded.meter, period_start=recorded.period_start
    )
    if delta < 0:
        if recorded.warned_at_percent and recorded.included:
            rearm = (
                recorded.quantity * 100 < (recorded.warned_at_percent - WARN_REARM_MARGIN) * recorded.included
            )
            if rearm:
                counter.filter(warned_at_percent__gt=level).update(warned_at_percent=level)
        return False
    if level <= recorded.warned_at_percent:
        return False
    if not counter.filter(warned_at_percent__lt=level).update(warned_at_percent=level):
        return False
    transaction.on_commit(
        partial(
            usage_warning_send,
            company_id=company_id,
            meter=recorded.meter,
            level=level,
            used=recorded.quantity,
            included=int(recorded.included or 0),
            enforcement=recorded.enforcement or "",
            period_start=recorded.period_start,
            event_id=recorded.event_id,
        ),
        robust=True,
    )
    return True


WARNING_KIND = "billing.usage_warning"
WARNING_ROLES = ("owner", "finance")

_METER_ZH: dict[str, str] = {
    Meter.MEMBERS: "成员",
    Meter.LISTINGS: "产品目录条目",
    Meter.RFQS_PUBLISHED: "每月发布的询价单",
    Meter.PURCHASE_ORDERS: "每月采购订单",
    Meter.SALES_ORDERS: "每月销售订单",
    Meter.API_REQUESTS: "每日 API 请求",
    Meter.STORAGE_MB: "存储空间 (MB)",
}


def usage_warning_send(
    *,
    company_id: int,
    meter: str,
    level: int,
    used: int,
    included: int,
    enforcement: str,
    period_start: dt.date,
    event_id: uuid.UUID,
) -> int:
    """Tell the company's owners and finance members (in-app and by e-mail, in their language) that
    ``meter`` reached ``level`` percent of the plan's limit. Idempotent per company, meter, period and
    level (the notification key). Returns how many members were told now."""
    from identity.models import Membership, MembershipStatus
    from notifications.selectors import Recipient
    from notifications.services import Email, notification_send

    recipients = [
        Recipient(company_id, user_id)
        for user_id in Membership.objects.filter(
            company_id=company_id,
            status=MembershipStatus.ACTIVE,
            roles__overlap=list(WARNING_ROLES),
            user__is_active=True,
        )
        .order_by("user_id")
        .values_list("user_id", flat=True)
    ]
    label_en = Meter(meter).label
    label_zh = _METER_ZH.get(meter, meter)
    hard = enforcement == "hard"
    if level >= 100:
        then_en = (
            "New ones are refused until you upgrade the plan or the period ends."
            if hard
            else "What goes over the plan is billed at the plan's overage price."
        )
        then_zh = (
            "在升级套餐或本周期结束前，新的操作将被拒绝。"
            if hard
            else "超出套餐的部分将按套餐的超额单价计费。"
        )
    else:
        then_en = "Consider upgrading the plan on the billing page."
        then_zh = "请考虑在账单页面升级套餐。"
    payload = {
        "meter": meter,
        "percent": level,
        "used": used,
        "included": included,
        "enforcement": enforcement,
        "period_start": period_start.isoformat(),
        "title": label_en,
    }
    email = Email(
        subject_en=f"{label_en}: {level}% of your plan's limit used",
        body_en=(
            f"Your company has used {used} of the {included} included in its plan ({label_en}). "
            f"{then_en}\n\n{{link}}\n"
        ),
        subject_zh=f"{label_zh}：已使用套餐额度的 {level}%",
        body_zh=f"贵公司已使用套餐所含 {included} 中的 {used}（{label_zh}）。{then_zh}\n\n{{link}}\n",
        link_path="/billing",
    )
    return notification_send(
        recipients=recipients,
        kind=WARNING_KIND,
        # One crossing, one key: a redelivered callback tells nobody twice, a re-armed gauge warns again.
        key=f"billing.usage:{event_id}:{level}",
        payload=payload,
        subject_type="usage",
        email=email,
    )


MEGABYTE = 1024 * 1024


def storage_units(*, size_bytes: int) -> int:
    """What a stored file of ``size_bytes`` counts on the storage meter: whole MB, rounded up per file
    (an empty file counts nothing)."""
    return -(-max(size_bytes, 0) // MEGABYTE)


def storage_record(*, company_id: int, size_bytes: int, removed: bool = False) -> None:
    """Count a file stored (or, ``removed``, taken away) on the company's storage gauge; nothing for an
    empty file. Call it before the file is written, so a refused upload leaves no file behind.

    Raises:
        QuotaExceeded: storing it would pass a hard storage limit.
    """
    units = storage_units(size_bytes=size_bytes)
    if units:
        usage_record(company_id=company_id, meter=Meter.STORAGE_MB, quantity=-units if removed else units)


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
