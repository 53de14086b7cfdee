"""Comparison matrix, export, and awards (whole RFQ, per line, never a line twice)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core import mail

from marketplace.rfq import services
from marketplace.rfq.models import Award, Rfq
from marketplace.rfq.tests import factories as f
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(market, party):
    """Two lines; s1 quotes both, s2 only the first (cheaper there), a third supplier withdraws."""
    rfq = f.rfq_open(
        market.buyer.actor,
        lines=[f.line(market.cat, quantity="100"), f.line(market.cat, quantity="10", description="Seals")],
        sealed=True,
    )
    s3 = party("Third supplier")
    f.supplier_profile(s3.company, categories=[market.cat])
    services.invitation_add(actor=market.buyer.actor, rfq_id=rfq.pk, supplier_id=s3.company.pk)
    q1 = f.quote(market.s1.actor, rfq, unit_price="10.0000", lead_time_days=20)
    q2 = f.quote(
        market.s2.actor,
        rfq,
        unit_price="9.0000",
        lead_time_days=30,
        only_lines=[1],
        discount_percent=Decimal(0),
    )
    f.quote(s3.actor, rfq, unit_price="1.0000")
    services.quote_withdraw(actor=s3.actor, rfq_id=rfq.pk)
    f.force_close(rfq)
    return rfq, q1, q2, s3


def test_comparison_matrix(market, closed):
    rfq, *_ = closed

    response = market.buyer.client.get(f"/api/rfqs/{rfq.pk}/comparison/")

    assert response.status_code == 200, response.content
    data = response.json()
    assert [s["supplier_id"] for s in data["suppliers"]] == [market.s1.company.pk, market.s2.company.pk]
    s1, s2 = data["suppliers"]
    assert (s1["total_net"], s1["lines_quoted"], s1["best_lines"], s1["max_lead_time_days"]) == (
        "1100.00",  # the same "1100.00" the quote shows (it was "1100.0000" here)
        2,
        1,
        20,
    )
    assert (s2["total_net"], s2["lines_quoted"], s2["best_lines"]) == ("900.00", 1, 1)
    assert s1["score"] is not None
    first, second = data["rows"]
    assert [c["best"] for c in first["cells"]] == [False, True]
    assert first["best_landed_unit_price"] == "9.0000"
    assert second["cells"][1] is None and second["cells"][0]["best"] is True
    assert first["cells"][0]["net_amount"] == "1000.00"


def test_comparison_export_csv(market, closed):
    rfq, *_ = closed
    response = market.buyer.client.get(f"/api/rfqs/{rfq.pk}/comparison/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["line", "description", "quantity", "unit", "supplier"]
    assert len(rows) == 1 + 3 + 2  # header, three quoted cells, two totals
    assert {r[4] for r in rows[1:4]} == {"Wuxi Bearings", "Nordstahl"}


def test_award_whole_rfq_tells_winner_and_losers(market, closed):
    rfq, q1, *_ = closed
    f.deliver_pending()
    mail.outbox.clear()

    response = market.buyer.client.post_json(
        f"/api/rfqs/{rfq.pk}/awards/", {"quote_id": q1.pk, "reason": "Covers every line, best lead time"}
    )

    assert response.status_code == 201, response.content
    assert [a["scope"] for a in response.json()["awards"]] == ["whole", "whole"]
    rfq.refresh_from_db()
    assert rfq.status == "awarded" and rfq.awarded_at is not None
    f.deliver_pending()
    kinds = dict(
        Notification.objects.filter(
            subject_type="rfq", subject_id=rfq.pk, kind__in=["rfq.awarded", "rfq.not_awarded"]
        ).values_list("company_id", "kind")
    )
    # s3 withdrew: it is not told it lost.
    assert kinds == {market.s1.company.pk: "rfq.awarded", market.s2.company.pk: "rfq.not_awarded"}
    assert {m.to[0] for m in mail.outbox} == {market.s1.owner.email, market.s2.owner.email}
    detail = market.s1.client.get(f"/api/rfq-inbox/{rfq.pk}/").json()
    assert detail["outcome"] == "awarded" and len(detail["awards"]) == 2
    assert market.s2.client.get(f"/api/rfq-inbox/{rfq.pk}/").json()["outcome"] == "not_awarded"
    buyer_view = market.buyer.client.get(f"/api/rfqs/{rfq.pk}/").json()
    assert [a["reason"] for a in buyer_view["awards"]] == ["Covers every line, best lead time"] * 2


def test_award_lines_to_different_suppliers_and_never_a_line_twice(market, closed):
    rfq, q1, q2, _ = closed
    first_line, second_line = rfq.lines.order_by("position")

    to_s2 = market.buyer.client.post_json(
        f"/api/rfqs/{rfq.pk}/awards/", {"quote_id": q2.pk, "line_ids": [first_line.pk], "reason": "Cheapest"}
    )
    again = market.buyer.client.post_json(
        f"/api/rfqs/{rfq.pk}/awards/",
        {"quote_id": q1.pk, "line_ids": [first_line.pk], "reason": "Changed mind"},
    )
    whole = market.buyer.client.post_json(f"/api/rfqs/{rfq.pk}/awards/", {"quote_id": q1.pk, "reason": "All"})

    assert to_s2.status_code == 201 and to_s2.json()["awards"][0]["scope"] == "line"
    assert again.status_code == 409 and again.json()["code"] == "line_already_awarded"
    assert whole.status_code == 409 and whole.json()["code"] == "line_already_awarded"
    assert Award.objects.filter(rfq=rfq).count() == 1
    assert Rfq.objects.get(pk=rfq.pk).status == "closed"

    to_s1 = market.buyer.client.post_json(
        f"/api/rfqs/{rfq.pk}/awards/",
        {"quote_id": q1.pk, "line_ids": [second_line.pk], "reason": "Only offer"},
    )
    assert to_s1.status_code == 201
    assert Rfq.objects.get(pk=rfq.pk).status == "awarded"
    assert dict(Award.objects.values_list("line_id", "supplier_id")) == {
        first_line.pk: market.s2.company.pk,
        second_line.pk: market.s1.company.pk,
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": " "}, "reason"),
        ({"line_ids": []}, "line_ids"),
        ({"line_ids": [987654321]}, "line_ids.0"),
        ({"quote": "withdrawn"}, "quote_id"),
        ({"quote": "q2", "line_ids": "second"}, "line_ids.0"),
        ({"quote": "q2"}, "line_ids"),
    ],
)
def test_bad_awards_are_400_and_write_nothing(market, closed, body, field):
    rfq, q1, q2, s3 = closed
    payload = {"quote_id": q1.pk, "reason": "Good"}
    quote = body.pop("quote", None)
    if quote == "withdrawn":
        payload["quote_id"] = rfq.quotes.get(supplier=s3.company).pk
    elif quote == "q2":
        payload["quote_id"] = q2.pk
    if body.get("line_ids") == "second":
        body["line_ids"] = [rfq.lines.get(position=2).pk]
    payload.update(body)

    response = market.buyer.client.post_json(f"/api/rfqs/{rfq.pk}/awards/", payload)

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"], response.json()
    assert not Award.objects.exists()


def test_award_before_closing_is_409(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    quote = f.quote(market.s1.actor, rfq)
    response = market.buyer.client.post_json(
        f"/api/rfqs/{rfq.pk}/awards/", {"quote_id": quote.pk, "reason": "x"}
    )
    assert response.status_code == 409 and response.json()["code"] == "rfq_not_closed"
    assert not Award.objects.exists()


def test_award_needs_rfq_award(market, closed, signed_in):
    rfq, q1, *_ = closed
    _, sales = market.buyer.member(["sales"], signed_in)
    response = sales.post_json(f"/api/rfqs/{rfq.pk}/awards/", {"quote_id": q1.pk, "reason": "x"})
    assert response.status_code == 403
    assert sales.get(f"/api/rfqs/{rfq.pk}/comparison/").status_code == 403
