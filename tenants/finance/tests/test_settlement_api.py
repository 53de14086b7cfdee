"""Settlement through the API: a payment with a discount shown on the open item, the statement upload,
the online payment webhook through the real view, a bill's steps, permissions and problem codes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from conftest import HostClient, company_host_for
from kernel.tenancy import company_context
from tenants.finance.gateways import FakeGateway
from tenants.finance.models import Bill, Invoice, Payment
from tenants.finance.tests.settlement_factories import invoice_make

pytestmark = pytest.mark.django_db

TODAY = date.today()


@pytest.fixture
def co(make_company: Any, signed_in: Any) -> Any:
    result = make_company(plan="business")
    return result, signed_in(result.user, result.company)


def _invoice(result: Any, **kw: Any) -> Invoice:
    with company_context(result.company):
        return invoice_make(**kw)


def test_payment_with_discount_closes_the_open_item_and_is_shown(co) -> None:
    result, client = co
    invoice = _invoice(
        result, direction="out", total="1000.00", payment_terms="2_10_net30", partner_name="Buyer"
    )
    items = client.get("/api/finance/open-items/?direction=out").json()["results"]
    assert [
        (i["id"], i["open_amount"], i["discount_available_amount"], i["discount_date"]) for i in items
    ] == [(invoice.pk, "1000.00", "20.00", (TODAY + timedelta(days=10)).isoformat())]
    response = client.post_json(
        "/api/finance/payments/",
        {
            "direction": "in",
            "currency": "CNY",
            "total": "980.00",
            "payment_date": TODAY.isoformat(),
            "allocations": [{"invoice_id": invoice.pk, "paid_amount": "980.00", "discount_amount": "20.00"}],
        },
        HTTP_IDEMPOTENCY_KEY="pay-1",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["total"], body["discount_amount"], body["direction"], body["recorded_from"]) == (
        "980.00",
        "20.00",
        "in",
        "manual",
    )
    assert body["allocations"] == [
        {
            "invoice_id": invoice.pk,
            "invoice_number": invoice.number,
            "paid_amount": "980.00",
            "discount_amount": "20.00",
            "writeoff_amount": "0.00",
            "remaining_amount": "0.00",
        }
    ]
    # The same key again answers the same payment, recording nothing more.
    again = client.post_json(
        "/api/finance/payments/",
        {
            "direction": "in",
            "currency": "CNY",
            "total": "980.00",
            "payment_date": TODAY.isoformat(),
            "allocations": [{"invoice_id": invoice.pk, "paid_amount": "980.00", "discount_amount": "20.00"}],
        },
        HTTP_IDEMPOTENCY_KEY="pay-1",
    )
    assert again.json()["id"] == body["id"]
    assert client.get("/api/finance/open-items/?direction=out").json()["count"] == 0
    detail = client.get(f"/api/finance/payments/{body['id']}/").json()
    assert detail["number"] == body["number"]


def test_overpayment_is_409_payment_exceeds_open(co) -> None:
    result, client = co
    invoice = _invoice(result, direction="in", total="10.00")
    response = client.post_json(
        "/api/finance/payments/",
        {
            "direction": "out",
            "currency": "CNY",
            "total": "10.01",
            "payment_date": TODAY.isoformat(),
            "allocations": [{"invoice_id": invoice.pk, "paid_amount": "10.01"}],
        },
    )
    assert (response.status_code, response.json()["code"]) == (409, "payment_exceeds_open")
    with company_context(result.company):
        assert Payment.objects.count() == 0


def test_statement_upload_match_and_confirm(co) -> None:
    result, client = co
    invoice = _invoice(result, direction="out", total="88.80", number="INV-X-1")
    bank = client.post_json("/api/finance/bank-accounts/", {"name": "ICBC", "currency": "CNY"}).json()
    csv = "交易日期,金额,对方户名,摘要\n2026-11-05,88.80,Buyer,货款 INV-X-1\n".encode("gb18030")
    upload = SimpleUploadedFile("s.csv", csv, content_type="text/csv")
    response = client.post("/api/finance/bank-statements/", {"bank_account_id": bank["id"], "file": upload})
    assert response.status_code == 201, response.content
    statement = response.json()
    lines = client.get(f"/api/finance/bank-statements/{statement['id']}/lines/").json()["results"]
    assert [(x["signed_amount"], x["counterparty"], x["status"]) for x in lines] == [
        ("88.80", "Buyer", "unmatched")
    ]
    matches = client.get(f"/api/finance/bank-statement-lines/{lines[0]['id']}/matches/").json()["results"]
    assert [(m["rank"], m["reason"], m["invoice"]["id"]) for m in matches] == [
        (1, "amount_and_number", invoice.pk)
    ]
    confirmed = client.post_json(
        f"/api/finance/bank-statement-lines/{lines[0]['id']}/confirm/", {"invoice_ids": [invoice.pk]}
    )
    assert confirmed.status_code == 201, confirmed.content
    assert confirmed.json()["recorded_from"] == "statement"
    bad = SimpleUploadedFile("bad.csv", b"date,amount\nyesterday,1\n", content_type="text/csv")
    refused = client.post("/api/finance/bank-statements/", {"bank_account_id": bank["id"], "file": bad})
    assert refused.status_code == 400
    assert refused.json()["code"] == "statement_malformed"
    assert refused.json()["errors"] == {"row 2.date": ["Use a date YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD."]}


@override_settings(HANSA_FINANCE_GATEWAY="fake")
def test_online_payment_completes_through_the_signed_webhook(co) -> None:
    result, client = co
    invoice = _invoice(result, direction="out", total="66.00")
    started = client.post_json("/api/finance/online-payments/", {"invoice_id": invoice.pk})
    assert started.status_code == 201, started.content
    intent = started.json()["intent_id"]
    body = FakeGateway.event_body(event_id="evt_9", intent_id=intent, amount=Decimal("66.00"), currency="CNY")
    gateway = HostClient(company_host_for(result.company.slug))
    unsigned = gateway.post(
        "/api/finance/online-payments/webhook/", data=body, content_type="application/json"
    )
    assert (unsigned.status_code, unsigned.json()["code"]) == (400, "payment_webhook_signature_invalid")
    for _ in range(2):
        response = gateway.post(
            "/api/finance/online-payments/webhook/",
            data=body,
            content_type="application/json",
            HTTP_X_HANSA_SIGNATURE=FakeGateway.sign(body),
        )
        assert response.status_code == 200, response.content
        assert response.json()["outcome"] == "processed"
    with company_context(result.company):
        assert Payment.objects.filter(gateway_event_id="evt_9").count() == 1
        invoice.refresh_from_db()
        assert invoice.status == "paid"


def test_online_payment_without_gateway_is_409(co) -> None:
    result, client = co
    invoice = _invoice(result, direction="out", total="66.00")
    response = client.post_json("/api/finance/online-payments/", {"invoice_id": invoice.pk})
    assert (response.status_code, response.json()["code"]) == (409, "online_payment_unavailable")


def test_bill_steps_through_the_api(co) -> None:
    result, client = co
    invoice = _invoice(result, direction="out", total="500.00", partner_name="Customer")
    created = client.post_json(
        "/api/finance/bills/",
        {
            "direction": "receivable",
            "number": "230000000000042",
            "type": "bank_acceptance",
            "acceptor_name": "中国银行",
            "face_amount": "500.00",
            "issue_date": (TODAY - timedelta(days=30)).isoformat(),
            "maturity_date": (TODAY - timedelta(days=1)).isoformat(),
            "invoice_ids": [invoice.pk],
        },
    )
    assert created.status_code == 201, created.content
    bill = created.json()
    assert (bill["status"], bill["allowed_actions"]) == ("held", ["endorse", "discount", "present"])
    presented = client.post_json(f"/api/finance/bills/{bill['id']}/present/", {})
    assert presented.status_code == 200, presented.content
    assert presented.json()["allowed_actions"] == ["settle", "dishonour"]
    twice = client.post_json(f"/api/finance/bills/{bill['id']}/present/", {})
    assert (twice.status_code, twice.json()["code"]) == (409, "bill_transition_not_allowed")
    settled = client.post_json(f"/api/finance/bills/{bill['id']}/settle/", {}).json()
    assert settled["status"] == "settled"
    assert [e["action"] for e in settled["events"]] == ["receive", "present", "settle"]
    assert settled["events"][0]["face_amount"] == "500.00"


def test_an_admin_reads_but_may_not_record(make_company: Any, signed_in: Any) -> None:
    from identity.models import User
    from identity.services import membership_create

    result = make_company(plan="business")
    admin = User.objects.create_user(email="admin@settle.test", password="x-Pass-12345", full_name="Admin")
    membership_create(user=admin, company=result.company, roles=["admin"])
    client = signed_in(admin, result.company)
    assert client.get("/api/finance/payments/").status_code == 200
    response = client.post_json("/api/finance/bank-accounts/", {"name": "x", "currency": "CNY"})
    assert response.status_code == 403
    with company_context(result.company):
        assert Bill.objects.count() == 0


def test_bill_pdf_prints_the_face_and_endorsements(co) -> None:
    result, client = co
    invoice = _invoice(result, direction="out", total="500.00", partner_name="Customer")
    ours = _invoice(result, direction="in", total="500.00", partner_name="Endorsee Ltd")
    created = client.post_json(
        "/api/finance/bills/",
        {
            "direction": "receivable",
            "number": "230000000000077",
            "type": "commercial_acceptance",
            "acceptor_name": "Customer",
            "face_amount": "500.00",
            "issue_date": (TODAY - timedelta(days=5)).isoformat(),
            "maturity_date": (TODAY + timedelta(days=85)).isoformat(),
            "invoice_ids": [invoice.pk],
        },
    ).json()
    endorsed = client.post_json(f"/api/finance/bills/{created['id']}/endorse/", {"invoice_ids": [ours.pk]})
    assert endorsed.status_code == 200, endorsed.content
    response = client.get(f"/api/finance/bills/{created['id']}/pdf/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    with company_context(result.company):
        from tenants.finance.selectors_settlement import bill_document

        document = bill_document(Bill.objects.get(pk=created["id"]), company_name=result.company.name)
    assert [(e.endorser, e.endorsee, e.date) for e in document.endorsements] == [
        (result.company.name, "Endorsee Ltd", TODAY)
    ]
    assert (document.number, document.amount, document.payee.name) == (
        "230000000000077",
        Decimal("500.00"),
        result.company.name,
    )
