"""Errors of per-company backup and restore. Codes never change once published."""

from __future__ import annotations

from kernel.errors import Conflict, DomainError


class BackupArchiveCorrupt(DomainError):
    code = "backup_archive_corrupt"
    status = 400
    title = "The backup archive is damaged or truncated"


class BackupArchiveForeign(DomainError):
    code = "backup_archive_foreign"
    status = 400
    title = "The backup archive was encrypted under a key this platform does not hold"


class BackupMigrationsMismatch(Conflict):
    code = "backup_migrations_mismatch"
    title = "The archive was taken at another migration state than this platform's"


class BackupRestoreConflict(Conflict):
    code = "backup_restore_conflict"
    title = "Rows of the archive collide with rows of another company or user on this platform"


class BackupVerificationFailed(DomainError):
    code = "backup_verification_failed"
    status = 500
    title = "The restored data does not match the archive's checksums; nothing was restored"


class BackupFileMissing(Conflict):
    code = "backup_file_missing"
    title = "The backup's archive file is no longer on disk"


class ExportNotReady(Conflict):
    code = "export_not_ready"
    title = "This export is not ready to download"


class ClosureRefused(Conflict):
    code = "company_closure_refused"
    title = "The company cannot be closed or reopened in its current state"
