# ruff: noqa: RUF001, RUF002 - Chinese names and regulation numbers use Chinese punctuation
"""Chart-of-accounts templates a company's books start from (chosen at sign-up by country).

- ``cas_small``: 小企业会计准则 (Accounting Standards for Small Enterprises, China), the default for CN;
- ``cas``: 企业会计准则 (Accounting Standards for Business Enterprises, China);
- ``ifrs``: an IFRS-style chart, the default elsewhere.

A template is data: a tuple of :class:`AccountSpec`. Posting rules and statements never name an account
code; they name a *role* (``receivable``, ``vat_output``...), and each template gives every role in
:data:`REQUIRED_ROLES` to exactly one postable account. Statements group accounts by their
``report_line`` (see :data:`REPORT_LINES`), so the balance sheet and income statement have the same shape
whichever template a company uses.

Statements and report lines:

- A report line no account of a template points at is left out of that template's statements (the
  lines are the union of the 小企业会计准则, 企业会计准则 (财会〔2019〕6号 format) and IFRS layouts:
  ``short_term_investments`` is only used by ``cas_small``, ``right_of_use_assets`` only by ``ifrs``...).
- Contra accounts (累计折旧, 坏账准备, 存货跌价准备, 进项税额...) keep the type of the section they sit in
  and the report line of what they reduce, so every line is the signed sum of its accounts' balances.
- **Profit of the year not yet closed**: the balance sheet has its own equity line
  ``current_year_profit`` (本年利润 / Profit for the year). The statements helper puts on it the balance of
  the accounts of that line (the ``current_year_profit`` account, 本年利润) **plus** the net of all revenue
  and expense accounts of the fiscal year that have not been closed into it, so the balance sheet
  balances at any date. Layouts that show a single 未分配利润 line add ``current_year_profit`` to
  ``retained_earnings``.
- An account whose type is revenue or expense lies on an income-statement line (``"is"``); asset,
  liability and equity accounts lie on balance-sheet lines (``"bs"``) of their own sections. Revenue
  accounts may sit on expense lines and the reverse (利息收入 in 财务费用, 投资收益 that may be a loss):
  an income-statement line is the signed net of its accounts.
"""

from __future__ import annotations

from tenants.finance.charts import cas, cas_small, ifrs
from tenants.finance.charts.spec import AccountSpec, AccountType

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
    # finer finance-cost accounts; a posting rule falls back to finance_expense when a template lacks them
    "bank_charges": "Bank charges (财务费用-手续费); falls back to finance_expense",
    "cash_discount": "Cash (early-payment) discounts allowed or received (财务费用-现金折扣); falls back to finance_expense",
}

