"""Fleet migrations: one release's migrations applied to every tenant schema, fast, in parallel, resumable.

django-tenants' executors run Django's whole ``migrate`` command once per schema: load the migration
graph from disk, read that schema's django_migrations, render the project state, plan, apply, emit
post_migrate. That costs about 0.1 s per schema before any DDL runs, so the fleet grows by minutes per
thousand tenants. This executor does the per-release work once and only the DDL per schema:

1. read every schema's applied migrations in ONE query (a UNION ALL over the schemas' django_migrations)
   and group the schemas by that set (normally one group: every schema is at the previous release);
2. per group, load the graph and plan once (Django's own ``MigrationExecutor`` on one schema of the
   group), refuse up front what cannot run inside one transaction, and collect the plan's SQL the way
   ``sqlmigrate`` does (the schema editor in collect mode, table names unqualified, so the SQL holds no
   schema name and nothing has to be substituted: each schema runs it under its own ``search_path``);
   a plan with a ``RunPython`` step is applied by Django's executor in the worker instead (graph and
   pre-migration state cached per worker, cloned per schema);
3. a pool of N worker processes, each with one connection, takes schemas one at a time: per schema ONE
   transaction sets ``search_path``, runs the statements, records the rows in that schema's
   django_migrations, adds content types for new models (what django's post_migrate would do in a
   tenant schema) and marks the schema ``done`` in ``public.fleet_schema``. A failure rolls the whole
   schema back (PostgreSQL DDL is transactional) and marks it ``failed`` with the error; the others go on.

A schema is marked ``running`` (in its own small commit) before its transaction starts. A crash leaves
``running`` rows whose transactions PostgreSQL rolled back; ``resume`` turns them (and failed ones) back
to ``pending`` and continues. One fleet migration runs at a time (a session advisory lock).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import multiprocessing
import os
import re
import signal
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.migrations import Migration
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import SeparateDatabaseAndState
from django.db.migrations.operations.base import Operation
from django.db.models import Count
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, get_tenant_model

from hansa.fleet.models import FleetRelease, FleetSchema, FleetStatus
from kernel.tenancy import connection  # django-tenants' wrapper, typed

# pg_advisory_lock key: one fleet migration at a time on a database.
LOCK_KEY = 0x48414E5341_F1EE  # "HANSA" + fleet
# Statements that cannot run inside a transaction block.
NON_TRANSACTIONAL = re.compile(r"\b(CONCURRENTLY|VACUUM|ALTER\s+SYSTEM)\b", re.IGNORECASE)
UNION_BATCH = 1000  # schemas per applied-migrations query

Say = Callable[[str], None]


class FleetRefused(Exception):
    """Nothing was written: the fleet migration cannot start (reason in the message)."""


class FleetBusy(FleetRefused):
    pass


@dataclass(frozen=True)
class Plan:
    """What one group of schemas (same applied migrations) must run; sent to the workers."""

    key: str  # digest of the group's applied set
    migrations: tuple[str, ...]  # "app.name", in order
    record: tuple[tuple[str, str], ...]  # django_migrations rows to insert
    statements: tuple[str, ...] | None  # None: apply with Django's executor in the worker (RunPython)


@dataclass
class FleetResult:
    release: str
    schemas: int = 0
    up_to_date: int = 0  # already at the target before this run (nothing to do)
    done: int = 0
    failed: int = 0
    seconds: float = 0.0
    workers: int = 0
    failures: dict[str, str] = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0


# --------------------------------------------------------------------------------------------------
# Sizing


def default_workers() -> int:
    """Workers for this machine and this database: 2 per core, within a quarter of the free connections.

    ``HANSA_FLEET_WORKERS`` (settings) overrides it. Never more than 32.
    """
    configured = int(getattr(settings, "HANSA_FLEET_WORKERS", 0) or 0)
    if configured > 0:
        return configured
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int"
            " - (SELECT count(*) FROM pg_stat_activity)"
        )
        free = int(cursor.fetchone()[0])
    return max(1, min(2 * cores, free // 4, 32))


# --------------------------------------------------------------------------------------------------
# Planning (coordinator)


def _qn(name: str) -> str:
    return connection.ops.quote_name(name)


def target_nodes() -> list[str]:
    """The leaf migration of every app on disk ("app.name", sorted): what the fleet is brought to."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.graph.leaf_nodes())


