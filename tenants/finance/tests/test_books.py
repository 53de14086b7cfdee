"""The books: opening at sign-up, the posting service, what the database refuses, periods, reversals,
business events posting once."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, InternalError, connection, transaction

from identity.models import AuditEntry
from kernel.tenancy import company_context
from tenants.finance.exceptions import (
    AccountNotPostable,
    EntryAlreadyReversed,
    EntryUnbalanced,
    PeriodClosed,
    PeriodNotClosable,
    PeriodNotReopenable,
)
from tenants.finance.models import (
    Account,
    AccountBalance,
    EventStatus,
    FinanceSettings,
    Journal,
    JournalEntry,
    JournalLine,
    Period,
    PeriodStatus,
    PostingEvent,
    PostingRule,
)
from tenants.finance.services import books
from tenants.finance.services.posting import (
    Leg,
    Posting,
    RuleSpec,
    entry_post,
    entry_reverse,
    event_post,
    event_record,
    posting_event,
)
from tenants.finance.tests.factories import account, actor_for, post, run_postings

pytestmark = pytest.mark.django_db

TODAY = date.today()


@posting_event(
    "test_sale",
    journal="SAL",
    rules=[
        RuleSpec("receivable", "debit", "receivable", "应收账款", "Receivable"),
        RuleSpec("revenue", "credit", "revenue", "主营业务收入", "Revenue"),
        RuleSpec("vat", "credit", "vat_output", "销项税额", "Output VAT"),
    ],
)
def _test_sale(event: PostingEvent) -> Posting | None:
    net = Decimal(event.payload["net"])
    if net == 0:
        return None
    tax = (net * Decimal("0.13")).quantize(Decimal("0.01"))
    return Posting(
        description=f"sale {event.source_id}",
        legs=[
            Leg(amount=net + tax, component="receivable", partner_name="Buyer"),
            Leg(amount=-net, component="revenue"),
            Leg(amount=-tax, component="vat"),
        ],
    )


@pytest.fixture
def company(make_company: Any) -> Any:
    result = make_company(plan="business")
    with company_context(result.company):
        yield result


def test_sign_up_opens_the_books_of_the_country(company: Any) -> None:
    settings = FinanceSettings.objects.get(pk=1)
    assert (settings.chart_template, settings.functional_currency) == ("cas_small", "CNY")
    assert Account.objects.get(code="1122").role == "receivable"
    assert Account.objects.get(code="22210101").name_zh == "进项税额"
    assert Account.objects.get(code="2221").is_postable is False  # a parent is never posted to
    assert set(Journal.objects.values_list("code", flat=True)) == {"GJ", "PUR", "SAL", "BNK", "BIL", "INV"}
    assert Period.objects.filter(fiscal_year__name=str(TODAY.year)).count() == 12
    assert PostingRule.objects.get(event_kind="test_sale", component="vat").account.role == "vat_output"


def test_ifrs_is_the_default_outside_china(make_company: Any) -> None:
    result = make_company(country="DE", currency="EUR", plan="business")
    with company_context(result.company):
        settings = FinanceSettings.objects.get(pk=1)
        assert (settings.chart_template, settings.functional_currency) == ("ifrs", "EUR")
        assert Account.objects.filter(role="vat_output").count() == 1


def test_a_balanced_entry_posts_with_gapless_numbers_and_keeps_balances(company: Any) -> None:
    first = post(TODAY, ("bank", "share_capital"), amount="1000.00")
    second = post(TODAY, ("cash", "bank"), amount="250.50")
    year = TODAY.year
    assert (first.number, second.number) == (f"GJ-{year}-000001", f"GJ-{year}-000002")
    assert first.total == Decimal("1000.00")
    bank = AccountBalance.objects.get(account=account("bank"), period=first.period)
    assert (bank.debit, bank.credit) == (Decimal("1000.00"), Decimal("250.50"))
    assert JournalLine.objects.filter(entry=second).count() == 2


def test_an_unbalanced_entry_is_refused_and_nothing_is_written(company: Any) -> None:
    with pytest.raises(EntryUnbalanced) as caught:
        entry_post(
            legs=[
                Leg(amount=Decimal("100"), role="bank"),
                Leg(amount=Decimal("-99.99"), role="share_capital"),
            ],
            day=TODAY,
            description="wrong",
        )
    assert caught.value.code == "entry_unbalanced"
    assert JournalEntry.objects.count() == 0
    assert AccountBalance.objects.count() == 0


def test_the_database_refuses_an_unbalanced_entry_written_without_the_service(company: Any) -> None:
    period = Period.objects.get(start__lte=TODAY, end__gte=TODAY)
    journal = Journal.objects.get(code="GJ")
    bank, capital = account("bank"), account("share_capital")
    with pytest.raises(IntegrityError, match="does not balance"), transaction.atomic():
        entry = JournalEntry.objects.create(
            number="RAW-1",
            journal=journal,
            period=period,
            date=TODAY,
            source_kind="manual",
            total=Decimal(100),
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO finance_journalline (entry_id, line_no, account_id, period_id, date, debit, credit,"
                " currency, amount_currency, rate, description, partner_name, cash_flow_tag)"
                " VALUES (%s, 1, %s, %s, %s, 100, 0, 'CNY', 100, 1, '', '', ''),"
                "        (%s, 2, %s, %s, %s, 0, 90, 'CNY', -90, 1, '', '', '')",
                [entry.pk, bank.pk, period.pk, TODAY, entry.pk, capital.pk, period.pk, TODAY],
            )
            # The trigger is deferred to the commit; make it fire now inside the test's transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert not JournalEntry.objects.filter(number="RAW-1").exists()


def test_an_entry_without_lines_is_refused_by_the_database(company: Any) -> None:
    period = Period.objects.get(start__lte=TODAY, end__gte=TODAY)
    with pytest.raises(IntegrityError, match="does not balance"), transaction.atomic():
        JournalEntry.objects.create(
            number="RAW-2",
            journal=Journal.objects.get(code="GJ"),
            period=period,
            date=TODAY,
            source_kind="manual",
            total=Decimal(0),
        )
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_posted_entries_and_lines_are_immutable_in_the_database(company: Any) -> None:
    entry = post(TODAY, ("bank", "share_capital"))
    for statement in (
        "UPDATE finance_journalline SET debit = debit + 1 WHERE entry_id = %s",
        "DELETE FROM finance_journalline WHERE entry_id = %s",
        "UPDATE finance_journalentry SET description = 'x' WHERE id = %s",
        "DELETE FROM finance_journalentry WHERE id = %s",
    ):
        with (
            pytest.raises((IntegrityError, InternalError), match="cannot be changed"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    assert JournalLine.objects.filter(entry=entry, debit=Decimal("100.00")).count() == 1


def test_a_summary_account_cannot_be_posted_to(company: Any) -> None:
    parent = Account.objects.get(code="2221")
    with pytest.raises(AccountNotPostable):
        entry_post(
            legs=[Leg(amount=Decimal(5), account=parent), Leg(amount=Decimal(-5), role="bank")],
            day=TODAY,
            description="x",
        )
    assert JournalEntry.objects.count() == 0


def test_a_closed_period_refuses_postings_even_in_the_database(company: Any) -> None:
    actor = actor_for(company)
    period = Period.objects.get(start__lte=TODAY, end__gte=TODAY)
    books.period_close(actor=actor, period=period, reason="month end")
    with pytest.raises(PeriodClosed) as caught:
        post(TODAY, ("bank", "share_capital"))
    assert caught.value.extra["period"] == period.label
    assert JournalEntry.objects.count() == 0
    assert AuditEntry.objects.filter(action="finance.period_closed", target_id=str(period.pk)).count() == 1


def test_periods_close_in_order_and_reopen_latest_first(company: Any) -> None:
    actor = actor_for(company)
    year = str(TODAY.year)
    january, february, march = Period.objects.filter(fiscal_year__name=year).order_by("start")[:3]
    post(january.start, ("bank", "share_capital"))
    with pytest.raises(PeriodNotClosable) as caught:
        books.period_close(actor=actor, period=february)
    assert caught.value.extra["reason_code"] == "earlier_period_open"
    books.period_close(actor=actor, period=january)
    books.period_close(actor=actor, period=february)
    with pytest.raises(PeriodNotReopenable):
        books.period_reopen(actor=actor, period=january, reason="fix")
    reopened = books.period_reopen(actor=actor, period=february, reason="late supplier invoice")
    assert reopened.status == PeriodStatus.OPEN
    assert march.status == PeriodStatus.OPEN
    assert AuditEntry.objects.get(action="finance.period_reopened").reason == "late supplier invoice"


def test_a_reversal_mirrors_the_entry_once(company: Any) -> None:
    entry = post(TODAY, ("bank", "share_capital"), amount="40.00")
    reversal = entry_reverse(entry=entry, reason="typo")
    lines = {
        (line.account.role, line.debit, line.credit) for line in reversal.lines.select_related("account")
    }
    assert lines == {
        ("bank", Decimal("0"), Decimal("40.00")),
        ("share_capital", Decimal("40.00"), Decimal("0")),
    }
    assert reversal.reversal_of_id == entry.pk
    with pytest.raises(EntryAlreadyReversed):
        entry_reverse(entry=entry)
    bank = AccountBalance.objects.get(account=account("bank"), period=entry.period)
    assert bank.debit == bank.credit == Decimal("40.00")


def test_a_business_event_posts_once_through_the_rules(company: Any) -> None:
    assert (
        event_record(kind="test_sale", source_id=7, occurred_on=TODAY, payload={"net": "100.00"}) is not None
    )
    assert event_record(kind="test_sale", source_id=7, occurred_on=TODAY, payload={"net": "100.00"}) is None
    assert run_postings() == 1
    event = PostingEvent.objects.get(kind="test_sale", source_id="7")
    assert event.status == EventStatus.POSTED
    assert event_post(event_id=event.pk) == event.entry  # running its task again changes nothing
    assert run_postings() == 0
    entry = JournalEntry.objects.get()
    assert entry.journal.code == "SAL"
    got = sorted(
        (line.account.role, line.debit, line.credit) for line in entry.lines.select_related("account")
    )
    assert got == [
        ("receivable", Decimal("113.00"), Decimal("0")),
        ("revenue", Decimal("0"), Decimal("100.00")),
        ("vat_output", Decimal("0"), Decimal("13.00")),
    ]


def test_a_changed_rule_sends_later_postings_to_the_new_account(company: Any) -> None:
    actor = actor_for(company)
    other = Account.objects.filter(role="other_income").get()
    rule = PostingRule.objects.get(event_kind="test_sale", component="revenue")
    books.posting_rule_update(actor=actor, rule=rule, account=other)
    event_record(kind="test_sale", source_id=8, occurred_on=TODAY, payload={"net": "10.00"})
    run_postings()
    assert JournalLine.objects.filter(account=other, credit=Decimal("10.00")).count() == 1


def test_an_event_with_nothing_to_post_is_skipped(company: Any) -> None:
    event_record(kind="test_sale", source_id=9, occurred_on=TODAY, payload={"net": "0"})
    run_postings()
    assert PostingEvent.objects.get(source_id="9").status == EventStatus.SKIPPED
    assert JournalEntry.objects.count() == 0


def test_an_event_of_a_closed_period_posts_in_the_next_open_one(company: Any) -> None:
    actor = actor_for(company)
    year = str(TODAY.year)
    january, february = Period.objects.filter(fiscal_year__name=year).order_by("start")[:2]
    books.period_close(actor=actor, period=january)
    event_record(kind="test_sale", source_id=10, occurred_on=january.start, payload={"net": "1.00"})
    run_postings()
    entry = JournalEntry.objects.get()
    assert (entry.period_id, entry.date) == (february.pk, february.start)


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_of_one_event_post_it_once(make_company: Any) -> None:
    result = make_company(plan="business")
    with company_context(result.company):
        event_record(kind="test_sale", source_id=11, occurred_on=TODAY, payload={"net": "5.00"})
        event_id = PostingEvent.objects.get(source_id="11").pk
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with company_context(result.company):
                barrier.wait()
                event_post(event_id=event_id)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with company_context(result.company):
        assert JournalEntry.objects.count() == 1
        assert AccountBalance.objects.get(account__role="receivable").debit == Decimal("5.65")
