"""Transactional outbox: record an effect with the change that causes it, deliver it after commit.

    outbox_record(topic="tenants.company_welcome", payload={"company_id": 7})

The row is written in the caller's transaction; its delivery task is enqueued with
``transaction.on_commit``, so a rolled-back transaction enqueues nothing. Handlers are registered with
:func:`outbox_handler`, run inside the schema that recorded the message, and must be idempotent: the
sweeper re-enqueues anything not processed after ``HANSA_OUTBOX_SWEEP_AFTER_SECONDS`` (a lost enqueue,
a broker outage, a worker killed mid-task), and delivery is at least once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
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


def _enqueue(message_id: Any) -> None:
    from kernel.tasks import outbox_deliver

    # Marked BEFORE the task is sent: the task locks the row with SKIP LOCKED, so an UPDATE still holding
    # the row when a fast worker picks the task up would make it skip the message until the sweeper.
    OutboxMessage.objects.filter(pk=message_id).update(enqueued_at=timezone.now())
    try:
        outbox_deliver.delay(str(message_id))
    except Exception:  # the sweeper will pick it up
        logger.exception("outbox enqueue failed for %s; the sweeper will retry", message_id)
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


def outbox_sweep(*, older_than: timedelta | None = None, limit: int = 500) -> int:
    """Re-enqueue messages left unprocessed for longer than the sweep delay; returns how many."""
    age = (
        older_than if older_than is not None else timedelta(seconds=settings.HANSA_OUTBOX_SWEEP_AFTER_SECONDS)
    )
    cutoff = timezone.now() - age
    ids = list(
        OutboxMessage.objects.filter(processed_at__isnull=True, created_at__lte=cutoff, attempts__lt=25)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for message_id in ids:
        _enqueue(message_id)
    return len(ids)
