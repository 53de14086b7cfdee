"""Two imports into one catalog at the same moment, with real threads against the real database."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections

from identity.models import User
from marketplace.catalog import services
from marketplace.catalog.models import ImportJob, Listing, PriceTier
from marketplace.catalog.tests.helpers import actor_for
from marketplace.catalog.tests.test_imports import csv_file
from marketplace.directory.categories import category_tree_ensure
from marketplace.directory.services import ProfileInput, supplier_profile_save
from tenants.models import Company, CompanyStatus

pytestmark = pytest.mark.django_db(transaction=True)


def run_in_threads(n: int, target: Callable[[int], object]) -> tuple[list[object], list[BaseException]]:
    results: list[object] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)
    lock = threading.Lock()

    def work(i: int) -> None:
        try:
            barrier.wait()
            value = target(i)
            with lock:
                results.append(value)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results, errors


@pytest.fixture
def supplier_actor():
    category_tree_ensure()
    # A company row is enough here (imports never touch the company's schema), so none is built.
    company = Company.objects.create(
        schema_name=f"t_race{uuid.uuid4().hex[:12]}",
        name="Race Co",
        slug=f"race-{uuid.uuid4().hex[:8]}",
        status=CompanyStatus.ACTIVE,
    )
    user = User.objects.create_user(
        email=f"owner-{uuid.uuid4().hex[:6]}@race.test", password="race-password-1"
    )
    actor = actor_for(company, user)
    actor = type(actor)(company=company, permissions=actor.permissions, user=user)
    supplier_profile_save(actor=actor, data=ProfileInput(display_name_en="Race Co", category_codes=["10.01"]))
    return actor


def test_two_imports_of_overlapping_skus_at_once_never_duplicate_a_sku(supplier_actor, media_root):
    # Both files carry SKU-1..SKU-40 (and the second also SKU-41..SKU-60), with their own prices.
    files = [
        csv_file([{"price_tiers": "1:10;50:9"} for _ in range(40)]),
        csv_file([{"price_tiers": "1:20;50:18;500:15"} for _ in range(60)]),
    ]
    jobs = [
        services.import_create(actor=supplier_actor, upload=SimpleUploadedFile(f"f{i}.csv", content))
        for i, content in enumerate(files)
    ]

    _results, errors = run_in_threads(
        2, lambda i: services.import_apply(actor=supplier_actor, job_id=jobs[i].pk)
    )

    assert errors == [], errors
    company = supplier_actor.company
    skus = list(Listing.objects.filter(company=company).values_list("sku", flat=True))
    assert len(skus) == len(set(skus)) == 60
    assert sorted(ImportJob.objects.filter(pk__in=[j.pk for j in jobs]).values_list("state", flat=True)) == [
        "done",
        "done",
    ]
    created = sum(
        ImportJob.objects.filter(pk__in=[j.pk for j in jobs]).values_list("created_count", flat=True)
    )
    assert created == 60  # each SKU created once, by whichever import got there first
    # Every listing has exactly the tiers of one of the two files, never a mix of both.
    for listing in Listing.objects.filter(company=company).prefetch_related("price_tiers"):
        tiers = [(int(t.min_quantity), t.unit_price) for t in listing.price_tiers.all()]
        assert tiers in ([(1, 10), (50, 9)], [(1, 20), (50, 18), (500, 15)])
        assert listing.base_price == tiers[0][1]
    assert PriceTier.objects.filter(listing__company=company).count() in range(120, 181)
