"""Outbox handlers of RFQs (run after commit by a Celery worker; idempotent)."""

from __future__ import annotations

from typing import Any

from kernel.outbox import outbox_handler
from marketplace.rfq import services
from marketplace.rfq.services.lifecycle import TOPIC_BROADCAST, TOPIC_HISTORY, TOPIC_NOTIFY


@outbox_handler(TOPIC_BROADCAST)
def broadcast(payload: dict[str, Any]) -> None:
    services.broadcast_invitations(rfq_id=int(payload["rfq_id"]))


@outbox_handler(TOPIC_NOTIFY)
def notify(payload: dict[str, Any]) -> None:
    services.notify_event(payload)


@outbox_handler(TOPIC_HISTORY)
def history(payload: dict[str, Any]) -> None:
    services.supplier_ratings_refresh(rfq_ids=[int(i) for i in payload["rfq_ids"]])
