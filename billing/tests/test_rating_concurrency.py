"""A plan change while month-end rating is finalising invoices (real threads, committed data): one
consistent outcome, no deadlock, numbers without gaps."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connections
from django.utils import timezone

from billing.meters import Meter
from billing.models import Invoice, InvoiceLine, InvoiceNumberSequence, Payment, Subscription, UsageCounter
from billing.services import subscriptions as subs
from billing.services.metering import usage_record
from billing.services.rating import usage_rate_month
from tenants.models import Company

pytestmark = pytest.mark.django_db(transaction=True)

NOW = timezone.now()
MONTH = NOW.date().replace(day=1) - relativedelta(months=1)
MONTH_START_OF_YEAR = dt.datetime(NOW.year, 1, 1, tzinfo=dt.UTC)
IN_MONTH = dt.datetime.combine(MONTH + dt.timedelta(days=3), dt.time(9), tzinfo=dt.UTC)


@pytest.fixture
def drop_created_schemas():
    before = set(Company.objects.values_list("schema_name", flat=True))
    yield
    created = Company.objects.exclude(schema_name__in=before)
    Payment.objects.filter(company__in=created).delete()
    Invoice.objects.filter(company__in=created).delete()
    for company in created:
        company.delete(force_drop=True)


@pytest.mark.parametrize("attempt", range(3))
def test_a_plan_change_during_rating_rates_wholly_with_one_plan(make_company, drop_created_schemas, attempt):
    company = make_company().company
    subs.subscription_convert(
        company_id=company.pk, now=max(NOW - dt.timedelta(days=40), MONTH_START_OF_YEAR)
    )
    usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, quantity=320, at=IN_MONTH)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(action):
        try:
            barrier.wait()
            action()
        except BaseException as exc:  # the outcome under test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=work, args=(lambda: usage_rate_month(month=MONTH, now=NOW),)),
        threading.Thread(
            target=work,
            args=(lambda: subs.subscription_change_plan(company_id=company.pk, plan_code="business"),),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert Subscription.objects.get(company=company).plan_version.plan.code == "business"
    overage = list(InvoiceLine.objects.filter(invoice__company=company, kind="overage"))
    # Rated before the change: 20 over Growth's 300. Rated after it: under Business's 3,000, nothing billed.
    assert [(line.quantity, line.amount) for line in overage] in ([], [(20, Decimal("20.00"))])
    assert UsageCounter.objects.get(company=company, meter=Meter.PURCHASE_ORDERS).rated_quantity == 320
    numbers = sorted(
        int(n.rsplit("-", 1)[1])
        for n in Invoice.objects.filter(number__startswith=f"HB-{NOW.year}-").values_list("number", flat=True)
    )
    assert numbers == list(range(1, len(numbers) + 1))
    assert InvoiceNumberSequence.objects.get(year=NOW.year).last_number == len(numbers)
