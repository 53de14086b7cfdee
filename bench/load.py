"""Load test: a mixed workload of 100 companies against `hansa serve` on this machine, with Locust.

    .venv/bin/python bench/load.py [--companies 100] [--users 8,32,64] [--duration 60] [--warmup 10]
                                   [--listings 20] [--think 0] [--fresh] [--smoke]

1. Starts `hansa serve` (production mode: migrate, then gunicorn with workers sized to the machine, the
   Celery worker and Celery beat) on a free port, against ``DATABASE_URL`` (default: database
   ``hansa_load`` on 127.0.0.1:5432, created when missing; ``--fresh`` drops it first) and ``REDIS_URL``
   (default redis://127.0.0.1:6379/10), with the production settings it demands: a SECRET_KEY and key ring
   kept in the state directory (``HANSA_LOAD_DIR``, default ~/.cache/hansa/load, outside the checkout, as
   are the server's var, media and static directories), ``HANSA_BASE_DOMAIN=hansa-load.example.test``;
   every request names its company by its Host header and says ``X-Forwarded-Proto: https`` as the TLS
   proxy would. The embedded development servers are refused, as `hansa serve` refuses them.
2. Seeds the world through the services (bench/load_seed.py): ``--companies`` companies signed up through
   the warm pool on the Enterprise plan, each with an owner, a requester and an approver (signed in), an
   approval rule, a supplier profile, ``--listings`` catalog listings and their items with stock; company
   k buys from company k + 1. Existing companies are read back (a second run seeds nothing).
3. Runs Locust (its own environment under HANSA_TOOLS_DIR or var/tools, pinned in bench/tools/locust.txt)
   headless for ``--warmup`` seconds (not reported), then ``--duration`` seconds at each number of
   ``--users``: every user loops over the tasks of bench/load_workload.py (marketplace search; RFQ create,
   invite, publish and the supplier's quote; PO create, submit, approve, send; the supplier's sales order
   accept, shipment, invoice from the shipment and its issue) and the two floors (the tenant-routed empty
   request, and GET /api/me/ signed in), all in the same run.
4. Prints, per step: requests, throughput (req/s), p50/p95/p99 (ms) and errors per request type, the
   workload's total, and the floors next to it; the load average before and after each step; Locust's own
   CSV files are kept in the state directory. Then waits for the exchange to deliver every purchase order
   sent as a sales order (the Celery worker's work) and prints both counts.

An error is any answer but the expected one (2xx as the API documents each step; 404 ``not_found`` for
the empty request) and any transport error. Each user drives its own pair of companies, so no 409 is
expected: with ``--users`` above ``--companies`` pairs are shared and 409s (an order accepted twice)
count as errors. ``--smoke``: 4 companies, 2 users for 20 s taking every task in turn, exits 1 if any
request failed, any task never ran or a purchase order sent never arrived as a sales order.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform"), str(ROOT / "bench")]

import load_workload as w  # noqa: E402 - bench/ is on the path from the line above

BASE_DOMAIN = "hansa-load.example.test"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hansa_load"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/10"
LOCUST_LOCK = ROOT / "bench" / "tools" / "locust.txt"
SEEDERS = 3
UNSET = {"DEBUG", "HANSA_DEMO", "HANSA_CELERY_EAGER", "HANSA_SCHEME", "HANSA_MEDIA_ROOT", "HANSA_STATIC_ROOT"}


def say(message: str) -> None:
    print(f"load: {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def state_dir() -> Path:
    configured = os.environ.get("HANSA_LOAD_DIR", "").strip()
    path = Path(configured).expanduser() if configured else Path.home() / ".cache" / "hansa" / "load"
    path.mkdir(parents=True, exist_ok=True)
    return path


def secrets_of(state: Path) -> dict[str, str]:
    """The server's SECRET_KEY and key ring, made once and kept: the seeded sessions and encrypted fields
    of a reused database stay valid across runs."""
    path = state / "secrets.json"
    if not path.exists():
        path.write_text(
            json.dumps(
                {
                    "SECRET_KEY": secrets.token_urlsafe(50),
                    "HANSA_ENCRYPTION_KEYS": "k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode(),
                }
            )
        )
        path.chmod(0o600)
    return dict(json.loads(path.read_text()))


def database(url: str, *, fresh: bool) -> None:
    """Create the database of ``url`` when missing (drop it first with ``fresh``)."""
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        if fresh:
            say(f"dropping database {name} (--fresh)")
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
            say(f"created database {name}")
    admin.close()


def server_environment(state: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET and not k.startswith("PYTEST_")}
    env.update(secrets_of(state))
    env.update(
        DATABASE_URL=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        REDIS_URL=os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL,
        HANSA_BASE_DOMAIN=BASE_DOMAIN,
        HANSA_VAR_DIR=str(state / "var"),
        HANSA_BIND=f"127.0.0.1:{port}",
        HANSA_CACHE_PREFIX="hansa-load",
        # A small warm pool: each schema it builds costs a migration (~35 s on a busy 2-core host) at start
        # and again on beat's refills; the seeding clones a template when the pool runs out.
        HANSA_POOL_SIZE=os.environ.get("HANSA_POOL_SIZE", "2"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
    )
    return env


def start_server(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "hansa.cli", "serve"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_ready(process: subprocess.Popen[bytes], port: int, log: Path, timeout: float) -> None:
    from hansa.healthcheck import probe

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"hansa serve exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        ready, _ = probe(f"http://127.0.0.1:{port}/readyz", host_header=BASE_DOMAIN, timeout=5)
        text = log.read_text(errors="replace")
        if ready and '"celery@' in text and "beat: Starting" in text:
            return
        time.sleep(1)
    raise SystemExit(f"hansa serve not ready after {timeout:.0f}s:\n{log.read_text()[-4000:]}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(90)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def seed_world(env: dict[str, str], *, companies: int, listings: int, path: Path) -> w.World:
    """Seed in this process, with the server's settings (its SECRET_KEY signs the sessions)."""
    os.environ.update({k: v for k, v in env.items() if k != "HANSA_BIND"})
    for key in UNSET:
        os.environ.pop(key, None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hansa.settings")
    import django

    django.setup()
    from django.db import connections
    from load_seed import seed

    from identity.models import User

    started = time.monotonic()
    missing = [
        i
        for i in range(companies)
        if not User.objects.filter(email=f"requester@load-{i:03d}.load.test").exists()
    ]
    if len(missing) > 4:
        # Several processes, each cloning a template of its own: on a shared host, a few processes get a
        # larger share of the CPU than one, and seeding is mostly waiting on PostgreSQL anyway.
        say(f"seeding {len(missing)} companies in {SEEDERS} processes ...")
        connections.close_all()
        children = [
            subprocess.Popen(  # noqa: S603 - our own interpreter and script
                [
                    sys.executable,
                    str(ROOT / "bench" / "load_seed.py"),
                    "load",
                    str(listings),
                    f"t_load_template_{n}",
                ]
                + [str(i) for i in missing[n::SEEDERS]],
                cwd=ROOT,
                env={k: v for k, v in os.environ.items()},
            )
            for n in range(SEEDERS)
        ]
        if any(child.wait() != 0 for child in children):
            raise SystemExit("load: a seeding process failed (see above); run again to finish the world")
    data = seed(companies=companies, listings=listings, say=say)
    say(f"seeding took {time.monotonic() - started:.1f}s")
    connections.close_all()
    path.write_text(json.dumps(data))
    return w.World.from_json(data)


def locust_bin() -> Path:
    from hansa.testrun import tool_venv

    return tool_venv(ROOT, "locust", LOCUST_LOCK) / "locust"


def run_locust(
    locust: Path,
    *,
    port: int,
    users: int,
    seconds: int,
    world: Path,
    out: Path,
    think: float,
    cycle: bool = False,
) -> tuple[list[tuple[str, float, float, bool]], str]:
    samples = out.with_suffix(".samples.json")
    env = dict(
        os.environ, HANSA_LOAD_WORLD=str(world), HANSA_LOAD_SAMPLES=str(samples), HANSA_LOAD_THINK=str(think)
    )
    env["HANSA_LOAD_ORDER"] = "cycle" if cycle else "weighted"
    command = [
        str(locust),
        "-f",
        str(ROOT / "bench" / "load_locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "30",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(out),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if not samples.exists():
        raise SystemExit(f"locust wrote no samples (exit {done.returncode}):\n{done.stderr[-4000:]}")
    exceptions = ""
    path = Path(f"{out}_exceptions.csv")
    if path.exists() and len(path.read_text().splitlines()) > 1:
        exceptions = path.read_text()
    return [tuple(s) for s in json.loads(samples.read_text())], exceptions  # type: ignore[misc]


def rows_of(
    samples: list[tuple[str, float, float, bool]],
) -> tuple[list[tuple[str, dict[str, float]]], float]:
    """Per request type, the workload's total and each floor: count, req/s, p50/p95/p99, errors."""
    if not samples:
        return [], 0.0
    first = min(s[1] for s in samples)
    last = max(s[1] + s[2] / 1000 for s in samples)
    seconds = max(last - first, 1e-9)
    by_name: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for name, _start, ms, ok in samples:
        by_name[name].append((ms, ok))

    def row(entries: list[tuple[float, bool]]) -> dict[str, float]:
        times = [ms for ms, _ in entries]
        errors = sum(1 for _, ok in entries if not ok)
        return {
            "n": len(entries),
            "rps": len(entries) / seconds,
            "p50": percentile(times, 0.50),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "errors": errors,
            "error_rate": errors / len(entries),
        }

    rows = [(name, row(entries)) for name, entries in sorted(by_name.items()) if name not in w.FLOORS]
    workload = [e for name, entries in by_name.items() if name not in w.FLOORS for e in entries]
    rows.append(("TOTAL (workload, floors excluded)", row(workload)))
    for floor in w.FLOORS:
        if floor in by_name:
            rows.append((floor, row(by_name[floor])))
    return rows, seconds


def print_step(
    users: int, rows: list[tuple[str, dict[str, float]]], seconds: float, load: tuple[str, str]
) -> None:
    print(f"\n=== {users} concurrent users, {seconds:.0f} s; load average before {load[0]}, after {load[1]}")
    print(
        f"{'request':<40} {'count':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'err %':>6}"
    )
    for name, r in rows:
        if name.startswith("TOTAL") or name == w.FLOORS[0]:
            print("-" * 96)
        print(
            f"{name:<40} {r['n']:>6.0f} {r['rps']:>7.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f}"
            f" {r['errors']:>7.0f} {100 * r['error_rate']:>5.1f}%"
        )


def print_summary(results: list[tuple[int, list[tuple[str, dict[str, float]]]]]) -> None:
    print("\n=== summary: workload total vs. the floor (tenant-routed empty request), same run")
    print(
        f"{'users':>5} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'err %':>6} | "
        f"{'floor req/s':>11} {'p50':>6} {'p95':>6} {'p99':>6} | {'p95 / floor p95':>15}"
    )
    for users, rows in results:
        named = dict(rows)
        total = named.get("TOTAL (workload, floors excluded)")
        floor = named.get(w.FLOOR_EMPTY)
        if total is None or floor is None:
            continue
        print(
            f"{users:>5} {total['rps']:>7.1f} {total['p50']:>7.1f} {total['p95']:>7.1f} {total['p99']:>7.1f}"
            f" {100 * total['error_rate']:>5.1f}% | {floor['rps']:>11.1f} {floor['p50']:>6.1f}"
            f" {floor['p95']:>6.1f} {floor['p99']:>6.1f} | {total['p95'] / floor['p95']:>14.1f}x"
        )


def exchange_delivery(timeout: float) -> tuple[int, int]:
    """(purchase orders sent to a company on Hansa, sales orders that arrived from them), once the worker
    has caught up or ``timeout`` passed."""
    from django.db import connections

    from kernel.tenancy import company_context
    from tenants.models import Company
    from tenants.procurement.models import PurchaseOrder
    from tenants.sales.models import SalesOrder

    deadline = time.monotonic() + timeout
    while True:
        sent = received = 0
        for company in Company.objects.filter(slug__startswith="load-").order_by("slug"):
            with company_context(company):
                sent += PurchaseOrder.objects.exclude(exchange_document_id=None).count()
                received += SalesOrder.objects.filter(source="hansa").count()
        if received >= sent or time.monotonic() > deadline:
            connections.close_all()
            return sent, received
        time.sleep(2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--companies", type=int, default=100)
    parser.add_argument("--users", default="8,32,64", help="concurrent users of each step, comma-separated")
    parser.add_argument("--duration", type=int, default=60, help="seconds per step")
    parser.add_argument(
        "--warmup", type=int, default=10, help="seconds at the first step's users, not reported"
    )
    parser.add_argument(
        "--listings", type=int, default=20, help="catalog listings (and stocked items) per company"
    )
    parser.add_argument("--think", type=float, default=0.0, help="seconds a user waits between two tasks")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    parser.add_argument(
        "--smoke", action="store_true", help="4 companies, 2 users, 15 s; exit 1 on any error"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.companies, args.users, args.duration, args.warmup, args.listings = 4, "2", 20, 0, 4
    steps = [int(u) for u in args.users.split(",") if u.strip()]
    if max(steps) > args.companies:
        say(f"warning: {max(steps)} users share {args.companies} pairs of companies: expect 409 errors")

    state = state_dir()
    port = free_port()
    env = server_environment(state, port)
    if str(ROOT / "var") in env["DATABASE_URL"] + env["REDIS_URL"]:
        raise SystemExit("load: the embedded development servers are refused (hansa serve needs real ones)")
    database(env["DATABASE_URL"], fresh=args.fresh)
    locust = locust_bin()
    log = state / "serve.log"
    say(f"starting hansa serve on 127.0.0.1:{port} (log: {log}) ...")
    started = time.monotonic()
    server = start_server(env, log)
    results: list[tuple[int, list[tuple[str, dict[str, float]]]]] = []
    failed = False
    try:
        wait_ready(server, port, log, timeout=1800)
        workers = sum('"Booting worker' in line for line in log.read_text(errors="replace").splitlines())
        say(f"hansa serve ready in {time.monotonic() - started:.0f}s ({workers} gunicorn workers)")
        world_path = state / "world.json"
        world = seed_world(env, companies=args.companies, listings=args.listings, path=world_path)
        say(f"{len(world.companies)} companies; steps {steps} x {args.duration}s")
        if args.warmup:
            say(f"warm-up: {steps[0]} users for {args.warmup}s (not reported)")
            run_locust(
                locust, port=port, users=steps[0], seconds=args.warmup, world=world_path,
                out=state / "warmup", think=args.think,
            )  # fmt: skip
        for users in steps:
            before = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
            samples, exceptions = run_locust(
                locust, port=port, users=users, seconds=args.duration, world=world_path,
                out=state / f"step-{users}", think=args.think, cycle=args.smoke,
            )  # fmt: skip
            after = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
            rows, seconds = rows_of(samples)
            print_step(users, rows, seconds, (before, after))
            if exceptions:
                failed = True
                print(f"locust exceptions (a task broke off):\n{exceptions}")
            results.append((users, rows))
        print_summary(results)
        sent, received = exchange_delivery(timeout=120)
        print(f"\nexchange: {sent} purchase orders sent on Hansa, {received} sales orders received from them")
        print(
            f"server: {workers} gunicorn workers x {env.get('HANSA_WEB_THREADS', '2')} threads, Celery worker"
            f" concurrency {env.get('HANSA_WORKER_CONCURRENCY') or os.cpu_count()}, on {os.cpu_count()} CPUs"
        )
        if sent != received:
            failed = True
    finally:
        stop_server(server)
    if args.smoke:
        ran = {name for _, rows in results for name, _ in rows}
        expected = {
            "search: marketplace", "rfq: quote", "po: send", "so: accept", "invoice: issue", *w.FLOORS,
        }  # fmt: skip
        errors = sum(r["errors"] for _, rows in results for name, r in rows if not name.startswith("TOTAL"))
        missing = expected - ran
        if errors or missing:
            say(f"smoke: {errors} errors; never ran: {sorted(missing)}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