def digest(items: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(items)).encode()).hexdigest()


def tenant_schemas() -> list[str]:
    """Every tenant schema (pooled ones included) that exists, in the tenant table's order."""
    public = get_public_schema_name()
    names = list(
        get_tenant_model()
        .objects.exclude(schema_name=public)
        .order_by("pk")
        .values_list("schema_name", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", [names])
        existing = {row[0] for row in cursor.fetchall()}
    return [name for name in names if name in existing]


def applied_sets(schemas: Sequence[str]) -> dict[str, frozenset[str]]:
    """Each schema's applied migrations ("app.name"), read with one UNION ALL query per 1,000 schemas."""
    result: dict[str, set[str]] = {name: set() for name in schemas}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relname = 'django_migrations' AND c.relkind = 'r' AND n.nspname = ANY(%s)",
            [list(schemas)],
        )
        with_table = {row[0] for row in cursor.fetchall()}
        readable = [name for name in schemas if name in with_table]
        for start in range(0, len(readable), UNION_BATCH):
            batch = readable[start : start + UNION_BATCH]
            sql = " UNION ALL ".join(
                f"SELECT %s, app, name FROM {_qn(name)}.django_migrations"  # noqa: S608 - quoted names
                for name in batch
            )
            cursor.execute(sql, batch)
            for schema, app, name in cursor.fetchall():
                result[schema].add(f"{app}.{name}")
    return {name: frozenset(applied) for name, applied in result.items()}


def _database_operations(operation: Operation) -> Iterable[Operation]:
    if isinstance(operation, SeparateDatabaseAndState):
        for inner in operation.database_operations:
            yield from _database_operations(inner)
    else:
        yield operation


def _refusal(migration: Migration) -> str | None:
    key = f"{migration.app_label}.{migration.name}"
    if not migration.atomic:
        return (
            f"migration {key} is not atomic (atomic = False): fleet migrations run each schema's migrations "
            "in one transaction so that no schema is ever left half-migrated. Make it atomic, or move the "
            "non-transactional step (CREATE INDEX CONCURRENTLY, ...) to a separate release applied with "
            "`manage.py migrate_schemas`"
        )
    return None


def _database_operations_of(migration: Migration) -> Iterable[Operation]:
    for operation in migration.operations:
        yield from _database_operations(operation)


def _record_rows(migration: Migration) -> list[tuple[str, str]]:
    """The django_migrations rows Django's migrate writes for a migration (a squash: what it replaces too)."""
    rows = [(str(app), str(name)) for app, name in migration.replaces or ()]
    rows.append((migration.app_label, migration.name))
    return rows


def _sql_only(statements: Iterable[str]) -> tuple[str, ...]:
    """Drop the comment-only entries collect_sql adds ("-- Add field ..."): they are not statements."""
    kept = []
    for statement in statements:
        body = "\n".join(line for line in statement.splitlines() if not line.strip().startswith("--")).strip()
        if body:
            kept.append(statement)
    return tuple(kept)


def plan_group(representative: str, applied: frozenset[str]) -> Plan:
    """Plan one group of schemas with Django's executor on one schema of the group; collect its SQL.

    Raises:
        FleetRefused: the plan cannot run in one transaction per schema.
    """
    connection.set_schema(representative)
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        migrations = [migration for migration, _backwards in plan]
        if any(backwards for _migration, backwards in plan):
            raise FleetRefused(
                f"the plan for {representative} unapplies migrations; fleet migrations only go forward"
            )
        for migration in migrations:
            reason = _refusal(migration)
            if reason:
                raise FleetRefused(reason)
        record: list[tuple[str, str]] = []
        for migration in migrations:
            record.extend(_record_rows(migration))
        python = any(
            not operation.reduces_to_sql
            for migration in migrations
            for operation in _database_operations_of(migration)
        )
        statements: tuple[str, ...] | None = None
        if migrations and not python:
            # sqlmigrate's way: the schema editor collects instead of executing (it may read the catalog of
            # the representative schema, e.g. constraint names, which every schema of the group shares).
            with transaction.atomic():
                statements = _sql_only(executor.loader.collect_sql(plan))
                transaction.set_rollback(True)
            for statement in statements:
                if NON_TRANSACTIONAL.search(statement):
                    raise FleetRefused(
                        f"the plan runs a statement that cannot run inside a transaction: {statement[:200]}"
                    )
        return Plan(
            key=digest(applied),
            migrations=tuple(f"{m.app_label}.{m.name}" for m in migrations),
            record=tuple(record),
            statements=statements,
        )
    finally:
        connection.set_schema_to_public()


def content_types() -> tuple[list[str], list[str]]:
    """Every model's content type (app label, model), as post_migrate's create_contenttypes makes them."""
    labels, models = [], []
    for app_config in apps.get_app_configs():
        for model in app_config.get_models():
            labels.append(app_config.label)
            models.append(str(model._meta.model_name))
    return labels, models


# --------------------------------------------------------------------------------------------------
# Workers


_worker_cache: dict[str, Any] = {}
# Set by the coordinator just before it forks the workers (they inherit it): plans by key, the content
# types, the lock timeout. Tasks then carry only (schema, state row id, plan key).
_shared: dict[str, Any] = {}


def _worker_init() -> None:
    # Die with the coordinator (a killed coordinator must not leave workers migrating on their own).
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the coordinator handles ^C
    _worker_cache.clear()


def _apply_in_process(plan: Plan) -> None:
    """Apply a plan with Django's executor (plans with RunPython); graph and state cached per worker."""
    cached = _worker_cache.get(plan.key)
    if cached is None:
        executor = MigrationExecutor(connection)
        full = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if tuple(f"{m.app_label}.{m.name}" for m, _ in full) != plan.migrations:
            raise RuntimeError("this schema's migration plan differs from its group's plan")
        state = executor._create_project_state(with_applied_migrations=True)  # type: ignore[attr-defined]
        cached = _worker_cache[plan.key] = (executor, [m for m, _ in full], state)
    executor, migrations, state = cached
    state = state.clone()
    for migration in migrations:
        state = executor.apply_migration(state, migration)


def migrate_schema(task: tuple[str, int, str]) -> tuple[str, str, str]:
    """Run in a worker: migrate one schema in one transaction. Returns (schema, status, error)."""
    schema, row_id, plan_key = task
    plan: Plan = _shared["plans"][plan_key]
    lock_timeout: float = _shared["lock_timeout"]
    ct_labels, ct_models = _shared["content_types"]
    pid = os.getpid()
    with transaction.atomic(), connection.cursor() as cursor:
        # A lost "running" mark only means the row still says pending: no need to wait for the disk.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(
            "UPDATE public.fleet_schema SET status = %s, started_at = now(), finished_at = NULL,"
            " attempts = attempts + 1, worker_pid = %s WHERE id = %s",
            [FleetStatus.RUNNING, pid, row_id],
        )
    connection.set_schema(schema)  # the router (TenantSyncRouter) decides by the connection's schema
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL search_path = {_qn(schema)}, public")
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{int(lock_timeout * 1000)}ms"])
            if plan.statements is not None:
                for statement in plan.statements:
                    cursor.execute(statement)
                cursor.execute(
                    "INSERT INTO django_migrations (app, name, applied)"
                    " SELECT a, n, now() FROM unnest(%s::varchar[], %s::varchar[]) AS r(a, n)",
                    [[app for app, _ in plan.record], [name for _, name in plan.record]],
                )
            else:
                _apply_in_process(plan)
            cursor.execute(
                "INSERT INTO django_content_type (app_label, model)"
                " SELECT a, m FROM unnest(%s::varchar[], %s::varchar[]) AS c(a, m)"
                " ON CONFLICT (app_label, model) DO NOTHING",
                [ct_labels, ct_models],
            )
            cursor.execute(
                "UPDATE public.fleet_schema SET status = %s, finished_at = now(), migrations = %s::jsonb,"
                " error = '' WHERE id = %s",
                [FleetStatus.DONE, _json(plan.migrations), row_id],
            )
        return schema, FleetStatus.DONE, ""
    except Exception as exc:  # any failure fails this schema only, recorded
        error = f"{type(exc).__name__}: {exc}".strip()[:4000]
        connection.set_schema_to_public()
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE public.fleet_schema SET status = %s, finished_at = now(), error = %s WHERE id = %s",
                    [FleetStatus.FAILED, error, row_id],
                )
        except Exception:
            connection.close()  # connection lost: the row stays "running", which resume retries
        return schema, FleetStatus.FAILED, error
    finally:
        connection.set_schema_to_public()


