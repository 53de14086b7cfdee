"""Owner's export, company closure, reopening within the retention period, and erasure after it."""

from __future__ import annotations

import functools
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from identity.exceptions import PermissionMissing
from identity.services import audit_record
from kernel.errors import NotFound, ValidationFailed
from kernel.tenancy import schema_context
from tenantdata.erase import company_erase
from tenantdata.exceptions import ClosureRefused, ExportNotReady
from tenantdata.export import export_write
from tenantdata.models import CompanyClosure, CompanyExport, ExportStatus, TenantBackup
from tenantdata.services import backup_root, reason_clean
from tenants.models import Company, CompanyStatus


def export_root() -> Path:
    root = Path(settings.HANSA_EXPORT_ROOT)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def export_request(*, actor: Actor, request: HttpRequest | None = None) -> CompanyExport:
    """Record an export of the actor's company and build it in the background (settings.manage).

    The record and the company's audit entry commit together; the task is enqueued after the commit.
    """
    from tenantdata.tasks import export_run

    actor.require("settings.manage")
    with transaction.atomic():
        export = CompanyExport.objects.create(
            company_id=actor.company.pk, requested_by_id=actor.user.pk if actor.user else None
        )
        audit_record(
            action="company.export_requested",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            request=request,
            target_type="export",
            target_id=export.pk,
        )
        transaction.on_commit(lambda: export_run.delay(export.pk))
    return export


def export_run(*, export_id: int) -> CompanyExport | None:
    """Build a pending export (idempotent: a finished one is left alone)."""
    with schema_context("public"):
        export = CompanyExport.objects.filter(pk=export_id, status=ExportStatus.PENDING).first()
        company = Company.objects.filter(pk=export.company_id).first() if export else None
        if export is None or company is None:
            return None
        folder = export_root() / company.schema_name
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"{company.slug}-export-{export.pk}.zip"
        try:
            size = export_write(company=company, path=path)
        except Exception as error:
            path.unlink(missing_ok=True)
            CompanyExport.objects.filter(pk=export.pk).update(
                status=ExportStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
            )
            raise
        CompanyExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.READY,
            file=str(path.relative_to(export_root())),
            size=size,
            finished_at=timezone.now(),
        )
        export.refresh_from_db()
        return export


def export_file(*, actor: Actor, export_id: int) -> tuple[CompanyExport, Path]:
    """The ZIP of one of the actor's company's exports (settings.manage).

    Raises:
        NotFound: no such export of this company.
        ExportNotReady: it is still being built, or failed.
    """
    actor.require("settings.manage")
    export = CompanyExport.objects.filter(pk=export_id, company_id=actor.company.pk).first()
    if export is None:
        raise NotFound()
    path = export_root() / export.file
    if export.status != ExportStatus.READY or not export.file or not path.is_file():
        raise ExportNotReady()
    return export, path


@transaction.atomic
def company_close(
    *, actor: Actor, confirm_slug: str, reason: str, request: HttpRequest | None = None
) -> CompanyClosure:
    """Close the actor's company (owners only), confirmed by typing its slug, for a stated reason.

    The company becomes ``closed`` (its hosts answer as for any closed company); its data is kept for
    HANSA_CLOSURE_RETENTION_DAYS, during which an operator can reopen it; then the beat task erases it.

    Raises:
        PermissionMissing: the actor is not an owner (an API key never is).
        ValidationFailed: the slug typed is not the company's, or no reason (nothing is written).
        ClosureRefused: the company is not active or suspended.
    """
    if "owner" not in actor.roles:
        raise PermissionMissing(detail="Only an owner closes the company.", permission="owner")
    company = Company.objects.select_for_update().get(pk=actor.company.pk)
    if (confirm_slug or "").strip().lower() != company.slug:
        raise ValidationFailed(errors={"confirm_slug": ["Type the company's address (its slug) to confirm."]})
    reason = _reason(reason)
    if company.status not in (CompanyStatus.ACTIVE, CompanyStatus.SUSPENDED):
        raise ClosureRefused(detail=f"The company is {company.status}.")
    previous = company.status
    company.status = CompanyStatus.CLOSED
    company.save(update_fields=["status", "updated_at"])
    now = timezone.now()
    CompanyClosure.objects.filter(company_id=company.pk).delete()
    closure = CompanyClosure.objects.create(
        company_id=company.pk,
        company_slug=company.slug or "",
        company_name=company.name,
        schema_name=company.schema_name,
        reason=reason,
        closed_by_id=actor.user.pk if actor.user else None,
        erase_after=now + timedelta(days=settings.HANSA_CLOSURE_RETENTION_DAYS),
    )
    for company_of_entry in (company, None):  # the company's log, and the platform's (outlives erasure)
        audit_record(
            action="company.closed",
            company=company_of_entry,
            actor=actor.user,
            actor_label=actor.label,
            request=request,
            target_type="company",
            target_id=company.pk,
            before={"status": previous},
            after={"status": CompanyStatus.CLOSED, "erase_after": closure.erase_after.isoformat()},
            reason=reason,
        )
    return closure


