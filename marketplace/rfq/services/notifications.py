# ruff: noqa: RUF001  (Chinese texts use full-width punctuation)
"""Who is told what about RFQs, sent by outbox handlers after the change committed.

Who is told: the active members, holding the permission that acts on the news, of the companies
concerned (invited suppliers: ``rfq.quote``; the buyer: ``rfq.award``). Each notification has a key
(kind, RFQ, event), unique per member, so a redelivered message creates nothing twice and mails only the
members it had not told yet. Storing and mailing is the notifications app's ``notification_send``.

No notification or e-mail ever carries a price: sealed bids stay sealed in every channel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from marketplace.rfq.models import InvitationStatus, Quote, QuoteStatus, Rfq, RfqInvitation, RfqStatus
from notifications.selectors import members_with_permission
from notifications.services import Email, notification_send
from tenants.models import Company


@dataclass(frozen=True)
class Text:
    subject_en: str
    body_en: str
    subject_zh: str
    body_zh: str


TEXTS: dict[str, Text] = {
    "rfq.invited": Text(
        "Request for quotation: {title}",
        "{buyer} asks your company for a quotation: {title}.\nQuotes close at {closing_at} (UTC).\n\n{link}\n",
        "询价邀请：{title}",
        "{buyer} 邀请贵公司报价：{title}。\n截止时间 {closing_at}（UTC）。\n\n{link}\n",
    ),
    "rfq.extended": Text(
        "Deadline extended: {title}",
        "{buyer} extended the deadline of {title} to {closing_at} (UTC).\n\n{link}\n",
        "截止时间已延长：{title}",
        "{buyer} 将 {title} 的截止时间延长至 {closing_at}（UTC）。\n\n{link}\n",
    ),
    "rfq.cancelled": Text(
        "Request for quotation cancelled: {title}",
        "{buyer} cancelled {title}.\nReason: {reason}\n\n{link}\n",
        "询价已取消：{title}",
        "{buyer} 已取消 {title}。\n原因：{reason}\n\n{link}\n",
    ),
    "rfq.closed": Text(
        "Quotes are in: {title}",
        "{title} closed with {quote_count} quote(s). Compare them and award.\n\n{link}\n",
        "报价已截止：{title}",
        "{title} 已截止，共收到 {quote_count} 份报价。请比较并授标。\n\n{link}\n",
    ),
    "rfq.awarded": Text(
        "You won: {title}",
        "{buyer} awarded your quote on {title}: {lines}.\n\n{link}\n",
        "恭喜中标：{title}",
        "{buyer} 已将 {title} 授予贵公司：{lines}。\n\n{link}\n",
    ),
    "rfq.not_awarded": Text(
        "Not awarded: {title}",
        "{buyer} awarded {title} to another supplier. Thank you for your quote.\n\n{link}\n",
        "未中标：{title}",
        "{buyer} 已将 {title} 授予其他供应商。感谢贵公司的报价。\n\n{link}\n",
    ),
}


def _base_payload(rfq: Rfq) -> dict[str, Any]:
    return {
        "rfq_id": rfq.pk,
        "title": rfq.title,
        "buyer": rfq.buyer.name,
        "closing_at": rfq.closing_at.isoformat() if rfq.closing_at else None,
    }


def notify_members(
    *,
    rfq: Rfq,
    companies: QuerySet[Any] | Sequence[int],
    permission: str,
    kind: str,
    key: str,
    payload: dict[str, Any],
    link_path: str,
) -> int:
    """Notify and mail the members of ``companies`` holding ``permission``; returns how many were new.

    A constant number of queries whatever the number of companies and members.
    """
    text = TEXTS[kind]
    return notification_send(
        recipients=members_with_permission(companies=companies, permission=permission),
        kind=kind,
        key=key,
        payload=payload,
        subject_type="rfq",
        subject_id=rfq.pk,
        email=Email(text.subject_en, text.body_en, text.subject_zh, text.body_zh, link_path=link_path),
    )


def broadcast_invitations(*, rfq_id: int) -> int:
    """Tell invited suppliers of an open RFQ who were not told yet; returns how many members were told.

    The RFQ row is locked, so two broadcasts of one RFQ (publish, then an added invitee) never interleave.
    """
    with transaction.atomic():
        rfq = (
            Rfq.objects.select_for_update(of=("self",))
            .select_related("buyer")
            .filter(pk=rfq_id, status=RfqStatus.OPEN)
            .first()
        )
        if rfq is None:
            return 0
        pending = RfqInvitation.objects.filter(
            rfq=rfq, status=InvitationStatus.INVITED, notified_at__isnull=True
        )
        told = notify_members(
            rfq=rfq,
            companies=pending.values("supplier_id"),
            permission="rfq.quote",
            kind="rfq.invited",
            key=f"rfq.invited:{rfq.pk}",
            payload=_base_payload(rfq),
            link_path=f"/rfq-inbox/{rfq.pk}",
        )
        pending.update(notified_at=timezone.now())
        return told


def _suppliers_concerned(rfq: Rfq) -> QuerySet[Company]:
    invited = RfqInvitation.objects.filter(rfq=rfq, status=InvitationStatus.INVITED).values("supplier_id")
    quoting = Quote.objects.filter(rfq=rfq).exclude(status=QuoteStatus.WITHDRAWN).values("supplier_id")
    return Company.objects.filter(Q(pk__in=invited) | Q(pk__in=quoting)).values("pk")


def notify_event(payload: dict[str, Any]) -> int:
    """Deliver one ``rfq.notify`` outbox message (extended, cancelled, closed, awarded, not_awarded)."""
    kind = str(payload["kind"])
    event = str(payload.get("event", ""))
    if kind == "closed":
        return sum(_notify_closed(rfq_id) for rfq_id in payload["rfq_ids"])
    rfq = Rfq.objects.select_related("buyer").filter(pk=payload["rfq_id"]).first()
    if rfq is None:
        return 0
    base = _base_payload(rfq)
    inbox = f"/rfq-inbox/{rfq.pk}"
    if kind == "extended":
        return notify_members(
            rfq=rfq,
            companies=_suppliers_concerned(rfq),
            permission="rfq.quote",
            kind="rfq.extended",
            key=f"rfq.extended:{rfq.pk}:{event}",
            payload={**base, "closing_at": event},
            link_path=inbox,
        )
    if kind == "cancelled":
        return notify_members(
            rfq=rfq,
            companies=_suppliers_concerned(rfq),
            permission="rfq.quote",
            kind="rfq.cancelled",
            key=f"rfq.cancelled:{rfq.pk}",
            payload={**base, "reason": rfq.cancel_reason},
            link_path=inbox,
        )
    if kind == "awarded":
        lines = list(
            rfq.lines.filter(pk__in=payload["line_ids"])
            .order_by("position")
            .values_list("position", "description")
        )
        return notify_members(
            rfq=rfq,
            companies=[int(payload["supplier_id"])],
            permission="rfq.quote",
            kind="rfq.awarded",
            key=f"rfq.awarded:{rfq.pk}:{event}",
            payload={**base, "lines": ", ".join(f"#{p} {d[:60]}".strip() for p, d in lines)},
            link_path=inbox,
        )
    if kind == "not_awarded":
        losers = (
            Quote.objects.filter(rfq=rfq, status=QuoteStatus.SUBMITTED)
            .exclude(supplier_id__in=rfq.awards.values("supplier_id"))
            .values("supplier_id")
        )
        return notify_members(
            rfq=rfq,
            companies=losers,
            permission="rfq.quote",
            kind="rfq.not_awarded",
            key=f"rfq.not_awarded:{rfq.pk}",
            payload=base,
            link_path=inbox,
        )
    raise ValueError(f"unknown RFQ notification kind {kind!r}")


def _notify_closed(rfq_id: int) -> int:
    rfq = Rfq.objects.select_related("buyer").filter(pk=rfq_id).first()
    if rfq is None:
        return 0
    # The count only: the buyer opens the quotes in the comparison.
    count = Quote.objects.filter(rfq=rfq, status=QuoteStatus.SUBMITTED).count()
    return notify_members(
        rfq=rfq,
        companies=[rfq.buyer_id],
        permission="rfq.award",
        kind="rfq.closed",
        key=f"rfq.closed:{rfq.pk}",
        payload={**_base_payload(rfq), "quote_count": count},
        link_path=f"/rfqs/{rfq.pk}",
    )
