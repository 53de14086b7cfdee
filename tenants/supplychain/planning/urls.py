"""Tenant API of supply-chain planning (under /api/supplychain/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from tenants.supplychain.planning import api

tenant_patterns: list[URLPattern] = [
    path("api/supplychain/forecasts/", api.ForecastListView.as_view(), name="planning-forecasts"),
    path(
        "api/supplychain/forecasts/<int:forecast_id>/",
        api.ForecastDetailView.as_view(),
        name="planning-forecast",
    ),
    path(
        "api/supplychain/forecasts/<int:forecast_id>/versions/",
        api.VersionListView.as_view(),
        name="planning-forecast-versions",
    ),
    path(
        "api/supplychain/forecasts/<int:forecast_id>/versions/<int:version>/",
        api.VersionDetailView.as_view(),
        name="planning-forecast-version",
    ),
    path(
        "api/supplychain/forecasts/<int:forecast_id>/versions/<int:version>/diff/",
        api.VersionDiffView.as_view(),
        name="planning-forecast-version-diff",
    ),
    path(
        "api/supplychain/forecasts/<int:forecast_id>/import/",
        api.ForecastImportView.as_view(),
        name="planning-forecast-import",
    ),
    path(
        "api/supplychain/forecasts/<int:forecast_id>/derive/",
        api.ForecastDeriveView.as_view(),
        name="planning-forecast-derive",
    ),
    path(
        "api/supplychain/forecasts/<int:forecast_id>/commitments/",
        api.CommitmentListView.as_view(),
        name="planning-commitments",
    ),
    path(
        "api/supplychain/forecast-commitments/<int:commitment_id>/",
        api.CommitmentDetailView.as_view(),
        name="planning-commitment",
    ),
    path(
        "api/supplychain/forecast-commitments/<int:commitment_id>/schedule/",
        api.CommitmentScheduleView.as_view(),
        name="planning-commitment-schedule",
    ),
]
