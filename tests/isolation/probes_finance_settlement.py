"""Isolation probes of settlement (tenants.finance): payment terms, bank accounts, payments, open items,
bank statements, online payment (its webhook admits anyone holding a valid signature), bills.

``seed(side)`` spreads the settlement id sequences of the side's schema, then adds, named with the
side's marker: payment terms, a bank account, open invoices, a payment, an imported statement, an
online checkout and bills in each state a step starts from.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tests.isolation.world import Probe, Side

TABLES = (
    "paymentterm",
    "bankaccount",
    "payment",
    "paymentallocation",
    "bankstatement",
    "bankstatementline",
    "onlinepayment",
    "bill",
    "billevent",
    "invoice",
)
TODAY = date.today()


def _spread_ids() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                [f"finance_{table}", 1_000_000 + secrets.randbelow(10**12)],
            )


def _actor(side: Side) -> Any:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for

    return Actor(
        company=side.company,
        permissions=permissions_for(["owner"]),
        user=side.owner,
        membership=Membership.objects.get(user=side.owner, company=side.company),
    )


def _invoice(side: Side, direction: str, total: str) -> int:
    from tenants.finance.tests.settlement_factories import invoice_make

    return int(
        invoice_make(
            direction=direction,
            total=total,
            partner_name=f"{side.marker} partner",
            number=f"{side.marker}-{secrets.token_hex(4)}",
        ).pk
    )


def seed(side: Side) -> dict[str, Any]:
    if "finance_settlement" in side.extra:
        return side.extra["finance_settlement"]
    from kernel.tenancy import company_context
    from tenants.finance.models import Bill, OnlinePayment
    from tenants.finance.services import bank_statements, bills, settlement

    m = side.marker
    actor = _actor(side)
    with company_context(side.company):
        _spread_ids()
        settlement.payment_term_create(
            actor=actor, code=f"t{secrets.token_hex(4)}", name_zh=f"{m} 条件", name_en=f"{m} terms", days=45
        )
        bank = settlement.bank_account_create(
            actor=actor, name=f"{m} bank", currency="CNY", account_number="6222000012345678"
        )
        paid = _invoice(side, "out", "100.00")
        payment = settlement.payment_record(
            actor=actor,
            direction="in",
            amount=Decimal("10.00"),
            currency="CNY",
            day=TODAY,
            allocations=[settlement.AllocationIn(invoice_id=paid, amount=Decimal("10.00"))],
            reference=f"{m} payment",
        )
        csv = f"date,amount,counterparty,reference\n{TODAY.isoformat()},10.00,{m} partner,{m} line\n"
        import io

        statement = bank_statements.statement_import(
            actor=actor, bank_account=bank, file=io.BytesIO(csv.encode()), filename=f"{m}.csv"
        )
        line = statement.lines.get()
        online_invoice = _invoice(side, "out", "10.00")
        checkout = OnlinePayment.objects.create(
            invoice_id=online_invoice,
            gateway="fake",
            intent_id=f"pi_{m}_{secrets.token_hex(6)}",
            checkout_url="https://pay.invalid/x",
            amount=Decimal("10.00"),
            currency="CNY",
        )

        def bill_in(issue: date, maturity: date) -> Any:
            return bills.BillIn(
                number=f"{secrets.randbelow(10**15):015d}",
                type="bank_acceptance",
                acceptor_name=f"{m} bank",
                amount=Decimal("50.00"),
                issue_date=issue,
                maturity_date=maturity,
            )

        past, future = (
            (TODAY - timedelta(days=60), TODAY - timedelta(days=1)),
            (
                TODAY - timedelta(days=10),
                TODAY + timedelta(days=80),
            ),
        )
        issued = bills.bill_issue(
            actor=actor, bill=bill_in(*past), invoice_ids=[_invoice(side, "in", "50.00")]
        )
        accepted = bills.bill_issue(
            actor=actor, bill=bill_in(*past), invoice_ids=[_invoice(side, "in", "50.00")]
        )
        bills.bill_transition(actor=actor, bill=accepted, action="accept", day=TODAY)
        held = bills.bill_receive(
            actor=actor, bill=bill_in(*future), invoice_ids=[_invoice(side, "out", "50.00")]
        )
        mature = bills.bill_receive(
            actor=actor, bill=bill_in(*past), invoice_ids=[_invoice(side, "out", "50.00")]
        )
        Bill.objects.filter(pk__in=[issued.pk, accepted.pk, held.pk, mature.pk]).update(
            partner_name=f"{m} partner"
        )
    side.extra["finance_settlement"] = data = {
        "bank_account_id": bank.pk,
        "open_invoice_id": paid,
        "payment_id": payment.pk,
        "statement_id": statement.pk,
        "line_id": line.pk,
        "line_invoice_id": _in_schema(side, lambda: _invoice(side, "out", "100.00")),
        "online_invoice_id": _in_schema(side, lambda: _invoice(side, "out", "20.00")),
        "intent_id": checkout.intent_id,
        "issued_bill_id": issued.pk,
        "accepted_bill_id": accepted.pk,
        "held_bill_id": held.pk,
        "mature_bill_id": mature.pk,
        "endorse_invoice_id": _in_schema(side, lambda: _invoice(side, "in", "50.00")),
        "bill_invoice_id": _in_schema(side, lambda: _invoice(side, "out", "30.00")),
    }
    return data


def _in_schema(side: Side, make: Any) -> Any:
    from kernel.tenancy import company_context

    with company_context(side.company):
        return make()


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


@dataclass(frozen=True)
class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


@dataclass(frozen=True)
class GatewayProbe(SeededProbe):
    """Sends with the fake online gateway configured; ``signed`` bodies carry its valid signature."""

    signed: bool = False

    def send(self, client: Any, ids_from: Side, **headers: str) -> Any:
        from django.test import override_settings

        seed(ids_from)
        with override_settings(HANSA_FINANCE_GATEWAY="fake"):
            if not self.signed:
                return super().send(client, ids_from, **headers)
            from tenants.finance.gateways import FakeGateway

            assert self.body is not None
            body = json.dumps(self.body(ids_from)).encode()
            return client.post(
                self.url(ids_from),
                data=body,
                content_type="application/json",
                HTTP_X_HANSA_SIGNATURE=FakeGateway.sign(body),
                **headers,
            )


@dataclass(frozen=True)
class UploadProbe(SeededProbe):
    """Sends a statement CSV as multipart/form-data."""

    def send(self, client: Any, ids_from: Side, **headers: str) -> Any:
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = seed(ids_from)
        # The same file for a side every time (an idempotent retry resends the same bytes).
        amount = int(hashlib.sha256(ids_from.marker.encode()).hexdigest(), 16) % 900 + 1
        csv = f"date,amount,counterparty,reference\n{TODAY.isoformat()},{amount}.00,x,y\n"
        upload = SimpleUploadedFile(f"{ids_from.marker}.csv", csv.encode(), content_type="text/csv")
        return client.post(
            self.url(ids_from), data={"bank_account_id": data["bank_account_id"], "file": upload}, **headers
        )


def _webhook_event(side: Side) -> dict[str, Any]:
    return {
        "id": f"evt_{secrets.token_hex(8)}",
        "type": "payment_succeeded",
        "data": {"intent_id": seed(side)["intent_id"], "amount": "10.00", "currency": "CNY"},
    }


def _fingerprint(side: Side) -> dict[str, Any]:
    from kernel.tenancy import company_context
    from tenants.finance.models import (
        BankAccount,
        BankStatement,
        BankStatementLine,
        Bill,
        Invoice,
        OnlinePayment,
        Payment,
        PaymentTerm,
    )

    seed(side)
    with company_context(side.company):
        return {
            "terms": list(PaymentTerm.objects.order_by("pk").values_list("pk", "code")),
            "banks": list(BankAccount.objects.order_by("pk").values_list("pk", "name")),
            "payments": list(Payment.objects.order_by("pk").values_list("pk", "amount")),
            "statements": list(BankStatement.objects.order_by("pk").values_list("pk", "line_count")),
            "lines": list(BankStatementLine.objects.order_by("pk").values_list("pk", "status")),
            "online": list(OnlinePayment.objects.order_by("pk").values_list("pk", "status")),
            "bills": list(Bill.objects.order_by("pk").values_list("pk", "status", "holder")),
            "invoices": list(Invoice.objects.order_by("pk").values_list("pk", "amount_open", "status")),
        }


FINGERPRINTS = {"finance_settlement": _fingerprint}


def _step(action: str, bill: str, **body: Any) -> SeededProbe:
    return SeededProbe(
        "POST",
        f"/api/finance/bills/{{bill_id}}/{action}/",
        ids={"bill_id": _id(bill)},
        body=lambda s: {k: (v(s) if callable(v) else v) for k, v in body.items()},
    )


TENANT_PROBES: dict[str, Probe] = {
    "finance_payment_terms_list": SeededProbe("GET", "/api/finance/payment-terms/", lists=True),
    "finance_payment_terms_create": SeededProbe(
        "POST",
        "/api/finance/payment-terms/",
        body=lambda s: {"code": f"p{secrets.token_hex(4)}", "name_en": f"{s.marker} new", "days": 15},
        ok=201,
    ),
    "finance_bank_accounts_list": SeededProbe("GET", "/api/finance/bank-accounts/", lists=True),
    "finance_bank_accounts_create": SeededProbe(
        "POST",
        "/api/finance/bank-accounts/",
        body=lambda s: {"name": f"{s.marker} new", "currency": "CNY"},
        ok=201,
    ),
    "finance_payments_list": SeededProbe("GET", "/api/finance/payments/", lists=True),
    "finance_payments_create": SeededProbe(
        "POST",
        "/api/finance/payments/",
        body=lambda s: {
            "direction": "in",
            "currency": "CNY",
            "total": "5.00",
            "payment_date": TODAY.isoformat(),
            "reference": f"{s.marker} new",
            "allocations": [{"invoice_id": seed(s)["open_invoice_id"], "paid_amount": "5.00"}],
        },
        ok=201,
    ),
    "finance_payment": SeededProbe(
        "GET", "/api/finance/payments/{payment_id}/", ids={"payment_id": _id("payment_id")}
    ),
    "finance_open_items_list": SeededProbe("GET", "/api/finance/open-items/", lists=True),
    "finance_bank_statements_list": SeededProbe("GET", "/api/finance/bank-statements/", lists=True),
    "finance_bank_statements_import": UploadProbe("POST", "/api/finance/bank-statements/", ok=201),
    "finance_bank_statement_lines_list": SeededProbe(
        "GET",
        "/api/finance/bank-statements/{statement_id}/lines/",
        ids={"statement_id": _id("statement_id")},
    ),
    "finance_bank_statement_line_matches": SeededProbe(
        "GET",
        "/api/finance/bank-statement-lines/{statement_line_id}/matches/",
        ids={"statement_line_id": _id("line_id")},
    ),
    "finance_bank_statement_line_confirm": SeededProbe(
        "POST",
        "/api/finance/bank-statement-lines/{statement_line_id}/confirm/",
        ids={"statement_line_id": _id("line_id")},
        body=lambda s: {"invoice_ids": [seed(s)["line_invoice_id"]]},
        ok=201,
    ),
    "finance_online_payments_create": GatewayProbe(
        "POST",
        "/api/finance/online-payments/",
        body=lambda s: {"invoice_id": seed(s)["online_invoice_id"]},
        ok=201,
    ),
    "finance_online_payment_webhook": GatewayProbe(
        "POST", "/api/finance/online-payments/webhook/", body=_webhook_event, signed=True, public_access=True
    ),
    "finance_bills_list": SeededProbe("GET", "/api/finance/bills/", lists=True),
    "finance_bills_create": SeededProbe(
        "POST",
        "/api/finance/bills/",
        body=lambda s: {
            "direction": "receivable",
            "number": f"{secrets.randbelow(10**15):015d}",
            "type": "commercial_acceptance",
            "acceptor_name": f"{s.marker} acceptor",
            "face_amount": "30.00",
            "issue_date": TODAY.isoformat(),
            "maturity_date": (TODAY + timedelta(days=90)).isoformat(),
            "invoice_ids": [seed(s)["bill_invoice_id"]],
        },
        ok=201,
    ),
    "finance_bill": SeededProbe("GET", "/api/finance/bills/{bill_id}/", ids={"bill_id": _id("held_bill_id")}),
    "finance_bill_pdf": SeededProbe(
        "GET", "/api/finance/bills/{bill_id}/pdf/", ids={"bill_id": _id("held_bill_id")}
    ),
    "finance_bill_accept": _step("accept", "issued_bill_id"),
    "finance_bill_endorse": _step(
        "endorse", "held_bill_id", invoice_ids=lambda s: [seed(s)["endorse_invoice_id"]]
    ),
    "finance_bill_discount": _step("discount", "held_bill_id", interest_percent="3.00"),
    "finance_bill_present": _step("present", "mature_bill_id"),
    "finance_bill_settle": _step("settle", "accepted_bill_id"),
    "finance_bill_dishonour": _step("dishonour", "accepted_bill_id"),
}
