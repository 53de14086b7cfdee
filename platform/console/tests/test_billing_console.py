"""The console's billing side: the fleet's figures, one company in detail, operator plan changes and trial
extensions (audited, with a reason), the plans editor and the revenue dashboard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from billing.models import (
    Plan,
    PlanVersion,
    Subscription,
    SubscriptionEvent,
    SubscriptionEventKind,
    SubscriptionStatus,
)
from billing.services import subscriptions as subs
from billing.services.metering import usage_record
from conftest import HostClient
from console import selectors
from identity.models import AuditEntry, User
from identity.services import audit_record

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


@pytest.fixture
def operator():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = User.objects.create_user(email="ops@hansa.test", password="operator-pass-123", is_operator=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def op(operator):
    client = HostClient("localhost:8000")
    client.force_login(operator, backend="identity.backends.MemberAwareBackend")
    return client


def _row(client, slug, **query):
    body = client.get("/api/console/companies/", {"q": slug, **query}).json()
    return next(c for c in body["results"] if c["slug"] == slug)


# Fleet ---------------------------------------------------------------------------------------------


def test_the_fleet_shows_plan_status_members_usage_and_mrr(op, make_company):
    trial = make_company(plan="growth").company
    paying = make_company(plan="business", currency="USD").company
    subs.subscription_convert(company_id=paying.pk, interval="year")
    usage_record(company_id=trial.pk, meter="purchase_orders", quantity=3)

    t = _row(op, trial.slug)
    assert t["plan"] == {"code": "growth", "name_en": "Growth", "name_zh": "成长版", "version": 1}
    assert t["subscription_status"] == "trialing"
    assert t["members"] == 1
    assert t["mrr_amount"] == "0.00" and t["mrr_cny_amount"] == "0.00"  # a trial is not revenue
    orders = next(u for u in t["usage"] if u["meter"] == "purchase_orders")
    assert (orders["used"], orders["included"], orders["percent"]) == (3, 300, "1.00")

    p = _row(op, paying.slug)
    assert p["subscription_status"] == "active" and p["subscription_interval"] == "year"
    # Business yearly in USD is 1890.00: 157.50 a month, at 7.20 CNY per USD.
    assert p["subscription_currency"] == "USD"
    assert p["mrr_amount"] == "157.50"
    assert p["mrr_cny_amount"] == "1134.00"


def test_last_active_is_the_newest_entry_by_a_person_in_the_companys_own_log(op, make_company, operator):
    a = make_company()
    before = _row(op, a.company.slug)["last_active_at"]
    audit_record(action="auth.sign_in_failed", company=a.company, actor_label="stranger@x.test")
    assert _row(op, a.company.slug)["last_active_at"] == before  # nobody signed in
    entry = audit_record(action="auth.signed_in", company=a.company, actor=a.user)
    assert _row(op, a.company.slug)["last_active_at"] == entry.created_at.isoformat().replace("+00:00", "Z")
    audit_record(action="console.company_suspended", company=None, actor=operator, target_id=a.company.pk)
    assert _row(op, a.company.slug)["last_active_at"] == entry.created_at.isoformat().replace("+00:00", "Z")


def test_the_fleet_is_searched_filtered_and_sorted(op, make_company):
    x = make_company(company_name="Zeta Trading", plan="growth").company
    y = make_company(company_name="Alpha Trading", plan="business").company
    subs.subscription_convert(company_id=y.pk, interval="month")

    def slugs(**query):
        body = op.get("/api/console/companies/", {"q": "trading", **query}).json()
        return [c["slug"] for c in body["results"]]

    assert slugs() == [y.slug, x.slug]  # by name
    assert slugs(ordering="-name") == [x.slug, y.slug]
    assert slugs(ordering="-mrr") == [y.slug, x.slug]
    assert slugs(plan="growth") == [x.slug]
    assert slugs(subscription_status="active") == [y.slug]
    assert slugs(subscription_status="trialing") == [x.slug]
    assert op.get("/api/console/companies/", {"q": x.slug.upper()}).json()["count"] == 1
    assert slugs(status="suspended") == []


@pytest.mark.parametrize(
    "query",
    [{"ordering": "mrr; drop"}, {"subscription_status": "gold"}, {"status": "pooled"}, {"q": "x" * 101}],
)
def test_bad_fleet_parameters_are_refused(op, query):
    response = op.get("/api/console/companies/", query)
    assert response.status_code == 400 and response.json()["code"] == "validation_error"


def test_the_fleet_reads_a_fixed_number_of_queries_whatever_its_size(op, make_company):
    make_company()

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert op.get("/api/console/companies/").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for _ in range(3):
        c = make_company().company
        usage_record(company_id=c.pk, meter="listings", quantity=2)
    assert queries() == few


# Company detail and actions ----------------------------------------------------------------------


def test_company_detail_has_subscription_history_usage_and_counts(op, make_company):
    a = make_company(plan="growth").company
    usage_record(company_id=a.pk, meter="members", quantity=0)
    body = op.get(f"/api/console/companies/{a.pk}/").json()
    assert body["company"]["slug"] == a.slug
    assert body["subscription"]["plan_code"] == "growth" and body["subscription"]["status"] == "trialing"
    assert body["subscription"]["plan_version_current"] is True
    assert [e["kind"] for e in body["events"]] == ["trial_started"] and body["events_count"] == 1
    assert {u["meter"] for u in body["usage"]} >= {"members", "purchase_orders"}
    assert body["invoices_count"] == 0
    assert op.get("/api/console/companies/999999/").json()["code"] == "not_found"


def test_an_operator_changes_a_plan_with_a_reason_that_lands_in_both_histories(op, make_company, operator):
    a = make_company(plan="growth").company
    response = op.post(
        f"/api/console/companies/{a.pk}/change-plan/",
        {"plan_code": "business", "reason": "Sales deal #42"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["subscription"]["plan_code"] == "business"
    event = SubscriptionEvent.objects.filter(company=a, kind=SubscriptionEventKind.PLAN_CHANGED).get()
    assert (event.source, event.reason, event.actor) == ("operator", "Sales deal #42", operator)
    entry = AuditEntry.objects.get(action="console.plan_changed")
    assert entry.company is None and entry.target_id == str(a.pk) and entry.reason == "Sales deal #42"
    assert entry.before["plan"] == "growth" and entry.after["plan"] == "business"


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_plan_change_without_a_reason_writes_nothing(op, make_company, reason):
    a = make_company(plan="growth").company
    events, entries = SubscriptionEvent.objects.count(), AuditEntry.objects.count()
    response = op.post(
        f"/api/console/companies/{a.pk}/change-plan/",
        {"plan_code": "business", "reason": reason},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "validation_error"
    assert Subscription.objects.get(company=a).plan_version.plan.code == "growth"
    assert (SubscriptionEvent.objects.count(), AuditEntry.objects.count()) == (events, entries)


def test_a_downgrade_below_usage_is_refused_with_the_meters_and_nothing_is_written(op, make_company):
    a = make_company(plan="growth").company
    usage_record(company_id=a.pk, meter="listings", quantity=25)  # Free allows 20
    entries = AuditEntry.objects.count()
    response = op.post(
        f"/api/console/companies/{a.pk}/change-plan/",
        {"plan_code": "free", "reason": "Asked to downgrade"},
        content_type="application/json",
    )
    assert response.status_code == 409 and response.json()["code"] == "downgrade_exceeds_usage"
    assert Subscription.objects.get(company=a).plan_version.plan.code == "growth"
    assert AuditEntry.objects.count() == entries


def test_an_operator_extends_a_trial(op, make_company):
    a = make_company(plan="growth").company
    ends = Subscription.objects.get(company=a).trial_ends_at
    response = op.post(
        f"/api/console/companies/{a.pk}/extend-trial/",
        {"days": 10, "reason": "Evaluation with their HQ"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert Subscription.objects.get(company=a).trial_ends_at == ends + dt.timedelta(days=10)
    entry = AuditEntry.objects.get(action="console.trial_extended")
    assert entry.reason == "Evaluation with their HQ" and entry.after["days"] == 10


def test_a_paying_subscription_has_no_trial_to_extend(op, make_company):
    a = make_company(plan="growth").company
    subs.subscription_convert(company_id=a.pk, interval="month")
    entries = AuditEntry.objects.count()
    response = op.post(
        f"/api/console/companies/{a.pk}/extend-trial/",
        {"days": 10, "reason": "Kind gesture"},
        content_type="application/json",
    )
    assert response.status_code == 409 and response.json()["code"] == "subscription_state_refused"
    assert AuditEntry.objects.count() == entries


# Plans editor --------------------------------------------------------------------------------------


def _version_body(plan: Plan, **changes):
    version = plan.current_version
    body = {
        "trial_days": version.trial_days,
        "features": list(version.features),
        "prices": [
            {"currency": p.currency, "interval": p.interval, "base_amount": str(p.amount)}
            for p in version.prices.all()
        ],
        "entitlements": [
            {
                "meter": e.meter,
                "included": e.included,
                "enforcement": e.enforcement,
                "overage_prices": e.overage_prices,
            }
            for e in version.entitlements.all()
        ],
        "note": "Price rise 2027",
    }
    body.update(changes)
    return body


def test_plans_list_their_current_version(op):
    body = op.get("/api/console/plans/").json()
    codes = [p["code"] for p in body["results"]]
    assert codes == ["free", "growth", "business", "enterprise"]
    growth = body["results"][1]
    assert growth["current_version"]["number"] == 1 and growth["current_version"]["trial_days"] == 14
    assert {"currency": "CNY", "interval": "month", "base_amount": "399.00"} in growth["current_version"][
        "prices"
    ]


def test_a_new_version_becomes_current_and_existing_subscriptions_keep_theirs_until_migrated(
    op, make_company, operator
):
    growth = Plan.objects.get(code="growth")
    old = growth.current_version
    a = make_company(plan="growth").company
    body = _version_body(growth, trial_days=21)
    for price in body["prices"]:
        if price["currency"] == "CNY" and price["interval"] == "month":
            price["base_amount"] = "449.00"

    response = op.post(
        f"/api/console/plans/{growth.pk}/versions/",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="v2",
    )
    assert response.status_code == 201, response.content
    assert response.json()["current_version"]["number"] == 2
    assert response.json()["subscriptions_on_older_versions"] == 1
    growth.refresh_from_db()
    assert growth.current_version.trial_days == 21
    assert Subscription.objects.get(company=a).plan_version == old  # kept until renewal
    assert make_company(plan="growth").company.subscription.plan_version == growth.current_version
    assert (
        AuditEntry.objects.filter(action="billing.plan_version_published", target_id=str(growth.pk)).count()
        == 1
    )

    response = op.post(
        f"/api/console/plans/{growth.pk}/migrate/",
        {"reason": "Move all to 2027 prices"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["migrated"] == 1
    assert Subscription.objects.get(company=a).plan_version == growth.current_version
    event = SubscriptionEvent.objects.get(company=a, kind=SubscriptionEventKind.MIGRATED)
    assert (event.from_version, event.to_version, event.reason) == (
        old,
        growth.current_version,
        "Move all to 2027 prices",
    )
    again = op.post(
        f"/api/console/plans/{growth.pk}/migrate/", {"reason": "Again"}, content_type="application/json"
    )
    assert again.json()["migrated"] == 0


@pytest.mark.parametrize(
    "change",
    [
        {"prices": []},
        {"entitlements": []},
        {"features": ["teleport"]},
        {"trial_days": -1},
        {"note": " "},
    ],
)
def test_an_incomplete_version_is_refused_and_nothing_is_written(op, change):
    growth = Plan.objects.get(code="growth")
    versions = PlanVersion.objects.count()
    response = op.post(
        f"/api/console/plans/{growth.pk}/versions/",
        _version_body(growth, **change),
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "validation_error"
    assert PlanVersion.objects.count() == versions
    growth.refresh_from_db()
    assert growth.current_version.number == 1


def test_a_migration_without_a_reason_moves_nothing(op, make_company):
    growth = Plan.objects.get(code="growth")
    response = op.post(
        f"/api/console/plans/{growth.pk}/migrate/", {"reason": ""}, content_type="application/json"
    )
    assert response.status_code == 400
    assert not SubscriptionEvent.objects.filter(kind=SubscriptionEventKind.MIGRATED).exists()


# Revenue -------------------------------------------------------------------------------------------


def _at(event_kind: str, company, when: dt.datetime) -> None:
    SubscriptionEvent.objects.filter(company=company, kind=event_kind).update(created_at=when)


def test_revenue_replays_the_history_month_by_month(make_company):
    now = dt.datetime(2026, 6, 15, tzinfo=dt.UTC)
    jan, feb, mar, apr, may = (dt.datetime(2026, m, 10, tzinfo=dt.UTC) for m in range(1, 6))
    a = make_company(plan="growth").company  # trial in Jan, converts in Feb (399), upgrades in Apr (1299)
    b = make_company(plan="growth").company  # trial in Jan, lapses in Mar
    c = make_company(plan="business", currency="USD").company  # converts in Mar, cancels in May
    subs.subscription_convert(company_id=a.pk, interval="month")
    subs.subscription_change_plan(company_id=a.pk, plan_code="business", source="operator", reason="x")
    subs.subscription_convert(company_id=c.pk, interval="month")
    with_status = Subscription.objects.select_for_update()
    from django.db import transaction

    with transaction.atomic():
        subs.subscription_set_status(
            subscription=with_status.get(company=b), status=S.READ_ONLY, source="system", reason="lapsed"
        )
    SubscriptionEvent.objects.filter(company=b, kind=SubscriptionEventKind.STATUS_CHANGED).update(
        kind=SubscriptionEventKind.LAPSED
    )
    with transaction.atomic():
        subs.subscription_set_status(
            subscription=with_status.get(company=c), status=S.CANCELED, reason="left"
        )
    for company in (a, b, c):
        _at(SubscriptionEventKind.TRIAL_STARTED, company, jan)
    _at(SubscriptionEventKind.CONVERTED, a, feb)
    _at(SubscriptionEventKind.PLAN_CHANGED, a, apr)
    _at(SubscriptionEventKind.LAPSED, b, mar)
    _at(SubscriptionEventKind.CONVERTED, c, mar)
    _at(SubscriptionEventKind.STATUS_CHANGED, c, may)

    months = {m.month.month: m for m in selectors.revenue_months(months=6, now=now)}
    c_mrr = Decimal("189.00") * Decimal("7.20")  # business monthly in USD
    assert months[1].mrr_amount == 0 and months[1].trials_started == 3
    assert (months[2].mrr_amount, months[2].new_amount) == (Decimal("399.00"), Decimal("399.00"))
    assert months[2].trials_converted == 1 and months[2].trial_conversion_rate == Decimal("1.000")
    assert months[3].new_amount == c_mrr and months[3].mrr_amount == Decimal("399.00") + c_mrr
    assert (months[3].trials_converted, months[3].trials_lapsed) == (1, 1)
    assert months[3].trial_conversion_rate == Decimal("0.500")
    assert months[4].expansion_amount == Decimal("900.00")
    assert months[5].churn_amount == c_mrr and months[5].mrr_amount == Decimal("1299.00")
    assert months[6].mrr_amount == Decimal("1299.00") and months[6].trial_conversion_rate is None
    for k in range(2, 7):
        m, prev = months[k], months[k - 1]
        assert (
            m.mrr_amount
            == prev.mrr_amount + m.new_amount + m.expansion_amount - m.contraction_amount - m.churn_amount
        )


def test_revenue_endpoint(op, make_company):
    body = op.get("/api/console/revenue/", {"months": 3}).json()
    assert body["currency"] == "CNY" and len(body["months"]) == 3
    assert {"currency": "USD", "exchange_rate": "7.20000000"} in body["rates"]
    assert op.get("/api/console/revenue/", {"months": 0}).status_code == 400
    assert op.get("/api/console/revenue/", {"months": "12x"}).status_code == 400


def test_revenue_reads_three_queries_whatever_the_history(op, make_company):
    for _ in range(3):
        subs.subscription_convert(company_id=make_company().company.pk, interval="month")
    with CaptureQueriesContext(connection) as ctx:
        selectors.revenue_months(months=12, now=timezone.now())
    assert len(ctx.captured_queries) == 3
