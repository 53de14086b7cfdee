"""The broker stopped for 60 s during a stream of orders: nothing lost, nothing doubled.

A redis-server of the test's own is the Celery broker of a real worker and beat (the sweepers) and of this
process, which sends purchase orders over HTTP from two buyers to a supplier. In the middle of the stream
the broker is first hung (SIGSTOP: connections are accepted, nothing answers) for half of the outage, then
killed (SIGKILL: refused connections, and every message it held is gone), and restarted on the same port
when the outage is over. Every request must succeed throughout: the order, its trade document and its
usage event commit together, and a failed enqueue is left to the sweepers. Afterwards every trade
document is ingested once, every outbox message processed once and every usage event counted once.

``FAULTS_BROKER_OUTAGE_SECONDS`` shortens the outage for local iterations; the suite uses the 60 s.
"""

from __future__ import annotations

import os
import time

import pytest
from django.utils import timezone

from tests.faults.harness import count, settle

pytestmark = [pytest.mark.xdist_group("faults"), pytest.mark.django_db(transaction=True)]

OUTAGE = float(os.environ.get("FAULTS_BROKER_OUTAGE_SECONDS", "60"))
ORDER_EVERY = float(os.environ.get("FAULTS_ORDER_INTERVAL", "0.3"))
BEFORE = AFTER = 5.0


def send_for(stream, seconds: float, phase: str) -> int:
    sent = len(stream.orders)
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        started = time.monotonic()
        stream.send_one(phase=phase)
        time.sleep(max(0.0, ORDER_EVERY - (time.monotonic() - started)))
    return len(stream.orders) - sent


def test_orders_sent_while_the_broker_is_down_for_60_s_are_delivered_exactly_once(rig, stream):
    since = timezone.now()
    rig.worker.start()
    rig.beat.start()
    rig.worker.wait_ready()

    sent = {"before": send_for(stream, BEFORE, "before")}
    rig.broker.pause()
    sent["broker hung"] = send_for(stream, OUTAGE / 2, "broker hung")
    rig.broker.kill()
    sent["broker down"] = send_for(stream, OUTAGE / 2, "broker down")
    rig.broker.start()
    restarted = time.monotonic()
    sent["after"] = send_for(stream, AFTER, "after")
    assert stream.failures == [], stream.failures[:5]

    settle(stream, since=since, timeout=150, logs=rig.tail)
    settled_after = time.monotonic() - restarted
    time.sleep(3)  # a late duplicate delivery (a swept copy still queued) would show now
    counts = count(stream, since=since)

    print(
        f"\nbroker outage of {OUTAGE:.0f} s ({OUTAGE / 2:.0f} s hung by SIGSTOP, then killed; restarted "
        f"on port {rig.broker.port}): orders sent {sent} - {len(stream.failures)} requests failed; slowest "
        "order (3 requests) per phase: "
        + ", ".join(f"{phase} {seconds:.2f} s" for phase, seconds in stream.slowest_while.items())
        + f"; everything delivered {settled_after:.1f} s after the broker came back\n"
        + counts.report("counts after recovery:")
    )
    assert sent["broker hung"] > 0 and sent["broker down"] > 0
    assert counts.documents == counts.delivered == counts.orders
    assert (counts.documents_lost, counts.documents_doubled) == (0, 0)
    assert (counts.outbox_lost, counts.outbox_doubled) == (0, 0)
    assert (counts.usage_lost, counts.usage_doubled) == (0, 0)
