"""Real threads against the real database: the last units reserved at once, an issue racing an adjustment.

Not ``django_db(transaction=True)``: its closing flush empties every public table, the warm pool of tenant
schemas included, and every later test on the worker would then build schemas on the spot. These tests
commit into a schema borrowed from the warm pool, and empty it and give it back afterwards.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from kernel.tenancy import company_context
from tenants.inventory import selectors, services
from tenants.inventory.exceptions import InsufficientStock
from tenants.inventory.models import LedgerEntry, StockLevel

THREADS = 50
ROUNDS = 20
LAST_UNITS = 10
TABLES = [
    "inventory_ledgerentry",
    "inventory_reservation",
    "inventory_stocklevel",
    "inventory_item",
    "inventory_warehouse",
    # the cost of the adjusted stock (finance keeps it per item and warehouse)
    "finance_costmovement",
    "finance_itemcost",
]


@pytest.fixture(scope="module")
def company(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    """A warm-pool schema borrowed for the module: committed data, emptied and returned to the pool after."""
    from tenants.models import Company, CompanyStatus
    from tenants.services import pool_add_schema

    with django_db_blocker.unblock():
        borrowed = (
            Company.objects.filter(status=CompanyStatus.POOLED).order_by("pk").first() or pool_add_schema()
        )
        # Out of the pool while the threads use it: nobody may claim it.
        Company.objects.filter(pk=borrowed.pk).update(status=CompanyStatus.CLOSED)
        try:
            yield borrowed
        finally:
            connection.set_schema_to_public()
            with company_context(borrowed), connection.cursor() as cursor:
                # TRUNCATE, not DELETE: the ledger's append-only trigger fires on row deletes only.
                cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
            connection.set_schema_to_public()
            Company.objects.filter(pk=borrowed.pk).update(status=CompanyStatus.POOLED)


def in_threads(company: Any, count: int, rounds: int, work: Callable[[int, int], Any]) -> list[list[Any]]:
    """Run ``work(round, thread)`` in ``count`` threads, all starting each round together.

    The same threads (and their database connections) serve every round; between rounds the main
    thread may check and prepare (``between`` below is the barrier's action). Returns results per round.
    """
    results: list[list[Any]] = [[None] * count for _ in range(rounds)]
    start = threading.Barrier(count)
    end = threading.Barrier(count + 1)

    def run(index: int) -> None:
        try:
            with company_context(company):
                for r in range(rounds):
                    start.wait(timeout=60)
                    try:
                        results[r][index] = work(r, index)
                    except Exception as exc:
                        results[r][index] = exc
                    end.wait(timeout=60)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    return results, threads, end  # type: ignore[return-value]


def assert_consistent(item: Any) -> None:
    for level in StockLevel.objects.filter(item=item):
        assert level.on_hand >= 0 and level.reserved >= 0 and level.reserved <= level.on_hand
        entries = LedgerEntry.objects.filter(item=item, warehouse=level.warehouse)
        assert sum((e.on_hand_delta for e in entries), Decimal(0)) == level.on_hand
        assert sum((e.reserved_delta for e in entries), Decimal(0)) == level.reserved


def test_fifty_threads_reserving_the_last_ten_units_get_exactly_ten_reservations(company):
    with company_context(company):
        warehouse = services.default_warehouse()
        items = [
            services.item_get_or_create_for_line(sku=f"LAST-{r}", name=f"Round {r}", unit="pcs")
            for r in range(ROUNDS)
        ]
        for item in items:
            services.stock_receive(
                item=item, warehouse=warehouse, quantity=Decimal(LAST_UNITS), reference="GR"
            )

    def reserve(r: int, index: int) -> Any:
        return services.reservation_create(
            item=items[r], warehouse=warehouse, quantity=Decimal(1), reference=f"SO-{r}-{index}"
        )

    results, threads, end = in_threads(company, THREADS, ROUNDS, reserve)
    for r in range(ROUNDS):
        end.wait(timeout=120)
        outcome = Counter(type(x).__name__ for x in results[r])
        assert outcome == Counter({"Reservation": LAST_UNITS, "InsufficientStock": THREADS - LAST_UNITS}), (
            r,
            outcome,
        )
        with company_context(company):
            level = selectors.stock_level(item=items[r], warehouse=warehouse)
            assert (level.on_hand, level.reserved, level.available) == (LAST_UNITS, LAST_UNITS, 0)
            assert_consistent(items[r])
    for thread in threads:
        thread.join(timeout=60)


def test_an_issue_racing_an_adjustment_never_takes_more_than_there_is(company):
    rounds = 10
    with company_context(company):
        warehouse = services.default_warehouse()
        items = [
            services.item_get_or_create_for_line(sku=f"RACE-{r}", name="Race", unit="pcs")
            for r in range(rounds)
        ]
        for item in items:
            services.stock_receive(item=item, warehouse=warehouse, quantity=Decimal(10), reference="GR")

    def work(r: int, index: int) -> Any:
        if index == 0:
            return services.stock_issue(
                item=items[r], warehouse=warehouse, quantity=Decimal(8), reference="SH"
            )
        return services.stock_adjust(
            actor=None, item=items[r], warehouse=warehouse, quantity_delta=Decimal(-5), reason="Damaged"
        )

    results, threads, end = in_threads(company, 2, rounds, work)
    for r in range(rounds):
        end.wait(timeout=60)
        issued, adjusted = results[r]
        failures = [x for x in (issued, adjusted) if isinstance(x, Exception)]
        assert len(failures) == 1 and isinstance(failures[0], InsufficientStock), results[r]
        with company_context(company):
            level = selectors.stock_level(item=items[r], warehouse=warehouse)
            assert level.on_hand == (Decimal(2) if isinstance(adjusted, Exception) else Decimal(5))
            assert_consistent(items[r])
    for thread in threads:
        thread.join(timeout=60)


@pytest.mark.django_db
def test_a_level_row_is_made_on_the_first_movement_and_reused(shop):
    """The insert-if-missing path the racing threads above rely on (and a database test in this module, so
    that running the module alone sets the test database up)."""
    warehouse = services.default_warehouse()
    item = services.item_get_or_create_for_line(sku="ONCE", name="Once", unit="pcs")
    assert not StockLevel.objects.filter(item=item).exists()
    services.stock_receive(item=item, warehouse=warehouse, quantity=Decimal(3), reference="")
    services.reservation_create(item=item, warehouse=warehouse, quantity=Decimal("0.5"), reference="x")
    assert list(StockLevel.objects.filter(item=item).values_list("on_hand", "reserved")) == [
        (Decimal(3), Decimal("0.5"))
    ]
