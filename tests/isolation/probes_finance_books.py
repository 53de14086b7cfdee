"""Isolation probes of the books (tenants.finance): settings, accounts, periods, journals, entries, rules, events.

``seed(side)`` spreads the finance id sequences of the side's schema (ids are per schema, so the other
side's ids must not exist there), then adds an account, a project and an entry carrying the side's marker,
a posting rule and a posting event of its own, a closed period to reopen (December 2024) and an open one
to close (January 2023).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tests.isolation.world import Probe, Side

TABLES = (
    "account",
    "fiscalyear",
    "period",
    "journalentry",
    "journalline",
    "postingrule",
    "postingevent",
    "project",
    "invoice",
    "invoiceline",
)


def _spread_ids() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                [f"finance_{table}", 1_000_000 + secrets.randbelow(10**12)],
            )


def seed(side: Side) -> dict[str, Any]:
    if "finance_books" in side.extra:
        return side.extra["finance_books"]
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from kernel.tenancy import company_context
    from tenants.finance.models import Account, EventStatus, Period, PostingEvent, PostingRule
    from tenants.finance.services import books
    from tenants.finance.services.posting import Leg, entry_post

    m = side.marker
    side.extra["finance_books"] = {}
    actor = Actor(
        company=side.company,
        permissions=permissions_for(["owner"]),
        user=side.owner,
        membership=Membership.objects.get(user=side.owner, company=side.company),
    )
    with company_context(side.company):
        _spread_ids()
        books.fiscal_year_create(actor=actor, year=2023)
        books.fiscal_year_create(actor=actor, year=2024)
        december = Period.objects.get(start=date(2024, 12, 1))
        books.period_close(actor=actor, period=december, reason=f"{m} seed")
        january = Period.objects.get(start=date(2023, 1, 1))
        account = books.account_create(
            actor=actor,
            code=f"0{secrets.randbelow(10**6):06d}",
            name_zh=f"{m} 账户",
            name_en=f"{m} account",
            type="expense",
            report_line="admin_expenses",
        )
        books.project_create(actor=actor, code=f"{m}-P", name=f"{m} project")
        entry = entry_post(
            legs=[
                Leg(amount=Decimal("12.00"), account=account, description=f"{m} line"),
                Leg(amount=Decimal("-12.00"), role="bank", description=f"{m} line"),
            ],
            day=date.today(),
            description=f"{m} entry",
        )
        rule = PostingRule.objects.create(
            event_kind="_isolation_probe",
            component=f"{m}-component",
            side="debit",
            account=Account.objects.get(role="bank"),
            description_en=f"{m} rule",
        )
        event = PostingEvent.objects.create(
            kind="isolation_probe", source_id=m, occurred_on=date.today(), status=EventStatus.SKIPPED
        )
    side.extra["finance_books"] = data = {
        "account_id": account.pk,
        "entry_id": entry.pk,
        "rule_id": rule.pk,
        "event_id": event.pk,
        "close_id": january.pk,
        "reopen_id": december.pk,
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


@dataclass(frozen=True)
class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


def _fingerprint(side: Side) -> dict[str, Any]:
    from kernel.tenancy import company_context
    from tenants.finance.models import (
        Account,
        FinanceSettings,
        JournalEntry,
        Period,
        PostingEvent,
        PostingRule,
        Project,
    )

    seed(side)
    with company_context(side.company):
        return {
            "settings": list(FinanceSettings.objects.values_list("tax_id", "price_tolerance_percent")),
            "accounts": list(
                Account.objects.order_by("pk").values_list(
                    "pk", "code", "name_en", "is_active", "is_postable"
                )
            ),
            "periods": list(Period.objects.order_by("pk").values_list("pk", "status")),
            "entries": list(JournalEntry.objects.order_by("pk").values_list("pk", "number")),
            "rules": list(PostingRule.objects.order_by("pk").values_list("pk", "account_id")),
            "events": list(PostingEvent.objects.order_by("pk").values_list("pk", "status", "attempts")),
            "projects": list(Project.objects.order_by("pk").values_list("pk", "code")),
        }


FINGERPRINTS = {"finance_books": _fingerprint}


def _own_bank(s: Side) -> int:
    from kernel.tenancy import company_context
    from tenants.finance.models import Account

    with company_context(s.company):
        return Account.objects.get(role="cash").pk


TENANT_PROBES: dict[str, Probe] = {
    "finance_settings": SeededProbe("GET", "/api/finance/settings/"),
    "finance_settings_update": SeededProbe(
        "PATCH", "/api/finance/settings/", body=lambda s: {"tax_id": f"{s.marker}-TAX"}
    ),
    "finance_accounts_list": SeededProbe("GET", "/api/finance/accounts/", lists=True),
    "finance_accounts_create": SeededProbe(
        "POST",
        "/api/finance/accounts/",
        body=lambda s: {
            "code": f"8{secrets.randbelow(10**6):06d}",
            "name_en": f"{s.marker} new account",
            "type": "expense",
            "report_line": "admin_expenses",
        },
        ok=201,
    ),
    "finance_account": SeededProbe(
        "GET", "/api/finance/accounts/{account_id}/", ids={"account_id": _id("account_id")}
    ),
    "finance_account_update": SeededProbe(
        "PATCH",
        "/api/finance/accounts/{account_id}/",
        ids={"account_id": _id("account_id")},
        body=lambda s: {"name_en": f"{s.marker} renamed"},
    ),
    "finance_periods_list": SeededProbe("GET", "/api/finance/periods/"),
    "finance_period_close": SeededProbe(
        "POST",
        "/api/finance/periods/{period_id}/close/",
        ids={"period_id": _id("close_id")},
        body=lambda s: {},
    ),
    "finance_period_reopen": SeededProbe(
        "POST",
        "/api/finance/periods/{period_id}/reopen/",
        ids={"period_id": _id("reopen_id")},
        body=lambda s: {"reason": f"{s.marker} correction"},
    ),
    "finance_fiscal_years_create": SeededProbe(
        "POST", "/api/finance/fiscal-years/", body=lambda s: {"year": 2025}, ok=201
    ),
    "finance_journals_list": SeededProbe("GET", "/api/finance/journals/"),
    "finance_projects_list": SeededProbe("GET", "/api/finance/projects/", lists=True),
    "finance_projects_create": SeededProbe(
        "POST",
        "/api/finance/projects/",
        body=lambda s: {"code": f"{s.marker}-{secrets.randbelow(10**6)}", "name": f"{s.marker} p"},
        ok=201,
    ),
    "finance_entries_list": SeededProbe("GET", "/api/finance/entries/", lists=True),
    "finance_entries_create": SeededProbe(
        "POST",
        "/api/finance/entries/",
        body=lambda s: {
            "date": date.today().isoformat(),
            "description": f"{s.marker} manual",
            "lines": [
                {"account_id": seed(s)["account_id"], "debit": "5.00"},
                {"account_id": _own_bank(s), "credit": "5.00"},
            ],
        },
        ok=201,
    ),
    "finance_entry": SeededProbe(
        "GET", "/api/finance/entries/{entry_id}/", ids={"entry_id": _id("entry_id")}
    ),
    "finance_entry_reverse": SeededProbe(
        "POST",
        "/api/finance/entries/{entry_id}/reverse/",
        ids={"entry_id": _id("entry_id")},
        body=lambda s: {"reason": f"{s.marker} wrong"},
        ok=201,
    ),
    "finance_posting_rules_list": SeededProbe("GET", "/api/finance/posting-rules/", lists=True),
    "finance_posting_rule_update": SeededProbe(
        "PATCH",
        "/api/finance/posting-rules/{posting_rule_id}/",
        ids={"posting_rule_id": _id("rule_id")},
        body=lambda s: {"account_id": _own_bank(s)},
    ),
    "finance_posting_events_list": SeededProbe("GET", "/api/finance/posting-events/", lists=True),
    "finance_posting_event_retry": SeededProbe(
        "POST",
        "/api/finance/posting-events/{posting_event_id}/retry/",
        ids={"posting_event_id": _id("event_id")},
    ),
}
