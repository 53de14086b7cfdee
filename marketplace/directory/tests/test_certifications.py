"""Certifications: records, documents under the company's prefix, expiry status and reminders."""

from __future__ import annotations

import base64
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from identity.models import AuditEntry
from marketplace.catalog.tests.helpers import PDF, PNG, make_supplier
from marketplace.directory import services
from marketplace.directory.models import Certification

pytestmark = pytest.mark.django_db


def valid_until(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_add_change_and_remove_a_certification(make_company, signed_in):
    supplier = make_supplier(make_company)
    owner = signed_in(supplier.owner, supplier.company)

    created = owner.post_json(
        "/api/supplier-profile/certifications/",
        {"type": "iso9001", "number": "CN-QMS-1", "issuer": "CQC", "valid_until": valid_until(400)},
    )
    assert created.status_code == 201
    cert = created.json()
    assert (cert["type"], cert["status"], cert["has_document"]) == ("ISO 9001", "valid", False)

    changed = owner.patch_json(
        f"/api/supplier-profile/certifications/{cert['id']}/", {"valid_until": valid_until(10)}
    )
    assert changed.json()["status"] == "expiring"
    assert [c["number"] for c in owner.get("/api/supplier-profile/certifications/").json()["results"]] == [
        "CN-QMS-1"
    ]

    assert owner.delete(f"/api/supplier-profile/certifications/{cert['id']}/").status_code == 204
    assert not Certification.objects.filter(pk=cert["id"]).exists()
    actions = set(AuditEntry.objects.filter(company=supplier.company).values_list("action", flat=True))
    assert {
        "directory.certification_added",
        "directory.certification_changed",
        "directory.certification_removed",
    } <= actions


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": " ", "number": "X", "issuer": "Y", "valid_until": "2030-01-01"}, "type"),
        ({"type": "CE", "number": "X", "issuer": "Y", "valid_until": "1900-01-01"}, "valid_until"),
        ({"type": "CE", "number": "X", "issuer": "Y", "valid_until": "not a date"}, "valid_until"),
        ({"type": "CE", "number": "X", "valid_until": "2030-01-01"}, "issuer"),
    ],
)
def test_a_bad_certification_is_refused_and_nothing_is_written(make_company, signed_in, body, field):
    supplier = make_supplier(make_company)
    response = signed_in(supplier.owner, supplier.company).post_json(
        "/api/supplier-profile/certifications/", body
    )
    assert response.status_code == 400 and field in response.json()["errors"]
    assert not Certification.objects.filter(supplier=supplier.profile).exists()


def test_a_company_without_a_supplier_profile_cannot_add_certifications(make_company, signed_in):
    acme = make_company()
    response = signed_in(acme.user, acme.company).post_json(
        "/api/supplier-profile/certifications/",
        {"type": "CE", "number": "X", "issuer": "Y", "valid_until": valid_until(30)},
    )
    assert response.status_code == 409 and response.json()["code"] == "supplier_profile_required"
    assert Certification.objects.count() == 0


def test_the_document_is_stored_under_the_company_prefix_and_downloaded_by_members(make_company, signed_in):
    supplier = make_supplier(make_company)
    owner = signed_in(supplier.owner, supplier.company)
    cert = services.certification_create(
        actor=supplier.actor, type="HACCP", number="H-1", issuer="SGS", valid_until=date(2030, 1, 1)
    )

    multipart = owner.put(
        f"/api/supplier-profile/certifications/{cert.pk}/document/",
        data=_multipart(SimpleUploadedFile("haccp.pdf", PDF)),
        content_type="multipart/form-data; boundary=BoUnDaRy",
    )
    assert multipart.status_code == 200 and multipart.json()["has_document"] is True
    cert.refresh_from_db()
    assert cert.document.name.startswith(f"companies/{supplier.company.schema_name}/certifications/")
    assert cert.document.name.endswith(".pdf") and "haccp" not in cert.document.name

    download = owner.get(f"/api/supplier-profile/certifications/{cert.pk}/document/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF

    as_json = owner.put(
        f"/api/supplier-profile/certifications/{cert.pk}/document/",
        {"file_name": "scan.png", "content_base64": base64.b64encode(PNG).decode()},
        content_type="application/json",
    )
    assert as_json.status_code == 200 and as_json.json()["document_name"] == "scan.png"


def test_a_document_that_is_not_a_pdf_or_image_is_refused(make_company, signed_in):
    supplier = make_supplier(make_company)
    cert = services.certification_create(
        actor=supplier.actor, type="CE", number="C-1", issuer="TUV", valid_until=date(2030, 1, 1)
    )
    response = signed_in(supplier.owner, supplier.company).put(
        f"/api/supplier-profile/certifications/{cert.pk}/document/",
        {"file_name": "evil.pdf", "content_base64": base64.b64encode(b"MZ\x90\x00 not a pdf").decode()},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "file_invalid"
    cert.refresh_from_db()
    assert not cert.document and cert.document_name == ""
    missing = signed_in(supplier.owner, supplier.company).get(
        f"/api/supplier-profile/certifications/{cert.pk}/document/"
    )
    assert missing.status_code == 404 and missing.json()["code"] == "document_missing"


def test_expiry_reminders_go_once_to_catalog_managers(make_company, mailoutbox):
    supplier = make_supplier(make_company)
    today = timezone.localdate()
    for number, days in (("SOON", 5), ("GONE", -3), ("LATER", 200)):
        services.certification_create(
            actor=supplier.actor,
            type="ISO 9001",
            number=number,
            issuer="CQC",
            valid_until=today + timedelta(days=days),
        )

    assert services.certification_expiry_reminders(today=today) == 2
    assert services.certification_expiry_reminders(today=today) == 0

    assert len(mailoutbox) == 1 and mailoutbox[0].to == [supplier.owner.email]
    assert "SOON" in mailoutbox[0].body and "GONE" in mailoutbox[0].body and "LATER" not in mailoutbox[0].body
    statuses = {c.number: c.status_on(today) for c in Certification.objects.filter(supplier=supplier.profile)}
    assert statuses == {"SOON": "expiring", "GONE": "expired", "LATER": "valid"}

    renewed = Certification.objects.get(number="SOON")
    services.certification_update(
        actor=supplier.actor, certification_id=renewed.pk, changes={"valid_until": today + timedelta(days=9)}
    )
    assert services.certification_expiry_reminders(today=today) == 1  # a new date re-arms the reminder


def _multipart(upload: SimpleUploadedFile) -> bytes:
    return (
        b"--BoUnDaRy\r\n"
        + f'Content-Disposition: form-data; name="file"; filename="{upload.name}"\r\n'.encode()
        + b"Content-Type: application/octet-stream\r\n\r\n"
        + upload.read()
        + b"\r\n--BoUnDaRy--\r\n"
    )
