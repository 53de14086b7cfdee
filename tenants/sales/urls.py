"""Routes of sales on a company's host (included by hansa.urls_tenant)."""

from django.urls import path

from tenants.sales.api import customers, fulfilment, orders

ORDER = "api/sales-orders/<int:order_id>/"

tenant_patterns = [
    path("api/sales-orders/", orders.SalesOrderListCreateView.as_view(), name="sales-orders"),
    path(ORDER, orders.SalesOrderDetailView.as_view(), name="sales-order"),
    path(f"{ORDER}accept/", orders.SalesOrderAcceptView.as_view(), name="sales-order-accept"),
    path(f"{ORDER}reject/", orders.SalesOrderRejectView.as_view(), name="sales-order-reject"),
    path(f"{ORDER}propose/", orders.SalesOrderProposeView.as_view(), name="sales-order-propose"),
    path(f"{ORDER}cancel/", orders.SalesOrderCancelView.as_view(), name="sales-order-cancel"),
    path(f"{ORDER}timeline/", orders.SalesOrderTimelineView.as_view(), name="sales-order-timeline"),
    path(f"{ORDER}stock-check/", orders.SalesOrderStockCheckView.as_view(), name="sales-order-stock-check"),
    path(f"{ORDER}amendments/", orders.SalesAmendmentListCreateView.as_view(), name="sales-order-amendments"),
    path(
        f"{ORDER}amendments/<int:amendment_id>/accept/",
        orders.SalesAmendmentAcceptView.as_view(),
        name="sales-order-amendment-accept",
    ),
    path(
        f"{ORDER}amendments/<int:amendment_id>/reject/",
        orders.SalesAmendmentRejectView.as_view(),
        name="sales-order-amendment-reject",
    ),
    path(f"{ORDER}settlements/", orders.SalesSettlementListView.as_view(), name="sales-order-settlements"),
    path(
        f"{ORDER}settlements/<int:settlement_id>/accept/",
        orders.SalesSettlementAcceptView.as_view(),
        name="sales-order-settlement-accept",
    ),
    path(
        f"{ORDER}settlements/<int:settlement_id>/decline/",
        orders.SalesSettlementDeclineView.as_view(),
        name="sales-order-settlement-decline",
    ),
    path(f"{ORDER}shipments/", orders.SalesShipmentListCreateView.as_view(), name="sales-order-shipments"),
    path("api/shipments/", fulfilment.ShipmentListView.as_view(), name="shipments"),
    path("api/work-orders/", fulfilment.WorkOrderListView.as_view(), name="work-orders"),
    path(
        "api/work-orders/<int:work_order_id>/start/",
        fulfilment.WorkOrderStartView.as_view(),
        name="work-order-start",
    ),
    path(
        "api/work-orders/<int:work_order_id>/complete/",
        fulfilment.WorkOrderCompleteView.as_view(),
        name="work-order-complete",
    ),
    path("api/back-orders/", fulfilment.BackOrderListView.as_view(), name="back-orders"),
    path(
        "api/back-orders/<int:back_order_id>/allocate/",
        fulfilment.BackOrderAllocateView.as_view(),
        name="back-order-allocate",
    ),
    path("api/customers/", customers.CustomerListCreateView.as_view(), name="customers"),
    path("api/customers/<int:customer_id>/", customers.CustomerDetailView.as_view(), name="customer"),
    path(
        "api/customers/<int:customer_id>/history/",
        customers.CustomerHistoryView.as_view(),
        name="customer-history",
    ),
    path(
        "api/customers/<int:customer_id>/contacts/",
        customers.CustomerContactCreateView.as_view(),
        name="customer-contacts",
    ),
    path(
        "api/customers/<int:customer_id>/contacts/<int:contact_id>/",
        customers.CustomerContactDetailView.as_view(),
        name="customer-contact",
    ),
    path("api/follow-ups/", customers.FollowUpListCreateView.as_view(), name="follow-ups"),
    path("api/follow-ups/<int:follow_up_id>/", customers.FollowUpDetailView.as_view(), name="follow-up"),
    path(
        "api/follow-ups/<int:follow_up_id>/done/", customers.FollowUpDoneView.as_view(), name="follow-up-done"
    ),
]
