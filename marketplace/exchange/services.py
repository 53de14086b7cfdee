"""Sending and ingesting trade documents.

    document = document_send(sender=buyer, receiver=supplier, kind="purchase_order", payload={...})

``document_send`` writes the document in the caller's transaction and enqueues its ingestion after
commit (a tenant-aware Celery task running in the receiver's schema). ``document_ingest`` runs the
kind's handler inside the receiver's schema and records the document id there under a unique
constraint, in one transaction: a redelivery has no effect. A document that refers to one sent to the
same receiver and not yet ingested waits, and is ingested right after the one it waits for. The
sweeper (beat) re-enqueues documents left pending (a lost enqueue, a broker outage), waiting ones
whose wake-up was lost, and failed ones with exponential backoff.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kernel.errors import ValidationFailed, _field_errors
from kernel.outbox import broker_publish, resend_due
from kernel.tenancy import company_context, schema_context
from marketplace.exchange.exceptions import NoIngestHandler
from marketplace.exchange.handlers import Incoming, handler_for
from marketplace.exchange.inbox.models import ReceivedDocument
from marketplace.exchange.kinds import REFERS_TO_KINDS, SCHEMA_VERSION, DeliveryState, DocumentKind
from marketplace.exchange.models import PartnerLink, TradeDocument
from marketplace.exchange.schemas import payload_errors
from tenants.models import Company, CompanyStatus

logger = logging.getLogger(__name__)

INGESTED = "ingested"
DUPLICATE = "duplicate"
WAITING = "waiting"
FAILED = "failed"

MAX_ATTEMPTS = 20
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 6 * 3600


def document_send(
    *,
    sender: Company,
    receiver: Company,
    kind: str,
    payload: dict[str, Any],
    refers_to: uuid.UUID | None = None,
) -> TradeDocument:
    """Validate and write a trade document from ``sender`` to ``receiver``; ingest it after commit.

    Written in the caller's transaction (the table is in ``public``, reachable from any tenant's
    search path), so a rolled-back caller sends nothing. Links the two companies as trading partners on
    their first document. The payload is stored normalised (see ``schemas``).

    Raises:
        ValidationFailed: unknown kind, a payload not matching the kind's schema (field errors under
            ``payload.<field>``), a receiver that is not an active company or the sender itself, or a
            ``refers_to`` that is missing, of the wrong kind, or not between these two companies.
    """
    errors: dict[str, list[str]] = {}
    if kind not in DocumentKind.values:
        raise ValidationFailed(errors={"kind": [f"Unknown document kind {kind!r}."]})
    if receiver.pk == sender.pk:
        errors["receiver"] = ["A company cannot send a trade document to itself."]
    elif receiver.status != CompanyStatus.ACTIVE:
        errors["receiver"] = ["The receiving company is not active."]
    allowed = REFERS_TO_KINDS[kind]
    if allowed is None and refers_to is not None:
        errors["refers_to"] = [f"A {kind} does not refer to another document."]
    elif allowed is not None:
        if refers_to is None:
            errors["refers_to"] = [f"A {kind} must refer to a {' or '.join(allowed)}."]
        else:
            referenced = (
                TradeDocument.objects.filter(pk=refers_to).values("kind", "sender_id", "receiver_id").first()
            )
            if referenced is None or {referenced["sender_id"], referenced["receiver_id"]} != {
                sender.pk,
                receiver.pk,
            }:
                errors["refers_to"] = ["No such document between these two companies."]
            elif referenced["kind"] not in allowed:
                errors["refers_to"] = [f"A {kind} must refer to a {' or '.join(allowed)}."]
    normalised, detail = payload_errors(kind, payload)
    if detail is not None:
        errors.update(_field_errors(detail, "payload"))
    if errors:
        raise ValidationFailed(errors=errors)
    document = TradeDocument.objects.create(
        kind=kind,
        sender=sender,
        receiver=receiver,
        refers_to_id=refers_to,
        schema_version=SCHEMA_VERSION,
        payload=normalised,
        validated=True,
    )
    _link_partners(sender=sender, receiver=receiver, document_id=document.pk)
    receiver_schema = receiver.schema_name
    transaction.on_commit(lambda: _enqueue(document.pk, receiver_schema))
    return document


def _link_partners(*, sender: Company, receiver: Company, document_id: uuid.UUID) -> None:
    # INSERT ... ON CONFLICT DO NOTHING: two first documents at once still give one link per direction.
    if PartnerLink.objects.filter(company=sender, partner=receiver).exists():
        return
    PartnerLink.objects.bulk_create(
        [
            PartnerLink(company=sender, partner=receiver, first_document_id=document_id),
            PartnerLink(company=receiver, partner=sender, first_document_id=document_id),
        ],
        ignore_conflicts=True,
    )


def _enqueue(document_id: uuid.UUID, receiver_schema: str, *, force: bool = False) -> None:
    from marketplace.exchange.tasks import ingest_document

    def send() -> None:
        # Enqueued from the receiver's schema: tenant-schemas-celery runs the task there.
        with schema_context(receiver_schema):
            ingest_document.delay(str(document_id))

    # A failed (or paused) publish is left to the sweeper: enqueued_at stays as it was.
    if broker_publish(send, what=f"trade document {document_id}", force=force):
        TradeDocument.objects.filter(pk=document_id).update(enqueued_at=timezone.now())


def _incoming(document: TradeDocument) -> Incoming:
    return Incoming(
        id=document.pk,
        kind=document.kind,
        sender_id=document.sender_id,
        sender_name=document.sender.name,
        receiver_id=document.receiver_id,
        refers_to=document.refers_to_id,
        payload=document.payload,
        created_at=document.created_at,
    )


def document_ingest(*, document_id: uuid.UUID) -> str:
    """Ingest one document into its receiver's schema; returns what happened.

    - ``"duplicate"``: the receiver already recorded this document id; nothing else happens.
    - ``"waiting"``: it refers to a document sent to the same receiver that is not ingested yet; it is
      parked and ingested right after that one.
    - ``"ingested"``: the kind's handler ran in the receiver's schema, the id was recorded there and
      the document marked delivered, all in one transaction. Documents waiting for this one are then
      ingested in turn (each in its own transaction).
    - ``"failed"``: the handler raised (or none is registered): its effect is rolled back, the error
      kept in ``last_error``, and the sweeper retries with exponential backoff.

    Safe to call any number of times, from any schema, at the same time as another delivery of the same
    document (the document row is locked for the ingestion).
    """
    outcome = _ingest_one(uuid.UUID(str(document_id)))
    if outcome == INGESTED:
        _ingest_waiters(uuid.UUID(str(document_id)))
    return outcome


def _ingest_waiters(document_id: uuid.UUID) -> None:
    queue = [document_id]
    while queue:
        current = queue.pop(0)
        waiters = TradeDocument.objects.filter(refers_to_id=current, state=DeliveryState.WAITING).order_by(
            "created_at"
        )
        for waiter_id in waiters.values_list("pk", flat=True):
            if _ingest_one(waiter_id) == INGESTED:
                queue.append(waiter_id)


def _ingest_one(document_id: uuid.UUID) -> str:
    with transaction.atomic():
        document = (
            TradeDocument.objects.select_for_update(of=("self",))
            .select_related("sender", "receiver")
            .filter(pk=document_id)
            .first()
        )
        if document is None:
            logger.warning("trade document %s: not found", document_id)
            return FAILED
        with company_context(document.receiver):
            if ReceivedDocument.objects.filter(document_id=document.pk).exists():
                _mark(document, DeliveryState.DELIVERED)
                return DUPLICATE
            if _must_wait(document):
                _mark(document, DeliveryState.WAITING)
                return WAITING
            handler = handler_for(document.kind)
            try:
                if handler is None:
                    raise NoIngestHandler(f"no ingest handler registered for {document.kind}")
                with transaction.atomic():
                    handler(_incoming(document))
                    ReceivedDocument.objects.create(
                        document_id=document.pk, kind=document.kind, sender_id=document.sender_id
                    )
            except Exception as exc:
                logger.exception("trade document %s: ingestion failed", document.pk)
                _mark(document, DeliveryState.FAILED, error=f"{type(exc).__name__}: {exc}")
                return FAILED
            _mark(document, DeliveryState.DELIVERED)
            return INGESTED


def _must_wait(document: TradeDocument) -> bool:
    """Whether ``document`` refers to a document sent to the same receiver that it has not ingested.

    Locks the referenced document's row: its ingestion holds that lock until it commits, so either we
    see its ReceivedDocument row, or we park first and it finds us waiting after its commit.
    """
    refers_to = document.refers_to_id
    if refers_to is None:
        return False
    referenced = (
        TradeDocument.objects.select_for_update(of=("self",))
        .filter(pk=refers_to)
        .values("receiver_id")
        .first()
    )
    if referenced is None or referenced["receiver_id"] != document.receiver_id:
        return False
    return not ReceivedDocument.objects.filter(document_id=refers_to).exists()


def _mark(document: TradeDocument, state: str, *, error: str = "") -> None:
    now = timezone.now()
    document.state = state
    document.attempts += 1
    fields = ["state", "attempts", "updated_at"]
    if state == DeliveryState.DELIVERED:
        if document.delivered_at is None:
            document.delivered_at = now
        document.last_error = ""
        document.next_attempt_at = None
        fields += ["delivered_at", "last_error", "next_attempt_at"]
    elif state == DeliveryState.FAILED:
        delay = min(BACKOFF_BASE_SECONDS * 2 ** min(document.attempts - 1, 20), BACKOFF_MAX_SECONDS)
        document.last_error = error[:2000]
        document.next_attempt_at = now + timedelta(seconds=delay)
        fields += ["last_error", "next_attempt_at"]
    document.save(update_fields=fields)


def exchange_sweep(*, now: Any = None, limit: int = 500) -> int:
    """Re-enqueue what was left behind; returns how many documents were enqueued.

    - pending documents not enqueued (or last enqueued) longer ago than the sweep delay: a lost enqueue,
      a broker outage, a worker killed mid-task (an enqueued one with backoff: ``kernel.outbox.resend_due``);
    - waiting documents whose referenced document is delivered: a lost wake-up;
    - failed documents whose backoff is over (up to ``MAX_ATTEMPTS`` attempts).
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.HANSA_OUTBOX_SWEEP_AFTER_SECONDS)
    pending = Q(state=DeliveryState.PENDING) & resend_due(now=now, cutoff=cutoff)
    woken = Q(state=DeliveryState.WAITING, updated_at__lte=cutoff, refers_to__state=DeliveryState.DELIVERED)
    due = Q(state=DeliveryState.FAILED, next_attempt_at__lte=now, attempts__lt=MAX_ATTEMPTS)
    rows = list(
        TradeDocument.objects.filter(pending | woken | due)
        .order_by("created_at")
        .values_list("pk", "receiver__schema_name")[:limit]
    )
    for document_id, schema_name in rows:
        _enqueue(document_id, schema_name, force=True)
    return len(rows)


def deliver_pending(*, include_failed: bool = True, limit: int = 10_000) -> dict[str, int]:
    """Ingest every undelivered document now, synchronously, oldest first (tests, demo, operators).

    Returns the count of each outcome. Waiting documents are re-tried after the others.
    """
    states = [DeliveryState.PENDING, DeliveryState.WAITING]
    if include_failed:
        states.append(DeliveryState.FAILED)
    counts: Counter[str] = Counter()
    ids = list(
        TradeDocument.objects.filter(state__in=states)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for document_id in ids:
        state = TradeDocument.objects.filter(pk=document_id).values_list("state", flat=True).first()
        if state == DeliveryState.DELIVERED:
            continue
        counts[document_ingest(document_id=document_id)] += 1
    return dict(counts)
