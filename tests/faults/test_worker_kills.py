"""A worker SIGKILLed at random moments 100 times while orders flow: every effect exactly once.

The worker runs one prefork child (which runs the tasks: trade document ingestion, outbox deliveries, the
usage relay and the sweepers). A killer thread sleeps 0.2-1 s, then SIGKILLs the child (the worker's main
process forks a new one at once); every ``FAULTS_MAIN_KILL_EVERY``-th kill takes the whole worker down
instead (main process and child, as a crashed host or an OOM kill would) and starts a new one. Meanwhile
this process keeps sending purchase orders over HTTP. Afterwards every trade document is ingested once,
every outbox message's effect committed once and every usage event counted once.
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time

import pytest
from django.utils import timezone

from tests.faults.harness import count, settle, wait_for, worker_in_transaction

pytestmark = [pytest.mark.xdist_group("faults"), pytest.mark.django_db(transaction=True)]

KILLS = int(os.environ.get("FAULTS_KILLS", "100"))
MAIN_KILL_EVERY = int(os.environ.get("FAULTS_MAIN_KILL_EVERY", "25"))
ORDER_EVERY = float(os.environ.get("FAULTS_KILL_ORDER_INTERVAL", "0.6"))
# A worker killed every few seconds does little work (each new child starts cold): on a loaded machine
# an unbounded stream outruns it for good. The orders stop at this many; the kills go on.
MAX_ORDERS = int(os.environ.get("FAULTS_KILL_ORDERS", "150"))


class Killer(threading.Thread):
    def __init__(self, worker) -> None:
        super().__init__(daemon=True)
        self.worker = worker
        self.child_kills = 0
        self.main_kills = 0
        self.in_transaction = 0  # kills that hit the worker inside a database transaction
        self.error: BaseException | None = None
        self.stop = threading.Event()
        self.random = random.Random(int(os.environ.get("FAULTS_SEED", "14")))

    def run(self) -> None:
        try:
            for n in range(1, KILLS + 1):
                if self.stop.wait(self.random.uniform(0.2, 1.0)):
                    return
                if MAIN_KILL_EVERY and n % MAIN_KILL_EVERY == 0:
                    self.in_transaction += worker_in_transaction()
                    self.worker.kill()
                    self.main_kills += 1
                    self.worker.start()
                    self.worker.wait_ready()
                    continue
                child = wait_for(self.worker.children, timeout=30, every=0.01, what="a pool child")[0]
                # Aim at the middle of a task: up to 0.5 s more for the child to open a transaction.
                deadline = time.monotonic() + 0.5
                while not worker_in_transaction() and time.monotonic() < deadline:
                    time.sleep(0.005)
                in_transaction = worker_in_transaction()
                os.kill(child, signal.SIGKILL)
                self.child_kills += 1
                self.in_transaction += in_transaction
                # The next kill must hit the replacement, not the dying child again.
                wait_for(
                    lambda child=child: (c := self.worker.children()) and child not in c,
                    timeout=30,
                    every=0.01,
                    what="the replacement child",
                )
        except BaseException as exc:  # reported by the test
            self.error = exc
        finally:
            from django.db import connection

            connection.close()  # this thread's own connection


def test_a_worker_killed_100_times_mid_task_leaves_every_effect_exactly_once(rig, stream):
    since = timezone.now()
    rig.worker.start()
    rig.beat.start()
    rig.worker.wait_ready()

    killer = Killer(rig.worker)
    started = time.monotonic()
    killer.start()
    try:
        while killer.is_alive():
            began = time.monotonic()
            if len(stream.orders) < MAX_ORDERS:
                stream.send_one(phase="kills")
            time.sleep(max(0.0, ORDER_EVERY - (time.monotonic() - began)))
    finally:
        killer.stop.set()  # a failing stream must not leave the killer restarting workers
        killer.join(60)
    killed_for = time.monotonic() - started
    assert killer.error is None, f"{killer.error!r}\n{rig.tail()}"
    assert stream.failures == [], stream.failures[:5]

    # The backlog left by the kills drains at a few tasks per second on a loaded machine.
    settle(stream, since=since, timeout=90 + 1.0 * len(stream.orders), logs=rig.tail)
    settled_after = time.monotonic() - started - killed_for
    time.sleep(3)  # a late duplicate delivery (a swept copy still queued) would show now
    counts = count(stream, since=since)
    # A child killed while it held a task: Celery names the job it lost.
    lost_jobs = rig.worker.output().count("Task handler raised error: WorkerLostError")

    print(
        f"\nworker killed {killer.child_kills + killer.main_kills} times in {killed_for:.0f} s "
        f"({killer.child_kills} SIGKILLs of the pool child, {lost_jobs} of them while it held a task; "
        f"{killer.main_kills} of the whole worker, restarted each time; {killer.in_transaction} kills hit the "
        f"worker inside a database transaction) while {len(stream.orders)} orders were sent "
        f"({len(stream.failures)} requests failed); everything delivered {settled_after:.1f} s after the "
        "last kill\n" + counts.report("counts after recovery:")
    )
    assert killer.child_kills + killer.main_kills == KILLS
    assert lost_jobs > 0 and killer.in_transaction > 0  # the kills did land in the middle of tasks
    assert counts.documents == counts.delivered == counts.orders
    assert (counts.documents_lost, counts.documents_doubled) == (0, 0)
    assert (counts.outbox_lost, counts.outbox_doubled) == (0, 0)
    assert (counts.usage_lost, counts.usage_doubled) == (0, 0)
