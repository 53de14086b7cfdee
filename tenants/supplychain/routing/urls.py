"""Tenant API of supply-chain routing (under /api/supplychain/routing/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from tenants.supplychain.routing import api

tenant_patterns: list[URLPattern] = [
    path("api/supplychain/routing/sites/", api.SiteListView.as_view(), name="supplychain-routing-sites"),
    path(
        "api/supplychain/routing/sites/<int:site_id>/",
        api.SiteDetailView.as_view(),
        name="supplychain-routing-site",
    ),
    path("api/supplychain/routing/depots/", api.DepotListView.as_view(), name="supplychain-routing-depots"),
    path(
        "api/supplychain/routing/depots/<int:depot_id>/",
        api.DepotDetailView.as_view(),
        name="supplychain-routing-depot",
    ),
    path(
        "api/supplychain/routing/vehicles/",
        api.VehicleListView.as_view(),
        name="supplychain-routing-vehicles",
    ),
    path(
        "api/supplychain/routing/vehicles/<int:vehicle_id>/",
        api.VehicleDetailView.as_view(),
        name="supplychain-routing-vehicle",
    ),
    path(
        "api/supplychain/routing/deliveries/",
        api.DeliveryListView.as_view(),
        name="supplychain-routing-deliveries",
    ),
    path("api/supplychain/routing/plans/", api.RoutePlanListView.as_view(), name="supplychain-routing-plans"),
    path(
        "api/supplychain/routing/plans/<int:route_plan_id>/",
        api.RoutePlanDetailView.as_view(),
        name="supplychain-routing-plan",
    ),
]
