"""Customers: accounts, contacts, follow-ups with due dates, purchase history and preferences."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from identity.exceptions import PermissionMissing
from kernel.errors import ValidationFailed
from tenants.sales import selectors, services
from tenants.sales.exceptions import FollowUpDone
from tenants.sales.models import Customer, CustomerContact, FollowUp
from tenants.sales.tests import factories as f


def test_customers_and_contacts(supplier):
    with supplier.ctx():
        with pytest.raises(ValidationFailed) as refused:
            services.customer_create(actor=supplier.actor, name=" ", currency="XXQ")
        assert sorted(refused.value.errors) == ["currency", "name"]
        assert Customer.objects.count() == 0
        customer = services.customer_create(
            actor=supplier.actor, name="Shanghai Motors", payment_terms="60 days", currency="CNY"
        )
        services.customer_update(actor=supplier.actor, customer_id=customer.pk, notes="Prefers SF Express")
        first = services.contact_add(
            actor=supplier.actor, customer_id=customer.pk, name="Ms Wu", is_primary=True
        )
        second = services.contact_add(
            actor=supplier.actor, customer_id=customer.pk, name="Mr Ma", is_primary=True
        )
        first.refresh_from_db()
        assert (first.is_primary, second.is_primary) == (False, True)
        services.contact_update(
            actor=supplier.actor, customer_id=customer.pk, contact_id=first.pk, phone="139"
        )
        services.contact_remove(actor=supplier.actor, customer_id=customer.pk, contact_id=second.pk)
        assert list(CustomerContact.objects.values_list("name", "phone")) == [("Ms Wu", "139")]
        assert Customer.objects.get().notes == "Prefers SF Express"


def test_follow_ups_and_the_due_list(supplier, signed_in):
    today = timezone.localdate()
    viewer, _ = supplier.member(["viewer"], signed_in)
    salesperson, _ = supplier.member(["sales"], signed_in)
    with supplier.ctx():
        customer = services.customer_create(actor=supplier.actor, name="Shanghai Motors")
        overdue = services.follow_up_create(
            actor=supplier.actor,
            customer_id=customer.pk,
            title="Call about samples",
            due_date=today - timedelta(days=2),
        )
        due_today = services.follow_up_create(
            actor=supplier.actor,
            customer_id=customer.pk,
            title="Send price list",
            due_date=today,
            assignee_id=salesperson.user.pk,
        )
        services.follow_up_create(
            actor=supplier.actor,
            customer_id=customer.pk,
            title="Quarterly review",
            due_date=today + timedelta(days=30),
        )
        with pytest.raises(ValidationFailed) as refused:
            services.follow_up_create(
                actor=supplier.actor,
                customer_id=customer.pk,
                title="x",
                due_date=today,
                assignee_id=999999999,
            )
        assert refused.value.errors == {"assignee_id": ["Not a member of this company."]}
        with pytest.raises(PermissionMissing):
            services.follow_up_create(actor=viewer, customer_id=customer.pk, title="x", due_date=today)
        assert [x.title for x in selectors.follow_up_list(due=True)] == [
            "Call about samples",
            "Send price list",
        ]
        assert due_today.assignee_id == salesperson.user.pk and overdue.assignee_id == supplier.owner.pk
        services.follow_up_done(actor=supplier.actor, follow_up_id=overdue.pk)
        with pytest.raises(FollowUpDone):
            services.follow_up_done(actor=supplier.actor, follow_up_id=overdue.pk)
        services.follow_up_update(
            actor=supplier.actor, follow_up_id=due_today.pk, due_date=today + timedelta(days=1)
        )
        assert list(selectors.follow_up_list(due=True)) == []
        assert FollowUp.objects.filter(status="open").count() == 2


def test_purchase_history_and_preferences_come_from_the_orders(supplier):
    f.incoming_order(
        supplier.company,
        supplier.buyer,
        [
            f.po_line(1, sku="6205", quantity="100", unit_price="12.50"),
            f.po_line(2, sku="6206", quantity="10"),
        ],
    )
    second = f.incoming_order(supplier.company, supplier.buyer, [f.po_line(1, sku="6205", quantity="50")])
    rejected = f.incoming_order(supplier.company, supplier.buyer, [f.po_line(1, sku="9999", quantity="1000")])
    f.incoming_order(
        supplier.company,
        supplier.buyer,
        [f.po_line(1, sku="6205", quantity="7", unit_price="1000")],
        currency="EUR",
    )
    with supplier.ctx():
        services.order_reject(actor=supplier.actor, order_id=rejected.pk, reason="No")
        history = selectors.customer_history(customer_id=second.customer_id)
    assert history.order_count == 3
    assert [(t.currency, t.order_count, t.net, t.total) for t in history.totals] == [
        ("CNY", 2, Decimal("2000.00"), Decimal("2260.00")),
        ("EUR", 1, Decimal("7000.00"), Decimal("7910.00")),
    ]
    assert [(i.sku, i.order_count, i.quantity) for i in history.top_items] == [
        ("6205", 3, Decimal(157)),
        ("6206", 1, Decimal(10)),
    ]
    assert history.usual_payment_terms == "30 days net"
    assert history.last_order_date == timezone.localdate()


def test_follow_up_reminders_reach_the_assignee_once_a_day(supplier):
    from notifications.models import Notification
    from tenants.sales.tasks import follow_up_reminders_task

    today = timezone.localdate()
    with supplier.ctx():
        customer = services.customer_create(actor=supplier.actor, name="Shanghai Motors")
        services.follow_up_create(
            actor=supplier.actor,
            customer_id=customer.pk,
            title="Overdue call",
            due_date=today - timedelta(days=1),
        )
        services.follow_up_create(
            actor=supplier.actor, customer_id=customer.pk, title="Later", due_date=today + timedelta(days=3)
        )
    assert follow_up_reminders_task() >= 1
    follow_up_reminders_task()  # a second run the same day tells nobody again
    (note,) = Notification.objects.filter(company=supplier.company, kind="sales.follow_up_due")
    assert (note.user_id, note.payload["title"], note.payload["overdue"]) == (
        supplier.owner.pk,
        "Overdue call",
        True,
    )
    with supplier.ctx():
        services.follow_up_reminders_send(as_of=today + timedelta(days=1))
    assert Notification.objects.filter(company=supplier.company, kind="sales.follow_up_due").count() == 2
