"""Invoices through the API: the web app's journeys, problem codes, permissions, no plan feature needed."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import PASSWORD, unique
from kernel.tenancy import company_context
from tenants.finance.models import Invoice
from tenants.finance.tests import invoice_factories as f

pytestmark = pytest.mark.django_db

MANUAL = {
    "partner_name": "Walk-in Trading",
    "partner_tax_id": "91310000X",
    "currency": "CNY",
    "lines": [
        {"description": "Installation", "quantity": "2", "unit_price": "150", "tax_rate": "6"},
        {"description": "Spare parts", "quantity": "3", "unit_price": "19.99"},
    ],
}


def member(company: Any, signed_in: Any, roles: list[str]) -> Any:
    from identity.models import User
    from identity.services import membership_create

    user = User.objects.create_user(email=f"{unique('m')}@member.test", password=PASSWORD)
    membership_create(user=user, company=company, roles=roles)
    return signed_in(user, company)


def test_a_manual_invoice_is_created_issued_and_read_back_without_the_finance_plan(
    make_company: Any, signed_in: Any
) -> None:
    result = make_company()  # not on the business plan: invoices do not need the books feature
    client = signed_in(result.user, result.company)
    created = client.post_json("/api/finance/invoices/", MANUAL)
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["number"][:6], body["total_net"], body["total_tax"], body["total"]) == (
        "draft",
        "DRAFT-",
        "359.97",
        "25.80",
        "385.77",
    )
    # The second line took the company's default VAT (13 %): 59.97 * 13 % = 7.7961 -> 7.80.
    assert [(x["tax_rate"], x["tax_amount"]) for x in body["lines"]] == [("6.00", "18.00"), ("13.00", "7.80")]
    issued = client.post_json(f"/api/finance/invoices/{body['id']}/issue/", {})
    assert issued.status_code == 200, issued.content
    assert issued.json()["number"].startswith("INV-")
    assert (issued.json()["fapiao_type"], issued.json()["buyer_tax_id"]) == ("special", "91310000X")
    again = client.post_json(f"/api/finance/invoices/{body['id']}/issue/", {})
    assert (again.status_code, again.json()["code"]) == (409, "invoice_not_draft")
    pdf = client.get(f"/api/finance/invoices/{body['id']}/pdf/?language=both")
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    assert f"{issued.json()['number']}.pdf" in pdf["Content-Disposition"]
    bad = client.get(f"/api/finance/invoices/{body['id']}/pdf/?language=fr")
    assert (bad.status_code, bad.json()["code"]) == (400, "validation_error")
    listed = client.get("/api/finance/invoices/?direction=out&status=open").json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    assert client.get("/api/finance/invoices/?direction=in").json()["count"] == 0


def test_a_credit_note_by_amount_through_the_api(make_company: Any, signed_in: Any) -> None:
    result = make_company()
    client = signed_in(result.user, result.company)
    invoice_id = client.post_json("/api/finance/invoices/", MANUAL).json()["id"]
    client.post_json(f"/api/finance/invoices/{invoice_id}/issue/", {})
    note = client.post_json(
        f"/api/finance/invoices/{invoice_id}/credit/",
        {"net_amount": "100.00", "tax_rate": "6", "reason": "Goodwill"},
    )
    assert note.status_code == 201, note.content
    assert (note.json()["kind"], note.json()["total"], note.json()["original_id"]) == (
        "credit_note",
        "106.00",
        invoice_id,
    )
    detail = client.get(f"/api/finance/invoices/{invoice_id}/").json()
    assert (detail["amount_open"], [a["total"] for a in detail["adjustments"]]) == ("279.77", ["106.00"])
    too_much = client.post_json(
        f"/api/finance/invoices/{invoice_id}/credit/", {"net_amount": "500.00", "reason": "Oops"}
    )
    assert (too_much.status_code, too_much.json()["code"]) == (409, "credit_exceeds_invoice")


def test_an_admin_reads_invoices_but_cannot_write_them(make_company: Any, signed_in: Any) -> None:
    result = make_company()
    owner = signed_in(result.user, result.company)
    invoice_id = owner.post_json("/api/finance/invoices/", MANUAL).json()["id"]
    admin = member(result.company, signed_in, ["admin"])
    assert admin.get(f"/api/finance/invoices/{invoice_id}/").status_code == 200
    refused = admin.post_json(f"/api/finance/invoices/{invoice_id}/issue/", {})
    assert refused.status_code == 403
    assert admin.post_json("/api/finance/invoices/", MANUAL).status_code == 403
    with company_context(result.company):
        assert Invoice.objects.get(pk=invoice_id).status == "draft"
        assert Invoice.objects.count() == 1


def test_a_mismatched_received_invoice_is_approved_through_the_api_with_its_match_table(
    make_company: Any, signed_in: Any
) -> None:
    buyer = f.party(make_company, signed_in, "Huaxia Machinery")
    supplier = f.party(make_company, signed_in, "Wuxi Bearings")
    deal = f.trade(buyer, supplier, quantity="10", price="10.00")
    f.ship(supplier, deal, (1, "10"))
    shipped = supplier.client.get(f"/api/finance/sales-orders/{deal.so.pk}/invoiceable/").json()["results"]
    assert [(x["line_no"], x["shipped_quantity"], x["open_quantity"]) for x in shipped] == [
        (1, "10.0000", "10.0000")
    ]
    f.receive(buyer, deal, (1, "8"))
    created = supplier.client.post_json(
        "/api/finance/invoices/from-shipments/",
        {
            "sales_order_id": deal.so.pk,
            "lines": [{"shipment_id": shipped[0]["shipment_id"], "line_no": 1, "quantity": "11"}],
        },
    )
    assert (created.status_code, created.json()["code"]) == (409, "over_invoiced")
    created = supplier.client.post_json(
        "/api/finance/invoices/from-shipments/", {"sales_order_id": deal.so.pk}
    )
    assert created.status_code == 201, created.content
    supplier.client.post_json(f"/api/finance/invoices/{created.json()['id']}/issue/", {})
    f.deliver()
    received = buyer.client.get("/api/finance/invoices/?direction=in&match_status=mismatch").json()["results"]
    assert len(received) == 1
    detail = buyer.client.get(f"/api/finance/invoices/{received[0]['id']}/").json()
    match = detail["lines"][0]["match"]
    assert (match["matched"], match["reasons"], match["expected_quantity"], match["actual_quantity"]) == (
        False,
        ["quantity_over_received"],
        "8.0000",
        "10.0000",
    )
    viewer = member(buyer.company, signed_in, ["admin"])
    assert viewer.post_json(f"/api/finance/invoices/{detail['id']}/approve/", {}).status_code == 403
    approved = buyer.client.post_json(
        f"/api/finance/invoices/{detail['id']}/approve/", {"note": "2 more coming"}
    )
    assert approved.status_code == 200, approved.content
    assert (approved.json()["status"], approved.json()["match_status"], approved.json()["reason"]) == (
        "open",
        "approved",
        "2 more coming",
    )
    twice = buyer.client.post_json(f"/api/finance/invoices/{detail['id']}/approve/", {})
    assert (twice.status_code, twice.json()["code"]) == (409, "invoice_not_pending_approval")