# report_line -> (statement, section, order, label_zh, label_en).
# statement: "bs" (资产负债表) or "is" (利润表). Sections of "bs": current_assets, non_current_assets,
# current_liabilities, non_current_liabilities, equity. Sections of "is": revenue, cost_of_sales,
# operating_expenses, finance, other, income_tax.
REPORT_LINES: dict[str, tuple[str, str, int, str, str]] = {
    # 资产负债表 / statement of financial position
    "cash_and_equivalents": ("bs", "current_assets", 10, "货币资金", "Cash and cash equivalents"),
    "short_term_investments": ("bs", "current_assets", 20, "短期投资", "Short-term investments"),
    "trading_financial_assets": (
        "bs",
        "current_assets",
        30,
        "交易性金融资产",
        "Financial assets at fair value through profit or loss",
    ),
    "notes_receivable": ("bs", "current_assets", 40, "应收票据", "Notes receivable"),
    "trade_receivables": ("bs", "current_assets", 50, "应收账款", "Trade receivables"),
    "prepayments": ("bs", "current_assets", 60, "预付款项", "Prepayments"),
    "dividends_receivable": ("bs", "current_assets", 70, "应收股利", "Dividends receivable"),
    "interest_receivable": ("bs", "current_assets", 80, "应收利息", "Interest receivable"),
    "other_receivables": ("bs", "current_assets", 90, "其他应收款", "Other receivables"),
    "inventories": ("bs", "current_assets", 100, "存货", "Inventories"),
    "other_current_assets": ("bs", "current_assets", 110, "其他流动资产", "Other current assets"),
    "long_term_bond_investments": (
        "bs",
        "non_current_assets",
        200,
        "长期债券投资",
        "Long-term bond investments",
    ),
    "debt_investments": ("bs", "non_current_assets", 210, "债权投资", "Debt investments at amortised cost"),
    "long_term_receivables": ("bs", "non_current_assets", 220, "长期应收款", "Long-term receivables"),
    "long_term_equity_investments": (
        "bs",
        "non_current_assets",
        230,
        "长期股权投资",
        "Investments in associates and joint ventures",
    ),
    "investment_property": ("bs", "non_current_assets", 240, "投资性房地产", "Investment property"),
    "ppe": ("bs", "non_current_assets", 250, "固定资产", "Property, plant and equipment"),
    "construction_in_progress": ("bs", "non_current_assets", 260, "在建工程", "Construction in progress"),
    "productive_biological_assets": (
        "bs",
        "non_current_assets",
        270,
        "生产性生物资产",
        "Productive biological assets",
    ),
    "right_of_use_assets": ("bs", "non_current_assets", 280, "使用权资产", "Right-of-use assets"),
    "intangible_assets": ("bs", "non_current_assets", 290, "无形资产", "Intangible assets"),
    "development_costs": ("bs", "non_current_assets", 300, "开发支出", "Development costs"),
    "goodwill": ("bs", "non_current_assets", 310, "商誉", "Goodwill"),
    "long_term_prepaid_expenses": (
        "bs",
        "non_current_assets",
        320,
        "长期待摊费用",
        "Long-term prepaid expenses",
    ),
    "deferred_tax_assets": ("bs", "non_current_assets", 330, "递延所得税资产", "Deferred tax assets"),
    "other_non_current_assets": (
        "bs",
        "non_current_assets",
        340,
        "其他非流动资产",
        "Other non-current assets",
    ),
    "short_term_borrowings": ("bs", "current_liabilities", 400, "短期借款", "Short-term borrowings"),
    "trading_financial_liabilities": (
        "bs",
        "current_liabilities",
        410,
        "交易性金融负债",
        "Financial liabilities at fair value through profit or loss",
    ),
    "notes_payable": ("bs", "current_liabilities", 420, "应付票据", "Notes payable"),
    "trade_payables": ("bs", "current_liabilities", 430, "应付账款", "Trade payables"),
    "advances_from_customers": ("bs", "current_liabilities", 440, "预收款项", "Advances from customers"),
    "employee_benefits_payable": (
        "bs",
        "current_liabilities",
        450,
        "应付职工薪酬",
        "Employee benefits payable",
    ),
    "taxes_payable": ("bs", "current_liabilities", 460, "应交税费", "Taxes payable"),
    "interest_payable": ("bs", "current_liabilities", 470, "应付利息", "Interest payable"),
    "dividends_payable": ("bs", "current_liabilities", 480, "应付利润", "Dividends payable"),
    "other_payables": ("bs", "current_liabilities", 490, "其他应付款", "Other payables"),
    "other_current_liabilities": (
        "bs",
        "current_liabilities",
        500,
        "其他流动负债",
        "Other current liabilities",
    ),
    "long_term_borrowings": ("bs", "non_current_liabilities", 600, "长期借款", "Long-term borrowings"),
    "bonds_payable": ("bs", "non_current_liabilities", 610, "应付债券", "Bonds payable"),
    "lease_liabilities": ("bs", "non_current_liabilities", 620, "租赁负债", "Lease liabilities"),
    "long_term_payables": ("bs", "non_current_liabilities", 630, "长期应付款", "Long-term payables"),
    "provisions": ("bs", "non_current_liabilities", 640, "预计负债", "Provisions"),
    "deferred_income": ("bs", "non_current_liabilities", 650, "递延收益", "Deferred income"),
    "deferred_tax_liabilities": (
        "bs",
        "non_current_liabilities",
        660,
        "递延所得税负债",
        "Deferred tax liabilities",
    ),
    "other_non_current_liabilities": (
        "bs",
        "non_current_liabilities",
        670,
        "其他非流动负债",
        "Other non-current liabilities",
    ),
    "paid_in_capital": ("bs", "equity", 700, "实收资本（或股本）", "Share capital"),
    "capital_reserve": ("bs", "equity", 710, "资本公积", "Capital reserve"),
    "treasury_shares": ("bs", "equity", 720, "减：库存股", "Less: treasury shares"),
    "other_comprehensive_income": ("bs", "equity", 730, "其他综合收益", "Other comprehensive income"),
    "surplus_reserve": ("bs", "equity", 740, "盈余公积", "Surplus reserve"),
    "retained_earnings": ("bs", "equity", 750, "未分配利润", "Retained earnings"),
    "current_year_profit": ("bs", "equity", 760, "本年利润", "Profit for the year"),
    # 利润表 / statement of profit or loss
    "revenue": ("is", "revenue", 10, "营业收入", "Revenue"),
    "cost_of_sales": ("is", "cost_of_sales", 20, "营业成本", "Cost of sales"),
    "taxes_and_surcharges": ("is", "operating_expenses", 30, "税金及附加", "Taxes and surcharges"),
    "selling_expenses": ("is", "operating_expenses", 40, "销售费用", "Selling and distribution expenses"),
    "admin_expenses": ("is", "operating_expenses", 50, "管理费用", "Administrative expenses"),
    "rd_expenses": ("is", "operating_expenses", 60, "研发费用", "Research and development expenses"),
    "finance_costs": ("is", "finance", 70, "财务费用", "Finance costs, net"),
    "other_gains": ("is", "other", 80, "其他收益", "Other income"),
    "investment_income": ("is", "other", 90, "投资收益", "Investment income"),
    "fair_value_gains": ("is", "other", 100, "公允价值变动收益", "Fair value gains and losses"),
    "credit_impairment_losses": ("is", "other", 110, "信用减值损失", "Impairment losses on financial assets"),
    "asset_impairment_losses": (
        "is",
        "other",
        120,
        "资产减值损失",
        "Impairment losses on non-financial assets",
    ),
    "asset_disposal_gains": ("is", "other", 130, "资产处置收益", "Gains and losses on disposal of assets"),
    "non_operating_income": ("is", "other", 140, "营业外收入", "Non-operating income"),
    "non_operating_expenses": ("is", "other", 150, "营业外支出", "Non-operating expenses"),
    "income_tax": ("is", "income_tax", 160, "所得税费用", "Income tax expense"),
}

