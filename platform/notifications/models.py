"""In-app notifications (public schema): one message to one member of one company.

The app knows no domain: a notification names what it is about by ``subject_type`` and ``subject_id``
(``"rfq"``, ``"purchase_order"``, ``"follow_up"`` ...) and carries what the web app shows in ``payload``.
``key`` (unique per member) makes sending idempotent: a redelivered event notifies nobody twice.

The table began as ``rfq_notification`` in marketplace.rfq; migration 0001 moved it here with its rows.
"""

from __future__ import annotations

from django.db import models


class Notification(models.Model):
    company = models.ForeignKey("tenants.Company", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey("identity.User", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    subject_type = models.CharField(max_length=40, blank=True, default="")
    subject_id = models.BigIntegerField(null=True, blank=True)
    payload = models.JSONField(default=dict)
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["company", "user", "key"], name="notification_unique_key"),
        ]
        indexes = [models.Index(fields=["company", "user", "-created_at"], name="notification_inbox_idx")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}@{self.company_id}"

    @property
    def rfq_id(self) -> int | None:
        """The RFQ it is about (the API's historical ``rfq_id``), if any."""
        return self.subject_id if self.subject_type == "rfq" else None
