# ruff: noqa: RUF001 - Chinese labels use Chinese punctuation
"""Balance sheet (资产负债表), income statement (利润表) and cash-flow statement (现金流量表).

The balance sheet and income statement group accounts by their ``report_line`` (``REPORT_LINES`` of the
chart package) and read ``AccountBalance`` only. Sign conventions: asset lines show debit balances,
liability and equity lines credit balances; income-statement lines show income as credit movement and
expenses as debit movement, so contra accounts reduce the line they sit on.

The profit not yet closed into equity (see ``tenants.finance.charts``) lands on equity: the revenue and
expense accounts' net of the fiscal year of the balance-sheet date on ``current_year_profit`` (with the
balance of 本年利润 itself), and their net of earlier years on ``retained_earnings``; a company that closes
its books has those nets at zero, so the balance sheet balances either way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db import connection

from tenants.finance.charts import REPORT_LINES
from tenants.finance.models import ZERO, Account, AccountType
from tenants.finance.reports.balances import Movement, accounts_by_id, currency, movements
from tenants.finance.reports.ledger import Drill
from tenants.finance.reports.ranges import DateRange, fiscal_year_start
from tenants.finance.services.posting import CASH_FLOW_TAGS

PL_TYPES = {AccountType.REVENUE, AccountType.EXPENSE}
DEBIT_SECTIONS = {"current_assets", "non_current_assets"}
# income-statement lines whose figure is income (credit movement); the others are costs (debit movement)
INCOME_LINES = {
    "revenue",
    "other_gains",
    "investment_income",
    "fair_value_gains",
    "asset_disposal_gains",
    "non_operating_income",
}
NON_OPERATING = {"non_operating_income", "non_operating_expenses"}

SECTION_LABELS: dict[str, tuple[str, str]] = {
    "current_assets": ("流动资产", "Current assets"),
    "non_current_assets": ("非流动资产", "Non-current assets"),
    "current_liabilities": ("流动负债", "Current liabilities"),
    "non_current_liabilities": ("非流动负债", "Non-current liabilities"),
    "equity": ("所有者权益", "Equity"),
}
TOTAL_LABELS: dict[str, tuple[str, str]] = {
    "current_assets": ("流动资产合计", "Total current assets"),
    "non_current_assets": ("非流动资产合计", "Total non-current assets"),
    "assets": ("资产总计", "Total assets"),
    "current_liabilities": ("流动负债合计", "Total current liabilities"),
    "non_current_liabilities": ("非流动负债合计", "Total non-current liabilities"),
    "liabilities": ("负债合计", "Total liabilities"),
    "equity": ("所有者权益合计", "Total equity"),
    "liabilities_and_equity": ("负债和所有者权益总计", "Total liabilities and equity"),
    "gross_profit": ("毛利", "Gross profit"),
    "operating_profit": ("营业利润", "Operating profit"),
    "profit_before_tax": ("利润总额", "Profit before tax"),
    "net_profit": ("净利润", "Net profit"),
}


@dataclass(frozen=True)
class StatementRow:
    """One row of a statement. ``kind``: "heading" (no figures), "line" (a report line), "total", "note"
    (a figure shown for information, not added into the totals below it)."""

    key: str
    label_zh: str
    label_en: str
    kind: str
    amount: Decimal | None
    compare_amount: Decimal | None
    drill: Drill | None
    level: int = 0

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_zh


@dataclass(frozen=True)
class Statement:
    key: str  # balance_sheet | income_statement | cash_flow
    title_zh: str
    title_en: str
    span: DateRange
    compare: DateRange | None
    currency: str
    rows: list[StatementRow]

    def row(self, key: str) -> StatementRow:
        return next(r for r in self.rows if r.key == key)


def _line_accounts(accounts: dict[int, Account]) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = defaultdict(list)
    for account in accounts.values():
        if account.is_postable:
            lines[account.report_line].append(account.pk)
    return lines


def _sum(moved: dict[int, Movement], ids: list[int], attr: str) -> Decimal:
    return sum((getattr(moved[i], attr) for i in ids if i in moved), ZERO)


# --- balance sheet -------------------------------------------------------------------------------------------


def _bs_figures(span: DateRange, accounts: dict[int, Account]) -> dict[str, Decimal]:
    moved = movements(span)
    lines = _line_accounts(accounts)
    figures: dict[str, Decimal] = {}
    for line, (statement, section, *_rest) in REPORT_LINES.items():
        if statement != "bs" or line not in lines:
            continue
        closing = _sum(moved, lines[line], "closing")
        figures[line] = closing if section in DEBIT_SECTIONS else -closing
    pl = [a.pk for a in accounts.values() if a.type in PL_TYPES]
    this_year = -_sum(moved, pl, "year_to_date")
    earlier = -_sum(moved, pl, "closing") - this_year
    figures["current_year_profit"] = figures.get("current_year_profit", ZERO) + this_year
    figures["retained_earnings"] = figures.get("retained_earnings", ZERO) + earlier
    return figures


def balance_sheet(*, span: DateRange, compare: DateRange | None = None) -> Statement:
    """Balances at the end of ``span`` (and of ``compare``) by report line and section, with subtotals;
    ``total_assets`` equals ``total_liabilities_and_equity``."""
    accounts = accounts_by_id()
    lines = _line_accounts(accounts)
    now = _bs_figures(span, accounts)
    then = _bs_figures(compare, accounts) if compare else None
    pl_ids = tuple(sorted(a.pk for a in accounts.values() if a.type in PL_TYPES))
    year_from = fiscal_year_start(span.date_to)
    rows: list[StatementRow] = []
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])

    def add_total(key: str, a: Decimal, b: Decimal | None) -> None:
        zh, en = TOTAL_LABELS[key]
        rows.append(StatementRow(f"total_{key}", zh, en, "total", a, b, None))

    for section in SECTION_LABELS:
        zh, en = SECTION_LABELS[section]
        rows.append(StatementRow(f"section_{section}", zh, en, "heading", None, None, None))
        entries = sorted(
            (spec[2], line, spec)
            for line, spec in REPORT_LINES.items()
            if spec[0] == "bs" and spec[1] == section and (line in now or line in lines)
        )
        for _order, line, spec in entries:
            ids = tuple(sorted(lines.get(line, [])))
            drill = Drill(account_ids=ids, report_line=line, date_to=span.date_to)
            if line == "current_year_profit":
                drill = Drill(
                    account_ids=ids + pl_ids, report_line=line, date_from=year_from, date_to=span.date_to
                )
            amount = now.get(line, ZERO)
            before = then.get(line, ZERO) if then is not None else None
            rows.append(StatementRow(line, spec[3], spec[4], "line", amount, before, drill, level=1))
            sums[section][0] += amount
            sums[section][1] += before or ZERO
        a, b = sums[section]
        add_total(section, a, b if then is not None else None)
        if section == "non_current_assets":
            a = sums["current_assets"][0] + sums["non_current_assets"][0]
            b = sums["current_assets"][1] + sums["non_current_assets"][1]
            add_total("assets", a, b if then is not None else None)
        if section == "non_current_liabilities":
            a = sums["current_liabilities"][0] + sums["non_current_liabilities"][0]
            b = sums["current_liabilities"][1] + sums["non_current_liabilities"][1]
            add_total("liabilities", a, b if then is not None else None)
    a = sums["current_liabilities"][0] + sums["non_current_liabilities"][0] + sums["equity"][0]
    b = sums["current_liabilities"][1] + sums["non_current_liabilities"][1] + sums["equity"][1]
    add_total("liabilities_and_equity", a, b if then is not None else None)
    return Statement("balance_sheet", "资产负债表", "Balance sheet", span, compare, currency(), rows)


# --- income statement ------------------------------------------------------------------------------------


def _is_figures(span: DateRange, accounts: dict[int, Account]) -> dict[str, Decimal]:
    moved = movements(span)
    lines = _line_accounts(accounts)
    figures: dict[str, Decimal] = {}
    for line, spec in REPORT_LINES.items():
        if spec[0] != "is" or line not in lines:
            continue
        net = _sum(moved, lines[line], "net")
        figures[line] = -net if line in INCOME_LINES else net
    return figures


def _signed(line: str, value: Decimal) -> Decimal:
    return value if line in INCOME_LINES else -value


def income_statement(*, span: DateRange, compare: DateRange | None = None) -> Statement:
    """Revenue, cost of sales, gross profit, operating expenses, operating profit, non-operating items,
    profit before tax, income tax and net profit over ``span``; net profit is the net of every revenue and
    expense account's movement."""
    accounts = accounts_by_id()
    lines = _line_accounts(accounts)
    columns = [_is_figures(span, accounts)] + ([_is_figures(compare, accounts)] if compare else [])
    rows: list[StatementRow] = []

    def line_row(line: str) -> None:
        spec = REPORT_LINES[line]
        values = [c.get(line, ZERO) for c in columns]
        ids = tuple(sorted(lines.get(line, [])))
        drill = Drill(account_ids=ids, report_line=line, date_from=span.date_from, date_to=span.date_to)
        rows.append(
            StatementRow(line, spec[3], spec[4], "line", values[0], values[1] if compare else None, drill, 1)
        )

    def total(key: str, parts: list[str], base: list[Decimal] | None = None) -> list[Decimal]:
        values = []
        for index, column in enumerate(columns):
            value = base[index] if base else ZERO
            for line in parts:
                value += _signed(line, column.get(line, ZERO))
            values.append(value)
        zh, en = TOTAL_LABELS[key]
        rows.append(StatementRow(key, zh, en, "total", values[0], values[1] if compare else None, None))
        return values

    ordered = sorted((spec[2], line) for line, spec in REPORT_LINES.items() if spec[0] == "is")
    present = [line for _o, line in ordered if line in lines]
    first = [x for x in present if REPORT_LINES[x][1] in ("revenue", "cost_of_sales")]
    for line in first:
        line_row(line)
    gross = total("gross_profit", first)
    operating = [
        x
        for x in present
        if REPORT_LINES[x][1] in ("operating_expenses", "finance", "other") and x not in NON_OPERATING
    ]
    for line in operating:
        line_row(line)
    op_profit = total("operating_profit", operating, gross)
    non_operating = [x for x in present if x in NON_OPERATING]
    for line in non_operating:
        line_row(line)
    before_tax = total("profit_before_tax", non_operating, op_profit)
    tax = [x for x in present if REPORT_LINES[x][1] == "income_tax"]
    for line in tax:
        line_row(line)
    total("net_profit", tax, before_tax)
    return Statement("income_statement", "利润表", "Income statement", span, compare, currency(), rows)


