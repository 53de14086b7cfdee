"""Celery tasks of inventory sharing (thin): the hourly purge of expired grants' snapshots."""

from __future__ import annotations

from django.utils import timezone

from hansa.celery import app
from marketplace.sharing.services import shared_stock_purge_expired


@app.task(name="supplychain.sharing_purge_expired")
def sharing_purge_expired() -> int:
    return shared_stock_purge_expired(today=timezone.localdate())
