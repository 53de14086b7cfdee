# ruff: noqa: RUF001 - the Chinese texts use Chinese punctuation
"""Metering: the counter and the event in one statement, warnings at 80% and 100%, the usage ledger
(relay and outbox handler), period rollover, the gauge recount, and what metering costs a request."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from billing.exceptions import QuotaExceeded
from billing.meters import GAUGE_PERIOD, Meter
from billing.models import UsageCounter, UsageEvent
from billing.services.metering import USAGE_TOPIC, storage_units, usage_record
from billing.services.usage_ledger import usage_event_store, usage_gauges_recount, usage_relay
from billing.tests.limits import set_limit, used
from kernel.models import OutboxMessage
from kernel.outbox import outbox_deliver_message

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def _company(make_company):
    return make_company().company


def _events(company_id: int) -> list[tuple[str, int, dt.date]]:
    return sorted(
        UsageEvent.objects.filter(company_id=company_id).values_list("meter", "quantity", "period_start")
    )


# Quotas -----------------------------------------------------------------------------------------------


def test_an_ingested_document_counts_past_a_hard_limit_with_enforce_false(make_company):
    company = _company(make_company)
    set_limit(company_id=company.pk, meter=Meter.SALES_ORDERS, included=1)
    usage_record(company_id=company.pk, meter=Meter.SALES_ORDERS)
    with pytest.raises(QuotaExceeded):
        usage_record(company_id=company.pk, meter=Meter.SALES_ORDERS)
    recorded = usage_record(company_id=company.pk, meter=Meter.SALES_ORDERS, enforce=False)
    assert recorded.quantity == 2
    assert used(company_id=company.pk, meter=Meter.SALES_ORDERS) == 2


def test_a_refused_record_writes_neither_counter_nor_event(make_company):
    company = _company(make_company)
    set_limit(company_id=company.pk, meter=Meter.RFQS_PUBLISHED, included=0)
    pending = OutboxMessage.objects.filter(topic=USAGE_TOPIC).count()
    with pytest.raises(QuotaExceeded) as caught:
        usage_record(company_id=company.pk, meter=Meter.RFQS_PUBLISHED)
    assert caught.value.extra == {"meter": "rfqs_published", "limit": 0, "used": 0, "requested": 1}
    assert not UsageCounter.objects.filter(company=company, meter=Meter.RFQS_PUBLISHED).exists()
    assert OutboxMessage.objects.filter(topic=USAGE_TOPIC).count() == pending


def test_a_gauge_going_down_is_never_refused(make_company):
    company = _company(make_company)
    usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=3)
    set_limit(company_id=company.pk, meter=Meter.LISTINGS, included=1)
    assert usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=-1).quantity == 2


def test_storage_counts_whole_megabytes_per_file():
    assert [storage_units(size_bytes=n) for n in (0, 1, 1024 * 1024, 1024 * 1024 + 1, 5 * 1024 * 1024)] == [
        0,
        1,
        1,
        2,
        5,
    ]


# Warnings ---------------------------------------------------------------------------------------------


def _finance_member(company):
    from identity.models import User
    from identity.services import membership_create

    user = User.objects.create_user(email=f"finance-{company.slug}@example.com", password="x" * 12)
    membership_create(user=user, company=company, roles=["finance"])
    viewer = User.objects.create_user(email=f"viewer-{company.slug}@example.com", password="x" * 12)
    membership_create(user=viewer, company=company, roles=["viewer"])
    return user


def test_owners_and_finance_are_warned_once_at_80_and_once_at_100(
    make_company, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    result = make_company()
    company = result.company
    finance = _finance_member(company)
    set_limit(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, included=10, enforcement="soft")
    mail.outbox.clear()

    def record(times: int) -> None:
        for _ in range(times):
            with django_capture_on_commit_callbacks(execute=True):
                usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS)

    record(7)
    assert not Notification.objects.filter(company=company, kind="billing.usage_warning").exists()
    record(1)  # 8 of 10

    def warned():  # a fresh query each time
        return Notification.objects.filter(company=company, kind="billing.usage_warning")

    assert sorted(warned().values_list("user_id", flat=True)) == sorted([result.user.pk, finance.pk])
    assert {n.payload["percent"] for n in warned()} == {80}
    record(1)  # 9: no second warning at 80
    assert warned().count() == 2
    record(1)  # 10 of 10
    assert sorted(warned().values_list("payload__percent", flat=True)) == [80, 80, 100, 100]
    record(2)  # soft: over the limit, counted, no third warning
    assert warned().count() == 4
    assert used(company_id=company.pk, meter=Meter.PURCHASE_ORDERS) == 12
    assert UsageCounter.objects.get(company=company, meter=Meter.PURCHASE_ORDERS).warned_at_percent == 100
    subjects = sorted(m.subject for m in mail.outbox)
    # The owner signed up in Chinese, the finance member reads English.
    assert subjects == [
        "[Hansa] Purchase orders per month: 100% of your plan's limit used",
        "[Hansa] Purchase orders per month: 80% of your plan's limit used",
        "[Hansa] 每月采购订单：已使用套餐额度的 100%",
        "[Hansa] 每月采购订单：已使用套餐额度的 80%",
    ]


def test_a_hard_limit_warns_at_100_when_the_last_one_fits(make_company, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    company = _company(make_company)
    set_limit(company_id=company.pk, meter=Meter.RFQS_PUBLISHED, included=2)
    with django_capture_on_commit_callbacks(execute=True):
        usage_record(company_id=company.pk, meter=Meter.RFQS_PUBLISHED)
        usage_record(company_id=company.pk, meter=Meter.RFQS_PUBLISHED)
    assert list(
        Notification.objects.filter(company=company, kind="billing.usage_warning").values_list(
            "payload__percent", flat=True
        )
    ) == [100]  # 1 of 2 is 50%; 2 of 2 crosses 80 and 100 at once: one warning, the higher


def test_a_rolled_back_crossing_warns_nobody(make_company, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    company = _company(make_company)
    set_limit(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, included=1, enforcement="soft")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS)
                raise RuntimeError("the order failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not Notification.objects.filter(company=company).exists()
    assert used(company_id=company.pk, meter=Meter.PURCHASE_ORDERS) == 0


def test_a_gauge_that_drops_well_below_a_level_warns_again(make_company, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    company = _company(make_company)
    set_limit(company_id=company.pk, meter=Meter.LISTINGS, included=10, enforcement="soft")
    with django_capture_on_commit_callbacks(execute=True):
        usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=8)
        usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=-1)  # 70%: still armed off
        usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=1)  # 80% again: no repeat
        usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=-3)  # 50%: re-armed
        usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=3)  # 80%: warns again
    owner_warnings = Notification.objects.filter(company=company, kind="billing.usage_warning")
    assert list(owner_warnings.values_list("payload__used", flat=True).order_by("id")) == [8, 8]


def test_the_hot_path_is_one_statement_and_a_crossing_adds_the_claim(
    make_company, django_capture_on_commit_callbacks
):
    company = _company(make_company)
    set_limit(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, included=5, enforcement="soft")
    with CaptureQueriesContext(connection) as quiet:
        usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS)
    assert len(quiet.captured_queries) == 1
    usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, quantity=2)
    with CaptureQueriesContext(connection) as crossing:
        usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS)  # 4 of 5: 80%
    assert len(crossing.captured_queries) == 2  # the statement and the conditional claim


# The ledger -------------------------------------------------------------------------------------------


def test_an_event_of_a_rolled_back_transaction_leaves_nothing(make_company):
    company = _company(make_company)
    usage_relay()
    try:
        with transaction.atomic():
            recorded = usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS)
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert not OutboxMessage.objects.filter(pk=recorded.event_id).exists()
    assert usage_relay().processed == 0
    assert not UsageEvent.objects.filter(pk=recorded.event_id).exists()
    assert used(company_id=company.pk, meter=Meter.PURCHASE_ORDERS) == 0


def test_a_recorded_event_lands_once_however_often_and_by_whichever_path_it_is_delivered(make_company):
    company = _company(make_company)
    first = usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS)
    second = usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, quantity=2)
    # The sweeper's path delivers the second before the relay runs; then the relay, twice; then the
    # sweeper's path again for both.
    message = OutboxMessage.objects.get(pk=second.event_id)
    assert message.payload["event_id"] == str(second.event_id)
    assert outbox_deliver_message(message_id=str(second.event_id)) is True
    relayed = usage_relay()
    assert relayed.processed >= 1
    assert usage_relay().processed == 0
    OutboxMessage.objects.filter(pk__in=[first.event_id, second.event_id]).update(processed_at=None)
    again = usage_relay()
    assert again.processed >= 2 and again.inserted == 0  # conflicts: nothing written twice
    assert usage_event_store(payload=message.payload) is False
    assert _events(company.pk) == sorted(
        [
            (Meter.MEMBERS.value, 1, GAUGE_PERIOD),  # the owner, at sign-up
            (Meter.PURCHASE_ORDERS.value, 1, first.period_start),
            (Meter.PURCHASE_ORDERS.value, 2, second.period_start),
        ]
    )
    assert set(UsageEvent.objects.filter(company=company).values_list("id", flat=True)) >= {
        first.event_id,
        second.event_id,
    }


def test_usage_across_a_month_end_lands_in_one_period_each(make_company):
    company = _company(make_company)
    set_limit(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, included=2)
    before = dt.datetime(2026, 1, 31, 23, 59, 59, 999999, tzinfo=UTC)
    after = dt.datetime(2026, 2, 1, 0, 0, 0, tzinfo=UTC)
    shanghai_evening = dt.datetime(2026, 2, 1, 7, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    for at in (before, shanghai_evening, after, after):
        usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, at=at)
    with pytest.raises(QuotaExceeded):  # January is full; February too now
        usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, at=before)
    with pytest.raises(QuotaExceeded):
        usage_record(company_id=company.pk, meter=Meter.PURCHASE_ORDERS, at=after)
    counters = dict(
        UsageCounter.objects.filter(company=company, meter=Meter.PURCHASE_ORDERS).values_list(
            "period_start", "quantity"
        )
    )
    assert counters == {dt.date(2026, 1, 1): 2, dt.date(2026, 2, 1): 2}
    usage_relay()
    ledger: dict[dt.date, int] = {}
    for meter, quantity, start in _events(company.pk):
        if meter == Meter.PURCHASE_ORDERS:
            ledger[start] = ledger.get(start, 0) + quantity
    assert ledger == counters


def test_the_api_requests_meter_counts_per_utc_day(make_company):
    company = _company(make_company)
    late = dt.datetime(2026, 3, 1, 23, 59, 59, tzinfo=UTC)
    usage_record(company_id=company.pk, meter=Meter.API_REQUESTS, at=late)
    usage_record(company_id=company.pk, meter=Meter.API_REQUESTS, at=late + dt.timedelta(seconds=1))
    assert dict(
        UsageCounter.objects.filter(company=company, meter=Meter.API_REQUESTS).values_list(
            "period_start", "quantity"
        )
    ) == {dt.date(2026, 3, 1): 1, dt.date(2026, 3, 2): 1}


# Gauge recount ----------------------------------------------------------------------------------------


def test_the_recount_sets_members_and_listings_from_the_platform_tables(make_company):
    from identity.models import Membership, MembershipStatus

    company = _company(make_company)
    _finance_member(company)
    UsageCounter.objects.filter(company=company, meter=Meter.MEMBERS).update(quantity=40)
    usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=7)  # no listing exists
    changed = usage_gauges_recount()
    members = Membership.objects.filter(company=company, status=MembershipStatus.ACTIVE).count()
    assert members == 3
    assert used(company_id=company.pk, meter=Meter.MEMBERS) == members
    assert used(company_id=company.pk, meter=Meter.LISTINGS) == 0
    assert changed[Meter.MEMBERS] >= 1 and changed[Meter.LISTINGS] >= 1
    assert usage_gauges_recount() == {Meter.MEMBERS.value: 0, Meter.LISTINGS.value: 0}


def test_the_recount_command(make_company):
    from io import StringIO

    from django.core.management import call_command

    company = _company(make_company)
    UsageCounter.objects.filter(company=company, meter=Meter.MEMBERS).update(quantity=9)
    out = StringIO()
    call_command("usage_recount", stdout=out)
    assert "members:" in out.getvalue()
    assert used(company_id=company.pk, meter=Meter.MEMBERS) == 1


# What metering costs ----------------------------------------------------------------------------------


def test_metering_adds_one_query_to_purchase_order_create(make_company):
    from kernel.tenancy import company_context
    from tenants.procurement.tests import factories as f

    result = make_company()
    actor = f.actor_for(result.company, result.user)
    with company_context(result.company):
        f.draft(actor)  # warm: caches, sequences
        with (
            mock.patch("tenants.procurement.services.orders.usage_record"),
            CaptureQueriesContext(connection) as without,
        ):
            f.draft(actor)
        with CaptureQueriesContext(connection) as metered:
            f.draft(actor)
    assert len(metered.captured_queries) == len(without.captured_queries) + 1


def test_metering_adds_one_query_to_rfq_publish(make_company):
    from marketplace.rfq import services
    from marketplace.rfq.tests import factories as f

    result = make_company()
    actor = f.actor_for(result.company, result.user)
    cat = f.category()
    drafts = [f.rfq_draft(actor, lines=[f.line(cat)]) for _ in range(3)]
    services.rfq_publish(actor=actor, rfq_id=drafts[0].pk)  # warm
    with (
        mock.patch("marketplace.rfq.services.lifecycle.usage_record"),
        CaptureQueriesContext(connection) as without,
    ):
        services.rfq_publish(actor=actor, rfq_id=drafts[1].pk)
    with CaptureQueriesContext(connection) as metered:
        services.rfq_publish(actor=actor, rfq_id=drafts[2].pk)
    assert len(metered.captured_queries) == len(without.captured_queries) + 1


def test_a_partners_order_over_a_hard_limit_is_still_ingested_and_counted(make_company):
    from kernel.tenancy import company_context
    from tenants.sales.models import SalesOrder
    from tenants.sales.tests import factories as sf

    result = make_company()
    supplier = result.company
    buyer = sf.bare_company("Partner Buyer")
    set_limit(company_id=supplier.pk, meter=Meter.SALES_ORDERS, included=0)
    order = sf.incoming_order(supplier, buyer)  # through the exchange, as the ingestion worker runs it
    assert order.source == "hansa"
    assert used(company_id=supplier.pk, meter=Meter.SALES_ORDERS) == 1
    owner = sf.actor_for(supplier, result.user)
    with pytest.raises(QuotaExceeded):
        sf.manual_order(owner)  # the supplier's own orders are refused until it upgrades
    with company_context(supplier):
        assert SalesOrder.objects.count() == 1
    assert used(company_id=supplier.pk, meter=Meter.SALES_ORDERS) == 1


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def test_metering_adds_one_query_to_a_manual_sales_order_and_a_listing(make_company):
    from marketplace.rfq.tests import factories as rf
    from tenants.sales.tests import factories as sf

    result = make_company()
    owner = sf.actor_for(result.company, result.user)
    customer_id = sf.customer(owner).pk
    sf.manual_order(owner, customer_id=customer_id)  # warm
    with mock.patch("tenants.sales.services.orders.usage_record"):
        without = _queries(lambda: sf.manual_order(owner, customer_id=customer_id))
    assert _queries(lambda: sf.manual_order(owner, customer_id=customer_id)) == without + 1

    rf.supplier_profile(result.company, categories=[cat := rf.category()])
    rf.listing(owner, cat)  # warm
    with mock.patch("marketplace.catalog.services.listings.usage_record"):
        without = _queries(lambda: rf.listing(owner, cat))
    assert _queries(lambda: rf.listing(owner, cat)) == without + 1


def test_metering_adds_one_query_to_a_membership(make_company):
    from identity.models import User
    from identity.services import membership_create

    company = _company(make_company)
    users = [
        User.objects.create_user(email=f"m{i}-{company.slug}@example.com", password="x" * 12)
        for i in range(3)
    ]
    membership_create(user=users[0], company=company, roles=["viewer"])  # warm
    with mock.patch("identity.services.accounts.usage_record"):
        without = _queries(lambda: membership_create(user=users[1], company=company, roles=["viewer"]))
    assert (
        _queries(lambda: membership_create(user=users[2], company=company, roles=["viewer"])) == without + 1
    )
    assert used(company_id=company.pk, meter=Meter.MEMBERS) == 3  # the owner and two of three counted
    # Activating an active member again counts nothing.
    membership_create(user=users[2], company=company, roles=["buyer"])
    assert used(company_id=company.pk, meter=Meter.MEMBERS) == 3
