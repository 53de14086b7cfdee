"""The Idempotency-Key contract, for EVERY operation whose OpenAPI document declares the header.

Every outcome of a request with a key is exactly one of: nothing happened and the key is free; it
happened once and every replay returns the same stored response. For each operation, with the call that
its isolation probe makes succeed (tests/api/idempotency_recipes.py):

(b) the response encoding fails after the effect ran -> nothing is committed, no record, the key is free;
(a) a fault after the key is claimed and the effect ran (storing the response fails) -> row counts of
    every table of the company's schema and of public are unchanged, and a retry with the same key
    succeeds and makes exactly one effect;
(d) a replay, also after an hour, returns the same status and body byte for byte, and changes nothing.

The concurrent case (c) needs committed data and real threads: test_idempotency_concurrency.py.

One company, seeded once for the module in a transaction that is rolled back at its end; each test runs
in its own savepoint, so every operation starts from the same world.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from kernel import idempotency
from kernel.models import IdempotencyRecord
from tests.api.idempotency_recipes import (
    build_world,
    declaring_operations,
    difference,
    freeze,
    make_company_function,
    recipe_problems,
    row_counts,
)

OPERATIONS = declaring_operations()

# One worker runs the whole module in a row (`--dist loadgroup`), so its world is built once.
pytestmark = pytest.mark.xdist_group("idempotency_contract")


def test_every_operation_that_declares_the_header_has_a_recipe():
    problems = [p for op in OPERATIONS for p in recipe_problems(*op)]
    assert problems == []
    assert len(OPERATIONS) >= 30  # the documents declare it (a broken declaration would empty this list)


@pytest.mark.parametrize("host", ["public", "tenant"])
def test_every_create_declares_the_header(host):
    from hansa.openapi import document

    missing = [
        op["operationId"]
        for item in document(host)["paths"].values()
        for method, op in item.items()
        if method == "post"
        and "201" in op["responses"]
        and not any(p["name"] == "Idempotency-Key" for p in op.get("parameters", []))
    ]
    assert missing == [], f"creates without @idempotent: {missing}"


@pytest.fixture(scope="module")
def side(django_db_setup: None, django_db_blocker: Any):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world(make_company_function())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connection.set_schema_to_public()


class Injected(Exception):
    pass


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=[f"{h}-{op}" for h, op, _, _ in OPERATIONS])
def test_contract(operation, side, monkeypatch):
    host, op_id = operation[:2]
    call = freeze(host, op_id, side)
    before = row_counts(side)

    # (b) The response encoding fails after the view's effect: nothing is committed.
    rendered: list[Any] = []
    real_render = JSONRenderer.render

    def failing_render(self: Any, data: Any, *args: Any, **kwargs: Any) -> bytes:
        if isinstance(data, dict) and str(data.get("type", "")).startswith("https://hansa.dev/problems/"):
            return real_render(self, data, *args, **kwargs)  # a problem: the view refused; let it show
        rendered.append(row_counts(side))
        raise Injected("encoding failed")

    monkeypatch.setattr(JSONRenderer, "render", failing_render)
    response = call.send("key-encode")
    monkeypatch.undo()
    assert rendered, (
        f"{op_id}: the view did not get as far as encoding: {response.status_code} {response.content[:300]}"
    )
    assert difference(before, rendered[0]), f"{op_id}: the effect was not visible when encoding began"
    assert response.status_code == 500
    assert row_counts(side) == before, f"{op_id}: an encoding failure left rows behind"
    assert not IdempotencyRecord.objects.filter(key="key-encode").exists()

    # (a) Storing the response fails after the effect ran: nothing is stored anywhere, the key is free.
    stored: list[Any] = []

    def failing_store(**kwargs: Any) -> Any:
        stored.append(row_counts(side))
        raise Injected("store failed")

    monkeypatch.setattr(idempotency, "_store", failing_store)
    response = call.send("key-fault")
    monkeypatch.undo()
    assert stored and difference(before, stored[0]), f"{op_id}: the effect had not run when the store failed"
    assert response.status_code == 500
    assert row_counts(side) == before, f"{op_id}: a failure after the effect left rows behind"

    first = call.send("key-fault")
    assert first.status_code == call.ok, f"{op_id}: retry got {first.status_code}: {first.content[:300]}"
    assert "Idempotent-Replayed" not in first
    after_one = row_counts(side)
    effect = difference(before, after_one)
    assert effect.pop("public.kernel_idempotencyrecord", 0) == 1, f"{op_id}: the response was not stored once"
    assert effect, f"{op_id}: the retry had no effect"
    assert difference(before, stored[0]) == effect, (
        f"{op_id}: the retry's effect differs from the first try's"
    )

    # (d) Replays: same status, same bytes, nothing runs again; also an hour later.
    replay = call.send("key-fault")
    assert (replay.status_code, replay.content) == (first.status_code, first.content)
    assert replay["Idempotent-Replayed"] == "true"
    assert replay["Content-Type"] == first["Content-Type"]
    if "Location" in first:
        assert replay["Location"] == first["Location"]
    IdempotencyRecord.objects.filter(key="key-fault").update(created_at=timezone.now() - timedelta(hours=1))
    later = call.send("key-fault")
    assert (later.status_code, later.content, later["Idempotent-Replayed"]) == (
        first.status_code,
        first.content,
        "true",
    )
    assert row_counts(side) == after_one, f"{op_id}: a replay changed rows"
