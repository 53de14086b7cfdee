"""Backups as records: take one into HANSA_BACKUP_ROOT, restore one, apply retention, schedule them all."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from kernel.errors import NotFound, ValidationFailed
from kernel.tenancy import schema_context
from tenantdata.backup import backup_write, platform_id
from tenantdata.exceptions import BackupFileMissing
from tenantdata.models import BackupKind, BackupStatus, TenantBackup
from tenantdata.restore import RestoreResult, backup_restore
from tenants.models import Company, CompanyStatus

REASON_MAX_LENGTH = 1000


def backup_root() -> Path:
    root = Path(settings.HANSA_BACKUP_ROOT)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def backup_take(
    *,
    company: Company,
    kind: str = BackupKind.MANUAL,
    created_by_id: int | None = None,
    record: TenantBackup | None = None,
) -> TenantBackup:
    """Back ``company`` up into ``HANSA_BACKUP_ROOT/<schema>/<timestamp>-<kind>.hbk`` and record it.

    The record is committed as ``running`` first, then ``succeeded`` with the file's size and sha256 (or
    ``failed`` with the error, the partial file removed), so a crash mid-way leaves a visible record.
    """
    with schema_context("public"):
        platform_id()
        record = record or TenantBackup.objects.create(
            company_id=company.pk,
            company_slug=company.slug or "",
            schema_name=company.schema_name,
            kind=kind,
            created_by_id=created_by_id,
        )
        folder = backup_root() / company.schema_name
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"{timezone.now():%Y%m%dT%H%M%S}-{record.pk}-{kind}.hbk"
        try:
            with open(path, "xb") as target:
                os.chmod(path, 0o600)
                result = backup_write(company=company, target=target)
        except Exception as error:
            path.unlink(missing_ok=True)
            TenantBackup.objects.filter(pk=record.pk).update(
                status=BackupStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
            )
            raise
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        TenantBackup.objects.filter(pk=record.pk).update(
            status=BackupStatus.SUCCEEDED,
            file=str(path.relative_to(backup_root())),
            size=path.stat().st_size,
            sha256=digest.hexdigest(),
            tables=result.tables,
            rows=result.rows,
            finished_at=timezone.now(),
        )
        record.refresh_from_db()
        return record


def backup_path(backup: TenantBackup) -> Path:
    path = backup_root() / backup.file
    if backup.status != BackupStatus.SUCCEEDED or not backup.file or not path.is_file():
        raise BackupFileMissing()
    return path


def reason_clean(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Say why: the reason is kept in the operator audit log."]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationFailed(errors={"reason": [f"Keep the reason under {REASON_MAX_LENGTH} characters."]})
    return reason


def backup_restore_recorded(
    *, backup_id: int, company_id: int, reason: str, actor: Any, request: HttpRequest | None = None
) -> RestoreResult:
    """Restore ``company_id`` from one of its recorded backups, for a stated reason (operators).

    The restore and the operator's audit entry commit together.

    Raises:
        ValidationFailed: no reason (before anything is read).
        NotFound: no such backup of this company.
        BackupFileMissing: the archive file is gone.
        the restore's errors (see ``tenantdata.restore.backup_restore``).
    """
    from identity.services import audit_record

    reason = reason_clean(reason)
    backup = TenantBackup.objects.filter(pk=backup_id, company_id=company_id).first()
    if backup is None:
        raise NotFound()
    path = backup_path(backup)
    with transaction.atomic():
        with open(path, "rb") as source:
            result = backup_restore(source=source)
        audit_record(
            action="console.company_restored",
            company=None,
            actor=actor,
            request=request,
            target_type="company",
            target_id=company_id,
            before={},
            after={
                "backup_id": backup.pk,
                "backup_created_at": backup.created_at.isoformat(),
                "replaced": result.replaced,
            },
            reason=reason,
        )
    return result


@dataclass(frozen=True)
class RetentionResult:
    kept: int
    pruned: int


def backups_prune(*, company_id: int, now: Any = None) -> RetentionResult:
    """Keep the newest succeeded backup of each of the last HANSA_BACKUP_KEEP_DAILY days and of each of the
    last HANSA_BACKUP_KEEP_WEEKLY ISO weeks (manual backups count like scheduled ones); delete the files of
    the others and mark them ``pruned``. Failed records older than the daily window are dropped."""
    now = now or timezone.now()
    daily, weekly = settings.HANSA_BACKUP_KEEP_DAILY, settings.HANSA_BACKUP_KEEP_WEEKLY
    backups = list(
        TenantBackup.objects.filter(company_id=company_id, status=BackupStatus.SUCCEEDED).order_by(
            "-created_at"
        )
    )
    keep: set[int] = set()
    days: set[Any] = set()
    weeks: set[Any] = set()
    for backup in backups:
        day = backup.created_at.date()
        week = day.isocalendar()[:2]
        if (now.date() - day).days < daily and day not in days:
            days.add(day)
            keep.add(backup.pk)
        if (now.date() - day).days < weekly * 7 and week not in weeks:
            weeks.add(week)
            keep.add(backup.pk)
    pruned = 0
    for backup in backups:
        if backup.pk in keep:
            continue
        (backup_root() / backup.file).unlink(missing_ok=True)
        TenantBackup.objects.filter(pk=backup.pk).update(status=BackupStatus.PRUNED)
        pruned += 1
    TenantBackup.objects.filter(
        company_id=company_id, status=BackupStatus.FAILED, created_at__lt=now - timedelta(days=daily)
    ).delete()
    return RetentionResult(kept=len(keep), pruned=pruned)


def backups_daily() -> dict[str, int]:
    """Back up every active company that has no backup yet today, then apply retention (beat, daily)."""
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    done = failed = 0
    with schema_context("public"):
        companies = list(Company.objects.filter(status=CompanyStatus.ACTIVE).order_by("pk"))
        for company in companies:
            if TenantBackup.objects.filter(
                company_id=company.pk, status=BackupStatus.SUCCEEDED, created_at__gte=today
            ).exists():
                continue
            try:
                backup_take(company=company, kind=BackupKind.SCHEDULED)
                done += 1
            except Exception:  # one company's failure is recorded on its row and must not stop the others
                failed += 1
            backups_prune(company_id=company.pk)
    return {"companies": len(companies), "backed_up": done, "failed": failed}


def backup_start(*, company_id: int, actor: Any, request: HttpRequest | None = None) -> TenantBackup:
    """Record a manual backup of a company as ``running`` and take it in the background (operators).

    The record and the operator's audit entry commit together; the task is enqueued after the commit.

    Raises:
        NotFound: no such (non-pooled) company.
    """
    from identity.services import audit_record
    from tenantdata.tasks import backup_run

    with transaction.atomic():
        company = Company.objects.exclude(status=CompanyStatus.POOLED).filter(pk=company_id).first()
        if company is None:
            raise NotFound()
        record = TenantBackup.objects.create(
            company_id=company.pk,
            company_slug=company.slug or "",
            schema_name=company.schema_name,
            kind=BackupKind.MANUAL,
            created_by_id=getattr(actor, "pk", None),
        )
        audit_record(
            action="console.backup_started",
            company=None,
            actor=actor,
            request=request,
            target_type="company",
            target_id=company.pk,
            before={},
            after={"backup_id": record.pk},
        )
        transaction.on_commit(lambda: backup_run.delay(record.pk))
    return record


def backup_run(*, backup_id: int) -> TenantBackup | None:
    """Take the backup of a ``running`` record made by ``backup_start`` (idempotent: a finished record is
    left alone)."""
    with schema_context("public"):
        record = TenantBackup.objects.filter(pk=backup_id, status=BackupStatus.RUNNING, file="").first()
        if record is None:
            return None
        company = Company.objects.filter(pk=record.company_id).first()
        if company is None:
            TenantBackup.objects.filter(pk=record.pk).update(
                status=BackupStatus.FAILED, error="The company no longer exists.", finished_at=timezone.now()
            )
            return None
        return backup_take(company=company, kind=record.kind, record=record)
