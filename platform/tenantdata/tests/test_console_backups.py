"""Operators list a company's backups, start one, and restore one with a reason (audited); nobody else can."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import HostClient
from identity.models import AuditEntry, User
from tenantdata.backup import company_checksums
from tenantdata.models import TenantBackup

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("tenantdata")]


@pytest.fixture(autouse=True)
def _roots(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HANSA_BACKUP_ROOT = tmp_path / "backups"


@pytest.fixture
def operator_client() -> HostClient:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    operator = User.objects.create_user(email="op@hansa.test", password="operator-pass-123", is_operator=True)
    TOTP.activate(operator, generate_totp_secret())
    client = HostClient("localhost:8000")
    client.force_login(operator, backend="identity.backends.MemberAwareBackend")
    return client


def test_operator_backs_up_lists_and_restores_with_a_reason(
    operator_client: HostClient, make_company: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True
    a = make_company().company
    base = f"/api/console/companies/{a.pk}/backups/"
    with django_capture_on_commit_callbacks(execute=True):
        started = operator_client.post(base)
    assert started.status_code == 202 and started.json()["status"] == "running"
    record = TenantBackup.objects.get(pk=started.json()["id"])
    assert record.status == "succeeded" and record.size > 0 and len(record.sha256) == 64
    assert (settings.HANSA_BACKUP_ROOT / record.file).is_file()
    listed = operator_client.get(base).json()
    assert [b["id"] for b in listed["results"]] == [record.pk] and listed["results"][0]["kind"] == "manual"
    assert AuditEntry.objects.filter(action="console.backup_started", target_id=str(a.pk)).count() == 1

    restore = f"{base}{record.pk}/restore/"
    before = company_checksums(a)
    audits = AuditEntry.objects.count()
    for body in ({}, {"reason": "   "}):
        refused = operator_client.post(restore, body, content_type="application/json")
        assert refused.status_code == 400 and refused.json()["code"] == "validation_error"
    assert AuditEntry.objects.count() == audits
    done = operator_client.post(
        restore, {"reason": "Customer deleted rows by mistake"}, content_type="application/json"
    )
    assert done.status_code == 200, done.json()
    assert done.json()["replaced"] is True and done.json()["slug"] == a.slug
    entry = AuditEntry.objects.get(action="console.company_restored")
    assert entry.reason == "Customer deleted rows by mistake" and entry.company_id is None
    assert company_checksums(a) == before
    # Another company's backup is not reachable under this company.
    other = make_company().company
    assert (
        operator_client.post(
            f"/api/console/companies/{other.pk}/backups/{record.pk}/restore/",
            {"reason": "wrong company"},
            content_type="application/json",
        ).status_code
        == 404
    )


def test_members_do_not_reach_the_backups(make_company: Any) -> None:
    signup = make_company()
    client = HostClient("localhost:8000")
    client.force_login(signup.user, backend="identity.backends.MemberAwareBackend")
    base = f"/api/console/companies/{signup.company.pk}/backups/"
    assert client.get(base).status_code in (401, 403)
    assert client.post(base).status_code in (401, 403)
    assert not TenantBackup.objects.exists()


def test_retention_keeps_dailies_and_weeklies(make_company: Any, settings: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from tenantdata.services import backups_prune

    settings.HANSA_BACKUP_KEEP_DAILY, settings.HANSA_BACKUP_KEEP_WEEKLY = 3, 2
    company = make_company().company
    now = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    made = []
    for days_ago in range(0, 20):
        for hour in (1, 2):
            made.append(
                TenantBackup.objects.create(
                    company_id=company.pk,
                    company_slug=company.slug,
                    schema_name=company.schema_name,
                    kind="scheduled",
                    status="succeeded",
                    file=f"x/{days_ago}-{hour}.hbk",
                )
            )
            TenantBackup.objects.filter(pk=made[-1].pk).update(
                created_at=now - timedelta(days=days_ago, hours=hour)
            )
    result = backups_prune(company_id=company.pk, now=now)
    kept = TenantBackup.objects.filter(company_id=company.pk, status="succeeded")
    days = sorted({(now.date() - b.created_at.date()).days for b in kept})
    # 3 dailies (newest of each of today and the two days before), plus the newest of each of 2 ISO weeks.
    assert days[:3] == [0, 1, 2] and all(d < 14 for d in days)
    assert result.kept == kept.count() and result.pruned == 40 - kept.count()
    assert kept.count() <= 5


def _record(company_id: int, slug: str, status: str = "succeeded", kind: str = "scheduled") -> TenantBackup:
    return TenantBackup.objects.create(
        company_id=company_id,
        company_slug=slug,
        schema_name=f"t_{slug}",
        kind=kind,
        status=status,
        file=f"t_{slug}/x.hbk",
        size=2048,
    )


def test_operators_list_every_backup_newest_first_and_see_deleted_companies(
    operator_client: HostClient, make_company: Any
) -> None:
    a = make_company(company_name="Alpha Gears").company
    b = make_company(company_name="Beta Castings").company
    old_a = _record(a.pk, a.slug, status="pruned")
    gone = _record(10**12, "gone-works", status="succeeded", kind="manual")
    failed_b = _record(b.pk, b.slug, status="failed")
    new_a = _record(a.pk, a.slug)

    listed = operator_client.get("/api/console/backups/")
    assert listed.status_code == 200, listed.json()
    body = listed.json()
    assert body["count"] == 4
    assert [r["id"] for r in body["results"]] == [new_a.pk, failed_b.pk, gone.pk, old_a.pk]
    first = body["results"][0]
    assert first["company"] == {"id": a.pk, "exists": True}
    assert first["company_slug"] == a.slug and first["size"] == 2048 and first["kind"] == "scheduled"
    assert body["results"][2]["company"] == {"id": 10**12, "exists": False}

    def ids(query: str) -> list[int]:
        answer = operator_client.get(f"/api/console/backups/?{query}")
        assert answer.status_code == 200, answer.json()
        return [r["id"] for r in answer.json()["results"]]

    assert ids("company_missing=true") == [gone.pk]
    assert ids("company_missing=false") == [new_a.pk, failed_b.pk, old_a.pk]
    assert ids(f"q={a.slug.upper()}") == [new_a.pk, old_a.pk]
    assert ids("q=GONE-") == [gone.pk]
    assert ids("status=failed") == [failed_b.pk]
    assert ids(f"company_id={a.pk}") == [new_a.pk, old_a.pk]
    assert ids(f"company_id={10**12}&status=succeeded&company_missing=true") == [gone.pk]
    assert ids("status=succeeded&company_missing=false") == [new_a.pk]

    # As many queries for 24 rows as for 4: company_exists is a subquery, not a query per row.
    with CaptureQueriesContext(connection) as few:
        operator_client.get("/api/console/backups/?page_size=50")
    for n in range(20):
        _record(10**12 + n, f"gone-{n}")
    with CaptureQueriesContext(connection) as many:
        answer = operator_client.get("/api/console/backups/?page_size=50")
    assert answer.json()["count"] == 24 and len(answer.json()["results"]) == 24
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    "query,field",
    [
        ("company_id=abc", "company_id"),
        ("company_id=-3", "company_id"),
        ("company_id=99999999999999999999", "company_id"),
        ("status=deleted", "status"),
        ("company_missing=yes", "company_missing"),
        ("q=" + "x" * 101, "q"),
        ("page_size=0", "page_size"),
    ],
)
def test_bad_filters_are_a_validation_problem(operator_client: HostClient, query: str, field: str) -> None:
    refused = operator_client.get(f"/api/console/backups/?{query}")
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "validation_error" and field in refused.json()["errors"]


def test_members_do_not_list_the_platform_backups(make_company: Any) -> None:
    signup = make_company()
    _record(signup.company.pk, signup.company.slug)
    anonymous = HostClient("localhost:8000").get("/api/console/backups/")
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"
    client = HostClient("localhost:8000")
    client.force_login(signup.user, backend="identity.backends.MemberAwareBackend")
    refused = client.get("/api/console/backups/")
    assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json"


def test_a_company_erased_by_mistake_is_found_and_restored_from_the_console(
    operator_client: HostClient, make_company: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from decimal import Decimal

    from django.db import transaction

    from kernel.tenancy import company_context
    from tenantdata.erase import company_erase
    from tenantdata.services import backup_take
    from tenants.inventory.models import Item
    from tenants.inventory.services import default_warehouse, item_create, stock_receive
    from tenants.models import Company

    signup = make_company(company_name="Erased By Mistake")
    company = signup.company
    with company_context(company):
        item = item_create(actor=None, sku="BOLT-1", name_zh="螺栓", name_en="Bolt", unit="pcs")
        stock_receive(item=item, warehouse=default_warehouse(), quantity=Decimal("12"), reference="opening")
    before = company_checksums(company)
    record = backup_take(company=company)
    company_id, schema, slug = company.pk, company.schema_name, company.slug

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        company_erase(company_id=company_id, schema_name=schema)
    assert not Company.objects.filter(pk=company_id).exists()
    assert operator_client.get(f"/api/console/companies/{company_id}/").status_code == 404

    # The console's backup list finds it among the companies that no longer exist.
    missing = operator_client.get("/api/console/backups/?company_missing=true").json()["results"]
    assert [(r["id"], r["company"], r["company_slug"]) for r in missing] == [
        (record.pk, {"id": company_id, "exists": False}, slug)
    ]

    restore = f"/api/console/companies/{company_id}/backups/{record.pk}/restore/"
    refused = operator_client.post(restore, {}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "validation_error"
    assert not Company.objects.filter(pk=company_id).exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = operator_client.post(
            restore, {"reason": "Company erased by mistake, ticket 4711"}, content_type="application/json"
        )
    assert done.status_code == 200, done.json()
    assert done.json()["replaced"] is False and done.json()["slug"] == slug
    assert done.json()["schema_name"] == schema and done.json()["rows"] > 0

    restored = Company.objects.get(pk=company_id)
    assert company_checksums(restored) == before
    with company_context(restored):
        assert Item.objects.get(sku="BOLT-1").name_en == "Bolt"
    entry = AuditEntry.objects.get(action="console.company_restored", target_id=str(company_id))
    assert entry.reason == "Company erased by mistake, ticket 4711" and entry.company_id is None
    assert entry.after["backup_id"] == record.pk and entry.after["replaced"] is False
    assert operator_client.get(f"/api/console/companies/{company_id}/").status_code == 200
    listed = operator_client.get(f"/api/console/backups/?company_id={company_id}").json()["results"]
    assert listed[0]["company"] == {"id": company_id, "exists": True}
