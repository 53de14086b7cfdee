"""Transactional outbox: record an effect with the change that causes it, deliver it after commit.

    outbox_record(topic="tenants.company_welcome", payload={"company_id": 7})

The row is written in the caller's transaction; its delivery task is enqueued with
``transaction.on_commit``, so a rolled-back transaction enqueues nothing. Handlers are registered with
:func:`outbox_handler`, run inside the schema that recorded the message, and must be idempotent: the
sweeper re-enqueues anything not processed after ``HANSA_OUTBOX_SWEEP_AFTER_SECONDS`` (a lost enqueue,
a broker outage, a worker killed mid-task), and delivery is at least once.

An enqueue that fails never fails the request that committed the row: it is logged and left to the
sweeper. After a failed publish this process stops trying for ``HANSA_ENQUEUE_PAUSE_SECONDS``
(:func:`broker_publish`), so a broker that is down or hung costs one slow request per process, not
every request. Behaviour under faults (a broker stopped for 60 s, a worker killed mid-task 100 times):
tests/faults/ and docs/operations.md, "Failure and recovery".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, ExpressionWrapper, F, Q, Value
from django.utils import timezone

from kernel.models import OutboxMessage
from kernel.tenancy import current_schema, schema_context

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], None]
_handlers: dict[str, Handler] = {}


class UnknownTopic(Exception):
    pass


def outbox_handler(topic: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _handlers[topic] = fn
        return fn

    return register


def outbox_record(*, topic: str, payload: dict[str, Any]) -> OutboxMessage:
    """Record a message in the current transaction and enqueue its delivery after commit."""
    if topic not in _handlers:
        raise UnknownTopic(topic)
    message = OutboxMessage.objects.create(schema_name=current_schema(), topic=topic, payload=payload)
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


_publish_paused_until = 0.0  # time.monotonic(); this process skips publishing until then


def broker_publish(send: Callable[[], object], *, what: str, force: bool = False) -> bool:
    """Run ``send`` (a Celery publish) unless a publish failed lately; True if it was sent.

    Used after commit by every enqueue that a sweeper backs up. A failure is logged, never raised, and
    pauses publishing in this process for ``HANSA_ENQUEUE_PAUSE_SECONDS``: during a broker outage the
    requests of that window skip the broker (their rows wait for the sweeper) instead of each waiting out
    the connection timeouts and retries. ``force`` (the sweepers, which the broker just delivered) tries
    even during a pause, and a success ends the pause.
    """
    global _publish_paused_until
    if not force and time.monotonic() < _publish_paused_until:
        logger.warning("broker publishing paused after a failure; %s is left to the sweeper", what)
        return False
    try:
        send()
    except Exception:  # the sweeper will pick it up
        _publish_paused_until = time.monotonic() + settings.HANSA_ENQUEUE_PAUSE_SECONDS
        logger.exception("enqueue of %s failed; the sweeper will retry", what)
        return False
    _publish_paused_until = 0.0
    return True


def broker_publish_resume() -> None:
    """Forget a past publish failure (tests; a process that knows the broker is back)."""
    global _publish_paused_until
    _publish_paused_until = 0.0


def _enqueue(message_id: Any, *, force: bool = False) -> None:
    from kernel.tasks import outbox_deliver

    # Marked BEFORE the task is sent: the task locks the row with SKIP LOCKED, so an UPDATE still holding
    # the row when a fast worker picks the task up would make it skip the message until the sweeper.
    OutboxMessage.objects.filter(pk=message_id).update(enqueued_at=timezone.now())
    sent = broker_publish(
        lambda: outbox_deliver.delay(str(message_id)), what=f"outbox message {message_id}", force=force
    )
    if not sent:
        OutboxMessage.objects.filter(pk=message_id).update(enqueued_at=None)


def outbox_deliver_message(*, message_id: str) -> bool:
    """Run the handler of one message once; returns True if it ran now.

    Locks the row (SKIP LOCKED), so two deliveries of the same message never run at once; a message
    already processed is skipped, which makes redelivery harmless.
    """
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, processed_at__isnull=True)
            .first()
        )
        if message is None:
            return False
        message.attempts += 1
        try:
            with schema_context(message.schema_name), transaction.atomic():
                _handlers[message.topic](message.payload)
        except Exception as exc:
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            message.save(update_fields=["attempts", "last_error"])
            logger.exception("outbox handler failed for %s", message)
            return False
        message.processed_at = timezone.now()
        message.last_error = ""
        message.save(update_fields=["attempts", "processed_at", "last_error"])
        return True


def resend_due(*, now: datetime, cutoff: datetime) -> Q:
    """Rows (``created_at``, ``enqueued_at``) whose last enqueue may have been lost, with backoff.

    Never enqueued and older than ``cutoff``; or last enqueued before ``cutoff`` AND at least half of the
    row's age ago. A task may still be waiting in a long queue (a backlog after an outage, a slow worker):
    re-sending everything older than the sweep delay on every sweep would add the whole backlog to the
    queue again each time, and the worker would drown in no-op deliveries. With the backoff a row is
    re-sent at about 1, 2, 4, 8... times the sweep delay: a lost task is found within twice its age, a
    queued one is sent a few times at most.
    """
    half_age = ExpressionWrapper(
        F("created_at") + (Value(now, output_field=DateTimeField()) - F("created_at")) / 2,
        output_field=DateTimeField(),
    )
    return Q(enqueued_at__isnull=True, created_at__lte=cutoff) | (
        Q(enqueued_at__lte=cutoff) & Q(enqueued_at__lte=half_age)
    )


def outbox_sweep(*, older_than: timedelta | None = None, limit: int = 500) -> int:
    """Re-enqueue messages left unprocessed for longer than the sweep delay (with backoff, see
    :func:`resend_due`); returns how many."""
    age = (
        older_than if older_than is not None else timedelta(seconds=settings.HANSA_OUTBOX_SWEEP_AFTER_SECONDS)
    )
    now = timezone.now()
    cutoff = now - age
    ids = list(
        OutboxMessage.objects.filter(processed_at__isnull=True, created_at__lte=cutoff, attempts__lt=25)
        .filter(resend_due(now=now, cutoff=cutoff))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for message_id in ids:
        _enqueue(message_id, force=True)
    return len(ids)