# --- cash-flow statement ---------------------------------------------------------------------------------

INFLOW_TAGS = {
    "customer_receipts",
    "tax_refunds",
    "other_operating_receipts",
    "asset_disposals",
    "borrowings",
    "capital_contributions",
}
ACTIVITIES: dict[str, tuple[str, str]] = {
    "operating": ("经营活动产生的现金流量", "Cash flows from operating activities"),
    "investing": ("投资活动产生的现金流量", "Cash flows from investing activities"),
    "financing": ("筹资活动产生的现金流量", "Cash flows from financing activities"),
}
ACTIVITY_TOTALS: dict[str, tuple[str, str]] = {
    "operating": ("经营活动产生的现金流量净额", "Net cash from operating activities"),
    "investing": ("投资活动产生的现金流量净额", "Net cash from investing activities"),
    "financing": ("筹资活动产生的现金流量净额", "Net cash from financing activities"),
}
# balance-sheet lines whose change is working capital of operations (the indirect method's adjustments)
WORKING_CAPITAL = {
    "notes_receivable",
    "trade_receivables",
    "prepayments",
    "other_receivables",
    "inventories",
    "other_current_assets",
    "notes_payable",
    "trade_payables",
    "advances_from_customers",
    "employee_benefits_payable",
    "taxes_payable",
    "other_payables",
    "other_current_liabilities",
}

