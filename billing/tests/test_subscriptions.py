"""The subscription state machine: trial, conversion, plan changes with proration, cancellation, renewal,
dunning states and the company's access lock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from billing import selectors
from billing.exceptions import DowngradeExceedsUsage, SamePlan, SubscriptionStateRefused
from billing.meters import Meter
from billing.models import (
    Invoice,
    InvoiceStatus,
    Subscription,
    SubscriptionEvent,
    SubscriptionEventKind,
    SubscriptionStatus,
    UsageCounter,
)
from billing.services import subscriptions as subs
from billing.services.invoices import invoice_record_payment
from billing.services.metering import usage_record
from tenants.models import BillingLock, Company

S = SubscriptionStatus
pytestmark = pytest.mark.django_db


def _sub(company: Company) -> Subscription:
    return Subscription.objects.select_related("plan_version__plan").get(company=company)


def _lock(company: Company) -> str:
    return Company.objects.values_list("billing_lock", flat=True).get(pk=company.pk)


def test_signup_starts_a_trial_of_the_chosen_plan(make_company):
    company = make_company(plan="business").company
    subscription = _sub(company)
    assert subscription.status == S.TRIALING
    assert subscription.plan_version.plan.code == "business"
    assert subscription.currency == "CNY"
    days = round((subscription.trial_ends_at - subscription.current_period_start).total_seconds() / 86400)
    assert days == subscription.plan_version.trial_days == 30
    assert list(SubscriptionEvent.objects.filter(company=company).values_list("kind", flat=True)) == [
        SubscriptionEventKind.TRIAL_STARTED
    ]


def test_signup_with_an_unknown_plan_is_refused(make_company):
    from kernel.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as caught:
        make_company(plan="platinum")
    assert caught.value.errors == {"plan": ["No such plan."]}


def test_trial_converts_and_the_offline_gateway_issues_the_first_invoice(make_company):
    company = make_company().company
    subscription = subs.subscription_convert(company_id=company.pk, interval="year")
    assert subscription.status == S.ACTIVE
    assert subscription.converted_at is not None
    invoice = Invoice.objects.get(company=company)
    assert invoice.status == InvoiceStatus.OPEN
    assert invoice.subtotal == Decimal("3990.00")
    assert invoice.tax_rate == Decimal("6.00")
    assert invoice.total == Decimal("4229.40")
    assert invoice.number.startswith(f"HB-{timezone.now().year}-")


def test_upgrade_mid_period_charges_the_difference_for_the_rest_of_the_period(make_company):
    company = make_company().company
    start = timezone.now() - dt.timedelta(days=10)
    subs.subscription_convert(company_id=company.pk, now=start)
    subscription = _sub(company)
    half = (
        subscription.current_period_start
        + (subscription.current_period_end - subscription.current_period_start) / 2
    )
    change = subs.subscription_change_plan(company_id=company.pk, plan_code="business", now=half)
    assert change.amount == Decimal("450.00")  # (1299 - 399) / 2
    assert _sub(company).plan_version.plan.code == "business"
    proration = Invoice.objects.filter(company=company).order_by("-id").first()
    assert proration.subtotal == Decimal("450.00")


def test_downgrade_mid_period_credits_the_next_invoice(make_company):
    company = make_company(plan="business").company
    start = timezone.now() - dt.timedelta(days=1)
    subs.subscription_convert(company_id=company.pk, now=start)
    subscription = _sub(company)
    half = (
        subscription.current_period_start
        + (subscription.current_period_end - subscription.current_period_start) / 2
    )
    invoices_before = Invoice.objects.filter(company=company).count()
    change = subs.subscription_change_plan(company_id=company.pk, plan_code="growth", now=half)
    assert change.amount == Decimal("-450.00")
    assert Invoice.objects.filter(company=company).count() == invoices_before
    assert _sub(company).credit_balance == Decimal("450.00")


def test_downgrade_below_current_usage_is_refused_with_the_meters(make_company):
    company = make_company().company
    usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=25)
    with pytest.raises(DowngradeExceedsUsage) as caught:
        subs.subscription_change_plan(company_id=company.pk, plan_code="free")
    assert caught.value.extra["meters"] == [{"meter": "listings", "used": 25, "limit": 20}]
    assert _sub(company).plan_version.plan.code == "growth"


def test_same_plan_is_refused(make_company):
    company = make_company().company
    with pytest.raises(SamePlan):
        subs.subscription_change_plan(company_id=company.pk, plan_code="growth")


def test_trial_end_falls_back_to_free_when_usage_fits(make_company):
    company = make_company().company
    later = _sub(company).trial_ends_at + dt.timedelta(minutes=1)
    assert subs.subscriptions_advance(now=later).trials_ended == 1
    subscription = _sub(company)
    assert (subscription.status, subscription.plan_version.plan.code) == (S.ACTIVE, "free")
    assert _lock(company) == BillingLock.NONE


def test_trial_end_lapses_to_read_only_when_usage_exceeds_free(make_company):
    company = make_company().company
    usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=30)
    later = _sub(company).trial_ends_at + dt.timedelta(minutes=1)
    subs.subscriptions_advance(now=later)
    assert _sub(company).status == S.READ_ONLY
    assert _lock(company) == BillingLock.READ_ONLY
    # an operator extends the trial: writable again
    subs.subscription_extend_trial(
        company_id=company.pk, days=7, actor=None, reason="Asked for time", now=later
    )
    assert _sub(company).status == S.TRIALING
    assert _lock(company) == BillingLock.NONE


def test_cancel_at_period_end_then_renewal_moves_to_free(make_company):
    company = make_company().company
    subs.subscription_convert(company_id=company.pk)
    subs.subscription_cancel(company_id=company.pk)
    assert _sub(company).status == S.ACTIVE  # nothing changes before the period ends
    subs.subscriptions_advance(now=_sub(company).current_period_end + dt.timedelta(seconds=1))
    subscription = _sub(company)
    assert (subscription.status, subscription.plan_version.plan.code) == (S.ACTIVE, "free")


def test_renewal_advances_the_period_and_bills_it(make_company):
    company = make_company().company
    subs.subscription_convert(company_id=company.pk)
    end = _sub(company).current_period_end
    assert subs.subscriptions_advance(now=end + dt.timedelta(seconds=1)).renewed == 1
    assert _sub(company).current_period_start == end
    assert Invoice.objects.filter(company=company).count() == 2


def test_dunning_states_and_payment_reactivates_at_once(make_company):
    company = make_company().company
    subs.subscription_convert(company_id=company.pk)
    subs.subscription_payment_failed(company_id=company.pk)
    assert _sub(company).status == S.PAST_DUE and _lock(company) == BillingLock.NONE
    for status, lock in ((S.READ_ONLY, BillingLock.READ_ONLY), (S.SUSPENDED, BillingLock.SUSPENDED)):
        subscription = selectors.subscription_for_company(company_id=company.pk, lock=True)
        subs.subscription_set_status(subscription=subscription, status=status)
        assert _lock(company) == lock
    invoice = Invoice.objects.get(company=company)
    invoice_record_payment(
        invoice_id=invoice.pk,
        amount=invoice.total,
        method="bank_transfer",
        reference="TRX-1",
        received_on=timezone.now().date(),
        actor=None,
    )
    assert _sub(company).status == S.ACTIVE
    assert _lock(company) == BillingLock.NONE


def test_a_transition_outside_the_table_is_refused(make_company):
    company = make_company().company
    subscription = selectors.subscription_for_company(company_id=company.pk, lock=True)
    with pytest.raises(SubscriptionStateRefused):
        subs.subscription_set_status(subscription=subscription, status="trialing_again")


def test_quota_at_the_limit_passes_and_one_over_is_refused(make_company):
    from billing.exceptions import QuotaExceeded

    company = make_company(plan="free").company
    for _ in range(5):
        usage_record(company_id=company.pk, meter=Meter.RFQS_PUBLISHED)
    with pytest.raises(QuotaExceeded) as caught:
        usage_record(company_id=company.pk, meter=Meter.RFQS_PUBLISHED)
    assert caught.value.extra == {"meter": "rfqs_published", "limit": 5, "used": 5, "requested": 1}
    assert UsageCounter.objects.get(company=company, meter=Meter.RFQS_PUBLISHED).quantity == 5


def test_renewal_after_a_beat_outage_bills_every_missed_period(make_company):
    company = make_company().company
    subs.subscription_convert(company_id=company.pk)
    end = _sub(company).current_period_end
    three_months_later = end + relativedelta(months=2) + dt.timedelta(days=1)
    assert subs.subscriptions_advance(now=three_months_later).renewed == 3
    issued = list(
        Invoice.objects.filter(company=company).order_by("id").values_list("period_start", flat=True)
    )
    assert len(issued) == 4 and issued[1] == end


ALL_STATUSES = [s.value for s in SubscriptionStatus]


@pytest.mark.parametrize(("source", "target"), [(a, b) for a in ALL_STATUSES for b in ALL_STATUSES if a != b])
def test_every_transition_of_the_table_and_only_those(make_company, source, target):
    """Each pair of statuses: an allowed move lands with its event and the company's lock; any other is
    refused and changes nothing."""
    company = make_company().company
    Subscription.objects.filter(company=company).update(status=source)
    subscription = selectors.subscription_for_company(company_id=company.pk, lock=True)
    events = SubscriptionEvent.objects.filter(company=company).count()
    if target in subs.ALLOWED[source]:
        subs.subscription_set_status(subscription=subscription, status=target, reason="test")
        assert _sub(company).status == target
        assert _lock(company) == subs.LOCKS.get(target, BillingLock.NONE)
        event = SubscriptionEvent.objects.filter(company=company).first()
        assert (event.from_status, event.to_status) == (source, target)
    else:
        with pytest.raises(SubscriptionStateRefused):
            subs.subscription_set_status(subscription=subscription, status=target)
        assert _sub(company).status == source
        assert SubscriptionEvent.objects.filter(company=company).count() == events
