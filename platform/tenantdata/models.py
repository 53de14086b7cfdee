"""Records of per-company backups, and the platform's own id written into every archive."""

from __future__ import annotations

import uuid

from django.db import models


class PlatformIdentity(models.Model):
    """One row: this platform's id, made on first use. An archive names the platform it was taken on, so a
    restore knows a move (another platform) from a restore in place."""

    platform_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.platform_id)


class BackupKind(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    MANUAL = "manual", "Manual"


class BackupStatus(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    PRUNED = "pruned", "Removed by retention"


class TenantBackup(models.Model):
    """One archive of one company under HANSA_BACKUP_ROOT.

    ``company_id`` is a plain column, not a foreign key: the record outlives the company row (a company
    deleted by mistake is restored from the backups listed here); erasure after closure removes both.
    """

    company_id = models.BigIntegerField(db_index=True)
    company_slug = models.CharField(max_length=40)
    schema_name = models.CharField(max_length=63)
    kind = models.CharField(max_length=10, choices=BackupKind.choices)
    status = models.CharField(max_length=10, choices=BackupStatus.choices, default=BackupStatus.RUNNING)
    file = models.CharField(max_length=500, blank=True, default="", help_text="Path under HANSA_BACKUP_ROOT.")
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True, default="")
    tables = models.PositiveIntegerField(default=0)
    rows = models.BigIntegerField(default=0)
    error = models.TextField(blank=True, default="")
    created_by_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["company_id", "-created_at"], name="tenantbackup_company_idx")]

    def __str__(self) -> str:
        return f"{self.company_slug} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class CompanyExport(models.Model):
    """An owner's export of the company's data (a ZIP under HANSA_EXPORT_ROOT), served only to the company."""

    company_id = models.BigIntegerField(db_index=True)
    requested_by_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    file = models.CharField(max_length=500, blank=True, default="")
    size = models.BigIntegerField(default=0)
    error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"export {self.pk} of company {self.company_id} ({self.status})"


class CompanyClosure(models.Model):
    """A company's closure: who closed it, why, until when it can be reopened, and when it was erased.

    Plain columns, no foreign key: the record is kept after the company is erased (what happened, when).
    """

    company_id = models.BigIntegerField(unique=True)
    company_slug = models.CharField(max_length=40)
    company_name = models.CharField(max_length=200)
    schema_name = models.CharField(max_length=63)
    reason = models.TextField()
    closed_by_id = models.BigIntegerField(null=True, blank=True)
    closed_at = models.DateTimeField(auto_now_add=True)
    erase_after = models.DateTimeField()
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["erased_at", "erase_after"], name="closure_due_idx")]

    def __str__(self) -> str:
        return f"closure of {self.company_slug}"
