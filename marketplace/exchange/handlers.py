"""The registry of ingestion handlers: what a receiving company does with each kind of document.

Receiving apps register handlers in their ``AppConfig.ready()`` (by importing their handlers module)::

    @ingest_handler(DocumentKind.PURCHASE_ORDER)
    def purchase_order_received(doc: Incoming) -> None: ...

A handler runs INSIDE the receiver's schema and inside the ingestion transaction: raising rolls back
its effect, and the document is marked failed and retried later with backoff. It runs at most once per
document and receiver (the document id is recorded under a unique constraint in the same transaction).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from marketplace.exchange.kinds import DocumentKind


@dataclass(frozen=True)
class Incoming:
    id: uuid.UUID
    kind: str
    sender_id: int
    sender_name: str
    receiver_id: int
    refers_to: uuid.UUID | None
    payload: dict[str, Any]
    created_at: datetime


Handler = Callable[[Incoming], None]
_handlers: dict[str, Handler] = {}


def ingest_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of ``kind`` (one handler per kind)."""
    if kind not in DocumentKind.values:
        raise ValueError(f"unknown trade document kind {kind!r}")

    def register(fn: Handler) -> Handler:
        _handlers[kind] = fn
        return fn

    return register


def handler_for(kind: str) -> Handler | None:
    return _handlers.get(kind)


@contextmanager
def handler_overridden(kind: str, fn: Handler) -> Iterator[None]:
    """Tests: use ``fn`` as the handler of ``kind`` inside the block, then restore the previous one."""
    previous = _handlers.get(kind)
    _handlers[kind] = fn
    try:
        yield
    finally:
        if previous is None:
            _handlers.pop(kind, None)
        else:
            _handlers[kind] = previous
