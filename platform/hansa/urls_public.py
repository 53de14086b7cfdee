"""URLconf of the public host (HANSA_BASE_DOMAIN): sign-up, sign-in, operator console."""

from django.urls import path

from billing.urls import public_patterns as billing_patterns
from console.api import (
    CompanyAuditView,
    CompanyChangePlanView,
    CompanyDetailView,
    CompanyExtendTrialView,
    FleetListView,
    FleetStatusView,
    PlatformAuditView,
)
from console.api_billing import PlanListView, PlanMigrateView, PlanVersionCreateView, RevenueView
from console.api_tenantdata import tenantdata_patterns as console_tenantdata_patterns
from hansa.urls_common import common_patterns
from identity.api.account import MeView, PublicSignInView
from marketplace.catalog.urls import public_patterns as catalog_patterns
from marketplace.directory.urls import public_patterns as directory_patterns
from tenants.api import SignupView, SlugCheckView

urlpatterns = common_patterns(
    [
        path("api/signup/", SignupView.as_view(), name="signup"),
        path("api/signup/slug-check/", SlugCheckView.as_view(), name="signup-slug-check"),
        path("api/signin/", PublicSignInView.as_view(), name="public-signin"),
        path("api/me/", MeView.as_view(), name="me"),
        path("api/console/companies/", FleetListView.as_view(), name="console-companies"),
        path("api/console/audit/", PlatformAuditView.as_view(), name="console-audit"),
        path(
            "api/console/companies/<int:company_id>/status/",
            FleetStatusView.as_view(),
            name="console-company-status",
        ),
        path(
            "api/console/companies/<int:company_id>/audit/",
            CompanyAuditView.as_view(),
            name="console-company-audit",
        ),
        path("api/console/companies/<int:company_id>/", CompanyDetailView.as_view(), name="console-company"),
        path(
            "api/console/companies/<int:company_id>/change-plan/",
            CompanyChangePlanView.as_view(),
            name="console-company-change-plan",
        ),
        path(
            "api/console/companies/<int:company_id>/extend-trial/",
            CompanyExtendTrialView.as_view(),
            name="console-company-extend-trial",
        ),
        path("api/console/plans/", PlanListView.as_view(), name="console-plans"),
        path(
            "api/console/plans/<int:plan_id>/versions/",
            PlanVersionCreateView.as_view(),
            name="console-plan-versions",
        ),
        path(
            "api/console/plans/<int:plan_id>/migrate/", PlanMigrateView.as_view(), name="console-plan-migrate"
        ),
        path("api/console/revenue/", RevenueView.as_view(), name="console-revenue"),
        *directory_patterns,
        *catalog_patterns,
        *billing_patterns,
        *console_tenantdata_patterns,
    ],
    host="public",
)

handler404 = "kernel.errors.api_not_found"
handler500 = "kernel.errors.api_server_error"
