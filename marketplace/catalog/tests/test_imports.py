"""Catalog imports: dry run with per-row errors, confirmation, only-valid rows, big files in the
background with progress, and files that are refused outright (nothing written)."""

from __future__ import annotations

import base64
import csv
import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from identity.models import AuditEntry
from marketplace.catalog import services
from marketplace.catalog.models import ImportJob, Listing, PriceTier
from marketplace.catalog.spreadsheet import COLUMNS
from marketplace.catalog.tests.helpers import listing_values, make_listing, make_supplier

pytestmark = pytest.mark.django_db


def rows_for(rows: list[dict[str, Any]]) -> list[list[Any]]:
    out = []
    for i, overrides in enumerate(rows):
        values = listing_values(**{"sku": f"SKU-{i + 1}", **overrides})
        out.append([values.get(c, "") for c in COLUMNS])
    return out


def csv_file(
    rows: list[dict[str, Any]], *, header: tuple[str, ...] = COLUMNS, encoding: str = "utf-8"
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows_for(rows))
    return out.getvalue().encode(encoding)


def xlsx_file(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, name: str, content: bytes):
    return client.post(
        "/api/catalog/imports/",
        {"file": SimpleUploadedFile(name, content)},
    )


@pytest.fixture
def supplier(make_company):
    return make_supplier(make_company)


@pytest.fixture
def owner(supplier, signed_in):
    return signed_in(supplier.owner, supplier.company)


def stored_files(media_root) -> list[str]:
    return [str(p) for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def test_a_clean_file_is_checked_then_imported_on_confirmation(supplier, owner, media_root):
    checked = upload(
        owner, "catalog.csv", csv_file([{}, {"name_zh": "圆锥滚子轴承", "category_code": "10.01.02"}])
    )

    assert checked.status_code == 201, checked.content
    job = checked.json()
    assert (job["state"], job["total_rows"], job["valid_rows"], job["error_count"], job["errors"]) == (
        "validated",
        2,
        2,
        0,
        [],
    )
    assert Listing.objects.count() == 0  # a dry run writes no listing
    assert (
        stored_files(media_root)[0]
        .split("/media/")[1]
        .startswith(f"companies/{supplier.company.schema_name}/catalog-imports/")
    )

    applied = owner.post_json(f"/api/catalog/imports/{job['id']}/apply/", {})

    assert applied.status_code == 200
    assert (applied.json()["state"], applied.json()["created_count"], applied.json()["rows_done"]) == (
        "done",
        2,
        2,
    )
    assert sorted(Listing.objects.values_list("sku", flat=True)) == ["SKU-1", "SKU-2"]
    assert PriceTier.objects.count() == 6
    assert Listing.objects.filter(search_vector__isnull=True).count() == 0
    assert {"catalog.import_uploaded", "catalog.import_confirmed", "catalog.import_applied"} <= set(
        AuditEntry.objects.filter(company=supplier.company).values_list("action", flat=True)
    )
    again = owner.post_json(f"/api/catalog/imports/{job['id']}/apply/", {})
    assert again.status_code == 409 and again.json()["code"] == "import_not_ready"


def test_broken_rows_are_reported_by_row_and_column_and_nothing_is_imported_unless_asked(supplier, owner):
    content = csv_file(
        [
            {},
            {"moq": "0", "category_code": "99.99"},
            {"currency": "ABC"},
            {"sku": "SKU-1"},  # the SKU of row 2 again
            {"price_tiers": "1:x"},
        ]
    )
    job = upload(owner, "catalog.csv", content).json()

    assert (job["valid_rows"], job["error_count"]) == (1, 5)
    errors = {(e["row"], e["column"]) for e in job["errors"]}
    assert errors == {(3, "moq"), (3, "category_code"), (4, "currency"), (5, "sku"), (6, "price_tiers")}
    assert all(e["message"] for e in job["errors"])

    refused = owner.post_json(f"/api/catalog/imports/{job['id']}/apply/", {})
    assert refused.status_code == 409 and refused.json()["code"] == "import_has_errors"
    assert Listing.objects.count() == 0
    assert ImportJob.objects.get(pk=job["id"]).state == "validated"

    only_valid = owner.post_json(f"/api/catalog/imports/{job['id']}/apply/", {"only_valid": True}).json()
    assert (only_valid["state"], only_valid["created_count"], only_valid["skipped_count"]) == ("done", 1, 4)
    assert list(Listing.objects.values_list("sku", flat=True)) == ["SKU-1"]


def test_a_file_with_only_broken_rows_cannot_be_imported_even_partially(supplier, owner):
    job = upload(owner, "catalog.csv", csv_file([{"moq": "-1"}])).json()
    response = owner.post_json(f"/api/catalog/imports/{job['id']}/apply/", {"only_valid": True})
    assert response.status_code == 409 and response.json()["code"] == "import_nothing_valid"
    assert Listing.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("catalog.csv", b"sku,name\nA,B\n", "import_columns_invalid"),
        ("catalog.csv", csv_file([{}], header=(*COLUMNS[:-1], "colour")), "import_columns_invalid"),
        ("catalog.csv", b"", "validation_error"),
        ("catalog.csv", ",".join(COLUMNS).encode() + b"\n", "import_file_invalid"),
        ("catalog.xlsx", b"PK\x03\x04 this is not a workbook", "import_file_invalid"),
        ("catalog.xlsx", b"sku,name\n", "import_file_invalid"),
        ("catalog.pdf", b"%PDF-1.4", "import_file_invalid"),
        ("catalog.csv", b"\x00\x01\x02 binary", "import_file_invalid"),
    ],
)
def test_unreadable_files_and_wrong_columns_are_refused_and_nothing_is_stored(
    supplier, owner, media_root, name, content, code
):
    response = upload(owner, name, content)
    assert response.status_code == 400, response.content
    assert response.json()["code"] == code
    assert ImportJob.objects.count() == 0 and Listing.objects.count() == 0
    assert stored_files(media_root) == []
    if code == "import_columns_invalid" and name == "catalog.csv" and b"colour" in content:
        assert response.json()["errors"] == {"missing": ["status"], "unexpected": ["colour"]}


