"""Reads of the trade exchange. Every read is filtered by the company it is made for, here."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet

from kernel.errors import NotFound
from marketplace.exchange.models import PartnerLink, TradeDocument
from tenants.models import Company


def document_list(
    *,
    company: Company,
    kind: str = "",
    state: str = "",
    refers_to: uuid.UUID | None = None,
    direction: str = "",
) -> QuerySet[TradeDocument]:
    """Documents ``company`` sent or received (``direction``: "sent", "received" or both)."""
    if direction == "sent":
        qs = TradeDocument.objects.filter(sender=company)
    elif direction == "received":
        qs = TradeDocument.objects.filter(receiver=company)
    else:
        qs = TradeDocument.objects.filter(Q(sender=company) | Q(receiver=company))
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if refers_to is not None:
        qs = qs.filter(refers_to_id=refers_to)
    return qs.select_related("sender", "receiver").order_by("-created_at", "-id")


def document_get(*, company: Company, document_id: uuid.UUID) -> TradeDocument:
    """A document ``company`` sent or received; NotFound otherwise (missing and foreign alike)."""
    document = (
        TradeDocument.objects.filter(Q(sender=company) | Q(receiver=company), pk=document_id)
        .select_related("sender", "receiver")
        .first()
    )
    if document is None:
        raise NotFound()
    return document


def partners_of(company: Company) -> QuerySet[Company]:
    """The companies ``company`` has traded with (sent a document to or received one from)."""
    return Company.objects.filter(
        pk__in=PartnerLink.objects.filter(company=company).values("partner_id")
    ).order_by("name")


def partner_links(*, company: Company) -> QuerySet[PartnerLink]:
    return (
        PartnerLink.objects.filter(company=company).select_related("partner").order_by("partner__name", "id")
    )
