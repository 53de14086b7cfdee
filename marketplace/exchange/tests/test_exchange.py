"""Sending, ingesting, waiting and sweeping trade documents, against the real database."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from kernel.errors import ValidationFailed
from kernel.tenancy import company_context
from marketplace.exchange import selectors, services
from marketplace.exchange.handlers import Incoming, handler_overridden
from marketplace.exchange.inbox.models import ReceivedDocument
from marketplace.exchange.kinds import DeliveryState, DocumentKind
from marketplace.exchange.models import PartnerLink, TradeDocument
from marketplace.exchange.tests.conftest import change_payload, po_payload
from tenants.inventory import selectors as stock
from tenants.inventory import services as inventory

pytestmark = pytest.mark.django_db


def receive_lines(doc: Incoming) -> None:
    """A real effect in the receiver's schema: each line's quantity received into stock."""
    for line in doc.payload["lines"]:
        item = inventory.item_get_or_create_for_line(
            sku=line["sku"], name=line["description"], unit=line["unit"]
        )
        inventory.stock_receive(
            item=item,
            warehouse=inventory.default_warehouse(),
            quantity=Decimal(line["quantity"]),
            reference=str(doc.id),
        )


def on_hand(company: Any, sku: str) -> Decimal:
    with company_context(company):
        item = stock.item_by_sku(sku=sku)
        return stock.stock_level(item=item).on_hand if item else Decimal(0)


def test_send_writes_a_validated_document_and_links_the_partners(trio):
    doc = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind=DocumentKind.PURCHASE_ORDER, payload=po_payload()
    )
    doc.refresh_from_db()
    assert (doc.state, doc.validated, doc.schema_version, doc.attempts) == (DeliveryState.PENDING, True, 1, 0)
    assert doc.payload["lines"][0]["quantity"] == "100" and doc.payload["buyer_contact"]["name"] == "Li Lei"
    assert list(selectors.partners_of(trio.buyer)) == [trio.supplier]
    assert list(selectors.partners_of(trio.supplier)) == [trio.buyer]
    assert list(selectors.partners_of(trio.third)) == []

    services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )
    assert PartnerLink.objects.filter(company__in=[trio.buyer, trio.supplier]).count() == 2


def test_ingestion_is_enqueued_after_commit_in_the_receivers_schema(
    trio, monkeypatch, django_capture_on_commit_callbacks
):
    from marketplace.exchange import tasks

    sent: list[tuple[str, str]] = []
    monkeypatch.setattr(
        tasks.ingest_document, "delay", lambda doc_id: sent.append((doc_id, connection.schema_name))
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks, company_context(trio.buyer):
        doc = services.document_send(
            sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
        )
    assert sent == []  # nothing before commit
    for callback in callbacks:
        callback()
    assert sent == [(str(doc.pk), trio.supplier.schema_name)]
    doc.refresh_from_db()
    assert doc.enqueued_at is not None

    with handler_overridden(DocumentKind.PURCHASE_ORDER, receive_lines):
        assert tasks.ingest_document.run(str(doc.pk)) == services.INGESTED
    assert on_hand(trio.supplier, "6205-2RS") == Decimal(100)
    assert on_hand(trio.buyer, "6205-2RS") == Decimal(0)


def test_ingesting_a_document_twice_has_one_effect(trio):
    doc = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )
    with handler_overridden(DocumentKind.PURCHASE_ORDER, receive_lines):
        assert services.document_ingest(document_id=doc.pk) == services.INGESTED
        assert services.document_ingest(document_id=doc.pk) == services.DUPLICATE
        # Even a document reset to pending by hand (a redelivery after a lost acknowledgement).
        TradeDocument.objects.filter(pk=doc.pk).update(state=DeliveryState.PENDING)
        assert services.document_ingest(document_id=doc.pk) == services.DUPLICATE
    assert on_hand(trio.supplier, "6205-2RS") == Decimal(100)
    with company_context(trio.supplier):
        assert ReceivedDocument.objects.filter(document_id=doc.pk).count() == 1
    doc.refresh_from_db()
    assert doc.state == DeliveryState.DELIVERED and doc.delivered_at is not None


def test_a_change_request_arriving_before_its_order_waits_and_applies_after(trio):
    seen: list[str] = []

    def order(doc: Incoming) -> None:
        seen.append(f"order {doc.payload['lines'][0]['quantity']}")

    def change(doc: Incoming) -> None:
        assert ReceivedDocument.objects.filter(document_id=doc.refers_to).exists()
        seen.append(f"change {doc.payload['lines'][0]['quantity']}")

    po = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )
    cr = services.document_send(
        sender=trio.buyer,
        receiver=trio.supplier,
        kind="change_request",
        payload=change_payload(),
        refers_to=po.pk,
    )
    with handler_overridden("purchase_order", order), handler_overridden("change_request", change):
        assert services.document_ingest(document_id=cr.pk) == services.WAITING
        assert seen == []
        assert TradeDocument.objects.get(pk=cr.pk).state == DeliveryState.WAITING
        assert services.document_ingest(document_id=po.pk) == services.INGESTED
    assert seen == ["order 100", "change 150"]
    assert set(TradeDocument.objects.filter(pk__in=[po.pk, cr.pk]).values_list("state", flat=True)) == {
        "delivered"
    }


def test_a_reply_to_the_senders_own_document_does_not_wait(trio):
    """An order response refers to the buyer's PO, which the buyer sent (never received): no waiting."""
    po = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )
    response = services.document_send(
        sender=trio.supplier,
        receiver=trio.buyer,
        kind="order_response",
        refers_to=po.pk,
        payload={
            "po_number": "PO-2026-0007",
            "so_id": 3,
            "so_number": "SO-3",
            "action": "reject",
            "reason": "No stock",
        },
    )
    got: list[Incoming] = []
    with handler_overridden("order_response", got.append):
        assert services.document_ingest(document_id=response.pk) == services.INGESTED
    assert (
        got[0].sender_id == trio.supplier.pk and got[0].refers_to == po.pk and got[0].payload["lines"] == []
    )


