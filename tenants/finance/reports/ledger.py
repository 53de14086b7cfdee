"""Trial balance (科目余额表) from the balances per period, and the general ledger of one account (明细账)
with a running balance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, QuerySet, Sum, Window
from django.db.models.functions import Coalesce

from tenants.finance.models import ZERO, Account, JournalLine
from tenants.finance.reports.balances import NOTHING, Movement, accounts_by_id, currency, movements
from tenants.finance.reports.ranges import DateRange


@dataclass(frozen=True)
class Drill:
    """What a figure is made of: the entries on these accounts (or with this cash-flow tag) in the dates."""

    account_ids: tuple[int, ...] = ()
    report_line: str = ""
    cash_flow_tag: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _sides(balance: Decimal) -> tuple[Decimal, Decimal]:
    return (balance, ZERO) if balance >= 0 else (ZERO, -balance)


@dataclass(frozen=True)
class TrialBalanceRow:
    account_id: int
    code: str
    name_zh: str
    name_en: str
    type: str
    level: int  # 0 for a top-level account
    is_postable: bool
    opening_debit: Decimal
    opening_credit: Decimal
    debit: Decimal
    credit: Decimal
    closing_debit: Decimal
    closing_credit: Decimal
    drill: Drill


@dataclass(frozen=True)
class TrialBalanceTotals:
    opening_debit: Decimal
    opening_credit: Decimal
    debit: Decimal
    credit: Decimal
    closing_debit: Decimal
    closing_credit: Decimal

    @property
    def balanced(self) -> bool:
        return (
            self.opening_debit == self.opening_credit
            and self.debit == self.credit
            and self.closing_debit == self.closing_credit
        )


@dataclass(frozen=True)
class TrialBalance:
    span: DateRange
    currency: str
    rows: list[TrialBalanceRow]
    totals: TrialBalanceTotals
    compare: TrialBalance | None = None

    @property
    def balanced(self) -> bool:
        return self.totals.balanced


def trial_balance(*, span: DateRange, compare: DateRange | None = None) -> TrialBalance:
    """Every account with a balance or a movement: opening (all periods before the range), the range's
    debits and credits, closing; parent accounts sum their children. Totals count postable accounts only
    and balance (opening, movement and closing debits equal their credits) because every entry does.

    Reads ``AccountBalance`` only (one query), plus the chart.
    """
    accounts = accounts_by_id()
    moved = movements(span)
    summed: dict[int, list[Decimal]] = {}
    for account_id, movement in moved.items():
        account: Account | None = accounts.get(account_id)
        while account is not None:
            acc = summed.setdefault(account.pk, [ZERO, ZERO, ZERO])
            acc[0] += movement.opening
            acc[1] += movement.debit
            acc[2] += movement.credit
            account = accounts.get(account.parent_id) if account.parent_id else None
    levels: dict[int, int] = {}

    def level(a: Account) -> int:
        if a.pk not in levels:
            levels[a.pk] = 0 if not a.parent_id else level(accounts[a.parent_id]) + 1
        return levels[a.pk]

    rows: list[TrialBalanceRow] = []
    totals = [ZERO] * 6
    for account in accounts.values():  # by code
        values = summed.get(account.pk)
        if values is None:
            continue
        opening, debit, credit = values
        if opening == ZERO and debit == ZERO and credit == ZERO:
            continue
        od, oc = _sides(opening)
        cd, cc = _sides(opening + debit - credit)
        ids = (account.pk,) if account.is_postable else _leaves(account, accounts)
        rows.append(
            TrialBalanceRow(
                account_id=account.pk,
                code=account.code,
                name_zh=account.name_zh,
                name_en=account.name_en,
                type=account.type,
                level=level(account),
                is_postable=account.is_postable,
                opening_debit=od,
                opening_credit=oc,
                debit=debit,
                credit=credit,
                closing_debit=cd,
                closing_credit=cc,
                drill=Drill(account_ids=ids, date_from=span.date_from, date_to=span.date_to),
            )
        )
        if account.is_postable:
            for index, value in enumerate((od, oc, debit, credit, cd, cc)):
                totals[index] += value
    result = TrialBalance(span=span, currency=currency(), rows=rows, totals=TrialBalanceTotals(*totals))
    if compare is not None:
        result = TrialBalance(
            span=span,
            currency=result.currency,
            rows=rows,
            totals=result.totals,
            compare=trial_balance(span=compare),
        )
    return result


def _leaves(parent: Account, accounts: dict[int, Account]) -> tuple[int, ...]:
    children: dict[int, list[int]] = {}
    for a in accounts.values():
        if a.parent_id:
            children.setdefault(a.parent_id, []).append(a.pk)
    out: list[int] = []
    stack = [parent.pk]
    while stack:
        current = stack.pop()
        kids = children.get(current, [])
        if not kids and current != parent.pk:
            out.append(current)
        stack.extend(kids)
    return tuple(sorted(out))


# --- general ledger of one account --------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerHeader:
    account: Account
    span_from: date
    span_to: date
    currency: str
    opening: Decimal  # signed, debit positive
    debit: Decimal
    credit: Decimal
    closing: Decimal
    lines: int = 0
    periods: list[tuple[str, Decimal, Decimal, Decimal]] = field(default_factory=list)


def _opening_at(account: Account, day: date) -> Decimal:
    """The account's balance before ``day``: whole periods from the balances, plus the lines of ``day``'s
    own period dated before it (a bounded read through the (account, date) index)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT coalesce(sum(b.debit - b.credit), 0)
              FROM finance_accountbalance b JOIN finance_period p ON p.id = b.period_id
             WHERE b.account_id = %(a)s AND p."end" < %(day)s
            """,
            {"a": account.pk, "day": day},
        )
        whole = Decimal(cursor.fetchone()[0])  # type: ignore[index]
        cursor.execute(
            """
            SELECT coalesce(sum(l.debit - l.credit), 0)
              FROM finance_journalline l
             WHERE l.account_id = %(a)s AND l.date < %(day)s
               AND l.date >= coalesce((SELECT start FROM finance_period WHERE start <= %(day)s
                                        AND "end" >= %(day)s), %(day)s)
            """,
            {"a": account.pk, "day": day},
        )
        partial = Decimal(cursor.fetchone()[0])  # type: ignore[index]
    return whole + partial


def general_ledger(*, account: Account, date_from: date, date_to: date) -> tuple[LedgerHeader, QuerySet]:
    """The account's opening and closing balance over the dates (any dates, not only whole periods) and its
    lines in them, oldest first, each annotated with ``running`` (the balance after it, debit positive).
    Paginate the queryset: the running balance is computed over the whole range before a page is cut.

    A parent account reads the lines of all its postable descendants.
    """
    ids = [account.pk] if account.is_postable else list(_leaves(account, accounts_by_id()))
    opening = sum((_opening_at(a, date_from) for a in Account.objects.filter(pk__in=ids)), ZERO)
    lines = JournalLine.objects.filter(account_id__in=ids, date__gte=date_from, date__lte=date_to)
    totals = lines.aggregate(d=Coalesce(Sum("debit"), ZERO), c=Coalesce(Sum("credit"), ZERO), n=Count("id"))
    debit, credit = Decimal(totals["d"]), Decimal(totals["c"])
    header = LedgerHeader(
        account=account,
        span_from=date_from,
        span_to=date_to,
        currency=currency(),
        opening=opening,
        debit=debit,
        credit=credit,
        closing=opening + debit - credit,
        lines=int(totals["n"] or 0),
    )
    order = [F("date").asc(), F("entry_id").asc(), F("line_no").asc()]
    rows = (
        lines.select_related("entry", "account")
        .annotate(running=Window(expression=Sum(F("debit") - F("credit")), order_by=order))
        .order_by("date", "entry_id", "line_no")
    )
    return header, rows


def movement_of(moved: dict[int, Movement], ids: list[int] | tuple[int, ...]) -> Movement:
    out = NOTHING
    for account_id in ids:
        m = moved.get(account_id)
        if m is not None:
            out = Movement(
                out.opening + m.opening,
                out.debit + m.debit,
                out.credit + m.credit,
                out.year_to_date + m.year_to_date,
            )
    return out
