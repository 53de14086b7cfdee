"""The shape of one account of a template (kept apart so that the template modules and the package's
``__init__`` can import it without an import cycle; import it from :mod:`tenants.finance.charts`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

AccountType = Literal["asset", "liability", "equity", "revenue", "expense"]


@dataclass(frozen=True)
class AccountSpec:
    code: str
    name_zh: str
    name_en: str
    type: AccountType
    report_line: str  # a key of REPORT_LINES
    parent: str = ""  # the parent's code; a parent account is never posted to
    role: str = ""  # a key of REQUIRED_ROLES / OPTIONAL_ROLES, at most one account per role
    is_cash: bool = False  # cash and cash equivalents (cash-flow statement)