BAD_PAYLOADS = [
    ("purchase_order", {"lines": []}, "payload.lines"),
    (
        "purchase_order",
        {"lines": [{**po_payload()["lines"][0], "quantity": "0"}]},
        "payload.lines.0.quantity",
    ),
    (
        "purchase_order",
        {"lines": [{**po_payload()["lines"][0], "quantity": "-5"}]},
        "payload.lines.0.quantity",
    ),
    (
        "purchase_order",
        {"lines": [{**po_payload()["lines"][0], "quantity": 1.5}]},
        "payload.lines.0.quantity",
    ),
    (
        "purchase_order",
        {"lines": [{**po_payload()["lines"][0], "unit_price": "abc"}]},
        "payload.lines.0.unit_price",
    ),
    ("purchase_order", {"currency": "yuan"}, "payload.currency"),
    ("purchase_order", {"order_date": "yesterday"}, "payload.order_date"),
    ("purchase_order", {"surprise": 1}, "payload.surprise"),
    ("purchase_order", {"po_number": None}, "payload.po_number"),
]


@pytest.mark.parametrize(("kind", "changes", "field"), BAD_PAYLOADS)
def test_a_bad_payload_is_refused_and_nothing_is_written(trio, kind, changes, field):
    with pytest.raises(ValidationFailed) as refused:
        services.document_send(
            sender=trio.buyer, receiver=trio.supplier, kind=kind, payload=po_payload(**changes)
        )
    assert field in refused.value.errors, refused.value.errors
    assert TradeDocument.objects.filter(sender=trio.buyer).count() == 0
    assert PartnerLink.objects.filter(company=trio.buyer).count() == 0


def test_references_kinds_and_receivers_are_checked(trio):
    po = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )
    cases = [
        (
            dict(sender=trio.buyer, receiver=trio.supplier, kind="change_request", payload=change_payload()),
            "refers_to",
        ),
        (
            dict(
                sender=trio.third,
                receiver=trio.supplier,
                kind="change_request",
                payload=change_payload(),
                refers_to=po.pk,
            ),
            "refers_to",
        ),
        (
            dict(
                sender=trio.buyer,
                receiver=trio.supplier,
                kind="purchase_order",
                payload=po_payload(),
                refers_to=po.pk,
            ),
            "refers_to",
        ),
        (
            dict(sender=trio.buyer, receiver=trio.buyer, kind="purchase_order", payload=po_payload()),
            "receiver",
        ),
        (dict(sender=trio.buyer, receiver=trio.supplier, kind="quotation", payload={}), "kind"),
        (
            dict(
                sender=trio.supplier,
                receiver=trio.buyer,
                kind="change_response",
                payload={"po_number": "PO-2026-0007", "accepted": True},
                refers_to=po.pk,
            ),
            "refers_to",
        ),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationFailed) as refused:
            services.document_send(**kwargs)
        assert field in refused.value.errors, (kwargs["kind"], refused.value.errors)
    assert TradeDocument.objects.filter(sender__in=[trio.buyer, trio.supplier, trio.third]).count() == 1


