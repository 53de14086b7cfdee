"""A scratch database for one bench run: on the embedded PostgreSQL (or DATABASE_URL's server), created
empty before the run and dropped after it, with the environment Django needs pointed at it.

    with scratch_database(HANSA_POOL_SIZE="0") as where:
        import django
        django.setup()
        ...
    print(f"... on {where}")
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def scratch_database(**env: str) -> Iterator[str]:
    """Yields where the run happens ("embedded PostgreSQL 18" or "DATABASE_URL's server")."""
    import dj_database_url
    import psycopg2

    from hansa.embedded import EmbeddedServices

    services = EmbeddedServices(ROOT / "var" / "bench")
    started = services.ensure_environment()
    where = "embedded PostgreSQL 18" if "postgresql" in started else "DATABASE_URL's server"
    base = dj_database_url.parse(os.environ["DATABASE_URL"])
    dbname = f"hansa_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=base["USER"],
        password=base["PASSWORD"] or None,
        host=base["HOST"] or None,
        port=base["PORT"] or None,
    )
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{dbname}"')
    os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + dbname
    os.environ.update(
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="hansa.settings",
        HANSA_CACHE_PREFIX=f"bench-{uuid.uuid4().hex[:6]}",
        HANSA_CELERY_EAGER="0",
        **env,
    )
    try:
        yield where
    finally:
        if "django" in __import__("sys").modules:
            from django.db import connections

            connections.close_all()
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin.close()
        services.stop()
