"""Fixtures of the tracking tests: a buyer and a supplier on Hansa that traded one purchase order, which
the supplier accepted (lines promised for a given day) and shipped with a tracking number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tenants.procurement.tests import factories as f
from tenants.procurement.tests.conftest import Company, make_party  # noqa: F401  (fixtures)


@dataclass
class Trade:
    buyer: Company
    supplier: Company
    po: Any
    so: Any
    shipment: Any


@pytest.fixture
def buyer(make_party: Any) -> Company:  # noqa: F811
    return make_party("Huaxia Machinery")


@pytest.fixture
def supplier(make_party: Any) -> Company:  # noqa: F811
    return make_party("Wuxi Bearings")


def trade_make(
    buyer: Company, supplier: Company, *, promised: date | None, tracking_number: str = "SF1234567890"
) -> Trade:
    """Buyer sends a PO to supplier, which accepts it, promises ``promised`` and ships it all."""
    from tenants.inventory.services import default_warehouse, item_create, stock_receive
    from tenants.sales import services as sales
    from tenants.sales.models import SalesOrder, SalesOrderLine
    from tenants.sales.services.shipments import ShipLine

    with supplier.ctx():
        for sku in ("BRG-1", "BRG-2"):
            item = item_create(actor=supplier.actor, sku=sku, name_zh=sku, name_en=sku, unit="pcs")
            stock_receive(
                item=item, warehouse=default_warehouse(), quantity=Decimal(100), reference="opening"
            )
    with buyer.ctx():
        po = f.sent(buyer.actor, supplier=supplier.company)
    f.deliver()
    with supplier.ctx():
        so = SalesOrder.objects.get(source_document_id=po.exchange_document_id)
        sales.order_accept(actor=supplier.actor, order_id=so.pk)
        SalesOrderLine.objects.filter(order=so).update(promised_date=promised)
        shipment = sales.shipment_create(
            actor=supplier.actor,
            order_id=so.pk,
            carrier="SF Express",
            tracking_number=tracking_number,
            lines=[ShipLine(line_no=1, quantity=Decimal(10)), ShipLine(line_no=2, quantity=Decimal(10))],
        )
    f.deliver()
    return Trade(buyer=buyer, supplier=supplier, po=po, so=so, shipment=shipment)


@pytest.fixture
def trade(buyer: Company, supplier: Company) -> Trade:
    return trade_make(buyer, supplier, promised=timezone.localdate() + timedelta(days=3))
