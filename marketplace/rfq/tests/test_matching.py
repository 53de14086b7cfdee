"""Matching on publish: who is a candidate, how candidates rank, what is stored, and at what cost."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kernel.models import OutboxMessage
from marketplace.rfq import selectors, services
from marketplace.rfq.models import InvitationSource, InvitationStatus, RfqInvitation
from marketplace.rfq.tests import factories as f

pytestmark = pytest.mark.django_db


def invited(rfq) -> dict[int, RfqInvitation]:
    return {i.supplier_id: i for i in RfqInvitation.objects.filter(rfq=rfq)}


def test_candidates_by_category_subtree_region_certification_and_status(market):
    cat, root = market.cat, market.root
    other = f.category("Steel")
    delivery = (timezone.now() + timedelta(days=60)).date()
    make = f.bare_company
    ancestor = make("serves the parent")  # s2 serves root already; one more via the child's child below
    descendant_cat = f.category("Miniature ball bearings", parent=cat)
    descendant = make("serves a subcategory")
    unrelated = make("serves steel")
    wrong_region = make("serves Germany")
    subdivision = make("serves Jiangsu only")
    other_subdivision = make("serves Zhejiang only")
    certified = make("holds ISO 9001 until after delivery")
    expiring = make("ISO 9001 expires before delivery")
    unlisted = make("unlisted")
    buyer_only = make("buyer role")
    suspended = make("suspended company")
    f.supplier_profile(ancestor, categories=[root])
    f.supplier_profile(descendant, categories=[descendant_cat])
    f.supplier_profile(unrelated, categories=[other])
    f.supplier_profile(wrong_region, categories=[cat], regions=("DE",))
    f.supplier_profile(subdivision, categories=[cat], regions=("CN-JS",))
    f.supplier_profile(other_subdivision, categories=[cat], regions=("CN-ZJ",))
    f.supplier_profile(certified, categories=[cat], certifications={"ISO 9001": delivery + timedelta(days=1)})
    f.supplier_profile(expiring, categories=[cat], certifications={"ISO 9001": delivery - timedelta(days=1)})
    f.supplier_profile(unlisted, categories=[cat], listed=False)
    f.supplier_profile(buyer_only, categories=[cat], role="buyer")
    f.supplier_profile(suspended, categories=[cat])
    type(suspended).objects.filter(pk=suspended.pk).update(status="suspended")
    f.supplier_profile(market.buyer.company, categories=[cat])  # the buyer itself

    plain = f.rfq_open(market.buyer.actor, lines=[f.line(cat)], delivery_date=delivery, top_n=100)
    needs_iso = f.rfq_open(
        market.buyer.actor,
        lines=[f.line(cat, required_certifications=["ISO 9001"])],
        delivery_date=delivery,
        top_n=100,
    )

    expected_plain = {
        market.s1.company.pk,
        market.s2.company.pk,
        ancestor.pk,
        descendant.pk,
        subdivision.pk,
        certified.pk,
        expiring.pk,
    }
    assert set(invited(plain)) == expected_plain
    assert set(invited(needs_iso)) == {certified.pk}
    reasons = invited(needs_iso)[certified.pk].reasons
    assert reasons["certifications"] == ["ISO 9001"]
    assert reasons["regions"] == ["CN"]
    assert reasons["categories"] == [cat.code]
    assert reasons["lines_covered"] == reasons["lines_total"] == 1


def test_ranking_follows_the_buyers_weights_and_stores_score_and_reasons(market):
    verified = f.bare_company("verified supplier")
    f.supplier_profile(verified, categories=[market.cat], verified=True)

    rfq = f.rfq_open(
        market.buyer.actor,
        lines=[f.line(market.cat)],
        weight_price=0,
        weight_reputation=0,
        weight_lead_time=0,
        weight_verified=100,
        top_n=1,
    )

    rows = invited(rfq)
    assert rows[verified.pk].status == InvitationStatus.INVITED
    assert rows[verified.pk].rank == 1
    assert rows[verified.pk].score == Decimal("100.00")
    assert rows[market.s1.company.pk].status == InvitationStatus.MATCHED
    assert rows[market.s1.company.pk].score == Decimal("0.00")
    components = rows[verified.pk].reasons["components"]
    assert components == {"price_level": 0.5, "reputation": 0.5, "lead_time": 0.5, "verified": 1}
    assert rows[verified.pk].reasons["sources"] == {
        "price_level": "neutral",
        "reputation": "neutral",
        "lead_time": "neutral",
    }


def test_neutral_components_without_history_score_fifty(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)], weight_verified=0)
    assert {i.score for i in invited(rfq).values()} == {Decimal("50.00")}


def test_partial_coverage_scales_the_score(market):
    steel = f.category("Steel plate")
    steel_maker = f.bare_company("steel and bearings")
    f.supplier_profile(steel_maker, categories=[steel, market.cat])

    rfq = f.rfq_open(
        market.buyer.actor,
        lines=[f.line(market.cat), f.line(steel, description="Q235 plate")],
        weight_verified=0,
    )

    rows = invited(rfq)
    assert rows[steel_maker.pk].score == Decimal("50.00")
    assert rows[steel_maker.pk].reasons["lines_covered"] == 2
    assert rows[market.s1.company.pk].score == Decimal("25.00")
    assert rows[market.s1.company.pk].reasons["lines_covered"] == 1
    assert rows[steel_maker.pk].rank == 1


def test_history_feeds_reputation_price_and_lead_time(market, party):
    """A supplier that answered and won earlier RFQs ranks above one that ignored them."""
    buyer = market.buyer.actor
    earlier = f.rfq_open(buyer, lines=[f.line(market.cat)])
    f.quote(market.s1.actor, earlier, unit_price="10.0000", lead_time_days=7)
    f.force_close(earlier)
    quote = earlier.quotes.get()
    services.rfq_award(actor=buyer, rfq_id=earlier.pk, quote_id=quote.pk, reason="Only quote")
    f.deliver_pending()  # the worker refreshes the supplier ratings after the award (outbox rfq.history)

    rfq = f.rfq_open(buyer, lines=[f.line(market.cat)], weight_verified=0)

    rows = invited(rfq)
    s1, s2 = rows[market.s1.company.pk], rows[market.s2.company.pk]
    assert s1.reasons["sources"] == {"price_level": "quotes", "reputation": "history", "lead_time": "quotes"}
    # Answered 1 of 1 invitation: (1+1)/(1+2); won 1 of 1: (1+1)/(1+2).
    assert s1.reasons["components"]["reputation"] == pytest.approx(0.667, abs=0.001)
    assert s1.reasons["components"]["lead_time"] == pytest.approx(14 / 21, abs=0.001)
    # s2 was invited too but never answered: (0+1)/(1+2) and no decided quotes (0.5).
    assert s2.reasons["components"]["reputation"] == pytest.approx((1 / 3 + 0.5) / 2, abs=0.001)
    assert s1.rank == 1 and s1.score > s2.score
    # The same events, as the directory shows them on profiles.
    assert selectors.supplier_rfq_record(company_id=market.s1.company.pk) == selectors.SupplierRfqRecord(
        1, 1, 1, 1
    )
    assert selectors.supplier_rfq_record(company_id=market.s2.company.pk) == selectors.SupplierRfqRecord(
        1, 0, 0, 0
    )


def test_buyers_additions_and_removals_before_publishing_survive_matching(market):
    outsider = f.bare_company("outside the category")
    f.supplier_profile(outsider, categories=[f.category("Textiles")])
    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)])
    services.invitation_add(actor=market.buyer.actor, rfq_id=rfq.pk, supplier_id=outsider.pk)
    services.invitation_add(actor=market.buyer.actor, rfq_id=rfq.pk, supplier_id=market.s2.company.pk)
    services.invitation_remove(actor=market.buyer.actor, rfq_id=rfq.pk, supplier_id=market.s2.company.pk)

    services.rfq_publish(actor=market.buyer.actor, rfq_id=rfq.pk)

    rows = invited(rfq)
    assert rows[outsider.pk].status == InvitationStatus.INVITED
    assert rows[outsider.pk].source == InvitationSource.ADDED
    assert rows[outsider.pk].score is None
    assert rows[market.s2.company.pk].status == InvitationStatus.REMOVED
    assert rows[market.s1.company.pk].status == InvitationStatus.INVITED


def test_match_preview_stores_nothing(market):
    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)], top_n=1)

    response = market.buyer.client.get(f"/api/rfqs/{rfq.pk}/matches/?page_size=1")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2
    assert len(body["results"]) == 1 and body["next"] is not None
    assert body["results"][0]["would_invite"] is True
    assert body["results"][0]["reasons"]["lines_total"] == 1
    second = market.buyer.client.get(body["next"].replace("http://testserver", "")).json()
    assert second["results"][0]["would_invite"] is False
    assert RfqInvitation.objects.filter(rfq=rfq).count() == 0


def test_publish_query_count_does_not_grow_with_suppliers(market):
    def publish_with(suppliers: int) -> int:
        cat = f.category("Gaskets")
        for index in range(suppliers):
            f.supplier_profile(f.bare_company(f"gasket maker {index}"), categories=[cat])
        rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(cat)], top_n=suppliers)
        with CaptureQueriesContext(connection) as queries:
            result = services.rfq_publish(actor=market.buyer.actor, rfq_id=rfq.pk)
        assert result.candidates == result.invited == suppliers
        return len(queries)

    few, many = publish_with(2), publish_with(40)

    assert few == many, (few, many)
    assert OutboxMessage.objects.filter(topic="rfq.broadcast").count() == 2


def test_selectors_show_invitations_to_their_buyer_only(market, party):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    stranger = party("Stranger")

    assert selectors.invitation_list(company=market.buyer.company, rfq_id=rfq.pk).count() == 2
    from kernel.errors import NotFound

    with pytest.raises(NotFound):
        selectors.invitation_list(company=stranger.company, rfq_id=rfq.pk)


def test_only_the_buyers_own_past_quotes_feed_price_and_lead_time(market, party):
    """Another buyer's quotes are that buyer's and their authors' only: they never reach this ranking."""
    other_buyer = party("Another buyer")
    elsewhere = f.rfq_open(other_buyer.actor, lines=[f.line(market.cat)])
    f.quote(market.s1.actor, elsewhere, unit_price="1.0000", lead_time_days=1)
    f.quote(market.s2.actor, elsewhere, unit_price="9.0000", lead_time_days=90)
    f.force_close(elsewhere)

    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)])
    reasons = {c.company_id: c.reasons for c in selectors.match_preview(rfq=rfq, limit=10).results}

    for supplier in (market.s1, market.s2):
        assert reasons[supplier.company.pk]["sources"]["price_level"] == "neutral"
        assert reasons[supplier.company.pk]["sources"]["lead_time"] == "neutral"
    # The other buyer's own ranking does use them.
    mine = f.rfq_draft(other_buyer.actor, lines=[f.line(market.cat)])
    theirs = {c.company_id: c.reasons for c in selectors.match_preview(rfq=mine, limit=10).results}
    assert theirs[market.s1.company.pk]["sources"]["price_level"] == "quotes"
    assert theirs[market.s1.company.pk]["components"]["price_level"] > 0.5
