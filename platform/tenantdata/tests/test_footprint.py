"""The footprint registry covers every shared model, and selects at least what the database would lose with
the company (Django's deletion collector is the reference)."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models.deletion import Collector

from tenantdata.backup import footprint_ids
from tenantdata.footprint import FOOTPRINT, NOT_COMPANY_DATA, Scope
from tenantdata.tests.world import build_world
from tenants.models import Company


def shared_models() -> list[type[models.Model]]:
    shared = set(settings.SHARED_APPS)
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.app_config.name in shared]


def names_a_company(model: type[models.Model]) -> bool:
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is Company:
            return True
        if not field.is_relation and ("company" in field.name or field.name == "schema_name"):
            return True
    return False


def test_every_shared_model_is_registered_or_explained() -> None:
    registered = {entry.label for entry in FOOTPRINT}
    assert not registered & set(NOT_COMPANY_DATA), "a model cannot be both company data and not"
    missing = [
        m._meta.label for m in shared_models() if m._meta.label not in registered | set(NOT_COMPANY_DATA)
    ]
    assert missing == [], f"register these shared models in tenantdata/footprint.py: {missing}"
    unknown = [
        label
        for label in registered | set(NOT_COMPANY_DATA)
        if label not in {m._meta.label for m in shared_models()}
    ]
    assert unknown == [], f"these labels name no shared model: {unknown}"


def test_no_model_that_names_a_company_is_waved_through() -> None:
    # A company foreign key or company column makes a model company data, except the backup records
    # (which must outlive the company row) and the platform's own tables; the fleet's per-schema records are
    # the history of a migration run, keyed by schema name (the platform's bookkeeping, no company data).
    allowed = {
        "tenantdata.TenantBackup",
        "tenantdata.CompanyExport",
        "tenantdata.CompanyClosure",
        "fleet.FleetSchema",
    }
    waved = [
        label for label in NOT_COMPANY_DATA if label not in allowed and names_a_company(apps.get_model(label))
    ]
    assert waved == []


def test_a_model_with_a_company_key_not_registered_fails_the_check(monkeypatch: Any) -> None:
    """The check above is not vacuous: dropping an entry makes it fail."""
    from tenantdata import footprint

    monkeypatch.setattr(footprint, "FOOTPRINT", [e for e in FOOTPRINT if e.label != "rfq.ScreeningPreset"])
    registered = {entry.label for entry in footprint.FOOTPRINT}
    missing = [
        m._meta.label for m in shared_models() if m._meta.label not in registered | set(NOT_COMPANY_DATA)
    ]
    assert missing == ["rfq.ScreeningPreset"]


@pytest.mark.django_db
@pytest.mark.xdist_group("tenantdata")
def test_the_selection_holds_everything_the_database_would_cascade(
    make_company: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = build_world(make_company)
    scope = Scope(company_id=world.a.pk, schema_name=world.a.schema_name)
    ids = footprint_ids(scope)
    assert ids["exchange.TradeDocument"] and ids["catalog.ListingImage"] and ids["identity.Membership"]
    collector = Collector(using="default")
    collector.collect([Company.objects.get(pk=world.a.pk)])
    cascaded: dict[str, set[Any]] = {}
    for model, instances in collector.data.items():
        cascaded.setdefault(model._meta.label, set()).update(i.pk for i in instances)
    for queryset in collector.fast_deletes:
        cascaded.setdefault(queryset.model._meta.label, set()).update(queryset.values_list("pk", flat=True))
    for label, pks in cascaded.items():
        if not pks:
            continue
        assert label in ids, f"{label} cascades from the company but is not in the footprint"
        assert pks <= set(ids[label]), (
            f"{label}: {sorted(pks - set(ids[label]))[:5]} cascade but are not selected"
        )
    # B's rows that name only B are not A's.
    assert world.b.pk not in ids["tenants.Company"]
