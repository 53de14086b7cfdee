"""Real threads against the real database: the same carrier delivery arriving twice at the same moment.

Not ``django_db(transaction=True)`` (its closing flush would empty the warm pool of tenant schemas): the
test runs in autocommit with one supplier signed up for real, and afterwards closes it and puts a fresh
schema back into the pool (as tenants/sales/tests/test_concurrency.py does).
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from conftest import unique
from kernel.tenancy import company_context
from tenants.sales import services as sales
from tenants.sales.services.shipments import ShipLine
from tenants.sales.tests import factories as sf
from tenants.sales.tests.test_concurrency import run_together
from tenants.services import company_signup
from tenants.supplychain.tracking import services
from tenants.supplychain.tracking.adapters import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
from tenants.supplychain.tracking.models import ShipmentTracking, TrackingEvent

ROUNDS = 4


@pytest.fixture
def committed(django_db_setup: Any, django_db_blocker: Any, signup_payload: Any) -> Any:
    from tenants.models import Company, CompanyStatus
    from tenants.services import pool_add_schema

    with django_db_blocker.unblock():
        # The session's pool refill may leave the connection on the last schema it built.
        connection.set_schema_to_public()
        result = company_signup(**signup_payload(slug=unique("trackrace")))
        try:
            yield result.company, sf.actor_for(result.company, result.user)
        finally:
            connection.set_schema_to_public()
            Company.objects.filter(pk=result.company.pk).update(status=CompanyStatus.CLOSED)
            pool_add_schema()


def test_one_delivery_posted_twice_at_once_records_one_event(committed):
    company, actor = committed
    sf.stock(company, "SKU-1", "100")
    with company_context(company):
        order = sf.manual_order(actor)
        sales.order_accept(actor=actor, order_id=order.pk)
        made = services.carrier_account_create(
            actor=actor, code="race", name="Race Freight", adapter="generic_json"
        )
    shipments = []
    for round_no in range(ROUNDS):
        with company_context(company):
            shipments.append(
                sales.shipment_create(
                    actor=actor,
                    order_id=order.pk,
                    carrier="Race Freight",
                    tracking_number=f"RACE-{round_no}",
                    lines=[ShipLine(line_no=1, quantity=Decimal(1))],
                )
            )
    for round_no, shipment in enumerate(shipments):
        body = json.dumps(
            {
                "event_id": f"race-evt-{round_no}",
                "tracking_number": shipment.tracking_number,
                "type": "in_transit",
                "occurred_at": "2026-12-05T08:00:00+00:00",
            }
        ).encode()
        stamp = str(int(time.time()))
        headers = {
            TIMESTAMP_HEADER: stamp,
            SIGNATURE_HEADER: sign(secret=made.secret, timestamp=stamp, body=body),
        }

        def deliver(body: bytes = body, headers: dict[str, str] = headers) -> str:
            with company_context(company):
                return services.carrier_webhook_receive(
                    carrier_code="race", body=body, headers=headers
                ).outcome

        outcomes = run_together(deliver, deliver)
        assert sorted(outcomes) == ["duplicate", "recorded"], outcomes
        with company_context(company):
            assert TrackingEvent.objects.filter(tracking__shipment_id=shipment.pk).count() == 1
            assert ShipmentTracking.objects.get(shipment_id=shipment.pk).status == "in_transit"
