"""Routes of procurement on a company's host (included by hansa.urls_tenant)."""

from django.urls import path

from tenants.procurement.api import approvals, orders, rates

tenant_patterns = [
    path("api/purchase-orders/", orders.PurchaseOrderListCreateView.as_view(), name="purchase-orders"),
    path(
        "api/purchase-orders/from-award/", orders.FromAwardView.as_view(), name="purchase-orders-from-award"
    ),
    path(
        "api/purchase-orders/<int:order_id>/", orders.PurchaseOrderDetailView.as_view(), name="purchase-order"
    ),
    path("api/purchase-orders/<int:order_id>/submit/", orders.SubmitView.as_view(), name="po-submit"),
    path("api/purchase-orders/<int:order_id>/approve/", orders.ApproveView.as_view(), name="po-approve"),
    path("api/purchase-orders/<int:order_id>/reject/", orders.RejectView.as_view(), name="po-reject"),
    path("api/purchase-orders/<int:order_id>/send/", orders.SendView.as_view(), name="po-send"),
    path(
        "api/purchase-orders/<int:order_id>/acknowledge/",
        orders.AcknowledgeView.as_view(),
        name="po-acknowledge",
    ),
    path("api/purchase-orders/<int:order_id>/cancel/", orders.CancelView.as_view(), name="po-cancel"),
    path("api/purchase-orders/<int:order_id>/close/", orders.CloseView.as_view(), name="po-close"),
    path("api/purchase-orders/<int:order_id>/receive/", orders.ReceiveView.as_view(), name="po-receive"),
    path(
        "api/purchase-orders/<int:order_id>/receipts/", orders.ReceiptListView.as_view(), name="po-receipts"
    ),
    path("api/purchase-orders/<int:order_id>/timeline/", orders.TimelineView.as_view(), name="po-timeline"),
    path("api/purchase-orders/<int:order_id>/pdf/", orders.PdfView.as_view(), name="po-pdf"),
    path("api/purchase-orders/<int:order_id>/changes/", orders.ChangeListView.as_view(), name="po-changes"),
    path(
        "api/purchase-orders/<int:order_id>/changes/<uuid:change_id>/accept/",
        orders.ChangeAcceptView.as_view(),
        name="po-change-accept",
    ),
    path(
        "api/purchase-orders/<int:order_id>/changes/<uuid:change_id>/reject/",
        orders.ChangeRejectView.as_view(),
        name="po-change-reject",
    ),
    path(
        "api/purchase-orders/<int:order_id>/settlements/",
        orders.SettlementListView.as_view(),
        name="po-settlements",
    ),
    path("api/exchange-rates/", rates.ExchangeRateListView.as_view(), name="exchange-rates"),
    path("api/exchange-rates/<int:rate_id>/", rates.ExchangeRateDetailView.as_view(), name="exchange-rate"),
    path("api/procurement-settings/", rates.ProcurementSettingsView.as_view(), name="procurement-settings"),
    path("api/approvals/inbox/", approvals.ApprovalInboxView.as_view(), name="approvals-inbox"),
    path("api/approval-rules/", approvals.ApprovalRuleListView.as_view(), name="approval-rules"),
    path(
        "api/approval-rules/<int:rule_id>/", approvals.ApprovalRuleDetailView.as_view(), name="approval-rule"
    ),
    path("api/departments/", approvals.DepartmentListView.as_view(), name="departments"),
    path("api/departments/<int:department_id>/", approvals.DepartmentDetailView.as_view(), name="department"),
    path(
        "api/departments/members/<int:user_id>/",
        approvals.MemberDepartmentView.as_view(),
        name="department-member",
    ),
    path("api/approval-delegations/", approvals.DelegationListView.as_view(), name="approval-delegations"),
    path(
        "api/approval-delegations/<int:delegation_id>/revoke/",
        approvals.DelegationRevokeView.as_view(),
        name="approval-delegation-revoke",
    ),
]
