"""The kinds of trade document. Values are published (they travel in documents): never change them."""

from __future__ import annotations

from django.db import models


class DocumentKind(models.TextChoices):
    PURCHASE_ORDER = "purchase_order", "Purchase order"
    ORDER_RESPONSE = "order_response", "Order response"
    CHANGE_REQUEST = "change_request", "Change request"
    CHANGE_RESPONSE = "change_response", "Change response"
    DISPATCH_ADVICE = "dispatch_advice", "Dispatch advice"
    RECEIPT_ADVICE = "receipt_advice", "Receipt advice"
    CANCELLATION = "cancellation", "Cancellation"
    REJECTION_SETTLEMENT = "rejection_settlement", "Rejection settlement (replacement, return, short-close)"
    SETTLEMENT_RESPONSE = "settlement_response", "Settlement response"
    INVOICE = "invoice", "Invoice"
    CREDIT_NOTE = "credit_note", "Credit note"
    DEBIT_NOTE = "debit_note", "Debit note"
    INVOICE_RESPONSE = "invoice_response", "Invoice response (approved or rejected by the buyer)"
    REMITTANCE_ADVICE = "remittance_advice", "Remittance advice (payment of invoices)"
    BILL_ENDORSEMENT = "bill_endorsement", "Commercial bill endorsed in payment"
    REPLENISHMENT_PROPOSAL = "replenishment_proposal", "Replenishment proposal (vendor-managed inventory)"
    REPLENISHMENT_RESPONSE = (
        "replenishment_response",
        "Replenishment response (accepted or declined by the buyer)",
    )
    FORECAST = "forecast", "Forecast (quantities per item and week, one version)"
    FORECAST_COMMITMENT = (
        "forecast_commitment",
        "Commitment to a forecast (the supplier's quantities per week)",
    )
    TRACKING_UPDATE = "tracking_update", "Shipment tracking update (events and ETA)"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"
    WAITING = "waiting", "Waiting for the document it refers to"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed (will be retried)"


SCHEMA_VERSION = 1

# What each kind may refer to (None: must not refer to anything).
REFERS_TO_KINDS: dict[str, tuple[str, ...] | None] = {
    DocumentKind.PURCHASE_ORDER: None,
    DocumentKind.ORDER_RESPONSE: (DocumentKind.PURCHASE_ORDER,),
    DocumentKind.CHANGE_REQUEST: (DocumentKind.PURCHASE_ORDER,),
    DocumentKind.CHANGE_RESPONSE: (DocumentKind.CHANGE_REQUEST, DocumentKind.ORDER_RESPONSE),
    DocumentKind.DISPATCH_ADVICE: (DocumentKind.PURCHASE_ORDER,),
    DocumentKind.RECEIPT_ADVICE: (DocumentKind.PURCHASE_ORDER,),
    DocumentKind.CANCELLATION: (DocumentKind.PURCHASE_ORDER,),
    DocumentKind.REJECTION_SETTLEMENT: (DocumentKind.PURCHASE_ORDER,),
    DocumentKind.SETTLEMENT_RESPONSE: (DocumentKind.REJECTION_SETTLEMENT,),
    DocumentKind.INVOICE: (DocumentKind.PURCHASE_ORDER,),
    DocumentKind.CREDIT_NOTE: (DocumentKind.PURCHASE_ORDER,),
    DocumentKind.DEBIT_NOTE: (DocumentKind.PURCHASE_ORDER,),
    DocumentKind.INVOICE_RESPONSE: (DocumentKind.INVOICE,),
    # Settlement: both refer to (the first of) the invoice documents they pay.
    DocumentKind.REMITTANCE_ADVICE: (DocumentKind.INVOICE,),
    DocumentKind.BILL_ENDORSEMENT: (DocumentKind.INVOICE,),
    # Supply-chain collaboration.
    DocumentKind.REPLENISHMENT_PROPOSAL: None,
    DocumentKind.REPLENISHMENT_RESPONSE: (DocumentKind.REPLENISHMENT_PROPOSAL,),
    DocumentKind.FORECAST: None,
    DocumentKind.FORECAST_COMMITMENT: (DocumentKind.FORECAST,),
    # Refers to the purchase order the shipment's dispatch advice refers to.
    DocumentKind.TRACKING_UPDATE: (DocumentKind.PURCHASE_ORDER,),
}
