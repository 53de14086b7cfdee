"""Factories of finance tests: a company with open books, and running its postings now."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from identity.access import Actor
from identity.roles import permissions_for
from tenants.finance.models import Account, JournalEntry
from tenants.finance.services.posting import Leg, entry_post, events_post_pending


def actor_for(result: Any) -> Actor:
    """The owner of a ``make_company`` result as a service actor."""
    from identity.models import Membership

    membership = Membership.objects.get(user=result.user, company=result.company)
    return Actor(
        company=result.company,
        permissions=frozenset(permissions_for(membership.roles)),
        user=result.user,
        membership=membership,
    )


def run_postings() -> int:
    """Post every pending business event of the current schema now (as the outbox would after commit)."""
    return events_post_pending()


def account(role: str) -> Account:
    return Account.objects.get(role=role)


def post(
    day: date, *pairs: tuple[str, str], amount: Decimal | str = "100.00", description: str = "test"
) -> JournalEntry:
    """Post a two-line entry per (debit role, credit role) pair of ``amount``."""
    legs: list[Leg] = []
    for debit_role, credit_role in pairs:
        legs.append(Leg(amount=Decimal(amount), role=debit_role))
        legs.append(Leg(amount=-Decimal(amount), role=credit_role))
    return entry_post(legs=legs, day=day, description=description)
