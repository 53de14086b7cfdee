"""Dunning: overdue invoice -> past due -> read-only -> suspended, a notice at each stage exactly once,
and a payment that brings the workspace back at once. Times are injected (``now=``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from billing.models import Invoice, Subscription, SubscriptionEvent, SubscriptionStatus
from billing.services import subscriptions as subs
from billing.services.dunning import dunning_run, dunning_schedule
from identity.models import User
from identity.services import membership_create
from notifications.models import Notification
from tenants.models import BillingLock, Company

S = SubscriptionStatus
DAY = dt.timedelta(days=1)
pytestmark = pytest.mark.django_db


def _state(company):
    subscription = Subscription.objects.get(company=company)
    return subscription.status, Company.objects.get(pk=company.pk).billing_lock


def _kinds(company):
    return sorted(Notification.objects.filter(company=company).values_list("kind", "user__email"))


@pytest.fixture
def overdue(make_company):
    """A converted company (invoice issued at t0, due t0 + terms) with an owner and a finance member,
    plus a buyer who must not be told."""
    result = make_company(locale="en")
    t0 = timezone.now() - dt.timedelta(days=120)
    subs.subscription_convert(company_id=result.company.pk, now=t0)
    invoice = Invoice.objects.get(company=result.company)
    for email, roles in (("finance@dunning.test", ["finance"]), ("buyer@dunning.test", ["buyer"])):
        user = User.objects.create_user(
            email=email, password="x-long-password-1", preferred_language="zh-hans"
        )
        membership_create(user=user, company=result.company, roles=roles)
    mail.outbox.clear()
    return result, invoice


def test_nothing_happens_before_the_due_date(overdue):
    result, invoice = overdue
    done = dunning_run(now=invoice.due_at - dt.timedelta(minutes=1))
    assert (done.past_due, done.notified) == (0, 0)
    assert _state(result.company) == (S.ACTIVE, BillingLock.NONE)
    assert not Notification.objects.filter(company=result.company).exists()


def test_every_stage_in_turn_with_one_notice_each_to_owners_and_finance(overdue):
    result, invoice = overdue
    owner = result.user.email
    grace, suspend = settings.HANSA_BILLING_GRACE_DAYS, settings.HANSA_BILLING_SUSPEND_AFTER_DAYS
    t = invoice.due_at + dt.timedelta(hours=1)

    # due date passed: past due, writable, told
    assert dunning_run(now=t).past_due == 1
    assert _state(result.company) == (S.PAST_DUE, BillingLock.NONE)
    subscription = Subscription.objects.get(company=result.company)
    assert subscription.past_due_since == t
    assert _kinds(result.company) == [
        ("billing.past_due", "finance@dunning.test"),
        ("billing.past_due", owner),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["finance@dunning.test", owner])
    zh = next(m for m in mail.outbox if m.to == ["finance@dunning.test"])
    assert "已逾期" in zh.subject and invoice.number in zh.body
    en = next(m for m in mail.outbox if m.to == [owner])
    assert en.subject == f"[Hansa] Invoice {invoice.number} is overdue"
    schedule = dunning_schedule(past_due_since=t)
    assert schedule.read_only_at == t + grace * DAY

    # three days before read-only: a reminder, still past due
    just_before = schedule.remind_at - dt.timedelta(minutes=1)
    dunning_run(now=just_before)
    assert Notification.objects.filter(company=result.company, kind="billing.read_only_soon").count() == 0
    dunning_run(now=schedule.remind_at)
    assert _state(result.company) == (S.PAST_DUE, BillingLock.NONE)
    assert Notification.objects.filter(company=result.company, kind="billing.read_only_soon").count() == 2

    # the grace period is over: read-only (writes answer 402)
    dunning_run(now=schedule.read_only_at - dt.timedelta(minutes=1))
    assert _state(result.company)[0] == S.PAST_DUE
    assert dunning_run(now=schedule.read_only_at).read_only == 1
    assert _state(result.company) == (S.READ_ONLY, BillingLock.READ_ONLY)
    assert Notification.objects.filter(company=result.company, kind="billing.read_only").count() == 2

    # read-only long enough: suspended
    dunning_run(now=schedule.suspend_at - dt.timedelta(minutes=1))
    assert _state(result.company)[0] == S.READ_ONLY
    assert schedule.suspend_at == schedule.read_only_at + suspend * DAY
    assert dunning_run(now=schedule.suspend_at).suspended == 1
    assert _state(result.company) == (S.SUSPENDED, BillingLock.SUSPENDED)
    assert Notification.objects.filter(company=result.company, kind="billing.suspended").count() == 2

    # each stage told the two of them once, the buyer never
    assert len(mail.outbox) == 8
    assert not Notification.objects.filter(company=result.company, user__email="buyer@dunning.test").exists()
    events = SubscriptionEvent.objects.filter(company=result.company, source="dunning").order_by(
        "created_at", "pk"
    )
    assert [e.to_status for e in events] == [S.PAST_DUE, S.READ_ONLY, S.SUSPENDED]


def test_a_late_run_catches_up_in_one_step_and_tells_the_current_stage(overdue):
    result, invoice = overdue
    first = invoice.due_at + DAY
    dunning_run(now=first)
    much_later = dunning_schedule(past_due_since=first).suspend_at + 5 * DAY
    done = dunning_run(now=much_later)
    assert (done.read_only, done.suspended) == (1, 1)
    assert _state(result.company) == (S.SUSPENDED, BillingLock.SUSPENDED)
    kinds = {k for k, _ in _kinds(result.company)}
    assert kinds == {"billing.past_due", "billing.suspended"}


def test_the_same_run_twice_has_one_effect_and_one_notice(overdue):
    result, invoice = overdue
    t = invoice.due_at + DAY
    first = dunning_run(now=t)
    second = dunning_run(now=t)
    assert (first.past_due, first.notified) == (1, 2)
    assert (second.past_due, second.notified) == (0, 0)
    assert SubscriptionEvent.objects.filter(company=result.company, source="dunning").count() == 1
    assert Notification.objects.filter(company=result.company).count() == 2
    assert len(mail.outbox) == 2
    read_only_at = dunning_schedule(past_due_since=t).read_only_at
    dunning_run(now=read_only_at)
    dunning_run(now=read_only_at + DAY)
    assert SubscriptionEvent.objects.filter(company=result.company, source="dunning").count() == 2
    assert Notification.objects.filter(company=result.company, kind="billing.read_only").count() == 2


def test_a_payment_through_the_console_brings_a_suspended_workspace_back_at_once(overdue, operator_client):
    result, invoice = overdue
    t = invoice.due_at + DAY
    dunning_run(now=t)
    dunning_run(now=dunning_schedule(past_due_since=t).suspend_at)
    assert _state(result.company) == (S.SUSPENDED, BillingLock.SUSPENDED)

    response = operator_client.post(
        f"/api/console/invoices/{invoice.pk}/payments/",
        {
            "paid_amount": str(invoice.total),
            "reference": "TRX-9",
            "received_on": timezone.now().date().isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert _state(result.company) == (S.ACTIVE, BillingLock.NONE)
    assert Subscription.objects.get(company=result.company).past_due_since is None
    # the next run finds nothing to do
    done = dunning_run(now=dunning_schedule(past_due_since=t).suspend_at + DAY)
    assert (done.past_due, done.suspended, done.notified) == (0, 0, 0)
    assert _state(result.company) == (S.ACTIVE, BillingLock.NONE)


def test_voiding_the_overdue_invoice_lifts_read_only(overdue, operator_client):
    result, invoice = overdue
    t = invoice.due_at + DAY
    dunning_run(now=t)
    dunning_run(now=dunning_schedule(past_due_since=t).read_only_at)
    assert _state(result.company) == (S.READ_ONLY, BillingLock.READ_ONLY)
    response = operator_client.post(
        f"/api/console/invoices/{invoice.pk}/void/", {"reason": "Waived"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert _state(result.company) == (S.ACTIVE, BillingLock.NONE)


def test_a_lapsed_trial_is_not_escalated_and_stripe_subscriptions_are_left_to_stripe(make_company):
    lapsed = make_company().company
    Subscription.objects.filter(company=lapsed).update(status=S.READ_ONLY)
    stripe = make_company().company
    subs.subscription_convert(company_id=stripe.pk)
    Subscription.objects.filter(company=stripe).update(gateway="stripe")
    Invoice.objects.filter(company=stripe).update(due_at=timezone.now() - 60 * DAY)
    done = dunning_run(now=timezone.now())
    assert (done.past_due, done.read_only, done.suspended) == (0, 0, 0)
    assert _state(stripe)[0] == S.ACTIVE and _state(lapsed)[0] == S.READ_ONLY


def test_the_beat_runs_dunning_renewals_and_rating():
    from billing import tasks
    from hansa.celery import app

    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"billing.dunning", "billing.subscriptions_advance", "billing.rate_usage"} <= scheduled
    assert {"billing.dunning", "billing.subscriptions_advance", "billing.rate_usage"} <= set(app.tasks)
    assert tasks.dunning_task() == {"past_due": 0, "read_only": 0, "suspended": 0, "notified": 0}
    assert tasks.subscriptions_advance_task() == {"trials_ended": 0, "renewed": 0, "canceled": 0}
    assert tasks.rate_usage_task()["invoices"] == 0