def test_xlsx_files_with_numeric_cells_import_and_existing_skus_are_updated(supplier, owner):
    make_listing(supplier, sku="SKU-1", price_tiers="1:99")
    rows = rows_for([{}, {}])
    rows[0][COLUMNS.index("moq")] = 1  # numbers as Excel stores them
    rows[0][COLUMNS.index("lead_time_days")] = 7.0
    rows[0][COLUMNS.index("price_tiers")] = "1:8.5"
    content = xlsx_file(rows)

    job = owner.post_json(
        "/api/catalog/imports/",
        {"file_name": "catalog.xlsx", "content_base64": base64.b64encode(content).decode()},
    ).json()
    assert (job["format"], job["state"], job["error_count"]) == ("xlsx", "validated", 0), job["errors"]
    done = owner.post_json(f"/api/catalog/imports/{job['id']}/apply/", {}).json()

    assert (done["created_count"], done["updated_count"]) == (1, 1)
    assert Listing.objects.get(sku="SKU-1").base_price == 8.5
    assert Listing.objects.filter(sku="SKU-1").count() == 1


def test_a_gb18030_csv_from_chinese_excel_is_read(supplier, owner):
    job = upload(owner, "catalog.csv", csv_file([{"name_zh": "调心滚子轴承"}], encoding="gb18030")).json()
    assert job["error_count"] == 0
    owner.post_json(f"/api/catalog/imports/{job['id']}/apply/", {})
    assert Listing.objects.get().name_zh == "调心滚子轴承"


