"""Locust's side of the load test (run by bench/load.py, in Locust's own environment; not imported by Hansa).

Each simulated user takes the next number k (its pair of companies in the ring, see load_workload.py)
and loops: pick a task by the weights of ``load_workload.WEIGHTS``, run it, wait ``HANSA_LOAD_THINK``
seconds (default 0: a closed loop, each user sends its next request as soon as the last one answered).

Environment:
    HANSA_LOAD_WORLD    the world JSON written by bench/load.py (required)
    HANSA_LOAD_SAMPLES  where to write every request's (name, start, milliseconds, ok) at the end
    HANSA_LOAD_THINK    seconds between two tasks of a user (default 0)
    HANSA_LOAD_ORDER    "weighted" (default) or "cycle": every task in turn (bench/load.py --smoke)
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import random
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from locust import FastHttpUser, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load_workload as w

WORLD = w.World.from_json(json.loads(Path(os.environ["HANSA_LOAD_WORLD"]).read_text()))
SAMPLES: list[tuple[str, float, float, bool]] = []
_numbers = itertools.count()


@events.request.add_listener
def _record(name: str, response_time: float, exception: Any = None, **_: Any) -> None:
    SAMPLES.append((name, time.time() - response_time / 1000, response_time, exception is None))


@events.quitting.add_listener
def _write(**_: Any) -> None:
    path = os.environ.get("HANSA_LOAD_SAMPLES")
    if path:
        Path(path).write_text(json.dumps(SAMPLES))


class LocustClient:
    """The workload's Client protocol over the user's FastHttpSession."""

    def __init__(self, user: FastHttpUser) -> None:
        self.user = user

    def call(
        self,
        method: str,
        path: str,
        *,
        name: str,
        headers: Mapping[str, str],
        body: Any = None,
        expect: Sequence[int] = (200,),
    ) -> Any:
        with self.user.client.request(
            method, path, name=name, headers=dict(headers), json=body, catch_response=True
        ) as response:
            if response.status_code in expect:
                response.success()
                try:
                    return response.json()
                except ValueError:
                    return None
            code = ""
            with contextlib.suppress(ValueError, AttributeError):
                code = str(response.json().get("code", ""))
            response.failure(f"{response.status_code} {code}".strip())
        raise w.StepFailed(name)


class Member(FastHttpUser):
    wait_time = constant(float(os.environ.get("HANSA_LOAD_THINK", "0")))

    def on_start(self) -> None:
        self.k = next(_numbers)
        self.rng = random.Random(self.k)
        self.api = LocustClient(self)
        self.names = list(w.WEIGHTS)
        self.weights = [w.WEIGHTS[name] for name in self.names]
        self.turn = itertools.count(self.k)
        self.cycle = os.environ.get("HANSA_LOAD_ORDER") == "cycle"

    @task
    def iteration(self) -> None:
        if self.cycle:
            name = self.names[next(self.turn) % len(self.names)]
        else:
            name = self.rng.choices(self.names, self.weights)[0]
        w.run_task(name, self.api, WORLD, self.k, self.rng)
