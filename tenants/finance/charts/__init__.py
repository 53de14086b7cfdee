"""Chart-of-accounts templates a company's books start from (chosen at sign-up by country).

- ``cas_small``: 小企业会计准则 (Accounting Standards for Small Enterprises, China), the default for CN;
- ``cas``: 企业会计准则 (Accounting Standards for Business Enterprises, China);
- ``ifrs``: an IFRS-style chart, the default elsewhere.

A template is data: a tuple of :class:`AccountSpec`. Posting rules and statements never name an account
code; they name a *role* (``receivable``, ``vat_output``...), and each template gives every role in
:data:`REQUIRED_ROLES` to exactly one postable account. Statements group accounts by their
``report_line`` (see :data:`REPORT_LINES`), so the balance sheet and income statement have the same shape
whichever template a company uses.
"""

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


# role -> what it is for (every template must give each of these to one postable account)
REQUIRED_ROLES: dict[str, str] = {
    "cash": "Cash on hand (库存现金)",
    "bank": "Bank deposits (银行存款), the default bank account",
    "bills_receivable": "Notes/commercial bills receivable (应收票据)",
    "receivable": "Trade receivables (应收账款)",
    "advances_to_suppliers": "Prepayments to suppliers (预付账款)",
    "other_receivable": "Other receivables (其他应收款)",
    "inventory": "Finished goods / merchandise (库存商品)",
    "raw_materials": "Raw materials (原材料)",
    "wip": "Work in progress / production cost (生产成本)",
    "overhead": "Manufacturing overhead (制造费用)",
    "inventory_loss": "Stock surplus/shortage pending (待处理财产损溢)",
    "fixed_assets": "Property, plant and equipment (固定资产)",
    "bills_payable": "Notes/commercial bills payable (应付票据)",
    "payable": "Trade payables (应付账款)",
    "grni": "Goods received not invoiced (应付账款-暂估应付款)",
    "advances_from_customers": "Advances from customers (预收账款)",
    "payroll_payable": "Employee pay payable (应付职工薪酬)",
    "vat_input": "Input VAT (应交税费-应交增值税(进项税额))",
    "vat_output": "Output VAT (应交税费-应交增值税(销项税额))",
    "other_payable": "Other payables (其他应付款), also accrued landed costs",
    "share_capital": "Paid-in capital (实收资本)",
    "current_year_profit": "Profit for the year (本年利润)",
    "retained_earnings": "Retained earnings (利润分配-未分配利润)",
    "revenue": "Revenue from main operations (主营业务收入)",
    "other_income": "Other operating income (其他业务收入)",
    "cogs": "Cost of main operations (主营业务成本)",
    "selling_expense": "Selling expenses (销售费用), also logistics cost of shipments",
    "admin_expense": "Administrative expenses (管理费用)",
    "finance_expense": "Finance costs (财务费用): bill discount interest, bank charges, cash discounts",
    "fx_gain_loss": "Exchange gains and losses (财务费用-汇兑损益 / FX gains and losses)",
    "purchase_variance": "Purchase price variance (invoice vs receipt price), an expense account",
    "stock_adjustment": "Inventory write-down / stock count differences (资产减值损失 or 管理费用)",
}

OPTIONAL_ROLES: dict[str, str] = {
    "income_tax": "Income tax expense (所得税费用)",
    "non_operating_income": "Non-operating income (营业外收入)",
    "non_operating_expense": "Non-operating expenses (营业外支出)",
}

# report_line -> (statement, section, order, label_zh, label_en).
# statement: "bs" (资产负债表) or "is" (利润表). Sections of "bs": current_assets, non_current_assets,
# current_liabilities, non_current_liabilities, equity. Sections of "is": revenue, cost_of_sales,
# operating_expenses, finance, other, income_tax.
REPORT_LINES: dict[str, tuple[str, str, int, str, str]] = {}
