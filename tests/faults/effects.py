"""The fault tests' own outbox topic: an effect that is NOT idempotent by itself.

Its handler inserts one row into ``public.faults_effect`` (no unique key) inside the outbox's delivery
transaction, so the table shows how often a message's effect was committed: a handler run twice, or a
killed run whose row survived, would leave two rows for one message. It sleeps a few milliseconds first,
so that a worker killed at a random moment is often killed in the middle of it.
"""

from __future__ import annotations

import os
import time
from typing import Any

from django.db import connection

from kernel.outbox import outbox_handler

TOPIC = "faults.effect"
TABLE = "public.faults_effect"


def effect_table_create() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} (message_key text NOT NULL, pid integer NOT NULL)"
        )
        cursor.execute(f"TRUNCATE {TABLE}")


def effect_table_drop() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


@outbox_handler(TOPIC)
def _effect(payload: dict[str, Any]) -> None:
    time.sleep(float(payload.get("sleep", 0)))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (message_key, pid) VALUES (%s, %s)",  # noqa: S608
            [str(payload["key"]), os.getpid()],
        )
