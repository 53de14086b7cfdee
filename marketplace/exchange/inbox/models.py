"""The receiver's record of every trade document it ingested (tenant schema).

The document id is UNIQUE: the handler's effect and this row are written in one transaction, so a
document delivered twice has its effect once.
"""

from __future__ import annotations

from django.db import models


class ReceivedDocument(models.Model):
    document_id = models.UUIDField(unique=True)
    kind = models.CharField(max_length=32)
    # The sending company's id (public ``tenants.Company``); a plain id, no foreign key across schemas.
    sender_id = models.BigIntegerField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["sender_id", "-received_at"], name="inbox_sender_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.document_id}"
