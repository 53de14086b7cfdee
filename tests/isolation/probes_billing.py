"""Isolation probes of billing's invoices (``public`` schema): a company sees only its own invoices, and
only operators reach the console's invoices, payments and voids.

``seed(side)`` converts the side's trial (the offline gateway issues the first invoice, its buyer name
carries the marker) and issues a second open invoice, so the payment probe and the void probe each have
an open invoice of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tests.isolation.world import Probe, Side


def seed(side: Side) -> dict[str, Any]:
    if "billing" in side.extra:
        return side.extra["billing"]
    from billing.models import Invoice, InvoiceLineKind, Subscription
    from billing.services.invoices import LineSpec, invoice_issue
    from billing.services.subscriptions import subscription_convert

    side.extra["billing"] = {}
    subscription_convert(company_id=side.company.pk)
    first = Invoice.objects.filter(company=side.company).order_by("pk").first()
    assert first is not None
    second = invoice_issue(
        subscription=Subscription.objects.get(company=side.company),
        lines=[
            LineSpec(
                kind=InvoiceLineKind.OVERAGE,
                description=f"{side.marker} usage",
                unit_amount=Decimal("5.00"),
                quantity=Decimal("3"),
            )
        ],
    )
    assert second is not None
    side.extra["billing"] = data = {
        "invoice_id": first.pk,
        "invoice_total": str(first.total),
        "void_invoice_id": second.pk,
    }
    return data


@dataclass(frozen=True)
class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


def _fingerprint(side: Side) -> Any:
    from billing.models import Invoice, Payment, Subscription

    seed(side)
    return {
        "invoices": list(
            Invoice.objects.filter(company=side.company)
            .order_by("pk")
            .values_list("pk", "status", "amount_paid")
        ),
        "payments": Payment.objects.filter(company=side.company).count(),
        "subscription": list(
            Subscription.objects.filter(company=side.company).values_list("status", "plan_version_id")
        ),
    }


FINGERPRINTS = {"billing": _fingerprint}

TENANT_PROBES: dict[str, Probe] = {
    "billing_invoices_list": SeededProbe("GET", "/api/billing/invoices/", lists=True),
    "billing_invoices_get": SeededProbe(
        "GET", "/api/billing/invoices/{invoice_id}/", ids={"invoice_id": lambda s: seed(s)["invoice_id"]}
    ),
    "billing_invoices_pdf": SeededProbe(
        "GET", "/api/billing/invoices/{invoice_id}/pdf/", ids={"invoice_id": lambda s: seed(s)["invoice_id"]}
    ),
}

PUBLIC_PROBES: dict[str, Probe] = {
    "console_invoices_list": SeededProbe(
        "GET", "/api/console/invoices/", query=lambda s: f"company_id={s.company.pk}"
    ),
    "console_invoices_get": SeededProbe(
        "GET", "/api/console/invoices/{invoice_id}/", ids={"invoice_id": lambda s: seed(s)["invoice_id"]}
    ),
    "console_invoices_pdf": SeededProbe(
        "GET", "/api/console/invoices/{invoice_id}/pdf/", ids={"invoice_id": lambda s: seed(s)["invoice_id"]}
    ),
    "console_invoices_record_payment": SeededProbe(
        "POST",
        "/api/console/invoices/{invoice_id}/payments/",
        ids={"invoice_id": lambda s: seed(s)["invoice_id"]},
        body=lambda s: {
            "paid_amount": seed(s)["invoice_total"],
            "reference": f"{s.marker}-TRX-1",
            "received_on": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
            "reason": "Seen on the bank statement",
        },
        ok=201,
    ),
    "console_invoices_void": SeededProbe(
        "POST",
        "/api/console/invoices/{invoice_id}/void/",
        ids={"invoice_id": lambda s: seed(s)["void_invoice_id"]},
        body=lambda s: {"reason": f"{s.marker} issued in error"},
    ),
}
