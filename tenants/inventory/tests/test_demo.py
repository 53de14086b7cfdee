"""The demo inventory: warehouses, items and stock at every demo company, suppliers' items linked to their
own listings, a few items below their reorder point, made once."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from hansa.demo import DEMO_COMPANIES, DEMO_PASSWORD
from kernel.tenancy import company_context
from tenants.inventory import demo, selectors
from tenants.inventory.models import Item, LedgerEntry, StockLevel, Warehouse

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_companies(monkeypatch):
    from marketplace.catalog import demo as catalog_demo
    from tenants.services import company_signup

    made = {}
    for company in DEMO_COMPANIES:
        made[company.slug] = company_signup(
            company_name=company.name,
            slug=company.slug,
            country=company.country,
            currency=company.currency,
            locale=company.locale,
            full_name=company.owner[1],
            email=company.owner[0],
            password=DEMO_PASSWORD,
        ).company
    monkeypatch.setattr(
        catalog_demo, "CATALOGS", [dataclasses.replace(c, count=20) for c in catalog_demo.CATALOGS]
    )
    catalog_demo.demo_catalogs_create()
    return made


def test_demo_inventory(demo_companies):
    from marketplace.catalog.models import Listing

    made = demo.demo_inventory_create()
    assert made == sum(len(items) for _, items in demo.BUYER_ITEMS.values()) + sum(
        n for _, n in demo.SUPPLIER_STOCK.values()
    )
    for slug, company in demo_companies.items():
        with company_context(company):
            assert Warehouse.objects.filter(is_default=True).count() == 1
            assert Item.objects.count() > 0, slug
            assert selectors.below_reorder_point(), f"{slug} has nothing to reorder"
            for level in StockLevel.objects.all():
                entries = LedgerEntry.objects.filter(item=level.item, warehouse=level.warehouse)
                assert sum((e.on_hand_delta for e in entries), Decimal(0)) == level.on_hand
            linked = list(Item.objects.exclude(listing_id=None).values_list("sku", "listing_id"))
        if slug in demo.SUPPLIER_STOCK:
            assert len(linked) == demo.SUPPLIER_STOCK[slug][1]
            assert set(linked) <= set(Listing.objects.filter(company=company).values_list("sku", "pk"))
        else:
            assert linked == []
    assert demo.demo_inventory_create() == 0  # idempotent
