"""Celery tasks of the kernel: outbox delivery and its sweeper, the purge of old idempotency records."""

from __future__ import annotations

from hansa.celery import app
from kernel import idempotency, outbox


@app.task(name="kernel.outbox_deliver", acks_late=True)
def outbox_deliver(message_id: str) -> bool:
    return outbox.outbox_deliver_message(message_id=message_id)


@app.task(name="kernel.outbox_sweep")
def outbox_sweep() -> int:
    return outbox.outbox_sweep()


@app.task(name="kernel.idempotency_purge")
def idempotency_purge() -> int:
    return idempotency.idempotency_records_purge()
