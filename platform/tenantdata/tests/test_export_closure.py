"""The owner exports the company's data and closes it; an operator reopens it within the retention period;
after it, the company is erased and its trading partner's records stay as they were."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from conftest import PASSWORD, HostClient, company_host_for
from identity.models import AuditEntry, User
from tenantdata.backup import company_checksums
from tenantdata.closure import closures_erase_due
from tenantdata.models import CompanyClosure, TenantBackup
from tenantdata.services import backup_take
from tenantdata.tests.world import build_world
from tenants.models import Company

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("tenantdata")]


@pytest.fixture(autouse=True)
def _roots(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HANSA_BACKUP_ROOT = tmp_path / "backups"
    settings.HANSA_EXPORT_ROOT = tmp_path / "exports"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True


def viewer_of(company: Any, signed_in: Any) -> HostClient:
    from identity.services import membership_create

    user = User.objects.create_user(email=f"viewer@{company.slug}.test", password=PASSWORD)
    membership_create(user=user, company=company, roles=["viewer"])
    return signed_in(user, company)


def test_the_owner_exports_everything_as_json_csv_and_files(
    make_company: Any, signed_in: Any, django_capture_on_commit_callbacks: Any
) -> None:
    world = build_world(make_company)
    owner = signed_in(world.a_owner, world.a)
    with django_capture_on_commit_callbacks(execute=True):
        started = owner.post("/api/company/export/")
    assert started.status_code == 202 and started.json()["status"] == "pending"
    listed = owner.get("/api/company/export/").json()["results"]
    assert [e["status"] for e in listed] == ["ready"]
    download = owner.get(listed[0]["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = set(archive.namelist())
    assert {"README.txt", "manifest.json", "schema/inventory_item.json", "schema/inventory_item.csv"} <= names
    assert f"files/{world.image_name}" in names
    assert archive.read(f"files/{world.image_name}") == default_storage.open(world.image_name).read()
    items = json.loads(archive.read("schema/inventory_item.json"))
    assert [i["sku"] for i in items] == ["GEAR-1"]
    assert b"GEAR-1" in archive.read("schema/inventory_item.csv")
    listings = json.loads(archive.read("shared/catalog_listing.json"))
    assert [row["id"] for row in listings] == [world.listing_id]
    users = json.loads(archive.read("shared/identity_user.json"))
    assert users and all("password" not in u for u in users)
    assert "shared/mfa_authenticator.json" not in names
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["tables"]["schema/procurement_purchaseorder"] == 1
    # Not to a viewer, not to another company's host.
    viewer = viewer_of(world.a, signed_in)
    assert viewer.get("/api/company/export/").status_code == 403
    assert viewer.get(listed[0]["download_url"]).status_code == 403
    b_owner = signed_in(world.b_owner, world.b)
    assert b_owner.get(listed[0]["download_url"]).status_code == 404


def test_closure_reopening_and_erasure_leave_the_partner_intact(
    make_company: Any, signed_in: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    world = build_world(make_company)
    owner = signed_in(world.a_owner, world.a)
    b_before = company_checksums(world.b)
    backup = backup_take(company=world.a)
    backup_file = settings.HANSA_BACKUP_ROOT / backup.file
    assert backup_file.is_file()

    # Refusals: a viewer, a wrong slug, no reason; nothing changes.
    viewer = viewer_of(world.a, signed_in)
    assert (
        viewer.post_json("/api/company/close/", {"confirm_slug": world.a.slug, "reason": "x"}).status_code
        == 403
    )
    wrong = owner.post_json("/api/company/close/", {"confirm_slug": "not-it", "reason": "Moving on"})
    assert wrong.status_code == 400 and "confirm_slug" in wrong.json()["errors"]
    assert owner.post_json("/api/company/close/", {"confirm_slug": world.a.slug}).status_code == 400
    assert Company.objects.get(pk=world.a.pk).status == "active" and not CompanyClosure.objects.exists()

    closed = owner.post_json("/api/company/close/", {"confirm_slug": world.a.slug, "reason": "Moving on"})
    assert closed.status_code == 200, closed.json()
    assert Company.objects.get(pk=world.a.pk).status == "closed"
    assert HostClient(company_host_for(world.a.slug)).get("/api/me/").status_code == 404
    assert AuditEntry.objects.filter(
        action="company.closed", company=None, target_id=str(world.a.pk)
    ).exists()

    # An operator reopens it within the retention period (with a reason).
    operator = User.objects.create_user(email="op@hansa.test", password="operator-pass-123", is_operator=True)
    TOTP.activate(operator, generate_totp_secret())
    console = HostClient("localhost:8000")
    console.force_login(operator, backend="identity.backends.MemberAwareBackend")
    url = f"/api/console/companies/{world.a.pk}/reopen/"
    assert console.post_json(url, {}).status_code == 400
    reopened = console.post_json(url, {"reason": "Closed by mistake"})
    assert reopened.status_code == 200 and reopened.json()["status"] == "active"
    assert console.post_json(url, {"reason": "again"}).json()["code"] == "company_closure_refused"

    # Closed again; within the retention period nothing is erased, after it everything is.
    assert (
        owner.post_json(
            "/api/company/close/", {"confirm_slug": world.a.slug, "reason": "For good"}
        ).status_code
        == 200
    )
    assert closures_erase_due() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            closures_erase_due(now=timezone.now() + timedelta(days=settings.HANSA_CLOSURE_RETENTION_DAYS + 1))
            == 1
        )
    assert not Company.objects.filter(pk=world.a.pk).exists()
    assert not TenantBackup.objects.filter(company_id=world.a.pk).exists() and not backup_file.exists()
    assert not default_storage.exists(world.image_name)
    assert CompanyClosure.objects.get(company_id=world.a.pk).erased_at is not None
    assert console.post_json(url, {"reason": "too late"}).status_code == 404
    # The partner's own records (its schema: the sales order from A with A's name, its stock) are intact;
    # its user who was also A's member survives.
    b_after = company_checksums(world.b)
    assert {k: v for k, v in b_after.items() if k.startswith("schema/")} == {
        k: v for k, v in b_before.items() if k.startswith("schema/")
    }
    assert (
        User.objects.filter(pk=world.b_owner.pk).exists()
        and not User.objects.filter(pk=world.a_owner.pk).exists()
    )
    from kernel.tenancy import company_context
    from tenants.sales.models import SalesOrder

    with company_context(world.b):
        order = SalesOrder.objects.get()
    assert order.buyer_company_id == world.a.pk
