"""Build a fleet of N migrated tenant schemas quickly, for bench/migrate_fleet.py (not what it measures).

One schema is made the normal way (a warm-pool schema: CREATE SCHEMA + every tenant migration); the
others are copies of it: `pg_dump -n <template>` once, the opaque schema name replaced in the text (a
``t_<16 hex>`` name occurs nowhere else), replayed by two connections, one schema per transaction (a schema takes ~500 locks: more per
transaction exhausts the shared lock table), with ``synchronous_commit=off``. Each copy gets a pooled Company row (bulk insert), so every executor
(django-tenants' ones read the Company table too) sees N tenants.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time

STREAMS = 2


def build_fleet(n: int, *, say=print) -> list[str]:
    """Create N tenant schemas (and their Company rows) in the current database; returns their names."""
    from tenants.models import Company, CompanyStatus
    from tenants.services import pool_add_schema, schema_name_new

    started = time.perf_counter()
    template = pool_add_schema().schema_name
    url = os.environ["DATABASE_URL"]
    dump = subprocess.run(  # noqa: S603 - our own pg_dump of our own schema
        ["pg_dump", "--dbname", url, "--schema", template, "--no-owner", "--no-privileges", "--inserts"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # pg_dump's psql meta-commands (\restrict ...) are not SQL.
    dump = "\n".join(line for line in dump.splitlines() if not line.startswith("\\"))
    names = [schema_name_new() for _ in range(n - 1)]
    errors: list[str] = []

    def copy(mine: list[str]) -> None:
        import dj_database_url
        import psycopg2

        params = dj_database_url.parse(url)
        conn = psycopg2.connect(
            dbname=params["NAME"],
            user=params["USER"],
            password=params["PASSWORD"] or None,
            host=params["HOST"] or None,
            port=params["PORT"] or None,
            options="-c synchronous_commit=off -c client_min_messages=warning",
        )
        try:
            for name in mine:
                for attempt in range(10):
                    try:
                        with conn, conn.cursor() as cursor:  # one transaction per schema
                            cursor.execute(dump.replace(template, name))
                        break
                    except psycopg2.OperationalError as exc:  # out of shared memory (lock table): retry
                        if attempt == 9:
                            errors.append(f"{name}: {exc}")
                            return
                        time.sleep(1 + attempt)
                    except Exception as exc:
                        errors.append(f"{name}: {exc}")
                        return
        finally:
            conn.close()

    threads = [threading.Thread(target=copy, args=(names[i::STREAMS],)) for i in range(STREAMS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"copying the template schema failed: {errors[:3]}")
    Company.objects.bulk_create(
        [Company(schema_name=name, status=CompanyStatus.POOLED) for name in names], batch_size=500
    )
    say(f"built {n} tenant schemas in {time.perf_counter() - started:.1f} s (1 migrated, {n - 1} copies)")
    return [template, *names]
