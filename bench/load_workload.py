"""The load test's workload: what one simulated user does, over HTTP, against a seeded world.

Imports nothing but the standard library: the same code runs inside Locust (``bench/load_locustfile.py``,
in Locust's own environment) and inside the test suite (``bench/tests``-style test in
``tests/ops/test_load.py``, with Django's test client). A :class:`Client` sends one request and says
whether its status was the one expected; each task below is a chain of such requests and stops at the
first unexpected answer (the failure is counted by the client; the rest of the chain is not sent).

The world (written by ``bench/load_seed.py``) is a ring of companies: company *k* buys from company
*k + 1*, which sells only to company *k* on its sales side. Simulated user *k* drives the pair
(k, k + 1) alone, so two users never race for the same sales order: every 409 is a real error.

Request names (the rows of the report) are ``<flow>: <step>``; the two floors are named ``floor: ...``.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

FLOOR_EMPTY = "floor: empty request (tenant-routed)"
FLOOR_ME = "floor: GET /api/me/ (signed in)"
FLOORS = (FLOOR_EMPTY, FLOOR_ME)
# The empty request: a path under /api/ that no view serves. It goes through the whole middleware chain
# on the company's host (host -> schema, session, CSRF, authentication, membership, billing access) and
# answers the problem+json 404 `not_found`, which is therefore its expected answer, not an error.
EMPTY_PATH = "/api/load-floor/"


class StepFailed(Exception):
    """A request of a chain answered something else than expected (already counted as a failure)."""


class Client(Protocol):
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
        """Send one request; return the decoded JSON body (or None) when the status is in ``expect``,
        else count a failure named ``name`` and raise :class:`StepFailed`."""


@dataclass(frozen=True)
class Member:
    """A signed-in member on its company's host: the session and CSRF cookies' values."""

    session: str
    csrf: str


@dataclass(frozen=True)
class Company:
    id: int
    slug: str
    host: str
    owner: Member
    requester: Member
    approver: Member
    category: str
    skus: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class World:
    session_cookie: str
    csrf_cookie: str
    companies: tuple[Company, ...]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> World:
        companies = []
        for c in data["companies"]:
            companies.append(
                Company(
                    id=c["id"],
                    slug=c["slug"],
                    host=c["host"],
                    owner=Member(**c["owner"]),
                    requester=Member(**c["requester"]),
                    approver=Member(**c["approver"]),
                    category=c["category"],
                    skus=tuple(c["skus"]),
                    words=tuple(c["words"]),
                )
            )
        return cls(
            session_cookie=data["session_cookie"], csrf_cookie=data["csrf_cookie"], companies=tuple(companies)
        )

    def pair(self, k: int) -> tuple[Company, Company]:
        """(buyer, supplier) of user ``k``: company k and the next one in the ring."""
        n = len(self.companies)
        return self.companies[k % n], self.companies[(k + 1) % n]


def headers(world: World, company: Company, member: Member | None, *, write: bool = False) -> dict[str, str]:
    """What a browser on https://<company host> sends, behind the TLS proxy (``X-Forwarded-Proto``)."""
    h = {"Host": company.host, "X-Forwarded-Proto": "https", "Accept": "application/json"}
    if member is not None:
        h["Cookie"] = f"{world.session_cookie}={member.session}; {world.csrf_cookie}={member.csrf}"
        if write:
            h["Origin"] = f"https://{company.host}"
            h["X-CSRFToken"] = member.csrf
            h["Content-Type"] = "application/json"
    return h


def _create_headers(world: World, company: Company, member: Member) -> dict[str, str]:
    return {**headers(world, company, member, write=True), "Idempotency-Key": uuid.uuid4().hex}


def floor_empty(client: Client, world: World, buyer: Company) -> None:
    client.call("GET", EMPTY_PATH, name=FLOOR_EMPTY, headers=headers(world, buyer, None), expect=(404,))


def floor_me(client: Client, world: World, buyer: Company) -> None:
    client.call("GET", "/api/me/", name=FLOOR_ME, headers=headers(world, buyer, buyer.owner))


def search(client: Client, world: World, buyer: Company, supplier: Company, rng: random.Random) -> int:
    """A marketplace search for a word of the catalogs; returns the number of hits."""
    word = rng.choice(supplier.words)
    found = client.call(
        "GET",
        f"/api/marketplace/search/?q={word}&page_size=20",
        name="search: marketplace",
        headers=headers(world, buyer, buyer.owner),
    )
    return int(found.get("count", 0)) if isinstance(found, dict) else 0


