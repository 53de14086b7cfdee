# ruff: noqa: RUF001 - the Chinese e-mails use Chinese punctuation
"""Dunning: what happens when a platform invoice is not paid (beat task ``billing.dunning``).

The schedule counts from ``Subscription.past_due_since`` (the run that first saw the invoice overdue),
so a late or repeated run never stretches or shortens it::

    invoice due_at passes          -> past_due            (notice "past_due")
    past_due_since + grace - 3 days                       (notice "read_only_soon")
    past_due_since + grace         -> read_only           (notice "read_only": writes answer 402)
    past_due_since + grace + suspend -> suspended         (notice "suspended": the workspace is closed)

``grace`` is ``HANSA_BILLING_GRACE_DAYS``, ``suspend`` is ``HANSA_BILLING_SUSPEND_AFTER_DAYS``. A payment
that settles the overdue invoices (:func:`billing.services.invoices.invoice_record_payment`) makes the
subscription active at once, whatever the stage; so does voiding the invoice.

Each subscription is handled in its own transaction under its row lock, so two runs at once (or a run
and an operator recording a payment) are serialised: the second sees the first's outcome. Every notice
goes to the owners and finance members (``billing.manage``) once per invoice and stage: its key is
``billing.dunning:<invoice id>:<stage>``, and it is sent under the same row lock, so even two concurrent
runs tell nobody twice. Only read-only subscriptions that dunning put there (``past_due_since`` set)
move on to suspension; a lapsed trial stays read-only.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from billing import selectors
from billing.models import Gateway, Invoice, InvoiceStatus, Subscription, SubscriptionStatus
from billing.services.subscriptions import subscription_set_status
from kernel.serializers import money_text
from notifications.selectors import members_with_permission
from notifications.services import Email, notification_send

logger = logging.getLogger(__name__)

S = SubscriptionStatus
REMIND_DAYS_BEFORE_READ_ONLY = 3
RECIPIENT_PERMISSION = "billing.manage"


class Stage:
    PAST_DUE = "past_due"
    READ_ONLY_SOON = "read_only_soon"
    READ_ONLY = "read_only"
    SUSPENDED = "suspended"


EMAILS: dict[str, Email] = {
    Stage.PAST_DUE: Email(
        subject_en="Invoice {number} is overdue",
        body_en=(
            "Invoice {number} over {total} {currency} was due on {due_on} and is not paid yet.\n\n"
            "Please pay it by bank transfer (reference {number}). If it is still unpaid on {read_only_on}, "
            "the workspace becomes read-only until it is paid.\n\n{link}"
        ),
        subject_zh="发票 {number} 已逾期",
        body_zh=(
            "发票 {number}（{total} {currency}）已于 {due_on} 到期，尚未付款。\n\n"
            "请通过银行转账付款（附言：{number}）。如 {read_only_on} 仍未付款，工作区将变为只读，"
            "付款后立即恢复。\n\n{link}"
        ),
        link_path="/billing",
    ),
    Stage.READ_ONLY_SOON: Email(
        subject_en="The workspace becomes read-only on {read_only_on}",
        body_en=(
            "Invoice {number} over {total} {currency} is still unpaid. On {read_only_on} the workspace "
            "becomes read-only: your data stays readable, but nothing can be changed until the invoice "
            "is paid.\n\n{link}"
        ),
        subject_zh="工作区将于 {read_only_on} 变为只读",
        body_zh=(
            "发票 {number}（{total} {currency}）仍未付款。{read_only_on} 起工作区将变为只读："
            "数据仍可查看，但在付款前无法修改。\n\n{link}"
        ),
        link_path="/billing",
    ),
    Stage.READ_ONLY: Email(
        subject_en="The workspace is read-only: invoice {number} is unpaid",
        body_en=(
            "Invoice {number} over {total} {currency} is unpaid, so the workspace is read-only. Nothing "
            "is lost; it is writable again as soon as the payment is recorded. If it is still unpaid on "
            "{suspend_on}, the workspace will be suspended.\n\n{link}"
        ),
        subject_zh="工作区已变为只读：发票 {number} 未付款",
        body_zh=(
            "发票 {number}（{total} {currency}）未付款，工作区现为只读。数据不会丢失，"
            "付款登记后立即恢复。如 {suspend_on} 仍未付款，工作区将被暂停。\n\n{link}"
        ),
        link_path="/billing",
    ),
    Stage.SUSPENDED: Email(
        subject_en="The workspace is suspended: invoice {number} is unpaid",
        body_en=(
            "Invoice {number} over {total} {currency} is still unpaid, so the workspace is suspended. "
            "Your data is kept; the workspace opens again as soon as the payment is recorded.\n\n{link}"
        ),
        subject_zh="工作区已暂停：发票 {number} 未付款",
        body_zh=(
            "发票 {number}（{total} {currency}）仍未付款，工作区已暂停。数据会保留，"
            "付款登记后立即恢复。\n\n{link}"
        ),
        link_path="/billing",
    ),
}


@dataclass
class DunningRun:
    """What one run did (for the beat task's log and for tests)."""

    past_due: int = 0
    read_only: int = 0
    suspended: int = 0
    notified: int = 0


@dataclass(frozen=True)
class Schedule:
    past_due_since: dt.datetime
    read_only_at: dt.datetime
    remind_at: dt.datetime
    suspend_at: dt.datetime


def dunning_schedule(*, past_due_since: dt.datetime) -> Schedule:
    """When a subscription past due since ``past_due_since`` is reminded, made read-only and suspended."""
    read_only_at = past_due_since + dt.timedelta(days=settings.HANSA_BILLING_GRACE_DAYS)
    return Schedule(
        past_due_since=past_due_since,
        read_only_at=read_only_at,
        remind_at=read_only_at - dt.timedelta(days=REMIND_DAYS_BEFORE_READ_ONLY),
        suspend_at=read_only_at + dt.timedelta(days=settings.HANSA_BILLING_SUSPEND_AFTER_DAYS),
    )


def _candidates(now: dt.datetime) -> list[int]:
    """Companies with an open invoice past its due date (one query)."""
    return list(
        Invoice.objects.filter(status=InvoiceStatus.OPEN, due_at__lt=now)
        .values_list("company_id", flat=True)
        .distinct()
        .order_by("company_id")
    )


def dunning_run(*, now: dt.datetime | None = None) -> DunningRun:
    """Beat task body: move every company with an overdue invoice along the schedule and tell its owners
    and finance members at each stage. Safe to run often, twice, or twice at once (see the module)."""
    now = now or timezone.now()
    done = DunningRun()
    for company_id in _candidates(now):
        try:
            dunning_advance(company_id=company_id, now=now, done=done)
        except Exception:  # one company's failure must not stop the others; the next run retries it
            logger.exception("dunning failed for company %s", company_id)
    return done


@transaction.atomic
def dunning_advance(
    *, company_id: int, now: dt.datetime, done: DunningRun | None = None
) -> Subscription | None:
    """Move one company's subscription along the dunning schedule at ``now`` and send the notice of the
    stage it is in (once per invoice and stage). Locks the subscription row for the whole step.

    Only offline-gateway subscriptions are dunned here (Stripe reports failed payments by webhook and
    runs its own retries); canceled subscriptions are left alone.
    """
    done = done if done is not None else DunningRun()
    subscription = selectors.subscription_for_company(company_id=company_id, lock=True)
    if subscription is None or subscription.gateway != Gateway.OFFLINE:
        return subscription
    overdue = Invoice.objects.filter(company_id=company_id, status=InvoiceStatus.OPEN, due_at__lt=now)
    oldest = overdue.order_by("due_at", "pk").first()
    if oldest is None:  # paid or voided since the candidates were read
        return subscription
    if subscription.status == S.ACTIVE:
        subscription_set_status(
            subscription=subscription,
            status=S.PAST_DUE,
            source="dunning",
            reason=f"Invoice {oldest.number} is overdue",
            now=now,
        )
        done.past_due += 1
    if subscription.past_due_since is None:
        # Read-only without dunning (a lapsed trial), canceled: nothing to escalate.
        return subscription
    schedule = dunning_schedule(past_due_since=subscription.past_due_since)
    if subscription.status == S.PAST_DUE and now >= schedule.read_only_at:
        subscription_set_status(
            subscription=subscription,
            status=S.READ_ONLY,
            source="dunning",
            reason=f"Invoice {oldest.number} unpaid after {settings.HANSA_BILLING_GRACE_DAYS} days",
            now=now,
        )
        done.read_only += 1
    if subscription.status == S.READ_ONLY and now >= schedule.suspend_at:
        subscription_set_status(
            subscription=subscription,
            status=S.SUSPENDED,
            source="dunning",
            reason=f"Invoice {oldest.number} still unpaid",
            now=now,
        )
        done.suspended += 1

    stages: dict[str, str] = {
        S.PAST_DUE: Stage.READ_ONLY_SOON if now >= schedule.remind_at else Stage.PAST_DUE,
        S.READ_ONLY: Stage.READ_ONLY,
        S.SUSPENDED: Stage.SUSPENDED,
    }
    stage = stages.get(subscription.status)
    if stage is not None:
        done.notified += _notify(subscription=subscription, invoice=oldest, stage=stage, schedule=schedule)
    return subscription


def _notify(*, subscription: Subscription, invoice: Invoice, stage: str, schedule: Schedule) -> int:
    recipients = members_with_permission(companies=[subscription.company_id], permission=RECIPIENT_PERMISSION)
    payload = {
        "stage": stage,
        "title": invoice.number,
        "number": invoice.number,
        "total": money_text(invoice.total - invoice.amount_paid, invoice.currency),
        "currency": invoice.currency,
        "due_on": invoice.due_at.date().isoformat() if invoice.due_at else "",
        "read_only_on": schedule.read_only_at.date().isoformat(),
        "suspend_on": schedule.suspend_at.date().isoformat(),
    }
    return notification_send(
        recipients=recipients,
        kind=f"billing.{stage}",
        key=f"billing.dunning:{invoice.pk}:{stage}",
        payload=payload,
        subject_type="billing_invoice",
        subject_id=invoice.pk,
        email=EMAILS[stage],
    )
