"""Routes of inventory on a company's host (included by hansa.urls_tenant)."""

from django.urls import path

from tenants.inventory import api
from tenants.supplychain.replenishment.api import ReorderDraftView

tenant_patterns = [
    path("api/inventory/items/", api.InventoryItemListView.as_view(), name="inventory-items"),
    path("api/inventory/items/<int:item_id>/", api.InventoryItemDetailView.as_view(), name="inventory-item"),
    path("api/inventory/warehouses/", api.InventoryWarehouseListView.as_view(), name="inventory-warehouses"),
    path(
        "api/inventory/warehouses/<int:warehouse_id>/",
        api.InventoryWarehouseDetailView.as_view(),
        name="inventory-warehouse",
    ),
    path(
        "api/inventory/stock-levels/",
        api.InventoryStockLevelListView.as_view(),
        name="inventory-stock-levels",
    ),
    path("api/inventory/ledger/", api.InventoryLedgerListView.as_view(), name="inventory-ledger"),
    path(
        "api/inventory/reservations/",
        api.InventoryReservationListView.as_view(),
        name="inventory-reservations",
    ),
    path(
        "api/inventory/reorder-list/", api.InventoryReorderListView.as_view(), name="inventory-reorder-list"
    ),
    # Drafting a purchase order from picked rows lives with replenishment (it writes through procurement).
    path(
        "api/inventory/reorder-list/purchase-order/",
        ReorderDraftView.as_view(),
        name="inventory-reorder-list-purchase-order",
    ),
    path("api/inventory/receipts/", api.StockReceiveView.as_view(), name="inventory-receipts"),
    path("api/inventory/issues/", api.StockIssueView.as_view(), name="inventory-issues"),
    path("api/inventory/adjustments/", api.StockAdjustView.as_view(), name="inventory-adjustments"),
    path("api/inventory/transfers/", api.StockTransferView.as_view(), name="inventory-transfers"),
    # The link lives with inventory (which may call the catalog; the catalog never reads a workspace).
    path(
        "api/catalog/listings/<int:listing_id>/stock-link/",
        api.ListingStockLinkView.as_view(),
        name="catalog-listing-stock-link",
    ),
]
