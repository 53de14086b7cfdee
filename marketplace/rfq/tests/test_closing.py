"""Closing at the deadline (beat), closing early, extending and cancelling."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from hansa.celery import app
from kernel.models import OutboxMessage
from marketplace.rfq import services
from marketplace.rfq.models import Rfq
from marketplace.rfq.tests import factories as f
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_beat_task_closes_due_rfqs_once(market):
    due = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    later = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    Rfq.objects.filter(pk=due.pk).update(closing_at=timezone.now() - timedelta(minutes=1))

    from marketplace.rfq.tasks import close_due_task

    assert close_due_task() == 1
    assert close_due_task() == 0  # idempotent
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, later.status) == ("closed", "open")
    assert due.closed_at is not None
    assert OutboxMessage.objects.filter(topic="rfq.notify", payload__kind="closed").count() == 1
    assert app.conf.beat_schedule["rfq.close_due"]["task"] == "rfq.close_due"


def test_close_early(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)], sealed=True)
    f.quote(market.s1.actor, rfq)

    response = market.buyer.client.post(f"/api/rfqs/{rfq.pk}/close/")

    assert response.status_code == 200
    assert response.json()["status"] == "closed" and response.json()["quotes_visible"] is True
    again = market.buyer.client.post(f"/api/rfqs/{rfq.pk}/close/")
    assert again.status_code == 409 and again.json()["code"] == "rfq_not_open"
    late = market.s1.client.put(
        f"/api/rfq-inbox/{rfq.pk}/quote/", f.quote_body(rfq), content_type="application/json"
    )
    assert late.status_code == 409 and late.json()["code"] == "rfq_closed"


def test_extend_the_deadline_tells_suppliers(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    f.deliver_pending()
    mail.outbox.clear()
    new_closing = rfq.closing_at + timedelta(days=3)

    earlier = market.buyer.client.post_json(
        f"/api/rfqs/{rfq.pk}/extend/", {"closing_at": (rfq.closing_at - timedelta(hours=1)).isoformat()}
    )
    response = market.buyer.client.post_json(
        f"/api/rfqs/{rfq.pk}/extend/", {"closing_at": new_closing.isoformat()}
    )

    assert earlier.status_code == 400 and "closing_at" in earlier.json()["errors"]
    assert response.status_code == 200, response.content
    assert Rfq.objects.get(pk=rfq.pk).closing_at == new_closing
    f.deliver_pending()
    assert (
        Notification.objects.filter(subject_type="rfq", subject_id=rfq.pk, kind="rfq.extended").count() == 2
    )
    assert {m.to[0] for m in mail.outbox} == {market.s1.owner.email, market.s2.owner.email}


def test_extend_after_the_deadline_is_409(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    Rfq.objects.filter(pk=rfq.pk).update(closing_at=timezone.now() - timedelta(seconds=1))
    response = market.buyer.client.post_json(
        f"/api/rfqs/{rfq.pk}/extend/", {"closing_at": (timezone.now() + timedelta(days=2)).isoformat()}
    )
    assert response.status_code == 409 and response.json()["code"] == "rfq_not_open"


def test_cancel_with_a_reason_tells_suppliers(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    f.quote(market.s1.actor, rfq)
    f.deliver_pending()
    mail.outbox.clear()

    no_reason = market.buyer.client.post_json(f"/api/rfqs/{rfq.pk}/cancel/", {"reason": "  "})
    assert no_reason.status_code == 400 and Rfq.objects.get(pk=rfq.pk).status == "open"
    response = market.buyer.client.post_json(f"/api/rfqs/{rfq.pk}/cancel/", {"reason": "Project postponed"})

    assert response.status_code == 200 and response.json()["cancel_reason"] == "Project postponed"
    f.deliver_pending()
    cancelled = Notification.objects.filter(subject_type="rfq", subject_id=rfq.pk, kind="rfq.cancelled")
    assert {n.company_id for n in cancelled} == {market.s1.company.pk, market.s2.company.pk}
    assert all(n.payload["reason"] == "Project postponed" for n in cancelled)
    assert len(mail.outbox) == 2
    inbox = market.s1.client.get(f"/api/rfq-inbox/{rfq.pk}/").json()
    assert (inbox["status"], inbox["outcome"], inbox["cancel_reason"]) == (
        "cancelled",
        "cancelled",
        "Project postponed",
    )
    again = market.buyer.client.post_json(f"/api/rfqs/{rfq.pk}/cancel/", {"reason": "Again"})
    assert again.status_code == 409 and again.json()["code"] == "rfq_not_cancellable"


def test_a_cancelled_draft_tells_nobody(market):
    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)])
    services.rfq_cancel(actor=market.buyer.actor, rfq_id=rfq.pk, reason="Not needed")
    assert not OutboxMessage.objects.filter(topic="rfq.notify").exists()


def test_an_awarded_rfq_cannot_be_cancelled(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    quote = f.quote(market.s1.actor, rfq)
    f.force_close(rfq)
    services.rfq_award(actor=market.buyer.actor, rfq_id=rfq.pk, quote_id=quote.pk, reason="Only quote")
    response = market.buyer.client.post_json(f"/api/rfqs/{rfq.pk}/cancel/", {"reason": "Too late"})
    assert response.status_code == 409 and response.json()["code"] == "rfq_not_cancellable"