def rfq(client: Client, world: World, buyer: Company, supplier: Company, rng: random.Random) -> int:
    """The buyer creates an RFQ, invites its supplier and publishes it; the supplier quotes. Returns the
    RFQ's id."""
    now = datetime.now(UTC)
    created = client.call(
        "POST",
        "/api/rfqs/",
        name="rfq: create",
        headers=_create_headers(world, buyer, buyer.owner),
        body={
            "title": f"Load RFQ {uuid.uuid4().hex[:8]}",
            "currency": "CNY",
            "delivery_region": "CN",
            "delivery_date": (now + timedelta(days=30)).date().isoformat(),
            "closing_at": (now + timedelta(days=5)).isoformat(),
            "lines": [
                {
                    "description": f"{rng.choice(supplier.words)} for the load test",
                    "category_code": supplier.category,
                    "quantity": str(rng.randint(10, 500)),
                    "unit": "pcs",
                }
            ],
        },
        expect=(201,),
    )
    rfq_id = created["id"]
    line_id = created["lines"][0]["id"]
    client.call(
        "PUT",
        f"/api/rfqs/{rfq_id}/invitations/{supplier.id}/",
        name="rfq: invite",
        headers=headers(world, buyer, buyer.owner, write=True),
        body={},
    )
    client.call(
        "POST",
        f"/api/rfqs/{rfq_id}/publish/",
        name="rfq: publish",
        headers=headers(world, buyer, buyer.owner, write=True),
        body={},
    )
    client.call(
        "POST",
        f"/api/rfq-inbox/{rfq_id}/quote/",
        name="rfq: quote",
        headers=_create_headers(world, supplier, supplier.owner),
        body={
            "lines": [
                {
                    "rfq_line_id": line_id,
                    "unit_price": f"{rng.uniform(5, 500):.2f}",
                    "offered_quantity": "500",
                    "lead_time_days": rng.randint(3, 30),
                }
            ],
            "valid_until": (now + timedelta(days=60)).date().isoformat(),
        },
        expect=(201,),
    )
    return int(rfq_id)


def purchase_order(
    client: Client, world: World, buyer: Company, supplier: Company, rng: random.Random, *, lines: int = 3
) -> int:
    """Requester creates and submits a PO to the supplier; the approver approves; the requester sends it
    (a trade document: the supplier's sales order appears through the exchange). Returns the PO's id."""
    skus = rng.sample(supplier.skus, min(lines, len(supplier.skus)))
    created = client.call(
        "POST",
        "/api/purchase-orders/",
        name="po: create",
        headers=_create_headers(world, buyer, buyer.requester),
        body={
            "supplier_id": supplier.id,
            "currency": "CNY",
            "lines": [
                {
                    "sku": sku,
                    "description": f"Load item {sku}",
                    "quantity": str(rng.randint(1, 20)),
                    "unit": "pcs",
                    "unit_price": f"{rng.uniform(5, 200):.2f}",
                    "tax_rate": "13",
                }
                for sku in skus
            ],
        },
        expect=(201,),
    )
    order_id = created["id"]
    for step, member in (("submit", buyer.requester), ("approve", buyer.approver), ("send", buyer.requester)):
        client.call(
            "POST",
            f"/api/purchase-orders/{order_id}/{step}/",
            name=f"po: {step}",
            headers=headers(world, buyer, member, write=True),
            body={"note": "load"} if step == "approve" else {},
        )
    return int(order_id)


def fulfil(client: Client, world: World, supplier: Company) -> int | None:
    """The supplier takes the oldest sales order awaiting acceptance (from its one customer in the ring),
    accepts it, ships every line, invoices the shipment and issues the invoice. Returns the invoice id,
    or None when no order was waiting (only the list was asked)."""
    waiting = client.call(
        "GET",
        "/api/sales-orders/?status=awaiting_acceptance&page_size=1",
        name="so: list awaiting",
        headers=headers(world, supplier, supplier.owner),
    )
    results = waiting.get("results", []) if isinstance(waiting, dict) else []
    if not results:
        return None
    order_id = results[-1]["id"]
    accepted = client.call(
        "POST",
        f"/api/sales-orders/{order_id}/accept/",
        name="so: accept",
        headers=headers(world, supplier, supplier.owner, write=True),
        body={},
    )
    lines = [{"line_no": line["line_no"], "quantity": line["quantity"]} for line in accepted["lines"]]
    client.call(
        "POST",
        f"/api/sales-orders/{order_id}/shipments/",
        name="shipment: create",
        headers=_create_headers(world, supplier, supplier.owner),
        body={"carrier": "Load Express", "tracking_number": uuid.uuid4().hex[:12], "lines": lines},
        expect=(201,),
    )
    invoice = client.call(
        "POST",
        "/api/finance/invoices/from-shipments/",
        name="invoice: from shipment",
        headers=_create_headers(world, supplier, supplier.owner),
        body={"sales_order_id": order_id},
        expect=(201,),
    )
    client.call(
        "POST",
        f"/api/finance/invoices/{invoice['id']}/issue/",
        name="invoice: issue",
        headers=headers(world, supplier, supplier.owner, write=True),
        body={},
    )
    return int(invoice["id"])


# Task -> weight: one iteration of a simulated user picks one task with these odds. Reads dominate, as in
# a working day; every third pick or so is one of the writing chains.
WEIGHTS = {"floor_empty": 2, "floor_me": 1, "search": 5, "rfq": 1, "purchase_order": 2, "fulfil": 2}


def run_task(name: str, client: Client, world: World, k: int, rng: random.Random) -> None:
    buyer, supplier = world.pair(k)
    try:
        if name == "floor_empty":
            floor_empty(client, world, buyer)
        elif name == "floor_me":
            floor_me(client, world, buyer)
        elif name == "search":
            search(client, world, buyer, supplier, rng)
        elif name == "rfq":
            rfq(client, world, buyer, supplier, rng)
        elif name == "purchase_order":
            purchase_order(client, world, buyer, supplier, rng)
        elif name == "fulfil":
            fulfil(client, world, supplier)
        else:
            raise ValueError(f"unknown task {name!r}")
    except StepFailed:
        pass  # counted by the client; the rest of the chain is not sent