def _json(items: Sequence[str]) -> str:
    import json

    return json.dumps(list(items))


# --------------------------------------------------------------------------------------------------
# Coordinator


def _try_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        return bool(cursor.fetchone()[0])


def _unlock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def _prepare_release(
    release_id: str, target: list[str], schemas: Sequence[str], *, resume: bool
) -> tuple[FleetRelease, dict[str, int]]:
    """Create or reopen the release's rows; returns it and its schemas' statuses before this run."""
    previous: dict[str, int] = {}
    target_digest = digest(target)
    release, created = FleetRelease.objects.get_or_create(
        release=release_id, defaults={"target": target, "target_digest": target_digest}
    )
    if not created:
        if release.target_digest != target_digest:
            raise FleetRefused(
                f"release {release_id!r} was recorded with another set of target migrations; "
                "name this release differently (--release)"
            )
        mine = release.schema_states.filter(schema_name__in=list(schemas))  # other schemas are left alone
        previous = dict(mine.values("status").annotate(n=Count("id")).values_list("status", "n"))
        stale = {k: v for k, v in previous.items() if k in (FleetStatus.RUNNING, FleetStatus.FAILED)}
        if stale and not resume:
            counts = ", ".join(f"{n} {status}" for status, n in sorted(stale.items()))
            raise FleetRefused(
                f"release {release_id!r} has an unfinished run ({counts}); pass --resume to continue it"
            )
        mine.filter(status__in=[FleetStatus.RUNNING, FleetStatus.FAILED]).update(
            status=FleetStatus.PENDING, worker_pid=None
        )
        release.status = FleetStatus.RUNNING
        release.finished_at = None
    known = set(release.schema_states.values_list("schema_name", flat=True))
    FleetSchema.objects.bulk_create(
        [FleetSchema(release=release, schema_name=name) for name in schemas if name not in known],
        batch_size=1000,
    )
    release.schemas = release.schema_states.count()
    release.save()
    return release, previous


