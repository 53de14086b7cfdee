"""The demo sales: customers with follow-ups and hand-entered orders in every state, made once."""

from __future__ import annotations

from hansa.demo import DEMO_COMPANIES, DEMO_PASSWORD
from kernel.tenancy import company_context
from tenants.sales import demo
from tenants.sales.models import Customer, FollowUp, SalesOrder, SalesOrderAmendment, WorkOrder
from tenants.sales.tests import factories as f


def test_demo_sales_for_every_demo_supplier(db):
    from tenants.services import company_signup

    companies = {}
    for spec in DEMO_COMPANIES:
        if spec.slug not in demo.SUPPLIERS:
            continue
        companies[spec.slug] = company_signup(
            company_name=spec.name,
            slug=spec.slug,
            country=spec.country,
            currency=spec.currency,
            locale=spec.locale,
            full_name=spec.owner[1],
            email=spec.owner[0],
            password=DEMO_PASSWORD,
        ).company
    for sku, quantity in (("A-1", "400"), ("A-2", "60"), ("A-3", "80"), ("A-4", "200")):
        f.stock(companies["precision-bearings"], sku, quantity)
    assert demo.demo_sales_create() == 21
    assert demo.demo_sales_create() == 0  # made once
    with company_context(companies["precision-bearings"]):
        assert set(SalesOrder.objects.values_list("status", flat=True)) == {
            "awaiting_acceptance",
            "accepted",
            "partly_shipped",
            "shipped",
            "rejected",
            "cancelled",
        }
        assert Customer.objects.count() == 2
        assert FollowUp.objects.filter(status="open").count() == 4
        assert SalesOrderAmendment.objects.get().status == "accepted"
        assert WorkOrder.objects.filter(status="open").exists()
    with company_context(companies["northsteel"]):
        assert SalesOrder.objects.filter(currency="EUR").count() == 7
