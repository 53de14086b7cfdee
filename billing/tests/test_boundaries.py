"""Billing never reads a workspace's private records: no module of billing/ imports a workspace app
(procurement, sales, inventory, the exchange inbox) or the marketplace's trade documents, not even lazily.
Usage reaches billing only as events recorded by the services that create metered things."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import billing

pytestmark = pytest.mark.django_db
WORKSPACE_MODULES = (
    "tenants.procurement",
    "tenants.sales",
    "tenants.inventory",
    "tenants.supplychain",
    "tenants.finance",
    "marketplace.exchange",
)
BILLING_DIR = Path(billing.__file__).parent


def workspace_imports(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(node.lineno, n) for n in names if n.startswith(WORKSPACE_MODULES)]
    return found


def test_billing_imports_no_workspace_app() -> None:
    offenders = [
        f"{path.relative_to(BILLING_DIR.parent)}:{line}: {name}"
        for path in sorted(BILLING_DIR.rglob("*.py"))
        if "tests" not in path.relative_to(BILLING_DIR).parts
        for line, name in workspace_imports(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_scan_sees_lazy_imports() -> None:
    assert workspace_imports("def f():\n    from tenants.sales.models import SalesOrder\n") == [
        (2, "tenants.sales.models")
    ]
