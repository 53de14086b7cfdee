"""Celery tasks of provisioning."""

from __future__ import annotations

from django.conf import settings

from hansa.celery import app
from tenants import services


@app.task(name="tenants.pool_refill")
def pool_refill_task() -> int:
    return services.pool_refill(target=settings.HANSA_POOL_SIZE)
