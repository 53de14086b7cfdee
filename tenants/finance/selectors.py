"""Reads of finance: the chart, periods, entries, rules and events of the current schema's company."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet

from tenants.finance.models import (
    Account,
    FinanceSettings,
    JournalEntry,
    JournalLine,
    Period,
    PostingEvent,
    PostingRule,
)


def settings_get() -> FinanceSettings:
    return FinanceSettings.objects.get(pk=1)


def account_list(*, search: str = "", type: str = "", postable: bool | None = None) -> QuerySet[Account]:
    rows = Account.objects.select_related("parent").order_by("code")
    if search:
        from django.db.models import Q

        rows = rows.filter(
            Q(code__startswith=search) | Q(name_zh__icontains=search) | Q(name_en__icontains=search)
        )
    if type:
        rows = rows.filter(type=type)
    if postable is not None:
        rows = rows.filter(is_postable=postable)
    return rows


def account_by_role(role: str) -> Account:
    return Account.objects.get(role=role)


def period_list(*, year: str = "") -> QuerySet[Period]:
    rows = Period.objects.select_related("fiscal_year").order_by("start")
    if year:
        rows = rows.filter(fiscal_year__name=year)
    return rows


def entry_list(
    *,
    journal: str = "",
    period_id: int | None = None,
    account_id: int | None = None,
    source_kind: str = "",
    source_id: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[JournalEntry]:
    rows = JournalEntry.objects.select_related(
        "journal", "period", "reversal_of", "reversed_by", "event"
    ).order_by("-date", "-id")
    if journal:
        rows = rows.filter(journal__code=journal)
    if period_id is not None:
        rows = rows.filter(period_id=period_id)
    if account_id is not None:
        rows = rows.filter(pk__in=JournalLine.objects.filter(account_id=account_id).values("entry_id"))
    if source_kind:
        rows = rows.filter(source_kind=source_kind)
    if source_id:
        rows = rows.filter(source_id=source_id)
    if date_from:
        rows = rows.filter(date__gte=date_from)
    if date_to:
        rows = rows.filter(date__lte=date_to)
    return rows.prefetch_related(
        Prefetch(
            "lines", queryset=JournalLine.objects.select_related("account", "project").order_by("line_no")
        )
    )


def entries_for_source(*, source_kind: str, source_id: str) -> list[JournalEntry]:
    """The entries a business document posted (its own and their reversals), oldest first."""
    return list(entry_list(source_kind=source_kind, source_id=source_id).order_by("date", "id"))


def rule_list(*, event_kind: str = "") -> QuerySet[PostingRule]:
    rows = PostingRule.objects.select_related("account").order_by("event_kind", "id")
    if event_kind:
        rows = rows.filter(event_kind=event_kind)
    return rows


def event_list(*, status: str = "", kind: str = "") -> QuerySet[PostingEvent]:
    rows = PostingEvent.objects.select_related("entry").order_by("-created_at", "-id")
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return rows
