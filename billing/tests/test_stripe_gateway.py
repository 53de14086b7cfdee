"""The Stripe gateway through the real SDK against the local fake Stripe server: catalogue sync, Checkout and
portal endpoints, plan changes and cancellations pushed through the outbox, meter events sent once."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.db.models import F
from django.utils import timezone

from billing.gateways.base import gateway_for
from billing.gateways.stripe import (
    PUSH_TOPIC,
    StripeGateway,
    meter_event_name,
    stripe_catalog_sync,
    stripe_gauge_snapshots_send,
    stripe_meter_events_relay,
    stripe_subscription_push,
)
from billing.meters import Meter
from billing.models import Entitlement, Gateway, PlanPrice, Subscription, UsageCounter, UsageEvent
from billing.services import subscriptions as subs
from billing.tests import fake_stripe as fakes
from billing.tests.fake_stripe import FakeStripe
from kernel.models import OutboxMessage
from kernel.outbox import outbox_deliver_message
from tenants.models import Company

pytestmark = pytest.mark.django_db
fake_stripe = fakes.fake_stripe_fixture
stripe_on = fakes.stripe_on_fixture


def _sub(company: Company) -> Subscription:
    return Subscription.objects.select_related("plan_version__plan").get(company=company)


def _price_id(plan: str, currency: str = "CNY", interval: str = "month") -> str:
    return PlanPrice.objects.get(
        version__plan__code=plan,
        version__plan__current_version=F("version"),
        currency=currency,
        interval=interval,
    ).stripe_price_id


def _metered_ids(plan: str) -> list[str]:
    return list(
        Entitlement.objects.filter(
            version__plan__code=plan, version__plan__current_version=F("version"), enforcement="soft"
        )
        .order_by("meter")
        .values_list("stripe_price_id", flat=True)
    )


def _link(company: Company, fake: FakeStripe, plan: str = "growth", interval: str = "month") -> dict:
    """Make the company a paying Stripe subscriber of ``plan`` (as after Checkout), on both sides."""
    subscription = _sub(company)
    customer = fake._customer({"metadata": {"company_id": str(company.pk)}})
    prices = [_price_id(plan, interval=interval), *(_metered_ids(plan) if interval == "month" else [])]
    remote = fake.subscription_create(customer=customer["id"], prices=prices, currency="cny")
    if subscription.plan_version.plan.code != plan:
        subs.subscription_change_plan(company_id=company.pk, plan_code=plan, source="operator")
    Subscription.objects.filter(pk=subscription.pk).update(
        gateway=Gateway.STRIPE, stripe_customer_id=customer["id"], stripe_subscription_id=remote["id"]
    )
    subs.subscription_convert(company_id=company.pk, interval=interval)
    return remote


# --- catalogue ----------------------------------------------------------------------------------------


def test_catalog_sync_creates_products_meters_and_prices_once(fake_stripe, settings):
    from billing.tests.fake_stripe import stripe_settings

    for name, value in stripe_settings(fake_stripe).items():
        setattr(settings, name, value)

    first = stripe_catalog_sync()

    assert (first.products, first.meters) == (3, 4)  # growth, business, enterprise; 4 soft meters
    assert first.prices == PlanPrice.objects.filter(amount__gt=0).count() == 18
    assert first.metered_prices == 8
    assert not PlanPrice.objects.filter(amount__gt=0, stripe_price_id="").exists()
    assert not PlanPrice.objects.filter(amount=0).exclude(stripe_price_id="").exists()
    meters = {m["event_name"]: m for m in fake_stripe.objects("billing.meter").values()}
    assert meters[meter_event_name(Meter.LISTINGS)]["default_aggregation"]["formula"] == "last"
    assert meters[meter_event_name(Meter.PURCHASE_ORDERS)]["default_aggregation"]["formula"] == "sum"
    growth_monthly = fake_stripe.objects("price")[_price_id("growth")]
    assert (growth_monthly["unit_amount"], growth_monthly["currency"]) == (39900, "cny")
    assert growth_monthly["recurring"]["usage_type"] == "licensed"
    rfqs = Entitlement.objects.get(
        version__plan__code="growth", version__plan__current_version=F("version"), meter=Meter.RFQS_PUBLISHED
    )
    metered = fake_stripe.objects("price")[rfqs.stripe_price_id]
    assert metered["recurring"]["usage_type"] == "metered"
    assert metered["recurring"]["meter"] == meters["hansa_rfqs_published"]["id"]
    assert metered["_tiers"] == [
        {"up_to": "50", "unit_amount_decimal": "0"},
        {"up_to": "inf", "unit_amount_decimal": "500"},
    ]
    assert metered["currency_options"]["usd"]["tiers"][1]["unit_amount_decimal"] == "75"
    # 51 RFQs in a month cost one overage unit, in the subscription's currency.
    assert fake_stripe.price_amount(fake_stripe.objects("price")[rfqs.stripe_price_id], 51, "usd") == 75

    fake_stripe.requests.clear()
    again = stripe_catalog_sync()
    assert (again.products, again.meters, again.prices, again.metered_prices) == (0, 0, 0, 0)
    assert [r.method for r in fake_stripe.requests] == []


def test_catalog_sync_interrupted_half_way_is_run_again(fake_stripe, settings):
    from billing.tests.fake_stripe import stripe_settings

    for name, value in stripe_settings(fake_stripe).items():
        setattr(settings, name, value)
    fake_stripe.fail_next("/v1/prices", 500, after=10)
    from billing.exceptions import GatewayUnavailable

    with pytest.raises(GatewayUnavailable):
        stripe_catalog_sync()
    assert PlanPrice.objects.filter(amount__gt=0).exclude(stripe_price_id="").count() == 10
    stripe_catalog_sync()
    assert not PlanPrice.objects.filter(amount__gt=0, stripe_price_id="").exists()
    # One Stripe price per row: nothing was created twice.
    assert len(fake_stripe.objects("price")) == 18 + 8


# --- Checkout and portal endpoints --------------------------------------------------------------------


def test_checkout_opens_a_subscription_session_with_base_and_metered_prices(
    stripe_on, make_company, signed_in
):
    made = make_company(plan="growth")
    client = signed_in(made.user, made.company)

    response = client.post_json("/api/billing/checkout/", {"plan_code": "business", "interval": "month"})

    assert response.status_code == 200, response.content
    url = response.json()["url"]
    session = next(iter(stripe_on.objects("checkout.session").values()))
    assert url == session["url"] and url.startswith(stripe_on.url)
    (sent,) = stripe_on.requests_to("POST", "/v1/checkout/sessions")
    params = sent.params
    assert params["mode"] == "subscription"
    assert params["line_items"][0] == {"price": _price_id("business"), "quantity": "1"}
    assert [item["price"] for item in params["line_items"][1:]] == _metered_ids("business")
    assert all("quantity" not in item for item in params["line_items"][1:])
    assert params["client_reference_id"] == str(made.company.pk)
    assert params["metadata"]["company_id"] == str(made.company.pk)
    assert params["subscription_data"]["metadata"]["company_id"] == str(made.company.pk)
    assert params["currency"] == "cny"
    host = f"{made.company.slug}."
    assert host in params["success_url"] and "{CHECKOUT_SESSION_ID}" in params["success_url"]
    assert host in params["cancel_url"]
    (customer_call,) = stripe_on.requests_to("POST", "/v1/customers")
    assert customer_call.params["metadata"]["company_id"] == str(made.company.pk)
    assert customer_call.headers.get("idempotency-key", "").startswith("hansa-customer-")
    subscription = _sub(made.company)
    assert subscription.stripe_customer_id == params["customer"]
    # Nothing changes in Hansa until Stripe says the payment completed.
    assert (subscription.status, subscription.plan_version.plan.code, subscription.gateway) == (
        "trialing",
        "growth",
        Gateway.OFFLINE,
    )

    again = client.post_json("/api/billing/checkout/", {"plan_code": "business", "interval": "year"})
    assert again.status_code == 200
    assert len(stripe_on.requests_to("POST", "/v1/customers")) == 1  # the customer is reused
    yearly = stripe_on.requests_to("POST", "/v1/checkout/sessions")[1].params
    assert yearly["line_items"] == [{"price": _price_id("business", interval="year"), "quantity": "1"}]


def test_checkout_without_stripe_is_409_gateway_not_configured(
    fake_stripe, make_company, signed_in, settings
):
    settings.STRIPE_SECRET_KEY = ""
    made = make_company()
    response = signed_in(made.user, made.company).post_json(
        "/api/billing/checkout/", {"plan_code": "business", "interval": "month"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "gateway_not_configured"
    portal = signed_in(made.user, made.company).post_json("/api/billing/portal/")
    assert portal.json()["code"] == "gateway_not_configured"
    assert fake_stripe.requests == []
    assert _sub(made.company).stripe_customer_id == ""


def test_checkout_refusals(stripe_on, make_company, signed_in):
    from identity.models import User
    from identity.services import membership_create

    made = make_company()
    owner = signed_in(made.user, made.company)
    assert (
        owner.post_json("/api/billing/checkout/", {"plan_code": "platinum"}).json()["code"]
        == "plan_not_found"
    )
    free = owner.post_json("/api/billing/checkout/", {"plan_code": "free"})
    assert (free.status_code, free.json()["code"]) == (409, "plan_not_on_gateway")
    bad = owner.post_json("/api/billing/checkout/", {"plan_code": "growth", "interval": "week"})
    assert bad.json()["code"] == "validation_error"
    viewer = User.objects.create_user(email=f"viewer@{made.company.slug}.test", password="x" * 12)
    membership_create(user=viewer, company=made.company, roles=["viewer"])
    denied = signed_in(viewer, made.company).post_json("/api/billing/checkout/", {"plan_code": "growth"})
    assert (denied.status_code, denied.json()["code"]) == (403, "permission_denied")
    finance = User.objects.create_user(email=f"finance@{made.company.slug}.test", password="x" * 12)
    membership_create(user=finance, company=made.company, roles=["finance"])
    assert (
        signed_in(finance, made.company)
        .post_json("/api/billing/checkout/", {"plan_code": "growth"})
        .status_code
        == 200
    )
    assert len(stripe_on.requests_to("POST", "/v1/checkout/sessions")) == 1


def test_checkout_when_stripe_fails_is_502_and_changes_nothing(stripe_on, make_company, signed_in):
    made = make_company()
    stripe_on.fail_next("/v1/customers", 500)
    response = signed_in(made.user, made.company).post_json("/api/billing/checkout/", {"plan_code": "growth"})
    assert (response.status_code, response.json()["code"]) == (502, "gateway_unavailable")
    assert _sub(made.company).stripe_customer_id == ""
    assert stripe_on.requests_to("POST", "/v1/checkout/sessions") == []


def test_portal_opens_for_a_stripe_customer_only(stripe_on, make_company, signed_in):
    made = make_company()
    client = signed_in(made.user, made.company)
    before = client.post_json("/api/billing/portal/")
    assert (before.status_code, before.json()["code"]) == (409, "subscription_state_refused")

    _link(made.company, stripe_on)
    response = client.post_json("/api/billing/portal/")

    assert response.status_code == 200
    (sent,) = stripe_on.requests_to("POST", "/v1/billing_portal/sessions")
    assert sent.params["customer"] == _sub(made.company).stripe_customer_id
    assert sent.params["return_url"].endswith("/billing") and made.company.slug in sent.params["return_url"]
    assert response.json()["url"].startswith(f"{stripe_on.url}/p/session/")


# --- plan changes and cancellation pushed to Stripe ---------------------------------------------------


def _deliver_pushes() -> int:
    done = 0
    for message in OutboxMessage.objects.filter(topic=PUSH_TOPIC, processed_at__isnull=True):
        assert outbox_deliver_message(message_id=str(message.pk))
        done += 1
    return done


def test_a_plan_change_in_hansa_reaches_stripe_with_proration(stripe_on, make_company):
    company = make_company(plan="growth").company
    remote = _link(company, stripe_on)
    assert isinstance(gateway_for(_sub(company)), StripeGateway)
    items_before = [i["id"] for i in remote["items"]["data"]]
    stripe_on.requests.clear()

    subs.subscription_change_plan(company_id=company.pk, plan_code="business", source="owner")

    assert stripe_on.requests == []  # nothing leaves before the commit: the outbox carries it
    assert _deliver_pushes() == 1
    (update,) = stripe_on.requests_to("POST", "/v1/subscriptions/{id}")
    assert update.params["proration_behavior"] == "create_prorations"
    changes = update.params["items"]
    assert {"id": items_before[0], "price": _price_id("business"), "quantity": "1"} in changes
    deleted = {c["id"] for c in changes if c.get("deleted") == "true"}
    assert deleted == set(items_before[1:])  # growth's metered prices
    assert sorted(c["price"] for c in changes if "price" in c and "id" not in c) == sorted(
        _metered_ids("business")
    )
    now_on_stripe = stripe_on.objects("subscription")[remote["id"]]
    assert sorted(i["price"]["id"] for i in now_on_stripe["items"]["data"]) == sorted(
        [_price_id("business"), *_metered_ids("business")]
    )
    # Delivered again (the outbox is at least once): Stripe already matches, nothing is sent.
    stripe_on.requests.clear()
    assert stripe_subscription_push(company_id=company.pk) is False
    assert stripe_on.requests_to("POST", "/v1/subscriptions/{id}") == []


def test_a_rolled_back_plan_change_sends_nothing(stripe_on, make_company):
    from django.db import transaction

    company = make_company(plan="growth").company
    _link(company, stripe_on)
    with pytest.raises(RuntimeError), transaction.atomic():
        subs.subscription_change_plan(company_id=company.pk, plan_code="business", source="owner")
        raise RuntimeError("the request failed later")
    assert not OutboxMessage.objects.filter(topic=PUSH_TOPIC).exists()
    assert _sub(company).plan_version.plan.code == "growth"


def test_cancel_at_period_end_and_its_withdrawal_reach_stripe(stripe_on, make_company):
    company = make_company().company
    remote = _link(company, stripe_on)
    subscription = subs.subscription_cancel(company_id=company.pk)
    StripeGateway().cancel_changed(subscription=subscription)
    _deliver_pushes()
    assert stripe_on.objects("subscription")[remote["id"]]["cancel_at_period_end"] is True
    (update,) = stripe_on.requests_to("POST", "/v1/subscriptions/{id}")
    assert update.params == {"cancel_at_period_end": "true"}

    subscription = subs.subscription_cancel_revoke(company_id=company.pk)
    StripeGateway().cancel_changed(subscription=subscription)
    _deliver_pushes()
    assert stripe_on.objects("subscription")[remote["id"]]["cancel_at_period_end"] is False


def test_a_move_to_the_free_plan_ends_the_stripe_subscription_at_period_end(stripe_on, make_company):
    company = make_company().company
    remote = _link(company, stripe_on)
    subs.subscription_change_plan(company_id=company.pk, plan_code="free", source="owner")
    _deliver_pushes()
    on_stripe = stripe_on.objects("subscription")[remote["id"]]
    assert on_stripe["cancel_at_period_end"] is True
    # The paid period runs out on the plan it was paid for.
    assert on_stripe["items"]["data"][0]["price"]["id"] == _price_id("growth")


# --- meter events -------------------------------------------------------------------------------------


def _usage(company: Company, meter: str, quantity: int, at: dt.datetime | None = None) -> UsageEvent:
    at = at or timezone.now()
    from billing.meters import period_start

    event = UsageEvent.objects.create(
        id=uuid.uuid4(),
        company=company,
        meter=meter,
        quantity=quantity,
        occurred_at=at,
        period_start=period_start(meter, at),
    )
    counter, _ = UsageCounter.objects.get_or_create(
        company=company, meter=meter, period_start=period_start(meter, at)
    )
    UsageCounter.objects.filter(pk=counter.pk).update(quantity=counter.quantity + quantity)
    return event


def test_meter_events_are_sent_once_by_identifier(stripe_on, make_company):
    paying = make_company(plan="growth").company
    _link(paying, stripe_on)
    offline = make_company(plan="growth").company
    customer = _sub(paying).stripe_customer_id
    orders = [_usage(paying, Meter.PURCHASE_ORDERS, 1) for _ in range(3)]
    listings = _usage(paying, Meter.LISTINGS, 7)
    members = _usage(paying, Meter.MEMBERS, 1)  # a hard limit: not billed through Stripe
    old = _usage(paying, Meter.RFQS_PUBLISHED, 2, at=timezone.now() - dt.timedelta(days=40))
    _usage(offline, Meter.PURCHASE_ORDERS, 1)

    assert stripe_meter_events_relay() == 5

    sent = stripe_on.requests_to("POST", "/v1/billing/meter_events")
    assert sorted(r.params["identifier"] for r in sent) == sorted(str(e.pk) for e in [*orders, listings, old])
    by_id = {r.params["identifier"]: r.params for r in sent}
    assert by_id[str(orders[0].pk)]["event_name"] == "hansa_purchase_orders"
    assert by_id[str(orders[0].pk)]["payload"] == {"stripe_customer_id": customer, "value": "1"}
    assert by_id[str(orders[0].pk)]["timestamp"] == str(int(orders[0].occurred_at.timestamp()))
    assert by_id[str(listings.pk)]["payload"]["value"] == "7"  # a gauge sends its total
    assert int(by_id[str(old.pk)]["timestamp"]) > (timezone.now() - dt.timedelta(days=35)).timestamp()
    assert not UsageEvent.objects.filter(company=paying, sent_to_gateway_at__isnull=True).exists()
    members.refresh_from_db()
    assert members.sent_to_gateway_at is not None
    assert UsageEvent.objects.filter(company=offline, sent_to_gateway_at__isnull=True).count() == 1
    assert stripe_on.meter_event_totals()[("hansa_purchase_orders", customer)] == 3

    # A crash after Stripe answered but before the mark: the events go again, Stripe counts them once.
    UsageEvent.objects.filter(pk__in=[e.pk for e in orders]).update(sent_to_gateway_at=None)
    assert stripe_meter_events_relay() == 3
    assert len(stripe_on.requests_to("POST", "/v1/billing/meter_events")) == 8
    assert stripe_on.meter_event_totals()[("hansa_purchase_orders", customer)] == 3
    assert stripe_meter_events_relay() == 0


def test_meter_events_stop_at_an_outage_and_resume(stripe_on, make_company):
    company = make_company(plan="growth").company
    _link(company, stripe_on)
    events = [_usage(company, Meter.SALES_ORDERS, 1) for _ in range(3)]
    stripe_on.fail_next("/v1/billing/meter_events", 503)
    assert stripe_meter_events_relay() == 0
    assert (
        UsageEvent.objects.filter(pk__in=[e.pk for e in events], sent_to_gateway_at__isnull=True).count() == 3
    )
    assert stripe_meter_events_relay() == 3
    customer = _sub(company).stripe_customer_id
    assert stripe_on.meter_event_totals()[("hansa_sales_orders", customer)] == 3


def test_gauges_are_snapshotted_daily_so_every_period_has_a_value(stripe_on, make_company):
    company = make_company(plan="growth").company
    _link(company, stripe_on)
    _usage(company, Meter.LISTINGS, 612)
    customer = _sub(company).stripe_customer_id

    assert stripe_gauge_snapshots_send() == 1  # listings: the growth plan's one soft gauge
    assert stripe_gauge_snapshots_send() == 1  # the same day again: Stripe counts the identifier once

    sent = stripe_on.requests_to("POST", "/v1/billing/meter_events")
    assert {r.params["identifier"] for r in sent} == {
        f"hansa-gauge-{company.pk}-listings-{timezone.now():%Y%m%d}"
    }
    assert sent[0].params["payload"] == {"stripe_customer_id": customer, "value": "612"}
    assert stripe_on.meter_event_totals()[("hansa_listings", customer)] == 612
    later = timezone.now() + dt.timedelta(days=1)
    stripe_on.clock = int(later.timestamp())  # Stripe's clock too: a day later
    assert stripe_gauge_snapshots_send(now=later) == 1
    assert len(stripe_on.state.meter_events) == 2


def test_the_fake_speaks_stripes_wire_format(stripe_on):
    """Form encoding with brackets in, JSON objects and the error envelope out."""
    import stripe

    client = stripe.StripeClient("sk_test_x", base_addresses={"api": stripe_on.url}, max_network_retries=0)
    with pytest.raises(stripe.InvalidRequestError) as caught:
        client.v1.prices.retrieve("price_missing")
    assert (caught.value.http_status, caught.value.code) == (404, "resource_missing")
    assert caught.value.json_body["error"]["type"] == "invalid_request_error"
    with pytest.raises(stripe.AuthenticationError):
        stripe.StripeClient(
            "pk_live_x", base_addresses={"api": stripe_on.url}, max_network_retries=0
        ).v1.customers.list()
    created = client.v1.customers.create({"metadata": {"company_id": "7"}}, {"idempotency_key": "same"})
    again = client.v1.customers.create({"metadata": {"company_id": "7"}}, {"idempotency_key": "same"})
    assert created.id == again.id and created.object == "customer"
    assert json.loads(json.dumps(created.to_dict()))["metadata"] == {"company_id": "7"}


def test_the_catalog_sync_command(fake_stripe, settings):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from billing.tests.fake_stripe import stripe_settings

    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(CommandError):
        call_command("stripe_catalog_sync")
    for name, value in stripe_settings(fake_stripe).items():
        setattr(settings, name, value)
    out = StringIO()
    call_command("stripe_catalog_sync", stdout=out)
    assert out.getvalue().strip() == "products 3, meters 4, prices 18, metered prices 8 created"
