"""Reads of RFQs: the buyer's own, a supplier's inbox, quotes, attachments.

Every function takes the current company and filters by it. A row of another company and a missing row
answer the same way (``NotFound``), so ids reveal nothing. Visibility:

- a buyer sees its own RFQs (drafts included), their invitations and attachments; submitted quotes on them
  only when the RFQ is not sealed or has closed (``RfqSealed`` otherwise);
- a supplier sees an RFQ that is not a draft when it is invited (status ``invited``), or when the RFQ is
  open to matching suppliers and it matched, or when it has an active quote on it; it sees its own quotes
  and nothing of other suppliers' quotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from kernel.errors import NotFound, ValidationFailed
from marketplace.rfq.exceptions import RfqSealed
from marketplace.rfq.models import (
    Attachment,
    Award,
    InvitationStatus,
    Quote,
    QuoteLine,
    QuoteStatus,
    Rfq,
    RfqInvitation,
    RfqLine,
    RfqStatus,
    ScreeningPreset,
    Visibility,
)
from tenants.models import Company

# Buyer side ---------------------------------------------------------------------------------------


def rfq_list_for_buyer(*, company: Company, status: str | None = None) -> QuerySet[Rfq]:
    qs = Rfq.objects.filter(buyer=company).annotate(
        quote_count=Count("quotes", filter=Q(quotes__status=QuoteStatus.SUBMITTED), distinct=True),
        line_count=Count("lines", distinct=True),
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def rfq_get_for_buyer(*, company: Company, rfq_id: int) -> Rfq:
    rfq = Rfq.objects.filter(pk=rfq_id, buyer=company).first()
    if rfq is None:
        raise NotFound()
    return rfq


def quotes_revealed(rfq: Rfq) -> bool:
    """Whether the buyer may see quote contents: always unless sealed, and sealed only once it closed.

    A sealed RFQ cancelled before closing is never opened.
    """
    return not rfq.sealed or rfq.closed_at is not None


@dataclass(frozen=True)
class BuyerRfqDetail:
    rfq: Rfq
    lines: list[RfqLine]
    attachments: list[Attachment]
    awards: list[Award]
    quote_count: int
    invited_count: int
    matched_count: int


def rfq_detail_for_buyer(*, company: Company, rfq_id: int) -> BuyerRfqDetail:
    rfq = rfq_get_for_buyer(company=company, rfq_id=rfq_id)
    counts = RfqInvitation.objects.filter(rfq=rfq).aggregate(
        invited=Count("id", filter=Q(status=InvitationStatus.INVITED)),
        matched=Count("id", filter=Q(status=InvitationStatus.MATCHED)),
    )
    return BuyerRfqDetail(
        rfq=rfq,
        lines=list(rfq.lines.select_related("category").order_by("position")),
        attachments=list(Attachment.objects.filter(rfq=rfq, quote__isnull=True, company=company)),
        awards=list(
            Award.objects.filter(rfq=rfq)
            .select_related("line", "supplier", "quote")
            .order_by("line__position")
        ),
        quote_count=Quote.objects.filter(rfq=rfq, status=QuoteStatus.SUBMITTED).count(),
        invited_count=counts["invited"],
        matched_count=counts["matched"],
    )


def invitation_list(*, company: Company, rfq_id: int, status: str | None = None) -> QuerySet[RfqInvitation]:
    rfq = rfq_get_for_buyer(company=company, rfq_id=rfq_id)
    qs = RfqInvitation.objects.filter(rfq=rfq).select_related("supplier", "supplier__supplier_profile")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("rank", "created_at", "id")


def rfq_attachment_for_buyer(*, company: Company, rfq_id: int, attachment_id: int) -> Attachment:
    attachment = Attachment.objects.filter(
        pk=attachment_id, rfq_id=rfq_id, rfq__buyer=company, company=company, quote__isnull=True
    ).first()
    if attachment is None:
        raise NotFound()
    return attachment


def _quote_lines_prefetch() -> Prefetch:
    return Prefetch(
        "lines", queryset=QuoteLine.objects.select_related("rfq_line").order_by("rfq_line__position")
    )


def quote_list_for_buyer(*, company: Company, rfq_id: int) -> QuerySet[Quote]:
    """Submitted quotes on the buyer's RFQ with their lines and attachments.

    Raises:
        NotFound: not the company's RFQ.
        RfqSealed: the RFQ is sealed and has not closed yet.
    """
    rfq = rfq_get_for_buyer(company=company, rfq_id=rfq_id)
    if not quotes_revealed(rfq):
        raise RfqSealed()
    return (
        Quote.objects.filter(rfq=rfq, status=QuoteStatus.SUBMITTED)
        .select_related("supplier", "rfq")
        .prefetch_related(_quote_lines_prefetch(), "attachments")
        .order_by("submitted_at", "id")
    )


def quote_attachment_for_buyer(
    *, company: Company, rfq_id: int, quote_id: int, attachment_id: int
) -> Attachment:
    rfq = rfq_get_for_buyer(company=company, rfq_id=rfq_id)
    attachment = (
        Attachment.objects.filter(
            pk=attachment_id, rfq=rfq, quote_id=quote_id, quote__status=QuoteStatus.SUBMITTED
        )
        .select_related("quote")
        .first()
    )
    if (
        attachment is None
        or attachment.quote is None
        or attachment.company_id != attachment.quote.supplier_id
    ):
        raise NotFound()
    if not quotes_revealed(rfq):
        raise RfqSealed()
    return attachment


def screening_preset_get(*, company: Company) -> ScreeningPreset:
    """The company's preset, or the defaults (unsaved) when it never set one."""
    return ScreeningPreset.objects.filter(company=company).first() or ScreeningPreset(company=company)


