"""Sign-up latency: warm pool vs django-tenants' migrate path vs its clone path (TENANT_BASE_SCHEMA).

    .venv/bin/python bench/provisioning.py [-n 20]

Each path signs up N companies through the real HTTP endpoint (POST /api/signup/ on the public host,
in-process with Django's test client: validation, password hashing, the claim, domain, owner and
membership all included):

- pool:    the warm pool holds N ready schemas (filled beforehand, not timed); each sign-up claims one;
- migrate: the pool is empty; each sign-up builds its schema on the spot with CREATE SCHEMA + migrations;
- clone:   the pool is empty and TENANT_CREATION_FAKES_MIGRATIONS clones a migrated template schema.

Runs against a fresh database (created and dropped here) on the embedded PostgreSQL under var/bench/, or
on DATABASE_URL's server when it is set. Prints p50/p95 per path and the ratios of the medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=20)
    args = parser.parse_args()
    n = max(args.n, 20)

    from hansa.embedded import EmbeddedServices

    services = EmbeddedServices(ROOT / "var" / "bench")
    started = services.ensure_environment()
    where = "embedded PostgreSQL 18" if "postgresql" in started else "DATABASE_URL's server"
    import dj_database_url
    import psycopg2

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
        HANSA_SIGNUP_RATE="1000000/hour",
        DJANGO_SETTINGS_MODULE="hansa.settings",
        HANSA_CACHE_PREFIX=f"bench-{uuid.uuid4().hex[:6]}",
        HANSA_CELERY_EAGER="0",
    )
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from tenants.models import Company, CompanyStatus
        from tenants.services import pool_add_schema

        call_command("migrate_schemas", interactive=False, verbosity=0)
        # Sign-up enqueues a pool refill after commit; no worker runs here, so it only costs the enqueue.
        client = Client(HTTP_HOST=settings.HANSA_BASE_DOMAIN)

        def signup(tag: str, i: int) -> float:
            slug = f"{tag}-{i}-{uuid.uuid4().hex[:6]}"
            payload = {
                "company_name": f"Bench {slug}",
                "slug": slug,
                "country": "CN",
                "currency": "CNY",
                "locale": "zh-hans",
                "email": f"owner@{slug}.bench",
                "password": "bench-password-123",
            }
            started = time.perf_counter()
            response = client.post("/api/signup/", payload, content_type="application/json")
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 201, response.content
            return elapsed

        def pooled() -> int:
            return Company.objects.filter(status=CompanyStatus.POOLED).count()

        results: dict[str, list[float]] = {}
        # Warm-up (first request loads URLconfs, password lists, connections): not counted.
        pool_add_schema()
        signup("warm", 0)

        for _ in range(n):
            pool_add_schema()
        results["pool"] = [signup("pool", i) for i in range(n)]
        assert pooled() == 0

        results["migrate"] = [signup("migrate", i) for i in range(n)]
        assert pooled() == 0

        template = "t_template"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{template}"')
        call_command("migrate_schemas", tenant=True, schema_name=template, interactive=False, verbosity=0)
        settings.TENANT_BASE_SCHEMA = template
        settings.TENANT_CREATION_FAKES_MIGRATIONS = True
        results["clone"] = [signup("clone", i) for i in range(n)]
        settings.TENANT_CREATION_FAKES_MIGRATIONS = False
        connection.close()
    finally:
        from django.db import connections

        connections.close_all()
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin.close()
        services.stop()

    print(f"\nSign-up latency, N={n} per path (ms), on {where}")
    print(f"{'path':<10}{'p50':>10}{'p95':>10}{'mean':>10}{'max':>10}")
    for name, values in results.items():
        print(
            f"{name:<10}{percentile(values, 0.5):>10.1f}{percentile(values, 0.95):>10.1f}"
            f"{statistics.fmean(values):>10.1f}{max(values):>10.1f}"
        )
    pool_median = statistics.median(results["pool"])
    print(f"\nmigrate median / pool median = {statistics.median(results['migrate']) / pool_median:.1f}x")
    print(f"clone median / pool median   = {statistics.median(results['clone']) / pool_median:.1f}x")
    print(f"pool p95 = {percentile(results['pool'], 0.95):.1f} ms (target <= 150 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
