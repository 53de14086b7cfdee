"""Broadcast after publishing: outbox, in-app notifications and e-mail to the right members, once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from kernel.models import OutboxMessage
from marketplace.rfq import services
from marketplace.rfq.models import RfqInvitation
from marketplace.rfq.services import notifications
from marketplace.rfq.tests import factories as f
from notifications import services as sending
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_publish_records_the_broadcast_in_its_transaction(market):
    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)])
    with pytest.raises(RuntimeError), transaction.atomic():
        services.rfq_publish(actor=market.buyer.actor, rfq_id=rfq.pk)
        raise RuntimeError("rolled back after publishing")
    assert not OutboxMessage.objects.filter(topic="rfq.broadcast").exists()
    assert not RfqInvitation.objects.filter(rfq=rfq).exists()

    services.rfq_publish(actor=market.buyer.actor, rfq_id=rfq.pk)

    message = OutboxMessage.objects.get(topic="rfq.broadcast")
    assert message.payload == {"rfq_id": rfq.pk}


def test_invited_suppliers_members_holding_rfq_quote_are_told_in_app_and_by_mail(market, signed_in):
    sales_actor, _ = market.s1.member(["sales"], signed_in)
    viewer_actor, _ = market.s1.member(["viewer"], signed_in)
    mail.outbox.clear()

    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)], title="Bearings 6205")
    assert f.deliver_pending() == 1

    told = set(
        Notification.objects.filter(subject_type="rfq", subject_id=rfq.pk).values_list(
            "company_id", "user_id"
        )
    )
    assert told == {
        (market.s1.company.pk, market.s1.owner.pk),
        (market.s1.company.pk, sales_actor.user.pk),
        (market.s2.company.pk, market.s2.owner.pk),
    }
    assert viewer_actor.user.pk not in {user for _, user in told}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [market.s1.owner.email, sales_actor.user.email, market.s2.owner.email]
    )
    message = next(m for m in mail.outbox if m.to == [market.s1.owner.email])
    assert "Bearings 6205" in message.subject
    assert f"/rfq-inbox/{rfq.pk}" in message.body
    assert all(i.notified_at for i in RfqInvitation.objects.filter(rfq=rfq))

    # Redelivery (at-least-once) tells nobody twice.
    mail.outbox.clear()
    assert services.broadcast_invitations(rfq_id=rfq.pk) == 0
    assert (
        notifications.notify_members(
            rfq=rfq,
            companies=[market.s1.company.pk],
            permission="rfq.quote",
            kind="rfq.invited",
            key=f"rfq.invited:{rfq.pk}",
            payload={"title": "x", "buyer": "y", "closing_at": "z", "rfq_id": rfq.pk},
            link_path="/",
        )
        == 0
    )
    assert mail.outbox == []
    assert Notification.objects.filter(subject_type="rfq", subject_id=rfq.pk).count() == 3


def test_mail_goes_out_in_batches_over_one_connection(market, monkeypatch):
    from identity.models import Membership, User

    for index in range(5):
        supplier = f.bare_company(f"Supplier {index}")
        user = User.objects.create_user(email=f"sales@{supplier.slug}.test", password="x-password-123")
        Membership.objects.create(user=user, company=supplier, roles=["sales"])
        f.supplier_profile(supplier, categories=[market.cat])
    batches = []
    real = sending.get_connection

    def counting_connection(*args, **kwargs):
        connection = real(*args, **kwargs)
        send = connection.send_messages

        def send_messages(messages):
            batches.append(len(messages))
            return send(messages)

        connection.send_messages = send_messages
        return connection

    monkeypatch.setattr(sending, "EMAIL_BATCH", 3)
    monkeypatch.setattr(sending, "get_connection", counting_connection)

    f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)])
    f.deliver_pending()

    assert batches == [3, 3, 1]


def test_only_top_n_are_notified_but_every_match_sees_an_open_rfq(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)], top_n=1)
    f.deliver_pending()
    statuses = dict(RfqInvitation.objects.filter(rfq=rfq).values_list("supplier_id", "status"))
    matched = next(c for c, s in statuses.items() if s == "matched")
    invited = next(c for c, s in statuses.items() if s == "invited")
    matched_party = market.s1 if market.s1.company.pk == matched else market.s2

    assert Notification.objects.filter(subject_type="rfq", subject_id=rfq.pk, company_id=matched).count() == 0
    assert Notification.objects.filter(subject_type="rfq", subject_id=rfq.pk, company_id=invited).count() == 1
    inbox = matched_party.client.get("/api/rfq-inbox/").json()
    assert [row["id"] for row in inbox["results"]] == [rfq.pk]
    assert inbox["results"][0]["invitation_status"] == "matched"
    created = matched_party.client.post_json(f"/api/rfq-inbox/{rfq.pk}/quote/", f.quote_body(rfq))
    assert created.status_code == 201, created.content


def test_an_invitee_added_after_publishing_is_told(market, party):
    late = party("Late supplier")
    f.supplier_profile(late.company, categories=[f.category("Unrelated")])
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)], visibility="invited")
    f.deliver_pending()

    response = market.buyer.client.put(f"/api/rfqs/{rfq.pk}/invitations/{late.company.pk}/")

    assert response.status_code == 200, response.content
    assert response.json()["source"] == "added"
    assert f.deliver_pending() == 1
    assert (
        Notification.objects.filter(subject_type="rfq", subject_id=rfq.pk, company=late.company).count() == 1
    )
    assert late.client.get(f"/api/rfq-inbox/{rfq.pk}/").status_code == 200


def test_adding_an_unknown_or_unlisted_supplier_or_oneself_is_404(market, party):
    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)])
    hidden = party("Hidden")
    f.supplier_profile(hidden.company, categories=[market.cat], listed=False)
    f.supplier_profile(market.buyer.company, categories=[market.cat])
    for supplier_id in (987654321, hidden.company.pk, market.buyer.company.pk):
        response = market.buyer.client.put(f"/api/rfqs/{rfq.pk}/invitations/{supplier_id}/")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert not RfqInvitation.objects.filter(rfq=rfq).exists()


def test_removing_an_invitee_who_quoted_is_refused(market):
    rfq = f.rfq_open(market.buyer.actor, lines=[f.line(market.cat)], visibility="invited")
    f.quote(market.s1.actor, rfq)

    refused = market.buyer.client.delete(f"/api/rfqs/{rfq.pk}/invitations/{market.s1.company.pk}/")
    removed = market.buyer.client.delete(f"/api/rfqs/{rfq.pk}/invitations/{market.s2.company.pk}/")

    assert refused.status_code == 409 and refused.json()["code"] == "invitee_has_quote"
    assert removed.status_code == 204
    assert market.s2.client.get(f"/api/rfq-inbox/{rfq.pk}/").status_code == 404
    listed = market.buyer.client.get(f"/api/rfqs/{rfq.pk}/invitations/?status=removed").json()
    assert [row["supplier_id"] for row in listed["results"]] == [market.s2.company.pk]
