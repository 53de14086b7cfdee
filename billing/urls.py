"""Routes of billing: the company's billing page on its host, the plan list on the public host (included
by hansa.urls_tenant and hansa.urls_public)."""

from django.urls import path

from billing import api

tenant_patterns = [
    path("api/billing/", api.OverviewView.as_view(), name="billing"),
    path("api/billing/plans/", api.PlanListView.as_view(), name="billing-plans"),
    path("api/billing/usage/", api.UsageView.as_view(), name="billing-usage"),
    path("api/billing/usage/history/", api.UsageHistoryView.as_view(), name="billing-usage-history"),
    path(
        "api/billing/subscription/change-plan/",
        api.ChangePlanView.as_view(),
        name="billing-change-plan",
    ),
    path("api/billing/subscription/convert/", api.ConvertView.as_view(), name="billing-convert"),
    path("api/billing/subscription/cancel/", api.CancelView.as_view(), name="billing-cancel"),
    path("api/billing/subscription/resume/", api.ResumeView.as_view(), name="billing-resume"),
    path(
        "api/billing/subscription/events/",
        api.SubscriptionEventListView.as_view(),
        name="billing-events",
    ),
]

public_patterns = [
    path("api/plans/", api.PublicPlanListView.as_view(), name="plans"),
]
