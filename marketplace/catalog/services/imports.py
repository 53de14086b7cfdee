"""Catalog imports: upload and dry run (per-row errors, nothing written to the catalog), then import.

1. :func:`import_create` reads the file's header at once: a file that cannot be read or has the wrong
   columns is refused (400) and nothing at all is stored. Otherwise the file is kept under the
   company's prefix and every row is checked with the same rules as the API
   (catalog.validation.listing_clean), plus "SKU repeated in the file". Up to
   ``HANSA_IMPORT_SYNC_MAX_ROWS`` rows (500) this happens in the request; larger files are checked by a
   Celery task, and the job's ``rows_done`` / ``total_rows`` / ``state`` show the progress.
2. :func:`import_apply` imports: every row when the dry run found no error, or only the valid rows when
   the caller says so (``only_valid``); otherwise 409 ``import_has_errors`` and nothing is written.
   Rows are upserted by SKU. Small files are imported in the request, all or nothing; large ones by a
   Celery task in chunks of ``CHUNK`` rows, each committed with its progress (a failure mid-way leaves
   the chunks before it imported and the job ``failed`` with the count done).

Two imports (or an import and an edit) into one catalog at once: each write holds the supplier
profile's row lock, and the unique (company, SKU) constraint with ``ON CONFLICT DO UPDATE`` makes the
later one update, never duplicate, a SKU.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from billing.meters import Meter
from billing.services.metering import storage_record, usage_record
from identity.access import Actor
from identity.services import audit_record
from kernel.errors import ValidationFailed
from marketplace.catalog import selectors
from marketplace.catalog.exceptions import ImportHasErrors, ImportNothingValid, ImportNotReady
from marketplace.catalog.models import ImportJob, ImportState
from marketplace.catalog.services.listings import category_index, listings_upsert
from marketplace.catalog.spreadsheet import COLUMNS, Sheet, detect_format, read_sheet
from marketplace.catalog.validation import ListingInput, listing_clean
from marketplace.directory.exceptions import SupplierProfileRequired
from marketplace.directory.models import CompanyRole, SupplierProfile

logger = logging.getLogger(__name__)

CHUNK = 250
MAX_STORED_ERRORS = 1000


def sync_max_rows() -> int:
    return int(getattr(settings, "HANSA_IMPORT_SYNC_MAX_ROWS", 500))


@dataclass(frozen=True)
class CheckedRows:
    valid: list[tuple[int, ListingInput]]
    errors: list[dict[str, Any]]
    error_count: int


def rows_check(sheet: Sheet, *, progress: Any = None) -> CheckedRows:
    """Validate every row; ``progress(rows_done)`` is called every CHUNK rows when given."""
    categories = category_index()
    valid: list[tuple[int, ListingInput]] = []
    errors: list[dict[str, Any]] = []
    error_count = 0
    first_row_of_sku: dict[str, int] = {}

    def add(row: int, column: str, message: str) -> None:
        nonlocal error_count
        error_count += 1
        if len(errors) < MAX_STORED_ERRORS:
            errors.append({"row": row, "column": column, "message": message})

    for index, (number, raw) in enumerate(sheet.rows, start=1):
        failed = False
        if raw.get("__extra__"):
            add(number, "", f"Cells after the last column ({len(COLUMNS)} columns expected).")
            failed = True
        try:
            cleaned = listing_clean(raw, categories=categories)
        except ValidationFailed as exc:
            for column, messages in (exc.errors or {}).items():
                for message in messages:
                    add(number, column, message)
            failed = True
        else:
            earlier = first_row_of_sku.get(cleaned.sku)
            if earlier is not None:
                add(number, "sku", f"SKU {cleaned.sku} is also on row {earlier}.")
                failed = True
            else:
                first_row_of_sku[cleaned.sku] = number
            if not failed:
                valid.append((number, cleaned))
        if progress is not None and index % CHUNK == 0:
            progress(index)
    return CheckedRows(valid=valid, errors=errors, error_count=error_count)


def _supplier_of(company: Any) -> SupplierProfile:
    profile = SupplierProfile.objects.filter(company=company).first()
    if profile is None or profile.role == CompanyRole.BUYER:
        raise SupplierProfileRequired()
    return profile


def _audit(actor: Actor, action: str, job: ImportJob, request: HttpRequest | None, **changes: Any) -> None:
    audit_record(
        action=action,
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="catalog_import",
        target_id=job.pk,
        **changes,
    )


def _enqueue(task_name: str, job_id: int) -> None:
    from marketplace.catalog import tasks

    task = {"validate": tasks.import_validate_task, "apply": tasks.import_apply_task}[task_name]
    # robust: a broker outage must not fail the request after its commit; the sweeper re-enqueues.
    transaction.on_commit(lambda: task.delay(job_id), robust=True)


@transaction.atomic
def import_create(*, actor: Actor, upload: UploadedFile, request: HttpRequest | None = None) -> ImportJob:
    """Store the file and start its dry run (in the request when small, else in the background).

    Raises:
        PermissionMissing: actor lacks catalog.manage.
        SupplierProfileRequired: the company is not set up as a supplier.
        ImportFileInvalid: not a CSV/XLSX file, unreadable, empty, more than MAX_ROWS rows.
        ImportColumnsInvalid: the header does not name exactly the expected columns.
        QuotaExceeded: the plan's storage is used up (402 ``quota_exceeded``; the file is not kept).
    """
    actor.require("catalog.manage")
    _supplier_of(actor.company)
    name = (upload.name or "catalog").rsplit("/", 1)[-1][:200]
    head = upload.read(8)
    upload.seek(0)
    file_format = detect_format(name, head)
    sheet = read_sheet(upload, file_format)
    job = ImportJob(
        company=actor.company,
        created_by=actor.user,
        created_by_label=actor.label,
        file_name=name,
        format=file_format,
        total_rows=len(sheet.rows),
        run_in_background=len(sheet.rows) > sync_max_rows(),
    )
    upload.seek(0)
    storage_record(company_id=actor.company.pk, size_bytes=upload.size or 0)
    job.file.save(name, upload, save=False)
    try:
        job.save()
        if job.run_in_background:
            _enqueue("validate", job.pk)
        else:
            _record_check(job, rows_check(sheet))
        _audit(actor, "catalog.import_uploaded", job, request, after={"file": name, "rows": job.total_rows})
    except Exception:
        job.file.storage.delete(job.file.name or "")
        raise
    return job


def _record_check(job: ImportJob, checked: CheckedRows) -> None:
    job.state = ImportState.VALIDATED
    job.rows_done = job.total_rows
    job.valid_rows = len(checked.valid)
    job.error_count = checked.error_count
    job.errors = checked.errors
    job.validated_at = timezone.now()
    job.save()


def _load(job: ImportJob) -> Sheet:
    with job.file.open("rb") as stream:
        return read_sheet(stream, job.format)


def import_validate_run(*, job_id: int) -> None:
    """The background dry run of a large file (Celery); a job no longer validating is left alone."""
    job = ImportJob.objects.filter(pk=job_id, state=ImportState.VALIDATING).first()
    if job is None:
        return
    try:
        sheet = _load(job)

        def progress(done: int) -> None:
            ImportJob.objects.filter(pk=job.pk).update(rows_done=done, updated_at=timezone.now())

        checked = rows_check(sheet, progress=progress)
    except Exception as exc:
        logger.exception("catalog import %s: dry run failed", job_id)
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportState.FAILED, failure=str(exc)[:1000], finished_at=timezone.now()
        )
        return
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().filter(pk=job.pk, state=ImportState.VALIDATING).first()
        if locked is not None:
            _record_check(locked, checked)


@transaction.atomic
def import_apply(
    *, actor: Actor, job_id: int, only_valid: bool = False, request: HttpRequest | None = None
) -> ImportJob:
    """Confirm a checked import: all rows (dry run clean) or, with ``only_valid``, the valid ones.

    Raises:
        PermissionMissing, ImportNotFound (another company's too), SupplierProfileRequired,
        ImportNotReady (still checking, or already imported), ImportHasErrors (errors and not
        ``only_valid``), ImportNothingValid (no valid row), QuotaExceeded (a small import that would
        pass the plan's hard listings limit: nothing is imported).
    """
    actor.require("catalog.manage")
    current = selectors.import_job_get(company=actor.company, job_id=job_id)
    job = ImportJob.objects.select_for_update().get(pk=current.pk)
    if job.state != ImportState.VALIDATED:
        raise ImportNotReady()
    if job.error_count and not only_valid:
        raise ImportHasErrors(
            detail=f"{job.error_count} error(s) in {job.total_rows - job.valid_rows} row(s)."
        )
    if job.valid_rows == 0:
        raise ImportNothingValid()
    _supplier_of(actor.company)
    job.state = ImportState.IMPORTING
    job.only_valid = only_valid
    job.rows_done = 0
    job.save()
    _audit(actor, "catalog.import_confirmed", job, request, after={"only_valid": only_valid})
    if job.run_in_background:
        _enqueue("apply", job.pk)
        return job
    _import_rows(job, chunked=False)
    job.refresh_from_db()
    return job


def import_apply_run(*, job_id: int) -> None:
    """The background import of a large file (Celery); a job no longer importing is left alone."""
    job = ImportJob.objects.filter(pk=job_id, state=ImportState.IMPORTING).first()
    if job is None:
        return
    try:
        _import_rows(job, chunked=True)
    except Exception as exc:
        logger.exception("catalog import %s failed", job_id)
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportState.FAILED, failure=str(exc)[:1000], finished_at=timezone.now()
        )


def _import_rows(job: ImportJob, *, chunked: bool) -> None:
    sheet = _load(job)
    checked = rows_check(sheet)
    if checked.error_count and not job.only_valid:
        # The catalog changed since the dry run (a category gone, say): import nothing.
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportState.FAILED,
            failure="Rows that passed the dry run are no longer valid; upload the file again.",
            errors=checked.errors,
            error_count=checked.error_count,
            finished_at=timezone.now(),
        )
        return
    categories = category_index()
    rows = [data for _, data in checked.valid]
    created = updated = 0
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        with transaction.atomic():
            supplier = SupplierProfile.objects.select_for_update().get(company_id=job.company_id)
            result = listings_upsert(supplier=supplier, rows=chunk, categories=categories)
            if result.counted:
                # Over a hard limit the chunk rolls back: a confirmed small import answers 402, a
                # background one fails with the quota in its failure (chunks before it stay).
                usage_record(company_id=job.company_id, meter=Meter.LISTINGS, quantity=result.counted)
            created += result.created
            updated += result.updated
            if chunked:
                ImportJob.objects.filter(pk=job.pk).update(
                    rows_done=start + len(chunk), updated_at=timezone.now()
                )
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportState.DONE,
        rows_done=len(sheet.rows),
        created_count=created,
        updated_count=updated,
        skipped_count=len(sheet.rows) - len(rows),
        finished_at=timezone.now(),
    )
    audit_record(
        action="catalog.import_applied",
        company=job.company,
        actor=job.created_by,
        actor_label=job.created_by_label,
        target_type="catalog_import",
        target_id=job.pk,
        after={"created": created, "updated": updated, "skipped": len(sheet.rows) - len(rows)},
    )


def imports_sweep(*, stale_after_seconds: int = 600) -> int:
    """Re-enqueue background imports whose task was lost (no progress for a while); returns how many."""
    from datetime import timedelta

    from marketplace.catalog import tasks

    cutoff = timezone.now() - timedelta(seconds=stale_after_seconds)
    stale = ImportJob.objects.filter(
        run_in_background=True,
        state__in=[ImportState.VALIDATING, ImportState.IMPORTING],
        updated_at__lt=cutoff,
    )
    count = 0
    for job in stale:
        ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now())
        task = tasks.import_validate_task if job.state == ImportState.VALIDATING else tasks.import_apply_task
        task.delay(job.pk)
        count += 1
    return count
