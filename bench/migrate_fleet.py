"""Fleet migrations: one additive migration over N tenant schemas, three executors in the same run.

    .venv/bin/python bench/migrate_fleet.py [--schemas 1000] [--workers N] [--keep] [--reuse DBNAME]
                                            [--skip-standard]

1. A scratch database with N tenant schemas (bench/fleet_build.py: one migrated schema, N-1 copies of
   it, each with a pooled Company row; not measured). ``--keep`` keeps it, ``--reuse DBNAME`` uses a kept
   one (then N is whatever it holds).
2. One extra migration (a nullable column on ``inventory_item``) in a scratch migrations package
   (``MIGRATION_MODULES``; the checkout is not touched).
3. The same migration applied to the whole fleet by django-tenants' standard executor, its multiprocessing
   executor (``TENANT_MULTIPROCESSING_MAX_PROCESSES`` = the same worker count) and hansa.fleet; after each,
   every schema is checked at the target and the migration is taken back (untimed).
4. A crash: ``manage.py migrate_fleet`` as a real process, killed (SIGKILL to its process group:
   coordinator and workers) once about half the schemas are done; the record and the schemas are checked
   (none half-migrated), then ``migrate_fleet --resume`` completes the rest.

Prints seconds, schemas/s, ratios, and the load average before and after each phase (the machine may be
shared). Targets: hansa.fleet <= 30 s for 1,000 schemas and >= 4x django-tenants' multiprocessing executor.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "bench")]

COLUMN = "bench_note"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schemas", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="default: hansa.fleet's own sizing")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database (and its schemas)")
    parser.add_argument("--reuse", metavar="DBNAME", help="use a database kept by --keep (no building)")
    parser.add_argument("--skip-standard", action="store_true", help="leave out the standard executor (slow)")
    parser.add_argument(
        "--skip-multiprocessing", action="store_true", help="leave out the multiprocessing one"
    )
    parser.add_argument(
        "--standard-sample",
        type=int,
        default=0,
        metavar="K",
        help="run the standard executor on K schemas only (one migrate_schemas -s per schema, as it does "
        "internally) and extrapolate to the fleet: for a loaded machine where it would take an hour",
    )
    args = parser.parse_args()

    from hansa.embedded import EmbeddedServices

    services = EmbeddedServices(ROOT / "var" / "bench")
    started = services.ensure_environment()
    where = "embedded PostgreSQL 18" if "postgresql" in started else "DATABASE_URL's server"
    import dj_database_url
    import psycopg2

    base = dj_database_url.parse(os.environ["DATABASE_URL"])
    admin = psycopg2.connect(
        dbname="postgres",
        user=base["USER"],
        password=base["PASSWORD"] or None,
        host=base["HOST"] or None,
        port=base["PORT"] or None,
    )
    admin.autocommit = True
    dbname = args.reuse or f"hansa_bench_fleet_{uuid.uuid4().hex[:8]}"
    if not args.reuse:
        admin.cursor().execute(f'CREATE DATABASE "{dbname}"')
    os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + dbname
    os.environ.update(
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="hansa.settings",
        HANSA_CACHE_PREFIX=f"bench-{uuid.uuid4().hex[:6]}",
        HANSA_CELERY_EAGER="0",
        HANSA_POOL_SIZE="0",
    )
    scratch = Path(tempfile.mkdtemp(prefix="hansa-bench-fleet-"))
    try:
        return run(args, where=where, scratch=scratch, dbname=dbname)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep or args.reuse:
            print(f"\nkept database {dbname} (bench/migrate_fleet.py --reuse {dbname})")
        else:
            admin.cursor().execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin.close()
        services.stop()


def run(args: argparse.Namespace, *, where: str, scratch: Path, dbname: str) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.test import override_settings
    from fleet_build import build_fleet

    from hansa.fleet.executor import applied_sets, default_workers, fleet_migrate, tenant_schemas
    from hansa.tests.fleet_migrations import APP, TABLE, add_field, extra_migration_module

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    if not args.reuse:
        build_fleet(args.schemas)
    schemas = tenant_schemas()
    n = len(schemas)
    # Bring every schema to the checkout's own migrations first (untimed), so the three executors below
    # all start from the same state and apply exactly the one extra migration.
    fleet_migrate(release=f"bench-settle-{uuid.uuid4().hex[:6]}", say=lambda _: None)
    workers = args.workers or default_workers()

    package = extra_migration_module(scratch, [add_field(COLUMN)], name="9001_fleet_bench")
    (scratch / "fleet_bench_settings.py").write_text(
        f"from hansa.settings import *  # noqa: F403\n\nMIGRATION_MODULES = {{'{APP}': '{package}'}}\n"
    )

    def check(label: str) -> tuple[int, int, int]:
        """(schemas at the target, half-migrated schemas, untouched schemas)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT n.nspname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE c.relname = %s AND a.attname = %s AND NOT a.attisdropped AND n.nspname = ANY(%s)",
                [TABLE, COLUMN, schemas],
            )
            with_column = {row[0] for row in cursor.fetchall()}
        applied = applied_sets(schemas)
        nodes = {f"{a}.{m}" for a, m in MigrationLoader(None, ignore_no_migrations=True).graph.nodes}
        extra = f"{APP}.9001_fleet_bench"
        at_target = sum(1 for s in schemas if s in with_column and nodes <= applied[s])
        half = sum(1 for s in schemas if (s in with_column) != (extra in applied[s]))
        untouched = sum(1 for s in schemas if s not in with_column and extra not in applied[s])
        return at_target, half, untouched

    def take_back() -> None:
        """Unapply the extra migration everywhere (untimed), 50 schemas per transaction."""
        for start in range(0, n, 50):
            with connection.cursor() as cursor:
                cursor.execute(
                    "".join(
                        f'ALTER TABLE "{s}".{TABLE} DROP COLUMN IF EXISTS {COLUMN};'  # noqa: S608 - our names
                        f"DELETE FROM \"{s}\".django_migrations WHERE app = '{APP}' AND name = '9001_fleet_bench';"
                        for s in schemas[start : start + 50]
                    )
                )

    take_back()  # a previous run killed half-way may have left the column in some schemas
    results: dict[str, float] = {}
    print(f"\nFleet migration of one added column over {n} tenant schemas, {workers} workers, on {where}")
    print(f"database {dbname}; PostgreSQL max_connections {_setting(connection, 'max_connections')}")

    def phase(label: str, body, *, sample: int = 0) -> None:
        before = load()
        t0 = time.perf_counter()
        body()
        seconds = time.perf_counter() - t0
        at_target, half, _ = check(label)
        expected = sample or n
        if sample:
            label = f"{label} ({sample} schemas, x{n / sample:.0f})"
            seconds = seconds * n / sample  # extrapolated to the fleet
        results[label.split(" (")[0]] = seconds
        print(
            f"{label:<44}{seconds:>8.1f} s{n / seconds:>8.1f} schemas/s   at target {at_target}/{expected}, "
            f"half-migrated {half}   load {before} -> {load()}",
            flush=True,
        )
        if at_target != expected or half:
            raise SystemExit(
                f"{label}: {expected - at_target} schemas not at the target, {half} half-migrated"
            )
        take_back()

    with override_settings(MIGRATION_MODULES={APP: package}):
        if args.standard_sample:
            sample = schemas[: args.standard_sample]
            phase(
                "django-tenants standard",
                lambda: [
                    call_command(
                        "migrate_schemas",
                        tenant=True,
                        schema_name=name,
                        executor="standard",
                        interactive=False,
                        verbosity=0,
                    )
                    for name in sample
                ],
                sample=len(sample),
            )
        elif not args.skip_standard:
            phase(
                "django-tenants standard",
                lambda: call_command(
                    "migrate_schemas", tenant=True, executor="standard", interactive=False, verbosity=0
                ),
            )
        settings.TENANT_MULTIPROCESSING_MAX_PROCESSES = workers
        if not args.skip_multiprocessing:
            phase(
                f"django-tenants multiprocessing x{workers}",
                lambda: call_command(
                    "migrate_schemas", tenant=True, executor="multiprocessing", interactive=False, verbosity=0
                ),
            )
        phase(
            f"hansa.fleet x{workers}",
            lambda: fleet_migrate(
                workers=workers, release=f"bench-{uuid.uuid4().hex[:6]}", say=lambda _: None
            ),
        )
        crash(n, workers, scratch, check)

    fleet = results[f"hansa.fleet x{workers}"]
    multi = results.get(f"django-tenants multiprocessing x{workers}")
    print()
    if "django-tenants standard" in results:
        how = f" (standard extrapolated from {args.standard_sample} schemas)" if args.standard_sample else ""
        print(f"standard / hansa.fleet        = {results['django-tenants standard'] / fleet:.1f}x{how}")
    if multi:
        print(f"multiprocessing / hansa.fleet = {multi / fleet:.1f}x (target >= 4x)")
    print(f"hansa.fleet: {fleet:.1f} s for {n} schemas (target <= 30 s for 1,000)")
    return 0


