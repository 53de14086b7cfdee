"""Sending notifications: the one service every domain calls, and marking one read.

``notification_send`` stores one in-app notification per recipient under an idempotency ``key`` and, when
given an :class:`Email`, mails the recipients it had not told yet, in the language each prefers, in
batches over one mail connection. Domains decide who is told and what is said; this module decides how.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from identity.access import Actor
from identity.models import User
from kernel.tenancy import company_url
from notifications.exceptions import NotificationNotFound
from notifications.models import Notification
from notifications.selectors import Recipient

logger = logging.getLogger(__name__)

EMAIL_BATCH = 100
NOTIFICATION_BATCH = 1000


@dataclass(frozen=True)
class Email:
    """An e-mail in both languages; ``{name}`` fields are filled from the payload and ``{link}`` from
    ``link_path`` on each recipient company's host. Members preferring Chinese get the ``_zh`` texts."""

    subject_en: str
    body_en: str
    subject_zh: str
    body_zh: str
    link_path: str = "/"


def notification_send(
    *,
    recipients: Sequence[Recipient],
    kind: str,
    key: str,
    payload: dict[str, Any],
    subject_type: str = "",
    subject_id: int | None = None,
    email: Email | None = None,
) -> int:
    """Notify each recipient once per ``key``; returns how many were notified now (not before).

    Safe to repeat (a redelivered event, a second run of a reminder): a (company, member, key) already
    notified is skipped, also when two senders race (the unique key and ``ON CONFLICT DO NOTHING``).
    Mails only the newly notified. A constant number of queries whatever the number of recipients.
    """
    recipients = list(dict.fromkeys(recipients))
    if not recipients:
        return 0
    company_ids = {r.company_id for r in recipients}
    told = set(
        Notification.objects.filter(key=key, company_id__in=company_ids).values_list("company_id", "user_id")
    )
    fresh = [r for r in recipients if (r.company_id, r.user_id) not in told]
    Notification.objects.bulk_create(
        [
            Notification(
                company_id=r.company_id,
                user_id=r.user_id,
                kind=kind,
                subject_type=subject_type,
                subject_id=subject_id,
                payload=payload,
                key=key,
            )
            for r in fresh
        ],
        batch_size=NOTIFICATION_BATCH,
        ignore_conflicts=True,
    )
    if email is not None and fresh:
        _mail(fresh, email, payload)
    return len(fresh)


def _mail(recipients: list[Recipient], email: Email, payload: dict[str, Any]) -> None:
    from tenants.models import Company

    users = {
        pk: (address, language)
        for pk, address, language in User.objects.filter(pk__in={r.user_id for r in recipients}).values_list(
            "pk", "email", "preferred_language"
        )
    }
    slugs = dict(Company.objects.filter(pk__in={r.company_id for r in recipients}).values_list("pk", "slug"))
    values = {k: ("" if v is None else v) for k, v in payload.items()}
    messages = []
    for r in recipients:
        address, language = users[r.user_id]
        link = company_url(slugs.get(r.company_id) or "", email.link_path)
        if language == "zh-hans":
            subject, body = email.subject_zh, email.body_zh
        else:
            subject, body = email.subject_en, email.body_en
        messages.append(
            EmailMessage(
                subject=f"[Hansa] {subject.format(**values)}",
                body=body.format(**values, link=link),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[address],
            )
        )
    send_in_batches(messages)


def send_in_batches(messages: list[EmailMessage]) -> None:
    if not messages:
        return
    connection = get_connection()
    for start in range(0, len(messages), EMAIL_BATCH):
        connection.send_messages(messages[start : start + EMAIL_BATCH])


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification_id: int) -> Notification:
    """Mark one of the member's own notifications read (idempotent).

    Raises:
        NotificationNotFound: not the member's notification in this company (API keys have none).
    """
    notification = (
        Notification.objects.select_for_update()
        .filter(pk=notification_id, company=actor.company, user=actor.user)
        .first()
        if actor.user is not None
        else None
    )
    if notification is None:
        raise NotificationNotFound()
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