def _reason(reason: str) -> str:
    try:
        return reason_clean(reason)
    except ValidationFailed:
        raise ValidationFailed(errors={"reason": ["Say why the company closes."]}) from None


@transaction.atomic
def company_reopen(
    *, company_id: int, reason: str, actor: Any, request: HttpRequest | None = None
) -> Company:
    """Reopen a closed company within its retention period (operators), for a stated reason (audited).

    Raises:
        ValidationFailed: no reason (nothing is written).
        NotFound: no such company.
        ClosureRefused: the company is not closed, or was closed without a retention record.
    """
    reason = reason_clean(reason)
    company = (
        Company.objects.select_for_update().filter(pk=company_id).exclude(status=CompanyStatus.POOLED).first()
    )
    if company is None:
        raise NotFound()
    closure = CompanyClosure.objects.filter(company_id=company.pk, erased_at=None).first()
    if company.status != CompanyStatus.CLOSED or closure is None:
        raise ClosureRefused(detail="Only a company closed by its owner and not yet erased is reopened.")
    company.status = CompanyStatus.ACTIVE
    company.save(update_fields=["status", "updated_at"])
    closure.delete()
    audit_record(
        action="console.company_reopened",
        company=None,
        actor=actor,
        request=request,
        target_type="company",
        target_id=company.pk,
        before={"status": CompanyStatus.CLOSED},
        after={"status": CompanyStatus.ACTIVE},
        reason=reason,
    )
    return company


def closures_erase_due(*, now: Any = None) -> int:
    """Erase every company whose closure's retention period is over (beat, hourly): its schema, its shared
    rows (footprint registry), its files, its backups and exports. One transaction per company; the
    closure record is kept with ``erased_at`` and a platform audit entry is written. Returns the count."""
    now = now or timezone.now()
    erased = 0
    with schema_context("public"):
        due = list(
            CompanyClosure.objects.filter(erased_at=None, erase_after__lte=now).values_list("pk", flat=True)
        )
        for closure_id in due:
            with transaction.atomic():
                closure = CompanyClosure.objects.select_for_update().get(pk=closure_id)
                company = Company.objects.select_for_update().filter(pk=closure.company_id).first()
                if company is not None and company.status != CompanyStatus.CLOSED:
                    continue  # reopened meanwhile
                result = company_erase(company_id=closure.company_id, schema_name=closure.schema_name)
                files = [
                    backup_root() / b.file
                    for b in TenantBackup.objects.filter(company_id=closure.company_id)
                    if b.file
                ]
                files += [
                    export_root() / e.file
                    for e in CompanyExport.objects.filter(company_id=closure.company_id)
                    if e.file
                ]
                TenantBackup.objects.filter(company_id=closure.company_id).delete()
                CompanyExport.objects.filter(company_id=closure.company_id).delete()
                closure.erased_at = timezone.now()
                closure.save(update_fields=["erased_at"])
                audit_record(
                    action="tenantdata.company_erased",
                    company=None,
                    actor_label="retention",
                    target_type="company",
                    target_id=closure.company_id,
                    after={
                        "rows": result.rows,
                        "users_deleted": result.users_deleted,
                        "files": len(result.files),
                    },
                    reason=f"Closed {closure.closed_at:%Y-%m-%d}: retention period over",
                )
                transaction.on_commit(functools.partial(_unlink, files))
            erased += 1
    return erased


def _unlink(files: list[Path]) -> None:
    for file in files:
        file.unlink(missing_ok=True)