# the sections of a balance-sheet line an account of each type may sit on
_BS_SECTIONS: dict[str, tuple[str, ...]] = {
    "asset": ("current_assets", "non_current_assets"),
    "liability": ("current_liabilities", "non_current_liabilities"),
    "equity": ("equity",),
}

TEMPLATES: dict[str, tuple[AccountSpec, ...]] = {
    "cas_small": cas_small.ACCOUNTS,
    "cas": cas.ACCOUNTS,
    "ifrs": ifrs.ACCOUNTS,
}

# template -> (name_zh, name_en)
LABELS: dict[str, tuple[str, str]] = {
    "cas_small": ("小企业会计准则", "Accounting Standards for Small Enterprises (China)"),
    "cas": ("企业会计准则", "Accounting Standards for Business Enterprises (China)"),
    "ifrs": ("国际财务报告准则", "IFRS"),
}


def template_for_country(country: str) -> str:
    """The template a company registered in ``country`` (ISO 3166-1 alpha-2) starts from: 小企业会计准则
    for mainland China, the IFRS-style chart everywhere else (Hong Kong, Macao and Taiwan included)."""
    return "cas_small" if country.strip().upper() == "CN" else "ifrs"


def template_accounts(template: str) -> tuple[AccountSpec, ...]:
    """The accounts of ``template``, parents before their children.

    Raises:
        KeyError: ``template`` is not a key of :data:`TEMPLATES`.
    """
    return TEMPLATES[template]


