"""Fixtures of the fault tests: a broker, worker and beat of their own, and companies that trade.

The companies are made once for the package (a workspace schema costs seconds to build when the warm
pool is empty, half a minute on a loaded machine) and everything is flushed once afterwards, as after a
``transaction=True`` test: the worker process must see what the tests commit, so nothing runs inside a
test transaction here. The tests carry ``django_db(transaction=True)`` so that pytest-django sets the test
database up; :func:`_django_db_helper` below keeps it from flushing after each test.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.faults.harness import (
    Beat,
    Broker,
    Party,
    Stream,
    Worker,
    broker_switched,
    celery_environment,
    usage_counted,
)
from tests.faults.harness import make_party as _make_party


@dataclass
class Rig:
    broker: Broker
    worker: Worker
    beat: Beat
    queues: list[str]
    logs: Path

    def tail(self) -> str:
        return (
            f"--- worker log (end)\n{self.worker.output()[-6000:]}\n"
            f"--- beat log (end)\n{self.beat.output()[-2000:]}"
        )


@pytest.fixture
def _django_db_helper(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's per-test database helper, replaced for this package: access to the committed test
    database, no transaction around the test and no flush after it (``parties`` flushes once)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="package")
def parties(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Party]]:
    """Two buyers and one supplier, every one a real company with a workspace; committed."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        try:
            yield {
                "buyer_a": _make_party("Buyer A"),
                "buyer_b": _make_party("Buyer B"),
                "supplier": _make_party("Supplier"),
            }
        finally:
            # What TransactionTestCase does after a transaction=True test: the next tests start clean.
            call_command("flush", verbosity=0, interactive=False, database="default", reset_sequences=False)


@pytest.fixture
def stream(parties: dict[str, Party]) -> Stream:
    made = Stream(buyers=[parties["buyer_a"], parties["buyer_b"]], supplier=parties["supplier"])
    made.usage_counted_before = usage_counted(made)
    return made


@pytest.fixture
def rig(tmp_path: Path, parties: dict[str, Party]) -> Iterator[Rig]:
    from hansa.celery import app
    from tests.faults.effects import effect_table_create, effect_table_drop

    effect_table_create()
    broker = Broker(tmp_path / "broker.log")
    broker.start()
    env = celery_environment(broker.url)
    queues = [app.conf.task_default_queue, "celery"]  # this process's queue, and beat's
    worker = Worker(env, tmp_path / "worker.log", queues)
    beat = Beat(env, tmp_path / "beat.log", tmp_path / "beat-schedule")
    try:
        with broker_switched(broker.url):
            yield Rig(broker=broker, worker=worker, beat=beat, queues=queues, logs=tmp_path)
    finally:
        worker.stop()
        beat.stop()
        broker.kill()
        effect_table_drop()
