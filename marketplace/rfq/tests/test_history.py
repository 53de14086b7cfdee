"""Supplier history from real platform events: RFQ response and win rates, on-time delivery from trade
documents, the supplier rating computed from them, and the sorts that use it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.catalog.selectors import ListingSearchParams, listing_search
from marketplace.directory import selectors as directory
from marketplace.directory.models import SupplierProfile
from marketplace.directory.viewers import Viewer
from marketplace.rfq import services
from marketplace.rfq.tests import factories as f

pytestmark = pytest.mark.django_db


def award_to(buyer, rfq, supplier_company) -> None:
    quote = rfq.quotes.get(supplier=supplier_company, status="submitted")
    services.rfq_award(actor=buyer, rfq_id=rfq.pk, quote_id=quote.pk, reason="Best offer")


@pytest.fixture
def record(market, party):
    """s1 answers both RFQs that closed and wins one; s2 answers one and wins it; nothing else counts."""
    buyer = market.buyer.actor
    s1, s2 = market.s1, market.s2
    a = f.rfq_open(buyer, lines=[f.line(market.cat)], title="A")
    f.quote(s1.actor, a)
    f.force_close(a)
    award_to(buyer, a, s1.company)
    b = f.rfq_open(buyer, lines=[f.line(market.cat)], title="B")
    f.quote(s1.actor, b)
    f.quote(s2.actor, b)
    f.force_close(b)
    award_to(buyer, b, s2.company)
    still_open = f.rfq_open(buyer, lines=[f.line(market.cat)], title="open: not counted yet")
    f.quote(s1.actor, still_open)
    cancelled = f.rfq_open(buyer, lines=[f.line(market.cat)], title="closed, then cancelled")
    f.quote(s2.actor, cancelled)
    f.force_close(cancelled)
    services.rfq_cancel(actor=buyer, rfq_id=cancelled.pk, reason="Budget cut")
    return market


def profile_of(party) -> SupplierProfile:
    return SupplierProfile.objects.get(company=party.company)


def test_history_figures_come_from_invitations_quotes_and_awards(record):
    s1 = directory.supplier_history(supplier=profile_of(record.s1))
    s2 = directory.supplier_history(supplier=profile_of(record.s2))

    assert (s1.rfqs_received, s1.rfqs_answered, s1.quotes_submitted, s1.quotes_won) == (2, 2, 2, 1)
    assert (s1.rfq_response_rate, s1.quote_win_rate) == (Decimal("1.000"), Decimal("0.500"))
    assert (s2.rfqs_received, s2.rfqs_answered, s2.quotes_submitted, s2.quotes_won) == (2, 1, 1, 1)
    assert (s2.rfq_response_rate, s2.quote_win_rate) == (Decimal("0.500"), Decimal("1.000"))
    for history in (s1, s2):
        assert history.has_history
        assert history.on_time_delivery_rate is None and history.deliveries == 0  # no trading yet
    # 5 x mean((2+1)/(2+2), (1+1)/(2+2)) and 5 x mean((1+1)/(2+2), (1+1)/(1+2)).
    assert s1.reputation == Decimal("3.125")
    assert s2.reputation == Decimal("2.917")


def test_the_public_page_shows_the_figures_and_no_history_yet_for_a_newcomer(record, party, public_client):
    newcomer = party("Newcomer")
    f.supplier_profile(newcomer.company, categories=[record.cat])

    page = public_client.get(f"/api/marketplace/suppliers/{record.s1.company.pk}/")
    empty = public_client.get(f"/api/marketplace/suppliers/{newcomer.company.pk}/")

    assert page.status_code == 200, page.content
    assert page.json()["history"] == {
        "has_history": True,
        "rfq_response_rate": "1.000",
        "quote_win_rate": "0.500",
        "on_time_delivery_rate": None,
        "rfqs_received": 2,
        "quotes_submitted": 2,
        "deliveries": 0,
        "rfqs_answered": 2,
        "quotes_won": 1,
        "on_time_deliveries": 0,
    }
    assert empty.json()["history"]["has_history"] is False
    assert empty.json()["history"]["rfq_response_rate"] is None
    assert empty.json()["reputation"] is None


def test_the_supplier_rating_is_refreshed_after_rfq_events_and_sorts_search(record, party, public_client):
    newcomer = party("Newcomer")
    f.supplier_profile(newcomer.company, categories=[record.cat])
    for supplier, sku in ((record.s1, "S1"), (record.s2, "S2"), (newcomer, "NEW")):
        f.listing(supplier.actor, record.cat, sku=sku)

    f.deliver_pending()  # the worker runs the rfq.history messages of the closes, awards and cancel

    assert profile_of(record.s1).reputation == Decimal("3.125")
    assert profile_of(record.s2).reputation == Decimal("2.917")
    assert profile_of(newcomer).reputation is None
    page = listing_search(params=ListingSearchParams(sort="rating"), viewer=Viewer.anonymous())
    assert [card.sku for card in page.listings] == ["S1", "S2", "NEW"]  # unrated last
    suppliers = public_client.get("/api/marketplace/suppliers/?sort=rating").json()["results"]
    assert [s["display_name_en"] for s in suppliers] == [
        "Wuxi Bearings",
        "Nordstahl",
        "Newcomer",
    ]
    assert suppliers[0]["reputation"] == "3.125"

    # s2 wins another RFQ that s1 ignores: the order turns round once the worker has run.
    c = f.rfq_open(record.buyer.actor, lines=[f.line(record.cat)], title="C")
    f.quote(record.s2.actor, c)
    f.force_close(c)
    award_to(record.buyer.actor, c, record.s2.company)
    f.deliver_pending()
    page = listing_search(params=ListingSearchParams(sort="rating"), viewer=Viewer.anonymous())
    assert [card.sku for card in page.listings] == ["S2", "S1", "NEW"]


def test_matching_takes_the_supplier_rating_as_reputation(record):
    f.deliver_pending()

    rfq = f.rfq_draft(record.buyer.actor, lines=[f.line(record.cat)])
    from marketplace.rfq.selectors import match_preview

    reasons = {c.company_id: c.reasons for c in match_preview(rfq=rfq, limit=10).results}
    assert reasons[record.s1.company.pk]["components"]["reputation"] == pytest.approx(0.625, abs=0.001)
    assert reasons[record.s1.company.pk]["sources"]["reputation"] == "history"


def _po(number: str, *, requested: date | None, line_requested: date | None = None) -> dict:
    return {
        "po_id": int(number.rsplit("-", 1)[-1]),
        "po_number": number,
        "currency": "CNY",
        "order_date": timezone.localdate().isoformat(),
        "requested_date": requested.isoformat() if requested else None,
        "lines": [
            {
                "line_no": 1,
                "description": "Deep groove ball bearing 6205",
                "quantity": "100",
                "unit": "pcs",
                "unit_price": "12.50",
                "tax_rate": "13",
                "requested_date": line_requested.isoformat() if line_requested else None,
            }
        ],
        "total_net": "1250.00",
        "total_tax": "162.50",
        "total": "1412.50",
    }


def _dispatch(number: str, shipped: date) -> dict:
    return {
        "po_number": number,
        "so_number": f"SO-{number}",
        "shipment_id": int(number.rsplit("-", 1)[-1]),
        "shipment_number": f"SH-{number}",
        "shipped_at": f"{shipped.isoformat()}T08:00:00Z",
        "packages": 1,
        "lines": [{"line_no": 1, "quantity": "100"}],
    }


def test_on_time_delivery_compares_dispatch_dates_with_the_requested_dates(market):
    exchange = pytest.importorskip("marketplace.exchange.services")
    buyer, supplier = market.buyer.company, market.s1.company
    day = timezone.localdate() + timedelta(days=20)

    def ship(number: str, shipped: date, **dates) -> None:
        po = exchange.document_send(
            sender=buyer, receiver=supplier, kind="purchase_order", payload=_po(number, **dates)
        )
        exchange.document_send(
            sender=supplier,
            receiver=buyer,
            kind="dispatch_advice",
            payload=_dispatch(number, shipped),
            refers_to=po.pk,
        )

    ship("PO-1", day - timedelta(days=1), requested=day)  # a day early: on time
    ship("PO-2", day, requested=day + timedelta(days=9), line_requested=day - timedelta(days=4))  # late
    ship("PO-3", day, requested=None)  # no date asked for: not counted
    exchange.document_send(  # ordered, not shipped yet: not a delivery
        sender=buyer, receiver=supplier, kind="purchase_order", payload=_po("PO-4", requested=day)
    )

    history = directory.supplier_history(supplier=profile_of(market.s1))

    assert (history.deliveries, history.on_time_deliveries) == (2, 1)
    assert history.on_time_delivery_rate == Decimal("0.500")
    assert history.has_history
    # No RFQ record: 5 x mean(0.5, 0.5, (1+1)/(2+2)).
    assert history.reputation == Decimal("2.500")
    assert directory.supplier_history(supplier=profile_of(market.s2)).deliveries == 0
