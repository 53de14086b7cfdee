"""Whether the statements tie: what a test (or an operator) runs over any company's books."""

from __future__ import annotations

from datetime import date

from tenants.finance.models import ZERO, Account, AccountType
from tenants.finance.reports.balances import movements
from tenants.finance.reports.financial import balance_sheet, cash_flow, income_statement
from tenants.finance.reports.ledger import trial_balance
from tenants.finance.reports.ranges import range_resolve


def statements_tie(*, date_from: date, date_to: date) -> list[str]:
    """The problems found in the current schema's statements over the periods covering the dates (an empty
    list when everything ties):

    - the trial balance is balanced (opening, movement, closing);
    - the balance sheet at the end balances: total assets = total liabilities and equity;
    - the cash-flow statement's net change (direct method) = the change of the cash accounts' balances =
      the indirect reconciliation's net change;
    - the income statement's net profit = the net of every revenue and expense account's movement.
    """
    span = range_resolve(date_from=date_from, date_to=date_to)
    problems: list[str] = []
    tb = trial_balance(span=span)
    t = tb.totals
    if t.opening_debit != t.opening_credit:
        problems.append(f"trial balance: opening debits {t.opening_debit} != credits {t.opening_credit}")
    if t.debit != t.credit:
        problems.append(f"trial balance: period debits {t.debit} != credits {t.credit}")
    if t.closing_debit != t.closing_credit:
        problems.append(f"trial balance: closing debits {t.closing_debit} != credits {t.closing_credit}")
    bs = balance_sheet(span=span)
    assets = bs.row("total_assets").amount
    claims = bs.row("total_liabilities_and_equity").amount
    if assets != claims:
        problems.append(f"balance sheet: assets {assets} != liabilities and equity {claims}")
    cf = cash_flow(span=span)
    change = cf.closing_cash - cf.opening_cash
    if cf.net_change != change:
        problems.append(f"cash flow: net change {cf.net_change} != change of cash accounts {change}")
    indirect = next(r for r in cf.indirect if r.key == "net_change").amount
    if indirect != change:
        problems.append(f"cash flow: indirect net change {indirect} != change of cash accounts {change}")
    closing = cf.statement.row("closing_cash").amount
    bs_cash = next((r.amount for r in bs.rows if r.key == "cash_and_equivalents"), ZERO)
    if closing != bs_cash:
        problems.append(f"cash flow: closing cash {closing} != balance sheet cash {bs_cash}")
    pl = Account.objects.filter(type__in=[AccountType.REVENUE, AccountType.EXPENSE]).values_list(
        "pk", flat=True
    )
    moved = movements(span)
    expected = -sum((moved[i].net for i in pl if i in moved), ZERO)
    net_profit = income_statement(span=span).row("net_profit").amount
    if net_profit != expected:
        problems.append(f"income statement: net profit {net_profit} != revenue less expenses {expected}")
    return problems
