"""The publish path: a constant cost per stock movement whatever the number of partners, and no schema but
the current company's (and public) ever opened, in the partner's reads or in the owner's publish task."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kernel.models import OutboxMessage
from kernel.tenancy import company_context
from marketplace.sharing.models import ShareGrant
from tenants.supplychain.sharing import services as sharing
from tenants.supplychain.sharing.tests.conftest import Party, Stock, deliver, link

pytestmark = pytest.mark.django_db


def _issue_queries(owner: Party, stock: Stock) -> tuple[int, int]:
    """(queries, outbox messages) of one stock issue of noodles in the owner's schema."""
    from tenants.inventory import services

    before = OutboxMessage.objects.filter(topic__startswith="supplychain.sharing.").count()
    with company_context(owner.company), CaptureQueriesContext(connection) as queries:
        services.stock_issue(item=stock.noodles, warehouse=stock.main, quantity=Decimal("1"), reference="POS")
    after = OutboxMessage.objects.filter(topic__startswith="supplychain.sharing.").count()
    return len(queries), after - before


def test_a_movement_costs_the_same_with_ten_partners_as_with_one_and_one_query_more_than_unshared(
    owner: Party, party: Callable[[str], Party], stock: Stock
) -> None:
    unshared, recorded = _issue_queries(owner, stock)
    assert recorded == 0

    partners = [party(f"Supplier {n}") for n in range(10)]
    for p in partners[:1]:
        link(owner.company, p.company)
        with company_context(owner.company):
            sharing.grant_create(actor=owner.actor(), partner_id=p.company.pk, item_ids=[stock.noodles.pk])
    one, recorded = _issue_queries(owner, stock)
    assert recorded == 1

    for p in partners[1:]:
        link(owner.company, p.company)
        with company_context(owner.company):
            sharing.grant_create(actor=owner.actor(), partner_id=p.company.pk, category_code="50.20")
    ten, recorded = _issue_queries(owner, stock)
    assert recorded == 1
    assert ShareGrant.objects.filter(owner=owner.company).count() == 10
    # The coverage check is the one query an unshared item pays; a shared item adds the outbox row.
    assert one == ten == unshared + 1


@contextmanager
def schemas_seen() -> Iterator[list[str]]:
    """The search_path schema of every query run on the connection while the block runs."""
    seen: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append(connection.schema_name)
        assert "search_path" not in sql.lower() or connection.schema_name in sql
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


def test_the_sharing_path_never_opens_another_companys_schema(
    owner: Party, partner: Party, stock: Stock
) -> None:
    from tenants.inventory import services

    with company_context(owner.company):
        grant = sharing.grant_create(
            actor=owner.actor(), partner_id=partner.company.pk, category_code="50.20"
        )
    with schemas_seen() as publish:
        deliver()
        with company_context(owner.company):
            services.stock_issue(
                item=stock.rice, warehouse=stock.main, quantity=Decimal("3"), reference="POS"
            )
        deliver()
    with schemas_seen() as reads:
        for path in (
            "/api/supplychain/received-grants/",
            f"/api/supplychain/received-grants/{grant.pk}/",
            "/api/supplychain/shared-stock/?search=rice",
            f"/api/supplychain/shared-stock/?grant_id={grant.pk}&below_reorder_point=false",
        ):
            response = partner.client.get(path)
            assert response.status_code == 200, response.content

    assert set(publish) == {"public", owner.company.schema_name}
    assert set(reads) <= {"public", partner.company.schema_name}
    assert partner.company.schema_name in reads
    rice = partner.client.get("/api/supplychain/shared-stock/?search=rice").json()["results"]
    assert {(r["warehouse_code"], r["on_hand"]) for r in rice} == {("MAIN", "27.0000"), ("NORTH", "0.0000")}


def test_a_burst_of_movements_coalesces_into_one_write(owner: Party, partner: Party, stock: Stock) -> None:
    from marketplace.sharing.models import SharedStock
    from tenants.inventory import services

    with company_context(owner.company):
        sharing.grant_create(
            actor=owner.actor(), partner_id=partner.company.pk, item_ids=[stock.noodles.pk],
            warehouse_ids=[stock.main.pk],
        )  # fmt: skip
    deliver()
    with company_context(owner.company):
        for _ in range(5):
            services.stock_issue(
                item=stock.noodles, warehouse=stock.main, quantity=Decimal("2"), reference="POS"
            )
    published = []
    for message in OutboxMessage.objects.filter(
        topic="supplychain.sharing.item_moved", processed_at__isnull=True
    ):
        from kernel.tenancy import schema_context
        from tenants.supplychain.sharing.publishing import publish_items

        with schema_context(message.schema_name):
            published.append(publish_items(item_ids=[message.payload["item_id"]]))
    assert published == [1, 0, 0, 0, 0]
    assert SharedStock.objects.get(item_id=stock.noodles.pk).available == Decimal("90")
