"""Fixtures of the inventory tests: a company whose schema is active for the test, and its actors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from identity.access import Actor
from identity.models import Membership
from identity.roles import permissions_for
from kernel.tenancy import company_context


@dataclass
class Shop:
    company: Any
    owner: Any

    def actor(self, *roles: str) -> Actor:
        return Actor(
            company=self.company,
            permissions=permissions_for(roles or ("owner",)),
            user=self.owner,
            membership=Membership.objects.filter(user=self.owner, company=self.company).first(),
        )


@pytest.fixture
def shop(make_company: Any) -> Iterator[Shop]:
    """A company, its schema active for the whole test."""
    result = make_company(company_name="Huaxia Machinery")
    with company_context(result.company):
        yield Shop(company=result.company, owner=result.user)


@pytest.fixture
def owner(shop: Shop) -> Actor:
    return shop.actor("owner")


@pytest.fixture
def item(owner: Actor) -> Any:
    from tenants.inventory import services

    return services.item_create(
        actor=owner,
        sku="6205-2RS",
        name_zh="深沟球轴承 6205-2RS",
        name_en="Ball bearing 6205-2RS",
        unit="pcs",
    )


@pytest.fixture
def main(shop: Shop) -> Any:
    from tenants.inventory import services

    return services.default_warehouse()


def D(value: str | int) -> Decimal:
    return Decimal(str(value))