# Supplier side ------------------------------------------------------------------------------------


def _visible_rfq_ids(company: Company) -> tuple[QuerySet[RfqInvitation], QuerySet[Quote]]:
    invited = RfqInvitation.objects.filter(supplier=company).filter(
        Q(status=InvitationStatus.INVITED)
        | Q(status=InvitationStatus.MATCHED, rfq__visibility=Visibility.OPEN)
    )
    quoted = Quote.objects.filter(supplier=company).exclude(status=QuoteStatus.WITHDRAWN)
    return invited, quoted


def rfqs_visible_to_supplier(*, company: Company) -> QuerySet[Rfq]:
    invited, quoted = _visible_rfq_ids(company)
    return Rfq.objects.filter(Q(pk__in=invited.values("rfq_id")) | Q(pk__in=quoted.values("rfq_id"))).exclude(
        status=RfqStatus.DRAFT
    )


def inbox_list(*, company: Company, status: str | None = None) -> QuerySet[Rfq]:
    """RFQs in the supplier's inbox, newest deadline first, with its own invitation and quote state."""
    my_invitation = RfqInvitation.objects.filter(rfq=OuterRef("pk"), supplier=company)
    my_quote = Quote.objects.filter(rfq=OuterRef("pk"), supplier=company).exclude(
        status=QuoteStatus.WITHDRAWN
    )
    qs = (
        rfqs_visible_to_supplier(company=company)
        .select_related("buyer")
        .annotate(
            my_invitation_status=Subquery(my_invitation.values("status")[:1]),
            my_quote_status=Subquery(my_quote.values("status")[:1]),
            my_quote_revision=Subquery(my_quote.values("revision")[:1]),
            my_awarded_lines=Count("awards", filter=Q(awards__supplier=company), distinct=True),
            line_count=Count("lines", distinct=True),
        )
    )
    if status == "accepting":
        qs = qs.filter(status=RfqStatus.OPEN, closing_at__gt=timezone.now())
    elif status:
        qs = qs.filter(status=status)
    return qs.order_by("-published_at", "-id")


def rfq_get_for_supplier(*, company: Company, rfq_id: int) -> Rfq:
    rfq = rfqs_visible_to_supplier(company=company).filter(pk=rfq_id).select_related("buyer").first()
    if rfq is None:
        raise NotFound()
    return rfq


@dataclass(frozen=True)
class InboxRfqDetail:
    rfq: Rfq
    lines: list[RfqLine]
    attachments: list[Attachment]
    invitation_status: str | None
    quote: Quote | None
    awards: list[Award]
    outcome: str


def _outcome(rfq: Rfq, quote: Quote | None, awards: list[Award]) -> str:
    if rfq.status == RfqStatus.CANCELLED:
        return "cancelled"
    if awards:
        return "awarded"
    if rfq.status == RfqStatus.AWARDED and quote is not None and quote.status == QuoteStatus.SUBMITTED:
        return "not_awarded"
    return "pending"


def inbox_detail(*, company: Company, rfq_id: int) -> InboxRfqDetail:
    rfq = rfq_get_for_supplier(company=company, rfq_id=rfq_id)
    quote = quote_current_for_supplier(company=company, rfq=rfq)
    awards = list(Award.objects.filter(rfq=rfq, supplier=company).select_related("line"))
    invitation = RfqInvitation.objects.filter(rfq=rfq, supplier=company).values_list("status", flat=True)
    return InboxRfqDetail(
        rfq=rfq,
        lines=list(rfq.lines.select_related("category").order_by("position")),
        attachments=list(Attachment.objects.filter(rfq=rfq, quote__isnull=True, company_id=rfq.buyer_id)),
        invitation_status=next(iter(invitation), None),
        quote=quote,
        awards=awards,
        outcome=_outcome(rfq, quote, awards),
    )


def inbox_attachment(*, company: Company, rfq_id: int, attachment_id: int) -> Attachment:
    rfq = rfq_get_for_supplier(company=company, rfq_id=rfq_id)
    attachment = Attachment.objects.filter(
        pk=attachment_id, rfq=rfq, quote__isnull=True, company_id=rfq.buyer_id
    ).first()
    if attachment is None:
        raise NotFound()
    return attachment


