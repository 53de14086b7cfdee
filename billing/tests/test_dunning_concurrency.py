"""Operators and the dunning task acting on the same invoice at the same moment (real threads, committed
data): one consistent outcome every time."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import connections
from django.utils import timezone

from billing.models import (
    Invoice,
    InvoiceStatus,
    Payment,
    Subscription,
    SubscriptionEvent,
    SubscriptionStatus,
)
from billing.services import subscriptions as subs
from billing.services.dunning import dunning_advance, dunning_run, dunning_schedule
from notifications.models import Notification
from tenants.models import BillingLock, Company

S = SubscriptionStatus
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def drop_created_schemas():
    before = set(Company.objects.values_list("schema_name", flat=True))
    yield
    created = Company.objects.exclude(schema_name__in=before)
    Payment.objects.filter(company__in=created).delete()
    Invoice.objects.filter(company__in=created).delete()
    for company in created:
        company.delete(force_drop=True)


def _race(*work: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(work))
    outcomes: list[Any] = [None] * len(work)

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcomes[index] = work[index]()
        except Exception as exc:  # the outcome under test
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def _overdue(make_company):
    result = make_company(locale="en")
    subs.subscription_convert(company_id=result.company.pk, now=timezone.now() - dt.timedelta(days=90))
    return result, Invoice.objects.get(company=result.company)


def _pay(client, invoice):
    return client.post(
        f"/api/console/invoices/{invoice.pk}/payments/",
        {
            "paid_amount": str(invoice.total),
            "reference": "TRX",
            "received_on": timezone.now().date().isoformat(),
        },
        content_type="application/json",
    )


def test_two_operators_recording_the_same_transfer_at_once_record_it_once(
    make_company, make_operator, drop_created_schemas
):
    result, invoice = _overdue(make_company)
    first, second = make_operator("op1@race.test"), make_operator("op2@race.test")
    dunning_run(now=invoice.due_at + dt.timedelta(days=1))
    assert Subscription.objects.get(company=result.company).status == S.PAST_DUE

    responses = _race(lambda: _pay(first, invoice), lambda: _pay(second, invoice))

    assert sorted(r.status_code for r in responses) == [201, 409]
    refused = next(r for r in responses if r.status_code == 409)
    assert refused.json()["code"] == "invoice_not_payable"
    assert Payment.objects.filter(invoice=invoice).count() == 1
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.PAID
    assert Subscription.objects.get(company=result.company).status == S.ACTIVE
    assert Company.objects.get(pk=result.company.pk).billing_lock == BillingLock.NONE


def test_suspension_and_a_payment_at_the_same_moment_end_active_and_paid(
    make_company, make_operator, drop_created_schemas
):
    result, invoice = _overdue(make_company)
    operator = make_operator()
    start = invoice.due_at + dt.timedelta(days=1)
    dunning_run(now=start)
    suspend_at = dunning_schedule(past_due_since=start).suspend_at
    dunning_run(now=suspend_at - dt.timedelta(days=1))
    assert Subscription.objects.get(company=result.company).status == S.READ_ONLY

    outcomes = _race(
        lambda: dunning_advance(company_id=result.company.pk, now=suspend_at), lambda: _pay(operator, invoice)
    )

    assert not isinstance(outcomes[0], Exception), outcomes[0]
    assert outcomes[1].status_code == 201
    # Whichever went first, the company ends paid and active (a suspension, if it came first, was lifted).
    assert Invoice.objects.get(pk=invoice.pk).status == InvoiceStatus.PAID
    assert Subscription.objects.get(company=result.company).status == S.ACTIVE
    assert Company.objects.get(pk=result.company.pk).billing_lock == BillingLock.NONE
    statuses = list(
        SubscriptionEvent.objects.filter(company=result.company)
        .order_by("created_at", "pk")
        .values_list("to_status", flat=True)
    )
    assert statuses[-1] == S.ACTIVE
    assert statuses[-2] in (S.READ_ONLY, S.SUSPENDED)


def test_two_dunning_runs_at_once_move_the_company_once_and_tell_everyone_once(
    make_company, drop_created_schemas
):
    result, invoice = _overdue(make_company)
    mail.outbox.clear()
    now = invoice.due_at + dt.timedelta(days=1)

    outcomes = _race(lambda: dunning_run(now=now), lambda: dunning_run(now=now))

    assert sorted(o.past_due for o in outcomes) == [0, 1]
    assert sum(o.notified for o in outcomes) == 1
    assert SubscriptionEvent.objects.filter(company=result.company, source="dunning").count() == 1
    assert Notification.objects.filter(company=result.company, kind="billing.past_due").count() == 1
    assert len(mail.outbox) == 1