def _setting(connection, name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s)", [name])
        return str(cursor.fetchone()[0])


def crash(n: int, workers: int, scratch: Path, check) -> None:
    """Kill a real `manage.py migrate_fleet` half-way, then `--resume`; print what each did."""
    from django.db import connection

    release = f"bench-crash-{uuid.uuid4().hex[:6]}"
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="fleet_bench_settings",
        PYTHONPATH=os.pathsep.join([str(scratch), str(ROOT), str(ROOT / "platform")]),
    )
    command = [sys.executable, str(ROOT / "manage.py"), "migrate_fleet", "--tenants-only"]
    command += ["--workers", str(workers), "--release", release, "--progress-every", str(max(n // 10, 1))]

    def done() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM fleet_schema s JOIN fleet_release r ON r.id = s.release_id"
                " WHERE r.release = %s AND s.status = 'done'",
                [release],
            )
            return int(cursor.fetchone()[0])

    log = scratch / "crash.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603 - our own manage.py
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        while process.poll() is None and done() < n // 2:
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    time.sleep(0.5)  # the server notices the dead connections and rolls their transactions back
    first = done()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.status, count(*) FROM fleet_schema s JOIN fleet_release r ON r.id = s.release_id"
            " WHERE r.release = %s GROUP BY s.status ORDER BY 1",
            [release],
        )
        states = ", ".join(f"{count} {status}" for status, count in cursor.fetchall())
    at_target, half, untouched = check("crash")
    print(
        f"crash: killed after {first} schemas done (record: {states}); schemas at target {at_target}, "
        f"half-migrated {half}, untouched {untouched}"
    )
    t0 = time.perf_counter()
    resumed = subprocess.run([*command, "--resume"], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    seconds = time.perf_counter() - t0
    at_target, half, untouched = check("resume")
    summary = [line for line in resumed.stdout.splitlines() if "migrated," in line]
    print(
        f"resume: exit {resumed.returncode} in {seconds:.1f} s (process start included): {summary[-1] if summary else resumed.stdout[-500:]}"
    )
    print(
        f"after resume: {done()} schemas done in the record; at target {at_target}/{n}, half-migrated {half}"
    )
    if resumed.returncode != 0 or at_target != n or half:
        raise SystemExit(f"resume did not complete the fleet:\n{resumed.stdout}\n{resumed.stderr}")
    if done() != n:
        raise SystemExit(f"the record says {done()} schemas done, not {n}")


if __name__ == "__main__":
    sys.exit(main())
