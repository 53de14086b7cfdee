"""The kernel knows no domain: no module under kernel/ imports a domain app, not even for type checking.

Scans the source (every ``import`` and ``from ... import`` anywhere in a module, including inside
functions and ``if TYPE_CHECKING:`` blocks), so a lazy import cannot slip through either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kernel

# No query runs, but the suite's session fixtures (the warm pool) need the test database.
pytestmark = pytest.mark.django_db
# ``hansa`` (the Django project: settings, the Celery app that kernel.tasks registers with) is wiring, not
# a domain, and stays importable.
DOMAIN_PACKAGES = {"tenants", "marketplace", "billing", "identity", "console", "notifications"}
KERNEL_DIR = Path(kernel.__file__).parent


def domain_imports(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(node.lineno, name) for name in names if name.split(".")[0] in DOMAIN_PACKAGES]
    return found


def test_kernel_imports_no_domain_app() -> None:
    offenders = [
        f"{path.relative_to(KERNEL_DIR.parent)}:{line}: {name}"
        for path in sorted(KERNEL_DIR.rglob("*.py"))
        if "tests" not in path.relative_to(KERNEL_DIR).parts
        for line, name in domain_imports(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_scan_sees_lazy_and_type_checking_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from tenants.models import Company\n"
        "def f():\n    import marketplace.rfq.models\n    from kernel.errors import NotFound\n"
    )
    assert domain_imports(source) == [(3, "tenants.models"), (5, "marketplace.rfq.models")]
