"""Celery tasks of the trade exchange: ingestion (tenant-aware, runs in the receiver's schema), sweeper."""

from __future__ import annotations

import uuid

from hansa.celery import app
from marketplace.exchange import services


@app.task(name="exchange.ingest", acks_late=True)
def ingest_document(document_id: str) -> str:
    return services.document_ingest(document_id=uuid.UUID(document_id))


@app.task(name="exchange.sweep")
def exchange_sweep_task() -> int:
    return services.exchange_sweep()
