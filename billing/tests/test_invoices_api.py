"""Invoices: the PDF, a company's own invoices on its host, and the operators' console (list, payments,
void)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from billing.models import Invoice, InvoiceStatus, Payment, Subscription, SubscriptionStatus
from billing.pdf import invoice_pdf
from billing.services import subscriptions as subs
from conftest import HostClient, company_host_for
from identity.models import AuditEntry, User
from identity.services import membership_create
from kernel.tests.pdfs import read_pdf
from tenants.models import BillingLock, Company

pytestmark = pytest.mark.django_db


def _invoiced(make_company, **overrides):
    result = make_company(**overrides)
    subs.subscription_convert(company_id=result.company.pk)
    return result, Invoice.objects.get(company=result.company)


# PDF --------------------------------------------------------------------------------------------------


def test_the_pdf_in_english_names_the_number_the_amounts_and_the_bank(make_company):
    _result, invoice = _invoiced(make_company, locale="en", company_name="Acme Tools")
    read = read_pdf(invoice_pdf(invoice=invoice, locale="en"))
    assert len(read.pages) == 1
    text = read.spaced
    for expected in (
        invoice.number,
        "Acme Tools",
        invoice.lines.get().description,
        "Total net 399.00",
        "VAT 6.00% 23.94",
        "Total (CNY) 422.94",
        "CNY Four hundred twenty-two and 94/100",
        "Status Open",
        "SWIFT EXAMCNSH",
        f"Please quote the invoice number {invoice.number} as the transfer reference.",
    ):
        assert expected in text, expected
    assert read.fonts == {"Helvetica", "Helvetica-Bold"}  # Latin text only: nothing else needed
    assert "发票" not in read.text


def test_the_pdf_for_a_chinese_company_has_chinese_labels_in_a_cjk_font(make_company, settings):
    settings.HANSA_PDF_CJK_FONT = "STSong-Light"
    _result, invoice = _invoiced(make_company, locale="zh-hans", company_name="上海汉萨机械有限公司")
    read = read_pdf(invoice_pdf(invoice=invoice, locale="zh-hans"))
    assert "STSong-Light" in read.fonts
    for chinese in (
        "发票",
        "上海汉萨机械有限公司",
        "待付款",
        "人民币肆佰贰拾贰元玖角肆分",
        "转账时请在附言中注明发票号码",
    ):
        assert chinese in read.flat, chinese
    assert invoice.number in read.text and "Invoice" in read.text  # both languages


# Tenant host ------------------------------------------------------------------------------------------


def test_a_company_lists_and_reads_its_own_invoices_only(make_company, signed_in):
    a, invoice = _invoiced(make_company)
    _b, other = _invoiced(make_company)
    subs.subscription_change_plan(company_id=a.company.pk, plan_code="business")  # a second, newer invoice
    client = signed_in(a.user, a.company)

    body = client.get("/api/billing/invoices/").json()
    assert body["count"] == 2
    newest, oldest = body["results"]
    assert oldest["id"] == invoice.pk and newest["id"] > invoice.pk
    assert oldest["number"] == invoice.number
    assert (oldest["total"], oldest["tax_rate"], oldest["open_amount"]) == ("422.94", "6.00", "422.94")
    assert other.number not in str(body)

    detail = client.get(f"/api/billing/invoices/{invoice.pk}/").json()
    assert detail["lines"][0]["kind"] == "base" and detail["lines"][0]["net_amount"] == "399.00"
    assert detail["buyer"]["name"] == a.company.name and detail["payments"] == []
    assert "SWIFT" in detail["payment_instructions"]

    pdf = client.get(f"/api/billing/invoices/{invoice.pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    for url in (f"/api/billing/invoices/{other.pk}/", f"/api/billing/invoices/{other.pk}/pdf/"):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_members_without_billing_manage_are_refused_and_finance_members_may_read(make_company, signed_in):
    a, invoice = _invoiced(make_company)
    buyer = User.objects.create_user(email="buyer@billing.test", password="x-long-password-1")
    membership_create(user=buyer, company=a.company, roles=["buyer", "admin"])
    accountant = User.objects.create_user(email="finance@billing.test", password="x-long-password-1")
    membership_create(user=accountant, company=a.company, roles=["finance"])

    refused = signed_in(buyer, a.company).get("/api/billing/invoices/")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    assert signed_in(accountant, a.company).get(f"/api/billing/invoices/{invoice.pk}/").status_code == 200


# Console ----------------------------------------------------------------------------------------------


def test_operators_list_invoices_filtered_by_company_and_status(make_company, operator_client):
    a, invoice = _invoiced(make_company)
    b, other = _invoiced(make_company)
    body = operator_client.get(f"/api/console/invoices/?company_id={a.company.pk}").json()
    assert [row["id"] for row in body["results"]] == [invoice.pk]
    assert body["results"][0]["company"] == {
        "id": a.company.pk,
        "name": a.company.name,
        "slug": a.company.slug,
    }
    assert operator_client.get("/api/console/invoices/?status=paid").json()["count"] == 0
    assert operator_client.get("/api/console/invoices/?status=open").json()["count"] >= 2
    bad = operator_client.get("/api/console/invoices/?status=late")
    assert bad.status_code == 400 and bad.json()["errors"]["status"]
    detail = operator_client.get(f"/api/console/invoices/{other.pk}/").json()
    assert detail["company"]["id"] == b.company.pk
    pdf = operator_client.get(f"/api/console/invoices/{other.pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_company_owner_never_reaches_the_console(make_company, signed_in):
    a, invoice = _invoiced(make_company)
    on_public = HostClient("localhost:8000")
    on_public.force_login(a.user, backend="identity.backends.MemberAwareBackend")
    for method, url in (
        ("get", "/api/console/invoices/"),
        ("get", f"/api/console/invoices/{invoice.pk}/"),
        ("post", f"/api/console/invoices/{invoice.pk}/void/"),
    ):
        assert getattr(on_public, method)(url).status_code in (401, 403)
        assert getattr(HostClient("localhost:8000"), method)(url).status_code == 401
    # on the company's own host, the console does not exist
    assert signed_in(a.user, a.company).get("/api/console/invoices/").status_code == 404
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.OPEN


def _pay(client, invoice, amount, **extra):
    body = {
        "paid_amount": amount,
        "reference": "TRX-2026-1",
        "received_on": (timezone.now().date() - dt.timedelta(days=1)).isoformat(),
        "reason": "Bank statement",
        **{k: v for k, v in extra.items() if not k.startswith("HTTP_")},
    }
    headers = {k: v for k, v in extra.items() if k.startswith("HTTP_")}
    return client.post(
        f"/api/console/invoices/{invoice.pk}/payments/", body, content_type="application/json", **headers
    )


def test_an_operator_records_a_transfer_and_a_read_only_company_is_writable_at_once(
    make_company, operator_client
):
    a, invoice = _invoiced(make_company)
    subscription = subs.selectors.subscription_for_company(company_id=a.company.pk)
    with transaction.atomic():
        locked = subs.selectors.subscription_for_company(company_id=a.company.pk, lock=True)
        subs.subscription_set_status(subscription=locked, status=SubscriptionStatus.READ_ONLY)
    assert Company.objects.get(pk=a.company.pk).billing_lock == BillingLock.READ_ONLY
    Invoice.objects.filter(pk=invoice.pk).update(due_at=timezone.now() - dt.timedelta(days=20))

    part = _pay(operator_client, invoice, "200.00", HTTP_IDEMPOTENCY_KEY="pay-1")
    assert part.status_code == 201, part.content
    assert (part.json()["paid_amount"], part.json()["open_amount"], part.json()["status"]) == (
        "200.00",
        "222.94",
        "open",
    )
    replay = _pay(operator_client, invoice, "200.00", HTTP_IDEMPOTENCY_KEY="pay-1")
    assert replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    assert Payment.objects.filter(invoice=invoice).count() == 1
    assert Subscription.objects.get(pk=subscription.pk).status == SubscriptionStatus.READ_ONLY

    rest = _pay(operator_client, invoice, "222.94")
    assert rest.status_code == 201 and rest.json()["status"] == "paid"
    assert [p["paid_amount"] for p in rest.json()["payments"]] == ["200.00", "222.94"]
    assert Subscription.objects.get(pk=subscription.pk).status == SubscriptionStatus.ACTIVE
    assert Company.objects.get(pk=a.company.pk).billing_lock == BillingLock.NONE
    entry = AuditEntry.objects.filter(action="billing.payment_recorded", target_id=str(invoice.pk)).last()
    assert entry.actor == operator_client.user and entry.reason == "Bank statement"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"paid_amount": "10.001"}, "paid_amount"),
        ({"paid_amount": "0"}, "amount"),
        ({"received_on": "2999-01-01"}, "received_on"),
        ({"reference": ""}, "reference"),
    ],
)
def test_a_bad_payment_is_refused_and_nothing_is_written(make_company, operator_client, extra, field):
    _a, invoice = _invoiced(make_company)
    response = _pay(operator_client, invoice, extra.pop("paid_amount", "10.00"), **extra)
    assert response.status_code == 400 and field in response.json()["errors"]
    assert not Payment.objects.filter(invoice=invoice).exists()


def test_more_than_the_open_balance_or_a_paid_invoice_is_refused(make_company, operator_client):
    _a, invoice = _invoiced(make_company)
    too_much = _pay(operator_client, invoice, "500.00")
    assert too_much.status_code == 409 and too_much.json()["code"] == "payment_exceeds_balance"
    assert _pay(operator_client, invoice, "422.94").status_code == 201
    again = _pay(operator_client, invoice, "1.00")
    assert again.status_code == 409 and again.json()["code"] == "invoice_not_payable"
    assert Payment.objects.filter(invoice=invoice).count() == 1


def test_an_operator_voids_an_open_invoice_with_a_reason(make_company, operator_client):
    _a, invoice = _invoiced(make_company)
    url = f"/api/console/invoices/{invoice.pk}/void/"
    missing = operator_client.post(url, {"reason": " "}, content_type="application/json")
    assert missing.status_code == 400
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.OPEN

    voided = operator_client.post(url, {"reason": "Issued twice"}, content_type="application/json")
    assert voided.status_code == 200 and voided.json()["status"] == "void"
    assert voided.json()["number"] == invoice.number  # keeps its number
    entry = AuditEntry.objects.get(action="billing.invoice_voided", target_id=str(invoice.pk))
    assert entry.reason == "Issued twice" and entry.before["status"] == "open"

    again = operator_client.post(url, {"reason": "Twice"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "invoice_not_voidable"


def test_a_partly_paid_invoice_cannot_be_voided(make_company, operator_client):
    _a, invoice = _invoiced(make_company)
    assert _pay(operator_client, invoice, "100.00").status_code == 201
    refused = operator_client.post(
        f"/api/console/invoices/{invoice.pk}/void/", {"reason": "x"}, content_type="application/json"
    )
    assert refused.status_code == 409 and refused.json()["code"] == "invoice_not_voidable"
    assert Invoice.objects.get(pk=invoice.pk).amount_paid == Decimal("100.00")
    assert not AuditEntry.objects.filter(action="billing.invoice_voided").exists()


def test_the_tenant_host_is_company_host_only(make_company):
    a, _invoice = _invoiced(make_company)
    assert HostClient(company_host_for(a.company.slug)).get("/api/billing/invoices/").status_code == 401


def test_a_billing_suspended_company_still_reads_and_downloads_its_invoices(make_company, signed_in):
    a, invoice = _invoiced(make_company)
    with transaction.atomic():
        locked = subs.selectors.subscription_for_company(company_id=a.company.pk, lock=True)
        subs.subscription_set_status(subscription=locked, status=SubscriptionStatus.SUSPENDED)
    client = signed_in(a.user, a.company)
    blocked = client.get("/api/members/")
    assert blocked.status_code == 403 and blocked.json()["code"] == "company_suspended"
    assert client.get("/api/billing/invoices/").json()["count"] == 1
    pdf = client.get(f"/api/billing/invoices/{invoice.pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