def fleet_migrate(
    *,
    release: str | None = None,
    workers: int | None = None,
    resume: bool = False,
    schemas: Sequence[str] | None = None,
    progress_every: int = 100,
    lock_timeout: float | None = None,
    say: Say = print,
) -> FleetResult:
    """Bring every tenant schema (or ``schemas``) to the migrations on disk. See the module docstring.

    Raises:
        FleetRefused: nothing was written (another run holds the lock, a non-atomic migration, an
            unfinished run of the same release without ``resume``, a release id reused for another target).
    """
    started = time.perf_counter()
    if lock_timeout is None:
        lock_timeout = float(getattr(settings, "HANSA_FLEET_LOCK_TIMEOUT", 30))
    workers = workers or default_workers()
    target = target_nodes()
    release_id = release or f"auto-{digest(target)[:12]}"
    result = FleetResult(release=release_id, workers=workers)

    connection.set_schema_to_public()
    if not _try_lock():
        raise FleetBusy("another fleet migration is running on this database (advisory lock held)")
    try:
        names = list(schemas) if schemas is not None else tenant_schemas()
        result.schemas = len(names)
        applied = applied_sets(names)
        groups: dict[frozenset[str], list[str]] = defaultdict(list)
        for name in names:
            groups[applied[name]].append(name)
        plans: dict[frozenset[str], Plan] = {}
        for applied_set, members in groups.items():
            plans[applied_set] = plan_group(members[0], applied_set)
        result.plans = list(plans.values())
        fleet_release, previous = _prepare_release(release_id, target, names, resume=resume)
        rows = dict(
            fleet_release.schema_states.filter(schema_name__in=names).values_list("schema_name", "id")
        )
        todo = [name for name in names if plans[applied[name]].migrations]
        up_to_date = [name for name in names if not plans[applied[name]].migrations]
        FleetSchema.objects.filter(release=fleet_release, schema_name__in=up_to_date).exclude(
            status=FleetStatus.DONE
        ).update(status=FleetStatus.DONE, finished_at=timezone.now(), error="")
        result.up_to_date = len(up_to_date)
        kinds = ", ".join(
            f"{len(groups[a])} schema(s) x {len(p.migrations)} migration(s)"
            f" ({'SQL replay' if p.statements is not None else 'in-process, RunPython'})"
            for a, p in plans.items()
            if p.migrations
        )
        say(
            f"fleet: release {release_id}: {len(names)} tenant schemas, {len(todo)} to migrate"
            f"{f' ({kinds})' if kinds else ''}, {len(up_to_date)} already at the target; {workers} workers"
        )
        if previous:
            counts = ", ".join(f"{n} {status}" for status, n in sorted(previous.items()))
            say(f"fleet: release {release_id} was run before ({counts}); continuing")

        if todo:
            _shared.update(
                plans={plan.key: plan for plan in plans.values()},
                content_types=content_types(),
                lock_timeout=lock_timeout,
            )
            tasks = [(name, rows[name], plans[applied[name]].key) for name in todo]
            _run_pool(
                tasks, workers=min(workers, len(todo)), result=result, progress_every=progress_every, say=say
            )

        fleet_release.refresh_from_db()
        failed_rows = fleet_release.schema_states.filter(status=FleetStatus.FAILED).exists()
        fleet_release.status = FleetStatus.FAILED if failed_rows else FleetStatus.DONE
        fleet_release.finished_at = timezone.now()
        fleet_release.save(update_fields=["status", "finished_at"])
    finally:
        _unlock()
    if schemas is None:
        # Schemas made while this ran (a pool refill) were not in the list: they get the same treatment.
        seen = set(names)
        late = [name for name in tenant_schemas() if name not in seen]
        if late:
            say(f"fleet: {len(late)} schema(s) appeared during the run; migrating them too")
            more = fleet_migrate(
                release=release_id,
                workers=workers,
                resume=True,
                schemas=late,
                progress_every=progress_every,
                lock_timeout=lock_timeout,
                say=say,
            )
            result.schemas += more.schemas
            result.up_to_date += more.up_to_date
            result.done += more.done
            result.failed += more.failed
            result.failures.update(more.failures)
    result.seconds = time.perf_counter() - started
    say(
        f"fleet: release {release_id}: {result.done} migrated, {result.failed} failed, "
        f"{result.up_to_date} already at the target, of {result.schemas} schemas in {result.seconds:.1f} s"
    )
    for name, error in sorted(result.failures.items()):
        say(f"fleet:   failed {name}: {error.splitlines()[0] if error else ''}")
    return result


