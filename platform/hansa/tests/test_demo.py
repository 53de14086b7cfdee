"""The demo data: two reference buyers, three suppliers, members with roles, an operator with MFA."""

from __future__ import annotations

import pytest

from hansa import demo
from identity.models import Membership, User
from identity.selectors import user_has_mfa
from tenants.models import Company

pytestmark = pytest.mark.django_db


def test_demo_create_is_complete_and_idempotent_and_reset_removes_it():
    assert not demo.demo_present()

    demo.demo_create()
    demo.demo_create()  # a second run adds nothing

    companies = Company.objects.filter(slug__in=[c.slug for c in demo.DEMO_COMPANIES])
    assert companies.count() == 5 and set(companies.values_list("status", flat=True)) == {"active"}
    assert demo.demo_present()
    for spec in demo.DEMO_COMPANIES:
        company = companies.get(slug=spec.slug)
        members = Membership.objects.filter(company=company, status="active")
        assert members.count() == 1 + len(spec.members)
        assert members.get(user__email=spec.owner[0]).roles == ["owner"]
        assert User.objects.get(email=spec.owner[0]).check_password(demo.DEMO_PASSWORD)
    operator = User.objects.get(email=demo.OPERATOR_EMAIL)
    assert operator.is_operator and user_has_mfa(user=operator)
    assert "huaxia-machinery.localhost:8000" in demo.banner()
    _assert_demo_billing()
    _assert_demo_finance()
    _assert_demo_supplychain()

    demo.demo_delete()
    assert not demo.demo_present() and not User.objects.filter(email=demo.OPERATOR_EMAIL).exists()


@pytest.mark.parametrize(
    ("flag", "setting", "fresh", "wanted"),
    [
        (None, None, True, True),  # a fresh machine still gets the demo by default
        (None, None, False, False),  # a database in use is never re-seeded behind its back
        (None, False, True, False),  # HANSA_DEMO=0
        (None, True, False, True),  # HANSA_DEMO=1
        (False, True, True, False),  # --no-demo wins over everything
        (True, False, False, True),  # --demo too
    ],
)
def test_demo_is_wanted_only_when_asked_for_or_on_a_fresh_database(flag, setting, fresh, wanted):
    assert demo.demo_wanted(flag=flag, setting=setting, fresh=fresh) is wanted


def test_run_flags_parse():
    from hansa.cli import build_parser

    assert build_parser().parse_args(["run"]).demo is None
    assert build_parser().parse_args(["run", "--no-demo"]).demo is False
    assert build_parser().parse_args(["run", "--demo"]).demo is True
    with pytest.raises(SystemExit):
        build_parser().parse_args(["run", "--demo", "--no-demo"])


def test_hansa_demo_setting_is_read_from_the_environment():
    from hansa.tests.test_settings import load_settings_value

    assert load_settings_value("HANSA_DEMO", HANSA_DEMO="0") == "False"
    assert load_settings_value("HANSA_DEMO", HANSA_DEMO="1") == "True"
    assert load_settings_value("HANSA_DEMO") == "None"


def test_run_seeds_demo_data_only_when_asked(settings):
    from hansa.cli import prepare_data

    settings.HANSA_DEMO = None
    assert demo.database_is_fresh()
    prepare_data(demo_flag=False)  # --no-demo on a fresh machine
    assert not demo.demo_present() and not User.objects.exists()
    settings.HANSA_DEMO = False  # HANSA_DEMO=0
    prepare_data(demo_flag=None)
    assert not demo.demo_present()

    settings.HANSA_DEMO = None  # neither: a fresh database gets it
    prepare_data(demo_flag=None)
    assert demo.demo_present()

    # Once the demo data is gone from a database in use, a plain start does not bring it back.
    demo.demo_delete()
    User.objects.create_user(email="someone@example.com", password="x-long-password-1")
    prepare_data(demo_flag=None)
    assert not demo.demo_present() and not User.objects.filter(email=demo.OPERATOR_EMAIL).exists()


