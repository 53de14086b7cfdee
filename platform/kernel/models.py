"""Kernel tables in the public schema: the outbox and idempotency records.

Both name the schema they belong to, so one table serves every tenant and a sweeper can see all of them.
"""

from __future__ import annotations

import uuid

from django.db import models


class OutboxMessage(models.Model):
    """An effect to cause after the transaction that recorded it commits.

    Written in the same transaction as the change that causes it; delivered by a Celery task enqueued on
    commit; re-enqueued by the sweeper when left behind (a lost enqueue or a broker outage).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    schema_name = models.CharField(max_length=63)
    topic = models.CharField(max_length=100)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_pending_idx",
                condition=models.Q(processed_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.id} ({self.schema_name})"


class IdempotencyRecord(models.Model):
    """The stored response to a creating POST sent with an Idempotency-Key.

    Written in the same transaction as the request's effect (see kernel.idempotency), so a record exists
    exactly when the effect committed. Unique per (schema, caller, key): the same key and request replay
    ``response_body`` byte for byte; the same key with another request is refused.
    """

    schema_name = models.CharField(max_length=63)
    principal = models.CharField(max_length=100)
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.BinaryField()
    response_headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["schema_name", "principal", "key"], name="idempotency_unique_key")
        ]
        indexes = [models.Index(fields=["created_at"], name="idempotency_created_idx")]

    def __str__(self) -> str:
        return f"{self.key} {self.method} {self.path}"
