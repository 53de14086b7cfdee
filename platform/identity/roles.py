"""Roles and the named permissions they grant: the one place where that mapping lives.

API views declare the permission they need (``required_permission``); ``GET /api/me/`` returns the
member's permissions so the web app shows only what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable

ROLES: tuple[str, ...] = ("owner", "admin", "buyer", "approver", "sales", "warehouse", "finance", "viewer")

PERMISSIONS: dict[str, str] = {
    "company.view": "See the company's workspace",
    "settings.manage": "Change the company's settings",
    "members.manage": "Invite, change and remove members",
    "apikeys.manage": "Create and revoke API keys",
    "audit.view": "Read the company's audit log",
    "rfq.create": "Draft requests for quotation",
    "rfq.publish": "Publish requests for quotation",
    "rfq.award": "Compare quotes and award requests for quotation",
    "rfq.quote": "Answer requests for quotation with quotes",
    "po.create": "Draft purchase orders",
    "po.approve": "Approve purchase orders",
    "po.receive": "Receive goods against purchase orders",
    "approval.rules": "Manage approval rules, departments and delegations",
    "so.accept": "Accept sales orders",
    "so.manage": "Manage sales orders and customers",
    "so.ship": "Ship sales orders",
    "catalog.manage": "Manage the marketplace catalog",
    "stock.view": "See stock levels",
    "stock.adjust": "Receive, issue and adjust stock",
    "inventory.manage": "Manage items, warehouses and reorder points",
    "finance.view": "See the books",
    "finance.post": "Post journals, invoices and payments",
    "supplychain.view": "See shared stock, replenishment, forecasts, tracking and route plans",
    "supplychain.manage": "Grant stock sharing, agree replenishment, publish forecasts and commitments, track shipments and plan routes",
    "billing.manage": "Manage the company's subscription, payment method and invoices from the platform",
}

_ALL = frozenset(PERMISSIONS)
_ADMIN = _ALL - {"finance.post", "po.approve", "billing.manage"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "owner": _ALL,
    "admin": _ADMIN,
    "buyer": frozenset(
        {
            "company.view",
            "rfq.create",
            "rfq.publish",
            "rfq.award",
            "po.create",
            "po.receive",
            "stock.view",
            "supplychain.view",
            "supplychain.manage",
        }
    ),
    # Approvers also decide replenishment proposals (supply chain → received proposals).
    "approver": frozenset({"company.view", "po.approve", "stock.view", "supplychain.view"}),
    "sales": frozenset(
        {
            "company.view",
            "so.accept",
            "so.manage",
            "so.ship",
            "catalog.manage",
            "rfq.quote",
            "stock.view",
            "supplychain.view",
            "supplychain.manage",
        }
    ),
    "warehouse": frozenset(
        {
            "company.view",
            "stock.view",
            "stock.adjust",
            "inventory.manage",
            "so.ship",
            "po.receive",
            "supplychain.view",
            "supplychain.manage",
        }
    ),
    "finance": frozenset({"company.view", "finance.view", "finance.post", "billing.manage"}),
    "viewer": frozenset({"company.view", "stock.view", "finance.view", "supplychain.view"}),
}


def permissions_for(roles: Iterable[str]) -> frozenset[str]:
    granted: set[str] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)
