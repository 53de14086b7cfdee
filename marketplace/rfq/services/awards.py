"""Awarding a closed RFQ: the whole RFQ or single lines, each line at most once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from kernel.errors import ValidationFailed
from kernel.outbox import outbox_record
from marketplace.rfq.exceptions import LineAlreadyAwarded, RfqNotClosed
from marketplace.rfq.models import Award, AwardScope, Quote, QuoteStatus, RfqStatus
from marketplace.rfq.services.common import audit, lock_buyer_rfq
from marketplace.rfq.services.drafts import Errors, add_error
from marketplace.rfq.services.lifecycle import TOPIC_NOTIFY, _close, record_history_changed


@dataclass(frozen=True)
class AwardDocument:
    """A document an award hook made (procurement: a draft purchase order in the buyer's workspace)."""

    kind: str
    id: int
    number: str
    supplier_id: int | None = None


@dataclass(frozen=True)
class AwardResult:
    awards: list[Award]
    documents: list[AwardDocument]


# Called as hook(actor=, rfq=, awards=) inside the award's transaction (raising rolls the award back);
# answers the documents it made (or None). The buyer's procurement app registers one that drafts
# purchase orders; the marketplace never imports it.
AwardHook = Callable[..., Iterable[AwardDocument] | None]
_award_hooks: list[AwardHook] = []


def award_hook(hook: AwardHook) -> AwardHook:
    if hook not in _award_hooks:
        _award_hooks.append(hook)
    return hook


@transaction.atomic
def rfq_award(
    *,
    actor: Actor,
    rfq_id: int,
    quote_id: int,
    reason: str,
    line_ids: list[int] | None = None,
    request: HttpRequest | None = None,
) -> AwardResult:
    """Award lines of a closed RFQ to one supplier's submitted quote, with a reason.

    ``line_ids`` None awards the whole RFQ (every line; the quote must cover them all). The RFQ row is
    locked, so two awards at once are serialised; the unique line of ``Award`` makes a second award of a
    line impossible even so. When every line is awarded the RFQ becomes ``awarded`` and the unsuccessful
    suppliers are told; each winner is told at once. An RFQ whose deadline passed but that the beat has
    not closed yet is closed first. The registered award hooks run last, in this transaction (procurement
    drafts a purchase order per awarded supplier in the buyer's workspace); the result names the awards
    made and the documents the hooks made.

    Raises:
        PermissionMissing: actor lacks rfq.award.
        NotFound: not the company's RFQ.
        RfqNotClosed: the RFQ is draft, open or cancelled.
        LineAlreadyAwarded: a chosen line already has an award (409).
        ValidationFailed: no reason, not a submitted quote of this RFQ, a line not of this RFQ or not
            covered by the quote.
    """
    actor.require("rfq.award")
    rfq = lock_buyer_rfq(actor=actor, rfq_id=rfq_id)
    now = timezone.now()
    closed_now = rfq.status == RfqStatus.OPEN and rfq.closing_at is not None and rfq.closing_at <= now
    if closed_now:
        _close(rfq, now)
        outbox_record(topic=TOPIC_NOTIFY, payload={"rfq_ids": [rfq.pk], "kind": "closed", "event": "1"})
    if rfq.status not in (RfqStatus.CLOSED, RfqStatus.AWARDED):
        raise RfqNotClosed()
    errors: Errors = {}
    reason = reason.strip()
    if not reason:
        add_error(errors, "reason", "Say why this supplier is chosen.")
    quote = (
        Quote.objects.filter(pk=quote_id, rfq=rfq, status=QuoteStatus.SUBMITTED)
        .select_related("supplier")
        .first()
    )
    if quote is None:
        add_error(errors, "quote_id", "Not a submitted quote on this RFQ.")
    all_lines = {line.pk: line for line in rfq.lines.all()}
    whole = line_ids is None
    chosen = list(all_lines) if line_ids is None else list(line_ids)
    if not chosen:
        add_error(errors, "line_ids", "Choose at least one line, or leave it out to award the whole RFQ.")
    if len(set(chosen)) != len(chosen):
        add_error(errors, "line_ids", "A line is listed twice.")
    quoted = set(quote.lines.values_list("rfq_line_id", flat=True)) if quote else set()
    for index, line_id in enumerate(chosen):
        name = "line_ids" if whole else f"line_ids.{index}"
        if line_id not in all_lines:
            add_error(errors, name, f"Line {line_id} is not a line of this RFQ.")
        elif quote is not None and line_id not in quoted:
            add_error(errors, name, f"Line {all_lines[line_id].position} is not quoted by this supplier.")
    if errors:
        raise ValidationFailed(errors=errors)
    assert quote is not None
    if Award.objects.filter(line_id__in=chosen).exists():
        raise LineAlreadyAwarded()
    try:
        with transaction.atomic():
            awards = Award.objects.bulk_create(
                [
                    Award(
                        rfq=rfq,
                        line_id=line_id,
                        quote=quote,
                        supplier_id=quote.supplier_id,
                        scope=AwardScope.WHOLE if whole else AwardScope.LINE,
                        reason=reason,
                        awarded_by=actor.user,
                    )
                    for line_id in chosen
                ]
            )
    except IntegrityError:
        raise LineAlreadyAwarded() from None
    complete = not rfq.lines.filter(award__isnull=True).exists()
    if complete:
        rfq.status = RfqStatus.AWARDED
        rfq.awarded_at = now
        rfq.save(update_fields=["status", "awarded_at", "updated_at"])
    outbox_record(
        topic=TOPIC_NOTIFY,
        payload={
            "rfq_id": rfq.pk,
            "kind": "awarded",
            "event": str(awards[0].pk),
            "supplier_id": quote.supplier_id,
            "line_ids": chosen,
        },
    )
    if complete:
        outbox_record(topic=TOPIC_NOTIFY, payload={"rfq_id": rfq.pk, "kind": "not_awarded", "event": "1"})
    if complete or closed_now:
        record_history_changed([rfq.pk])
    audit(
        actor=actor,
        action="rfq.awarded",
        target_type="rfq",
        target_id=rfq.pk,
        request=request,
        after={
            "supplier_id": quote.supplier_id,
            "quote_id": quote.pk,
            "lines": sorted(all_lines[i].position for i in chosen),
            "scope": "whole" if whole else "line",
            "reason": reason,
            "complete": complete,
        },
    )
    for award in awards:
        award.line = all_lines[award.line_id]
        award.supplier = quote.supplier
        award.quote = quote
    documents: list[AwardDocument] = []
    for hook in _award_hooks:
        documents.extend(hook(actor=actor, rfq=rfq, awards=awards) or ())
    return AwardResult(awards=awards, documents=documents)