_CASH_SQL = """
WITH cash AS (
    SELECT l.entry_id, l.cash_flow_tag, l.debit, l.credit
      FROM finance_journalline l JOIN finance_account a ON a.id = l.account_id
     WHERE a.is_cash AND l.date >= %(from)s AND l.date <= %(to)s
), sides AS (
    SELECT entry_id, bool_or(debit > 0) AND bool_or(credit > 0) AS both_sides FROM cash GROUP BY entry_id
)
SELECT c.cash_flow_tag, sum(c.debit), sum(c.credit)
  FROM cash c JOIN sides s USING (entry_id) WHERE NOT s.both_sides
 GROUP BY c.cash_flow_tag
"""

_MIXED_SQL = """
WITH cash AS (
    SELECT l.entry_id, l.line_no, l.cash_flow_tag, l.debit, l.credit
      FROM finance_journalline l JOIN finance_account a ON a.id = l.account_id
     WHERE a.is_cash AND l.date >= %(from)s AND l.date <= %(to)s
)
SELECT entry_id, cash_flow_tag, debit, credit FROM cash
 WHERE entry_id IN (SELECT entry_id FROM cash GROUP BY entry_id
                     HAVING bool_or(debit > 0) AND bool_or(credit > 0))
 ORDER BY entry_id, line_no
"""


def _tag_of(tag: str, debit: bool) -> str:
    if tag in CASH_FLOW_TAGS:
        return tag
    return "other_operating_receipts" if debit else "other_operating_payments"


