"""URLconf of a company's host (<slug>.HANSA_BASE_DOMAIN): the workspace API."""

from django.urls import path

from billing.urls import tenant_patterns as billing_patterns
from hansa.urls_common import common_patterns
from identity.api import access
from identity.api.account import HandoffView, MeView
from marketplace.catalog.urls import tenant_patterns as catalog_patterns
from marketplace.directory.urls import tenant_patterns as directory_patterns
from marketplace.exchange.urls import tenant_patterns as exchange_patterns
from marketplace.rfq.urls import tenant_patterns as rfq_patterns
from notifications.urls import tenant_patterns as notification_patterns
from tenantdata.api import tenant_patterns as tenantdata_patterns
from tenants.api import CompanySettingsView
from tenants.finance.urls import tenant_patterns as finance_patterns
from tenants.inventory.urls import tenant_patterns as inventory_patterns
from tenants.procurement.urls import tenant_patterns as procurement_patterns
from tenants.sales.urls import tenant_patterns as sales_patterns
from tenants.supplychain.urls import tenant_patterns as supplychain_patterns

urlpatterns = common_patterns(
    [
        path("api/me/", MeView.as_view(), name="me"),
        path("api/session/handoff/", HandoffView.as_view(), name="session-handoff"),
        path("api/company/", CompanySettingsView.as_view(), name="company"),
        *tenantdata_patterns,
        path("api/roles/", access.RoleListView.as_view(), name="roles"),
        path("api/members/", access.MemberListView.as_view(), name="members"),
        path("api/members/<int:member_id>/", access.MemberDetailView.as_view(), name="member"),
        path("api/invitations/", access.InvitationListCreateView.as_view(), name="invitations"),
        path("api/invitations/lookup/", access.InvitationLookupView.as_view(), name="invitation-lookup"),
        path("api/invitations/accept/", access.InvitationAcceptView.as_view(), name="invitation-accept"),
        path(
            "api/invitations/<int:invitation_id>/resend/",
            access.InvitationResendView.as_view(),
            name="invitation-resend",
        ),
        path(
            "api/invitations/<int:invitation_id>/revoke/",
            access.InvitationRevokeView.as_view(),
            name="invitation-revoke",
        ),
        path("api/api-keys/", access.ApiKeyListCreateView.as_view(), name="api-keys"),
        path("api/api-keys/<int:key_id>/", access.ApiKeyRevokeView.as_view(), name="api-key"),
        path("api/audit/", access.AuditListView.as_view(), name="audit"),
        *rfq_patterns,
        *notification_patterns,
        *directory_patterns,
        *catalog_patterns,
        *exchange_patterns,
        *inventory_patterns,
        *procurement_patterns,
        *sales_patterns,
        *billing_patterns,
        *finance_patterns,
        *supplychain_patterns,
    ],
    host="tenant",
)

handler404 = "kernel.errors.api_not_found"
handler500 = "kernel.errors.api_server_error"
