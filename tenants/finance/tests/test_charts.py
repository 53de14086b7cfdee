"""The chart-of-accounts templates are sound data: unique codes, a consistent hierarchy, every required
role on exactly one postable account, report lines on the statement of the account's type, and the real
codes and names of each standard. Pure data: no database."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from tenants.finance.charts import (
    LABELS,
    OPTIONAL_ROLES,
    REPORT_LINES,
    REQUIRED_ROLES,
    TEMPLATES,
    AccountSpec,
    template_accounts,
    template_for_country,
    template_role_accounts,
    validate_template,
)

TEMPLATE_NAMES = ("cas_small", "cas", "ifrs")
BS_SECTIONS = {
    "asset": {"current_assets", "non_current_assets"},
    "liability": {"current_liabilities", "non_current_liabilities"},
    "equity": {"equity"},
}
IS_SECTIONS = {"revenue", "cost_of_sales", "operating_expenses", "finance", "other", "income_tax"}


def by_code(template: str) -> dict[str, AccountSpec]:
    return {a.code: a for a in template_accounts(template)}


def leaf_codes(accounts: tuple[AccountSpec, ...]) -> set[str]:
    parents = {a.parent for a in accounts if a.parent}
    return {a.code for a in accounts if a.code not in parents}


def test_the_three_templates_are_registered_with_labels() -> None:
    assert tuple(TEMPLATES) == TEMPLATE_NAMES
    assert set(LABELS) == set(TEMPLATES)
    assert LABELS["cas_small"] == ("小企业会计准则", "Accounting Standards for Small Enterprises (China)")
    assert LABELS["cas"] == ("企业会计准则", "Accounting Standards for Business Enterprises (China)")
    for name in TEMPLATE_NAMES:
        assert template_accounts(name) is TEMPLATES[name]


def test_an_unknown_template_is_refused() -> None:
    with pytest.raises(KeyError):
        template_accounts("gaap")


@pytest.mark.parametrize(
    ("country", "template"),
    [("CN", "cas_small"), ("cn", "cas_small"), ("DE", "ifrs"), ("HK", "ifrs"), ("US", "ifrs"), ("", "ifrs")],
)
def test_the_default_template_follows_the_country(country: str, template: str) -> None:
    assert template_for_country(country) == template


def test_report_lines_are_well_formed() -> None:
    orders: dict[str, set[int]] = {"bs": set(), "is": set()}
    for key, (statement, section, order, label_zh, label_en) in REPORT_LINES.items():
        assert key == key.lower() and " " not in key
        assert statement in orders, key
        allowed = set().union(*BS_SECTIONS.values()) if statement == "bs" else IS_SECTIONS
        assert section in allowed, key
        assert order not in orders[statement], f"{key}: order {order} used twice"
        orders[statement].add(order)
        assert label_zh.strip() and label_en.strip(), key
    assert REPORT_LINES["current_year_profit"][:2] == ("bs", "equity")
    assert REPORT_LINES["retained_earnings"][:2] == ("bs", "equity")
    assert REPORT_LINES["cash_and_equivalents"][3] == "货币资金"
    assert REPORT_LINES["cost_of_sales"][:2] == ("is", "cost_of_sales")
    assert REPORT_LINES["finance_costs"][3] == "财务费用"


def test_every_report_line_is_used_by_some_template() -> None:
    used = {a.report_line for name in TEMPLATE_NAMES for a in template_accounts(name)}
    assert set(REPORT_LINES) == used


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_the_template_validates(template: str) -> None:
    assert validate_template(template_accounts(template)) == []


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_codes_are_unique_and_names_present(template: str) -> None:
    accounts = template_accounts(template)
    codes = [a.code for a in accounts]
    assert len(codes) == len(set(codes))
    for a in accounts:
        assert a.code.isdigit(), a
        assert a.name_zh.strip() and a.name_en.strip(), a
        assert a.name_en.isascii(), a


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_parents_exist_before_their_children_with_the_same_type_and_no_role(template: str) -> None:
    accounts = template_accounts(template)
    seen: dict[str, AccountSpec] = {}
    for a in accounts:
        if a.parent:
            parent = seen[a.parent]  # listed before the child
            assert parent.type == a.type, a
            assert parent.role == "", parent
            assert not parent.is_cash, parent
            assert a.code.startswith(parent.code) and len(a.code) == len(parent.code) + 2, a
        seen[a.code] = a


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_every_required_role_is_on_exactly_one_leaf(template: str) -> None:
    accounts = template_accounts(template)
    leaves = leaf_codes(accounts)
    with_role = [a for a in accounts if a.role]
    roles = [a.role for a in with_role]
    assert len(roles) == len(set(roles))
    assert set(roles) <= set(REQUIRED_ROLES) | set(OPTIONAL_ROLES)
    assert set(REQUIRED_ROLES) <= set(roles)
    for a in with_role:
        assert a.code in leaves, f"{a.code} carries {a.role} but has sub-accounts"


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_report_lines_match_the_account_type(template: str) -> None:
    for a in template_accounts(template):
        statement, section = REPORT_LINES[a.report_line][:2]
        if a.type in BS_SECTIONS:
            assert statement == "bs", a
            assert section in BS_SECTIONS[a.type], a
        else:
            assert statement == "is", a


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_cash_accounts_are_the_assets_on_the_cash_line(template: str) -> None:
    accounts = template_accounts(template)
    cash = {a.code for a in accounts if a.is_cash}
    on_cash_line = {a.code for a in accounts if a.report_line == "cash_and_equivalents"}
    assert cash == on_cash_line
    assert all(a.type == "asset" for a in accounts if a.is_cash)
    roles = template_role_accounts(template)
    assert roles["cash"].is_cash and roles["bank"].is_cash


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_roles_sit_where_an_accountant_expects_them(template: str) -> None:
    roles = template_role_accounts(template)
    expected = {
        "cash": ("asset", "cash_and_equivalents"),
        "bank": ("asset", "cash_and_equivalents"),
        "bills_receivable": ("asset", "notes_receivable"),
        "receivable": ("asset", "trade_receivables"),
        "advances_to_suppliers": ("asset", "prepayments"),
        "other_receivable": ("asset", "other_receivables"),
        "inventory": ("asset", "inventories"),
        "raw_materials": ("asset", "inventories"),
        "wip": ("asset", "inventories"),
        "overhead": ("asset", "inventories"),
        "inventory_loss": ("asset", "other_current_assets"),
        "fixed_assets": ("asset", "ppe"),
        "bills_payable": ("liability", "notes_payable"),
        "payable": ("liability", "trade_payables"),
        "grni": ("liability", "trade_payables"),
        "advances_from_customers": ("liability", "advances_from_customers"),
        "payroll_payable": ("liability", "employee_benefits_payable"),
        "vat_input": ("liability", "taxes_payable"),
        "vat_output": ("liability", "taxes_payable"),
        "other_payable": ("liability", "other_payables"),
        "share_capital": ("equity", "paid_in_capital"),
        "current_year_profit": ("equity", "current_year_profit"),
        "retained_earnings": ("equity", "retained_earnings"),
        "revenue": ("revenue", "revenue"),
        "other_income": ("revenue", "revenue"),
        "cogs": ("expense", "cost_of_sales"),
        "purchase_variance": ("expense", "cost_of_sales"),
        "selling_expense": ("expense", "selling_expenses"),
        "admin_expense": ("expense", "admin_expenses"),
        "finance_expense": ("expense", "finance_costs"),
        "fx_gain_loss": ("expense", "finance_costs"),
        "bank_charges": ("expense", "finance_costs"),
        "cash_discount": ("expense", "finance_costs"),
        "income_tax": ("expense", "income_tax"),
        "non_operating_income": ("revenue", "non_operating_income"),
        "non_operating_expense": ("expense", "non_operating_expenses"),
    }
    assert set(expected) | {"stock_adjustment"} == set(roles)
    for role, (account_type, line) in expected.items():
        assert (roles[role].type, roles[role].report_line) == (account_type, line), role
    assert roles["stock_adjustment"].type == "expense"


# the 66 first-level accounts of the 小企业会计准则 appendix
CAS_SMALL_FIRST_LEVEL = {
    "1001": "库存现金", "1002": "银行存款", "1012": "其他货币资金", "1101": "短期投资", "1121": "应收票据",
    "1122": "应收账款", "1123": "预付账款", "1131": "应收股利", "1132": "应收利息", "1221": "其他应收款",
    "1401": "材料采购", "1402": "在途物资", "1403": "原材料", "1404": "材料成本差异", "1405": "库存商品",
    "1407": "商品进销差价", "1408": "委托加工物资", "1411": "周转材料", "1421": "消耗性生物资产",
    "1501": "长期债券投资", "1511": "长期股权投资", "1601": "固定资产", "1602": "累计折旧", "1604": "在建工程",
    "1605": "工程物资", "1606": "固定资产清理", "1621": "生产性生物资产", "1622": "生产性生物资产累计折旧",
    "1701": "无形资产", "1702": "累计摊销", "1801": "长期待摊费用", "1901": "待处理财产损溢",
    "2001": "短期借款", "2201": "应付票据", "2202": "应付账款", "2203": "预收账款", "2211": "应付职工薪酬",
    "2221": "应交税费", "2231": "应付利息", "2232": "应付利润", "2241": "其他应付款", "2401": "递延收益",
    "2501": "长期借款", "2701": "长期应付款",
    "3001": "实收资本", "3002": "资本公积", "3101": "盈余公积", "3103": "本年利润", "3104": "利润分配",
    "4001": "生产成本", "4101": "制造费用", "4301": "研发支出", "4401": "工程施工", "4403": "机械作业",
    "5001": "主营业务收入", "5051": "其他业务收入", "5111": "投资收益", "5301": "营业外收入",
    "5401": "主营业务成本", "5402": "其他业务成本", "5403": "税金及附加", "5601": "销售费用",
    "5602": "管理费用", "5603": "财务费用", "5711": "营业外支出", "5801": "所得税费用",
}  # fmt: skip


def test_cas_small_has_the_first_level_accounts_of_the_standard() -> None:
    first_level = {a.code: a.name_zh for a in template_accounts("cas_small") if not a.parent}
    assert len(CAS_SMALL_FIRST_LEVEL) == 66
    assert first_level == CAS_SMALL_FIRST_LEVEL


def test_cas_small_spot_checks() -> None:
    accounts = by_code("cas_small")
    assert (accounts["5401"].name_zh, accounts["5401"].name_en, accounts["5401"].type) == (
        "主营业务成本",
        "Cost of main operations",
        "expense",
    )
    assert (accounts["22210101"].name_zh, accounts["22210101"].parent, accounts["22210101"].role) == (
        "进项税额",
        "222101",
        "vat_input",
    )
    assert (accounts["22210102"].name_zh, accounts["22210102"].role) == ("销项税额", "vat_output")
    assert (accounts["222101"].name_zh, accounts["222101"].parent) == ("应交增值税", "2221")
    assert (accounts["220202"].name_zh, accounts["220202"].role) == ("暂估应付款", "grni")
    assert (accounts["310401"].name_zh, accounts["310401"].role) == ("未分配利润", "retained_earnings")
    assert (accounts["3103"].name_zh, accounts["3103"].role) == ("本年利润", "current_year_profit")
    assert (accounts["560301"].name_zh, accounts["560301"].role) == ("汇兑损益", "fx_gain_loss")
    # 成本类 accounts are assets; contra accounts keep the type of their section
    assert (accounts["4001"].type, accounts["4001"].role) == ("asset", "wip")
    assert (accounts["4101"].type, accounts["4101"].role) == ("asset", "overhead")
    assert (accounts["1602"].type, accounts["1602"].report_line) == ("asset", "ppe")
    assert [a.code for a in template_accounts("cas_small") if a.is_cash] == ["1001", "1002", "1012"]


def test_cas_spot_checks() -> None:
    accounts = by_code("cas")
    expected = {
        "1001": "库存现金", "1231": "坏账准备", "1471": "存货跌价准备", "1511": "长期股权投资",
        "1711": "商誉", "1811": "递延所得税资产", "2502": "应付债券", "2801": "预计负债",
        "4001": "实收资本", "4002": "资本公积", "4101": "盈余公积", "4103": "本年利润", "4104": "利润分配",
        "4201": "库存股", "5001": "生产成本", "5101": "制造费用", "5201": "劳务成本", "5301": "研发支出",
        "6001": "主营业务收入", "6051": "其他业务收入", "6101": "公允价值变动损益", "6111": "投资收益",
        "6301": "营业外收入", "6401": "主营业务成本", "6402": "其他业务成本", "6403": "税金及附加",
        "6601": "销售费用", "6602": "管理费用", "6603": "财务费用", "6701": "资产减值损失",
        "6711": "营业外支出", "6801": "所得税费用", "6901": "以前年度损益调整",
        "22210101": "进项税额", "22210102": "销项税额", "220202": "暂估应付款", "410401": "未分配利润",
    }  # fmt: skip
    assert {code: accounts[code].name_zh for code in expected} == expected
    first_level = [a for a in template_accounts("cas") if not a.parent]
    assert 80 <= len(first_level) <= 100
    roles = template_role_accounts("cas")
    assert {
        role: roles[role].code for role in ("share_capital", "current_year_profit", "retained_earnings")
    } == {
        "share_capital": "4001",
        "current_year_profit": "4103",
        "retained_earnings": "410401",
    }
    assert (roles["cogs"].code, roles["cogs"].parent) == ("640101", "6401")
    assert (roles["vat_input"].code, roles["vat_output"].code, roles["grni"].code) == (
        "22210101",
        "22210102",
        "220202",
    )
    assert accounts["660204"].report_line == "rd_expenses"  # 研发费用 has its own line since 2018
    assert (accounts["6901"].type, accounts["6901"].report_line) == ("equity", "retained_earnings")


def test_ifrs_codes_follow_their_ranges() -> None:
    first_digit = {
        "asset": {"1"},
        "liability": {"2"},
        "equity": {"3"},
        "revenue": {"4", "8"},
        "expense": {"5", "6", "7", "8"},
    }
    for a in template_accounts("ifrs"):
        assert len(a.code) == 4, a
        assert a.code[0] in first_digit[a.type], a
        assert a.parent == "", a
    accounts = by_code("ifrs")
    assert (accounts["1600"].name_en, accounts["1600"].name_zh, accounts["1600"].role) == (
        "Property, plant and equipment",
        "不动产、厂场和设备",
        "fixed_assets",
    )
    assert (accounts["2110"].name_en, accounts["2110"].role) == ("Goods received not invoiced", "grni")
    assert (accounts["5000"].name_en, accounts["5000"].role) == ("Cost of goods sold", "cogs")


def test_validate_template_reports_each_kind_of_problem() -> None:
    accounts = list(template_accounts("cas_small"))
    index = {a.code: i for i, a in enumerate(accounts)}

    def with_change(which: str, /, **changes: Any) -> list[AccountSpec]:
        changed = list(accounts)
        changed[index[which]] = dataclasses.replace(accounts[index[which]], **changes)
        return changed

    duplicate = dataclasses.replace(accounts[0], role="", name_en="Petty cash")
    assert validate_template([*accounts, duplicate]) == ["1001 Petty cash: duplicate code"]
    assert validate_template(with_change("2202", role="payable_parent")) == [
        "2202 Accounts payable: parent account carries role payable_parent",
        "2202 Accounts payable: unknown role payable_parent",
    ]
    assert validate_template(with_change("220201", type="asset")) == [
        "220201 Trade payables (invoiced): type asset differs from its parent's liability",
        "220201 Trade payables (invoiced): asset account on bs/current_liabilities line trade_payables",
    ]
    assert validate_template(with_change("220201", parent="9999")) == [
        "220201 Trade payables (invoiced): parent 9999 missing or listed after its child",
    ]
    assert validate_template(with_change("220201", code="230201")) == [
        "230201 Trade payables (invoiced): code does not extend its parent's code 2202",
    ]
    assert validate_template(with_change("5001", role="")) == ["required role revenue is on no account"]
    assert validate_template(with_change("5001", role="cash")) == [
        "5001 Revenue from main operations: role cash already on 1001",
        "required role revenue is on no account",
    ]
    assert validate_template(with_change("1012", is_cash=False)) == [
        "1012 Other monetary funds: on the cash line but not marked cash",
    ]
    assert validate_template(with_change("1101", is_cash=True)) == [
        "1101 Short-term investments: cash account is not an asset on the cash line",
    ]
    assert validate_template(with_change("5801", report_line="income_taxes")) == [
        "5801 Income tax expense: unknown report line 'income_taxes'",
    ]
    assert validate_template(with_change("5801", report_line="taxes_payable")) == [
        "5801 Income tax expense: expense account on balance-sheet line taxes_payable",
    ]
    assert validate_template(with_change("1001", name_zh=" ")) == ["1001 Cash on hand: a name is empty"]
