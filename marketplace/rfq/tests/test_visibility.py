"""Who sees what: sealed prices never before closing, quotes only to their author (and the buyer),
invited-only RFQs only to invitees, drafts only to their buyer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from marketplace.rfq import services
from marketplace.rfq.models import Rfq
from marketplace.rfq.tests import factories as f

pytestmark = pytest.mark.django_db

PRICE = "4444.4444"  # quantity 100: net 444444.44
PRICE_STRINGS = ("4444.44", "444444.4", "4444,44")


def assert_no_prices(body: bytes | str, where: str) -> None:
    text = body.decode() if isinstance(body, bytes) else body
    for price in PRICE_STRINGS:
        assert price not in text, f"a sealed price leaked through {where}"


@pytest.fixture
def sealed(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)], sealed=True, title="Sealed bearings")
    quote = f.quote(market.s1.actor, rfq, unit_price=PRICE, notes="our best offer")
    f.deliver_pending()
    return rfq, quote


def buyer_side_responses(market, rfq, quote, attachment_id):
    """Every buyer-side read, and the writes a buyer can make on an open RFQ, with their bodies."""
    client = market.buyer.client
    base = f"/api/rfqs/{rfq.pk}"
    yield "list", client.get("/api/rfqs/")
    yield "detail", client.get(f"{base}/")
    yield "matches", client.get(f"{base}/matches/")
    yield "invitations", client.get(f"{base}/invitations/")
    yield "quotes", client.get(f"{base}/quotes/")
    yield "comparison", client.get(f"{base}/comparison/")
    yield "export", client.get(f"{base}/comparison/export/")
    yield "quote attachment", client.get(f"{base}/quotes/{quote.pk}/attachments/{attachment_id}/")
    yield "award", client.post_json(f"{base}/awards/", {"quote_id": quote.pk, "reason": "x"})
    yield "update", client.patch_json(f"{base}/", {"title": "x"})
    yield "invite", client.put(f"{base}/invitations/{market.s2.company.pk}/")
    yield (
        "extend",
        client.post_json(f"{base}/extend/", {"closing_at": (rfq.closing_at + timedelta(days=1)).isoformat()}),
    )
    yield "notifications", client.get("/api/notifications/")
    yield "audit", client.get("/api/audit/")
    yield "screening", client.get("/api/rfq-screening/")


def test_sealed_prices_are_in_no_buyer_side_response_before_closing(market, sealed):
    rfq, quote = sealed
    attachment = services.quote_attachment_add(actor=market.s1.actor, rfq_id=rfq.pk, upload=_upload())
    statuses = {}
    for where, response in buyer_side_responses(market, rfq, quote, attachment.pk):
        assert_no_prices(response.content, where)
        statuses[where] = (
            response.status_code,
            response.json().get("code") if response.status_code >= 400 else None,
        )

    assert statuses["detail"][0] == 200
    assert market.buyer.client.get(f"/api/rfqs/{rfq.pk}/").json()["quote_count"] == 1
    assert market.buyer.client.get(f"/api/rfqs/{rfq.pk}/").json()["quotes_visible"] is False
    for where in ("quotes", "comparison", "export", "quote attachment"):
        assert statuses[where] == (409, "rfq_sealed"), where
    assert statuses["award"] == (409, "rfq_not_closed")
    for message in mail.outbox:
        assert_no_prices(message.subject + message.body, "e-mail")


def test_sealed_quotes_open_at_closing_for_the_buyer_only(market, sealed):
    rfq, _ = sealed
    f.quote(market.s2.actor, rfq, unit_price="5000.0000")
    mail.outbox.clear()
    # The deadline passes; the first buyer read closes it without waiting for the beat.
    Rfq.objects.filter(pk=rfq.pk).update(closing_at=timezone.now() - timedelta(seconds=1))

    quotes = market.buyer.client.get(f"/api/rfqs/{rfq.pk}/quotes/")

    assert quotes.status_code == 200
    assert sorted(q["lines"][0]["unit_price"] for q in quotes.json()["results"]) == [PRICE, "5000.0000"]
    assert Rfq.objects.get(pk=rfq.pk).status == "closed"
    f.deliver_pending()
    closed_mail = [m for m in mail.outbox if m.to == [market.buyer.owner.email]]
    assert len(closed_mail) == 1
    assert "共收到 2 份报价" in closed_mail[0].body  # the owner signed up in Chinese
    assert_no_prices(closed_mail[0].body, "the closing e-mail")
    # The other supplier still sees only its own quote.
    s2_view = market.s2.client.get(f"/api/rfq-inbox/{rfq.pk}/")
    assert s2_view.status_code == 200
    assert_no_prices(s2_view.content, "another supplier's inbox")
    assert s2_view.json()["quote"]["lines"][0]["unit_price"] == "5000.0000"


def test_a_sealed_rfq_cancelled_before_closing_is_never_opened(market, sealed):
    rfq, _ = sealed
    market.buyer.client.post_json(f"/api/rfqs/{rfq.pk}/cancel/", {"reason": "Design changed"})
    response = market.buyer.client.get(f"/api/rfqs/{rfq.pk}/quotes/")
    assert response.status_code == 409 and response.json()["code"] == "rfq_sealed"


def test_unsealed_quotes_are_visible_to_the_buyer_while_open(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)], sealed=False)
    f.quote(market.s1.actor, rfq, unit_price="12.3400")
    response = market.buyer.client.get(f"/api/rfqs/{rfq.pk}/quotes/")
    assert response.status_code == 200
    assert response.json()["results"][0]["lines"][0]["unit_price"] == "12.3400"


def test_a_quote_is_visible_only_to_its_author(market, sealed, party):
    rfq, quote = sealed
    stranger = party("Stranger")

    mine = market.s1.client.get(f"/api/rfq-inbox/{rfq.pk}/quote/")
    theirs = market.s2.client.get(f"/api/rfq-inbox/{rfq.pk}/quote/")
    s2_detail = market.s2.client.get(f"/api/rfq-inbox/{rfq.pk}/")
    s2_inbox = market.s2.client.get("/api/rfq-inbox/")
    outsider = stranger.client.get(f"/api/rfq-inbox/{rfq.pk}/quote/")

    assert mine.status_code == 200 and mine.json()["id"] == quote.pk
    assert mine.json()["notes"] == "our best offer"
    assert theirs.status_code == 404 and theirs.json()["code"] == "not_found"
    assert s2_detail.json()["quote"] is None
    for response in (s2_detail, s2_inbox):
        assert_no_prices(response.content, "another supplier")
        assert b"our best offer" not in response.content
    assert outsider.status_code == 404


def test_an_invited_only_rfq_is_seen_by_invitees_only(market, party):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)], visibility="invited", top_n=1)
    statuses = dict(rfq.invitations.values_list("supplier_id", "status"))
    invitee = market.s1 if statuses[market.s1.company.pk] == "invited" else market.s2
    matched = market.s2 if invitee is market.s1 else market.s1
    assert statuses[matched.company.pk] == "matched"

    assert [r["id"] for r in invitee.client.get("/api/rfq-inbox/").json()["results"]] == [rfq.pk]
    assert matched.client.get("/api/rfq-inbox/").json()["count"] == 0
    assert matched.client.get(f"/api/rfq-inbox/{rfq.pk}/").status_code == 404
    attempt = matched.client.post_json(f"/api/rfq-inbox/{rfq.pk}/quote/", f.quote_body(rfq))
    assert attempt.status_code == 404 and attempt.json()["code"] == "not_found"
    assert not rfq.quotes.exists()
    assert invitee.client.post_json(f"/api/rfq-inbox/{rfq.pk}/quote/", f.quote_body(rfq)).status_code == 201


def test_a_draft_is_seen_by_its_buyer_only(market):
    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)], title="Secret draft")
    services.invitation_add(actor=market.buyer.actor, rfq_id=rfq.pk, supplier_id=market.s1.company.pk)

    assert market.buyer.client.get(f"/api/rfqs/{rfq.pk}/").status_code == 200
    assert market.s1.client.get("/api/rfq-inbox/").json()["count"] == 0
    assert market.s1.client.get(f"/api/rfq-inbox/{rfq.pk}/").status_code == 404
    assert market.s1.client.post_json(f"/api/rfq-inbox/{rfq.pk}/quote/", f.quote_body(rfq)).status_code == 404
    # Another company's buyer sees nothing either: the same 404 as a missing RFQ.
    other = market.s2.client.get(f"/api/rfqs/{rfq.pk}/")
    missing = market.s2.client.get("/api/rfqs/987654321/")
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("offer.txt", b"offer")