def template_role_accounts(template: str) -> dict[str, AccountSpec]:
    """role -> the account of ``template`` that carries it."""
    return {a.role: a for a in TEMPLATES[template] if a.role}


def validate_template(accounts: tuple[AccountSpec, ...] | list[AccountSpec]) -> list[str]:
    """The problems of a template (an empty list when it is sound).

    Checked: codes unique and non-empty; names in both languages; a parent exists, comes before its
    children, has the same type, carries no role and is not cash, and every child code starts with its
    parent's code; roles are known and unique, every required role is on a postable (leaf) account; each
    report line exists, sits on the statement of the account's type (asset/liability/equity on the
    balance sheet in a section of that kind, revenue/expense on the income statement); cash accounts are
    assets on the cash line and every account on the cash line is a cash account.
    """
    problems: list[str] = []
    seen: dict[str, AccountSpec] = {}
    parents = {a.parent for a in accounts if a.parent}
    roles: dict[str, str] = {}
    known_roles = REQUIRED_ROLES.keys() | OPTIONAL_ROLES.keys()
    for a in accounts:
        where = f"{a.code or '?'} {a.name_en}"
        if not a.code:
            problems.append(f"{where}: empty code")
        if a.code in seen:
            problems.append(f"{where}: duplicate code")
        if not a.name_zh.strip() or not a.name_en.strip():
            problems.append(f"{where}: a name is empty")
        if a.parent:
            parent = seen.get(a.parent)
            if parent is None:
                problems.append(f"{where}: parent {a.parent} missing or listed after its child")
            else:
                if parent.type != a.type:
                    problems.append(f"{where}: type {a.type} differs from its parent's {parent.type}")
                if not a.code.startswith(parent.code) or a.code == parent.code:
                    problems.append(f"{where}: code does not extend its parent's code {parent.code}")
        if a.code in parents:
            if a.role:
                problems.append(f"{where}: parent account carries role {a.role}")
            if a.is_cash:
                problems.append(f"{where}: parent account is marked cash")
        if a.role:
            if a.role not in known_roles:
                problems.append(f"{where}: unknown role {a.role}")
            if a.role in roles:
                problems.append(f"{where}: role {a.role} already on {roles[a.role]}")
            roles[a.role] = a.code
        line = REPORT_LINES.get(a.report_line)
        if line is None:
            problems.append(f"{where}: unknown report line {a.report_line!r}")
        else:
            statement, section = line[0], line[1]
            if a.type in _BS_SECTIONS:
                if statement != "bs" or section not in _BS_SECTIONS[a.type]:
                    problems.append(
                        f"{where}: {a.type} account on {statement}/{section} line {a.report_line}"
                    )
            elif statement != "is":
                problems.append(f"{where}: {a.type} account on balance-sheet line {a.report_line}")
        if a.is_cash and (a.type != "asset" or a.report_line != "cash_and_equivalents"):
            problems.append(f"{where}: cash account is not an asset on the cash line")
        if a.report_line == "cash_and_equivalents" and not a.is_cash and a.code not in parents:
            problems.append(f"{where}: on the cash line but not marked cash")
        seen[a.code] = a
    for role in REQUIRED_ROLES:
        if role not in roles:
            problems.append(f"required role {role} is on no account")
    return problems


__all__ = [
    "LABELS",
    "OPTIONAL_ROLES",
    "REPORT_LINES",
    "REQUIRED_ROLES",
    "TEMPLATES",
    "AccountSpec",
    "AccountType",
    "template_accounts",
    "template_for_country",
    "template_role_accounts",
    "validate_template",
]
