"""The owner's export: every table of the company's schema and its shared rows as JSON and CSV, its files,
and a README, in one ZIP (not encrypted: it is served only to the company's owner, on its own host).

Encrypted columns (tax ids, bank accounts...) are exported in clear: the owner asked for their data. Left
out on purpose: password hashes, authenticator secrets, e-mail confirmation keys, and the platform's
internal queues (outbox, idempotency records).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from kernel.crypto import decrypt_text
from kernel.fields import EncryptedTextField
from kernel.tenancy import schema_context
from tenantdata import sql
from tenantdata.backup import company_files, footprint_ids
from tenantdata.footprint import FOOTPRINT, Scope
from tenants.models import Company

LEFT_OUT = {
    "mfa.Authenticator",
    "account.EmailConfirmation",
    "kernel.OutboxMessage",
    "kernel.IdempotencyRecord",
}
DROPPED_COLUMNS = {"identity_user": {"password"}}

README = """Hansa export of {name} ({slug}), made {created_at}

schema/<table>.json and .csv   every table of the company's private workspace
shared/<table>.json and .csv   the company's rows in the platform's shared tables (profile, listings,
                               RFQs and quotes, trade documents, memberships, billing...)
files/                         the company's uploaded files
manifest.json                  row counts of every table and the list of files with their sha256

JSON: one array of objects per table, in primary-key order. CSV: the same rows, a header line first;
lists and objects are written as JSON. Encrypted fields are given in clear. Not included: password
hashes, authenticator secrets, and the platform's internal queues.
"""


def _encrypted_columns() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                found.setdefault(model._meta.db_table, {})[str(field.column)] = field.encryption_context
    return found


def _rows(
    schema: str, table: str, *, pk_column: str | None = None, ids: list[Any] | None = None
) -> list[dict[str, Any]]:
    where = ""
    if ids is not None and pk_column:
        where = sql.mogrify(f" WHERE {sql.q(pk_column)} = ANY(%s)", [ids])
    pk = sql.primary_key(schema, table)
    order = ", ".join(f"t.{sql.q(c)}" for c in pk) if pk else "t::text"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT row_to_json(t) FROM {sql.q(schema, table)} t{where} ORDER BY {order}")
        return [row[0] for row in cursor.fetchall()]


def _clean(
    table: str, rows: list[dict[str, Any]], encrypted: dict[str, dict[str, str]]
) -> list[dict[str, Any]]:
    drop = DROPPED_COLUMNS.get(table, set())
    secret = encrypted.get(table, {})
    for row in rows:
        for column in drop:
            row.pop(column, None)
        for column, context in secret.items():
            value = row.get(column)
            if isinstance(value, str) and value.startswith("enc:"):
                row[column] = decrypt_text(token=value, context=context)
    return rows


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            ""
            if row.get(c) is None
            else json.dumps(row[c], ensure_ascii=False)
            if isinstance(row.get(c), dict | list)
            else row[c]
            for c in columns
        )
    return out.getvalue().encode("utf-8")


def _table(
    archive: zipfile.ZipFile, folder: str, table: str, rows: list[dict[str, Any]], columns: list[str]
) -> None:
    archive.writestr(f"{folder}/{table}.json", json.dumps(rows, ensure_ascii=False, indent=1, default=str))
    archive.writestr(f"{folder}/{table}.csv", _csv(rows, columns))


def export_write(*, company: Company, path: Path) -> int:
    """Write the company's export ZIP to ``path``; returns its size in bytes. Reads one consistent snapshot."""
    scope = Scope(company_id=company.pk, schema_name=company.schema_name)
    encrypted = _encrypted_columns()
    manifest: dict[str, Any] = {
        "company": {"id": company.pk, "slug": company.slug, "name": company.name},
        "created_at": timezone.now().isoformat(),
        "tables": {},
        "files": [],
    }
    with schema_context("public"), zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            for table in sql.schema_tables(scope.schema_name):
                rows = _clean(table, _rows(scope.schema_name, table), encrypted)
                _table(archive, "schema", table, rows, sql.columns(scope.schema_name, table))
                manifest["tables"][f"schema/{table}"] = len(rows)
            ids = footprint_ids(scope)
            for entry in FOOTPRINT:
                if entry.label in LEFT_OUT:
                    continue
                meta = entry.model._meta
                rows = _clean(
                    meta.db_table,
                    _rows("public", meta.db_table, pk_column=str(meta.pk.column), ids=ids[entry.label]),
                    encrypted,
                )
                columns = [
                    c
                    for c in sql.columns("public", meta.db_table)
                    if c not in DROPPED_COLUMNS.get(meta.db_table, set())
                ]
                _table(archive, "shared", meta.db_table, rows, columns)
                manifest["tables"][f"shared/{meta.db_table}"] = len(rows)
            names = company_files(scope, ids)
        for name in names:
            with default_storage.open(name, "rb") as handle:
                data = handle.read()
            archive.writestr(f"files/{name}", data)
            manifest["files"].append(
                {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            )
        archive.writestr("manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False))
        archive.writestr(
            "README.txt",
            README.format(name=company.name, slug=company.slug, created_at=manifest["created_at"]),
        )
    return path.stat().st_size
