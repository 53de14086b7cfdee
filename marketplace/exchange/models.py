"""Trade documents in transit between companies, and the trading partners they link (public schema).

A document names its sender and receiver; every read of these tables is filtered by the current company
in a selector. The receiver's record of what it ingested lives in its own schema
(``exchange_inbox.ReceivedDocument``).
"""

from __future__ import annotations

import uuid

from django.db import models

from marketplace.exchange.kinds import SCHEMA_VERSION, DeliveryState, DocumentKind


class TradeDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=32, choices=DocumentKind.choices)
    sender = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    receiver = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    refers_to = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="referred_by"
    )
    schema_version = models.PositiveSmallIntegerField(default=SCHEMA_VERSION)
    payload = models.JSONField(default=dict)
    validated = models.BooleanField(default=False)
    validation_errors = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=12, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["sender", "-created_at"], name="tradedoc_sender_idx"),
            models.Index(fields=["receiver", "-created_at"], name="tradedoc_receiver_idx"),
            models.Index(
                fields=["state", "created_at"],
                name="tradedoc_undelivered_idx",
                condition=~models.Q(state="delivered"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"


class PartnerLink(models.Model):
    """``company`` trades with ``partner`` (one row per direction, made on their first document)."""

    company = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    first_document_id = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["company", "partner"], name="partnerlink_pair_uniq"),
            models.CheckConstraint(
                condition=~models.Q(company=models.F("partner")), name="partnerlink_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_id} <-> {self.partner_id}"
