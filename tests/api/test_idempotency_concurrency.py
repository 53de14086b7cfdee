"""(c) of the Idempotency-Key contract: two concurrent requests with one key make one effect.

For EVERY operation whose OpenAPI document declares the header, in one committed world (real threads
need committed data, so this is one ``transaction=True`` test: its closing flush is paid once):

- the operation's call is first made once inside a transaction that is rolled back, to learn the rows
  that one effect adds;
- then two threads send the same call with the same key at the same moment (the first to hold the key
  is slowed down while it stores its response, so that the second arrives while it runs): exactly one
  runs, and the other gets either the replay (same status and bytes, ``Idempotent-Replayed: true``) or
  ``409 idempotency_key_in_progress``; the rows added are those of one effect plus one stored response;
- a third request with the key replays the first's bytes and changes nothing.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction

from kernel import idempotency
from tests.api.idempotency_recipes import (
    build_world,
    declaring_operations,
    difference,
    freeze,
    make_company_function,
    row_counts,
)

RECORDS = "public.kernel_idempotencyrecord"


def _in_threads(call: Any, key: str) -> list[Any]:
    clients = [call.client(), call.client()]
    barrier = threading.Barrier(len(clients))
    responses: list[Any] = [None, None]
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            responses[index] = call.send(key, clients[index])
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return responses


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_key_make_one_effect(monkeypatch, settings):
    # Probes that need the fake online gateway enter ``override_settings`` around their call; it swaps the
    # process-wide settings, so two threads entering and leaving it interleave and one of them can read the
    # default (offline) gateway. Configured for the whole test, every thread reads the same gateway.
    settings.HANSA_FINANCE_GATEWAY = "fake"
    side = build_world(make_company_function())
    real_store = idempotency._store

    def slow_store(**kwargs: Any) -> Any:
        time.sleep(0.3)  # the other request arrives while this one holds the key
        return real_store(**kwargs)

    failures = []
    operations = declaring_operations()
    for host, op_id, _method, _path in operations:
        call = freeze(host, op_id, side)
        before = row_counts(side)
        with transaction.atomic():
            alone = call.send(f"{op_id}-alone", call.client())
            one_effect = difference(before, row_counts(side))
            transaction.set_rollback(True)
        if alone.status_code != call.ok:
            failures.append(f"{op_id}: the call alone got {alone.status_code}: {alone.content[:200]!r}")
            continue
        assert row_counts(side) == before

        monkeypatch.setattr(idempotency, "_store", slow_store)
        responses = _in_threads(call, f"{op_id}-together")
        monkeypatch.undo()
        after = row_counts(side)

        fresh = [r for r in responses if r.status_code == call.ok and "Idempotent-Replayed" not in r]
        others = [r for r in responses if r not in fresh]
        if len(fresh) != 1:
            failures.append(f"{op_id}: {[(r.status_code, r.content[:120]) for r in responses]}")
            continue
        other = others[0]
        if other.status_code == 409:
            if other.json().get("code") != "idempotency_key_in_progress" or other.get("Retry-After") != "1":
                failures.append(f"{op_id}: the second got {other.content[:200]!r}")
        elif (other.status_code, other.content, other.get("Idempotent-Replayed")) != (
            fresh[0].status_code,
            fresh[0].content,
            "true",
        ):
            failures.append(f"{op_id}: the second was neither a replay nor 409: {other.status_code}")
        # one_effect was learned with a key too, so it includes its one stored response
        if one_effect.get(RECORDS) != 1 or difference(before, after) != one_effect:
            failures.append(f"{op_id}: rows added {difference(before, after)}, one effect is {one_effect}")

        replay = call.send(f"{op_id}-together")
        if (replay.status_code, replay.content) != (fresh[0].status_code, fresh[0].content):
            failures.append(f"{op_id}: the replay differs from the first response")
        if row_counts(side) != after:
            failures.append(f"{op_id}: the replay changed rows")
    connection.set_schema_to_public()
    assert failures == []
    assert len(operations) >= 30
