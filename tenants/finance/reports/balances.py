"""Balances per account over a range, from ``AccountBalance`` (one row per account and period): one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection

from tenants.finance.models import ZERO, Account
from tenants.finance.reports.ranges import DateRange, fiscal_year_start


@dataclass(frozen=True)
class Movement:
    """Signed amounts (debit positive) of one account: before the range, in it, and its fiscal year to date."""

    opening: Decimal
    debit: Decimal
    credit: Decimal
    year_to_date: Decimal  # debit - credit from the first day of the fiscal year of date_to to date_to

    @property
    def closing(self) -> Decimal:
        return self.opening + self.debit - self.credit

    @property
    def net(self) -> Decimal:
        return self.debit - self.credit


NOTHING = Movement(ZERO, ZERO, ZERO, ZERO)

_SQL = """
SELECT b.account_id,
       coalesce(sum(b.debit - b.credit) FILTER (WHERE p."end" < %(from)s), 0),
       coalesce(sum(b.debit) FILTER (WHERE p.start >= %(from)s), 0),
       coalesce(sum(b.credit) FILTER (WHERE p.start >= %(from)s), 0),
       coalesce(sum(b.debit - b.credit) FILTER (WHERE p.start >= %(year)s), 0)
  FROM finance_accountbalance b JOIN finance_period p ON p.id = b.period_id
 WHERE p.start <= %(to)s
 GROUP BY b.account_id
"""


def movements(span: DateRange) -> dict[int, Movement]:
    """account id -> its movement over ``span`` (accounts never posted to are left out)."""
    year = fiscal_year_start(span.date_to)
    with connection.cursor() as cursor:
        cursor.execute(_SQL, {"from": span.date_from, "to": span.date_to, "year": year})
        return {
            int(account_id): Movement(Decimal(o), Decimal(d), Decimal(c), Decimal(y))
            for account_id, o, d, c, y in cursor.fetchall()
        }


def accounts_by_id() -> dict[int, Account]:
    return {a.pk: a for a in Account.objects.order_by("code")}


def currency() -> str:
    from tenants.finance.models import FinanceSettings

    value = FinanceSettings.objects.filter(pk=1).values_list("functional_currency", flat=True).first()
    return str(value or "CNY")


def as_of_label(day: date) -> str:
    return day.isoformat()
