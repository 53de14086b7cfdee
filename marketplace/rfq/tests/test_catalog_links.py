"""What RFQs take from the catalog: suppliers' price level and lead time for matching, listing snapshots
for lines that link a listing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kernel.errors import ValidationFailed
from marketplace.catalog import selectors as catalog
from marketplace.rfq import selectors, services
from marketplace.rfq.models import Rfq, RfqInvitation, RfqLine
from marketplace.rfq.services import LineInput
from marketplace.rfq.tests import factories as f

pytestmark = pytest.mark.django_db


def by_company(rows: list[catalog.SupplierOfferStats]) -> dict[int, catalog.SupplierOfferStats]:
    return {row.company_id: row for row in rows}


def test_offer_stats_compare_prices_within_category_currency_and_unit(market, party):
    cat, root = market.cat, market.root
    s3 = party("Third bearings maker")
    f.supplier_profile(s3.company, categories=[cat])
    lone = party("Only one selling by the kilo")
    f.supplier_profile(lone.company, categories=[cat])
    elsewhere = f.category("Steel")
    f.listing(market.s1.actor, cat, price="10.00", lead_time_days=4)
    f.listing(market.s1.actor, cat, price="30.00", lead_time_days=10)  # s1's median ratio: 20/20
    f.listing(market.s2.actor, cat, price="20.00", lead_time_days=20)
    f.listing(s3.actor, cat, price="40.00", lead_time_days=30)
    f.listing(s3.actor, cat, price="1.00", lead_time_days=1, status="draft")  # not public: ignored
    f.listing(lone.actor, cat, price="99.00", lead_time_days=9, unit="kg")  # nobody to compare with
    f.listing(market.s2.actor, elsewhere, price="1.00", lead_time_days=1)  # outside the categories

    stats = by_company(catalog.supplier_offer_stats(category_ids=[root.pk]))

    # Prices in cat (pcs, CNY): 10, 30, 20, 40 -> median 25.
    assert stats[market.s1.company.pk].price_index == Decimal("0.8000")  # median of 0.4 and 1.2
    assert stats[market.s1.company.pk].lead_time_days == Decimal("7.00")
    assert stats[market.s2.company.pk].price_index == Decimal("0.8000")
    assert stats[market.s2.company.pk].lead_time_days == Decimal("20.00")
    assert stats[s3.company.pk].price_index == Decimal("1.6000")
    assert stats[lone.company.pk].price_index is None
    assert stats[lone.company.pk].lead_time_days == Decimal("9.00")
    # A category subtree counts its descendants; another category sees none of these listings.
    assert set(by_company(catalog.supplier_offer_stats(category_ids=[cat.pk]))) == set(stats)
    assert set(by_company(catalog.supplier_offer_stats(category_ids=[elsewhere.pk]))) == {
        market.s2.company.pk
    }
    assert catalog.supplier_offer_stats(category_ids=[]) == []


def test_a_suspended_suppliers_listings_leave_the_figures(market):
    f.listing(market.s1.actor, market.cat, price="10.00")
    f.listing(market.s2.actor, market.cat, price="30.00")
    type(market.s2.company).objects.filter(pk=market.s2.company.pk).update(status="suspended")

    stats = by_company(catalog.supplier_offer_stats(category_ids=[market.cat.pk]))

    assert set(stats) == {market.s1.company.pk}
    assert stats[market.s1.company.pk].price_index is None  # alone now


def ranking(rfq: Rfq) -> dict[int, dict]:
    page = selectors.match_preview(rfq=rfq, limit=50)
    return {c.company_id: {"rank": c.rank, "score": c.score, **c.reasons} for c in page.results}


def test_ranking_follows_listing_prices_and_lead_times(market, party):
    buyer = market.buyer.actor
    no_catalog = party("No catalog")
    f.supplier_profile(no_catalog.company, categories=[market.cat])
    cheap = f.listing(market.s1.actor, market.cat, price="10.00", lead_time_days=5)
    dear = f.listing(market.s2.actor, market.cat, price="40.00", lead_time_days=30)
    rfq = f.rfq_draft(
        buyer, lines=[f.line(market.cat)], weight_reputation=0, weight_verified=0, weight_price=50
    )

    before = ranking(rfq)

    s1, s2 = before[market.s1.company.pk], before[market.s2.company.pk]
    assert (
        s1["sources"]
        == s2["sources"]
        == {
            "price_level": "catalog",
            "reputation": "neutral",
            "lead_time": "catalog",
        }
    )
    # Median 25: s1 at 0.4 of it, s2 at 1.6.
    assert s1["components"]["price_level"] == pytest.approx(1 / 1.4, abs=0.001)
    assert s2["components"]["price_level"] == pytest.approx(1 / 2.6, abs=0.001)
    assert s1["components"]["lead_time"] == pytest.approx(14 / 19, abs=0.001)
    assert s2["components"]["lead_time"] == pytest.approx(14 / 44, abs=0.001)
    assert s1["rank"] == 1 and s1["score"] > s2["score"]
    assert before[no_catalog.company.pk]["sources"]["price_level"] == "neutral"

    # s1 raises its price above s2's and quotes a longer lead time: the order turns round.
    f.listing_reprice(market.s1.actor, cheap.pk, price="80.00", lead_time_days=60)
    after = ranking(rfq)
    assert after[market.s2.company.pk]["rank"] == 1
    assert after[market.s1.company.pk]["score"] < after[market.s2.company.pk]["score"]
    assert after[market.s2.company.pk]["components"]["price_level"] == pytest.approx(1 / 1.6667, abs=0.001)

    # Publishing stores the same ranking.
    services.rfq_publish(actor=buyer, rfq_id=rfq.pk)
    stored = {i.supplier_id: i for i in RfqInvitation.objects.filter(rfq=rfq)}
    assert stored[market.s2.company.pk].rank == 1
    assert stored[market.s2.company.pk].score == after[market.s2.company.pk]["score"]
    assert dear.pk  # still listed


def test_catalog_figures_win_over_quote_history_and_history_fills_in_without_a_catalog(market, party):
    buyer = market.buyer.actor
    s3 = party("Third bearings maker")
    f.supplier_profile(s3.company, categories=[market.cat])
    f.listing(s3.actor, market.cat, price="25.00", lead_time_days=10)
    earlier = f.rfq_open(buyer, lines=[f.line(market.cat)])
    f.quote(market.s1.actor, earlier, unit_price="10.0000", lead_time_days=7)
    f.quote(market.s2.actor, earlier, unit_price="30.0000", lead_time_days=21)
    f.force_close(earlier)
    f.listing(market.s1.actor, market.cat, price="50.00", lead_time_days=40)

    rfq = f.rfq_draft(buyer, lines=[f.line(market.cat)])
    rows = ranking(rfq)

    assert rows[market.s1.company.pk]["sources"]["price_level"] == "catalog"
    # Median of 50 and 25 is 37.5: s1 asks 4/3 of it.
    assert rows[market.s1.company.pk]["components"]["price_level"] == pytest.approx(0.429, abs=0.001)
    assert rows[market.s1.company.pk]["sources"]["lead_time"] == "catalog"
    assert rows[market.s1.company.pk]["components"]["lead_time"] == pytest.approx(14 / 54, abs=0.001)
    assert rows[market.s2.company.pk]["sources"]["price_level"] == "quotes"
    assert rows[market.s2.company.pk]["components"]["lead_time"] == pytest.approx(14 / 35, abs=0.001)


def test_a_line_linking_a_listing_keeps_a_snapshot_of_it(market):
    item = f.listing(market.s1.actor, market.cat, sku="6205-2RS", price="12.50", lead_time_days=7, unit="pcs")
    rfq = services.rfq_create(
        actor=market.buyer.actor,
        lines=[LineInput(quantity=Decimal("500"), unit="pcs", listing_id=item.pk)],
        title="From the catalog",
        currency="CNY",
    )

    line = RfqLine.objects.get(rfq=rfq)
    assert line.category_id == market.cat.pk  # taken from the listing
    assert line.description == "Deep groove ball bearing 6205 / 深沟球轴承 6205 (6205-2RS)"
    snapshot = line.listing_snapshot
    assert snapshot["listing_id"] == item.pk and snapshot["sku"] == "6205-2RS"
    assert snapshot["supplier_id"] == market.s1.company.pk
    assert "category_id" not in snapshot and snapshot["category_code"] == market.cat.code
    assert (snapshot["name_en"], snapshot["name_zh"]) == ("Deep groove ball bearing 6205", "深沟球轴承 6205")
    assert (snapshot["unit"], snapshot["currency"], snapshot["base_price"]) == ("pcs", "CNY", "12.5000")
    assert snapshot["price_tiers"] == [{"min_quantity": "1.000", "unit_price": "12.5000"}]
    assert snapshot["lead_time_days"] == 7

    # The listing changes later; the RFQ keeps what was asked for.
    f.listing_reprice(market.s1.actor, item.pk, price="99.00", lead_time_days=30)
    line.refresh_from_db()
    assert line.listing_snapshot["base_price"] == "12.5000"


def test_a_line_may_not_link_a_draft_archived_or_missing_listing(market):
    from marketplace.catalog.services import listing_archive

    draft = f.listing(market.s1.actor, market.cat, status="draft")
    archived = f.listing(market.s1.actor, market.cat)
    listing_archive(actor=market.s1.actor, listing_id=archived.pk)
    before = Rfq.objects.count()

    for listing_id in (draft.pk, archived.pk, 987654321):
        with pytest.raises(ValidationFailed) as caught:
            services.rfq_create(
                actor=market.buyer.actor,
                lines=[LineInput(quantity=Decimal("5"), unit="pcs", listing_id=listing_id)],
                title="x",
                currency="CNY",
            )
        assert set(caught.value.errors) == {"lines.0.listing_id"}, caught.value.errors
    assert Rfq.objects.count() == before


def test_the_api_takes_a_listing_link_and_shows_the_snapshot(market):
    item = f.listing(market.s1.actor, market.cat, price="12.50")

    response = market.buyer.client.post_json(
        "/api/rfqs/",
        {
            "title": "Catalog item",
            "currency": "CNY",
            "lines": [{"listing_id": item.pk, "quantity": "100", "unit": "pcs"}],
        },
    )
    bad = market.buyer.client.post_json(
        "/api/rfqs/",
        {
            "title": "Catalog item",
            "currency": "CNY",
            "lines": [{"listing_id": item.pk + 1000, "quantity": "100", "unit": "pcs"}],
        },
    )

    assert response.status_code == 201, response.content
    line = response.json()["lines"][0]
    assert line["listing_id"] == item.pk
    assert line["category"]["code"] == market.cat.code
    assert line["listing_snapshot"]["base_price"] == "12.5000"
    assert bad.status_code == 400 and bad.json()["code"] == "validation_error"
    assert "lines.0.listing_id" in bad.json()["errors"]
