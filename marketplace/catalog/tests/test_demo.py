"""The demo catalogs: enough valid listings in both languages, written through the services."""

from __future__ import annotations

import dataclasses
import random

import pytest

from marketplace.catalog import demo
from marketplace.catalog.models import Listing
from marketplace.catalog.services import category_index
from marketplace.catalog.validation import listing_clean
from marketplace.directory.models import Certification, SupplierProfile

pytestmark = pytest.mark.django_db


def test_the_demo_rows_are_over_two_thousand_valid_listings_across_categories_in_both_languages():
    categories = category_index()
    rows = [row for c in demo.CATALOGS for row in demo._rows(c, random.Random(c.slug))]
    cleaned = [listing_clean(row, categories=categories) for row in rows]  # raises on any invalid row
    assert len(cleaned) >= 2000
    assert len({c.category.code for c in cleaned}) >= 25
    assert len({c.category.path.split("/")[0] for c in cleaned}) >= 3
    assert all(c.name_zh and c.name_en for c in cleaned)
    assert len({(c.sku) for c in cleaned}) == len(cleaned)


def test_demo_catalogs_are_created_once_with_profiles_certifications_and_badges(make_company, monkeypatch):
    from identity.models import User

    small = [dataclasses.replace(c, count=12) for c in demo.CATALOGS]
    monkeypatch.setattr(demo, "CATALOGS", small)
    for catalog in small:
        make_company(slug=catalog.slug, company_name=catalog.profile["display_name_en"])
    operator = User.objects.create_user(email="op@demo.test", password="operator-pass-1", is_operator=True)

    assert demo.demo_catalogs_create(operator=operator) == 36
    assert demo.demo_catalogs_create(operator=operator) == 0  # idempotent

    bearings = SupplierProfile.objects.get(company__slug="precision-bearings")
    assert bearings.verified and bearings.display_name_zh == "无锡精密轴承有限公司"
    assert Certification.objects.filter(supplier=bearings).count() == 3
    assert not SupplierProfile.objects.get(company__slug="northsteel").verified
    assert Listing.objects.filter(is_public=True, search_vector__isnull=False).count() >= 30
    assert set(Listing.objects.values_list("currency", flat=True)) == {"CNY", "EUR"}
