"""Publishing (matching and broadcast), invitees, extending, closing and cancelling RFQs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from billing.meters import Feature, Meter
from billing.services.metering import feature_require, usage_record
from identity.access import Actor
from kernel.errors import NotFound, ValidationFailed
from kernel.outbox import outbox_record
from marketplace.directory.models import CompanyRole, SupplierProfile
from marketplace.rfq.exceptions import InviteeHasQuote, RfqNotCancellable, RfqNotDraft, RfqNotOpen
from marketplace.rfq.models import (
    InvitationSource,
    InvitationStatus,
    Rfq,
    RfqInvitation,
    RfqStatus,
)
from marketplace.rfq.selectors import has_active_quote
from marketplace.rfq.selectors.matching import match_and_store
from marketplace.rfq.services.common import audit, lock_buyer_rfq
from marketplace.rfq.services.drafts import Errors, add_error, check_header
from tenants.models import CompanyStatus

TOPIC_BROADCAST = "rfq.broadcast"
TOPIC_NOTIFY = "rfq.notify"
# The RFQ record of suppliers (response and win rates) changed: their supplier rating is recomputed.
TOPIC_HISTORY = "rfq.history"


def record_history_changed(rfq_ids: list[int]) -> None:
    """After commit, recompute the supplier rating of the suppliers these RFQs invited or got quotes from
    (an RFQ that closes, is awarded, or is cancelled after closing changes their record)."""
    outbox_record(topic=TOPIC_HISTORY, payload={"rfq_ids": list(rfq_ids)})


@dataclass(frozen=True)
class PublishResult:
    rfq: Rfq
    candidates: int
    invited: int


@transaction.atomic
def rfq_publish(*, actor: Actor, rfq_id: int, request: HttpRequest | None = None) -> PublishResult:
    """Publish a draft: match and rank suppliers, store the invitations, broadcast after commit.

    Matching is one SQL statement (see ``selectors.matching``): the number of queries does not grow with
    the number of suppliers. The top N become invited, other candidates ``matched`` (they see an RFQ open
    to matching suppliers in their inbox; an invited-only RFQ stays hidden from them). Suppliers the buyer
    added before publishing stay invited. The broadcast (notifications and e-mail to invited suppliers'
    members holding rfq.quote) is recorded in the outbox in this transaction.

    Raises:
        PermissionMissing: actor lacks rfq.publish.
        NotFound: not the company's RFQ.
        RfqNotDraft: already published or cancelled.
        ValidationFailed: closing time missing or past, delivery date or region missing, no lines.
        FeatureNotInPlan: a sealed RFQ and the plan has no sealed RFQs (403 ``feature_not_in_plan``).
        QuotaExceeded: the plan's RFQs of this month are used up (402 ``quota_exceeded``).
    """
    actor.require("rfq.publish")
    rfq = lock_buyer_rfq(actor=actor, rfq_id=rfq_id)
    if rfq.status != RfqStatus.DRAFT:
        raise RfqNotDraft()
    now = timezone.now()
    errors: Errors = {}
    for name in ("closing_at", "delivery_date", "delivery_region"):
        if not getattr(rfq, name):
            add_error(errors, name, "Required to publish.")
    check_header(
        {
            "closing_at": rfq.closing_at,
            "delivery_date": rfq.delivery_date,
            "delivery_region": rfq.delivery_region,
        },
        now=now,
        errors=errors,
    )
    if not rfq.lines.exists():
        add_error(errors, "lines", "Add at least one line.")
    if errors:
        raise ValidationFailed(errors=errors)
    if rfq.sealed:
        feature_require(company_id=actor.company.pk, feature=Feature.SEALED_RFQS)
    usage_record(company_id=actor.company.pk, meter=Meter.RFQS_PUBLISHED)
    candidates = match_and_store(rfq=rfq)
    rfq.status = RfqStatus.OPEN
    rfq.published_at = now
    rfq.save(update_fields=["status", "published_at", "updated_at"])
    invited = RfqInvitation.objects.filter(rfq=rfq, status=InvitationStatus.INVITED).count()
    outbox_record(topic=TOPIC_BROADCAST, payload={"rfq_id": rfq.pk})
    audit(
        actor=actor,
        action="rfq.published",
        target_type="rfq",
        target_id=rfq.pk,
        request=request,
        after={
            "candidates": candidates,
            "invited": invited,
            "closing_at": rfq.closing_at.isoformat() if rfq.closing_at else None,
        },
    )
    return PublishResult(rfq=rfq, candidates=candidates, invited=invited)


def _supplier_for_invitation(*, actor: Actor, supplier_id: int) -> SupplierProfile:
    profile = (
        SupplierProfile.objects.filter(
            company_id=supplier_id,
            is_listed=True,
            role__in=[CompanyRole.SUPPLIER, CompanyRole.BOTH],
            company__status=CompanyStatus.ACTIVE,
        )
        .exclude(company_id=actor.company.pk)
        .first()
    )
    if profile is None:
        raise NotFound(detail="No listed supplier with this id.")
    return profile


@transaction.atomic
def invitation_add(
    *, actor: Actor, rfq_id: int, supplier_id: int, request: HttpRequest | None = None
) -> RfqInvitation:
    """Invite a listed supplier (any, matched or not) to a draft or open RFQ; idempotent.

    On an open RFQ the supplier is notified after commit (once). A supplier removed earlier is invited
    again.

    Raises:
        PermissionMissing: actor lacks rfq.publish.
        NotFound: not the company's RFQ, or no listed, active supplier with this company id (the buyer's
            own company included).
        RfqNotOpen: the RFQ is closed, awarded or cancelled.
    """
    actor.require("rfq.publish")
    rfq = lock_buyer_rfq(actor=actor, rfq_id=rfq_id)
    if rfq.status not in (RfqStatus.DRAFT, RfqStatus.OPEN):
        raise RfqNotOpen(detail="Suppliers can be added to draft and open RFQs only.")
    profile = _supplier_for_invitation(actor=actor, supplier_id=supplier_id)
    invitation, created = RfqInvitation.objects.get_or_create(
        rfq=rfq,
        supplier_id=profile.company_id,
        defaults={
            "status": InvitationStatus.INVITED,
            "source": InvitationSource.ADDED,
            "reasons": {"added_by_buyer": True},
        },
    )
    if not created and invitation.status != InvitationStatus.INVITED:
        invitation.status = InvitationStatus.INVITED
        invitation.source = InvitationSource.ADDED
        invitation.reasons = {**invitation.reasons, "added_by_buyer": True}
        invitation.save(update_fields=["status", "source", "reasons", "updated_at"])
    elif not created:
        return invitation
    if rfq.status == RfqStatus.OPEN:
        outbox_record(topic=TOPIC_BROADCAST, payload={"rfq_id": rfq.pk})
    audit(
        actor=actor,
        action="rfq.invitee_added",
        target_type="rfq",
        target_id=rfq.pk,
        request=request,
        after={"supplier_id": profile.company_id},
    )
    return invitation


@transaction.atomic
def invitation_remove(
    *, actor: Actor, rfq_id: int, supplier_id: int, request: HttpRequest | None = None
) -> None:
    """Remove an invited or matched supplier: an invited-only RFQ disappears from its inbox.

    Raises:
        PermissionMissing: actor lacks rfq.publish.
        NotFound: not the company's RFQ, or the supplier is not invited or matched.
        RfqNotOpen: the RFQ is closed, awarded or cancelled.
        InviteeHasQuote: the supplier has an active quote on the RFQ.
    """
    actor.require("rfq.publish")
    rfq = lock_buyer_rfq(actor=actor, rfq_id=rfq_id)
    invitation = (
        RfqInvitation.objects.select_for_update()
        .filter(rfq=rfq, supplier_id=supplier_id)
        .exclude(status=InvitationStatus.REMOVED)
        .first()
    )
    if invitation is None:
        raise NotFound()
    if rfq.status not in (RfqStatus.DRAFT, RfqStatus.OPEN):
        raise RfqNotOpen(detail="Suppliers can be removed from draft and open RFQs only.")
    if has_active_quote(rfq=rfq, supplier_id=supplier_id):
        raise InviteeHasQuote()
    invitation.status = InvitationStatus.REMOVED
    invitation.save(update_fields=["status", "updated_at"])
    audit(
        actor=actor,
        action="rfq.invitee_removed",
        target_type="rfq",
        target_id=rfq.pk,
        request=request,
        after={"supplier_id": supplier_id},
    )


@transaction.atomic
def rfq_extend(*, actor: Actor, rfq_id: int, closing_at: datetime, request: HttpRequest | None = None) -> Rfq:
    """Move the deadline of an open RFQ later; invited and quoting suppliers are told after commit.

    Raises:
        PermissionMissing: actor lacks rfq.publish.
        NotFound: not the company's RFQ.
        RfqNotOpen: not open, or its deadline already passed.
        ValidationFailed: the new time is not after the current one, in the past, more than a year
            ahead, or after the delivery date.
    """
    actor.require("rfq.publish")
    rfq = lock_buyer_rfq(actor=actor, rfq_id=rfq_id)
    now = timezone.now()
    if rfq.status != RfqStatus.OPEN or rfq.closing_at is None or rfq.closing_at <= now:
        raise RfqNotOpen()
    errors: Errors = {}
    if closing_at <= rfq.closing_at:
        add_error(errors, "closing_at", "The new closing time must be after the current one.")
    check_header({"closing_at": closing_at}, now=now, errors=errors, stored=rfq)
    if errors:
        raise ValidationFailed(errors=errors)
    before = rfq.closing_at
    rfq.closing_at = closing_at
    rfq.save(update_fields=["closing_at", "updated_at"])
    outbox_record(
        topic=TOPIC_NOTIFY,
        payload={"rfq_id": rfq.pk, "kind": "extended", "event": closing_at.isoformat()},
    )
    audit(
        actor=actor,
        action="rfq.extended",
        target_type="rfq",
        target_id=rfq.pk,
        request=request,
        before={"closing_at": before.isoformat()},
        after={"closing_at": closing_at.isoformat()},
    )
    return rfq


@transaction.atomic
def rfq_cancel(*, actor: Actor, rfq_id: int, reason: str, request: HttpRequest | None = None) -> Rfq:
    """Cancel a draft, open or closed (not yet awarded) RFQ with a reason; suppliers are told after commit.

    A sealed RFQ cancelled before it closed is never opened: its quotes stay hidden from the buyer.

    Raises:
        PermissionMissing: actor lacks rfq.publish.
        NotFound: not the company's RFQ.
        RfqNotCancellable: already cancelled or awarded (in part or in full).
        ValidationFailed: no reason.
    """
    actor.require("rfq.publish")
    rfq = lock_buyer_rfq(actor=actor, rfq_id=rfq_id)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(errors={"reason": ["Say why the RFQ is cancelled."]})
    if rfq.status not in (RfqStatus.DRAFT, RfqStatus.OPEN, RfqStatus.CLOSED) or rfq.awards.exists():
        raise RfqNotCancellable()
    was = rfq.status
    rfq.status = RfqStatus.CANCELLED
    rfq.cancel_reason = reason
    rfq.cancelled_at = timezone.now()
    rfq.save(update_fields=["status", "cancel_reason", "cancelled_at", "updated_at"])
    if was != RfqStatus.DRAFT:
        outbox_record(topic=TOPIC_NOTIFY, payload={"rfq_id": rfq.pk, "kind": "cancelled", "event": "1"})
    if was == RfqStatus.CLOSED:
        record_history_changed([rfq.pk])
    audit(
        actor=actor,
        action="rfq.cancelled",
        target_type="rfq",
        target_id=rfq.pk,
        request=request,
        before={"status": was},
        after={"reason": reason},
    )
    return rfq


def _close(rfq: Rfq, now: datetime) -> None:
    rfq.status = RfqStatus.CLOSED
    rfq.closed_at = now
    rfq.save(update_fields=["status", "closed_at", "updated_at"])


@transaction.atomic
def rfq_close(*, actor: Actor, rfq_id: int, request: HttpRequest | None = None) -> Rfq:
    """Close an open RFQ before its deadline (sealed quotes open now); the buyer's awarders are told.

    Raises:
        PermissionMissing: actor lacks rfq.publish. NotFound: not the company's RFQ.
        RfqNotOpen: not open.
    """
    actor.require("rfq.publish")
    rfq = lock_buyer_rfq(actor=actor, rfq_id=rfq_id)
    if rfq.status != RfqStatus.OPEN:
        raise RfqNotOpen()
    _close(rfq, timezone.now())
    outbox_record(topic=TOPIC_NOTIFY, payload={"rfq_ids": [rfq.pk], "kind": "closed", "event": "1"})
    record_history_changed([rfq.pk])
    audit(actor=actor, action="rfq.closed", target_type="rfq", target_id=rfq.pk, request=request)
    return rfq


def rfq_close_if_due(*, rfq_id: int, company_id: int) -> bool:
    """Close the company's RFQ now if its deadline passed and the beat has not closed it yet.

    Called before the buyer reads quotes, so that what the buyer sees never waits for the next beat tick.
    Returns True if it closed it. ``SKIP LOCKED``: a quote write still holding the row finishes first.
    """
    with transaction.atomic():
        rfq = (
            Rfq.objects.select_for_update(skip_locked=True)
            .filter(pk=rfq_id, buyer_id=company_id, status=RfqStatus.OPEN, closing_at__lte=timezone.now())
            .first()
        )
        if rfq is None:
            return False
        _close(rfq, timezone.now())
        outbox_record(topic=TOPIC_NOTIFY, payload={"rfq_ids": [rfq.pk], "kind": "closed", "event": "1"})
        record_history_changed([rfq.pk])
        return True


def rfq_close_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Close open RFQs whose deadline passed (the beat task); returns how many it closed.

    Idempotent; ``SELECT ... FOR UPDATE SKIP LOCKED`` lets two runs (or a run and a quote write holding a
    row) proceed without waiting: a skipped row is closed by the next run.
    """
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            Rfq.objects.select_for_update(skip_locked=True)
            .filter(status=RfqStatus.OPEN, closing_at__lte=now)
            .order_by("closing_at")
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return 0
        Rfq.objects.filter(pk__in=ids).update(status=RfqStatus.CLOSED, closed_at=now, updated_at=now)
        outbox_record(topic=TOPIC_NOTIFY, payload={"rfq_ids": ids, "kind": "closed", "event": "1"})
        record_history_changed(ids)
    return len(ids)


def supplier_ratings_refresh(*, rfq_ids: list[int]) -> int:
    """Recompute the supplier rating of every supplier invited to or quoting on these RFQs (the
    ``rfq.history`` handler); returns how many ratings changed."""
    from marketplace.directory.services import supplier_reputation_refresh
    from marketplace.rfq.selectors import rfq_suppliers_concerned

    return supplier_reputation_refresh(company_ids=rfq_suppliers_concerned(rfq_ids=rfq_ids))
