"""The one sending service: idempotent per key, mails only the newly told in their language, and the
inbox API (paths and shape the RFQ app published) reading what any domain sent."""

from __future__ import annotations

import pytest
from django.core import mail

from notifications.models import Notification
from notifications.selectors import Recipient, members_with_permission
from notifications.services import Email, notification_send

pytestmark = pytest.mark.django_db

EMAIL = Email(
    "Order {number} waits for you",
    "{number} needs your approval.\n{link}\n",
    "订单 {number} 待您审批",
    "{number} 需要您审批。\n{link}\n",
    link_path="/purchase-orders/7",
)


def test_sending_twice_with_one_key_tells_and_mails_each_member_once(make_company):
    first = make_company(company_name="Huaxia Machinery")
    second = make_company(company_name="Wuxi Bearings")
    first.user.preferred_language = "en"
    first.user.save(update_fields=["preferred_language"])
    second.user.preferred_language = "zh-hans"
    second.user.save(update_fields=["preferred_language"])
    everyone = [Recipient(first.company.pk, first.user.pk), Recipient(second.company.pk, second.user.pk)]

    told = notification_send(
        recipients=everyone[:1],
        kind="po.approval_requested",
        key="po.approval_requested:7:1",
        payload={"number": "PO-7"},
        subject_type="purchase_order",
        subject_id=7,
        email=EMAIL,
    )
    again = notification_send(
        recipients=everyone,
        kind="po.approval_requested",
        key="po.approval_requested:7:1",
        payload={"number": "PO-7"},
        subject_type="purchase_order",
        subject_id=7,
        email=EMAIL,
    )

    assert (told, again) == (1, 1)
    notes = Notification.objects.filter(key="po.approval_requested:7:1").order_by("company_id")
    assert [(n.company_id, n.user_id, n.subject_type, n.subject_id, n.rfq_id) for n in notes] == [
        (first.company.pk, first.user.pk, "purchase_order", 7, None),
        (second.company.pk, second.user.pk, "purchase_order", 7, None),
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([first.user.email], "[Hansa] Order PO-7 waits for you"),
        ([second.user.email], "[Hansa] 订单 PO-7 待您审批"),
    ]
    assert f"{second.company.slug}." in mail.outbox[1].body and "/purchase-orders/7" in mail.outbox[1].body


def test_members_with_a_permission_are_the_active_members_whose_roles_grant_it(make_company):
    from identity.models import Membership, MembershipStatus, User

    signup = make_company(company_name="Huaxia Machinery")
    company = signup.company
    viewer = User.objects.create_user(email="viewer@huaxia.test", password="x-password-123")
    Membership.objects.create(user=viewer, company=company, roles=["viewer"])
    gone = User.objects.create_user(email="gone@huaxia.test", password="x-password-123")
    Membership.objects.create(user=gone, company=company, roles=["owner"], status=MembershipStatus.REMOVED)

    found = members_with_permission(companies=[company.pk], permission="po.approve")

    assert found == [Recipient(company.pk, signup.user.pk)]


def test_the_inbox_lists_any_domains_notifications_with_their_subject(make_company, signed_in):
    signup = make_company(company_name="Huaxia Machinery")
    notification_send(
        recipients=[Recipient(signup.company.pk, signup.user.pk)],
        kind="rfq.closed",
        key="rfq.closed:3",
        payload={"title": "Bearings"},
        subject_type="rfq",
        subject_id=3,
    )
    notification_send(
        recipients=[Recipient(signup.company.pk, signup.user.pk)],
        kind="sales.follow_up_due",
        key="sales.follow_up_due:9",
        payload={"title": "Call"},
        subject_type="follow_up",
        subject_id=9,
    )
    client = signed_in(signup.user, signup.company)

    page = client.get("/api/notifications/?unread=true").json()

    assert [(n["kind"], n["rfq_id"], n["subject_type"], n["subject_id"]) for n in page["results"]] == [
        ("sales.follow_up_due", None, "follow_up", 9),
        ("rfq.closed", 3, "rfq", 3),
    ]
    read = client.post(f"/api/notifications/{page['results'][0]['id']}/read/")
    assert read.status_code == 200 and read.json()["read_at"] is not None
    assert client.get("/api/notifications/?unread=true").json()["count"] == 1
    assert client.post("/api/notifications/999999999/read/").status_code == 404
