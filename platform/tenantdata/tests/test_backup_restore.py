"""ACCEPTANCE (issue 14, item 3): a company backed up, erased and restored comes back table for table, its
partner untouched; damaged and foreign archives are refused with nothing written."""

from __future__ import annotations

import base64
import io
import os
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.db import connection, transaction

from tenantdata.backup import backup_write, company_checksums
from tenantdata.erase import company_erase
from tenantdata.exceptions import BackupArchiveCorrupt, BackupArchiveForeign, BackupRestoreConflict
from tenantdata.restore import backup_restore
from tenantdata.tests.world import build_world
from tenants.models import Company

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("tenantdata")]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HANSA_BACKUP_ROOT = tmp_path / "backups"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def everything() -> dict[str, Any]:
    """The list of schemas and the row count of every shared table: what 'nothing written' compares (the
    companies' own schemas are compared through their checksums)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 't\\_%' ORDER BY 1")
        found: dict[str, Any] = {"schemas": [row[0] for row in cursor.fetchall()]}
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 1"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT count(*) FROM public."{table}"')
            found[table] = cursor.fetchone()[0]
    return found


def archive_of(company: Company) -> bytes:
    buffer = io.BytesIO()
    backup_write(company=company, target=buffer)
    return buffer.getvalue()


def test_a_company_erased_and_restored_from_its_archive_is_identical_and_its_partner_untouched(
    make_company: Any, django_capture_on_commit_callbacks: Any
) -> None:
    world = build_world(make_company)
    a_before = company_checksums(world.a)
    b_before = company_checksums(world.b)
    image = default_storage.open(world.image_name).read()
    # The data spans apps: stock ledger, orders, listing, trade documents, members.
    assert a_before["schema/inventory_ledgerentry"]["rows"] == 2
    assert a_before["schema/procurement_purchaseorder"]["rows"] == 1
    assert a_before["public/catalog_listing"]["rows"] == 1
    assert a_before["public/exchange_tradedocument"]["rows"] >= 1
    assert a_before["public/identity_membership"]["rows"] == 2
    assert b_before["schema/sales_salesorder"]["rows"] == 1
    data = archive_of(world.a)
    a_pk, a_schema, a_slug = world.a.pk, world.a.schema_name, world.a.slug

    # Erase A the way closure does: schema, shared rows, files.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        erased = company_erase(company_id=a_pk, schema_name=a_schema)
    assert erased.users_deleted == 1  # A's owner; B's owner (also A's viewer) stays
    assert not Company.objects.filter(pk=a_pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [a_schema])
        assert cursor.fetchone() is None
    assert not default_storage.exists(world.image_name)
    b_between = company_checksums(world.b)
    # B's own schema is untouched by A's erasure (its sales order keeps A's id and name snapshot) ...
    assert {k: v for k, v in b_between.items() if k.startswith("schema/")} == {
        k: v for k, v in b_before.items() if k.startswith("schema/")
    }
    # ... and B's user survives.
    assert b_between["public/identity_user"] == b_before["public/identity_user"]

    with django_capture_on_commit_callbacks(execute=True):
        result = backup_restore(source=io.BytesIO(data))
    assert (result.company_id, result.schema_name, result.slug, result.replaced) == (
        a_pk,
        a_schema,
        a_slug,
        False,
    )
    restored = Company.objects.get(pk=a_pk)
    a_after = company_checksums(restored)
    b_after = company_checksums(world.b)
    assert a_after == a_before
    assert b_after == b_before
    assert default_storage.open(world.image_name).read() == image
    # Damaged, truncated and foreign archives are refused, and nothing is written.
    before = everything()
    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 0x01
    for bad in (
        bytes(flipped),
        data[: len(data) - 100],
        data[: len(data) // 3],
        data[:20],
        b"not an archive",
    ):
        with pytest.raises(BackupArchiveCorrupt) as refused:
            backup_restore(source=io.BytesIO(bad))
        assert refused.value.code == "backup_archive_corrupt"
    other_key = base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
    os.environ["HANSA_BACKUP_KEYS"] = f"other:{other_key}"
    try:
        foreign = archive_of(restored)
    finally:
        del os.environ["HANSA_BACKUP_KEYS"]
    with pytest.raises(BackupArchiveForeign) as refused:
        backup_restore(source=io.BytesIO(foreign))
    assert refused.value.code == "backup_archive_foreign"
    assert everything() == before
    assert company_checksums(restored) == a_before
    assert company_checksums(world.b) == b_before
    # The restored company works: its sequences continue after the restored rows.
    from kernel.tenancy import company_context
    from tenants.inventory.services import item_create

    with company_context(restored):
        item = item_create(actor=None, sku="GEAR-2", name_zh="齿轮2", name_en="Gear 2", unit="pcs")
    assert item.pk > 1


def test_restore_in_place_replaces_a_damaged_company_and_a_taken_slug_is_refused(
    make_company: Any, django_capture_on_commit_callbacks: Any
) -> None:
    world = build_world(make_company)
    a_before = company_checksums(world.a)
    b_before = company_checksums(world.b)
    data = archive_of(world.a)
    # Damage: rows deleted in A's schema and A's listing archived.
    from kernel.tenancy import company_context
    from marketplace.catalog.models import Listing

    with company_context(world.a), connection.cursor() as cursor:
        cursor.execute("DELETE FROM procurement_purchaseorderline")
    Listing.objects.filter(pk=world.listing_id).update(status="archived")
    assert company_checksums(world.a) != a_before
    with django_capture_on_commit_callbacks(execute=True):
        result = backup_restore(source=io.BytesIO(data))
    assert result.replaced
    assert company_checksums(world.a) == a_before
    assert company_checksums(world.b) == b_before

    # A slug taken by another company refuses the restore, and nothing changes.
    before = everything()
    with pytest.raises(BackupRestoreConflict) as refused:
        backup_restore(source=io.BytesIO(data), slug=world.b.slug)
    assert refused.value.code == "backup_restore_conflict"
    assert everything() == before
    # Under a free slug it comes back, with its host renamed.
    backup_restore(source=io.BytesIO(data), slug="ningbo-restored")
    moved = Company.objects.get(pk=world.a.pk)
    assert moved.slug == "ningbo-restored" and moved.domains.get().domain.startswith("ningbo-restored.")
    after = company_checksums(moved)
    assert {k: v for k, v in after.items() if k.startswith("schema/")} == {
        k: v for k, v in a_before.items() if k.startswith("schema/")
    }