@pytest.fixture
def key_ring(monkeypatch):
    """A real key ring, as production has (the development key exists only with DEBUG on)."""
    import base64
    import os

    monkeypatch.setenv("HANSA_ENCRYPTION_KEYS", "k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode())


@pytest.fixture
def production(key_ring, monkeypatch, settings):
    """DEBUG off, as in production (the test runner's DEBUG=1 environment included)."""
    monkeypatch.setenv("DEBUG", "0")
    settings.DEBUG = False


def published_operator() -> User:
    from allauth.mfa.totp.internal.auth import TOTP

    operator = User.objects.create_user(
        email=demo.OPERATOR_EMAIL, password=demo.DEMO_PASSWORD, is_operator=True, is_staff=True
    )
    TOTP.activate(operator, demo.OPERATOR_TOTP_SECRET)
    return operator


def test_with_debug_off_the_platform_refuses_to_start_while_the_published_secret_is_present(
    key_ring, monkeypatch
):
    from django.core.exceptions import ImproperlyConfigured

    from hansa.cli import prepare_data
    from identity.published_secrets import refuse_published_secrets

    operator = published_operator()
    refuse_published_secrets()  # development: the demo operator is expected

    monkeypatch.setenv("DEBUG", "0")
    from django.conf import settings as live

    monkeypatch.setattr(live, "DEBUG", False)
    with pytest.raises(ImproperlyConfigured, match=demo.OPERATOR_EMAIL):
        refuse_published_secrets()
    with pytest.raises(ImproperlyConfigured, match="published demo TOTP secret"):
        prepare_data(demo_flag=False)

    # A new authenticator for the operator lifts the refusal.
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    Authenticator.objects.filter(user=operator).delete()
    TOTP.activate(operator, generate_totp_secret())
    refuse_published_secrets()


def test_with_debug_off_the_published_operator_cannot_sign_in_or_use_the_console(production):
    from conftest import HostClient

    operator = published_operator()
    public = HostClient("localhost:8000")
    login = public.post_json(
        "/_allauth/browser/v1/auth/login", {"email": operator.email, "password": demo.DEMO_PASSWORD}
    )
    assert login.status_code == 400  # refused like a wrong password; no MFA step is offered
    assert public.get("/api/me/").status_code == 401

    session = HostClient("localhost:8000")
    session.force_login(operator, backend="identity.backends.MemberAwareBackend")
    console = session.get("/api/console/companies/")
    assert console.status_code == 403 and console.json()["code"] == "published_secret_refused"


def test_in_development_the_published_operator_signs_in_with_the_published_secret():
    from conftest import HostClient

    operator = published_operator()
    public = HostClient("localhost:8000")
    login = public.post_json(
        "/_allauth/browser/v1/auth/login", {"email": operator.email, "password": demo.DEMO_PASSWORD}
    )
    assert login.status_code == 401  # the password is right; the TOTP step follows
    assert any(f["id"] == "mfa_authenticate" for f in login.json()["data"]["flows"])


def _assert_demo_billing() -> None:
    """Plans and states differ, and a year of invoices and usage is there for the console's charts."""
    from billing.models import Invoice, InvoiceStatus, Subscription, SubscriptionEvent, UsageCounter

    states = {
        s.company.slug: (s.plan_version.plan.code, s.status)
        for s in Subscription.objects.select_related("company", "plan_version__plan").filter(
            company__slug__in=[c.slug for c in demo.DEMO_COMPANIES]
        )
    }
    assert states == {
        "huaxia-machinery": ("business", "active"),
        "freshmart": ("growth", "past_due"),
        "northsteel": ("business", "active"),
        "goldenfoods": ("growth", "active"),
        "precision-bearings": ("business", "trialing"),
    }
    huaxia = Invoice.objects.filter(company__slug="huaxia-machinery")
    assert huaxia.count() >= 11 and not huaxia.exclude(status=InvoiceStatus.PAID).exists()
    assert Invoice.objects.filter(company__slug="freshmart", status=InvoiceStatus.OPEN).count() == 1
    assert SubscriptionEvent.objects.filter(company__slug="northsteel", kind="plan_changed").exists()
    months = UsageCounter.objects.filter(company__slug="freshmart", meter="purchase_orders").count()
    assert months >= 12


def _assert_demo_finance() -> None:
    """A year of books in every demo company, tying; invoices on both sides, payments, the two bills."""
    from datetime import timedelta

    from django.utils import timezone

    from kernel.tenancy import company_context
    from tenants.finance.models import Bill, Invoice, JournalEntry, Payment, PostingEvent
    from tenants.finance.reports import statements_tie

    today = timezone.localdate()
    statuses: dict[str, list[tuple[str, str]]] = {}
    for spec in demo.DEMO_COMPANIES:
        with company_context(Company.objects.get(slug=spec.slug)):
            assert statements_tie(date_from=today - timedelta(days=365), date_to=today) == [], spec.slug
            assert JournalEntry.objects.dates("date", "month").count() >= 12, spec.slug
            assert not PostingEvent.objects.filter(status__in=["pending", "failed"]).exists(), spec.slug
            assert Payment.objects.exists(), spec.slug
            assert Invoice.objects.filter(status="open").exists(), spec.slug  # the agings show something
            statuses[spec.slug] = sorted(Bill.objects.values_list("direction", "status"))
    assert statuses["huaxia-machinery"] == [("payable", "accepted"), ("payable", "accepted")]
    assert statuses["precision-bearings"] == [("receivable", "discounted"), ("receivable", "endorsed")]
    assert statuses["goldenfoods"] == [("receivable", "held")]
    with company_context(Company.objects.get(slug="precision-bearings")):
        assert Invoice.objects.filter(direction="out").count() >= 12
        assert Invoice.objects.filter(direction="in").count() >= 24


def _assert_demo_supplychain() -> None:
    """The supermarket shares its packaged food with its supplier, who replenishes it (one proposal accepted
    into linked orders, one waiting for approval); a 12-week forecast with one deviation; two tracked
    shipments, one late on both sides; tomorrow's route plan shorter than the naive order."""
    from kernel.tenancy import company_context
    from marketplace.sharing.models import ReplenishmentPolicy, SharedStock, ShareGrant
    from notifications.models import Notification
    from tenants.procurement.models import PurchaseOrder
    from tenants.sales.models import SalesOrder
    from tenants.supplychain.planning.models import Forecast
    from tenants.supplychain.replenishment.models import Proposal, ReceivedProposal
    from tenants.supplychain.routing.models import RoutePlan
    from tenants.supplychain.tracking.models import InboundTracking

    company = {c.slug: c for c in Company.objects.all()}
    grant = ShareGrant.objects.get(
        owner=company["freshmart"], partner=company["goldenfoods"], status="active"
    )
    assert grant.share_consumption
    shared = SharedStock.objects.filter(grant=grant)
    assert shared.count() >= 5 and shared.filter(consumption_per_day__gt=0).exists()
    assert ReplenishmentPolicy.objects.filter(grant=grant).count() == 3
    with company_context(company["freshmart"]):
        received = {p.status: p for p in ReceivedProposal.objects.all()}
        assert set(received) == {"accepted", "pending"}
        po = PurchaseOrder.objects.get(pk=received["accepted"].purchase_order_id)
        assert (
            po.supplier_company_id == company["goldenfoods"].pk
            and received["accepted"].accepted_automatically
        )
    with company_context(company["goldenfoods"]):
        assert Proposal.objects.count() == 2
        assert SalesOrder.objects.filter(
            po_number=po.number, buyer_company_id=company["freshmart"].pk
        ).exists()
    with company_context(company["precision-bearings"]):
        assert Forecast.objects.filter(side="supplier").count() == 1
        plan = RoutePlan.objects.get()
        assert plan.stop_count == 8 and plan.total_distance_m < plan.naive_distance_m
    with company_context(company["huaxia-machinery"]):
        tracked = list(InboundTracking.objects.values_list("status", "late_alerted_at"))
        assert len(tracked) == 2 and sum(1 for _, late in tracked if late is not None) == 1
    assert Notification.objects.filter(
        company=company["huaxia-machinery"], kind="supplychain.tracking.late_inbound"
    ).exists()
