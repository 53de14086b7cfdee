"""Operators list a company's backups, start one, and restore one with a reason (audited); nobody else can."""

from __future__ import annotations

from typing import Any

import pytest

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
