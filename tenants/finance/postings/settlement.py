"""Posting builders of settlement: payments received and made, and each step of a commercial bill.

Payments (journal BNK), read from the payment and its allocations (both immutable once written):

- ``payment_received``: bank Dr cash at the payment's rate; cash discount and write-off Dr (finance
  expense); receivable Cr what the allocations settle, at each invoice's rate; the difference between
  the two rates to ``fx`` (exchange gain or loss).
- ``payment_made``: payable Dr what is settled at the invoice's rate; bank Cr the cash; discount received
  and write-off Cr (finance expense); the rate difference to ``fx``.

Bills (journal BIL), read from the bill step (``BillEvent``): see the table in docs/finance.md.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tenants.finance.models import (
    BankAccount,
    Bill,
    BillEvent,
    Payment,
    PaymentDirection,
    PaymentMethod,
    PostingEvent,
)
from tenants.finance.services.posting import Leg, LegBuilder, Posting, RuleSpec, cents, posting_event

_PAYMENT_COMMON = [
    RuleSpec("bank", "debit", "bank", "银行存款", "Bank"),
    RuleSpec("cash", "debit", "cash", "库存现金", "Cash"),
    RuleSpec("discount", "debit", "finance_expense", "财务费用—现金折扣", "Cash discount"),
    RuleSpec("writeoff", "debit", "finance_expense", "财务费用—尾差核销", "Small differences written off"),
    RuleSpec("fx", "credit", "fx_gain_loss", "汇兑损益", "Exchange gain or loss"),
]


def _partner(row: Payment | Bill) -> dict[str, Any]:
    return {
        "partner_company_id": row.partner_company_id,
        "partner_customer_id": row.customer_id,
        "partner_name": row.partner_name,
    }


def _cash_leg(
    builder: LegBuilder,
    *,
    amount: Decimal,
    bank_account: BankAccount | None,
    method: str,
    tag: str,
    currency: str = "",
    amount_currency: Decimal | None = None,
    rate: Decimal = Decimal(1),
    **partner: Any,
) -> None:
    if cents(amount) == 0:
        return
    extra: dict[str, Any] = {"cash_flow_tag": tag, **partner}
    if currency:
        extra.update(currency=currency, amount_currency=amount_currency, rate=rate)
    if bank_account is not None:
        builder.legs.append(Leg(amount=cents(amount), account=bank_account.account, **extra))
    else:
        builder.add("cash" if method == PaymentMethod.CASH else "bank", amount, **extra)


def _payment_posting(event: PostingEvent) -> Posting:
    payment = Payment.objects.select_related("bank_account__account").get(pk=int(event.source_id))
    sign = Decimal(1) if payment.direction == PaymentDirection.IN else Decimal(-1)
    rate = payment.exchange_rate
    fx = {"currency": payment.currency, "rate": rate}
    partner = _partner(payment)
    builder = LegBuilder()
    tag = "customer_receipts" if payment.direction == PaymentDirection.IN else "supplier_payments"
    _cash_leg(
        builder,
        amount=sign * payment.amount * rate,
        bank_account=payment.bank_account,
        method=payment.method,
        tag=tag,
        currency=payment.currency,
        amount_currency=sign * payment.amount,
        rate=rate,
        **partner,
    )
    party = "receivable" if payment.direction == PaymentDirection.IN else "payable"
    for allocation in payment.allocations.select_related("invoice").order_by("id"):
        invoice = allocation.invoice
        settled = allocation.amount + allocation.discount_taken + allocation.writeoff
        builder.add(
            party,
            -sign * settled * invoice.exchange_rate,
            currency=invoice.currency,
            amount_currency=-sign * settled,
            rate=invoice.exchange_rate,
            description=invoice.number,
            **partner,
        )
        builder.add(
            "discount",
            sign * allocation.discount_taken * rate,
            amount_currency=sign * allocation.discount_taken,
            description=invoice.number,
            **fx,
            **partner,
        )
        builder.add(
            "writeoff",
            sign * allocation.writeoff * rate,
            amount_currency=sign * allocation.writeoff,
            description=invoice.number,
            **fx,
            **partner,
        )
    builder.balance("fx", **partner)
    verb = "Payment from" if payment.direction == PaymentDirection.IN else "Payment to"
    return Posting(description=f"{verb} {payment.partner_name} {payment.number}", legs=builder.legs)


@posting_event(
    "payment_received",
    journal="BNK",
    rules=[RuleSpec("receivable", "credit", "receivable", "应收账款", "Receivable"), *_PAYMENT_COMMON],
    label_zh="收款",
    label_en="Payment received",
)
def payment_received_posting(event: PostingEvent) -> Posting:
    return _payment_posting(event)


@posting_event(
    "payment_made",
    journal="BNK",
    rules=[RuleSpec("payable", "debit", "payable", "应付账款", "Payable"), *_PAYMENT_COMMON],
    label_zh="付款",
    label_en="Payment made",
)
def payment_made_posting(event: PostingEvent) -> Posting:
    return _payment_posting(event)


# --- bills -----------------------------------------------------------------------------------------------


def _bill_step(event: PostingEvent) -> tuple[BillEvent, Bill, dict[str, Any]]:
    step = BillEvent.objects.select_related("bill__bank_account__account").get(pk=int(event.source_id))
    return step, step.bill, _partner(step.bill)


def _two_legs(event: PostingEvent, debit: str, credit: str, text: str, *, cash_tag: str = "") -> Posting:
    step, bill, partner = _bill_step(event)
    builder = LegBuilder()
    if debit == "bank":
        _cash_leg(
            builder, amount=step.amount, bank_account=bill.bank_account, method="", tag=cash_tag, **partner
        )
    else:
        builder.add(debit, step.amount, **partner)
    if credit == "bank":
        _cash_leg(
            builder, amount=-step.amount, bank_account=bill.bank_account, method="", tag=cash_tag, **partner
        )
    else:
        builder.add(credit, -step.amount, **partner)
    return Posting(description=f"{text} {bill.number}", legs=builder.legs)


def _rule(component: str, side: str) -> RuleSpec:
    names = {
        "payable": ("应付账款", "Payable"),
        "receivable": ("应收账款", "Receivable"),
        "bills_payable": ("应付票据", "Bills payable"),
        "bills_receivable": ("应收票据", "Bills receivable"),
        "bank": ("银行存款", "Bank"),
        "interest": ("财务费用—贴现利息", "Discount interest"),
    }
    role = "finance_expense" if component == "interest" else component
    return RuleSpec(component, side, role, *names[component])


@posting_event(
    "bill_issued",
    journal="BIL",
    rules=[_rule("payable", "debit"), _rule("bills_payable", "credit")],
    label_zh="开出商业汇票",
    label_en="Bill issued",
)
def bill_issued_posting(event: PostingEvent) -> Posting:
    return _two_legs(event, "payable", "bills_payable", "Bill issued")


@posting_event(
    "bill_payable_settled",
    journal="BIL",
    rules=[_rule("bills_payable", "debit"), _rule("bank", "credit")],
    label_zh="应付票据到期付款",
    label_en="Bill payable settled",
)
def bill_payable_settled_posting(event: PostingEvent) -> Posting:
    return _two_legs(event, "bills_payable", "bank", "Bill paid at maturity", cash_tag="supplier_payments")


@posting_event(
    "bill_payable_dishonoured",
    journal="BIL",
    rules=[_rule("bills_payable", "debit"), _rule("payable", "credit")],
    label_zh="应付票据到期未付",
    label_en="Bill payable dishonoured",
)
def bill_payable_dishonoured_posting(event: PostingEvent) -> Posting:
    return _two_legs(event, "bills_payable", "payable", "Bill dishonoured")


@posting_event(
    "bill_received",
    journal="BIL",
    rules=[_rule("bills_receivable", "debit"), _rule("receivable", "credit")],
    label_zh="收到商业汇票",
    label_en="Bill received",
)
def bill_received_posting(event: PostingEvent) -> Posting:
    return _two_legs(event, "bills_receivable", "receivable", "Bill received")


@posting_event(
    "bill_endorsed",
    journal="BIL",
    rules=[_rule("payable", "debit"), _rule("bills_receivable", "credit")],
    label_zh="商业汇票背书转让",
    label_en="Bill endorsed",
)
def bill_endorsed_posting(event: PostingEvent) -> Posting:
    step, bill, partner = _bill_step(event)
    endorsee = {
        "partner_company_id": step.details.get("endorsee_company_id"),
        "partner_name": str(step.details.get("endorsee_name", "")),
    }
    builder = LegBuilder()
    builder.add("payable", step.amount, **endorsee)
    builder.add("bills_receivable", -step.amount, **partner)
    return Posting(description=f"Bill endorsed {bill.number}", legs=builder.legs)


@posting_event(
    "bill_discounted",
    journal="BIL",
    rules=[_rule("bank", "debit"), _rule("interest", "debit"), _rule("bills_receivable", "credit")],
    label_zh="商业汇票贴现",
    label_en="Bill discounted",
)
def bill_discounted_posting(event: PostingEvent) -> Posting:
    step, bill, partner = _bill_step(event)
    interest = Decimal(str(step.details["interest"]))
    builder = LegBuilder()
    _cash_leg(
        builder,
        amount=step.amount - interest,
        bank_account=bill.bank_account,
        method="",
        tag="customer_receipts",
        **partner,
    )
    builder.add("interest", interest, **partner)
    builder.add("bills_receivable", -step.amount, **partner)
    return Posting(description=f"Bill discounted {bill.number}", legs=builder.legs)


@posting_event(
    "bill_receivable_settled",
    journal="BIL",
    rules=[_rule("bank", "debit"), _rule("bills_receivable", "credit")],
    label_zh="应收票据到期收款",
    label_en="Bill receivable settled",
)
def bill_receivable_settled_posting(event: PostingEvent) -> Posting:
    return _two_legs(event, "bank", "bills_receivable", "Bill collected", cash_tag="customer_receipts")


@posting_event(
    "bill_receivable_dishonoured",
    journal="BIL",
    rules=[_rule("receivable", "debit"), _rule("bills_receivable", "credit")],
    label_zh="应收票据到期被拒付",
    label_en="Bill receivable dishonoured",
)
def bill_receivable_dishonoured_posting(event: PostingEvent) -> Posting:
    return _two_legs(event, "receivable", "bills_receivable", "Bill dishonoured")