def _cash_flows(span: DateRange) -> dict[str, Decimal]:
    """tag -> cash in minus cash out over ``span`` (signed, inflow positive), transfers left out.

    Cash lines of an entry that has cash on both sides are transfers between cash accounts up to the
    smaller side; the entry's net (if any) is spread over the lines of the larger side in proportion,
    to the cent, so the flows always add up to the change of the cash accounts.
    """
    flows: dict[str, Decimal] = defaultdict(lambda: ZERO)
    args = {"from": span.date_from, "to": span.date_to}
    with connection.cursor() as cursor:
        cursor.execute(_CASH_SQL, args)
        for tag, debit, credit in cursor.fetchall():
            if tag in CASH_FLOW_TAGS:
                flows[tag] += Decimal(debit) - Decimal(credit)
            else:
                flows["other_operating_receipts"] += Decimal(debit)
                flows["other_operating_payments"] -= Decimal(credit)
        cursor.execute(_MIXED_SQL, args)
        mixed: dict[int, list[tuple[str, Decimal, Decimal]]] = defaultdict(list)
        for entry_id, tag, debit, credit in cursor.fetchall():
            mixed[entry_id].append((tag, Decimal(debit), Decimal(credit)))
    for entry_lines in mixed.values():
        net = sum((d - c for _t, d, c in entry_lines), ZERO)
        if net == ZERO:
            continue
        side = (
            [(t, d) for t, d, _c in entry_lines if d > 0]
            if net > 0
            else [(t, c) for t, _d, c in entry_lines if c > 0]
        )
        whole = sum((amount for _t, amount in side), ZERO)
        shares = [
            (t, (abs(net) * amount / whole).quantize(Decimal("0.01"), rounding=ROUND_DOWN))
            for t, amount in side
        ]
        rest = abs(net) - sum((s for _t, s in shares), ZERO)
        for index, (tag, share) in enumerate(shares):
            if index == 0:
                share += rest
            flows[_tag_of(tag, net > 0)] += share if net > 0 else -share
    return flows


def _cash_balances(span: DateRange, accounts: dict[int, Account]) -> tuple[Decimal, Decimal]:
    moved = movements(span)
    ids = [a.pk for a in accounts.values() if a.is_cash]
    return _sum(moved, ids, "opening"), _sum(moved, ids, "closing")


@dataclass(frozen=True)
class CashFlow:
    statement: Statement
    net_change: Decimal
    opening_cash: Decimal
    closing_cash: Decimal
    indirect: list[StatementRow]

    # the statement's own fields, so that the cash flow reads like a statement with more figures
    @property
    def key(self) -> str:
        return self.statement.key

    @property
    def title_zh(self) -> str:
        return self.statement.title_zh

    @property
    def title_en(self) -> str:
        return self.statement.title_en

    @property
    def currency(self) -> str:
        return self.statement.currency

    @property
    def span(self) -> DateRange:
        return self.statement.span

    @property
    def compare(self) -> DateRange | None:
        return self.statement.compare

    @property
    def rows(self) -> list[StatementRow]:
        return self.statement.rows


