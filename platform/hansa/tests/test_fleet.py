"""The fleet executor on a small real fleet: parallel workers with their own connections, one transaction
per schema, state in public.fleet_schema, resume, refusals. Real PostgreSQL; nothing mocked.

The fleet is four schemas made the production way (warm-pool schemas) and marked closed, so no sign-up in
another test claims them; every run is restricted to them, so the rest of the test database is never
touched. The extra migration lives in a scratch package (see fleet_migrations.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from hansa.fleet.executor import FleetBusy, FleetRefused, fleet_migrate
from hansa.fleet.models import FleetRelease, FleetSchema, FleetStatus
from hansa.tests.fleet_migrations import APP, TABLE, add_field, extra_migration_module
from kernel.tenancy import connection

# transaction=True: the workers are other processes with their own connections, so what the test sets up
# must be committed. (The flush after each test empties the warm pool; the fleet's schemas stay.)
pytestmark = [pytest.mark.xdist_group("fleet"), pytest.mark.django_db(transaction=True)]

FLEET_SIZE = 4
EXTRA = "9001_fleet_extra"


def columns(schema: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s AND table_name = %s",
            [schema, TABLE],
        )
        return {row[0] for row in cursor.fetchall()}


def recorded(schema: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT count(*) FROM "{schema}".django_migrations WHERE app = %s AND name = %s',  # noqa: S608
            [APP, EXTRA],
        )
        return bool(cursor.fetchone()[0])


def execute(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


@pytest.fixture(scope="module")
def schemas(django_db_setup: None, django_db_blocker: Any) -> Iterator[list[str]]:
    from tenants.models import Company, CompanyStatus
    from tenants.services import pool_add_schema

    with django_db_blocker.unblock():
        companies = [pool_add_schema() for _ in range(FLEET_SIZE)]
        Company.objects.filter(pk__in=[c.pk for c in companies]).update(status=CompanyStatus.CLOSED)
        names = [c.schema_name for c in companies]
        try:
            yield names
        finally:
            connection.set_schema_to_public()
            Company.objects.filter(schema_name__in=names).delete()  # (the flushes have usually done it)
            for name in names:
                execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture
def fleet(schemas: list[str]) -> Iterator[list[str]]:
    """The fleet, put back at the checkout's migrations after the test, with no fleet records."""
    try:
        yield schemas
    finally:
        connection.set_schema_to_public()
        for schema in schemas:
            execute(
                f'ALTER TABLE "{schema}".{TABLE} DROP COLUMN IF EXISTS fleet_a, DROP COLUMN IF EXISTS fleet_b'
            )
            execute(f'DROP TABLE IF EXISTS "{schema}".fleet_probe')
            with connection.cursor() as cursor:
                cursor.execute(
                    f'DELETE FROM "{schema}".django_migrations WHERE app = %s AND name = %s',  # noqa: S608
                    [APP, EXTRA],
                )
        FleetRelease.objects.all().delete()


def release(tmp_path: Path, operations: list[str], **kwargs: Any) -> Any:
    return override_settings(MIGRATION_MODULES={APP: extra_migration_module(tmp_path, operations, **kwargs)})


def quiet(_: str) -> None:
    pass


