"""Stripe webhooks, signed locally with the real scheme and posted to the public host: every kind Hansa
handles, bad and stale signatures, the same event twice, events out of order."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest
from django.db.models import F

from billing.models import (
    Gateway,
    Invoice,
    InvoiceLineKind,
    InvoiceStatus,
    Payment,
    PlanPrice,
    Subscription,
    SubscriptionEvent,
    SubscriptionEventKind,
    SubscriptionStatus,
    WebhookEvent,
)
from billing.services import subscriptions as subs
from billing.tests import fake_stripe as fakes
from billing.tests.fake_stripe import WEBHOOK_SECRET, FakeStripe, sign
from conftest import HostClient
from kernel.models import OutboxMessage
from tenants.models import BillingLock, Company

S = SubscriptionStatus
pytestmark = pytest.mark.django_db
fake_stripe = fakes.fake_stripe_fixture
stripe_on = fakes.stripe_on_fixture
WEBHOOK = "/api/billing/stripe/webhook/"


def _sub(company: Company) -> Subscription:
    return Subscription.objects.select_related("plan_version__plan").get(company=company)


def _lock(company: Company) -> str:
    return Company.objects.values_list("billing_lock", flat=True).get(pk=company.pk)


def deliver(
    body: str,
    *,
    secret: str = WEBHOOK_SECRET,
    timestamp: int | None = None,
    header: str | None = None,
    raise_errors: bool = True,
):
    """POST ``body`` to the webhook as Stripe does (public host, ``Stripe-Signature``)."""
    from django.conf import settings

    signature = header if header is not None else sign(body, secret, timestamp)
    return HostClient(settings.HANSA_BASE_DOMAIN, raise_request_exception=raise_errors).post(
        WEBHOOK, data=body, content_type="application/json; charset=utf-8", HTTP_STRIPE_SIGNATURE=signature
    )


def _outcome(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return str(response.json()["outcome"])


def _checkout(fake: FakeStripe, client, plan: str = "business", interval: str = "month") -> dict:  # type: ignore[no-untyped-def]
    response = client.post_json("/api/billing/checkout/", {"plan_code": plan, "interval": interval})
    assert response.status_code == 200, response.content
    (session_id,) = fake.objects("checkout.session")
    return fake.checkout_complete(session_id)


def _paying(fake: FakeStripe, make_company, signed_in, plan: str = "business") -> tuple[Company, dict]:  # type: ignore[no-untyped-def]
    made = make_company(plan="growth")
    session = _checkout(fake, signed_in(made.user, made.company), plan)
    assert _outcome(deliver(fake.event("checkout.session.completed", session))) == "processed"
    return made.company, fake.objects("subscription")[session["subscription"]]


def _fingerprint() -> tuple:
    return (
        WebhookEvent.objects.count(),
        SubscriptionEvent.objects.count(),
        list(Subscription.objects.order_by("pk").values_list("status", "gateway", "stripe_subscription_id")),
        Invoice.objects.count(),
        Payment.objects.count(),
        OutboxMessage.objects.count(),
    )


# --- checkout.session.completed -----------------------------------------------------------------------


def test_checkout_completed_converts_the_trial_to_the_plan_paid_for(stripe_on, make_company, signed_in):
    made = make_company(plan="growth")
    session = _checkout(stripe_on, signed_in(made.user, made.company), plan="business")
    remote = stripe_on.objects("subscription")[session["subscription"]]

    response = deliver(stripe_on.event("checkout.session.completed", session))

    assert _outcome(response) == "processed"
    subscription = _sub(made.company)
    assert subscription.status == S.ACTIVE
    assert subscription.plan_version.plan.code == "business"
    assert subscription.gateway == Gateway.STRIPE
    assert subscription.stripe_subscription_id == remote["id"]
    assert subscription.stripe_customer_id == session["customer"]
    assert subscription.converted_at is not None and subscription.trial_ends_at is None
    item = remote["items"]["data"][0]
    assert int(subscription.current_period_start.timestamp()) == item["current_period_start"]
    assert int(subscription.current_period_end.timestamp()) == item["current_period_end"]
    kinds = list(
        SubscriptionEvent.objects.filter(company=made.company).order_by("pk").values_list("kind", "source")
    )
    assert kinds[-2:] == [
        (SubscriptionEventKind.PLAN_CHANGED, "stripe"),
        (SubscriptionEventKind.CONVERTED, "system"),
    ]
    # What came from Stripe is not pushed back to it, and no platform invoice is issued: Stripe bills.
    assert not OutboxMessage.objects.filter(topic="billing.stripe_push").exists()
    assert not Invoice.objects.filter(company=made.company).exists()
    row = WebhookEvent.objects.get(event_id=json.loads(response.wsgi_request.body)["id"])
    assert row.processed_at is not None and row.event_type == "checkout.session.completed"


def test_the_same_event_twice_has_one_effect(stripe_on, make_company, signed_in):
    made = make_company(plan="growth")
    session = _checkout(stripe_on, signed_in(made.user, made.company), plan="growth")
    body = stripe_on.event("checkout.session.completed", session)

    assert _outcome(deliver(body)) == "processed"
    before = _fingerprint()
    assert _outcome(deliver(body)) == "duplicate"
    assert _fingerprint() == before
    assert (
        SubscriptionEvent.objects.filter(company=made.company, kind=SubscriptionEventKind.CONVERTED).count()
        == 1
    )


def test_subscription_created_before_checkout_completed_links_once(stripe_on, make_company, signed_in):
    made = make_company(plan="growth")
    session = _checkout(stripe_on, signed_in(made.user, made.company), plan="growth")
    remote = stripe_on.public(stripe_on.objects("subscription")[session["subscription"]])

    assert _outcome(deliver(stripe_on.event("customer.subscription.created", remote))) == "processed"
    assert _outcome(deliver(stripe_on.event("checkout.session.completed", session))) == "processed"

    subscription = _sub(made.company)
    assert (subscription.status, subscription.stripe_subscription_id) == (S.ACTIVE, remote["id"])
    assert (
        SubscriptionEvent.objects.filter(company=made.company, kind=SubscriptionEventKind.CONVERTED).count()
        == 1
    )


def test_checkout_of_another_company_is_ignored(stripe_on, make_company, signed_in):
    made = make_company(plan="growth")
    session = _checkout(stripe_on, signed_in(made.user, made.company))
    other = make_company(plan="growth").company
    forged = {**session, "client_reference_id": str(other.pk), "metadata": {"company_id": str(other.pk)}}
    assert _outcome(deliver(stripe_on.event("checkout.session.completed", forged))) == "ignored"
    assert _sub(other).status == S.TRIALING and _sub(made.company).status == S.TRIALING


# --- signatures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    ["wrong secret", "stale timestamp", "no header", "tampered body", "garbage header"],
)
def test_a_bad_or_stale_signature_is_400_and_writes_nothing(stripe_on, make_company, signed_in, case):
    made = make_company(plan="growth")
    session = _checkout(stripe_on, signed_in(made.user, made.company))
    body = stripe_on.event("checkout.session.completed", session)
    before = _fingerprint()

    if case == "wrong secret":
        response = deliver(body, secret="whsec_someone_else")
    elif case == "stale timestamp":
        response = deliver(body, timestamp=int(time.time()) - 301)
    elif case == "no header":
        response = deliver(body, header="")
    elif case == "tampered body":
        response = deliver(
            body.replace(session["customer"], "cus_attacker"), header=sign(body, WEBHOOK_SECRET)
        )
    else:
        response = deliver(body, header="t=notanumber,v1=abc")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "webhook_signature_invalid"
    assert _fingerprint() == before
    assert _sub(made.company).status == S.TRIALING


def test_a_signature_within_the_tolerance_is_accepted(stripe_on, make_company, signed_in):
    made = make_company(plan="growth")
    session = _checkout(stripe_on, signed_in(made.user, made.company))
    body = stripe_on.event("checkout.session.completed", session)
    assert _outcome(deliver(body, timestamp=int(time.time()) - 250)) == "processed"


def test_no_webhook_secret_configured_refuses_every_delivery(stripe_on, settings, make_company, signed_in):
    settings.STRIPE_WEBHOOK_SECRET = ""
    body = stripe_on.event("invoice.paid", {"id": "in_x", "object": "invoice"})
    response = deliver(body)
    assert (response.status_code, response.json()["code"]) == (400, "webhook_signature_invalid")
    assert WebhookEvent.objects.count() == 0


# --- customer.subscription.* --------------------------------------------------------------------------


def test_subscription_status_changes_follow_stripe(stripe_on, make_company, signed_in):
    company, remote = _paying(stripe_on, make_company, signed_in)
    t0 = int(time.time())

    def update(status: str, at: int) -> str:
        remote["status"] = status
        return _outcome(
            deliver(stripe_on.event("customer.subscription.updated", stripe_on.public(remote), created=at))
        )

    assert update("past_due", t0 + 1) == "processed"
    assert (_sub(company).status, _lock(company)) == (S.PAST_DUE, BillingLock.NONE)
    assert _sub(company).past_due_since is not None
    assert update("unpaid", t0 + 2) == "processed"
    assert (_sub(company).status, _lock(company)) == (S.READ_ONLY, BillingLock.READ_ONLY)
    assert update("active", t0 + 3) == "processed"
    assert (_sub(company).status, _lock(company)) == (S.ACTIVE, BillingLock.NONE)
    sources = set(
        SubscriptionEvent.objects.filter(
            company=company, kind=SubscriptionEventKind.STATUS_CHANGED
        ).values_list("source", flat=True)
    )
    assert sources == {"stripe"}


def test_out_of_order_subscription_updates_keep_the_newest_state(stripe_on, make_company, signed_in):
    company, remote = _paying(stripe_on, make_company, signed_in)
    t0 = int(time.time()) + 10
    remote["status"] = "active"
    older = stripe_on.event("customer.subscription.updated", stripe_on.public(remote), created=t0)
    remote["status"] = "past_due"
    newer = stripe_on.event("customer.subscription.updated", stripe_on.public(remote), created=t0 + 5)

    assert _outcome(deliver(newer)) == "processed"
    assert _sub(company).status == S.PAST_DUE
    assert _outcome(deliver(older)) == "stale"
    assert _sub(company).status == S.PAST_DUE
    assert WebhookEvent.objects.filter(event_type="customer.subscription.updated").count() == 2


def test_updates_in_the_same_second_re_read_the_subscription(stripe_on, make_company, signed_in):
    company, remote = _paying(stripe_on, make_company, signed_in)
    t0 = int(time.time()) + 10
    remote["status"] = "past_due"
    first = stripe_on.event("customer.subscription.updated", stripe_on.public(remote), created=t0)
    remote["status"] = "active"
    second = stripe_on.event("customer.subscription.updated", stripe_on.public(remote), created=t0)
    # Stripe's state is now past_due again (the newest); the deliveries arrive in the other order.
    remote["status"] = "past_due"

    assert _outcome(deliver(first)) == "processed"
    stripe_on.requests.clear()
    assert _outcome(deliver(second)) == "processed"

    assert stripe_on.requests_to("GET", "/v1/subscriptions/{id}")  # the tie was settled by Stripe's state
    assert _sub(company).status == S.PAST_DUE


def test_a_plan_change_in_the_portal_is_followed_by_its_price(stripe_on, make_company, signed_in):
    company, remote = _paying(stripe_on, make_company, signed_in, plan="growth")
    enterprise = PlanPrice.objects.get(
        version__plan__code="enterprise",
        version__plan__current_version=F("version"),
        currency="CNY",
        interval="month",
    ).stripe_price_id
    licensed = remote["items"]["data"][0]
    licensed["price"] = stripe_on.public(stripe_on.objects("price")[enterprise])
    remote["items"]["data"] = [licensed]

    assert (
        _outcome(deliver(stripe_on.event("customer.subscription.updated", stripe_on.public(remote))))
        == "processed"
    )

    subscription = _sub(company)
    assert subscription.plan_version.plan.code == "enterprise"
    change = SubscriptionEvent.objects.filter(
        company=company, kind=SubscriptionEventKind.PLAN_CHANGED
    ).first()
    assert change is not None and change.source == "stripe"
    assert not OutboxMessage.objects.filter(topic="billing.stripe_push").exists()


def test_cancellation_scheduled_in_the_portal_and_the_end_of_the_subscription(
    stripe_on, make_company, signed_in
):
    company, remote = _paying(stripe_on, make_company, signed_in, plan="growth")
    remote["cancel_at_period_end"] = True
    assert (
        _outcome(deliver(stripe_on.event("customer.subscription.updated", stripe_on.public(remote))))
        == "processed"
    )
    assert _sub(company).cancel_at_period_end is True
    assert SubscriptionEvent.objects.filter(
        company=company, kind=SubscriptionEventKind.CANCEL_SCHEDULED
    ).exists()

    remote.update(status="canceled")
    deleted = stripe_on.event(
        "customer.subscription.deleted", stripe_on.public(remote), created=int(time.time()) + 5
    )
    assert _outcome(deliver(deleted)) == "processed"

    subscription = _sub(company)
    # As when a cancellation reaches its period end in Hansa: the free plan, since the usage fits.
    assert (subscription.status, subscription.plan_version.plan.code) == (S.ACTIVE, "free")
    assert (subscription.gateway, subscription.stripe_subscription_id) == (Gateway.OFFLINE, "")
    assert SubscriptionEvent.objects.filter(company=company, kind=SubscriptionEventKind.CANCELED).count() == 1
    # A late update of the ended subscription changes nothing.
    remote["status"] = "active"
    late = stripe_on.event(
        "customer.subscription.updated", stripe_on.public(remote), created=int(time.time())
    )
    assert _outcome(deliver(late)) in ("stale", "ignored")
    assert _sub(company).plan_version.plan.code == "free"


def test_events_of_unknown_customers_and_kinds_are_kept_and_ignored(stripe_on):
    body = stripe_on.event(
        "customer.subscription.updated",
        {"id": "sub_nobody", "object": "subscription", "customer": "cus_nobody", "status": "active"},
    )
    assert _outcome(deliver(body)) == "ignored"
    assert (
        _outcome(deliver(stripe_on.event("charge.refunded", {"id": "ch_1", "object": "charge"}))) == "ignored"
    )
    assert WebhookEvent.objects.filter(processed_at__isnull=False).count() == 2


# --- invoices -----------------------------------------------------------------------------------------


def test_invoice_paid_records_the_invoice_its_lines_and_the_payment(stripe_on, make_company, signed_in):
    from billing.gateways.stripe import stripe_meter_events_relay
    from billing.tests.test_stripe_gateway import _usage

    company, remote = _paying(stripe_on, make_company, signed_in, plan="growth")
    for _ in range(52):
        _usage(company, "rfqs_published", 1)
    stripe_meter_events_relay()
    invoice = stripe_on.invoice_create(subscription_id=remote["id"], status="paid")

    assert _outcome(deliver(stripe_on.event("invoice.paid", invoice))) == "processed"

    recorded = Invoice.objects.get(stripe_invoice_id=invoice["id"])
    assert (recorded.status, recorded.gateway, recorded.currency) == (
        InvoiceStatus.PAID,
        Gateway.STRIPE,
        "CNY",
    )
    assert recorded.number == invoice["number"]
    assert recorded.total == Decimal("409.00")  # 399 base + 2 RFQs over 50 at 5.00
    assert recorded.amount_paid == recorded.total
    lines = {(line.kind, line.meter): line for line in recorded.lines.all()}
    assert lines[(InvoiceLineKind.BASE, "")].amount == Decimal("399.00")
    overage = lines[(InvoiceLineKind.OVERAGE, "rfqs_published")]
    assert (overage.quantity, overage.amount) == (Decimal("52"), Decimal("10.00"))
    (payment,) = Payment.objects.filter(invoice=recorded)
    assert (payment.amount, payment.method, payment.company_id) == (Decimal("409.00"), "stripe", company.pk)

    before = _fingerprint()
    assert (
        _outcome(deliver(stripe_on.event("invoice.paid", invoice))) == "processed"
    )  # a new event, same invoice
    after = _fingerprint()
    assert after[3:5] == before[3:5]  # no second invoice, no second payment


def test_a_failed_payment_makes_the_subscription_past_due_and_a_payment_active_again(
    stripe_on, make_company, signed_in
):
    company, remote = _paying(stripe_on, make_company, signed_in)
    invoice = stripe_on.invoice_create(subscription_id=remote["id"], status="open")

    assert _outcome(deliver(stripe_on.event("invoice.finalized", invoice))) == "processed"
    assert Invoice.objects.get(stripe_invoice_id=invoice["id"]).status == InvoiceStatus.OPEN
    assert _outcome(deliver(stripe_on.event("invoice.payment_failed", invoice))) == "processed"
    assert _sub(company).status == S.PAST_DUE

    paid = {**invoice, "status": "paid", "amount_paid": invoice["total"], "amount_remaining": 0}
    assert _outcome(deliver(stripe_on.event("invoice.paid", paid))) == "processed"
    assert _sub(company).status == S.ACTIVE
    assert Invoice.objects.get(stripe_invoice_id=invoice["id"]).status == InvoiceStatus.PAID
    # The failure delivered late does not undo the payment.
    assert _outcome(deliver(stripe_on.event("invoice.payment_failed", invoice))) == "stale"
    assert _sub(company).status == S.ACTIVE


def test_invoice_paid_before_finalized_stays_paid(stripe_on, make_company, signed_in):
    company, remote = _paying(stripe_on, make_company, signed_in)
    invoice = stripe_on.invoice_create(subscription_id=remote["id"], status="paid")
    assert _outcome(deliver(stripe_on.event("invoice.paid", invoice))) == "processed"
    open_copy = {**invoice, "status": "open", "amount_paid": 0}
    assert _outcome(deliver(stripe_on.event("invoice.finalized", open_copy))) == "processed"
    assert Invoice.objects.get(stripe_invoice_id=invoice["id"]).status == InvoiceStatus.PAID
    assert Invoice.objects.filter(company=company).count() == 1


def test_invoice_paid_before_any_subscription_event_links_and_converts(stripe_on, make_company, signed_in):
    made = make_company(plan="growth")
    session = _checkout(stripe_on, signed_in(made.user, made.company), plan="growth")
    invoice = stripe_on.invoice_create(
        subscription_id=session["subscription"], status="paid", billing_reason="subscription_create"
    )

    assert _outcome(deliver(stripe_on.event("invoice.paid", invoice))) == "processed"

    subscription = _sub(made.company)
    assert (subscription.status, subscription.gateway) == (S.ACTIVE, Gateway.STRIPE)
    assert Invoice.objects.get(stripe_invoice_id=invoice["id"]).status == InvoiceStatus.PAID
    assert _outcome(deliver(stripe_on.event("checkout.session.completed", session))) == "processed"
    assert (
        SubscriptionEvent.objects.filter(company=made.company, kind=SubscriptionEventKind.CONVERTED).count()
        == 1
    )


def test_a_portal_downgrade_below_usage_is_not_followed(stripe_on, make_company, signed_in, caplog):
    from billing.meters import GAUGE_PERIOD
    from billing.models import UsageCounter

    company, remote = _paying(stripe_on, make_company, signed_in, plan="business")
    UsageCounter.objects.update_or_create(
        company=company, meter="members", period_start=GAUGE_PERIOD, defaults={"quantity": 20}
    )
    growth = PlanPrice.objects.get(
        version__plan__code="growth",
        version__plan__current_version=F("version"),
        currency="CNY",
        interval="month",
    ).stripe_price_id
    licensed = remote["items"]["data"][0]
    licensed["price"] = stripe_on.public(stripe_on.objects("price")[growth])
    remote["items"]["data"] = [licensed]

    assert (
        _outcome(deliver(stripe_on.event("customer.subscription.updated", stripe_on.public(remote))))
        == "processed"
    )

    assert _sub(company).plan_version.plan.code == "business"
    assert "downgrade_exceeds_usage" in caplog.text


def test_a_canceled_company_that_pays_through_stripe_again_is_active(stripe_on, make_company, signed_in):
    made = make_company(plan="growth")
    locked = Subscription.objects.select_for_update().get(company=made.company)
    subs.subscription_set_status(subscription=locked, status=S.CANCELED, source="operator", reason="test")
    assert _lock(made.company) == BillingLock.READ_ONLY

    session = _checkout(stripe_on, signed_in(made.user, made.company), plan="business")
    assert _outcome(deliver(stripe_on.event("checkout.session.completed", session))) == "processed"

    subscription = _sub(made.company)
    assert (subscription.status, subscription.plan_version.plan.code) == (S.ACTIVE, "business")
    assert _lock(made.company) == BillingLock.NONE


def test_stripe_unreachable_while_applying_answers_500_and_the_retry_applies_it(
    stripe_on, make_company, signed_in
):
    made = make_company(plan="growth")
    session = _checkout(stripe_on, signed_in(made.user, made.company), plan="growth")
    body = stripe_on.event("checkout.session.completed", session)
    stripe_on.fail_next("/v1/subscriptions/", 500)
    before = _fingerprint()

    failed = deliver(body, raise_errors=False)

    assert failed.status_code == 500
    assert _fingerprint() == before  # not even the event row: Stripe delivers it again
    assert _outcome(deliver(body)) == "processed"
    assert _sub(made.company).status == S.ACTIVE


def test_the_webhook_needs_no_csrf_token(stripe_on, settings):
    from django.test import Client

    body = stripe_on.event("charge.refunded", {"id": "ch_1", "object": "charge"})
    client = Client(enforce_csrf_checks=True, HTTP_HOST=settings.HANSA_BASE_DOMAIN)
    response = client.post(
        WEBHOOK, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body, WEBHOOK_SECRET)
    )
    assert _outcome(response) == "ignored"


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_of_one_event_racing_have_one_effect(stripe_on, make_company):
    """Stripe may deliver an event again while the first delivery is still being applied: the second
    waits on the event's row and answers duplicate; the payment is recorded once."""
    import threading

    from django.db import connection

    from billing.tests.test_stripe_gateway import _link

    company = make_company(plan="growth").company
    remote = _link(company, stripe_on)
    invoice = stripe_on.invoice_create(subscription_id=remote["id"], status="paid")
    body = stripe_on.event("invoice.paid", invoice)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def post() -> None:
        try:
            barrier.wait()
            outcomes.append(_outcome(deliver(body)))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["duplicate", "processed"]
    assert WebhookEvent.objects.filter(event_type="invoice.paid").count() == 1
    assert Invoice.objects.filter(stripe_invoice_id=invoice["id"]).count() == 1
    assert Payment.objects.filter(invoice__stripe_invoice_id=invoice["id"]).count() == 1
