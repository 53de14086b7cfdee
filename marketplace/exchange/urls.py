"""Routes of the trade exchange on a company's host (included by hansa.urls_tenant)."""

from django.urls import path

from marketplace.exchange import api

tenant_patterns = [
    path("api/trade-documents/", api.TradeDocumentListView.as_view(), name="trade-documents"),
    path(
        "api/trade-documents/<uuid:document_id>/",
        api.TradeDocumentDetailView.as_view(),
        name="trade-document",
    ),
    path("api/trading-partners/", api.TradingPartnerListView.as_view(), name="trading-partners"),
]
