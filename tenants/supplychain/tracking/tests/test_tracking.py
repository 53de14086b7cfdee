"""Shipment tracking: carrier accounts, the signed webhook, manual events and ETA, both timelines, the
late alert, and the buyer's ingestion of tracking_update."""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from marketplace.exchange.models import TradeDocument
from notifications.models import Notification
from tenants.procurement.tests import factories as f
from tenants.supplychain.tracking import services
from tenants.supplychain.tracking.models import (
    CarrierAccount,
    InboundEvent,
    InboundTracking,
    ShipmentTracking,
    TrackingEvent,
)
from tenants.supplychain.tracking.tests.conftest import trade_make
from tenants.supplychain.tracking.tests.helpers import carrier_account, meta, post_event

pytestmark = pytest.mark.django_db


def _written(trade) -> tuple[int, int, int, int]:
    with trade.supplier.ctx():
        counts = (TrackingEvent.objects.count(), ShipmentTracking.objects.count())
    return (
        *counts,
        TradeDocument.objects.filter(kind="tracking_update").count(),
        Notification.objects.count(),
    )


def _late_notes(company) -> list[Notification]:
    return list(
        Notification.objects.filter(
            company=company, kind__in=[services.LATE_KIND, services.LATE_INBOUND_KIND]
        )
    )


