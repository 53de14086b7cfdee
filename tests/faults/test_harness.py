"""The fault tests' own machinery must leave the pytest process as it found it."""

from __future__ import annotations

from tests.faults.harness import broker_switched


def _publish_connects() -> None:
    from hansa.celery import app

    with app.producer_or_acquire() as producer:
        producer.connection.ensure_connection(max_retries=1)


def test_after_a_broker_switch_this_process_still_publishes_to_its_own_broker() -> None:
    # A later test on the same worker enqueues on commit (the warm-pool refill after a sign-up); it failed
    # with "Acquire on closed pool" when the switch closed the pool kombu keeps registered for the URL.
    from hansa.celery import app

    _publish_connects()
    with broker_switched(app.conf.broker_url):
        _publish_connects()
    _publish_connects()
