"""Isolation probes of the trade exchange (marketplace.exchange): documents and trading partners.

``seed(side)`` sends a purchase order from the side to a trading partner of its own (``<marker> Trade
partner``, a company row without a workspace) and an order response back, so the side has a sent and a
received document and one partner. Documents live in ``public``: the selectors must show each company
only the documents it sent or received.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.isolation.world import Probe, Side


def seed(side: Side) -> dict[str, Any]:
    if "exchange" in side.extra:
        return side.extra["exchange"]
    from marketplace.exchange import services
    from marketplace.rfq.tests.factories import bare_company

    m = side.marker
    side.extra["exchange"] = {}
    partner = bare_company(f"{m} Trade partner")
    po = services.document_send(
        sender=side.company,
        receiver=partner,
        kind="purchase_order",
        payload={
            "po_id": 1,
            "po_number": f"{m}-PO-1",
            "currency": "CNY",
            "order_date": "2026-03-01",
            "notes": f"{m} order",
            "lines": [
                {
                    "line_no": 1,
                    "sku": f"{m}-6205",
                    "description": f"{m} bearing",
                    "quantity": "10",
                    "unit": "pcs",
                    "unit_price": "12.50",
                    "tax_rate": "13",
                }
            ],
            "total_net": "125.00",
            "total_tax": "16.25",
            "total": "141.25",
        },
    )
    response = services.document_send(
        sender=partner,
        receiver=side.company,
        kind="order_response",
        refers_to=po.pk,
        payload={
            "po_number": f"{m}-PO-1",
            "so_id": 1,
            "so_number": f"{m}-SO-1",
            "action": "reject",
            "reason": m,
        },
    )
    side.extra["exchange"] = data = {
        "po_id": str(po.pk),
        "response_id": str(response.pk),
        "partner_id": partner.pk,
    }
    return data


@dataclass(frozen=True)
class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


def _fingerprint(side: Side) -> dict[str, Any]:
    from django.db.models import Q

    from marketplace.exchange.models import PartnerLink, TradeDocument

    seed(side)
    return {
        "documents": list(
            TradeDocument.objects.filter(Q(sender=side.company) | Q(receiver=side.company))
            .order_by("created_at", "pk")
            .values_list("pk", "kind", "state", "attempts")
        ),
        "partners": list(
            PartnerLink.objects.filter(company=side.company).order_by("pk").values_list("pk", "partner_id")
        ),
    }


FINGERPRINTS = {"exchange": _fingerprint}

TENANT_PROBES: dict[str, Probe] = {
    "trade_documents_list": SeededProbe("GET", "/api/trade-documents/", lists=True),
    "trade_documents_get": SeededProbe(
        "GET", "/api/trade-documents/{document_id}/", ids={"document_id": lambda s: seed(s)["response_id"]}
    ),
    "trading_partners_list": SeededProbe("GET", "/api/trading-partners/", lists=True),
}
