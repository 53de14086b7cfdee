"""The one posting service: every journal entry of a company is written by :func:`entry_post`.

Business events (a goods receipt, an invoice, a payment, a bill endorsed...) post through a registry::

    @posting_event("goods_receipt", journal="INV", rules=[
        RuleSpec("inventory", "debit", "inventory", "库存商品", "Inventory"),
        RuleSpec("grni", "credit", "grni", "暂估应付款", "Goods received not invoiced"),
    ])
    def goods_receipt_posting(event: PostingEvent) -> Posting | None: ...

The service that causes the event calls :func:`event_record` in its own transaction; the event is posted
after commit by the outbox (and by the sweeper, and by :func:`events_post_pending`), exactly once: the
event row is locked while it posts and the entry points at it under a unique constraint. A builder
returns the entry's legs by *component*; the company's rule table (``PostingRule``, seeded from the
registry's :class:`RuleSpec` defaults) says which account each component posts to.

Queries per posting are constant whatever the number of lines: the number (one upsert), the period (one
read, locked FOR SHARE against a concurrent close), rules and role accounts (one read each), the entry
(one insert), its lines (one bulk insert), the balances (one upsert statement).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from kernel.errors import ValidationFailed
from kernel.outbox import outbox_handler, outbox_record
from tenants.finance.exceptions import (
    AccountNotPostable,
    EntryAlreadyReversed,
    EntryUnbalanced,
    NoPeriod,
    PeriodClosed,
    PostingRuleMissing,
)
from tenants.finance.models import (
    ZERO,
    Account,
    EventStatus,
    FinanceSettings,
    FiscalYear,
    Journal,
    JournalEntry,
    JournalLine,
    Period,
    PeriodStatus,
    PostingEvent,
    PostingRule,
)

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
TOPIC = "finance.post_event"

# Direct-method cash-flow categories a cash line may carry (statements group by them).
CASH_FLOW_TAGS: dict[str, tuple[str, str, str]] = {
    # tag: (activity, label_zh, label_en)
    "customer_receipts": ("operating", "销售商品、提供劳务收到的现金", "Cash received from customers"),
    "tax_refunds": ("operating", "收到的税费返还", "Tax refunds received"),
    "other_operating_receipts": ("operating", "收到其他与经营活动有关的现金", "Other operating receipts"),
    "supplier_payments": ("operating", "购买商品、接受劳务支付的现金", "Cash paid to suppliers"),
    "employee_payments": ("operating", "支付给职工以及为职工支付的现金", "Cash paid to employees"),
    "tax_payments": ("operating", "支付的各项税费", "Taxes paid"),
    "other_operating_payments": ("operating", "支付其他与经营活动有关的现金", "Other operating payments"),
    "asset_purchases": (
        "investing",
        "购建固定资产、无形资产和其他长期资产支付的现金",
        "Purchases of property, plant and equipment",
    ),
    "asset_disposals": ("investing", "处置固定资产收回的现金净额", "Proceeds from disposals of assets"),
    "borrowings": ("financing", "取得借款收到的现金", "Proceeds from borrowings"),
    "repayments": ("financing", "偿还债务支付的现金", "Repayment of borrowings"),
    "capital_contributions": ("financing", "吸收投资收到的现金", "Capital contributed"),
    "interest_paid": ("financing", "分配股利、利润或偿付利息支付的现金", "Interest and dividends paid"),
}


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- the registry of business events ---------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSpec:
    component: str
    side: str  # "debit" | "credit": the usual side, shown in the rule table
    role: str  # the template role whose account is the default
    description_zh: str
    description_en: str


@dataclass(frozen=True)
class Leg:
    """One line to post. ``amount`` is signed in the functional currency: positive debits, negative credits.

    The account is given directly, or by ``component`` (through the company's rule for the event), or by
    ``role`` (the chart's account with that role).
    """

    amount: Decimal
    component: str = ""
    account: Account | None = None
    role: str = ""
    currency: str = ""  # the transaction currency; empty: the functional currency
    amount_currency: Decimal | None = None  # signed, in ``currency``; None: same as ``amount``
    rate: Decimal = Decimal(1)
    description: str = ""
    department_id: int | None = None
    project_id: int | None = None
    partner_company_id: int | None = None
    partner_customer_id: int | None = None
    partner_name: str = ""
    cash_flow_tag: str = ""


@dataclass
class Posting:
    """What a builder answers for an event: the entry to post (the event's date unless ``date`` is set)."""

    description: str
    legs: list[Leg]
    date: date | None = None
    journal: str = ""  # default: the event's registered journal


Builder = Callable[[PostingEvent], Posting | None]


@dataclass(frozen=True)
class EventKind:
    kind: str
    journal: str
    rules: tuple[RuleSpec, ...]
    builder: Builder
    label_zh: str = ""
    label_en: str = ""


_EVENTS: dict[str, EventKind] = {}


def posting_event(
    kind: str,
    *,
    journal: str,
    rules: Sequence[RuleSpec],
    label_zh: str = "",
    label_en: str = "",
) -> Callable[[Builder], Builder]:
    """Register the decorated function as the builder of ``kind`` with its default rules."""

    def register(fn: Builder) -> Builder:
        _EVENTS[kind] = EventKind(
            kind=kind, journal=journal, rules=tuple(rules), builder=fn, label_zh=label_zh, label_en=label_en
        )
        return fn

    return register


def event_kinds() -> dict[str, EventKind]:
    return dict(_EVENTS)


# --- periods ---------------------------------------------------------------------------------------------


def _month_end(day: date) -> date:
    nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - timedelta(days=1)


def fiscal_year_ensure(*, day: date) -> FiscalYear:
    """The fiscal year containing ``day``, created with twelve monthly periods when missing.

    Years are created on demand (postings of past business, the next year's first posting) within five
    years either side of today.

    Raises:
        NoPeriod: ``day`` is too far from today.
    """
    existing = FiscalYear.objects.filter(start__lte=day, end__gte=day).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    if abs((day - today).days) > 5 * 366:
        raise NoPeriod(f"No fiscal year for {day.isoformat()}.", date=day.isoformat())
    settings = FinanceSettings.objects.filter(pk=1).first()
    start_month = settings.fiscal_year_start_month if settings else 1
    year = day.year if day.month >= start_month else day.year - 1
    start = date(year, start_month, 1)
    end = (date(year + 1, start_month, 1)) - timedelta(days=1)
    name = str(year) if start_month == 1 else f"{year}/{year + 1}"
    with transaction.atomic():
        fiscal_year, created = FiscalYear.objects.get_or_create(
            name=name, defaults={"start": start, "end": end}
        )
        if created:
            periods = []
            month_start = start
            for number in range(1, 13):
                periods.append(
                    Period(
                        fiscal_year=fiscal_year, number=number, start=month_start, end=_month_end(month_start)
                    )
                )
                month_start = _month_end(month_start) + timedelta(days=1)
            Period.objects.bulk_create(periods, ignore_conflicts=True)
    return fiscal_year


def period_for(*, day: date) -> Period:
    """The period of ``day``, its fiscal year made when missing.

    Raises:
        NoPeriod: no period can cover ``day``.
    """
    queryset = Period.objects.filter(start__lte=day, end__gte=day)
    period = queryset.first()
    if period is None:
        fiscal_year_ensure(day=day)
        period = queryset.first()
    if period is None:
        raise NoPeriod(f"No fiscal period for {day.isoformat()}.", date=day.isoformat())
    return period


def _lock_period_shared(period_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT status FROM finance_period WHERE id = %s FOR SHARE", [period_id])
        row = cursor.fetchone()
    return str(row[0]) if row else ""


def _open_period(day: date, *, move_forward: bool) -> tuple[Period, date]:
    """The open period to post ``day`` in (locked FOR SHARE); with ``move_forward`` a closed period's
    posting moves to the first day of the next open period."""
    period = period_for(day=day)
    if _lock_period_shared(period.pk) == PeriodStatus.OPEN:
        return period, day
    if not move_forward:
        raise PeriodClosed(f"The period {period.label} is closed.", period=period.label, date=day.isoformat())
    later = Period.objects.filter(start__gt=period.start, status=PeriodStatus.OPEN).order_by("start").first()
    if later is None:
        later = period_for(day=period.end + timedelta(days=1))
    if _lock_period_shared(later.pk) != PeriodStatus.OPEN:
        raise PeriodClosed(f"The period {later.label} is closed.", period=later.label, date=day.isoformat())
    return later, later.start


# --- numbering -------------------------------------------------------------------------------------------


def number_next(*, series: str, year: int) -> int:
    """The next number of ``series`` in ``year``, without gaps: one upsert that locks the counter row
    until the caller's transaction ends (a rolled-back caller gives its number back)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO finance_numbersequence (series, year, last) VALUES (%s, %s, 1)
            ON CONFLICT (series, year) DO UPDATE SET last = finance_numbersequence.last + 1
            RETURNING last
            """,
            [series, year],
        )
        row = cursor.fetchone()
    assert row is not None
    return int(row[0])


# --- the posting service ---------------------------------------------------------------------------------


def functional_currency() -> str:
    settings = FinanceSettings.objects.filter(pk=1).values_list("functional_currency", flat=True).first()
    if settings is None:
        raise ValidationFailed(errors={"books": ["The books of this company are not open."]})
    return str(settings)


def _resolve_accounts(legs: Sequence[Leg], *, event_kind: str) -> list[Account]:
    components = {leg.component for leg in legs if leg.account is None and leg.component}
    rules: dict[str, Account] = {}
    if components:
        for rule in PostingRule.objects.filter(
            event_kind=event_kind, component__in=components
        ).select_related("account"):
            rules[rule.component] = rule.account
    missing = components - set(rules)
    spec = _EVENTS.get(event_kind)
    defaults = {r.component: r for r in spec.rules} if spec else {}
    roles = {leg.role for leg in legs if leg.account is None and not leg.component and leg.role}
    roles |= {defaults[c].role for c in missing if c in defaults}
    by_role = {a.role: a for a in Account.objects.filter(role__in=roles)} if roles else {}
    for component in missing:
        rule_spec = defaults.get(component)
        account = by_role.get(rule_spec.role) if rule_spec else None
        if rule_spec is None or account is None:
            raise PostingRuleMissing(
                f"No account for {event_kind}.{component}.", event_kind=event_kind, component=component
            )
        # Materialise the default so the company sees (and may change) the rule that was applied.
        PostingRule.objects.get_or_create(
            event_kind=event_kind,
            component=component,
            defaults={
                "side": rule_spec.side,
                "account": account,
                "description_zh": rule_spec.description_zh,
                "description_en": rule_spec.description_en,
            },
        )
        rules[component] = account
    accounts: list[Account] = []
    for leg in legs:
        if leg.account is not None:
            account = leg.account
        elif leg.component:
            account = rules[leg.component]
        elif leg.role in by_role:
            account = by_role[leg.role]
        else:
            raise PostingRuleMissing(
                f"No account has the role {leg.role!r}.", event_kind=event_kind, role=leg.role
            )
        accounts.append(account)
    return accounts


def entry_post(
    *,
    legs: Sequence[Leg],
    day: date,
    description: str,
    journal: str = "GJ",
    source_kind: str = "manual",
    source_id: str = "",
    event: PostingEvent | None = None,
    reversal_of: JournalEntry | None = None,
    actor_id: int | None = None,
    actor_label: str = "",
    move_forward: bool = False,
) -> JournalEntry:
    """Post one balanced journal entry; the only way entries are written.

    Legs of zero are dropped; amounts are rounded to cents; the legs must then balance exactly and leave
    at least one debit and one credit. Balances per account and period are updated in the same
    transaction. ``move_forward`` (business events) posts a date of a closed period on the first day of
    the next open period instead of refusing it.

    Raises:
        EntryUnbalanced: debits and credits differ, or fewer than two non-zero legs.
        AccountNotPostable: a parent or inactive account, or a currency the account does not take.
        PeriodClosed: the date's period is closed (and not ``move_forward``).
        NoPeriod: no period can cover the date.
        PostingRuleMissing: a component or role with no account.
    """
    kept = [leg for leg in legs if cents(leg.amount) != ZERO]
    debit = sum((cents(leg.amount) for leg in kept if leg.amount > 0), ZERO)
    credit = -sum((cents(leg.amount) for leg in kept if leg.amount < 0), ZERO)
    if len(kept) < 2 or debit != credit or debit == ZERO:
        raise EntryUnbalanced(
            f"Debits {debit} and credits {credit} must be equal and not zero.",
            debit=str(debit),
            credit=str(credit),
        )
    home = functional_currency()
    with transaction.atomic():
        accounts = _resolve_accounts(kept, event_kind=event.kind if event else source_kind)
        for leg, account in zip(kept, accounts, strict=True):
            if not account.is_postable or not account.is_active:
                raise AccountNotPostable(
                    f"Account {account.code} cannot be posted to.",
                    account_id=account.pk,
                    account_code=account.code,
                )
            currency = leg.currency or home
            if account.currency and account.currency != currency:
                raise AccountNotPostable(
                    f"Account {account.code} takes only {account.currency}.",
                    account_id=account.pk,
                    account_code=account.code,
                )
        period, day = _open_period(day, move_forward=move_forward)
        journal_row = Journal.objects.filter(code=journal).first()
        if journal_row is None:
            journal_row = Journal.objects.get(code="GJ")
        number = number_next(series=journal_row.code, year=day.year)
        entry = JournalEntry.objects.create(
            number=f"{journal_row.code}-{day.year}-{number:06d}",
            journal=journal_row,
            period=period,
            date=day,
            description=description[:500],
            source_kind=event.kind if event else source_kind,
            source_id=event.source_id if event else source_id,
            event=event,
            reversal_of=reversal_of,
            total=debit,
            created_by_id=actor_id,
            created_by_label=actor_label[:254],
        )
        JournalLine.objects.bulk_create(
            [
                JournalLine(
                    entry=entry,
                    line_no=index,
                    account=account,
                    period=period,
                    date=day,
                    debit=cents(leg.amount) if leg.amount > 0 else ZERO,
                    credit=-cents(leg.amount) if leg.amount < 0 else ZERO,
                    currency=leg.currency or home,
                    amount_currency=(
                        leg.amount_currency if leg.amount_currency is not None else cents(leg.amount)
                    ),
                    rate=leg.rate,
                    description=(leg.description or "")[:500],
                    department_id=leg.department_id,
                    project_id=leg.project_id,
                    partner_company_id=leg.partner_company_id,
                    partner_customer_id=leg.partner_customer_id,
                    partner_name=leg.partner_name[:200],
                    cash_flow_tag=leg.cash_flow_tag or (_default_cash_tag(leg) if account.is_cash else ""),
                )
                for index, (leg, account) in enumerate(zip(kept, accounts, strict=True), start=1)
            ]
        )
        _balances_add(entry.pk)
    return entry


def _default_cash_tag(leg: Leg) -> str:
    return "other_operating_receipts" if leg.amount > 0 else "other_operating_payments"


def _balances_add(entry_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO finance_accountbalance (account_id, period_id, debit, credit)
            SELECT account_id, period_id, sum(debit), sum(credit)
              FROM finance_journalline WHERE entry_id = %s
             GROUP BY account_id, period_id ORDER BY account_id
            ON CONFLICT (account_id, period_id) DO UPDATE
               SET debit = finance_accountbalance.debit + excluded.debit,
                   credit = finance_accountbalance.credit + excluded.credit
            """,
            [entry_id],
        )


def entry_reverse(
    *,
    entry: JournalEntry,
    day: date | None = None,
    reason: str = "",
    actor_id: int | None = None,
    actor_label: str = "",
) -> JournalEntry:
    """Post the mirror image of ``entry`` (debits become credits) on ``day`` (default: its own date).

    Raises:
        EntryAlreadyReversed: it was reversed before, or it is itself a reversal.
        PeriodClosed: the reversal's period is closed.
    """
    with transaction.atomic():
        locked = JournalEntry.objects.select_for_update().get(pk=entry.pk)
        if locked.reversal_of_id is not None or JournalEntry.objects.filter(reversal_of=locked).exists():
            raise EntryAlreadyReversed(f"{locked.number} is already reversed or is a reversal.")
        legs = [
            Leg(
                amount=line.credit - line.debit,
                account=line.account,
                currency=line.currency,
                amount_currency=-line.amount_currency,
                rate=line.rate,
                description=line.description,
                department_id=line.department_id,
                project_id=line.project_id,
                partner_company_id=line.partner_company_id,
                partner_customer_id=line.partner_customer_id,
                partner_name=line.partner_name,
                cash_flow_tag=line.cash_flow_tag,
            )
            for line in locked.lines.select_related("account").order_by("line_no")
        ]
        text = f"Reversal of {locked.number}" + (f": {reason}" if reason else "")
        return entry_post(
            legs=legs,
            day=day or locked.date,
            description=text,
            journal=locked.journal.code,
            source_kind="reversal",
            source_id=locked.number,
            reversal_of=locked,
            actor_id=actor_id,
            actor_label=actor_label,
        )


# --- business events -------------------------------------------------------------------------------------


def event_record(
    *, kind: str, source_id: str | int, occurred_on: date, payload: dict[str, Any] | None = None
) -> PostingEvent | None:
    """Record a business event in the caller's transaction; it is posted after commit, once.

    Recording the same ``(kind, source_id)`` again does nothing and answers None.
    """
    if kind not in _EVENTS:
        raise ValueError(f"unknown posting event {kind!r}")
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO finance_postingevent
                (kind, source_id, occurred_on, payload, status, attempts, last_error, created_at)
            VALUES (%s, %s, %s, %s::jsonb, 'pending', 0, '', now())
            ON CONFLICT (kind, source_id) DO NOTHING RETURNING id
            """,
            [kind, str(source_id), occurred_on, _json(payload or {})],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    outbox_record(topic=TOPIC, payload={"event_id": int(row[0])})
    return PostingEvent(pk=int(row[0]), kind=kind, source_id=str(source_id), occurred_on=occurred_on)


def _json(value: Any) -> str:
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.dumps(value, cls=DjangoJSONEncoder)


def event_post(*, event_id: int) -> JournalEntry | None:
    """Post one business event now, at most once; answers its entry (None when there is nothing to post).

    The event row is locked; an event already posted or skipped is left alone. A failure (no open
    period, a missing rule) marks the event failed with the reason, for the sweeper and the
    company to see, and posts nothing.
    """
    with transaction.atomic():
        event = PostingEvent.objects.select_for_update().filter(pk=event_id).first()
        if event is None or event.status in (EventStatus.POSTED, EventStatus.SKIPPED):
            return JournalEntry.objects.filter(event_id=event_id).first()
        spec = _EVENTS.get(event.kind)
        event.attempts += 1
        try:
            with transaction.atomic():
                if spec is None:
                    raise PostingRuleMissing(f"No posting builder for {event.kind}.", event_kind=event.kind)
                posting = spec.builder(event)
                entry = None
                if posting is not None and any(cents(leg.amount) != ZERO for leg in posting.legs):
                    entry = entry_post(
                        legs=posting.legs,
                        day=posting.date or event.occurred_on,
                        description=posting.description,
                        journal=posting.journal or spec.journal,
                        event=event,
                        move_forward=True,
                    )
        except Exception as exc:  # recorded on the event; the sweeper retries
            logger.warning("posting event %s failed: %s", event, exc)
            event.status = EventStatus.FAILED
            event.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            event.save(update_fields=["status", "attempts", "last_error"])
            return None
        event.status = EventStatus.POSTED if entry is not None else EventStatus.SKIPPED
        event.last_error = ""
        event.posted_at = timezone.now()
        event.save(update_fields=["status", "attempts", "last_error", "posted_at"])
        return entry


def events_post_pending(*, limit: int = 10_000, include_failed: bool = True) -> int:
    """Post every pending (and failed) event of the current schema now, oldest first; answers how many
    were posted. Used by the sweeper, the demo and tests."""
    states = [EventStatus.PENDING] + ([EventStatus.FAILED] if include_failed else [])
    ids = list(
        PostingEvent.objects.filter(status__in=states, attempts__lt=50)
        .order_by("occurred_on", "id")
        .values_list("pk", flat=True)[:limit]
    )
    posted = 0
    for event_id in ids:
        if event_post(event_id=event_id) is not None:
            posted += 1
    return posted


@outbox_handler(TOPIC)
def _deliver(payload: dict[str, Any]) -> None:
    event_post(event_id=int(payload["event_id"]))


def legs_total(legs: Iterable[Leg]) -> Decimal:
    return sum((cents(leg.amount) for leg in legs), ZERO)


@dataclass
class LegBuilder:
    """Helps builders: add signed amounts by component, then ``balance`` onto one component."""

    legs: list[Leg] = field(default_factory=list)

    def add(self, component: str, amount: Decimal, **kwargs: Any) -> None:
        if cents(amount) != ZERO:
            self.legs.append(Leg(amount=cents(amount), component=component, **kwargs))

    def balance(self, component: str, **kwargs: Any) -> None:
        rest = legs_total(self.legs)
        if rest != ZERO:
            self.legs.append(Leg(amount=-rest, component=component, **kwargs))
