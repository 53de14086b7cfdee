"""Suppliers' quotes: make, revise until closing, withdraw, frozen after closing, bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from identity.models import AuditEntry
from marketplace.rfq import services
from marketplace.rfq.exceptions import RfqClosed
from marketplace.rfq.models import Attachment, Quote, QuoteLine, Rfq
from marketplace.rfq.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def rfq(market):
    return f.rfq_open(market.buyer.actor, lines=[f.line(market.cat), f.line(market.root, quantity="20")])


def test_quote_revise_withdraw_and_quote_again(market, rfq):
    client = market.s1.client
    body = f.quote_body(
        rfq,
        unit_price="10.0000",
        supplier_reference="Q-2026-117",
        payment_terms="50% advance",
        delivery_date=(timezone.now() + timedelta(days=20)).date().isoformat(),
        custom_fields={"Packing": "Carton, 50 pcs"},
        min_order_value="500.00",
    )
    body["lines"][0].update(discount_percent="5", freight_amount="30", tax_rate="13", warranty_months=12)

    created = client.post_json(f"/api/rfq-inbox/{rfq.pk}/quote/", body)

    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["status"], data["revision"], data["currency"]) == ("submitted", 1, "CNY")
    assert data["supplier_reference"] == "Q-2026-117"
    assert data["custom_fields"] == {"Packing": "Carton, 50 pcs"}
    first = data["lines"][0]
    # 10 x 100 x 0.95 + 30 = 980.00; with 13 % tax 1107.40.
    assert (first["net_amount"], first["gross_amount"]) == ("980.00", "1107.40")
    assert data["total_net"] == "1180.00"  # + 10 x 20
    again = client.post_json(f"/api/rfq-inbox/{rfq.pk}/quote/", body)
    assert again.status_code == 409 and again.json()["code"] == "quote_exists"

    body["lines"] = body["lines"][:1]
    revised = client.put(f"/api/rfq-inbox/{rfq.pk}/quote/", body, content_type="application/json")
    assert revised.status_code == 200, revised.content
    assert revised.json()["revision"] == 2 and len(revised.json()["lines"]) == 1

    withdrawn = client.post(f"/api/rfq-inbox/{rfq.pk}/quote/withdraw/")
    assert withdrawn.json()["status"] == "withdrawn"
    assert client.post_json(f"/api/rfq-inbox/{rfq.pk}/quote/", body).status_code == 201
    assert Quote.objects.filter(rfq=rfq, supplier=market.s1.company).count() == 2
    actions = set(AuditEntry.objects.filter(company=market.s1.company).values_list("action", flat=True))
    assert {"quote.created", "quote.revised", "quote.withdrawn"} <= actions


def test_draft_quotes_are_not_counted_by_the_buyer(market, rfq):
    services.quote_create(actor=market.s1.actor, rfq_id=rfq.pk, data=f.quote_input(rfq, status="draft"))
    assert market.buyer.client.get(f"/api/rfqs/{rfq.pk}/").json()["quote_count"] == 0
    assert market.buyer.client.get(f"/api/rfqs/{rfq.pk}/quotes/").json()["count"] == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("foreign line", "lines.0.rfq_line_id"),
        ("twice", "lines.1.rfq_line_id"),
        ("quantity 0", "lines.0.offered_quantity"),
        ("negative price", "lines.0.unit_price"),
        ("no validity", "valid_until"),
        ("validity before closing", "valid_until"),
        ("discount 101", "lines.0.discount_percent"),
        ("no lines", "lines"),
    ],
)
def test_bad_quotes_are_400_and_write_nothing(market, rfq, change, field):
    other = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    body = f.quote_body(rfq)
    if change == "foreign line":
        body["lines"][0]["rfq_line_id"] = other.lines.get().pk
    elif change == "twice":
        body["lines"][1]["rfq_line_id"] = body["lines"][0]["rfq_line_id"]
    elif change == "quantity 0":
        body["lines"][0]["offered_quantity"] = "0"
    elif change == "negative price":
        body["lines"][0]["unit_price"] = "-1"
    elif change == "no validity":
        del body["valid_until"]
    elif change == "validity before closing":
        body["valid_until"] = timezone.now().date().isoformat()
    elif change == "discount 101":
        body["lines"][0]["discount_percent"] = "101"
    elif change == "no lines":
        body["lines"] = []

    response = market.s1.client.post_json(f"/api/rfq-inbox/{rfq.pk}/quote/", body)

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"], response.json()
    assert Quote.objects.count() == 0 and QuoteLine.objects.count() == 0


def test_quote_after_closing_is_409_rfq_closed_and_changes_nothing(market, rfq):
    f.quote(market.s1.actor, rfq, unit_price="10.0000")
    # The deadline passed, the beat has not run yet: already refused.
    Rfq.objects.filter(pk=rfq.pk).update(closing_at=timezone.now() - timedelta(seconds=1))
    body = f.quote_body(rfq, unit_price="1.0000")

    for client, method in (
        (market.s1.client, "put"),
        (market.s2.client, "post"),
        (market.s1.client, "withdraw"),
    ):
        if method == "withdraw":
            response = client.post(f"/api/rfq-inbox/{rfq.pk}/quote/withdraw/")
        else:
            response = getattr(client, method)(
                f"/api/rfq-inbox/{rfq.pk}/quote/", body, content_type="application/json"
            )
        assert response.status_code == 409, response.content
        assert response.json()["code"] == "rfq_closed"

    f.force_close(rfq)
    with pytest.raises(RfqClosed):
        services.quote_revise(
            actor=market.s1.actor, rfq_id=rfq.pk, data=f.quote_input(rfq, unit_price="1.0000")
        )
    quote = Quote.objects.get(rfq=rfq)
    assert (quote.status, quote.revision) == ("submitted", 1)
    assert {str(p) for p in quote.lines.values_list("unit_price", flat=True)} == {"10.0000"}


def test_quote_on_a_cancelled_rfq_is_409(market, rfq):
    services.rfq_cancel(actor=market.buyer.actor, rfq_id=rfq.pk, reason="Project stopped")
    response = market.s1.client.post_json(f"/api/rfq-inbox/{rfq.pk}/quote/", f.quote_body(rfq))
    assert response.status_code == 409 and response.json()["code"] == "rfq_cancelled"


def test_quote_attachments(market, rfq):
    f.quote(market.s1.actor, rfq)
    client = market.s1.client

    created = client.post(
        f"/api/rfq-inbox/{rfq.pk}/quote/attachments/", {"file": SimpleUploadedFile("datasheet.pdf", b"%PDF")}
    )

    assert created.status_code == 201, created.content
    attachment = Attachment.objects.get(pk=created.json()["id"])
    assert attachment.file.name.startswith(f"{market.s1.company.schema_name}/")
    assert client.get(f"/api/rfq-inbox/{rfq.pk}/quote/attachments/{attachment.pk}/").content == b"%PDF"
    assert (
        client.get(f"/api/rfq-inbox/{rfq.pk}/quote/").json()["attachments"][0]["filename"] == "datasheet.pdf"
    )
    # Not the other supplier's, not through the RFQ's own attachments.
    assert (
        market.s2.client.get(f"/api/rfq-inbox/{rfq.pk}/quote/attachments/{attachment.pk}/").status_code == 404
    )
    assert client.get(f"/api/rfq-inbox/{rfq.pk}/attachments/{attachment.pk}/").status_code == 404
    assert client.delete(f"/api/rfq-inbox/{rfq.pk}/quote/attachments/{attachment.pk}/").status_code == 204


def test_inbox_lists_with_own_state(market, rfq):
    f.quote(market.s1.actor, rfq)

    response = market.s1.client.get("/api/rfq-inbox/?status=accepting")

    row = response.json()["results"][0]
    assert (row["id"], row["quote_status"], row["quote_revision"], row["accepting_quotes"]) == (
        rfq.pk,
        "submitted",
        1,
        True,
    )
    assert row["buyer"]["name"] == "Huaxia Machinery"
    assert market.s1.client.get("/api/rfq-inbox/?status=nonsense").status_code == 400
    assert market.s1.client.get("/api/rfq-inbox/?status=").status_code == 400
    assert market.s1.client.get("/api/notifications/?unread=").status_code == 400
    assert market.s1.client.get("/api/notifications/?unread=true").status_code == 200


def test_inbox_list_query_count_is_bounded(market, django_assert_max_num_queries):
    for _ in range(3):
        f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    with django_assert_max_num_queries(12):
        response = market.s1.client.get("/api/rfq-inbox/")
    assert response.json()["count"] == 3
    for _ in range(5):
        f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    with django_assert_max_num_queries(12):
        assert market.s1.client.get("/api/rfq-inbox/").json()["count"] == 8
    with django_assert_max_num_queries(12):
        assert market.buyer.client.get("/api/rfqs/").json()["count"] == 8


def test_buyer_quote_list_query_count_does_not_grow(market, django_assert_max_num_queries):
    from identity.models import Membership, User

    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat), f.line(market.cat)], sealed=False)
    f.quote(market.s1.actor, rfq)
    with django_assert_max_num_queries(25) as few:
        assert market.buyer.client.get(f"/api/rfqs/{rfq.pk}/quotes/").json()["count"] == 1
    for index in range(4):
        supplier = f.bare_company(f"Supplier {index}")
        user = User.objects.create_user(email=f"sales@{supplier.slug}.test", password="x-password-123")
        Membership.objects.create(user=user, company=supplier, roles=["sales"])
        f.supplier_profile(supplier, categories=[market.cat])
        services.invitation_add(actor=market.buyer.actor, rfq_id=rfq.pk, supplier_id=supplier.pk)
        f.quote(f.actor_for(supplier, user), rfq)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert market.buyer.client.get(f"/api/rfqs/{rfq.pk}/quotes/").json()["count"] == 5
    assert len(many.captured_queries) == len(few.captured_queries)
