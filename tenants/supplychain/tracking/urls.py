"""Tenant API of supply-chain tracking (under /api/supplychain/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from tenants.supplychain.tracking import api

tenant_patterns: list[URLPattern] = [
    path(
        "api/supplychain/carrier-accounts/",
        api.CarrierAccountListCreateView.as_view(),
        name="supplychain-carrier-accounts",
    ),
    path(
        "api/supplychain/carrier-accounts/<int:carrier_account_id>/",
        api.CarrierAccountDetailView.as_view(),
        name="supplychain-carrier-account",
    ),
    path(
        "api/supplychain/carrier-accounts/<int:carrier_account_id>/rotate-secret/",
        api.CarrierAccountRotateSecretView.as_view(),
        name="supplychain-carrier-account-rotate",
    ),
    path(
        "api/supplychain/carriers/<str:carrier_code>/webhook/",
        api.CarrierWebhookView.as_view(),
        name="supplychain-carrier-webhook",
    ),
    path(
        "api/supplychain/shipments/<int:shipment_id>/tracking/",
        api.ShipmentTrackingView.as_view(),
        name="supplychain-shipment-tracking",
    ),
    path(
        "api/supplychain/shipments/<int:shipment_id>/tracking/events/",
        api.ShipmentEventCreateView.as_view(),
        name="supplychain-shipment-tracking-events",
    ),
    path(
        "api/supplychain/sales-orders/<int:order_id>/tracking/",
        api.SalesOrderTrackingView.as_view(),
        name="supplychain-sales-order-tracking",
    ),
    path(
        "api/supplychain/purchase-orders/<int:order_id>/tracking/",
        api.PurchaseOrderTrackingView.as_view(),
        name="supplychain-purchase-order-tracking",
    ),
]
