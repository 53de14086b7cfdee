"""Restore one company from its archive, in one transaction, verified against the archive's checksums.

Order: decrypt and authenticate the whole archive (nothing is read from it before), check its migration
state against this platform's, then in ONE transaction: erase the company if it exists here (restore in
place), build its schema with this platform's migrations, load every table, insert its shared rows, check
the foreign keys, move the sequences, and compare every table's checksum with the manifest. Any failure
rolls everything back; files are written after the commit.

Ids: the archive's ids are kept (company, schema name, every row). A row whose id is taken on this
platform by something else refuses the restore (``backup_restore_conflict``); users follow the rules in
``tenantdata.footprint``. ``slug`` restores under another slug (and host), e.g. when the slug is taken on
the destination platform.
"""

from __future__ import annotations

import json
import tarfile
import tempfile
import uuid
from dataclasses import dataclass
from typing import IO, Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from kernel.tenancy import company_host, connection, schema_context
from tenantdata import archive, sql
from tenantdata.backup import checksums, footprint_ids
from tenantdata.erase import _flush_deferred, company_erase
from tenantdata.exceptions import (
    BackupArchiveCorrupt,
    BackupMigrationsMismatch,
    BackupRestoreConflict,
    BackupVerificationFailed,
)
from tenantdata.footprint import OWNED, PEOPLE, Scope, entry_for
from tenants.models import Company, CompanyStatus


@dataclass(frozen=True)
class RestoreResult:
    company_id: int
    slug: str
    schema_name: str
    replaced: bool
    tables: int
    rows: int
    files: int
    platform_id: str


def _member(tar: tarfile.TarFile, name: str) -> IO[bytes]:
    try:
        handle = tar.extractfile(name)
    except KeyError:
        handle = None
    if handle is None:
        raise BackupArchiveCorrupt(detail=f"{name} is missing from the archive.")
    return handle


