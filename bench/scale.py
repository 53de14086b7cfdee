"""Request latency with 10 tenant schemas vs 1,000, through a real gunicorn server, in one run.

    .venv/bin/python bench/scale.py [--small 10] [--large 1000] [-n 500] [--warmup 100]

What it does, on a scratch database (bench/scratch.py: created here, dropped at the end):

1. Migrates the shared apps, builds one tenant schema with migrations (the template) and dumps it with
   ``pg_dump -n``. Further schemas are copies of that dump (``psql``, the schema name substituted) put in
   the warm pool; django-tenants' own ``clone_schema`` is timed on a few schemas for comparison.
2. Signs up ``--small`` companies through ``tenants.services.company_signup`` (owner, subscription, chart
   of accounts, domain), the first three with the demo suppliers' slugs so that the demo catalogs (about
   2,400 listings) fill the marketplace; 30 items and one API key per company.
3. Starts gunicorn with Hansa's production configuration (``hansa.gunicorn_conf``: gthread workers,
   persistent database connections with ``CONN_MAX_AGE``; DEBUG off, TLS as terminated by a proxy:
   ``X-Forwarded-Proto: https``). Only worker recycling is switched off (``--max-requests 0``) so that a
   recycled worker's cold start does not land in one phase and not the other.
4. Phase "10": per endpoint, ``--warmup`` requests then ``-n`` timed requests over one keep-alive HTTP
   connection, the endpoints interleaved so that the machine's noise falls on all of them alike:
   - ``empty``   GET /api/me/ on a company host without credentials (401): the tenant-routed floor;
   - ``items``   GET /api/inventory/items/ with the company's API key (an authenticated tenant list);
   - ``search``  GET /api/marketplace/search/?q=... on the public host.
   Requests go round-robin over the ``--small`` companies.
5. Grows the platform to ``--large`` companies (the same sign-up, on copied schemas; timed) while the
   server keeps running, as a live platform grows.
6. Phase "1000": the same requests to the same companies (990 others idle).
7. Phase "1000 spread": the two tenant endpoints round-robin over all ``--large`` companies, so that every
   request lands on a schema its database connection has not seen lately (per-connection catalog caches).

Printed: p50/p95/p99 per endpoint and phase, the ratios 1000/10, catalog size (pg_class, pg_attribute,
pg_namespace, database size), connections opened per phase (pg_stat_database.sessions), the server's
backends and their private memory, and content-type ids per schema. The machine's load average is printed
with the figures: other processes share its cores.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "bench")]

from scratch import scratch_database  # noqa: E402

BASE_HOST = "scale.test"
DEMO_SLUGS = ["precision-bearings", "northsteel", "goldenfoods"]
ITEMS_PER_COMPANY = 30
SEARCH_TERMS = ["bearing", "steel", "轴承", "rice", "pipe", "oil"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


_T0 = time.perf_counter()


def progress(message: str) -> None:
    print(f"[{time.perf_counter() - _T0:7.1f}s] {message}", file=sys.stderr, flush=True)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} CPUs)"


# -- schemas -------------------------------------------------------------------------------------------


def psql_args() -> list[str]:
    return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", os.environ["DATABASE_URL"]]


def dump_schema(schema: str) -> str:
    out = subprocess.run(  # noqa: S603 - our own pg_dump, our own database
        ["pg_dump", "-n", schema, "--no-owner", "--no-privileges", "-d", os.environ["DATABASE_URL"]],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def copy_schemas(dump: str, template: str, names: list[str], parallel: int = 2) -> None:
    """Create ``names`` as copies of the dumped ``template`` schema, ``parallel`` psql streams at once,
    one transaction per schema (a schema takes a lock per relation: ten in one transaction would overflow
    the server's lock table, sized by max_locks_per_transaction x max_connections)."""
    batches = [names[i : i + 10] for i in range(0, len(names), 10)]

    def load(batch: list[str]) -> None:
        sql = "".join(f"BEGIN;\n{dump.replace(template, name)}\nCOMMIT;\n" for name in batch)
        done = subprocess.run(psql_args(), input=sql, capture_output=True, text=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise RuntimeError(f"psql failed ({done.returncode}): {done.stderr[-2000:]}")

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        list(pool.map(load, batches))


def pool_add_copies(dump: str, template: str, count: int) -> None:
    """Warm-pool schemas that are copies of the template: the schemas, then their pooled company rows."""
    from tenants.models import Company, CompanyStatus
    from tenants.services import schema_name_new

    names = [schema_name_new() for _ in range(count)]
    copy_schemas(dump, template, names)
    Company.objects.bulk_create([Company(schema_name=name, status=CompanyStatus.POOLED) for name in names])


def signup(slug: str) -> Any:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from identity.services.api_keys import api_key_create
    from kernel.tenancy import company_context
    from tenants.inventory.services import item_create
    from tenants.services import company_signup

    result = company_signup(
        company_name=f"Scale {slug}",
        slug=slug,
        country="CN",
        currency="CNY",
        locale="zh-hans",
        full_name="Owner",
        email=f"owner@{slug}.scale.test",
        password=f"pw-{secrets.token_hex(8)}",
    )
    company = result.company
    membership = Membership.objects.get(company=company, user=result.user)
    actor = Actor(
        company=company,
        permissions=permissions_for(["owner"]),
        user=result.user,
        membership=membership,
    )
    created = api_key_create(actor=actor, name="bench", permissions=["stock.view"])
    with company_context(company):
        for i in range(ITEMS_PER_COMPANY):
            item_create(actor=None, sku=f"SKU-{i:04d}", name_zh=f"物料 {i}", name_en=f"Item {i}", unit="pcs")
    return company.slug, created.secret


# -- measurements --------------------------------------------------------------------------------------


def catalog_figures(cursor: Any) -> dict[str, Any]:
    cursor.execute(
        "SELECT (SELECT count(*) FROM pg_class), (SELECT count(*) FROM pg_attribute), "
        "(SELECT count(*) FROM pg_namespace), pg_database_size(current_database()), "
        "(SELECT count(*) FROM pg_namespace WHERE nspname LIKE 't\\_%%')"
    )
    pg_class, pg_attribute, pg_namespace, size, tenant_schemas = cursor.fetchone()
    return {
        "tenant schemas": tenant_schemas,
        "pg_class rows": pg_class,
        "pg_attribute rows": pg_attribute,
        "pg_namespace rows": pg_namespace,
        "database size MB": round(size / 1024 / 1024, 1),
    }


def sessions_opened(cursor: Any) -> int:
    cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
    return int(cursor.fetchone()[0])


def server_backends(cursor: Any) -> list[tuple[int, str]]:
    """(pid, private memory) of the database backends other than this monitor's own."""
    cursor.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND backend_type = 'client backend' ORDER BY pid"
    )
    found = []
    for (pid,) in cursor.fetchall():
        rss = "?"
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("RssAnon:"):
                    rss = line.split(":", 1)[1].strip()
        except OSError:
            pass
        found.append((pid, rss))
    return found


class Client:
    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.reconnects = 0

    def get(self, host: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, float]:
        all_headers = {"Host": host, "X-Forwarded-Proto": "https", "Accept": "application/json"}
        all_headers.update(headers or {})
        started = time.perf_counter()
        try:
            self.conn.request("GET", path, headers=all_headers)
            response = self.conn.getresponse()
            response.read()
        except (http.client.HTTPException, ConnectionError):
            # gunicorn's keep-alive timeout closed the connection between two phases: reconnect once
            self.conn.close()
            self.reconnects += 1
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            self.conn.request("GET", path, headers=all_headers)
            response = self.conn.getresponse()
            response.read()
        return response.status, (time.perf_counter() - started) * 1000

    def close(self) -> None:
        self.conn.close()


def measure(
    client: Client,
    companies: list[tuple[str, str]],
    *,
    endpoints: list[str],
    requests: int,
    warmup: int,
) -> dict[str, list[float]]:
    expected = {"empty": 401, "items": 200, "search": 200}
    timings: dict[str, list[float]] = {name: [] for name in endpoints}

    def one(name: str, i: int) -> float:
        slug, secret = companies[i % len(companies)]
        if name == "empty":
            status, ms = client.get(f"{slug}.{BASE_HOST}", "/api/me/")
        elif name == "items":
            status, ms = client.get(
                f"{slug}.{BASE_HOST}", "/api/inventory/items/", {"Authorization": f"Bearer {secret}"}
            )
        else:
            term = SEARCH_TERMS[i % len(SEARCH_TERMS)]
            status, ms = client.get(BASE_HOST, f"/api/marketplace/search/?q={quote(term)}")
        if status != expected[name]:
            raise SystemExit(f"{name}: HTTP {status}, expected {expected[name]}")
        return ms

    for i in range(warmup):
        for name in endpoints:
            one(name, i)
    for i in range(requests):
        for name in endpoints:
            timings[name].append(one(name, warmup + i))
    return timings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, var_dir: Path, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.pop("PGOPTIONS", None)  # the set-up's synchronous_commit=off is not the server's
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        HANSA_BASE_DOMAIN=BASE_HOST,
        HANSA_SCHEME="https",
        HANSA_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        HANSA_WEB_THREADS=str(threads),
        HANSA_VAR_DIR=str(var_dir),
        HANSA_CELERY_EAGER="0",
        HANSA_API_KEY_RATE="1000000/min",
    )
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(  # noqa: S603 - our own venv's gunicorn
        [gunicorn, "hansa.wsgi:application", "--config", "python:hansa.gunicorn_conf", "--max-requests", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        # a file, not a pipe: nobody reads a pipe while the bench runs, and a full one blocks the workers
        stderr=(var_dir / "gunicorn.log").open("wb"),
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited: {(var_dir / 'gunicorn.log').read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": BASE_HOST})
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def content_type_ids(cursor: Any, schemas: list[str]) -> dict[str, dict[tuple[str, str], int]]:
    found = {}
    for schema in schemas:
        cursor.execute(f'SELECT app_label, model, id FROM "{schema}".django_content_type')  # noqa: S608
        found[schema] = {(app, model): pk for app, model, pk in cursor.fetchall()}
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("-n", "--requests", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    # a TERM (the operator stopping the run) unwinds like an error: the server stops, the database is dropped
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if shutil.which("pg_dump") is None or shutil.which("psql") is None:
        raise SystemExit("pg_dump and psql must be on PATH (the same major version as the server)")
    small = max(args.small, len(DEMO_SLUGS))
    large = max(args.large, small)

    env = {"HANSA_POOL_SIZE": "0", "HANSA_BASE_DOMAIN": BASE_HOST, "EMAIL_URL": "dummy:"}
    with scratch_database(**env) as where, tempfile.TemporaryDirectory(prefix="hansa-scale-") as tmp:
        try:
            return _run(args, where, Path(tmp), small, large)
        except BaseException:
            traceback.print_exc()  # now: dropping the scratch database may wait a while for a checkpoint
            raise


def _run(args: argparse.Namespace, where: str, tmp: Path, small: int, large: int) -> int:
    endpoints = ["empty", "items", "search"]
    lines: list[str] = []
    results: dict[str, dict[str, list[float]]] = {}
    figures: dict[str, dict[str, Any]] = {}
    connections: dict[str, str] = {}
    timing: dict[str, float] = {}
    # set-up only (this process and its psql): commits need not wait for the disk (a scratch database
    # on a shared machine); the server started below runs with the defaults
    os.environ["PGOPTIONS"] = "-c synchronous_commit=off"
    # set-up only (this process): the pool refill that sign-up enqueues runs inline, with nothing to do
    os.environ["HANSA_CELERY_EAGER"] = "1"
    import django

    django.setup()
    import psycopg2
    from django.core.management import call_command
    from django.db import connection
    from django_tenants.clone import CloneSchema

    from marketplace.catalog.demo import demo_catalogs_create
    from tenants.models import Company
    from tenants.services import pool_add_schema, schema_name_new

    progress("migrating the shared apps")
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    started = time.perf_counter()
    template = pool_add_schema().schema_name
    timing["one schema by migrations (s)"] = time.perf_counter() - started
    dump = dump_schema(template)

    started = time.perf_counter()
    for _ in range(3):
        CloneSchema().clone_schema(template, schema_name_new(), set_connection=False)
    timing["one schema by django-tenants clone_schema (s)"] = (time.perf_counter() - started) / 3
    connection.set_schema_to_public()
    with connection.cursor() as cursor:  # those three were only timed
        cursor.execute(
            "SELECT string_agg(format('DROP SCHEMA %%I CASCADE', nspname), '; ') FROM pg_namespace "
            "WHERE nspname LIKE 't\\_%%' AND nspname <> %s",
            [template],
        )
        cursor.execute(cursor.fetchone()[0])

    progress("template schema built and dumped; clone_schema timed")
    pool_add_copies(dump, template, small - 1)
    started = time.perf_counter()
    slugs = DEMO_SLUGS + [f"scale-{i:04d}" for i in range(len(DEMO_SLUGS), small)]
    companies = [signup(slug) for slug in slugs]
    timing["sign-up incl. 30 items and a key, per company (s)"] = (time.perf_counter() - started) / small
    progress("companies signed up")
    listings = demo_catalogs_create()
    progress(f"{listings} demo listings")
    connection.close()

    monitor = psycopg2.connect(os.environ["DATABASE_URL"])
    monitor.autocommit = True
    mon = monitor.cursor()
    port = free_port()
    server = start_server(port, tmp, args.workers, args.threads)
    client = Client(port)
    try:
        figures[f"{small} schemas"] = catalog_figures(mon)
        before = sessions_opened(mon)
        progress(f"server up; phase {small}")
        results[str(small)] = measure(
            client, companies, endpoints=endpoints, requests=args.requests, warmup=args.warmup
        )
        connections[str(small)] = f"{sessions_opened(mon) - before} opened, backends {server_backends(mon)}"

        started = time.perf_counter()
        progress(f"copying {large - small} schemas")
        pool_add_copies(dump, template, large - small)
        progress("signing up the other companies")
        timing[f"copy {large - small} schemas (psql from pg_dump), per schema (s)"] = (
            time.perf_counter() - started
        ) / (large - small)
        started = time.perf_counter()
        more = [signup(f"scale-{i:04d}") for i in range(small, large)]
        timing["sign-up incl. 30 items and a key, per company, at scale (s)"] = (
            time.perf_counter() - started
        ) / (large - small)
        connection.close()
        # what autovacuum would do in time: fresh statistics for the shared tables that grew
        mon.execute(
            "SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables WHERE schemaname = 'public'"
        )
        mon.execute(f"ANALYZE {mon.fetchone()[0]}")
        figures[f"{large} schemas"] = catalog_figures(mon)

        before = sessions_opened(mon)
        progress(f"phase {large}")
        results[str(large)] = measure(
            client, companies, endpoints=endpoints, requests=args.requests, warmup=args.warmup
        )
        connections[str(large)] = f"{sessions_opened(mon) - before} opened, backends {server_backends(mon)}"
        before = sessions_opened(mon)
        everyone = companies + more
        progress(f"phase {large} spread")
        results[f"{large} spread"] = measure(
            client, everyone, endpoints=["empty", "items"], requests=max(args.requests, large), warmup=0
        )
        connections[f"{large} spread"] = (
            f"{sessions_opened(mon) - before} opened, backends {server_backends(mon)}"
        )

        schemas = [s for (s,) in Company.objects.order_by("pk").values_list("schema_name")[:2]]
        cts = content_type_ids(mon, ["public", *schemas])
    finally:
        client.close()
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        monitor.close()

    lines.append(f"\nbench/scale.py on {where}; {load_average()} at the end")
    lines.append(
        f"server: gunicorn (hansa.gunicorn_conf) {args.workers} workers x {args.threads} threads, DEBUG off, "
        f"CONN_MAX_AGE=600; client: one keep-alive connection, sequential; {args.requests} requests per "
        f"endpoint and phase after {args.warmup} warm-up; {listings} marketplace listings; "
        f"{ITEMS_PER_COMPANY} items per company"
    )
    lines.append("\nSetup times")
    for name, value in timing.items():
        lines.append(f"  {name:<62}{value:>8.3f}")
    lines.append("\nCatalog")
    for phase, values in figures.items():
        lines.append(f"  {phase:<14}" + "  ".join(f"{k} {v}" for k, v in values.items()))
    small_f, large_f = figures[f"{small} schemas"], figures[f"{large} schemas"]
    per_schema = (large_f["pg_class rows"] - small_f["pg_class rows"]) / (large - small)
    per_schema_mb = (large_f["database size MB"] - small_f["database size MB"]) / (large - small)
    lines.append(f"  per added company: {per_schema:.0f} pg_class rows, {per_schema_mb:.2f} MB")
    lines.append(
        "\nConnections (pg_stat_database.sessions opened during the phase; server backends, RssAnon)"
    )
    for phase, text in connections.items():
        lines.append(f"  {phase:<12} {text}")
    lines.append(f"  client reconnects (keep-alive expired between phases): {client.reconnects}")
    public_cts, *tenant_cts = cts.values()
    same = all(t == tenant_cts[0] for t in tenant_cts)
    differ = sorted(k for k in tenant_cts[0] if k in public_cts and public_cts[k] != tenant_cts[0][k])
    lines.append(
        f"\nContent types: public {len(public_cts)} rows, tenant {len(tenant_cts[0])} rows; ids equal across "
        f"tenant schemas: {same}; (app, model) pairs whose id differs between public and a tenant: {len(differ)}"
    )

    lines.append(f"\nLatency (ms), {small} vs {large} tenant schemas")
    lines.append(f"{'endpoint':<9}{'phase':<13}{'n':>6}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}")
    for phase, by_endpoint in results.items():
        for name, values in by_endpoint.items():
            lines.append(
                f"{name:<9}{phase:<13}{len(values):>6}{percentile(values, 0.5):>9.2f}"
                f"{percentile(values, 0.95):>9.2f}{percentile(values, 0.99):>9.2f}{max(values):>9.2f}"
            )
    lines.append(f"\nRatios {large}/{small} (target: p95 <= 1.20)")
    for phase in (str(large), f"{large} spread"):
        for name in results[phase]:
            base, grown = results[str(small)][name], results[phase][name]
            r50 = percentile(grown, 0.5) / percentile(base, 0.5)
            r95 = percentile(grown, 0.95) / percentile(base, 0.95)
            r99 = percentile(grown, 0.99) / percentile(base, 0.99)
            verdict = "ok" if r95 <= 1.2 else "OVER"
            lines.append(f"  {name:<8}{phase:<13} p50 x{r50:.2f}  p95 x{r95:.2f}  p99 x{r99:.2f}  {verdict}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