def test_an_exported_catalog_imports_back_unchanged(supplier, owner):
    make_listing(supplier)
    make_listing(supplier, sku="30208", name_en="Tapered roller bearing", price_tiers="1:48", attributes="")
    before = list(Listing.objects.order_by("sku").values_list("sku", "name_zh", "base_price", "attributes"))
    for file_type in ("csv", "xlsx"):
        exported = owner.get(f"/api/catalog/export/?file_type={file_type}").content
        job = upload(owner, f"export.{file_type}", exported).json()
        assert job["error_count"] == 0, job["errors"]
        assert owner.post_json(f"/api/catalog/imports/{job['id']}/apply/", {}).json()["updated_count"] == 2
    after = list(Listing.objects.order_by("sku").values_list("sku", "name_zh", "base_price", "attributes"))
    assert after == before


def test_a_large_file_is_checked_and_imported_in_the_background_with_progress(
    supplier, owner, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from marketplace.catalog import tasks
    from marketplace.catalog.services import imports as import_services

    settings.HANSA_IMPORT_SYNC_MAX_ROWS = 2
    monkeypatch.setattr(import_services, "CHUNK", 2)
    sent: list[tuple[str, int]] = []
    monkeypatch.setattr(tasks.import_validate_task, "delay", lambda job_id: sent.append(("validate", job_id)))
    monkeypatch.setattr(tasks.import_apply_task, "delay", lambda job_id: sent.append(("apply", job_id)))

    with django_capture_on_commit_callbacks(execute=True):
        created = upload(owner, "big.csv", csv_file([{}, {}, {}, {"moq": "x"}, {}]))
    job = created.json()
    assert (job["state"], job["run_in_background"], job["rows_done"], job["total_rows"]) == (
        "validating",
        True,
        0,
        5,
    )
    assert sent == [("validate", job["id"])]

    tasks.import_validate_task.run(job["id"])
    polled = owner.get(f"/api/catalog/imports/{job['id']}/").json()
    assert (polled["state"], polled["rows_done"], polled["valid_rows"], polled["error_count"]) == (
        "validated",
        5,
        4,
        1,
    )

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = owner.post_json(f"/api/catalog/imports/{job['id']}/apply/", {"only_valid": True}).json()
    assert confirmed["state"] == "importing" and sent[-1] == ("apply", job["id"])
    assert Listing.objects.count() == 0

    tasks.import_apply_task.run(job["id"])
    finished = owner.get(f"/api/catalog/imports/{job['id']}/").json()
    assert (finished["state"], finished["created_count"], finished["skipped_count"]) == ("done", 4, 1)
    assert Listing.objects.count() == 4
    tasks.import_apply_task.run(job["id"])  # a redelivered task does nothing
    assert Listing.objects.count() == 4


def test_the_sweeper_re_enqueues_background_imports_left_behind(supplier, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from marketplace.catalog import tasks

    job = services.import_create(actor=supplier.actor, upload=SimpleUploadedFile("c.csv", csv_file([{}])))
    ImportJob.objects.filter(pk=job.pk).update(
        state="validating", run_in_background=True, updated_at=timezone.now() - timedelta(hours=1)
    )
    sent: list[int] = []
    monkeypatch.setattr(tasks.import_validate_task, "delay", lambda job_id: sent.append(job_id))
    assert services.imports_sweep() == 1 and sent == [job.pk]
    assert services.imports_sweep() == 0  # touched: not stale any more


def test_imports_need_catalog_manage_and_a_supplier_profile(make_company, signed_in):
    from marketplace.catalog.tests.test_listings import add_member

    supplier = make_supplier(make_company)
    viewer = signed_in(add_member(supplier.company, ["viewer"]).user, supplier.company)
    assert upload(viewer, "c.csv", csv_file([{}])).status_code == 403
    plain = make_company()
    response = upload(signed_in(plain.user, plain.company), "c.csv", csv_file([{}]))
    assert response.status_code == 409 and response.json()["code"] == "supplier_profile_required"
    assert ImportJob.objects.count() == 0
