"""The transactional outbox: nothing enqueued on rollback, lost enqueues recovered by the sweeper."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from hansa.celery import app
from kernel import outbox
from kernel.models import OutboxMessage
from kernel.redis import redis_client

pytestmark = pytest.mark.django_db(transaction=True)


@outbox.outbox_handler("tests.count")
def count_handler(payload: dict) -> None:
    cache.incr(payload["key"])


def queue_length() -> int:
    return redis_client().llen(app.conf.task_default_queue)


@pytest.fixture
def counter_key():
    key = f"outbox-test-{id(object())}"
    cache.set(key, 0)
    yield key
    cache.delete(key)
    OutboxMessage.objects.filter(topic="tests.count").delete()
    outbox.broker_publish_resume()  # a simulated outage must not pause the next test's enqueues


def test_rolled_back_transaction_records_and_enqueues_nothing(counter_key):
    queued = queue_length()

    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.outbox_record(topic="tests.count", payload={"key": counter_key})
        raise RuntimeError("business rule failed after the record")

    assert OutboxMessage.objects.filter(topic="tests.count").count() == 0
    assert queue_length() == queued


def test_committed_record_is_enqueued_once_and_delivered_idempotently(counter_key):
    queued = queue_length()

    with transaction.atomic():
        message = outbox.outbox_record(topic="tests.count", payload={"key": counter_key})

    assert queue_length() == queued + 1
    message.refresh_from_db()
    assert message.enqueued_at is not None
    assert outbox.outbox_deliver_message(message_id=str(message.pk)) is True
    assert outbox.outbox_deliver_message(message_id=str(message.pk)) is False  # redelivery: no effect
    assert cache.get(counter_key) == 1


def test_lost_enqueue_is_recovered_by_the_sweeper(counter_key, monkeypatch):
    from kernel import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.outbox_deliver, "delay", broker_down)
    with transaction.atomic():
        message = outbox.outbox_record(topic="tests.count", payload={"key": counter_key})
    message.refresh_from_db()
    assert message.enqueued_at is None and message.processed_at is None
    monkeypatch.undo()
    queued = queue_length()

    assert outbox.outbox_sweep(older_than=timedelta(hours=1)) == 0  # too young to sweep
    swept = outbox.outbox_sweep(older_than=timedelta(0))

    assert swept >= 1
    assert queue_length() >= queued + 1
    assert outbox.outbox_deliver_message(message_id=str(message.pk)) is True
    assert cache.get(counter_key) == 1
    assert (
        outbox.outbox_sweep(older_than=timedelta(0)) == 0
        or not OutboxMessage.objects.filter(pk=message.pk, processed_at__isnull=True).exists()
    )


def test_a_failed_publish_pauses_enqueues_of_the_process_until_one_succeeds(counter_key, monkeypatch):
    from kernel import tasks

    attempts: list[str] = []

    def broker_down(message_id: str) -> None:
        attempts.append(message_id)
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.outbox_deliver, "delay", broker_down)
    with transaction.atomic():
        first = outbox.outbox_record(topic="tests.count", payload={"key": counter_key})
    with transaction.atomic():  # during the pause: not even tried, left to the sweeper
        second = outbox.outbox_record(topic="tests.count", payload={"key": counter_key})
    assert attempts == [str(first.pk)]
    assert OutboxMessage.objects.filter(pk__in=[first.pk, second.pk], enqueued_at__isnull=True).count() == 2

    monkeypatch.undo()
    queued = queue_length()
    assert outbox.outbox_sweep(older_than=timedelta(0)) >= 2  # the sweeper tries despite the pause
    assert queue_length() >= queued + 2
    with transaction.atomic():  # its success ended the pause
        outbox.outbox_record(topic="tests.count", payload={"key": counter_key})
    assert queue_length() >= queued + 3


def test_the_sweeper_resends_an_enqueued_message_with_backoff_and_a_never_enqueued_one_at_once(counter_key):
    with transaction.atomic():
        message = outbox.outbox_record(topic="tests.count", payload={"key": counter_key})
    t0 = timezone.now() - timedelta(hours=1)
    rows = OutboxMessage.objects.filter(pk=message.pk)

    def due(*, enqueued: timedelta | None, at: timedelta) -> bool:
        rows.update(created_at=t0, enqueued_at=None if enqueued is None else t0 + enqueued)
        now = t0 + at
        return rows.filter(outbox.resend_due(now=now, cutoff=now - timedelta(seconds=30))).exists()

    assert not due(enqueued=None, at=timedelta(seconds=29))  # its on-commit enqueue may still come
    assert due(enqueued=None, at=timedelta(seconds=31))  # the publish failed: at once
    assert not due(enqueued=timedelta(seconds=1), at=timedelta(seconds=29))
    assert due(enqueued=timedelta(seconds=1), at=timedelta(seconds=40))  # lost: after the sweep delay
    # Re-sent at 35 s: again only once it waited half its age (at 70 s), not at every sweep.
    assert not due(enqueued=timedelta(seconds=35), at=timedelta(seconds=66))
    assert due(enqueued=timedelta(seconds=35), at=timedelta(seconds=71))


def test_failing_handler_is_retried_later_and_records_the_error(counter_key):
    with transaction.atomic():
        message = outbox.outbox_record(topic="tests.count", payload={"key": counter_key + "-missing"})

    assert outbox.outbox_deliver_message(message_id=str(message.pk)) is False
    message.refresh_from_db()
    assert message.processed_at is None and message.attempts == 1 and "ValueError" in message.last_error


def test_unknown_topic_is_refused():
    with pytest.raises(outbox.UnknownTopic):
        outbox.outbox_record(topic="tests.nobody-listens", payload={})
