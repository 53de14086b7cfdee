"""Fixtures of the replenishment tests: a buyer (the supermarket sharing its stock) and a supplier, trading
partners, with an item in the buyer's schema shared under a grant."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from conftest import HostClient
from identity.access import Actor
from kernel.tenancy import company_context
from marketplace.sharing.models import ShareGrant
from tenants.supplychain.replenishment.tests import factories as f


@dataclass
class Party:
    company: Any
    owner: Any
    actor: Actor
    client: HostClient

    def ctx(self) -> Any:
        return company_context(self.company)


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def make_party(make_company: Any, signed_in: Any) -> Any:
    def make(name: str) -> Party:
        result = make_company(company_name=name)
        return Party(
            result.company,
            result.user,
            f.actor_for(result.company, result.user),
            signed_in(result.user, result.company),
        )

    return make


@pytest.fixture
def buyer(make_party: Any) -> Party:
    return make_party("Freshmart Supermarkets")


@pytest.fixture
def supplier(make_party: Any, buyer: Party) -> Party:
    party = make_party("Dairy Foods Co")
    f.partners(buyer.company, party.company)
    return party


@pytest.fixture
def item(buyer: Party) -> Any:
    from tenants.inventory import services

    with buyer.ctx():
        return services.item_create(
            actor=None, sku="MILK-1L", name_zh="纯牛奶 1 升", name_en="UHT milk 1 l", unit="box"
        )


@pytest.fixture
def grant(buyer: Party, supplier: Party, item: Any) -> ShareGrant:
    return f.grant_make(owner=buyer.company, partner=supplier.company, item_ids=[item.pk])