def test_one_migration_reaches_every_schema_and_is_recorded(fleet: list[str], tmp_path: Path) -> None:
    with release(tmp_path, [add_field("fleet_a")]):
        # One schema is ahead (migrated alone first): the others form the group that needs the plan.
        first = fleet_migrate(schemas=fleet[:1], workers=1, release="r-first", say=quiet)
        assert (first.done, first.failed) == (1, 0)
        lines: list[str] = []
        result = fleet_migrate(schemas=fleet, workers=2, release="r-all", say=lines.append, progress_every=2)

    assert (result.done, result.failed, result.up_to_date, result.schemas) == (
        FLEET_SIZE - 1,
        0,
        1,
        FLEET_SIZE,
    )
    for schema in fleet:
        assert "fleet_a" in columns(schema)
        assert recorded(schema)
    [plan] = [p for p in result.plans if p.migrations]
    assert plan.migrations == (f"{APP}.{EXTRA}",)
    assert plan.statements and any("fleet_a" in s for s in plan.statements)
    states = {s.schema_name: s for s in FleetSchema.objects.filter(release__release="r-all")}
    assert set(states) == set(fleet)
    assert {s.status for s in states.values()} == {FleetStatus.DONE}
    for schema in fleet[1:]:
        assert states[schema].migrations == [f"{APP}.{EXTRA}"]
        assert states[schema].attempts == 1
        started, finished = states[schema].started_at, states[schema].finished_at
        assert started is not None and finished is not None and started <= finished
    assert FleetRelease.objects.get(release="r-all").status == FleetStatus.DONE
    assert any(line.startswith("fleet: 2/3 schemas") for line in lines), lines
    assert "3 migrated, 0 failed, 1 already at the target, of 4 schemas" in lines[-1]


def test_a_failing_schema_is_rolled_back_entirely_and_the_others_finish(
    fleet: list[str], tmp_path: Path
) -> None:
    broken = fleet[2]
    execute(
        f'ALTER TABLE "{broken}".{TABLE} ADD COLUMN fleet_b integer'
    )  # the second AddField will fail here
    with release(tmp_path, [add_field("fleet_a"), add_field("fleet_b")]):
        result = fleet_migrate(schemas=fleet, workers=2, release="r-fail", say=quiet)
        assert (result.done, result.failed) == (FLEET_SIZE - 1, 1)
        assert list(result.failures) == [broken]
        assert "fleet_b" in result.failures[broken]

        assert "fleet_a" not in columns(broken)  # the first AddField was rolled back with the second
        assert not recorded(broken)
        for schema in fleet:
            if schema != broken:
                assert {"fleet_a", "fleet_b"} <= columns(schema)
                assert recorded(schema)
        state = FleetSchema.objects.get(release__release="r-fail", schema_name=broken)
        assert state.status == FleetStatus.FAILED
        assert "fleet_b" in state.error
        assert FleetRelease.objects.get(release="r-fail").status == FleetStatus.FAILED

        # The same release again without --resume is refused, and writes nothing.
        with pytest.raises(FleetRefused, match="--resume"):
            fleet_migrate(schemas=fleet, workers=2, release="r-fail", say=quiet)
        assert (
            FleetSchema.objects.get(release__release="r-fail", schema_name=broken).status
            == FleetStatus.FAILED
        )

        execute(f'ALTER TABLE "{broken}".{TABLE} DROP COLUMN fleet_b')  # the operator fixes the cause
        again = fleet_migrate(schemas=fleet, workers=2, release="r-fail", resume=True, say=quiet)
    assert (again.done, again.failed, again.up_to_date) == (1, 0, FLEET_SIZE - 1)
    assert {"fleet_a", "fleet_b"} <= columns(broken)
    state = FleetSchema.objects.get(release__release="r-fail", schema_name=broken)
    assert (state.status, state.attempts, state.error) == (FleetStatus.DONE, 2, "")


def test_resume_after_a_crash_completes_the_schemas_left_running(fleet: list[str], tmp_path: Path) -> None:
    with release(tmp_path, [add_field("fleet_a")]):
        fleet_migrate(schemas=fleet[:2], workers=1, release="r-crash", say=quiet)
        # A crash: the coordinator and its workers died while two schemas were running. PostgreSQL rolled
        # their transactions back, so those schemas are untouched and their rows still say running.
        crashed = FleetRelease.objects.get(release="r-crash")
        FleetSchema.objects.bulk_create(
            [
                FleetSchema(
                    release=crashed, schema_name=s, status=FleetStatus.RUNNING, attempts=1, worker_pid=1
                )
                for s in fleet[2:]
            ]
        )
        with pytest.raises(FleetRefused, match=r"2 running.*--resume"):
            fleet_migrate(schemas=fleet, workers=2, release="r-crash", say=quiet)
        lines: list[str] = []
        result = fleet_migrate(schemas=fleet, workers=2, release="r-crash", resume=True, say=lines.append)
    assert (result.done, result.failed, result.up_to_date) == (2, 0, 2)
    assert any("was run before (2 done, 2 running); continuing" in line for line in lines), lines
    for schema in fleet:
        assert "fleet_a" in columns(schema) and recorded(schema)
    states = FleetSchema.objects.filter(release__release="r-crash")
    assert {s.status for s in states} == {FleetStatus.DONE}
    assert sorted(s.attempts for s in states if s.schema_name in fleet[2:]) == [2, 2]