def cash_flow(*, span: DateRange, compare: DateRange | None = None) -> CashFlow:
    """The direct method from the tags of the lines on cash accounts (``Account.is_cash``), grouped by
    activity (``CASH_FLOW_TAGS``; untagged lines are other operating receipts or payments; transfers
    between cash accounts are not flows), then the cash at the start and end of ``span``; and the indirect
    reconciliation: net profit adjusted by the change of every other balance-sheet line, which ends at the
    same net change of cash (its "note" row compares net profit adjusted for working capital with the
    direct method's operating cash: depreciation and other non-cash items, and tags that classify
    differently).
    """
    accounts = accounts_by_id()
    spans = [span] + ([compare] if compare else [])
    flows = [_cash_flows(s) for s in spans]
    balances = [_cash_balances(s, accounts) for s in spans]
    cash_ids = tuple(sorted(a.pk for a in accounts.values() if a.is_cash))
    rows: list[StatementRow] = []

    def pick(values: list[Decimal]) -> tuple[Decimal, Decimal | None]:
        return values[0], (values[1] if compare else None)

    nets = [ZERO for _ in spans]
    for activity, (zh, en) in ACTIVITIES.items():
        rows.append(StatementRow(f"section_{activity}", zh, en, "heading", None, None, None))
        totals = [ZERO for _ in spans]
        for tag, (tag_activity, tag_zh, tag_en) in CASH_FLOW_TAGS.items():
            if tag_activity != activity:
                continue
            sign = 1 if tag in INFLOW_TAGS else -1
            values = [f.get(tag, ZERO) * sign for f in flows]
            for index, flow in enumerate(flows):
                totals[index] += flow.get(tag, ZERO)
            drill = Drill(
                account_ids=cash_ids, cash_flow_tag=tag, date_from=span.date_from, date_to=span.date_to
            )
            a, b = pick(values)
            rows.append(StatementRow(tag, tag_zh, tag_en, "line", a, b, drill, level=1))
        tz, te = ACTIVITY_TOTALS[activity]
        a, b = pick(totals)
        rows.append(StatementRow(f"net_{activity}", tz, te, "total", a, b, None))
        for index, value in enumerate(totals):
            nets[index] += value
    a, b = pick(nets)
    cash_drill = Drill(account_ids=cash_ids, date_from=span.date_from, date_to=span.date_to)
    rows.append(
        StatementRow(
            "net_change",
            "现金及现金等价物净增加额",
            "Net increase in cash and cash equivalents",
            "total",
            a,
            b,
            cash_drill,
        )
    )
    a, b = pick([x[0] for x in balances])
    rows.append(
        StatementRow(
            "opening_cash",
            "期初现金及现金等价物余额",
            "Cash and cash equivalents at the beginning",
            "line",
            a,
            b,
            None,
        )
    )
    a, b = pick([x[1] for x in balances])
    rows.append(
        StatementRow(
            "closing_cash",
            "期末现金及现金等价物余额",
            "Cash and cash equivalents at the end",
            "total",
            a,
            b,
            None,
        )
    )
    statement = Statement("cash_flow", "现金流量表", "Cash-flow statement", span, compare, currency(), rows)
    return CashFlow(
        statement=statement,
        net_change=nets[0],
        opening_cash=balances[0][0],
        closing_cash=balances[0][1],
        indirect=_indirect(span, accounts, direct_operating=statement.row("net_operating").amount or ZERO),
    )


def _indirect(
    span: DateRange, accounts: dict[int, Account], *, direct_operating: Decimal
) -> list[StatementRow]:
    """补充资料: net profit, plus the decrease of each non-cash asset line and the increase of each liability
    and equity line over ``span`` (working capital first), ending at the net change of cash."""
    moved = movements(span)
    lines = _line_accounts(accounts)
    pl = [a.pk for a in accounts.values() if a.type in PL_TYPES]
    net_profit = -_sum(moved, pl, "net")
    rows = [
        StatementRow(
            "net_profit",
            "净利润",
            "Net profit",
            "line",
            net_profit,
            None,
            Drill(account_ids=tuple(sorted(pl)), date_from=span.date_from, date_to=span.date_to),
        )
    ]
    working, other = ZERO, ZERO
    later: list[StatementRow] = []
    ordered = sorted((spec[2], line) for line, spec in REPORT_LINES.items() if spec[0] == "bs")
    for _order, line in ordered:
        if line == "cash_and_equivalents" or line not in lines:
            continue
        adjustment = -_sum(moved, lines[line], "net")  # less an asset's increase, plus a liability's
        if adjustment == ZERO:
            continue
        spec = REPORT_LINES[line]
        drill = Drill(
            account_ids=tuple(sorted(lines[line])),
            report_line=line,
            date_from=span.date_from,
            date_to=span.date_to,
        )
        zh, en = f"{spec[3]}的变动", f"Change in {spec[4][0].lower()}{spec[4][1:]}"
        row = StatementRow(f"change_{line}", zh, en, "line", adjustment, None, drill, level=1)
        if line in WORKING_CAPITAL:
            rows.append(row)
            working += adjustment
        else:
            later.append(row)
            other += adjustment
    operating = net_profit + working
    rows.append(
        StatementRow(
            "operating_before_other",
            "净利润加营运资金变动",
            "Net profit adjusted for working capital",
            "total",
            operating,
            None,
            None,
        )
    )
    rows.append(
        StatementRow(
            "operating_difference",
            "非现金项目及分类差异（如折旧）",
            "Non-cash items and classification (e.g. depreciation)",
            "note",
            direct_operating - operating,
            None,
            None,
        )
    )
    rows.extend(later)
    rows.append(
        StatementRow(
            "net_change",
            "现金及现金等价物净增加额",
            "Net increase in cash and cash equivalents",
            "total",
            net_profit + working + other,
            None,
            None,
        )
    )
    return rows