def test_every_kind_accepts_its_contract_payload(trio):
    po = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )
    change_id = "6f1c1a2e-0b7b-4c55-9a51-1f1e2d3c4b5a"
    sent = {
        "order_response": (
            trio.supplier,
            trio.buyer,
            po.pk,
            {
                "po_number": "PO-2026-0007",
                "so_id": 1,
                "so_number": "SO-1",
                "action": "propose",
                "reason": "",
                "lines": [
                    {"line_no": 1, "quantity": "80", "unit_price": "12.40", "promised_date": "2026-03-25"}
                ],
            },
        ),
        "change_request": (trio.buyer, trio.supplier, po.pk, change_payload(change_id=change_id)),
        "dispatch_advice": (
            trio.supplier,
            trio.buyer,
            po.pk,
            {
                "po_number": "PO-2026-0007",
                "so_number": "SO-1",
                "shipment_id": 4,
                "shipment_number": "SH-4",
                "carrier": "SF Express",
                "tracking_number": "SF1234567",
                "shipped_at": "2026-03-10T08:00:00+08:00",
                "packages": 2,
                "lines": [{"line_no": 1, "quantity": "40"}],
            },
        ),
        "receipt_advice": (
            trio.buyer,
            trio.supplier,
            po.pk,
            {
                "po_number": "PO-2026-0007",
                "receipt_number": "GR-1",
                "received_at": "2026-03-12T10:00:00Z",
                "lines": [
                    {
                        "line_no": 1,
                        "accepted_quantity": "38",
                        "rejected_quantity": "2",
                        "rejection_reason": "Dented",
                    }
                ],
            },
        ),
        "cancellation": (
            trio.buyer,
            trio.supplier,
            po.pk,
            {"po_number": "PO-2026-0007", "reason": "", "cancelled_by": "buyer"},
        ),
    }
    docs = {}
    for kind, (sender, receiver, refers_to, payload) in sent.items():
        docs[kind] = services.document_send(
            sender=sender, receiver=receiver, kind=kind, payload=payload, refers_to=refers_to
        )
    reply = services.document_send(
        sender=trio.supplier,
        receiver=trio.buyer,
        kind="change_response",
        refers_to=docs["change_request"].pk,
        payload={
            "po_number": "PO-2026-0007",
            "change_id": change_id,
            "accepted": False,
            "reason": "Too late",
        },
    )
    assert reply.payload["change_id"] == change_id
    assert docs["dispatch_advice"].payload["shipped_at"] == "2026-03-10T00:00:00+00:00"  # normalised to UTC


def test_a_failing_handler_rolls_back_and_is_retried_with_backoff(trio, monkeypatch):
    doc = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )

    def broken(incoming: Incoming) -> None:
        receive_lines(incoming)
        raise RuntimeError("supplier schema says no")

    with handler_overridden("purchase_order", broken):
        assert services.document_ingest(document_id=doc.pk) == services.FAILED
    doc.refresh_from_db()
    assert doc.state == DeliveryState.FAILED and "supplier schema says no" in doc.last_error
    assert doc.next_attempt_at is not None and doc.next_attempt_at > timezone.now()
    assert on_hand(trio.supplier, "6205-2RS") == Decimal(0)
    with company_context(trio.supplier):
        assert not ReceivedDocument.objects.filter(document_id=doc.pk).exists()

    enqueued: list[Any] = []
    monkeypatch.setattr(services, "_enqueue", lambda doc_id, schema, **_: enqueued.append((doc_id, schema)))
    services.exchange_sweep()
    assert doc.pk not in [d for d, _ in enqueued]  # backoff not over yet
    services.exchange_sweep(now=doc.next_attempt_at + timedelta(seconds=1))
    assert (doc.pk, trio.supplier.schema_name) in enqueued

    with handler_overridden("purchase_order", receive_lines):
        assert services.document_ingest(document_id=doc.pk) == services.INGESTED
    assert on_hand(trio.supplier, "6205-2RS") == Decimal(100)


