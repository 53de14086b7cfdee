"""Commercial bills (商业汇票): bank acceptance (银行承兑汇票) and commercial acceptance (商业承兑汇票).

A bill we draw to pay supplier invoices is *payable*; a bill a customer gives us (drawn by it, or
endorsed to us) is *receivable*. Every step is a ``BillEvent`` allowed by
:data:`TRANSITIONS`, taken under the bill's row lock, and posted by its own business event (see
``tenants.finance.postings.settlement`` and docs/finance.md, "Bills").
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import ValidationFailed
from tenants.finance.exceptions import BillNotHeld, BillTransitionNotAllowed, PaymentExceedsOpen
from tenants.finance.models import (
    ZERO,
    BankAccount,
    Bill,
    BillAllocation,
    BillDirection,
    BillEvent,
    BillStatus,
    BillType,
    Invoice,
    PaymentDirection,
)
from tenants.finance.services.posting import cents, event_record, functional_currency
from tenants.finance.services.settlement import (
    FINANCE_POST,
    AllocationIn,
    _invoice_apply_settlement,
    _invoice_reopen,
    _invoices_lock,
    invoices_settleable,
)

P, R = BillDirection.PAYABLE, BillDirection.RECEIVABLE

# (direction, from status, action) -> (to status, posting event kind or "" for none).
TRANSITIONS: dict[tuple[str, str, str], tuple[str, str]] = {
    (P, BillStatus.ISSUED, "accept"): (BillStatus.ACCEPTED, ""),
    (P, BillStatus.ACCEPTED, "settle"): (BillStatus.SETTLED, "bill_payable_settled"),
    (P, BillStatus.ACCEPTED, "dishonour"): (BillStatus.DISHONOURED, "bill_payable_dishonoured"),
    (R, BillStatus.HELD, "endorse"): (BillStatus.ENDORSED, "bill_endorsed"),
    (R, BillStatus.HELD, "discount"): (BillStatus.DISCOUNTED, "bill_discounted"),
    (R, BillStatus.HELD, "present"): (BillStatus.PRESENTED, ""),
    (R, BillStatus.PRESENTED, "settle"): (BillStatus.SETTLED, "bill_receivable_settled"),
    (R, BillStatus.PRESENTED, "dishonour"): (BillStatus.DISHONOURED, "bill_receivable_dishonoured"),
}
ACTIONS = ("accept", "endorse", "discount", "present", "settle", "dishonour")
# Steps that need the bill in our hands.
HOLDER_ACTIONS = {"endorse", "discount", "present"}


@dataclass(frozen=True)
class BillIn:
    number: str
    type: str
    acceptor_name: str
    amount: Decimal
    issue_date: date
    maturity_date: date
    drawer_name: str = ""
    payee_name: str = ""


def _check_bill(bill: BillIn, currency: str) -> None:
    errors: dict[str, list[str]] = {}
    if bill.type not in BillType.values:
        errors["type"] = ["Unknown bill type."]
    if bill.amount <= 0:
        errors["amount"] = ["The amount must be more than zero."]
    if bill.maturity_date <= bill.issue_date:
        errors["maturity_date"] = ["A bill matures after its issue date."]
    if currency != functional_currency():
        errors["currency"] = ["Bills are in the functional currency."]
    if not bill.number.strip():
        errors["number"] = ["The bill's number is required."]
    if errors:
        raise ValidationFailed(errors=errors)


def _spread(invoices: dict[int, Invoice], invoice_ids: Sequence[int], amount: Decimal) -> list[AllocationIn]:
    """``amount`` over the invoices in the given order, each up to what is open; all of it must fit."""
    rest, rows = amount, []
    for invoice_id in invoice_ids:
        part = min(rest, invoices[invoice_id].amount_open)
        if part > 0:
            rows.append(AllocationIn(invoice_id=invoice_id, amount=part))
        rest -= part
    if rest > 0:
        last = invoices[invoice_ids[-1]]
        raise PaymentExceedsOpen(
            f"The bill is {rest} more than the invoices' open amount.",
            invoice_id=last.pk,
            amount_open=str(sum((i.amount_open for i in invoices.values()), ZERO)),
        )
    return rows


def _settle(bill: Bill, invoices: dict[int, Invoice], rows: Sequence[AllocationIn], step: str) -> None:
    paid_at = timezone.now()
    for row in rows:
        _invoice_apply_settlement(invoice=invoices[row.invoice_id], amount=row.amount, paid_at=paid_at)
        BillAllocation.objects.create(bill=bill, invoice_id=row.invoice_id, amount=row.amount, step=step)


def _step(
    bill: Bill,
    *,
    action: str,
    from_status: str,
    to_status: str,
    day: date,
    kind: str,
    actor_label: str,
    details: dict[str, Any] | None = None,
) -> BillEvent:
    event = BillEvent.objects.create(
        bill=bill,
        action=action,
        from_status=from_status,
        to_status=to_status,
        date=day,
        amount=bill.amount,
        details=details or {},
        actor_label=actor_label[:254],
    )
    if kind:
        posting = event_record(kind=kind, source_id=event.pk, occurred_on=day)
        if posting is not None:
            event.posting_event_id = posting.pk
            event.save(update_fields=["posting_event"])
    return event


def _audit(actor: Actor | None, bill: Bill, action: str, **after: Any) -> None:
    audit_record(
        action=f"finance.bill.{action}",
        company=actor.company if actor else None,
        actor=actor.user if actor else None,
        actor_label=actor.label if actor else "",
        target_type="finance.bill",
        target_id=bill.pk,
        after={"number": bill.number, "status": bill.status, **after},
    )


def bill_issue(
    *,
    actor: Actor,
    bill: BillIn,
    invoice_ids: Sequence[int],
    bank_account: BankAccount | None = None,
) -> Bill:
    """Draw a payable bill to pay received invoices of one supplier (payable Dr / bills payable Cr).

    The bill's amount is spread over the invoices in the order given. A supplier on Hansa receives a
    ``remittance_advice`` with method ``bill`` and holds the bill on its side.

    Raises:
        ValidationFailed: bad bill data (dates, amount, currency), unknown invoices, several partners.
        InvoiceNotSettleable: an invoice that is not an open received invoice in the bill's currency.
        PaymentExceedsOpen: the bill is more than the invoices' open amount.
    """
    actor.require(FINANCE_POST)
    currency = functional_currency()
    _check_bill(bill, currency)
    if not invoice_ids:
        raise ValidationFailed(errors={"invoice_ids": ["A bill pays at least one invoice."]})
    with transaction.atomic():
        invoices = invoices_settleable(
            invoice_ids=invoice_ids, direction=PaymentDirection.OUT, currency=currency
        )
        rows = _spread(invoices, invoice_ids, bill.amount)
        first = invoices[invoice_ids[0]]
        row = Bill.objects.create(
            number=bill.number.strip(),
            type=bill.type,
            direction=P,
            status=BillStatus.ISSUED,
            drawer_name=bill.drawer_name or actor.company.name,
            payee_name=bill.payee_name or first.partner_name,
            acceptor_name=bill.acceptor_name,
            partner_company_id=first.partner_company_id,
            customer_id=first.customer_id,
            partner_name=first.partner_name,
            amount=bill.amount,
            currency=currency,
            issue_date=bill.issue_date,
            maturity_date=bill.maturity_date,
            holder="partner",
            holder_company_id=first.partner_company_id,
            holder_name=first.partner_name,
            bank_account=bank_account,
            created_by_label=actor.label,
        )
        _settle(row, invoices, rows, "issued")
        _step(
            row,
            action="issue",
            from_status="",
            to_status=BillStatus.ISSUED,
            day=bill.issue_date,
            kind="bill_issued",
            actor_label=actor.label,
        )
        _audit(actor, row, "issue", amount=str(bill.amount), invoices=list(invoice_ids))
        _send_bill_remittance(row, invoices, rows, sender=actor.company)
    return row


def _bill_payload(bill: Bill) -> dict[str, Any]:
    return {
        "number": bill.number,
        "type": bill.type,
        "drawer_name": bill.drawer_name,
        "payee_name": bill.payee_name,
        "acceptor_name": bill.acceptor_name,
        "amount": str(cents(bill.amount)),
        "currency": bill.currency,
        "issue_date": bill.issue_date.isoformat(),
        "maturity_date": bill.maturity_date.isoformat(),
    }


def _partner_invoices_payload(
    invoices: dict[int, Invoice], rows: Sequence[AllocationIn]
) -> list[dict[str, Any]] | None:
    """The invoices as the partner knows them (its documents), or None unless every one came from it."""
    if not rows or any(invoices[r.invoice_id].document_id is None for r in rows):
        return None
    return [
        {
            "invoice_document_id": str(invoices[r.invoice_id].document_id),
            "invoice_number": invoices[r.invoice_id].partner_number or invoices[r.invoice_id].number,
            "amount": str(cents(r.amount)),
            "discount": "0.00",
            "writeoff": "0.00",
        }
        for r in rows
    ]


def _receiver(company_id: int | None) -> Any:
    from tenants.models import Company

    return Company.objects.filter(pk=company_id).first() if company_id else None


def _send_bill_remittance(
    bill: Bill, invoices: dict[int, Invoice], rows: Sequence[AllocationIn], *, sender: Any
) -> None:
    from marketplace.exchange.services import document_send

    payload_invoices = _partner_invoices_payload(invoices, rows)
    receiver = _receiver(bill.partner_company_id)
    if payload_invoices is None or receiver is None:
        return
    document_send(
        sender=sender,
        receiver=receiver,
        kind="remittance_advice",
        payload={
            "payment_number": bill.number,
            "method": "bill",
            "paid_on": bill.issue_date.isoformat(),
            "currency": bill.currency,
            "amount": str(cents(bill.amount)),
            "reference": f"Bill {bill.number}",
            "invoices": payload_invoices,
            "bill": _bill_payload(bill),
        },
        refers_to=invoices[rows[0].invoice_id].document_id,
    )


def bill_receive(
    *,
    actor: Actor,
    bill: BillIn,
    invoice_ids: Sequence[int],
    bank_account: BankAccount | None = None,
) -> Bill:
    """Hold a bill a customer gave us for issued invoices (bills receivable Dr / receivable Cr).

    Raises:
        ValidationFailed, InvoiceNotSettleable, PaymentExceedsOpen: as :func:`bill_issue`.
    """
    actor.require(FINANCE_POST)
    currency = functional_currency()
    _check_bill(bill, currency)
    if not invoice_ids:
        raise ValidationFailed(errors={"invoice_ids": ["A bill pays at least one invoice."]})
    with transaction.atomic():
        invoices = invoices_settleable(
            invoice_ids=invoice_ids, direction=PaymentDirection.IN, currency=currency
        )
        rows = _spread(invoices, invoice_ids, bill.amount)
        if not bill.payee_name:
            bill = replace(bill, payee_name=actor.company.name)
        row = _held_bill(bill, invoices[invoice_ids[0]], currency, bank_account, actor.label, None)
        _settle(row, invoices, rows, "received")
        _step(
            row,
            action="receive",
            from_status="",
            to_status=BillStatus.HELD,
            day=bill.issue_date,
            kind="bill_received",
            actor_label=actor.label,
        )
        _audit(actor, row, "receive", amount=str(bill.amount), invoices=list(invoice_ids))
    return row


def _held_bill(
    bill: BillIn,
    invoice: Invoice,
    currency: str,
    bank_account: BankAccount | None,
    label: str,
    document_id: uuid.UUID | None,
) -> Bill:
    return Bill.objects.create(
        number=bill.number.strip(),
        type=bill.type,
        direction=R,
        status=BillStatus.HELD,
        drawer_name=bill.drawer_name or invoice.partner_name,
        payee_name=bill.payee_name,
        acceptor_name=bill.acceptor_name,
        partner_company_id=invoice.partner_company_id,
        customer_id=invoice.customer_id,
        partner_name=invoice.partner_name,
        amount=bill.amount,
        currency=currency,
        issue_date=bill.issue_date,
        maturity_date=bill.maturity_date,
        holder="us",
        bank_account=bank_account,
        document_id=document_id,
        created_by_label=label[:254],
    )


def bill_receive_from_partner(
    *,
    document_id: uuid.UUID,
    sender_id: int,
    bill: dict[str, Any],
    allocations: Sequence[AllocationIn],
    day: date,
) -> Bill | None:
    """A bill that arrived in a trade document (a customer's remittance with a bill, or an endorsement):
    hold it against the invoices we sent that customer (``allocations``). Idempotent by document id.

    Raises:
        ValidationFailed: an allocation not naming an issued invoice of ours to that company.
        PaymentExceedsOpen: more than what is open.
    """
    if Bill.objects.filter(document_id=document_id).exists():
        return None
    ids = [a.invoice_id for a in allocations]
    with transaction.atomic():
        invoices = invoices_settleable(
            invoice_ids=ids, direction=PaymentDirection.IN, currency=bill["currency"]
        )
        if any(i.partner_company_id != sender_id for i in invoices.values()):
            raise ValidationFailed(errors={"invoices": ["Not an invoice we sent to this company."]})
        data = BillIn(
            number=bill["number"],
            type=bill["type"],
            acceptor_name=bill["acceptor_name"],
            amount=Decimal(bill["amount"]),
            issue_date=date.fromisoformat(bill["issue_date"]),
            maturity_date=date.fromisoformat(bill["maturity_date"]),
            drawer_name=bill["drawer_name"],
            payee_name=bill["payee_name"],
        )
        row = _held_bill(data, invoices[ids[0]], bill["currency"], None, "trade document", document_id)
        _settle(row, invoices, allocations, "received")
        _step(
            row,
            action="receive",
            from_status="",
            to_status=BillStatus.HELD,
            day=max(day, data.issue_date),
            kind="bill_received",
            actor_label="trade document",
            details={"document_id": str(document_id)},
        )
    return row


def _transition(bill: Bill, action: str, day: date) -> tuple[str, str]:
    if action in HOLDER_ACTIONS and (bill.direction != R or bill.holder != "us"):
        raise BillNotHeld(f"{bill.number} is not held by this company.", bill_id=bill.pk)
    found = TRANSITIONS.get((bill.direction, bill.status, action))
    if found is None:
        raise BillTransitionNotAllowed(
            f"{bill.number}: cannot {action} a {bill.direction} bill that is {bill.status}.",
            bill_id=bill.pk,
            bill_status=bill.status,
            action=action,
        )
    if day < bill.issue_date:
        raise ValidationFailed(errors={"date": ["The date is before the bill's issue date."]})
    if action in {"endorse", "discount"} and day >= bill.maturity_date:
        raise ValidationFailed(errors={"date": ["A bill is endorsed or discounted before its maturity."]})
    if action in {"present", "settle", "dishonour"} and day < bill.maturity_date:
        raise ValidationFailed(errors={"date": ["The bill is not mature on this date."]})
    return found


def bill_transition(
    *,
    actor: Actor,
    bill: Bill,
    action: str,
    day: date,
    invoice_ids: Sequence[int] = (),
    discount_rate: Decimal | None = None,
    bank_account: BankAccount | None = None,
) -> Bill:
    """Take one step of the bill's life (see :data:`TRANSITIONS`), under the bill's row lock.

    - ``endorse`` (背书转让): pay our received invoices ``invoice_ids`` of one supplier with the bill
      (payable Dr / bills receivable Cr); a supplier on Hansa gets a ``bill_endorsement`` and holds it.
    - ``discount`` (贴现): the bank pays the amount less interest = amount * ``discount_rate`` % *
      days to maturity / 360 (bank Dr net, finance expense Dr interest, bills receivable Cr).
    - ``settle``: paid at maturity (payable: bills payable Dr / bank Cr; receivable: bank Dr / bills
      receivable Cr). ``dishonour``: unpaid at maturity; the invoices it paid are open again (payable:
      bills payable Dr / payable Cr; receivable: receivable Dr / bills receivable Cr).
    - ``accept``, ``present``: no posting.

    Raises:
        BillNotHeld: endorsing, discounting or presenting a bill we do not hold.
        BillTransitionNotAllowed: the step is not allowed from the bill's status.
        ValidationFailed: a date before issue, an endorsement or discount at or after maturity, a
            presentment/settlement/dishonour before maturity, a missing or bad rate, no invoices.
        InvoiceNotSettleable, PaymentExceedsOpen: endorsing against invoices that cannot take it.
    """
    actor.require(FINANCE_POST)
    if action not in ACTIONS:
        raise ValidationFailed(errors={"action": [f"Unknown step {action!r}."]})
    with transaction.atomic():
        locked = Bill.objects.select_for_update().get(pk=bill.pk)
        to_status, kind = _transition(locked, action, day)
        details: dict[str, Any] = {}
        if bank_account is not None:
            if bank_account.currency != locked.currency:
                raise ValidationFailed(
                    errors={"bank_account_id": [f"Choose a {locked.currency} bank account."]}
                )
            locked.bank_account = bank_account
        if action == "discount":
            if discount_rate is None or not (ZERO < discount_rate < 100):
                raise ValidationFailed(
                    errors={"discount_rate": ["Give the annual discount rate in percent."]}
                )
            days = (locked.maturity_date - day).days
            interest = cents(locked.amount * discount_rate / 100 * days / 360)
            details = {"rate": str(discount_rate), "days": days, "interest": str(interest), "bank": ""}
        if action == "endorse":
            details = _endorse(actor, locked, invoice_ids, day)
        if action == "dishonour":
            step = "issued" if locked.direction == P else "received"
            allocations = list(locked.allocations.filter(step=step).order_by("invoice_id"))
            invoices = _invoices_lock([a.invoice_id for a in allocations])
            for allocation in allocations:
                _invoice_reopen(invoice=invoices[allocation.invoice_id], amount=allocation.amount)
            details = {"reopened": [a.invoice_id for a in allocations]}
        from_status = locked.status
        locked.status = to_status
        if action in {"discount", "settle", "dishonour"} and locked.direction == R:
            locked.holder = "bank" if action == "discount" else "us"
        locked.save()
        _step(
            locked,
            action=action,
            from_status=from_status,
            to_status=to_status,
            day=day,
            kind=kind,
            actor_label=actor.label,
            details=details,
        )
        _audit(actor, locked, action, date=day.isoformat(), **{k: str(v) for k, v in details.items()})
    return locked


def _endorse(actor: Actor, bill: Bill, invoice_ids: Sequence[int], day: date) -> dict[str, Any]:
    from marketplace.exchange.services import document_send

    if not invoice_ids:
        raise ValidationFailed(errors={"invoice_ids": ["Endorse the bill to pay invoices of the endorsee."]})
    invoices = invoices_settleable(
        invoice_ids=invoice_ids, direction=PaymentDirection.OUT, currency=bill.currency
    )
    rows = _spread(invoices, invoice_ids, bill.amount)
    _settle(bill, invoices, rows, "endorsed")
    endorsee = invoices[invoice_ids[0]]
    bill.holder = "partner"
    bill.holder_company_id = endorsee.partner_company_id
    bill.holder_name = endorsee.partner_name
    details: dict[str, Any] = {
        "endorsee_company_id": endorsee.partner_company_id,
        "endorsee_name": endorsee.partner_name,
        "invoices": [r.invoice_id for r in rows],
    }
    payload_invoices = _partner_invoices_payload(invoices, rows)
    receiver = _receiver(endorsee.partner_company_id)
    if payload_invoices is not None and receiver is not None:
        document = document_send(
            sender=actor.company,
            receiver=receiver,
            kind="bill_endorsement",
            payload={
                "endorsement_id": str(uuid.uuid4()),
                "endorsed_on": day.isoformat(),
                "bill": _bill_payload(bill),
                "invoices": payload_invoices,
            },
            refers_to=invoices[rows[0].invoice_id].document_id,
        )
        details["document_id"] = str(document.pk)
    return details
