"""Writes of sales: every state change of an order, a shipment, an amendment, a customer or a follow-up."""

from tenants.sales.services.amendments import (
    amendment_accept,
    amendment_propose,
    amendment_reject,
    change_request_received,
    change_response_received,
)
from tenants.sales.services.common import LineTerms
from tenants.sales.services.customers import (
    contact_add,
    contact_remove,
    contact_update,
    customer_create,
    customer_for_buyer,
    customer_update,
    follow_up_create,
    follow_up_done,
    follow_up_reminders_send,
    follow_up_update,
)
from tenants.sales.services.fulfilment import (
    Shortfall,
    back_order_allocate,
    work_order_complete,
    work_order_start,
)
from tenants.sales.services.orders import (
    ManualLine,
    cancellation_received,
    manual_order_create,
    manual_order_update,
    order_accept,
    order_cancel,
    order_from_purchase_order,
    order_propose,
    order_reject,
)
from tenants.sales.services.settlements import (
    settlement_accept,
    settlement_decline,
    settlement_received,
)
from tenants.sales.services.shipments import ShipLine, receipt_received, shipment_create

__all__ = [
    "LineTerms",
    "ManualLine",
    "ShipLine",
    "Shortfall",
    "amendment_accept",
    "amendment_propose",
    "amendment_reject",
    "back_order_allocate",
    "cancellation_received",
    "change_request_received",
    "change_response_received",
    "contact_add",
    "contact_remove",
    "contact_update",
    "customer_create",
    "customer_for_buyer",
    "customer_update",
    "follow_up_create",
    "follow_up_done",
    "follow_up_reminders_send",
    "follow_up_update",
    "manual_order_create",
    "manual_order_update",
    "order_accept",
    "order_cancel",
    "order_from_purchase_order",
    "order_propose",
    "order_reject",
    "receipt_received",
    "settlement_accept",
    "settlement_decline",
    "settlement_received",
    "shipment_create",
    "work_order_complete",
    "work_order_start",
]
