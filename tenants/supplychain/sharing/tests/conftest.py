"""Fixtures of the sharing tests: an owner and a partner that trade (a partner link both ways), signed-in
clients on both hosts, the owner's items and warehouses, and a way to run the publish now."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from identity.access import Actor
from identity.models import Membership
from identity.roles import permissions_for
from kernel.tenancy import company_context


@dataclass
class Party:
    company: Any
    owner: Any
    client: Any

    def actor(self, *roles: str) -> Actor:
        return Actor(
            company=self.company,
            permissions=permissions_for(roles or ("owner",)),
            user=self.owner,
            membership=Membership.objects.filter(user=self.owner, company=self.company).first(),
        )


def link(a: Any, b: Any) -> None:
    """Make ``a`` and ``b`` trading partners, as their first trade document would."""
    from marketplace.exchange.models import PartnerLink

    first = uuid.uuid4()
    PartnerLink.objects.bulk_create(
        [
            PartnerLink(company=a, partner=b, first_document_id=first),
            PartnerLink(company=b, partner=a, first_document_id=first),
        ],
        ignore_conflicts=True,
    )


def deliver() -> int:
    """Run every pending sharing outbox message now, as the worker would after commit."""
    from kernel import outbox
    from kernel.models import OutboxMessage

    ran = 0
    for message in OutboxMessage.objects.filter(
        processed_at__isnull=True, topic__startswith="supplychain.sharing."
    ).order_by("created_at", "id"):
        ran += outbox.outbox_deliver_message(message_id=str(message.pk))
    return ran


@pytest.fixture
def party(make_company: Any, signed_in: Callable[..., Any]) -> Callable[[str], Party]:
    def make(name: str) -> Party:
        result = make_company(company_name=name)
        return Party(company=result.company, owner=result.user, client=signed_in(result.user, result.company))

    return make


@pytest.fixture
def owner(party: Callable[[str], Party]) -> Party:
    return party("Hualian Supermarket")


@pytest.fixture
def partner(party: Callable[[str], Party], owner: Party) -> Party:
    p = party("Kangshifu Foods")
    link(owner.company, p.company)
    return p


@dataclass
class Stock:
    noodles: Any
    rice: Any
    tea: Any
    main: Any
    north: Any


@pytest.fixture
def stock(owner: Party) -> Stock:
    """In the owner's schema: three items (two of category 50.20 packaged food), two warehouses, stock."""
    from tenants.inventory import services

    actor = owner.actor("owner")
    with company_context(owner.company):
        noodles = services.item_create(
            actor=actor, sku="NOODLE-5", name_zh="方便面 5 连包", name_en="Instant noodles x5", unit="pack",
            category_code="50.20", reorder_point=Decimal("40"),
        )  # fmt: skip
        rice = services.item_create(
            actor=actor,
            sku="RICE-10",
            name_zh="大米 10kg",
            name_en="Rice 10 kg",
            unit="bag",
            category_code="50.20",
        )
        tea = services.item_create(
            actor=actor, sku="TEA-1", name_zh="绿茶", name_en="Green tea", unit="box", category_code="50.30"
        )
        main = services.warehouse_create(actor=actor, code="MAIN", name="Main store")
        north = services.warehouse_create(actor=actor, code="NORTH", name="North store")
        for item, qty in ((noodles, "100"), (rice, "30"), (tea, "12")):
            services.stock_receive(item=item, warehouse=main, quantity=Decimal(qty), reference="opening")
        services.stock_receive(item=noodles, warehouse=north, quantity=Decimal("20"), reference="opening")
    return Stock(noodles=noodles, rice=rice, tea=tea, main=main, north=north)
