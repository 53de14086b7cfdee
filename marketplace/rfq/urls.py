"""Routes of RFQs on a company's host (included by hansa.urls_tenant)."""

from django.urls import path

from marketplace.rfq.api import buyer, supplier

tenant_patterns = [
    path("api/rfqs/", buyer.RfqListCreateView.as_view(), name="rfqs"),
    path("api/rfqs/<int:rfq_id>/", buyer.RfqDetailView.as_view(), name="rfq"),
    path("api/rfqs/<int:rfq_id>/publish/", buyer.RfqPublishView.as_view(), name="rfq-publish"),
    path("api/rfqs/<int:rfq_id>/extend/", buyer.RfqExtendView.as_view(), name="rfq-extend"),
    path("api/rfqs/<int:rfq_id>/close/", buyer.RfqCloseView.as_view(), name="rfq-close"),
    path("api/rfqs/<int:rfq_id>/cancel/", buyer.RfqCancelView.as_view(), name="rfq-cancel"),
    path("api/rfqs/<int:rfq_id>/matches/", buyer.RfqMatchPreviewView.as_view(), name="rfq-matches"),
    path("api/rfqs/<int:rfq_id>/invitations/", buyer.InvitationListView.as_view(), name="rfq-invitations"),
    path(
        "api/rfqs/<int:rfq_id>/invitations/<int:supplier_id>/",
        buyer.InvitationDetailView.as_view(),
        name="rfq-invitation",
    ),
    path("api/rfqs/<int:rfq_id>/attachments/", buyer.RfqAttachmentListView.as_view(), name="rfq-attachments"),
    path(
        "api/rfqs/<int:rfq_id>/attachments/<int:attachment_id>/",
        buyer.RfqAttachmentDetailView.as_view(),
        name="rfq-attachment",
    ),
    path("api/rfqs/<int:rfq_id>/quotes/", buyer.RfqQuoteListView.as_view(), name="rfq-quotes"),
    path(
        "api/rfqs/<int:rfq_id>/quotes/<int:quote_id>/attachments/<int:attachment_id>/",
        buyer.RfqQuoteAttachmentView.as_view(),
        name="rfq-quote-attachment",
    ),
    path("api/rfqs/<int:rfq_id>/comparison/", buyer.RfqComparisonView.as_view(), name="rfq-comparison"),
    path(
        "api/rfqs/<int:rfq_id>/comparison/export/",
        buyer.RfqComparisonExportView.as_view(),
        name="rfq-comparison-export",
    ),
    path("api/rfqs/<int:rfq_id>/awards/", buyer.RfqAwardView.as_view(), name="rfq-awards"),
    path("api/rfq-screening/", buyer.ScreeningPresetView.as_view(), name="rfq-screening"),
    path("api/rfq-inbox/", supplier.InboxListView.as_view(), name="rfq-inbox"),
    path("api/rfq-inbox/<int:rfq_id>/", supplier.InboxDetailView.as_view(), name="rfq-inbox-item"),
    path(
        "api/rfq-inbox/<int:rfq_id>/attachments/<int:attachment_id>/",
        supplier.InboxAttachmentView.as_view(),
        name="rfq-inbox-attachment",
    ),
    path("api/rfq-inbox/<int:rfq_id>/quote/", supplier.QuoteView.as_view(), name="rfq-quote"),
    path(
        "api/rfq-inbox/<int:rfq_id>/quote/withdraw/",
        supplier.QuoteWithdrawView.as_view(),
        name="rfq-quote-withdraw",
    ),
    path(
        "api/rfq-inbox/<int:rfq_id>/quote/attachments/",
        supplier.QuoteAttachmentListView.as_view(),
        name="rfq-quote-attachments",
    ),
    path(
        "api/rfq-inbox/<int:rfq_id>/quote/attachments/<int:attachment_id>/",
        supplier.QuoteAttachmentDetailView.as_view(),
        name="rfq-quote-attachment-item",
    ),
]
