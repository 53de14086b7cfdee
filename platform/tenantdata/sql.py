"""SQL helpers of backup and restore: table lists, row checksums, COPY in and out, sequences."""

from __future__ import annotations

from typing import IO, Any

from django.db import connection
from psycopg2 import sql as pgsql

MIGRATIONS_TABLE = "django_migrations"


def q(*parts: str) -> str:
    """A quoted (schema-)qualified identifier."""
    return ".".join(pgsql.Identifier(p).as_string(_raw()) for p in parts)


def _raw() -> Any:
    connection.ensure_connection()
    return connection.connection


def _cursor() -> Any:
    return connection.cursor().cursor  # psycopg2's own cursor: copy_expert, mogrify


def mogrify(statement: str, params: Any) -> str:
    return _cursor().mogrify(statement, params).decode()


def schema_exists(schema: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema])
        return cursor.fetchone() is not None


def schema_tables(schema: str) -> list[str]:
    """The ordinary tables of ``schema`` (django_migrations excluded), sorted."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND c.relname <> %s ORDER BY c.relname",
            [schema, MIGRATIONS_TABLE],
        )
        return [row[0] for row in cursor.fetchall()]


def primary_key(schema: str, table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary ORDER BY a.attnum",
            [q(schema, table)],
        )
        return [row[0] for row in cursor.fetchall()]


def _order(schema: str, table: str) -> str:
    pk = primary_key(schema, table)
    return ", ".join(f"t.{q(c)}" for c in pk) if pk else "t::text"


def _where(pk_column: str | None, ids: list[Any] | None) -> str:
    if ids is None or pk_column is None:
        return ""
    return mogrify(f" WHERE {q(pk_column)} = ANY(%s)", [ids])


def checksum(
    schema: str, table: str, *, pk_column: str | None = None, ids: list[Any] | None = None
) -> dict[str, Any]:
    """Row count and md5 over the rows' text in primary-key order (``ids``: only those rows)."""
    source = f"(SELECT * FROM {q(schema, table)}{_where(pk_column, ids)}) t"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY {_order(schema, table)})), '') "
            f"FROM {source}"
        )
        rows, digest = cursor.fetchone()
    return {"rows": int(rows), "md5": str(digest)}


def copy_out(
    schema: str, table: str, target: IO[bytes], *, pk_column: str | None = None, ids: list[Any] | None = None
) -> None:
    statement = f"COPY (SELECT * FROM {q(schema, table)} t{_where(pk_column, ids)} ORDER BY {_order(schema, table)}) TO STDOUT"
    _cursor().copy_expert(statement, target)


def copy_in(schema: str, table: str, source: IO[bytes]) -> None:
    _cursor().copy_expert(f"COPY {q(schema, table)} FROM STDIN", source)


def columns(schema: str, table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum",
            [q(schema, table)],
        )
        return [row[0] for row in cursor.fetchall()]


def sequences(schema: str) -> dict[str, Any]:
    """``{sequence: [last_value or None, ...]}`` of the schema's sequences."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = %s ORDER BY sequencename",
            [schema],
        )
        return {name: last for name, last in cursor.fetchall()}


def sequence_set(schema: str, name: str, last_value: int | None) -> None:
    with connection.cursor() as cursor:
        if last_value is None:
            cursor.execute("SELECT setval(%s::regclass, 1, false)", [q(schema, name)])
        else:
            cursor.execute("SELECT setval(%s::regclass, %s, true)", [q(schema, name), last_value])


def sequence_bump(schema: str, table: str, column: str) -> None:
    """Move the column's sequence past the table's largest value (never back)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [q(schema, table), column])
        row = cursor.fetchone()
        if not row or not row[0]:
            return
        cursor.execute(
            f"SELECT setval(%s::regclass, GREATEST((SELECT coalesce(max({q(column)}), 0) FROM {q(schema, table)}), "
            "(SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM "
            f"{row[0]}), 1), true)",
            [row[0]],
        )


def applied_migrations(schema: str) -> list[str]:
    """``app.name`` of every migration recorded in the schema (none when it has no migrations table)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [q(schema, MIGRATIONS_TABLE)])
        if cursor.fetchone()[0] is None:
            return []
        cursor.execute(f"SELECT app || '.' || name FROM {q(schema, MIGRATIONS_TABLE)} ORDER BY app, name")
        return [row[0] for row in cursor.fetchall()]