def _run_pool(
    tasks: list[tuple[str, int, str]],
    *,
    workers: int,
    result: FleetResult,
    progress_every: int,
    say: Say,
) -> None:
    """Fork ``workers`` processes (each opens its own connection) and migrate the schemas through them.

    The coordinator keeps its own connection (and the advisory lock) open: it is not shared with the
    children, which never touch the parent's connection object (it is set aside before the fork and put
    back after).
    """
    started = time.perf_counter()
    total = len(tasks)
    held = connection.connection
    connection.connection = None  # the children start without a connection and open their own
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(workers, initializer=_worker_init) as pool:
            connection.connection = held
            for index, (schema, status, error) in enumerate(pool.imap_unordered(migrate_schema, tasks), 1):
                if status == FleetStatus.DONE:
                    result.done += 1
                else:
                    result.failed += 1
                    result.failures[schema] = error
                    say(
                        f"fleet: {schema} failed and was rolled back: {error.splitlines()[0] if error else ''}"
                    )
                if index % max(progress_every, 1) == 0 or index == total:
                    elapsed = time.perf_counter() - started
                    say(
                        f"fleet: {index}/{total} schemas ({result.done} done, {result.failed} failed) "
                        f"in {elapsed:.1f} s, {index / elapsed if elapsed else 0:.0f}/s"
                    )
            pool.close()
            pool.join()
    finally:
        connection.connection = held