def test_a_non_atomic_migration_is_refused_before_anything_is_written(
    fleet: list[str], tmp_path: Path
) -> None:
    with release(tmp_path, [add_field("fleet_a")], atomic=False), pytest.raises(FleetRefused) as refused:
        fleet_migrate(schemas=fleet, workers=2, release="r-nonatomic", say=quiet)
    assert f"{APP}.{EXTRA} is not atomic" in str(refused.value)
    assert not FleetRelease.objects.exists()
    assert all("fleet_a" not in columns(s) and not recorded(s) for s in fleet)


def test_a_runpython_migration_runs_in_each_schema_in_process(fleet: list[str], tmp_path: Path) -> None:
    code = (
        "def probe(apps, schema_editor):\n"
        "    Item = apps.get_model('inventory', 'Item')\n"
        "    schema_editor.execute('CREATE TABLE fleet_probe (items integer)')\n"
        "    schema_editor.execute('INSERT INTO fleet_probe VALUES (%s)', [Item.objects.count()])\n"
    )
    with release(
        tmp_path, [add_field("fleet_a"), "migrations.RunPython(probe, migrations.RunPython.noop)"], code=code
    ):
        result = fleet_migrate(schemas=fleet, workers=2, release="r-python", say=quiet)
    assert (result.done, result.failed) == (FLEET_SIZE, 0)
    [plan] = result.plans
    assert plan.statements is None  # applied by Django's executor in the worker
    for schema in fleet:
        assert "fleet_a" in columns(schema) and recorded(schema)
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT items FROM "{schema}".fleet_probe')  # noqa: S608
            assert cursor.fetchall() == [(0,)]


def test_the_command_migrates_and_exits_2_when_refused(fleet: list[str], tmp_path: Path, capsys: Any) -> None:
    names = [arg for schema in fleet for arg in ("--schema", schema)]
    with release(tmp_path, [add_field("fleet_a")]):
        call_command("migrate_fleet", "--tenants-only", "--workers", "2", "--release", "r-cmd", *names)
        assert "4 migrated, 0 failed" in capsys.readouterr().out
        assert all("fleet_a" in columns(s) for s in fleet)
    # The next release (a new migration after the one just applied) is not atomic: refused.
    nonatomic = release(tmp_path, [add_field("fleet_b")], atomic=False, name="9002_fleet_nonatomic")
    with nonatomic, pytest.raises(CommandError) as refused:
        call_command("migrate_fleet", "--tenants-only", "--release", "r-cmd-2", *names)
    assert refused.value.returncode == 2
    assert "nothing written" in str(refused.value) and "9002_fleet_nonatomic is not atomic" in str(
        refused.value
    )
    assert all("fleet_b" not in columns(s) for s in fleet)


def test_one_run_at_a_time(fleet: list[str], tmp_path: Path) -> None:
    import psycopg2
    from django.conf import settings

    db = settings.DATABASES["default"]
    other = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
    try:
        with other.cursor() as cursor:
            from hansa.fleet.executor import LOCK_KEY

            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        with release(tmp_path, [add_field("fleet_a")]), pytest.raises(FleetBusy):
            fleet_migrate(schemas=fleet, workers=2, release="r-busy", say=quiet)
    finally:
        other.close()
    assert not FleetRelease.objects.exists()
    assert all("fleet_a" not in columns(s) for s in fleet)
