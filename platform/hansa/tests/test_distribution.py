"""The Citus placement map (hansa.distribution) against the models, the real database and docs/scaling.md."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from django.db import connection

from hansa import distribution
from hansa.distribution import COORDINATOR, DISTRIBUTED, PLACEMENTS, REFERENCE, Placement

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_every_table_of_the_public_schema_has_exactly_one_placement() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' AND table_name <> 'django_migrations'"
        )
        in_database = {name for (name,) in cursor.fetchall()}
    assert in_database == distribution.public_tables()
    assert set(PLACEMENTS) == in_database
    for table, place in PLACEMENTS.items():
        assert place.kind in (REFERENCE, DISTRIBUTED, COORDINATOR), table
        assert bool(place.column) == (place.kind == DISTRIBUTED), table


@pytest.mark.django_db
def test_no_tenant_schema_holds_a_foreign_key_constraint_into_another_schema() -> None:
    """Citus refuses a constraint from a distributed schema to a coordinator table; Hansa has none at all
    (tenant relations to public are declared with db_constraint=False), checked in real tenant schemas."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 't\\_%%'")
        assert cursor.fetchone()[0] >= 1  # the warm pool's migrated schemas
        cursor.execute(
            "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
            "WHERE c.contype = 'f' AND n.nspname LIKE 't\\_%%'"
        )
        assert cursor.fetchone()[0] > 50  # foreign keys inside the schemas exist and are seen
        cursor.execute(
            "SELECT n.nspname, c.conname, tn.nspname FROM pg_constraint c "
            "JOIN pg_namespace n ON n.oid = c.connamespace JOIN pg_class t ON t.oid = c.confrelid "
            "JOIN pg_namespace tn ON tn.oid = t.relnamespace "
            "WHERE c.contype = 'f' AND n.nspname LIKE 't\\_%%' AND tn.oid <> n.oid"
        )
        assert cursor.fetchall() == []


def test_what_citus_would_refuse_is_exactly_the_documented_list_of_changes() -> None:
    assert distribution.blockers() == distribution.CHANGES


def test_tenant_models_join_only_reference_tables() -> None:
    """Tenant models do relate to public tables (users, companies, API keys): all of them are reference
    tables, so the joins run on the worker that holds the tenant's schema."""
    found = distribution.blockers()
    assert not [text for texts in found.values() for text in texts if text.startswith("tenant relation")]
    from tenants.procurement.models import PurchaseOrder

    targets = {
        f.related_model._meta.db_table
        for f in PurchaseOrder._meta.concrete_fields
        if f.is_relation and f.related_model is not None
    }
    assert {"identity_user", "tenants_company", "identity_apikey"} <= targets
    assert all(PLACEMENTS[t].kind == REFERENCE for t in targets if t in PLACEMENTS)


def test_a_placement_that_citus_would_refuse_is_found() -> None:
    changed = dict(PLACEMENTS)
    changed["identity_user"] = Placement(COORDINATOR)
    changed["directory_supplierprofile"] = Placement(DISTRIBUTED, "company_id")
    changed["billing_plan"] = dataclasses.replace(PLACEMENTS["billing_plan"], kind=DISTRIBUTED, column="code")
    found = distribution.blockers(changed)
    # users on the coordinator: tenant tables can no longer join them, reference tables lose their key
    assert (
        "tenant relation created_by_id -> identity_user (coordinator: not on the tenant's worker)"
        in found["procurement_purchaseorder"]
    )
    assert any(t.startswith("foreign key user_id -> identity_user") for t in found["identity_membership"])
    # a distributed supplier profile: the listings distributed by company cannot keep their key to it
    assert (
        "foreign key supplier_id -> directory_supplierprofile (distributed, not on the distribution column)"
        in found["catalog_listing"]
    )
    assert "unique: id" in found["directory_supplierprofile"]
    # a reference table pointing at a distributed one
    assert any(t.startswith("foreign key plan_id -> billing_plan") for t in found["billing_planversion"])
    del changed["kernel_outboxmessage"]
    assert distribution.blockers(changed)["kernel_outboxmessage"] == {"no placement"}


def test_docs_carry_the_current_table() -> None:
    text = (ROOT / "docs" / "scaling.md").read_text()
    assert distribution.markdown_table() in text
