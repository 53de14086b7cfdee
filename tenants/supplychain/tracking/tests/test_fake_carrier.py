"""The whole webhook path over real HTTP: a fake carrier server (a thread speaking the documented
protocol) posts signed events to the live server on the supplier's host; the buyer sees them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from tenants.procurement.tests import factories as f
from tenants.supplychain.tracking.models import InboundTracking, TrackingEvent
from tenants.supplychain.tracking.tests.carrier import FakeCarrier, drive
from tenants.supplychain.tracking.tests.conftest import trade_make
from tenants.supplychain.tracking.tests.helpers import carrier_account


@pytest.fixture
def live(live_server: Any, settings: Any) -> int:
    port = urlsplit(live_server.url).port
    assert port is not None
    settings.HANSA_BASE_DOMAIN = f"localhost:{port}"
    settings.HANSA_SCHEME = "http"
    return port


@pytest.mark.django_db(transaction=True)
def test_a_carrier_server_posts_signed_events_over_http(live, buyer, supplier):
    trade = trade_make(buyer, supplier, promised=timezone.localdate() + timedelta(days=2))
    account, secret = carrier_account(supplier.client, "fastfreight")
    url = account["webhook_url"]
    assert url.startswith(f"http://{supplier.company.slug}.localhost:{live}/")
    # The server listens on the loopback address; the Host header names the company.
    path = urlsplit(url).path
    with FakeCarrier(
        webhook_url=f"http://127.0.0.1:{live}{path}", secret=secret, host=urlsplit(url).netloc
    ) as carrier:
        now = timezone.now()
        picked = drive(
            carrier.url,
            "/scan",
            {"tracking_number": "SF1234567890", "type": "picked_up", "occurred_at": now.isoformat()},
        )
        assert picked["webhook_status"] == 200, picked
        assert picked["webhook_answer"]["outcome"] == "recorded"
        moving = drive(
            carrier.url,
            "/scan",
            {
                "tracking_number": "SF1234567890",
                "type": "in_transit",
                "occurred_at": now.isoformat(),
                "location": "Suzhou hub",
                "latitude": 31.2989,
                "longitude": 120.5853,
                "eta": (now + timedelta(days=1)).isoformat(),
            },
        )
        assert moving["webhook_answer"]["outcome"] == "recorded"
        replayed = drive(carrier.url, "/replay")
        assert replayed["webhook_status"] == 200
        assert replayed["webhook_answer"]["outcome"] == "duplicate"
        tampered = drive(
            carrier.url,
            "/scan",
            {
                "tracking_number": "SF1234567890",
                "type": "delivered",
                "occurred_at": now.isoformat(),
                "tamper": True,
            },
        )
        assert tampered["webhook_status"] == 401
        assert tampered["webhook_answer"]["code"] == "tracking_webhook_signature_invalid"
        stale = drive(
            carrier.url,
            "/scan",
            {
                "tracking_number": "SF1234567890",
                "type": "delivered",
                "occurred_at": now.isoformat(),
                "stale": True,
            },
        )
        assert stale["webhook_answer"]["code"] == "tracking_webhook_timestamp_out_of_tolerance"
        unknown = drive(
            carrier.url,
            "/scan",
            {"tracking_number": "NOT-OURS", "type": "delivered", "occurred_at": now.isoformat()},
        )
        assert (unknown["webhook_status"], unknown["webhook_answer"]["code"]) == (
            404,
            "tracking_shipment_not_found",
        )
    with supplier.ctx():
        assert list(TrackingEvent.objects.order_by("id").values_list("type", flat=True)) == [
            "picked_up",
            "in_transit",
        ]
    f.deliver()
    with buyer.ctx():
        tracking = InboundTracking.objects.get(order=trade.po)
        assert tracking.status == "in_transit"
        assert tracking.eta is not None
        assert sorted(tracking.events.values_list("type", flat=True)) == ["in_transit", "picked_up"]