def archive_open(source: IO[bytes], payload: IO[bytes]) -> tuple[dict[str, Any], tarfile.TarFile]:
    """Decrypt ``source`` into ``payload`` and open it; returns the manifest and the tar (raises
    BackupArchiveForeign / BackupArchiveCorrupt)."""
    archive.decrypt_to(source, payload)
    payload.seek(0)
    try:
        tar = tarfile.open(fileobj=payload, mode="r:gz")  # noqa: SIM115 - closed with the payload it reads
        manifest = json.load(_member(tar, "manifest.json"))
    except (tarfile.TarError, OSError, EOFError, ValueError) as error:
        raise BackupArchiveCorrupt(detail=f"The archive's contents cannot be read: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != 1:
        raise BackupArchiveCorrupt(detail="The archive's manifest is not one this platform reads.")
    return manifest, tar


def _mismatch(what: str, archived: list[str], here: list[str]) -> None:
    if archived != here:
        missing = sorted(set(here) - set(archived))[:5]
        extra = sorted(set(archived) - set(here))[:5]
        raise BackupMigrationsMismatch(
            detail=f"{what}: the archive lacks {missing or 'nothing'} and has {extra or 'nothing'} that this "
            "platform lacks. Restore it on a platform at the archive's release, upgrade that one, and back up "
            "again.",
        )


def backup_restore(*, source: IO[bytes], slug: str | None = None) -> RestoreResult:
    """Restore the company of the archive ``source`` (an open binary file). See the module's docstring.

    Raises:
        BackupArchiveForeign, BackupArchiveCorrupt: the archive is refused before anything is written.
        BackupMigrationsMismatch: the archive's migration state differs from this platform's.
        BackupRestoreConflict: an id, slug, host or schema of the archive is taken by something else.
        BackupVerificationFailed: a table's checksum differs from the manifest's after loading.
    """
    with tempfile.TemporaryFile() as payload, schema_context("public"):
        manifest, tar = archive_open(source, payload)
        _mismatch(
            "Shared (public) migrations", manifest["migrations"]["public"], sql.applied_migrations("public")
        )
        with transaction.atomic():
            result = _restore(manifest, tar, slug=slug)
        return result


def _restore(manifest: dict[str, Any], tar: tarfile.TarFile, *, slug: str | None) -> RestoreResult:
    company = manifest["company"]
    company_id, schema = int(company["id"]), str(company["schema_name"])
    new_slug = slug or company["slug"]
    existing = Company.objects.select_for_update().filter(pk=company_id).first()
    replaced = reuse = False
    if existing is not None:
        if existing.schema_name != schema:
            raise BackupRestoreConflict(detail=f"Company id {company_id} belongs to another company here.")
        # A schema whose tables and migrations are intact is emptied and reloaded rather than dropped and
        # rebuilt: faster, and half the locks (a restore holds one per table, index and sequence).
        reuse = (
            sql.schema_exists(schema)
            and sql.applied_migrations(schema) == manifest["migrations"]["tenant"]
            and sql.schema_tables(schema)
            == sorted(k.split("/", 1)[1] for k in manifest["tables"] if k.startswith("schema/"))
        )
        company_erase(company_id=company_id, schema_name=schema, drop_schema=not reuse)
        replaced = True
    elif sql.schema_exists(schema):
        raise BackupRestoreConflict(detail=f"Schema {schema} belongs to another company here.")
    if Company.objects.filter(slug=new_slug).exclude(pk=company_id).exists():
        raise BackupRestoreConflict(detail=f"The slug {new_slug!r} is taken here; restore under another one.")

    # The schema, built by this platform's migrations, then emptied and loaded.
    if not reuse and not _claim_pool_schema(schema):
        Company(schema_name=schema).create_schema(check_if_exists=False, verbosity=0)
        connection.set_schema_to_public()
    _mismatch("Tenant migrations", manifest["migrations"]["tenant"], sql.applied_migrations(schema))
    tables = sql.schema_tables(schema)
    archived_tables = sorted(k.split("/", 1)[1] for k in manifest["tables"] if k.startswith("schema/"))
    if tables != archived_tables:
        raise BackupMigrationsMismatch(
            detail="The archive's tables differ from the ones this platform builds."
        )
    with connection.cursor() as cursor:
        _flush_deferred(cursor)  # the migrations' own seed rows: checked before they are emptied
        if tables:
            cursor.execute("TRUNCATE " + ", ".join(sql.q(schema, t) for t in tables))
        # The rows go back as they were: the tables' own triggers (append-only ledger, posted journals,
        # balanced entries) guard changes made by the application, not this copy; foreign keys stay on.
        for table in tables:
            cursor.execute(f"ALTER TABLE {sql.q(schema, table)} DISABLE TRIGGER USER")
        for table in tables:
            sql.copy_in(schema, table, _member(tar, f"schema/{table}.copy"))
        try:
            _flush_deferred(cursor)
        except IntegrityError as error:
            raise BackupArchiveCorrupt(detail=f"The archive's tables are inconsistent: {error}") from None
        for table in tables:
            cursor.execute(f"ALTER TABLE {sql.q(schema, table)} ENABLE TRIGGER USER")
    for name, last_value in manifest["sequences"].items():
        sql.sequence_set(schema, name, last_value)

    # The shared rows.
    people_check: dict[str, str] = {}
    for table, info in manifest["public_tables"].items():
        people_check[table] = _load_public(tar, table, info, manifest, new_slug=new_slug if slug else None)
    try:
        with connection.cursor() as cursor:
            _flush_deferred(cursor)
    except IntegrityError as error:
        raise BackupRestoreConflict(detail=f"The archive's rows do not fit this platform: {error}") from None
    for table, info in manifest["public_tables"].items():
        sql.sequence_bump("public", table, info["pk"])

    # Verification: every table of the schema and every owned shared table equal to the manifest.
    scope = Scope(company_id=company_id, schema_name=schema)
    now = checksums(scope, footprint_ids(scope))
    for key, expected in manifest["tables"].items():
        table = key.split("/", 1)[1]
        info = manifest["public_tables"].get(table) if key.startswith("public/") else None
        if slug and info and info["label"] in ("tenants.Company", "tenants.Domain"):
            continue  # renamed on purpose; checked against the archive's rows when loaded
        if info and info["kind"] == PEOPLE:
            if people_check[table] != expected["md5"]:
                raise BackupVerificationFailed(detail=f"{key} differs from the archive.")
            continue
        if now.get(key) != expected:
            raise BackupVerificationFailed(
                detail=f"{key}: {now.get(key)} after loading, {expected} in the archive."
            )

    files = manifest.get("files", [])
    contents = [(f["name"], _member(tar, f"files/{f['name']}").read()) for f in files]
    transaction.on_commit(lambda: _write_files(contents))
    return RestoreResult(
        company_id=company_id,
        slug=new_slug,
        schema_name=schema,
        replaced=replaced,
        tables=len(manifest["tables"]),
        rows=sum(int(t["rows"]) for t in manifest["tables"].values()),
        files=len(files),
        platform_id=str(manifest.get("platform_id", "")),
    )


def _claim_pool_schema(schema: str) -> bool:
    """Take an already migrated, empty schema from the warm pool and rename it to ``schema`` (its pooled
    company row goes). Building a schema with the migrations takes most of a restore's time; the pool is
    migrated with the fleet, and the migration check that follows applies to it all the same. False when
    the pool is empty."""
    pooled = (
        Company.objects.select_for_update(skip_locked=True)
        .filter(status=CompanyStatus.POOLED)
        .order_by("created_at")
        .first()
    )
    if pooled is None or not sql.schema_exists(pooled.schema_name):
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER SCHEMA {sql.q(pooled.schema_name)} RENAME TO {sql.q(schema)}")
        cursor.execute("DELETE FROM tenants_company WHERE id = %s", [pooled.pk])
    return True


def _load_public(
    tar: tarfile.TarFile, table: str, info: dict[str, Any], manifest: dict[str, Any], *, new_slug: str | None
) -> str:
    """Load the archive's rows of one shared table through a temporary table; returns the checksum of the
    archived rows (people tables are verified against it)."""
    entry = entry_for(info["label"])
    if entry.model._meta.db_table != table:
        raise BackupMigrationsMismatch(detail=f"{info['label']} lives in another table here.")
    pk = sql.q(info["pk"])
    target = sql.q("public", table)
    staging_name = f"tenantdata_restore_{uuid.uuid4().hex[:12]}"
    staging = sql.q(staging_name)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE {staging} (LIKE {target}) ON COMMIT DROP")
        sql.copy_in("pg_temp", staging_name, _member(tar, f"public/{table}.copy"))
        cursor.execute(f"SELECT count(*) FROM {staging}")
        if cursor.fetchone()[0] != manifest["tables"][f"public/{table}"]["rows"]:
            raise BackupArchiveCorrupt(detail=f"public/{table} does not hold the manifest's rows.")
        cursor.execute(
            f"SELECT coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t.{pk})), '') FROM {staging} t"
        )
        archived_md5 = str(cursor.fetchone()[0])
        if new_slug is not None and info["label"] == "tenants.Company":
            cursor.execute(f"UPDATE {staging} SET slug = %s", [new_slug])
        if new_slug is not None and info["label"] == "tenants.Domain":
            cursor.execute(f"DELETE FROM {staging} WHERE NOT is_primary")
            cursor.execute(f"UPDATE {staging} SET domain = %s", [company_host(new_slug)])
        if entry.kind == OWNED:
            cursor.execute(
                f"SELECT {pk} FROM {staging} s WHERE EXISTS (SELECT 1 FROM {target} t WHERE t.{pk} = s.{pk}) LIMIT 3"
            )
            taken = [row[0] for row in cursor.fetchall()]
            if taken:
                raise BackupRestoreConflict(detail=f"{info['label']}: ids {taken} are taken here.")
            insert = f"INSERT INTO {target} SELECT * FROM {staging}"
        elif info["label"] == "identity.User":
            cursor.execute(
                f"SELECT s.id FROM {staging} s JOIN {target} t ON (t.id = s.id) <> (lower(t.email) = lower(s.email)) "
                "AND (t.id = s.id OR lower(t.email) = lower(s.email)) LIMIT 3"
            )
            taken = [row[0] for row in cursor.fetchall()]
            if taken:
                raise BackupRestoreConflict(
                    detail=f"Users {taken} of the archive collide with other users here (same id or e-mail)."
                )
            insert = f"INSERT INTO {target} SELECT * FROM {staging} s WHERE NOT EXISTS (SELECT 1 FROM {target} t WHERE t.id = s.id)"
        else:
            # A person's own rows (e-mail addresses, authenticators...) come back with a user who was gone;
            # a user who still exists keeps their live rows.
            insert = f"INSERT INTO {target} SELECT * FROM {staging} s WHERE NOT EXISTS (SELECT 1 FROM {target} t WHERE t.{pk} = s.{pk})"
        try:
            with transaction.atomic():
                cursor.execute(insert)
        except IntegrityError as error:
            raise BackupRestoreConflict(detail=f"{info['label']}: {error}") from None
        if entry.kind == PEOPLE:
            cursor.execute(
                f"SELECT count(*) FROM {staging} s WHERE NOT EXISTS (SELECT 1 FROM {target} t WHERE t.{pk} = s.{pk})"
            )
            if cursor.fetchone()[0]:
                raise BackupVerificationFailed(
                    detail=f"{info['label']}: rows of the archive are missing here."
                )
    return archived_md5


def _write_files(contents: list[tuple[str, bytes]]) -> None:
    for name, data in contents:
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        assert saved == name, f"{name} was stored as {saved}"


def archive_manifest(source: IO[bytes]) -> dict[str, Any]:
    """The manifest of an archive (decrypted and authenticated), for the command line's ``--check``."""
    with tempfile.TemporaryFile() as payload:
        manifest, _tar = archive_open(source, payload)
        return manifest
