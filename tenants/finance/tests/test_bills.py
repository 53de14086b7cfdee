"""Commercial bills: every allowed step with its exact posting, every other step refused with nothing
written, bad input, and bills travelling to a Hansa supplier (issued in payment, endorsed)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from identity.models import AuditEntry
from kernel.errors import ValidationFailed
from kernel.tenancy import company_context
from marketplace.exchange.models import TradeDocument
from marketplace.exchange.services import deliver_pending, document_ingest
from tenants.finance.exceptions import BillNotHeld, BillTransitionNotAllowed, PaymentExceedsOpen
from tenants.finance.models import Bill, BillEvent, BillStatus, Invoice, JournalEntry, PostingEvent
from tenants.finance.services.bills import (
    ACTIONS,
    TRANSITIONS,
    BillIn,
    bill_issue,
    bill_receive,
    bill_transition,
)
from tenants.finance.services.settlement import bank_account_create
from tenants.finance.tests.factories import actor_for, run_postings
from tenants.finance.tests.settlement_factories import invoice_make, lines_of

pytestmark = pytest.mark.django_db

D = Decimal
TODAY = date.today()
ISSUE = TODAY - timedelta(days=10)
MATURITY = TODAY + timedelta(days=80)


def bill_in(amount: str = "1000.00", number: str = "") -> BillIn:
    return BillIn(
        number=number or f"1{uuid.uuid4().int % 10**15:015d}",
        type="bank_acceptance",
        acceptor_name="中国工商银行",
        amount=D(amount),
        issue_date=ISSUE,
        maturity_date=MATURITY,
    )


@pytest.fixture
def co(make_company) -> Any:
    result = make_company(plan="business")
    with company_context(result.company):
        yield result


def entry_of(step: BillEvent) -> JournalEntry:
    run_postings()
    return JournalEntry.objects.get(event_id=step.posting_event_id)


def last_step(bill: Bill) -> BillEvent:
    return bill.events.order_by("-id").first()


def payable(co: Any, amount: str = "1000.00") -> tuple[Bill, Invoice]:
    invoice = invoice_make(direction="in", total=amount, partner_name="Supplier Co")
    return bill_issue(actor=actor_for(co), bill=bill_in(amount), invoice_ids=[invoice.pk]), invoice


def receivable(co: Any, amount: str = "1000.00") -> tuple[Bill, Invoice]:
    invoice = invoice_make(direction="out", total=amount, partner_name="Customer Co")
    return bill_receive(actor=actor_for(co), bill=bill_in(amount), invoice_ids=[invoice.pk]), invoice


def step(co: Any, bill: Bill, action: str, day: date | None = None, **kw: Any) -> Bill:
    default = MATURITY if action in {"present", "settle", "dishonour"} else TODAY
    return bill_transition(actor=actor_for(co), bill=bill, action=action, day=day or default, **kw)


# --- payable ---------------------------------------------------------------------------------------------


def test_issue_settles_the_invoices_and_posts_payable_to_bills_payable(co) -> None:
    bill, invoice = payable(co)
    invoice.refresh_from_db()
    assert (bill.status, bill.direction, bill.holder) == ("issued", "payable", "partner")
    assert (invoice.status, invoice.amount_open) == ("paid", D("0"))
    entry = entry_of(last_step(bill))
    assert entry.journal.code == "BIL"
    assert lines_of(entry) == [
        ("payable", "1000.0000", "0.0000", ""),
        ("bills_payable", "0.0000", "1000.0000", ""),
    ]


def test_payable_accept_then_settle_at_maturity_pays_from_the_bank(co) -> None:
    bill, _ = payable(co)
    bill = step(co, bill, "accept")
    assert bill.status == "accepted" and last_step(bill).posting_event_id is None
    bill = step(co, bill, "settle")
    assert bill.status == "settled"
    assert lines_of(entry_of(last_step(bill))) == [
        ("bills_payable", "1000.0000", "0.0000", ""),
        ("bank", "0.0000", "1000.0000", "supplier_payments"),
    ]
    assert [e.action for e in bill.events.order_by("id")] == ["issue", "accept", "settle"]
    assert AuditEntry.objects.filter(action="finance.bill.settle", target_id=str(bill.pk)).count() == 1


def test_payable_dishonoured_goes_back_to_payable_and_reopens_the_invoice(co) -> None:
    bill, invoice = payable(co)
    bill = step(co, step(co, bill, "accept"), "dishonour")
    invoice.refresh_from_db()
    assert (bill.status, invoice.status, invoice.amount_open, invoice.amount_paid) == (
        "dishonoured",
        "open",
        D("1000.00"),
        D("0"),
    )
    assert lines_of(entry_of(last_step(bill))) == [
        ("bills_payable", "1000.0000", "0.0000", ""),
        ("payable", "0.0000", "1000.0000", ""),
    ]


# --- receivable ------------------------------------------------------------------------------------------


def test_receive_holds_the_bill_and_posts_bills_receivable_to_receivable(co) -> None:
    bill, invoice = receivable(co)
    invoice.refresh_from_db()
    assert (bill.status, bill.holder, invoice.status) == ("held", "us", "paid")
    assert lines_of(entry_of(last_step(bill))) == [
        ("bills_receivable", "1000.0000", "0.0000", ""),
        ("receivable", "0.0000", "1000.0000", ""),
    ]


def test_present_then_settle_collects_into_the_bank(co) -> None:
    bill, _ = receivable(co)
    bill = step(co, bill, "present")
    assert (bill.status, last_step(bill).posting_event_id) == ("presented", None)
    bill = step(co, bill, "settle")
    assert lines_of(entry_of(last_step(bill))) == [
        ("bank", "1000.0000", "0.0000", "customer_receipts"),
        ("bills_receivable", "0.0000", "1000.0000", ""),
    ]


def test_presented_and_dishonoured_goes_back_to_receivable_and_reopens_the_invoice(co) -> None:
    bill, invoice = receivable(co)
    bill = step(co, step(co, bill, "present"), "dishonour")
    invoice.refresh_from_db()
    assert (bill.status, invoice.status, invoice.amount_open) == ("dishonoured", "open", D("1000.00"))
    assert lines_of(entry_of(last_step(bill))) == [
        ("receivable", "1000.0000", "0.0000", ""),
        ("bills_receivable", "0.0000", "1000.0000", ""),
    ]


def test_discount_posts_net_to_bank_and_interest_to_finance_expense(co) -> None:
    bill, _ = receivable(co, "100000.00")
    bank = bank_account_create(actor=actor_for(co), name="BOC", currency="CNY")
    bill = step(co, bill, "discount", discount_rate=D("3.6"), bank_account=bank)
    # 100000 x 3.6 % x 80 / 360 = 800.00
    assert last_step(bill).details == {"rate": "3.6", "days": 80, "interest": "800.00", "bank": ""}
    assert (bill.status, bill.holder) == ("discounted", "bank")
    assert lines_of(entry_of(last_step(bill))) == [
        ("bank", "99200.0000", "0.0000", "customer_receipts"),
        ("finance_expense", "800.0000", "0.0000", ""),
        ("bills_receivable", "0.0000", "100000.0000", ""),
    ]


def test_endorse_pays_our_supplier_invoice_with_the_bill(co) -> None:
    bill, _ = receivable(co)
    ours = invoice_make(direction="in", total="1500.00", partner_name="Endorsee Co", partner_company_id=None)
    bill = step(co, bill, "endorse", invoice_ids=[ours.pk])
    ours.refresh_from_db()
    assert (bill.status, bill.holder, bill.holder_name) == ("endorsed", "partner", "Endorsee Co")
    assert (ours.status, ours.amount_open) == ("open", D("500.00"))
    entry = entry_of(last_step(bill))
    assert lines_of(entry) == [
        ("payable", "1000.0000", "0.0000", ""),
        ("bills_receivable", "0.0000", "1000.0000", ""),
    ]
    assert list(entry.lines.order_by("line_no").values_list("partner_name", flat=True)) == [
        "Endorsee Co",
        "Customer Co",
    ]


# --- refusals --------------------------------------------------------------------------------------------


ALL_STATES = [s for s in BillStatus.values]
REFUSED = [
    (direction, status, action)
    for direction in ("payable", "receivable")
    for status in ALL_STATES
    for action in ACTIONS
    if (direction, status, action) not in TRANSITIONS
]


@pytest.mark.parametrize(("direction", "status", "action"), REFUSED)
def test_every_other_step_is_refused_nothing_written(co, direction, status, action) -> None:
    bill, invoice = payable(co) if direction == "payable" else receivable(co)
    Bill.objects.filter(pk=bill.pk).update(status=status)
    bill.refresh_from_db()
    before = (BillEvent.objects.count(), PostingEvent.objects.count())
    expected = (
        BillNotHeld
        if direction == "payable" and action in {"endorse", "discount", "present"}
        else (BillTransitionNotAllowed)
    )
    with pytest.raises(expected) as caught:
        step(co, bill, action, discount_rate=D("3"), invoice_ids=[invoice.pk])
    assert caught.value.status == 409
    assert (BillEvent.objects.count(), PostingEvent.objects.count()) == before
    assert Bill.objects.get(pk=bill.pk).status == status


def test_presented_twice_is_refused(co) -> None:
    bill, _ = receivable(co)
    bill = step(co, bill, "present")
    with pytest.raises(BillTransitionNotAllowed) as caught:
        step(co, bill, "present")
    assert caught.value.code == "bill_transition_not_allowed"


def test_endorsing_a_bill_we_no_longer_hold_is_refused(co) -> None:
    bill, _ = receivable(co)
    first = invoice_make(direction="in", total="1000.00", partner_name="A")
    second = invoice_make(direction="in", total="1000.00", partner_name="B")
    bill = step(co, bill, "endorse", invoice_ids=[first.pk])
    with pytest.raises(BillNotHeld) as caught:
        step(co, bill, "endorse", invoice_ids=[second.pk])
    assert caught.value.code == "bill_not_held"
    second.refresh_from_db()
    assert second.amount_open == D("1000.00")


@pytest.mark.parametrize(
    ("action", "day", "message"),
    [
        ("discount", MATURITY, "A bill is endorsed or discounted before its maturity."),
        ("endorse", MATURITY + timedelta(days=1), "A bill is endorsed or discounted before its maturity."),
        ("present", MATURITY - timedelta(days=1), "The bill is not mature on this date."),
        ("discount", ISSUE - timedelta(days=1), "The date is before the bill's issue date."),
    ],
)
def test_dates_outside_the_bills_life_are_refused(co, action, day, message) -> None:
    bill, _ = receivable(co)
    other = invoice_make(direction="in", total="1000.00")
    with pytest.raises(ValidationFailed) as caught:
        step(co, bill, action, day=day, discount_rate=D("3"), invoice_ids=[other.pk])
    assert caught.value.errors == {"date": [message]}
    assert (Bill.objects.get(pk=bill.pk).status, BillEvent.objects.filter(bill=bill).count()) == ("held", 1)


def test_bad_bill_data_and_more_than_open_are_refused_nothing_written(co) -> None:
    invoice = invoice_make(direction="in", total="100.00")
    bad = BillIn(
        number="X1",
        type="bank_acceptance",
        acceptor_name="Bank",
        amount=D("100"),
        issue_date=TODAY,
        maturity_date=TODAY,
    )
    with pytest.raises(ValidationFailed) as caught:
        bill_issue(actor=actor_for(co), bill=bad, invoice_ids=[invoice.pk])
    assert caught.value.errors == {"maturity_date": ["A bill matures after its issue date."]}
    with pytest.raises(PaymentExceedsOpen):
        bill_issue(actor=actor_for(co), bill=bill_in("100.01"), invoice_ids=[invoice.pk])
    invoice.refresh_from_db()
    assert (invoice.amount_open, Bill.objects.filter(number="X1").count()) == (D("100.00"), 0)


def test_discount_without_a_rate_is_refused(co) -> None:
    bill, _ = receivable(co)
    with pytest.raises(ValidationFailed) as caught:
        step(co, bill, "discount")
    assert caught.value.errors == {"discount_rate": ["Give the annual discount rate in percent."]}


# --- across companies ------------------------------------------------------------------------------------


def _pair(supplier: Any, buyer: Any, total: str) -> tuple[Invoice, Invoice]:
    document = TradeDocument.objects.create(
        kind="invoice",
        sender=supplier.company,
        receiver=buyer.company,
        payload={},
        validated=True,
        state="delivered",
    )
    with company_context(supplier.company):
        issued = invoice_make(
            direction="out",
            total=total,
            partner_company_id=buyer.company.pk,
            partner_name=buyer.company.name,
            document_id=document.pk,
        )
    with company_context(buyer.company):
        received = invoice_make(
            direction="in",
            total=total,
            partner_company_id=supplier.company.pk,
            partner_name=supplier.company.name,
            document_id=document.pk,
            partner_number=issued.number,
        )
    return issued, received


def test_bill_issued_to_a_hansa_supplier_is_held_by_it(make_company) -> None:
    supplier, buyer = make_company(plan="business"), make_company(plan="business")
    issued, received = _pair(supplier, buyer, "2000.00")
    with company_context(buyer.company):
        ours = bill_issue(
            actor=actor_for(buyer),
            bill=bill_in("2000.00", number="230000000000001"),
            invoice_ids=[received.pk],
        )
    advice = TradeDocument.objects.get(kind="remittance_advice")
    assert (advice.payload["method"], advice.payload["bill"]["number"]) == ("bill", "230000000000001")
    deliver_pending()
    with company_context(supplier.company):
        theirs = Bill.objects.get(document_id=advice.pk)
        issued.refresh_from_db()
        assert (theirs.direction, theirs.status, theirs.number, theirs.amount) == (
            "receivable",
            "held",
            ours.number,
            D("2000.00"),
        )
        assert (issued.status, issued.amount_open) == ("paid", D("0"))
        assert lines_of(entry_of(last_step(theirs))) == [
            ("bills_receivable", "2000.0000", "0.0000", ""),
            ("receivable", "0.0000", "2000.0000", ""),
        ]
        assert document_ingest(document_id=advice.pk) == "duplicate"
        assert Bill.objects.count() == 1


def test_endorsed_bill_travels_to_the_endorsee_who_holds_it(make_company) -> None:
    us, supplier = make_company(plan="business"), make_company(plan="business")
    with company_context(us.company):
        sale = invoice_make(direction="out", total="800.00", partner_name="Customer")
        held = bill_receive(actor=actor_for(us), bill=bill_in("800.00"), invoice_ids=[sale.pk])
    their_issued, our_received = _pair(supplier, us, "1000.00")
    with company_context(us.company):
        bill_transition(
            actor=actor_for(us), bill=held, action="endorse", day=TODAY, invoice_ids=[our_received.pk]
        )
        our_received.refresh_from_db()
        assert our_received.amount_open == D("200.00")
    endorsement = TradeDocument.objects.get(kind="bill_endorsement")
    assert (endorsement.sender_id, endorsement.receiver_id) == (us.company.pk, supplier.company.pk)
    deliver_pending()
    with company_context(supplier.company):
        landed = Bill.objects.get(document_id=endorsement.pk)
        their_issued.refresh_from_db()
        assert (landed.status, landed.holder, landed.amount, landed.number) == (
            "held",
            "us",
            D("800.00"),
            held.number,
        )
        assert (their_issued.status, their_issued.amount_open) == ("open", D("200.00"))
        # The endorsee may take it further: present and collect at maturity.
        bill_transition(actor=actor_for(supplier), bill=landed, action="present", day=MATURITY)
        assert (
            bill_transition(actor=actor_for(supplier), bill=landed, action="settle", day=MATURITY).status
            == "settled"
        )
