"""Outbox handlers of billing (run by the kernel's delivery task and sweeper; idempotent)."""

from __future__ import annotations

from typing import Any

from billing.services.metering import USAGE_TOPIC
from billing.services.usage_ledger import usage_event_store
from kernel.outbox import outbox_handler


@outbox_handler(USAGE_TOPIC)
def usage_event(payload: dict[str, Any]) -> None:
    # Normally the batched relay (billing.usage_relay) gets there first; this is the sweeper's path.
    usage_event_store(payload=payload)