def quote_current_for_supplier(*, company: Company, rfq: Rfq) -> Quote | None:
    """The supplier's active quote on ``rfq`` (or, if it has only withdrawn ones, the latest of those)."""
    return (
        Quote.objects.filter(rfq=rfq, supplier=company)
        .prefetch_related(_quote_lines_prefetch(), "attachments")
        .select_related("rfq")
        .annotate(active=Q(status__in=[QuoteStatus.DRAFT, QuoteStatus.SUBMITTED]))
        .order_by("-active", "-created_at", "-id")
        .first()
    )


def quote_get_for_supplier(*, company: Company, rfq_id: int) -> Quote:
    rfq = rfq_get_for_supplier(company=company, rfq_id=rfq_id)
    quote = quote_current_for_supplier(company=company, rfq=rfq)
    if quote is None:
        raise NotFound()
    return quote


def quote_attachment_for_supplier(*, company: Company, rfq_id: int, attachment_id: int) -> Attachment:
    rfq = rfq_get_for_supplier(company=company, rfq_id=rfq_id)
    attachment = Attachment.objects.filter(
        pk=attachment_id, rfq=rfq, quote__supplier=company, company=company
    ).first()
    if attachment is None:
        raise NotFound()
    return attachment


def parse_bool(name: str, value: str | None) -> bool:
    if value is None:
        return False
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes"):
        return True
    if lowered in ("0", "false", "no"):
        return False
    raise ValidationFailed(errors={name: ["Use true or false."]})


def has_active_quote(*, rfq: Rfq, supplier_id: int) -> bool:
    return (
        Quote.objects.filter(rfq=rfq, supplier_id=supplier_id).exclude(status=QuoteStatus.WITHDRAWN).exists()
    )


def rfq_is_accepting(rfq: Rfq, *, now: datetime | None = None) -> bool:
    return (
        rfq.status == RfqStatus.OPEN
        and rfq.closing_at is not None
        and rfq.closing_at > (now or timezone.now())
    )


# History (for supplier profiles) ------------------------------------------------------------------


@dataclass(frozen=True)
class SupplierRfqRecord:
    """A supplier's RFQ record, from the same events that matching's reputation uses.

    ``rfqs_received``: invitations to RFQs that have closed (open ones are still being answered);
    ``rfqs_answered``: of those, the ones it submitted a quote on; ``quotes_submitted``: its submitted
    quotes on RFQs that were awarded; ``quotes_won``: of those, the ones awarded at least one line.
    """

    rfqs_received: int
    rfqs_answered: int
    quotes_submitted: int
    quotes_won: int


def supplier_rfq_records(*, company_ids: list[int]) -> dict[int, SupplierRfqRecord]:
    """The RFQ records of these supplier companies (every one of them, zeros included): two grouped
    queries whatever their number."""
    ids = list(dict.fromkeys(company_ids))
    if not ids:
        return {}
    decided = (RfqStatus.CLOSED, RfqStatus.AWARDED)
    submitted = Quote.objects.filter(
        rfq=OuterRef("rfq_id"), supplier_id=OuterRef("supplier_id"), status=QuoteStatus.SUBMITTED
    )
    invitations = {
        row["supplier_id"]: row
        for row in RfqInvitation.objects.filter(
            supplier_id__in=ids, status=InvitationStatus.INVITED, rfq__status__in=decided
        )
        .values("supplier_id")
        .annotate(received=Count("id"), answered=Count("id", filter=Q(Exists(submitted))))
        .order_by()
    }
    quotes = {
        row["supplier_id"]: row
        for row in Quote.objects.filter(
            supplier_id__in=ids, status=QuoteStatus.SUBMITTED, rfq__status=RfqStatus.AWARDED
        )
        .values("supplier_id")
        .annotate(
            submitted=Count("id", distinct=True),
            won=Count("id", filter=Q(awards__isnull=False), distinct=True),
        )
        .order_by()
    }
    empty: dict[str, int] = {}
    return {
        company_id: SupplierRfqRecord(
            rfqs_received=invitations.get(company_id, empty).get("received", 0),
            rfqs_answered=invitations.get(company_id, empty).get("answered", 0),
            quotes_submitted=quotes.get(company_id, empty).get("submitted", 0),
            quotes_won=quotes.get(company_id, empty).get("won", 0),
        )
        for company_id in ids
    }


def supplier_rfq_record(*, company_id: int) -> SupplierRfqRecord:
    return supplier_rfq_records(company_ids=[company_id])[company_id]


def rfq_suppliers_concerned(*, rfq_ids: list[int]) -> list[int]:
    """Supplier companies whose RFQ record these RFQs touch: invited to them or quoting on them."""
    invited = RfqInvitation.objects.filter(rfq_id__in=rfq_ids, status=InvitationStatus.INVITED).values_list(
        "supplier_id", flat=True
    )
    quoting = Quote.objects.filter(rfq_id__in=rfq_ids, status=QuoteStatus.SUBMITTED).values_list(
        "supplier_id", flat=True
    )
    return sorted(set(invited) | set(quoting))
