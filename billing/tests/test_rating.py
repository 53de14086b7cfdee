"""Month-end rating: usage over soft limits billed once, by a constant number of statements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from billing.meters import Meter
from billing.models import (
    Invoice,
    InvoiceLine,
    InvoiceNumberSequence,
    InvoiceStatus,
    Subscription,
    UsageCounter,
)
from billing.services import subscriptions as subs
from billing.services.metering import usage_record
from billing.services.rating import usage_rate_month, usage_rate_previous_month
from kernel.errors import ValidationFailed

pytestmark = pytest.mark.django_db

NOW = timezone.now()
MONTH = NOW.date().replace(day=1) - relativedelta(months=1)
IN_MONTH = dt.datetime.combine(MONTH + dt.timedelta(days=10), dt.time(12), tzinfo=dt.UTC)


def _paying(make_company, plan="growth", **overrides):
    company = make_company(plan=plan, **overrides).company
    subs.subscription_convert(company_id=company.pk, now=IN_MONTH - dt.timedelta(days=5))
    return company


def _use(company, meter, quantity, at=IN_MONTH):
    usage_record(company_id=company.pk, meter=meter, quantity=quantity, at=at)


def _usage_invoices(company):
    return list(Invoice.objects.filter(company=company, lines__kind="overage").distinct().order_by("pk"))


def test_usage_over_the_plan_is_billed_on_a_usage_invoice(make_company):
    company = _paying(make_company)
    _use(company, Meter.PURCHASE_ORDERS, 320)  # 300 included, CNY 1.00 each over
    _use(company, Meter.RFQS_PUBLISHED, 52)  # 50 included, CNY 5.00 each over
    _use(company, Meter.SALES_ORDERS, 100)  # under the plan

    run = usage_rate_month(month=MONTH, now=NOW)

    assert (run.invoices, run.lines) == (1, 2)
    [invoice] = _usage_invoices(company)
    lines = {line.meter: line for line in invoice.lines.all()}
    assert set(lines) == {"purchase_orders", "rfqs_published"}
    assert (lines["purchase_orders"].quantity, lines["purchase_orders"].unit_amount) == (20, Decimal("1.00"))
    assert lines["rfqs_published"].amount == Decimal("10.00")
    assert lines["purchase_orders"].period_start == MONTH
    assert "Purchase orders, " in lines["purchase_orders"].description
    assert (invoice.subtotal, invoice.tax_rate, invoice.tax_amount, invoice.total) == (
        Decimal("30.00"),
        Decimal("6.00"),
        Decimal("1.80"),
        Decimal("31.80"),
    )
    assert invoice.status == InvoiceStatus.OPEN and invoice.currency == "CNY"
    assert invoice.due_at == NOW + dt.timedelta(days=14)
    assert invoice.buyer_name == company.name and invoice.buyer_country == "CN"
    assert invoice.period_start.date() == MONTH
    assert run.first_number == run.last_number == invoice.number
    counters = dict(
        UsageCounter.objects.filter(company=company, period_start=MONTH).values_list(
            "meter", "rated_quantity"
        )
    )
    assert counters == {"purchase_orders": 320, "rfqs_published": 52, "sales_orders": 100}


def test_a_rerun_bills_nothing_and_a_late_increment_only_the_difference(make_company):
    company = _paying(make_company)
    _use(company, Meter.PURCHASE_ORDERS, 310)
    usage_rate_month(month=MONTH, now=NOW)
    again = usage_rate_month(month=MONTH, now=NOW)
    assert (again.invoices, again.lines) == (0, 0)
    assert len(_usage_invoices(company)) == 1

    _use(company, Meter.PURCHASE_ORDERS, 4)  # relayed late, still counts in the closed month
    late = usage_rate_month(month=MONTH, now=NOW + dt.timedelta(days=1))
    assert (late.invoices, late.lines) == (1, 1)
    first, second = _usage_invoices(company)
    assert first.lines.get().quantity == 10 and second.lines.get().quantity == 4
    assert second.subtotal == Decimal("4.00")
    assert usage_rate_month(month=MONTH, now=NOW).invoices == 0


def test_usage_crossing_the_limit_late_bills_only_what_is_over(make_company):
    company = _paying(make_company)
    _use(company, Meter.PURCHASE_ORDERS, 290)
    assert usage_rate_month(month=MONTH, now=NOW).invoices == 0
    _use(company, Meter.PURCHASE_ORDERS, 15)  # 305: 5 over, although 15 arrived late
    usage_rate_month(month=MONTH, now=NOW)
    [invoice] = _usage_invoices(company)
    assert invoice.lines.get().quantity == 5


def test_only_paying_offline_subscriptions_with_soft_limits_are_rated(make_company):
    trial = make_company().company  # never paid
    _use(trial, Meter.PURCHASE_ORDERS, 400)
    stripe = _paying(make_company)
    Subscription.objects.filter(company=stripe).update(gateway="stripe")
    _use(stripe, Meter.PURCHASE_ORDERS, 400)
    unlimited = _paying(make_company, plan="enterprise")
    _use(unlimited, Meter.PURCHASE_ORDERS, 10_000)

    assert usage_rate_month(month=MONTH, now=NOW).invoices == 0
    assert not InvoiceLine.objects.filter(kind="overage").exists()


def test_the_credit_balance_is_used_first(make_company):
    company = _paying(make_company)
    Subscription.objects.filter(company=company).update(credit_balance=Decimal("15.00"))
    _use(company, Meter.PURCHASE_ORDERS, 320)
    usage_rate_month(month=MONTH, now=NOW)
    [invoice] = _usage_invoices(company)
    assert sorted(invoice.lines.values_list("kind", "amount")) == [
        ("credit", Decimal("-15.00")),
        ("overage", Decimal("20.00")),
    ]
    assert (invoice.subtotal, invoice.total) == (Decimal("5.00"), Decimal("5.30"))
    assert Subscription.objects.get(company=company).credit_balance == 0


def test_the_buyers_tax_id_is_copied_although_it_is_encrypted(make_company):
    company = _paying(make_company)
    company.tax_id = "91310000MA1K000001"
    company.save(update_fields=["tax_id"])
    _use(company, Meter.PURCHASE_ORDERS, 301)
    usage_rate_month(month=MONTH, now=NOW)
    assert _usage_invoices(company)[0].buyer_tax_id == "91310000MA1K000001"


def test_numbers_stay_gapless_and_the_query_count_does_not_grow_with_companies(make_company):
    one = _paying(make_company)
    _use(one, Meter.PURCHASE_ORDERS, 301)
    with CaptureQueriesContext(connection) as few:
        usage_rate_month(month=MONTH, now=NOW)
    many = [_paying(make_company) for _ in range(4)]
    for index, company in enumerate(many):
        _use(company, Meter.PURCHASE_ORDERS, 301 + index)
        _use(company, Meter.RFQS_PUBLISHED, 60)
    with CaptureQueriesContext(connection) as more:
        run = usage_rate_month(month=MONTH, now=NOW)
    assert run.invoices == 4 and run.lines == 8
    assert len(more.captured_queries) == len(few.captured_queries) <= 10

    year = NOW.year
    numbers = sorted(
        int(n.rsplit("-", 1)[1])
        for n in Invoice.objects.filter(number__startswith=f"HB-{year}-").values_list("number", flat=True)
    )
    assert numbers == list(range(1, len(numbers) + 1))
    assert InvoiceNumberSequence.objects.get(year=year).last_number == len(numbers)


def test_an_open_month_cannot_be_rated(make_company):
    with pytest.raises(ValidationFailed):
        usage_rate_month(month=NOW.date().replace(day=1), now=NOW)
    with pytest.raises(ValidationFailed):
        usage_rate_month(month=MONTH.replace(day=2), now=NOW)


def test_the_beat_task_rates_the_previous_month(make_company):
    company = _paying(make_company)
    _use(company, Meter.PURCHASE_ORDERS, 303)
    run = usage_rate_previous_month(now=NOW)
    assert run.month == MONTH.strftime("%Y-%m") and run.invoices == 1