def test_a_carrier_account_shows_its_secret_once_and_keeps_it_encrypted(trade):
    client = trade.supplier.client
    body, secret = carrier_account(client)
    assert secret.startswith("whsec_") and len(secret) > 30
    assert body["webhook_url"].endswith("/api/supplychain/carriers/sf-express/webhook/")
    assert trade.supplier.company.slug in body["webhook_url"]
    listed = client.get("/api/supplychain/carrier-accounts/").json()
    assert listed["count"] == 1 and "webhook_secret" not in listed["results"][0]
    with trade.supplier.ctx(), connection.cursor() as cursor:
        cursor.execute("SELECT webhook_secret FROM supplychain_tracking_carrieraccount")
        (stored,) = cursor.fetchone()
        assert secret not in stored
        assert CarrierAccount.objects.get().webhook_secret == secret
    again = client.post(
        "/api/supplychain/carrier-accounts/",
        data={"code": "sf-express", "name": "Again"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
    )
    assert again.status_code == 409 and again.json()["code"] == "carrier_code_taken"
    rotated = client.post(f"/api/supplychain/carrier-accounts/{body['id']}/rotate-secret/").json()
    assert rotated["webhook_secret"] != secret
    old = post_event(
        client,
        "sf-express",
        secret,
        tracking_number="SF1234567890",
        type="picked_up",
        occurred_at=timezone.now().isoformat(),
    )
    assert old.status_code == 401 and old.json()["code"] == "tracking_webhook_signature_invalid"
    new = post_event(
        client,
        "sf-express",
        rotated["webhook_secret"],
        tracking_number="SF1234567890",
        type="picked_up",
        occurred_at=timezone.now().isoformat(),
    )
    assert new.status_code == 200, new.content


def test_a_carrier_event_reaches_both_timelines_with_its_eta(trade):
    client = trade.supplier.client
    _, secret = carrier_account(client)
    eta = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    response = post_event(
        client,
        "sf-express",
        secret,
        event_id="sf-evt-1",
        tracking_number="sf1234567890",
        type="in_transit",
        occurred_at="2026-12-05T08:00:00+08:00",
        location="Wuxi sorting centre",
        latitude=31.4912,
        longitude="120.3119",
        eta=eta.isoformat(),
    )
    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "recorded"
    assert response.json()["shipment_number"] == trade.shipment.number

    timeline = client.get(f"/api/supplychain/shipments/{trade.shipment.pk}/tracking/").json()
    assert timeline["status"] == "in_transit"
    assert timeline["promised_date"] == (timezone.localdate() + timedelta(days=3)).isoformat()
    assert datetime.fromisoformat(timeline["eta"]) == eta and timeline["eta_source"] == "carrier"
    assert timeline["late"] is False
    [event] = timeline["events"]
    assert (event["location"], event["latitude"], event["longitude"]) == (
        "Wuxi sorting centre",
        "31.491200",
        "120.311900",
    )
    assert (event["source"], event["carrier_code"]) == ("carrier", "sf-express")
    orders = client.get(f"/api/supplychain/sales-orders/{trade.so.pk}/tracking/").json()
    assert [row["shipment_number"] for row in orders["results"]] == [trade.shipment.number]

    f.deliver()
    po_side = trade.buyer.client.get(f"/api/supplychain/purchase-orders/{trade.po.pk}/tracking/").json()
    [row] = po_side["results"]
    assert row["shipment_number"] == trade.shipment.number and row["status"] == "in_transit"
    assert datetime.fromisoformat(row["eta"]) == eta
    assert row["promised_date"] == timeline["promised_date"]
    assert [(e["type"], e["location"]) for e in row["events"]] == [("in_transit", "Wuxi sorting centre")]
    assert row["shipped_at"] is not None


@pytest.mark.parametrize(
    "case, status, code",
    [
        ("bad_signature", 401, "tracking_webhook_signature_invalid"),
        ("no_signature", 401, "tracking_webhook_signature_invalid"),
        ("stale", 401, "tracking_webhook_timestamp_out_of_tolerance"),
        ("unknown_shipment", 404, "tracking_shipment_not_found"),
        ("unknown_carrier", 404, "not_found"),
        ("bad_body", 400, "validation_error"),
        ("exception_without_reason", 400, "validation_error"),
    ],
)
def test_bad_deliveries_are_refused_and_write_nothing(trade, case, status, code):
    client = trade.supplier.client
    _, secret = carrier_account(client)
    before = _written(trade)
    event = {
        "tracking_number": "SF1234567890",
        "type": "delivered",
        "occurred_at": timezone.now().isoformat(),
    }
    if case == "bad_signature":
        response = post_event(client, "sf-express", "whsec_not-the-secret", **event)
    elif case == "no_signature":
        response = client.post(
            "/api/supplychain/carriers/sf-express/webhook/", data=event, content_type="application/json"
        )
    elif case == "stale":
        response = post_event(client, "sf-express", secret, at=int(time.time()) - 301, **event)
    elif case == "unknown_shipment":
        response = post_event(client, "sf-express", secret, **{**event, "tracking_number": "NOPE"})
    elif case == "unknown_carrier":
        response = post_event(client, "dhl", secret, **event)
    elif case == "bad_body":
        response = post_event(client, "sf-express", secret, **{**event, "type": "teleported", "extra": 1})
    else:
        response = post_event(client, "sf-express", secret, **{**event, "type": "exception"})
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert response["Content-Type"].startswith("application/problem+json")
    assert _written(trade) == before


def test_a_replayed_event_is_answered_as_a_duplicate_and_writes_nothing(trade):
    client = trade.supplier.client
    _, secret = carrier_account(client)
    event = {
        "event_id": "sf-evt-7",
        "tracking_number": "SF1234567890",
        "type": "picked_up",
        "occurred_at": timezone.now().isoformat(),
    }
    first = post_event(client, "sf-express", secret, **event)
    before = _written(trade)
    again = post_event(client, "sf-express", secret, **event)
    assert (first.json()["outcome"], again.json()["outcome"]) == ("recorded", "duplicate")
    assert again.json()["tracking_event_id"] == first.json()["tracking_event_id"]
    assert _written(trade) == before


def test_manual_events_and_eta_by_hand(trade):
    client = trade.supplier.client
    url = f"/api/supplychain/shipments/{trade.shipment.pk}/tracking/events/"
    before = _written(trade)
    refused = client.post(
        url,
        data={"type": "exception", "latitude": "95"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
    )
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"reason", "latitude"}
    assert _written(trade) == before
    made = client.post(
        url,
        data={"type": "exception", "reason": "Road closed by snow", "location": "G2 near Changzhou"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
    )
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "exception"
    assert made.json()["events"][0]["source"] == "manual"
    eta = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    patched = client.patch(
        f"/api/supplychain/shipments/{trade.shipment.pk}/tracking/",
        data={"eta": eta.isoformat()},
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["eta_source"] == "manual"
    absurd = client.patch(
        f"/api/supplychain/shipments/{trade.shipment.pk}/tracking/",
        data={"eta": "9999-12-31T23:59:00Z"},
        content_type="application/json",
    )
    assert absurd.status_code == 400 and set(absurd.json()["errors"]) == {"eta"}
    missing = client.post(
        "/api/supplychain/shipments/999999/tracking/events/",
        data={"type": "picked_up"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
    )
    assert missing.status_code == 404
    f.deliver()
    with trade.buyer.ctx():
        tracking = InboundTracking.objects.get()
        assert (tracking.status, tracking.eta) == ("exception", eta)
        assert list(tracking.events.values_list("reason", flat=True)) == ["Road closed by snow"]


def test_a_viewer_reads_but_cannot_enter_events(trade):
    viewer = trade.supplier.member("viewer")
    url = f"/api/supplychain/shipments/{trade.shipment.pk}/tracking/"
    assert viewer.client.get(url).status_code == 200
    response = viewer.client.post(
        url + "events/",
        data={"type": "picked_up"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex,
    )
    assert response.status_code == 403


def test_an_eta_after_the_promised_date_alerts_both_sides_once(trade):
    with trade.supplier.ctx():
        services.tracking_eta_set(
            actor=trade.supplier.actor,
            shipment_id=trade.shipment.pk,
            eta=timezone.now() + timedelta(days=5),
        )
    f.deliver()
    supplier_notes = _late_notes(trade.supplier.company)
    buyer_notes = _late_notes(trade.buyer.company)
    assert [n.payload["reason"] for n in supplier_notes] == ["eta_after_promised"]
    assert [n.payload["reason"] for n in buyer_notes] == ["eta_after_promised"]
    assert buyer_notes[0].payload["purchase_order_id"] == trade.po.pk
    assert (buyer_notes[0].kind, buyer_notes[0].subject_type, buyer_notes[0].subject_id) == (
        services.LATE_INBOUND_KIND,
        "purchase_order",
        trade.po.pk,
    )
    assert (supplier_notes[0].kind, supplier_notes[0].subject_type, supplier_notes[0].subject_id) == (
        services.LATE_KIND,
        "sales_order",
        trade.so.pk,
    )
    assert supplier_notes[0].payload["title"] == trade.shipment.number
    # Later events, ETA changes and sweeps do not alert again.
    with trade.supplier.ctx():
        services.tracking_eta_set(
            actor=trade.supplier.actor, shipment_id=trade.shipment.pk, eta=timezone.now() + timedelta(days=9)
        )
        assert services.late_shipments_sweep(today=timezone.localdate() + timedelta(days=10)) == 0
    f.deliver()
    with trade.buyer.ctx():
        assert services.late_shipments_sweep(today=timezone.localdate() + timedelta(days=10)) == 0
    assert len(_late_notes(trade.supplier.company)) == 1
    assert len(_late_notes(trade.buyer.company)) == 1
    timeline = trade.buyer.client.get(f"/api/supplychain/purchase-orders/{trade.po.pk}/tracking/").json()
    assert timeline["results"][0]["late"] is True


def test_an_untracked_shipment_not_delivered_by_its_promised_day_alerts_both_sides_through_the_sweep(
    buyer, supplier
):
    trade = trade_make(buyer, supplier, promised=timezone.localdate() - timedelta(days=1))
    with supplier.ctx():
        assert ShipmentTracking.objects.count() == 0
    with buyer.ctx():
        assert services.late_shipments_sweep() == 0  # nothing told to the buyer yet
    with supplier.ctx():
        assert services.late_shipments_sweep() == 1
        assert services.late_shipments_sweep() == 0
    f.deliver()
    with buyer.ctx():
        assert services.late_shipments_sweep() == 0  # alerted on ingestion already
    [s_note] = _late_notes(supplier.company)
    [b_note] = _late_notes(buyer.company)
    assert s_note.payload["reason"] == b_note.payload["reason"] == "not_delivered"
    assert s_note.payload["shipment_id"] == trade.shipment.pk


def test_a_delivered_shipment_is_not_late_on_its_promised_day(trade):
    with trade.supplier.ctx():
        services.tracking_event_add(
            actor=trade.supplier.actor,
            shipment_id=trade.shipment.pk,
            event=services.ManualEvent(type="delivered"),
        )
        assert services.late_shipments_sweep(today=timezone.localdate() + timedelta(days=30)) == 0
    f.deliver()
    with trade.buyer.ctx():
        assert services.late_shipments_sweep(today=timezone.localdate() + timedelta(days=30)) == 0
        assert InboundTracking.objects.get().status == "delivered"
    assert Notification.objects.filter(kind__in=[services.LATE_KIND, services.LATE_INBOUND_KIND]).count() == 0


def test_the_buyer_keeps_each_event_once_and_never_lets_an_older_update_win(trade):
    """Two tracking_updates carrying the same event, delivered newest first: one event, newest state."""
    from marketplace.exchange.services import document_send

    def update(sent_at: datetime, status: str, events: list[dict]) -> None:
        document_send(
            sender=trade.supplier.company,
            receiver=trade.buyer.company,
            kind="tracking_update",
            refers_to=trade.po.exchange_document_id,
            payload={
                "po_number": trade.po.number,
                "so_number": trade.so.number,
                "shipment_id": trade.shipment.pk,
                "shipment_number": trade.shipment.number,
                "carrier": "SF Express",
                "tracking_number": "SF1234567890",
                "status": status,
                "eta": None,
                "promised_date": None,
                "delivered_at": None,
                "sent_at": sent_at.isoformat(),
                "events": events,
            },
        )

    event = {
        "reference": "ref-1",
        "type": "in_transit",
        "occurred_at": "2026-12-05T08:00:00+00:00",
        "location": "Wuxi",
        "latitude": None,
        "longitude": None,
        "reason": "",
        "source": "carrier",
    }
    now = timezone.now()
    update(now, "out_for_delivery", [event, {**event, "reference": "ref-2", "type": "out_for_delivery"}])
    f.deliver()
    update(now - timedelta(hours=1), "in_transit", [event])
    f.deliver()
    with trade.buyer.ctx():
        tracking = InboundTracking.objects.get()
        assert tracking.status == "out_for_delivery"
        assert sorted(InboundEvent.objects.values_list("reference", flat=True)) == ["ref-1", "ref-2"]


def test_a_tracking_update_with_a_bad_payload_is_refused_at_sending(trade):
    from kernel.errors import ValidationFailed
    from marketplace.exchange.services import document_send

    with pytest.raises(ValidationFailed) as refused:
        document_send(
            sender=trade.supplier.company,
            receiver=trade.buyer.company,
            kind="tracking_update",
            refers_to=trade.po.exchange_document_id,
            payload={"po_number": "x", "status": "lost", "events": [{"type": "in_transit"}]},
        )
    assert "payload.status" in refused.value.errors
    assert "payload.events.0.reference" in refused.value.errors


def test_an_order_entered_by_hand_is_tracked_without_telling_anyone(supplier):
    from decimal import Decimal

    from tenants.sales import services as sales
    from tenants.sales.services.shipments import ShipLine
    from tenants.sales.tests import factories as sf

    sf.stock(supplier.company, "SKU-1", "50")
    with supplier.ctx():
        actor = sf.actor_for(supplier.company, supplier.owner)
        order = sf.manual_order(actor)
        sales.order_accept(actor=actor, order_id=order.pk)
        line = order.lines.get()
        shipment = sales.shipment_create(
            actor=actor,
            order_id=order.pk,
            carrier="Local van",
            tracking_number="VAN-1",
            lines=[ShipLine(line_no=line.line_no, quantity=Decimal(1))],
        )
        event = services.tracking_event_add(
            actor=actor, shipment_id=shipment.pk, event=services.ManualEvent(type="picked_up")
        )
        assert event.document_id is None
    assert TradeDocument.objects.filter(kind="tracking_update").count() == 0


def test_the_protocol_body_is_read_as_sent(trade):
    """The webhook reads the raw body it verified: JSON re-encoded differently fails the signature."""
    client = trade.supplier.client
    _, secret = carrier_account(client)
    body = json.dumps(
        {
            "event_id": "e",
            "tracking_number": "SF1234567890",
            "type": "picked_up",
            "occurred_at": timezone.now().isoformat(),
        }
    ).encode()
    from tenants.supplychain.tracking.adapters import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign

    stamp = str(int(time.time()))
    response = client.post(
        "/api/supplychain/carriers/sf-express/webhook/",
        data=body.replace(b", ", b","),
        content_type="application/json",
        **{
            meta(TIMESTAMP_HEADER): stamp,
            meta(SIGNATURE_HEADER): sign(secret=secret, timestamp=stamp, body=body),
        },
    )
    assert response.status_code == 401


def test_the_beat_task_sweeps_every_company(buyer, supplier):
    from hansa.celery import app
    from tenants.supplychain.tracking.tasks import tracking_late_sweep_task

    assert (
        app.conf.beat_schedule["supplychain.tracking_late_sweep"]["task"] == "supplychain.tracking_late_sweep"
    )
    trade_make(buyer, supplier, promised=timezone.localdate() - timedelta(days=2))
    assert tracking_late_sweep_task() == 1
    f.deliver()
    assert tracking_late_sweep_task() == 0
    assert [n.payload["reason"] for n in _late_notes(supplier.company)] == ["not_delivered"]
    assert [n.payload["reason"] for n in _late_notes(buyer.company)] == ["not_delivered"]
