"""Erase one company: its schema, its footprint in the shared tables, its files.

Used by closure (after the retention period) and by a restore in place (the damaged company is erased,
then the archive written back, in the same transaction).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage
from django.db import connection, transaction

from tenantdata import sql
from tenantdata.backup import company_files, footprint_ids
from tenantdata.footprint import FOOTPRINT, OWNED, Scope


@dataclass(frozen=True)
class EraseResult:
    rows: int
    users_deleted: int
    files: list[str]


def users_only_here(scope: Scope, user_ids: list[Any]) -> list[int]:
    """The company's members with no membership anywhere else, operators excepted: erasure deletes them."""
    from identity.models import Membership, User

    elsewhere = set(
        Membership.objects.filter(user_id__in=user_ids)
        .exclude(company_id=scope.company_id)
        .values_list("user_id", flat=True)
    )
    operators = set(User.objects.filter(pk__in=user_ids, is_operator=True).values_list("pk", flat=True))
    return sorted(u for u in user_ids if u not in elsewhere and u not in operators)


def company_erase(
    *, company_id: int, schema_name: str, remove_files: bool = True, drop_schema: bool = True
) -> EraseResult:
    """Drop the company's schema and delete its footprint rows (call inside a transaction, on ``public``).

    Rows are deleted by primary key, table by table, from the registry's selection taken before the first
    delete; the database's foreign keys (deferred) are checked before returning, so a row the registry
    missed fails here rather than at commit. Users are deleted only when they belong nowhere else. Files
    are removed after commit (a rollback keeps them).
    """
    assert connection.in_atomic_block, "company_erase runs inside the caller's transaction"
    scope = Scope(company_id=company_id, schema_name=schema_name)
    ids = footprint_ids(scope)
    files = company_files(scope, ids) if remove_files else []
    users = users_only_here(scope, ids["identity.User"])
    rows = 0
    with connection.cursor() as cursor:
        _flush_deferred(cursor)  # DROP SCHEMA refuses tables with pending deferred checks
        for entry in FOOTPRINT:
            if entry.kind != OWNED or not ids[entry.label]:
                continue
            meta = entry.model._meta
            cursor.execute(
                f"DELETE FROM {sql.q('public', meta.db_table)} WHERE {sql.q(str(meta.pk.column))} = ANY(%s)",
                [ids[entry.label]],
            )
            rows += cursor.rowcount
        if drop_schema and sql.schema_exists(schema_name):
            _flush_deferred(cursor)
            cursor.execute(f"DROP SCHEMA {sql.q(schema_name)} CASCADE")
    if users:
        from identity.models import User

        # The ORM's collector: e-mail addresses and authenticators go with the user, other companies'
        # rows that name the user (audit actor, invited by...) keep the row with the user emptied.
        User.objects.filter(pk__in=users).delete()
    with connection.cursor() as cursor:
        _flush_deferred(cursor)
    if files:
        transaction.on_commit(lambda: _remove_files(files))
    return EraseResult(rows=rows, users_deleted=len(users), files=files)


def _remove_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _flush_deferred(cursor: Any) -> None:
    """Check the deferred foreign keys now (and defer again): a row the registry missed fails here."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
