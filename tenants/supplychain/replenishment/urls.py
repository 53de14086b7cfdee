"""Tenant API of supply-chain replenishment (under /api/supplychain/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from tenants.supplychain.replenishment import api

P = "api/supplychain/replenishment/"

tenant_patterns: list[URLPattern] = [
    path(f"{P}policies/", api.PolicyListView.as_view(), name="replenishment-policies"),
    path(f"{P}policies/<int:policy_id>/", api.PolicyDetailView.as_view(), name="replenishment-policy"),
    path(
        f"{P}policies/<int:policy_id>/agree/",
        api.PolicyAgreeView.as_view(),
        name="replenishment-policy-agree",
    ),
    path(f"{P}run/", api.RunView.as_view(), name="replenishment-run"),
    path(f"{P}proposals/", api.ProposalListView.as_view(), name="replenishment-proposals"),
    path(f"{P}proposals/<int:proposal_id>/", api.ProposalDetailView.as_view(), name="replenishment-proposal"),
    path(f"{P}received/", api.ReceivedProposalListView.as_view(), name="replenishment-received"),
    path(
        f"{P}received/<int:proposal_id>/",
        api.ReceivedProposalDetailView.as_view(),
        name="replenishment-received-one",
    ),
    path(
        f"{P}received/<int:proposal_id>/accept/",
        api.ReceivedProposalAcceptView.as_view(),
        name="replenishment-received-accept",
    ),
    path(
        f"{P}received/<int:proposal_id>/decline/",
        api.ReceivedProposalDeclineView.as_view(),
        name="replenishment-received-decline",
    ),
    path(f"{P}acceptance-rules/", api.AcceptanceRuleListView.as_view(), name="replenishment-rules"),
    path(
        f"{P}acceptance-rules/<int:acceptance_rule_id>/",
        api.AcceptanceRuleDetailView.as_view(),
        name="replenishment-rule",
    ),
]
