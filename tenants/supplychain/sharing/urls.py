"""Tenant API of supply-chain sharing (under /api/supplychain/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from tenants.supplychain.sharing import api

tenant_patterns: list[URLPattern] = [
    path("api/supplychain/grants/", api.ShareGrantListView.as_view(), name="supplychain-grants"),
    path(
        "api/supplychain/grants/<int:grant_id>/", api.ShareGrantDetailView.as_view(), name="supplychain-grant"
    ),
    path(
        "api/supplychain/grants/<int:grant_id>/revoke/",
        api.ShareGrantRevokeView.as_view(),
        name="supplychain-grant-revoke",
    ),
    path(
        "api/supplychain/received-grants/",
        api.ReceivedGrantListView.as_view(),
        name="supplychain-received-grants",
    ),
    path(
        "api/supplychain/received-grants/<int:grant_id>/",
        api.ReceivedGrantDetailView.as_view(),
        name="supplychain-received-grant",
    ),
    path("api/supplychain/shared-stock/", api.SharedStockListView.as_view(), name="supplychain-shared-stock"),
]
