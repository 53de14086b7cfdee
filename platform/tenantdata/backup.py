"""Take one company's backup: its schema, its footprint in the shared tables and its files, in one archive.

Everything is read in one REPEATABLE READ transaction, so the schema and the shared rows are one consistent
snapshot. The payload is a tar.gz::

    manifest.json              format, platform, company, created_at, migrations (public and tenant),
                               per-table row count and checksum, sequences, files
    schema/<table>.copy        every table of the company's schema (PostgreSQL COPY text format)
    public/<table>.copy        the company's rows of each shared table (footprint registry)
    files/<storage name>       the company's uploaded files

COPY text rather than ``pg_dump -n``: the data goes back into a schema built by this platform's own
migrations (so the restore never depends on a ``pg_dump`` binary of the right version, and the archive can
come back under another schema name); the DDL is the migrations', checked equal through the manifest.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass
from typing import IO, Any

from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from kernel.tenancy import schema_context
from tenantdata import archive, sql
from tenantdata.footprint import FOOTPRINT, Scope, file_fields
from tenantdata.models import PlatformIdentity
from tenants.models import Company

MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class BackupResult:
    manifest: dict[str, Any]
    tables: int
    rows: int


def platform_id() -> str:
    identity = PlatformIdentity.objects.order_by("pk").first()
    if identity is None:
        identity = PlatformIdentity.objects.create()
    return str(identity.platform_id)


def _add(tar: tarfile.TarFile, name: str, data: IO[bytes], size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = 0
    tar.addfile(info, data)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    _add(tar, name, io.BytesIO(data), len(data))


def _copy_member(tar: tarfile.TarFile, name: str, schema: str, table: str, **where: Any) -> None:
    with tempfile.TemporaryFile() as buffer:
        sql.copy_out(schema, table, buffer, **where)
        size = buffer.tell()
        buffer.seek(0)
        _add(tar, name, buffer, size)


def footprint_ids(scope: Scope) -> dict[str, list[Any]]:
    """The primary keys of the company's rows in every registered shared table."""
    return {
        entry.label: sorted(entry.select(scope).order_by().values_list("pk", flat=True).distinct())
        for entry in FOOTPRINT
    }


def company_files(scope: Scope, ids: dict[str, list[Any]]) -> list[str]:
    """Storage names of the company's files: its prefix (``companies/<schema>/``) and every file field of
    its footprint rows."""
    names: set[str] = set()
    for entry in FOOTPRINT:
        fields = file_fields(entry.model)
        if fields and ids[entry.label]:
            for values in entry.model.objects.filter(pk__in=ids[entry.label]).values_list(*fields):
                names.update(v for v in values if v)
    pending = [f"companies/{scope.schema_name}"]
    while pending:
        folder = pending.pop()
        try:
            dirs, files = default_storage.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        names.update(f"{folder}/{f}" for f in files)
        pending.extend(f"{folder}/{d}" for d in dirs)
    return sorted(n for n in names if default_storage.exists(n))


def checksums(scope: Scope, ids: dict[str, list[Any]]) -> dict[str, Any]:
    """Row count and checksum of every table of the company's schema and of its rows in shared tables."""
    found: dict[str, Any] = {}
    for table in sql.schema_tables(scope.schema_name):
        found[f"schema/{table}"] = sql.checksum(scope.schema_name, table)
    for entry in FOOTPRINT:
        meta = entry.model._meta
        found[f"public/{meta.db_table}"] = sql.checksum(
            "public", meta.db_table, pk_column=meta.pk.column, ids=ids[entry.label]
        )
    return found


def company_checksums(company: Company) -> dict[str, Any]:
    """The checksums a backup records, now (tests and the restore's verification compare them)."""
    with schema_context("public"):
        scope = Scope(company_id=company.pk, schema_name=company.schema_name)
        return checksums(scope, footprint_ids(scope))


def backup_write(*, company: Company, target: IO[bytes]) -> BackupResult:
    """Write ``company``'s encrypted archive to ``target`` (a binary file) and return its manifest.

    Read-only: one REPEATABLE READ transaction over the schema and the shared tables.
    """
    scope = Scope(company_id=company.pk, schema_name=company.schema_name)
    with schema_context("public"), tempfile.TemporaryFile() as payload:
        this_platform = platform_id()
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost:  # inside a caller's transaction (tests), that transaction's snapshot rules
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            manifest = _payload(scope, company, payload, platform=this_platform)
        payload.seek(0)
        archive.encrypt_to(
            payload,
            target,
            meta={
                "platform_id": manifest["platform_id"],
                "company_id": company.pk,
                "company_slug": company.slug,
                "created_at": manifest["created_at"],
            },
        )
    tables = manifest["tables"]
    return BackupResult(
        manifest=manifest, tables=len(tables), rows=sum(int(t["rows"]) for t in tables.values())
    )


def _payload(scope: Scope, company: Company, payload: IO[bytes], *, platform: str) -> dict[str, Any]:
    ids = footprint_ids(scope)
    files = company_files(scope, ids)
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "platform_id": platform,
        "company": {
            "id": company.pk,
            "slug": company.slug,
            "name": company.name,
            "schema_name": company.schema_name,
        },
        "created_at": timezone.now().isoformat(),
        "migrations": {
            "public": sql.applied_migrations("public"),
            "tenant": sql.applied_migrations(scope.schema_name),
        },
        "tables": checksums(scope, ids),
        "public_tables": {
            entry.model._meta.db_table: {
                "label": entry.label,
                "kind": entry.kind,
                "pk": entry.model._meta.pk.column,
            }
            for entry in FOOTPRINT
        },
        "sequences": sql.sequences(scope.schema_name),
        "files": [],
    }
    with tarfile.open(fileobj=payload, mode="w:gz", compresslevel=6) as tar:
        for table in sql.schema_tables(scope.schema_name):
            _copy_member(tar, f"schema/{table}.copy", scope.schema_name, table)
        for entry in FOOTPRINT:
            meta = entry.model._meta
            _copy_member(
                tar,
                f"public/{meta.db_table}.copy",
                "public",
                meta.db_table,
                pk_column=meta.pk.column,
                ids=ids[entry.label],
            )
        for name in files:
            with default_storage.open(name, "rb") as handle:
                data = handle.read()
            manifest["files"].append(
                {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            )
            _add_bytes(tar, f"files/{name}", data)
        _add_bytes(tar, "manifest.json", json.dumps(manifest, sort_keys=True, default=str).encode())
    return manifest