def test_the_sweeper_re_enqueues_documents_left_pending_by_a_broker_outage(trio, monkeypatch):
    doc = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )
    enqueued: list[Any] = []
    monkeypatch.setattr(services, "_enqueue", lambda doc_id, schema, **_: enqueued.append((doc_id, schema)))
    services.exchange_sweep()
    assert doc.pk not in [d for d, _ in enqueued]  # too fresh: its own on-commit enqueue may still come
    services.exchange_sweep(now=timezone.now() + timedelta(minutes=5))
    assert (doc.pk, trio.supplier.schema_name) in enqueued


def test_deliver_pending_drains_everything_in_order(trio):
    po = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )
    cr = services.document_send(
        sender=trio.buyer,
        receiver=trio.supplier,
        kind="change_request",
        payload=change_payload(),
        refers_to=po.pk,
    )
    with (
        handler_overridden("purchase_order", lambda d: None),
        handler_overridden("change_request", lambda d: None),
    ):
        counts = services.deliver_pending()
    assert counts.get("ingested") == 2
    assert set(TradeDocument.objects.filter(pk__in=[po.pk, cr.pk]).values_list("state", flat=True)) == {
        "delivered"
    }


def test_documents_are_never_visible_to_a_third_company(trio, signed_in):
    po = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )
    assert [d.pk for d in selectors.document_list(company=trio.buyer)] == [po.pk]
    assert [d.pk for d in selectors.document_list(company=trio.supplier, direction="received")] == [po.pk]
    assert list(selectors.document_list(company=trio.third)) == []

    third = signed_in(trio.users["third"], trio.third)
    assert third.get("/api/trade-documents/").json()["count"] == 0
    missing = third.get(f"/api/trade-documents/{po.pk}/")
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert third.get("/api/trading-partners/").json()["count"] == 0

    buyer = signed_in(trio.users["buyer"], trio.buyer)
    listed = buyer.get("/api/trade-documents/?kind=purchase_order").json()
    assert [(r["id"], r["direction"], r["state"]) for r in listed["results"]] == [
        (str(po.pk), "sent", "pending")
    ]
    assert buyer.get("/api/trade-documents/?state=delivered").json()["count"] == 0
    assert buyer.get("/api/trade-documents/?kind=nonsense").json()["code"] == "validation_error"
    detail = buyer.get(f"/api/trade-documents/{po.pk}/").json()
    assert detail["payload"]["po_number"] == "PO-2026-0007" and detail["receiver"]["id"] == trio.supplier.pk
    partners = signed_in(trio.users["supplier"], trio.supplier).get("/api/trading-partners/").json()
    assert [p["id"] for p in partners["results"]] == [trio.buyer.pk]


def test_the_sweeper_wakes_a_waiting_document_whose_wake_up_was_lost(trio, monkeypatch):
    po = services.document_send(
        sender=trio.buyer, receiver=trio.supplier, kind="purchase_order", payload=po_payload()
    )
    cr = services.document_send(
        sender=trio.buyer,
        receiver=trio.supplier,
        kind="change_request",
        payload=change_payload(),
        refers_to=po.pk,
    )
    with handler_overridden("purchase_order", lambda d: None):
        assert services.document_ingest(document_id=cr.pk) == services.WAITING
        # The order is ingested, but the process dies before it wakes the change request up.
        assert services._ingest_one(po.pk) == services.INGESTED
    enqueued: list[Any] = []
    monkeypatch.setattr(services, "_enqueue", lambda doc_id, schema, **_: enqueued.append(doc_id))
    later = timezone.now() + timedelta(minutes=5)
    services.exchange_sweep(now=later)
    assert enqueued == [cr.pk]  # the delivered order is not swept again
    with handler_overridden("change_request", lambda d: None):
        assert services.document_ingest(document_id=cr.pk) == services.INGESTED
    enqueued.clear()
    services.exchange_sweep(now=later)
    assert enqueued == []
