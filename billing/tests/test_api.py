"""The company's billing page API (tenant host, billing.manage) and the public plan list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from billing import selectors
from billing.meters import Meter
from billing.models import Invoice, Subscription, SubscriptionEvent, SubscriptionStatus
from billing.services import subscriptions as subs
from billing.services.metering import usage_record
from conftest import PASSWORD, HostClient
from identity.models import User
from identity.services import membership_create
from tenants.models import BillingLock, Company, CompanyStatus

S = SubscriptionStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def acme(make_company):
    return make_company(company_name="Acme")


@pytest.fixture
def owner(acme, signed_in):
    return signed_in(acme.user, acme.company)


def member(company, roles):
    user = User.objects.create_user(
        email=f"{'-'.join(roles)}-{User.objects.count()}@m.test", password=PASSWORD
    )
    membership_create(user=user, company=company, roles=roles)
    return user


def _sub(company: Company) -> Subscription:
    return Subscription.objects.select_related("plan_version__plan").get(company=company)


def _set_status(company: Company, *statuses: str) -> None:
    for status in statuses:
        subscription = selectors.subscription_for_company(company_id=company.pk, lock=True)
        subs.subscription_set_status(subscription=subscription, status=status)


def test_overview_of_a_trial(owner):
    body = owner.get("/api/billing/").json()
    assert body["plan"] == {
        "code": "growth",
        "name_en": "Growth",
        "name_zh": "成长版",
        "version": 1,
        "is_free": False,
    }
    assert (body["status"], body["interval"], body["currency"], body["gateway"], body["lock"]) == (
        "trialing",
        "month",
        "CNY",
        "offline",
        "",
    )
    assert body["trial_days_left"] == 14
    assert body["base_amount"] == "399.00"
    assert body["credit_amount"] == "0.00"
    assert body["payment_instructions"] == settings.HANSA_BILLING_BANK_DETAILS
    assert body["online_payment"] is False  # no Stripe key: subscribe by invoice and bank transfer
    assert body["read_only_on"] is None and body["suspend_on"] is None
    assert sorted(body["features"]) == ["api_keys", "approvals_multi_level"]


def test_owner_and_finance_may_manage_billing_an_admin_may_not(acme, owner, signed_in):
    admin = signed_in(member(acme.company, ["admin"]), acme.company)
    finance = signed_in(member(acme.company, ["finance"]), acme.company)
    refused = admin.get("/api/billing/")
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    change = admin.post_json("/api/billing/subscription/change-plan/", {"plan_code": "business"})
    assert change.status_code == 403
    assert _sub(acme.company).plan_version.plan.code == "growth"
    assert finance.get("/api/billing/").status_code == 200
    assert owner.get("/api/billing/").status_code == 200
    assert "billing.manage" in owner.get("/api/me/").json()["permissions"]
    assert "billing.manage" not in admin.get("/api/me/").json()["permissions"]


def test_plans_list_with_prices_and_entitlements(owner, public_client):
    body = owner.get("/api/billing/plans/").json()
    assert [p["code"] for p in body["results"]] == ["free", "growth", "business", "enterprise"]
    growth = body["results"][1]
    assert {"currency": "CNY", "interval": "year", "base_amount": "3990.00"} in growth["prices"]
    assert len(growth["prices"]) == 6
    listings = next(e for e in growth["entitlements"] if e["meter"] == "listings")
    assert listings == {
        "meter": "listings",
        "period": "total",
        "included": 500,
        "enforcement": "soft",
        "overage_prices": [
            {"currency": "CNY", "unit_price": "0.2000"},
            {"currency": "EUR", "unit_price": "0.0300"},
            {"currency": "USD", "unit_price": "0.0300"},
        ],
    }
    assert body["results"][3]["entitlements"][0]["included"] is None  # enterprise: unlimited
    public = public_client.get("/api/plans/")
    assert public.status_code == 200
    assert public.json() == body


def test_usage_against_quotas(acme, owner):
    usage_record(company_id=acme.company.pk, meter=Meter.LISTINGS, quantity=400)
    usage_record(company_id=acme.company.pk, meter=Meter.RFQS_PUBLISHED, quantity=3)
    rows = {row["meter"]: row for row in owner.get("/api/billing/usage/").json()["results"]}
    assert rows["listings"] == {
        "meter": "listings",
        "period": "total",
        "period_start": None,
        "used": 400,
        "included": 500,
        "enforcement": "soft",
        "percent": "80.00",
    }
    month = timezone.now().date().replace(day=1).isoformat()
    assert (rows["rfqs_published"]["used"], rows["rfqs_published"]["period_start"]) == (3, month)
    assert rows["rfqs_published"]["percent"] == "6.00"
    assert len(rows) == len(Meter)


def test_usage_history_per_month(acme, owner):
    now = timezone.now()
    usage_record(company_id=acme.company.pk, meter=Meter.PURCHASE_ORDERS, quantity=7)
    body = owner.get("/api/billing/usage/history/?meter=purchase_orders&months=3").json()
    assert body["count"] == 3
    assert body["results"][-1] == {"period_start": now.date().replace(day=1).isoformat(), "used": 7}
    assert [r["used"] for r in body["results"][:2]] == [0, 0]
    usage_record(company_id=acme.company.pk, meter=Meter.MEMBERS, quantity=2)
    members = owner.get("/api/billing/usage/history/?meter=members").json()["results"]
    assert len(members) == 12 and members[-1]["used"] >= 2  # a gauge: what exists at the month's end
    bad = owner.get("/api/billing/usage/history/?meter=bananas&months=99")
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"meter", "months"}


def test_upgrade_answers_the_new_plan_and_quotas(acme, owner):
    response = owner.post_json(
        "/api/billing/subscription/change-plan/", {"plan_code": "business", "interval": "month"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["subscription"]["plan"]["code"] == "business"
    assert body["subscription"]["status"] == "trialing"
    assert body["proration_amount"] == "0.00"  # a trial is not charged
    rows = {row["meter"]: row for row in owner.get("/api/billing/usage/").json()["results"]}
    assert rows["members"]["included"] == 50
    event = SubscriptionEvent.objects.filter(company=acme.company).first()
    assert (event.kind, event.source, event.actor_id) == ("plan_changed", "owner", acme.user.pk)


def test_paid_upgrade_answers_the_proration(acme, owner):
    subs.subscription_convert(company_id=acme.company.pk, now=timezone.now() - dt.timedelta(days=1))
    body = owner.post_json("/api/billing/subscription/change-plan/", {"plan_code": "business"}).json()
    assert body["subscription"]["plan"]["code"] == "business"
    assert 800 < float(body["proration_amount"]) < 900  # (1299 - 399) for 29-30 of 30-31 days


def test_downgrade_below_usage_is_refused_with_the_meters(acme, owner):
    usage_record(company_id=acme.company.pk, meter=Meter.LISTINGS, quantity=25)
    events = SubscriptionEvent.objects.filter(company=acme.company).count()
    response = owner.post_json("/api/billing/subscription/change-plan/", {"plan_code": "free"})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "downgrade_exceeds_usage"
    assert body["meters"] == [{"meter": "listings", "used": 25, "limit": 20}]
    assert _sub(acme.company).plan_version.plan.code == "growth"
    assert SubscriptionEvent.objects.filter(company=acme.company).count() == events


def test_change_plan_refusals(owner):
    assert owner.post_json("/api/billing/subscription/change-plan/", {"plan_code": "growth"}).json()[
        "code"
    ] == ("plan_unchanged")
    unknown = owner.post_json("/api/billing/subscription/change-plan/", {"plan_code": "platinum"})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "plan_not_found")
    bad = owner.post_json(
        "/api/billing/subscription/change-plan/", {"plan_code": "business", "interval": "week"}
    )
    assert (bad.status_code, list(bad.json()["errors"])) == (400, ["interval"])


def test_convert_cancel_and_resume(acme, owner):
    converted = owner.post_json("/api/billing/subscription/convert/", {"interval": "year"})
    assert converted.status_code == 200
    assert (converted.json()["status"], converted.json()["interval"]) == ("active", "year")
    assert converted.json()["base_amount"] == "3990.00"
    assert Invoice.objects.filter(company=acme.company).count() == 1
    again = owner.post_json("/api/billing/subscription/convert/", {})
    assert (again.status_code, again.json()["code"]) == (409, "subscription_state_refused")
    assert again.json()["subscription_status"] == "active"
    assert Invoice.objects.filter(company=acme.company).count() == 1
    canceled = owner.post_json("/api/billing/subscription/cancel/", {"reason": "Too big"})
    assert canceled.json()["cancel_at_period_end"] is True
    assert canceled.json()["status"] == "active"
    resumed = owner.post("/api/billing/subscription/resume/")
    assert resumed.status_code == 200 and resumed.json()["cancel_at_period_end"] is False
    kinds = [e["kind"] for e in owner.get("/api/billing/subscription/events/").json()["results"]]
    assert kinds == ["cancel_revoked", "cancel_scheduled", "converted", "trial_started"]
    converted_event = owner.get("/api/billing/subscription/events/").json()["results"][2]
    assert converted_event["charged_amount"] == "3990.00"
    assert converted_event["to_plan"] == "growth"
    assert converted_event["actor_name"] == acme.user.full_name


def test_past_due_tells_when_writes_stop(acme, owner):
    subs.subscription_convert(company_id=acme.company.pk)
    subs.subscription_payment_failed(company_id=acme.company.pk)
    since = _sub(acme.company).past_due_since
    body = owner.get("/api/billing/").json()
    assert body["status"] == "past_due"
    assert (
        body["read_only_on"]
        == (since + dt.timedelta(days=settings.HANSA_BILLING_GRACE_DAYS)).date().isoformat()
    )
    grace = settings.HANSA_BILLING_GRACE_DAYS + settings.HANSA_BILLING_SUSPEND_AFTER_DAYS
    assert body["suspend_on"] == (since + dt.timedelta(days=grace)).date().isoformat()


def test_read_only_workspace_keeps_billing_writable(acme, owner):
    subs.subscription_convert(company_id=acme.company.pk)
    _set_status(acme.company, S.PAST_DUE, S.READ_ONLY)
    refused = owner.patch_json("/api/company/", {"legal_name": "Acme Ltd"})
    assert (refused.status_code, refused.json()["code"]) == (402, "subscription_read_only")
    assert owner.get("/api/me/").json()["company"]["billing_lock"] == "read_only"
    assert owner.get("/api/billing/").json()["lock"] == "read_only"
    change = owner.post_json("/api/billing/subscription/change-plan/", {"plan_code": "business"})
    assert change.status_code == 200, change.content
    assert change.json()["subscription"]["lock"] == "read_only"


def test_billing_suspended_workspace_keeps_billing_and_me_open(acme, owner):
    subs.subscription_convert(company_id=acme.company.pk)
    _set_status(acme.company, S.PAST_DUE, S.READ_ONLY, S.SUSPENDED)
    elsewhere = owner.get("/api/company/")
    assert elsewhere.status_code == 403
    assert (elsewhere.json()["code"], elsewhere.json()["suspension"]) == ("company_suspended", "billing")
    me = owner.get("/api/me/")
    assert me.status_code == 200 and me.json()["company"]["billing_lock"] == "suspended"
    body = owner.get("/api/billing/").json()
    assert (body["status"], body["lock"]) == ("suspended", "suspended")
    assert body["payment_instructions"] == settings.HANSA_BILLING_BANK_DETAILS


def test_operator_suspension_closes_billing_too(acme, owner):
    Company.objects.filter(pk=acme.company.pk).update(status=CompanyStatus.SUSPENDED)
    for path in ("/api/billing/", "/api/me/", "/_allauth/browser/v1/auth/session"):
        response = owner.get(path)
        assert response.status_code == 403, path
        assert (response.json()["code"], response.json()["suspension"]) == ("company_suspended", "operator")
    assert Company.objects.get(pk=acme.company.pk).billing_lock == BillingLock.NONE


def test_public_plans_need_no_sign_in_and_signup_takes_a_plan(public_client, signup_payload):
    assert HostClient(settings.HANSA_BASE_DOMAIN).get("/api/plans/?page_size=2").json()["count"] == 4
    payload = signup_payload(plan="business")
    response = public_client.post_json("/api/signup/", payload)
    assert response.status_code == 201, response.content
    company = Company.objects.get(slug=payload["slug"])
    assert _sub(company).plan_version.plan.code == "business"
