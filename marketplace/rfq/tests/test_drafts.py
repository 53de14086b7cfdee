"""Drafting RFQs: create, edit, bad input (nothing written), attachments, screening preset."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from identity.models import AuditEntry
from kernel.errors import ValidationFailed
from marketplace.rfq import services
from marketplace.rfq.exceptions import RfqNotDraft
from marketplace.rfq.models import Attachment, Rfq, RfqLine, RfqStatus
from marketplace.rfq.tests import factories as f

pytestmark = pytest.mark.django_db


def rfq_body(cat, **overrides):
    body = {
        "title": "Ball bearings 6205, annual supply",
        "currency": "CNY",
        "payment_terms": "30 days net",
        "delivery_region": "CN-JS",
        "delivery_date": (timezone.now() + timedelta(days=40)).date().isoformat(),
        "closing_at": (timezone.now() + timedelta(days=7)).isoformat(),
        "visibility": "open",
        "sealed": True,
        "lines": [
            {
                "description": "Deep groove ball bearing 6205-2RS",
                "category_code": cat.code,
                "quantity": "5000",
                "unit": "pcs",
                "target_price": "3.2000",
                "quality_standard": "GB/T 276",
                "required_certifications": ["ISO 9001"],
            }
        ],
    }
    body.update(overrides)
    return body


def test_create_draft_through_the_api(market):
    response = market.buyer.client.post_json("/api/rfqs/", rfq_body(market.cat))

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "draft"
    assert data["sealed"] is True
    assert data["quote_count"] == 0
    assert data["lines"][0]["quantity"] == "5000.0000"
    assert data["lines"][0]["category"]["code"] == market.cat.code
    assert data["lines"][0]["required_certifications"] == ["ISO 9001"]
    assert (data["top_n"], data["weight_price"], data["weight_verified"]) == (20, 30, 20)
    rfq = Rfq.objects.get(pk=data["id"])
    assert rfq.buyer == market.buyer.company
    assert AuditEntry.objects.filter(company=market.buyer.company, action="rfq.created").count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"closing_at": "2020-01-01T00:00:00Z"}, "closing_at"),
        ({"currency": "XXQ"}, "currency"),
        ({"delivery_region": "ZZ-1"}, "delivery_region"),
        ({"delivery_date": "2020-01-01"}, "delivery_date"),
        ({"lines": []}, "lines"),
        ("quantity=0", "lines.0.quantity"),
        ("quantity=-3", "lines.0.quantity"),
        ("category=unknown", "lines.0.category_code"),
        ("no description", "lines.0.description"),
    ],
)
def test_bad_input_is_a_400_with_field_errors_and_writes_nothing(market, change, field):
    body = rfq_body(market.cat)
    if change == "quantity=0":
        body["lines"][0]["quantity"] = "0"
    elif change == "quantity=-3":
        body["lines"][0]["quantity"] = "-3"
    elif change == "category=unknown":
        body["lines"][0]["category_code"] = "99.99.99"
    elif change == "no description":
        body["lines"][0]["description"] = ""
    else:
        body.update(change)
    audit_before = AuditEntry.objects.count()

    response = market.buyer.client.post_json("/api/rfqs/", body)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "validation_error"
    assert field in problem["errors"], problem
    assert Rfq.objects.count() == 0 and RfqLine.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before


def test_services_check_the_rules_again(market):
    """The service refuses what the API would, for callers that are not the API (imports, tasks)."""
    with pytest.raises(ValidationFailed) as raised:
        services.rfq_create(
            actor=market.buyer.actor,
            title="x",
            currency="ABC",
            closing_at=timezone.now() - timedelta(minutes=1),
            lines=[f.line(market.cat, quantity="0")],
        )
    assert set(raised.value.errors) == {"currency", "closing_at", "lines.0.quantity"}
    assert Rfq.objects.count() == 0


def test_delivery_date_must_not_precede_closing(market):
    body = rfq_body(
        market.cat,
        closing_at=(timezone.now() + timedelta(days=20)).isoformat(),
        delivery_date=(timezone.now() + timedelta(days=10)).date().isoformat(),
    )
    response = market.buyer.client.post_json("/api/rfqs/", body)
    assert response.status_code == 400
    assert "delivery_date" in response.json()["errors"]


def test_update_replaces_lines_of_a_draft_only(market):
    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)])

    response = market.buyer.client.patch_json(
        f"/api/rfqs/{rfq.pk}/",
        {
            "title": "Renamed",
            "lines": [
                {"description": "A", "category_code": market.cat.code, "quantity": "1", "unit": "pcs"},
                {"description": "B", "category_code": market.root.code, "quantity": "2.5", "unit": "kg"},
            ],
        },
    )

    assert response.status_code == 200, response.content
    assert [line["description"] for line in response.json()["lines"]] == ["A", "B"]
    assert response.json()["title"] == "Renamed"
    services.rfq_publish(actor=market.buyer.actor, rfq_id=rfq.pk)
    refused = market.buyer.client.patch_json(f"/api/rfqs/{rfq.pk}/", {"title": "Again"})
    assert refused.status_code == 409 and refused.json()["code"] == "rfq_not_draft"
    assert Rfq.objects.get(pk=rfq.pk).title == "Renamed"


def test_publish_requires_deadline_delivery_and_region(market):
    rfq = services.rfq_create(
        actor=market.buyer.actor, title="Bare", currency="CNY", lines=[f.line(market.cat)]
    )

    response = market.buyer.client.post(f"/api/rfqs/{rfq.pk}/publish/")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"closing_at", "delivery_date", "delivery_region"}
    assert Rfq.objects.get(pk=rfq.pk).status == RfqStatus.DRAFT


def test_attachment_upload_download_delete(market):
    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)])
    upload = SimpleUploadedFile("../../etc/drawing 1.pdf", b"%PDF-1.4 drawing")

    created = market.buyer.client.post(f"/api/rfqs/{rfq.pk}/attachments/", {"file": upload})

    assert created.status_code == 201, created.content
    attachment = Attachment.objects.get(pk=created.json()["id"])
    assert attachment.filename == "drawing_1.pdf"
    assert attachment.file.name.startswith(f"{market.buyer.company.schema_name}/rfq/{rfq.pk}/")
    download = market.buyer.client.get(f"/api/rfqs/{rfq.pk}/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert download.content == b"%PDF-1.4 drawing"
    assert download["Content-Type"] == "application/octet-stream"
    assert "drawing_1.pdf" in download["Content-Disposition"]
    empty = market.buyer.client.post(
        f"/api/rfqs/{rfq.pk}/attachments/", {"file": SimpleUploadedFile("e.txt", b"")}
    )
    assert empty.status_code == 400 and "file" in empty.json()["errors"]
    deleted = market.buyer.client.delete(f"/api/rfqs/{rfq.pk}/attachments/{attachment.pk}/")
    assert deleted.status_code == 204
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


def test_published_attachments_cannot_be_deleted(market):
    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)])
    attachment = services.rfq_attachment_add(
        actor=market.buyer.actor, rfq_id=rfq.pk, upload=SimpleUploadedFile("spec.txt", b"spec")
    )
    services.rfq_publish(actor=market.buyer.actor, rfq_id=rfq.pk)
    with pytest.raises(RfqNotDraft):
        services.rfq_attachment_delete(actor=market.buyer.actor, rfq_id=rfq.pk, attachment_id=attachment.pk)


def test_screening_preset_is_the_default_of_new_rfqs(market):
    client = market.buyer.client
    assert client.get("/api/rfq-screening/").json() == {
        "weight_price": 30,
        "weight_reputation": 30,
        "weight_lead_time": 20,
        "weight_verified": 20,
        "top_n": 20,
    }
    preset = {
        "weight_price": 0,
        "weight_reputation": 0,
        "weight_lead_time": 0,
        "weight_verified": 0,
        "top_n": 5,
    }
    refused = client.put("/api/rfq-screening/", preset, content_type="application/json")
    assert refused.status_code == 400 and "weight_price" in refused.json()["errors"]
    preset["weight_verified"] = 100
    assert client.put("/api/rfq-screening/", preset, content_type="application/json").status_code == 200

    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)])

    assert (rfq.weight_price, rfq.weight_verified, rfq.top_n) == (0, 100, 5)


def test_permissions_of_roles(market, signed_in):
    _, viewer = market.buyer.member(["viewer"], signed_in)
    _, sales = market.buyer.member(["sales"], signed_in)
    body = rfq_body(market.cat)

    assert viewer.post_json("/api/rfqs/", body).status_code == 403
    assert sales.post_json("/api/rfqs/", body).json()["code"] == "permission_denied"
    assert sales.get("/api/rfqs/").status_code == 403
    assert Rfq.objects.count() == 0
    _, buyer = market.buyer.member(["buyer"], signed_in)
    assert buyer.post_json("/api/rfqs/", body).status_code == 201
    assert buyer.get("/api/rfq-inbox/").status_code == 403  # buyers do not quote


def test_idempotent_create(market):
    body = rfq_body(market.cat)
    first = market.buyer.client.post_json("/api/rfqs/", body, HTTP_IDEMPOTENCY_KEY="rfq-1")
    again = market.buyer.client.post_json("/api/rfqs/", body, HTTP_IDEMPOTENCY_KEY="rfq-1")

    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert Rfq.objects.count() == 1


def test_money_is_decimal_with_the_documents_currency(market):
    rfq = f.rfq_draft(
        market.buyer.actor, lines=[f.line(market.cat, target_price=Decimal("3.1415"))], currency="EUR"
    )
    line = rfq.lines.get()
    assert isinstance(line.target_price, Decimal) and line.target_price == Decimal("3.1415")
    assert rfq.currency == "EUR"


def test_required_certifications_use_the_directorys_spelling(market):
    rfq = f.rfq_draft(
        market.buyer.actor, lines=[f.line(market.cat, required_certifications=["iso9001", " ISO  9001 "])]
    )
    assert rfq.lines.get().required_certifications == ["ISO 9001"]
