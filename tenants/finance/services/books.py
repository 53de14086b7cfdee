"""Opening a company's books, its chart of accounts, fiscal periods (close and reopen), settings, projects."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import ValidationFailed
from tenants.finance.charts import REPORT_LINES, template_accounts, template_for_country
from tenants.finance.exceptions import (
    AccountCodeTaken,
    AccountInUse,
    PeriodNotClosable,
    PeriodNotReopenable,
)
from tenants.finance.models import (
    Account,
    AccountType,
    ChartTemplate,
    EventStatus,
    FinanceSettings,
    Journal,
    JournalLine,
    Period,
    PeriodStatus,
    PostingEvent,
    PostingRule,
    Project,
)
from tenants.finance.services.posting import event_kinds, fiscal_year_ensure

JOURNALS: tuple[tuple[str, str, str], ...] = (
    ("GJ", "记账凭证", "General journal"),
    ("PUR", "采购日记账", "Purchases journal"),
    ("SAL", "销售日记账", "Sales journal"),
    ("BNK", "银行日记账", "Bank journal"),
    ("BIL", "票据日记账", "Bills journal"),
    ("INV", "存货日记账", "Inventory journal"),
)

FINANCE_VIEW, FINANCE_POST = "finance.view", "finance.post"


def books_open(
    *, currency: str, country: str, template: str = "", today: date | None = None
) -> FinanceSettings:
    """Open the books of the current schema's company (idempotent): settings, the chart of the template
    (by default the country's), journals, this fiscal year's periods and the posting rules."""
    existing = FinanceSettings.objects.filter(pk=1).first()
    if existing is not None:
        return existing
    template = template or template_for_country(country)
    if template not in ChartTemplate.values:
        raise ValidationFailed(errors={"chart_template": ["Unknown chart of accounts template."]})
    with transaction.atomic():
        settings = FinanceSettings.objects.create(
            pk=1,
            chart_template=template,
            functional_currency=currency or "CNY",
            default_vat_rate=Decimal("13.000") if country == "CN" else Decimal("0.000"),
        )
        specs = template_accounts(template)
        Account.objects.bulk_create(
            [
                Account(
                    code=spec.code,
                    name_zh=spec.name_zh,
                    name_en=spec.name_en,
                    type=spec.type,
                    role=spec.role,
                    report_line=spec.report_line,
                    is_cash=spec.is_cash,
                    is_postable=True,
                )
                for spec in specs
            ]
        )
        by_code = {a.code: a for a in Account.objects.all()}
        parents = {spec.parent for spec in specs if spec.parent}
        for spec in specs:
            if spec.parent:
                account = by_code[spec.code]
                account.parent = by_code[spec.parent]
        Account.objects.bulk_update([by_code[s.code] for s in specs if s.parent], ["parent"])
        Account.objects.filter(code__in=parents).update(is_postable=False)
        Journal.objects.bulk_create(
            [Journal(code=code, name_zh=zh, name_en=en) for code, zh, en in JOURNALS], ignore_conflicts=True
        )
        fiscal_year_ensure(day=today or timezone.localdate())
        rules_ensure()
    return settings


def rules_ensure() -> int:
    """Write the default rule of every registered event component the company has no rule for."""
    by_role = {a.role: a for a in Account.objects.exclude(role="")}
    have = set(PostingRule.objects.values_list("event_kind", "component"))
    rows = []
    for kind, spec in event_kinds().items():
        for rule in spec.rules:
            if (kind, rule.component) in have or rule.role not in by_role:
                continue
            rows.append(
                PostingRule(
                    event_kind=kind,
                    component=rule.component,
                    side=rule.side,
                    account=by_role[rule.role],
                    description_zh=rule.description_zh,
                    description_en=rule.description_en,
                )
            )
    PostingRule.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def posting_rule_update(*, actor: Actor, rule: PostingRule, account: Account) -> PostingRule:
    """Point a rule at another postable account (audited)."""
    actor.require(FINANCE_POST)
    _postable(account, field="account_id")
    with transaction.atomic():
        before = {"account": rule.account.code}
        rule.account = account
        rule.save(update_fields=["account", "updated_at"])
        audit_record(
            action="finance.posting_rule_changed",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.postingrule",
            target_id=rule.pk,
            before=before,
            after={"account": account.code},
        )
    return rule


def _postable(account: Account, *, field: str) -> None:
    if not account.is_postable or not account.is_active:
        raise ValidationFailed(errors={field: ["This account is a summary account or inactive."]})


def account_create(
    *,
    actor: Actor,
    code: str,
    name_zh: str,
    name_en: str,
    parent: Account | None = None,
    type: str = "",
    report_line: str = "",
    is_cash: bool = False,
    currency: str = "",
) -> Account:
    """Add an account; under a parent it inherits the parent's type and report line, and a parent that had
    no postings becomes a summary account.

    Raises:
        ValidationFailed: bad code, type or report line, or a parent with postings.
        AccountCodeTaken: the code is used.
    """
    actor.require(FINANCE_POST)
    errors: dict[str, list[str]] = {}
    code = code.strip()
    if not code or len(code) > 20 or not code.replace(".", "").replace("-", "").isalnum():
        errors["code"] = ["Use up to 20 letters, digits, dots or dashes."]
    if not name_zh.strip() and not name_en.strip():
        errors["name_en"] = ["Give a name in at least one language."]
    if parent is not None:
        type = parent.type
        report_line = report_line or parent.report_line
        if JournalLine.objects.filter(account=parent).exists():
            errors["parent_id"] = ["This account has postings; it cannot become a summary account."]
    if type not in AccountType.values:
        errors["type"] = ["Choose asset, liability, equity, revenue or expense."]
    if report_line not in REPORT_LINES:
        errors["report_line"] = ["Unknown report line."]
    if currency and (len(currency) != 3 or not currency.isalpha()):
        errors["currency"] = ["Use an ISO 4217 code."]
    if errors:
        raise ValidationFailed(errors=errors)
    try:
        with transaction.atomic():
            account = Account.objects.create(
                code=code,
                name_zh=name_zh.strip() or name_en.strip(),
                name_en=name_en.strip() or name_zh.strip(),
                type=type,
                parent=parent,
                report_line=report_line,
                is_cash=is_cash,
                currency=currency.upper(),
            )
            if parent is not None and parent.is_postable:
                if PostingRule.objects.filter(account=parent).exists() or parent.role:
                    raise ValidationFailed(
                        errors={
                            "parent_id": ["This account is used by posting rules; it must stay postable."]
                        }
                    )
                Account.objects.filter(pk=parent.pk).update(is_postable=False)
            audit_record(
                action="finance.account_created",
                company=actor.company,
                actor=actor.user,
                actor_label=actor.label,
                target_type="finance.account",
                target_id=account.pk,
                after={"code": account.code, "name_en": account.name_en},
            )
    except IntegrityError:
        raise AccountCodeTaken(errors={"code": ["An account with this code already exists."]}) from None
    return account


def account_update(*, actor: Actor, account: Account, **changes: Any) -> Account:
    """Rename an account, (de)activate it, or change its cash flag.

    Raises:
        AccountInUse: deactivating an account that posting rules point at.
    """
    actor.require(FINANCE_POST)
    allowed = {"name_zh", "name_en", "is_active", "is_cash"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationFailed(errors={key: ["This field cannot be changed."] for key in sorted(unknown)})
    with transaction.atomic():
        if changes.get("is_active") is False and PostingRule.objects.filter(account=account).exists():
            raise AccountInUse("Posting rules point at this account; point them elsewhere first.")
        before = {key: getattr(account, key) for key in changes}
        for key, value in changes.items():
            setattr(account, key, value.strip() if isinstance(value, str) else value)
        account.save(update_fields=list(changes))
        audit_record(
            action="finance.account_changed",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.account",
            target_id=account.pk,
            before=before,
            after=changes,
        )
    return account


def period_close(*, actor: Actor, period: Period, reason: str = "") -> Period:
    """Close a period: nothing can be posted into it afterwards (business events move to the next open
    period). Periods close in order, and not while business events of its dates wait to post.

    Raises:
        PeriodNotClosable: already closed, an earlier period is open, or events of its dates are pending.
    """
    actor.require(FINANCE_POST)
    with transaction.atomic():
        locked = Period.objects.select_for_update().get(pk=period.pk)
        if locked.status == PeriodStatus.CLOSED:
            raise PeriodNotClosable("This period is already closed.", reason_code="already_closed")
        # Periods before the first one with entries do not count: the books start there.
        first = (
            Period.objects.filter(entries__isnull=False)
            .order_by("start")
            .values_list("start", flat=True)
            .first()
        )
        if (
            first is not None
            and Period.objects.filter(
                start__gte=first, start__lt=locked.start, status=PeriodStatus.OPEN
            ).exists()
        ):
            raise PeriodNotClosable("Close the earlier periods first.", reason_code="earlier_period_open")
        waiting = PostingEvent.objects.filter(
            occurred_on__lte=locked.end, status__in=[EventStatus.PENDING, EventStatus.FAILED]
        ).count()
        if waiting:
            raise PeriodNotClosable(
                f"{waiting} business events of this period have not posted yet.",
                reason_code="events_pending",
                events=waiting,
            )
        locked.status = PeriodStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.closed_by_label = actor.label
        locked.save(update_fields=["status", "closed_at", "closed_by_label"])
        audit_record(
            action="finance.period_closed",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.period",
            target_id=locked.pk,
            after={"period": locked.label},
            reason=reason,
        )
    return locked


def period_reopen(*, actor: Actor, period: Period, reason: str) -> Period:
    """Reopen the latest closed period (audited, a reason is required).

    Raises:
        ValidationFailed: no reason.
        PeriodNotReopenable: it is open, or a later period is closed.
    """
    actor.require(FINANCE_POST)
    if not reason.strip():
        raise ValidationFailed(errors={"reason": ["Say why the period is reopened."]})
    with transaction.atomic():
        locked = Period.objects.select_for_update().get(pk=period.pk)
        if locked.status != PeriodStatus.CLOSED:
            raise PeriodNotReopenable("This period is open.", reason_code="already_open")
        if Period.objects.filter(start__gt=locked.start, status=PeriodStatus.CLOSED).exists():
            raise PeriodNotReopenable(
                "Reopen the later closed periods first.", reason_code="later_period_closed"
            )
        locked.status = PeriodStatus.OPEN
        locked.closed_at = None
        locked.closed_by_label = ""
        locked.save(update_fields=["status", "closed_at", "closed_by_label"])
        audit_record(
            action="finance.period_reopened",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.period",
            target_id=locked.pk,
            after={"period": locked.label},
            reason=reason.strip(),
        )
    return locked


def fiscal_year_create(*, actor: Actor, year: int) -> Any:
    """Open the fiscal year starting in ``year`` (twelve monthly periods); idempotent."""
    actor.require(FINANCE_POST)
    settings = FinanceSettings.objects.get(pk=1)
    return fiscal_year_ensure(day=date(year, settings.fiscal_year_start_month, 1))


SETTINGS_FIELDS = {
    "price_tolerance_percent",
    "quantity_tolerance_percent",
    "tax_id",
    "default_vat_rate",
    "approve_matched_invoices",
}


def finance_settings_update(*, actor: Actor, **changes: Any) -> FinanceSettings:
    actor.require(FINANCE_POST)
    unknown = set(changes) - SETTINGS_FIELDS
    if unknown:
        raise ValidationFailed(errors={key: ["This field cannot be changed."] for key in sorted(unknown)})
    errors: dict[str, list[str]] = {
        key: ["Use a percentage from 0 to 100."]
        for key in ("price_tolerance_percent", "quantity_tolerance_percent", "default_vat_rate")
        if key in changes and not (Decimal(0) <= Decimal(changes[key]) <= Decimal(100))
    }
    if errors:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        settings = FinanceSettings.objects.select_for_update().get(pk=1)
        before = {key: str(getattr(settings, key)) for key in changes}
        for key, value in changes.items():
            setattr(settings, key, value)
        settings.save()
        audit_record(
            action="finance.settings_changed",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.settings",
            target_id=1,
            before=before,
            after={key: str(value) for key, value in changes.items()},
        )
    return settings


def project_create(*, actor: Actor, code: str, name: str) -> Project:
    actor.require(FINANCE_POST)
    code = code.strip()
    if not code or len(code) > 40:
        raise ValidationFailed(errors={"code": ["Give a code of up to 40 characters."]})
    if not name.strip():
        raise ValidationFailed(errors={"name": ["Give a name."]})
    try:
        with transaction.atomic():
            return Project.objects.create(code=code, name=name.strip()[:200])
    except IntegrityError:
        raise ValidationFailed(errors={"code": ["A project with this code already exists."]}) from None
