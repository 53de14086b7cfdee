"""Routes of cost accounting on a company's host (included by tenants.finance.urls)."""

from django.urls import path

from tenants.finance.api import cost

tenant_patterns = [
    path("api/finance/cost/settings/", cost.CostSettingsView.as_view(), name="finance-cost-settings"),
    path("api/finance/cost/items/", cost.ItemCostListView.as_view(), name="finance-item-costs"),
    path("api/finance/cost/movements/", cost.CostMovementListView.as_view(), name="finance-cost-movements"),
    path("api/finance/cost/receipts/", cost.CostReceiptListView.as_view(), name="finance-cost-receipts"),
    path("api/finance/cost/landed-costs/", cost.LandedCostListView.as_view(), name="finance-landed-costs"),
    path(
        "api/finance/cost/work-orders/", cost.WorkOrderCostListView.as_view(), name="finance-work-order-costs"
    ),
    path(
        "api/finance/cost/work-orders/<int:work_order_id>/",
        cost.WorkOrderCostDetailView.as_view(),
        name="finance-work-order-cost",
    ),
    path(
        "api/finance/cost/work-orders/<int:work_order_id>/materials/",
        cost.WorkOrderMaterialView.as_view(),
        name="finance-work-order-materials",
    ),
    path(
        "api/finance/cost/work-orders/<int:work_order_id>/labour/",
        cost.WorkOrderLabourView.as_view(),
        name="finance-work-order-labour",
    ),
    path(
        "api/finance/cost/shipment-costs/", cost.ShipmentCostListView.as_view(), name="finance-shipment-costs"
    ),
    path("api/finance/cost/margins/", cost.MarginListView.as_view(), name="finance-margins"),
    path("api/finance/cost/report/", cost.CostReportView.as_view(), name="finance-cost-report"),
]
