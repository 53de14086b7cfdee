"""Isolation probes of invoices (tenants.finance): issued and received invoices, notes, the match.

``seed(side)`` builds on the books' seed (which spreads the finance id sequences) and the sales seed (an
accepted order with a shipment), then adds a draft typed by hand, an issued invoice, and a received
invoice waiting for approval, each carrying the side's marker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tests.isolation import probes_finance_books, probes_sales
from tests.isolation.world import Probe, Side


def seed(side: Side) -> dict[str, Any]:
    if "finance_invoices" in side.extra:
        return side.extra["finance_invoices"]
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from kernel.tenancy import company_context
    from tenants.finance.models import Invoice, InvoiceLine, MatchStatus
    from tenants.finance.services import invoices

    probes_finance_books.seed(side)
    sales = probes_sales.seed(side)
    m = side.marker
    actor = Actor(
        company=side.company,
        permissions=permissions_for(["owner"]),
        user=side.owner,
        membership=Membership.objects.get(user=side.owner, company=side.company),
    )
    line = invoices.LineInput(description=f"{m} consulting", quantity=Decimal(2), unit_price=Decimal(50))
    with company_context(side.company):
        draft = invoices.invoice_create_manual(
            actor=actor, partner_name=f"{m} Walk-in", currency="CNY", lines=[line]
        )
        issued = invoices.invoice_issue(
            actor=actor,
            invoice=invoices.invoice_create_manual(
                actor=actor, partner_name=f"{m} Customer", currency="CNY", lines=[line]
            ),
        )
        pending = Invoice.objects.create(
            direction="in",
            number=f"AP-{m}-1",
            partner_number=f"{m}-SUP-1",
            status="draft",
            match_status=MatchStatus.MISMATCH,
            partner_name=f"{m} Supplier",
            issue_date=date.today(),
            currency="CNY",
            total_net=Decimal(100),
            total_tax=Decimal(13),
            total=Decimal(113),
            amount_open=Decimal(113),
        )
        InvoiceLine.objects.create(
            invoice=pending,
            line_no=1,
            description=f"{m} freight",
            quantity=Decimal(1),
            unit_price=Decimal(100),
            tax_rate=Decimal(13),
            net_amount=Decimal(100),
            tax_amount=Decimal(13),
        )
    side.extra["finance_invoices"] = data = {
        "draft_id": draft.pk,
        "issued_id": issued.pk,
        "pending_id": pending.pk,
        "sales_order_id": sales["accepted_id"],
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


@dataclass(frozen=True)
class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


def _fingerprint(side: Side) -> dict[str, Any]:
    from kernel.tenancy import company_context
    from tenants.finance.models import Invoice, InvoiceLine

    seed(side)
    with company_context(side.company):
        return {
            "invoices": list(
                Invoice.objects.order_by("pk").values_list(
                    "pk", "number", "status", "match_status", "total", "amount_open", "notes", "reason"
                )
            ),
            "lines": list(InvoiceLine.objects.order_by("pk").values_list("pk", "quantity", "match")),
        }


FINGERPRINTS = {"finance_invoices": _fingerprint}

INVOICE = "/api/finance/invoices/{invoice_id}/"

TENANT_PROBES: dict[str, Probe] = {
    "finance_invoices_list": SeededProbe("GET", "/api/finance/invoices/", lists=True),
    "finance_invoices_create": SeededProbe(
        "POST",
        "/api/finance/invoices/",
        body=lambda s: {
            "partner_name": f"{s.marker} New customer",
            "currency": "CNY",
            "lines": [{"description": f"{s.marker} work", "quantity": "1", "unit_price": "10"}],
        },
        ok=201,
    ),
    "finance_invoices_create_from_shipments": SeededProbe(
        "POST",
        "/api/finance/invoices/from-shipments/",
        body=lambda s: {"sales_order_id": seed(s)["sales_order_id"]},
        ok=201,
    ),
    "finance_invoiceable_lines": SeededProbe(
        "GET",
        "/api/finance/sales-orders/{sales_order_id}/invoiceable/",
        ids={"sales_order_id": _id("sales_order_id")},
        lists=True,
    ),
    "finance_invoice": SeededProbe("GET", INVOICE, ids={"invoice_id": _id("issued_id")}),
    "finance_invoice_update": SeededProbe(
        "PATCH", INVOICE, ids={"invoice_id": _id("draft_id")}, body=lambda s: {"notes": f"{s.marker} changed"}
    ),
    "finance_invoice_issue": SeededProbe("POST", INVOICE + "issue/", ids={"invoice_id": _id("draft_id")}),
    "finance_invoice_cancel": SeededProbe("POST", INVOICE + "cancel/", ids={"invoice_id": _id("draft_id")}),
    "finance_invoice_credit": SeededProbe(
        "POST",
        INVOICE + "credit/",
        ids={"invoice_id": _id("issued_id")},
        body=lambda s: {"net_amount": "10.00", "reason": f"{s.marker} discount"},
        ok=201,
    ),
    "finance_invoice_approve": SeededProbe(
        "POST", INVOICE + "approve/", ids={"invoice_id": _id("pending_id")}, body=lambda s: {"note": "ok"}
    ),
    "finance_invoice_reject": SeededProbe(
        "POST",
        INVOICE + "reject/",
        ids={"invoice_id": _id("pending_id")},
        body=lambda s: {"reason": f"{s.marker} wrong price"},
    ),
    "finance_invoice_pdf": SeededProbe("GET", INVOICE + "pdf/", ids={"invoice_id": _id("issued_id")}),
    "finance_invoice_match": SeededProbe("POST", INVOICE + "match/", ids={"invoice_id": _id("pending_id")}),
}
