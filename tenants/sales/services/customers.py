"""Customer accounts, their contacts and follow-ups (the CRM side of sales)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from identity.models import Membership, MembershipStatus
from kernel.errors import NotFound
from kernel.tenancy import current_company
from tenants.sales.exceptions import FollowUpDone
from tenants.sales.models import Customer, CustomerContact, FollowUp, FollowUpStatus
from tenants.sales.services.common import Errors, add_error, audit, check_currency, raise_if

CUSTOMER_FIELDS = ("name", "email", "phone", "address", "currency", "payment_terms", "notes")
CONTACT_FIELDS = ("name", "title", "email", "phone", "is_primary")


def _clean_customer(values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    errors: Errors = {}
    unknown = set(values) - set(CUSTOMER_FIELDS)
    if unknown:
        raise ValueError(f"unknown customer fields {sorted(unknown)}")
    if "name" in values or not partial:
        values["name"] = str(values.get("name", "")).strip()
        if not values["name"]:
            add_error(errors, "name", "Give the customer's name.")
    if values.get("currency"):
        check_currency(errors, "currency", values["currency"])
    raise_if(errors)
    return values


@transaction.atomic
def customer_create(*, actor: Actor, request: HttpRequest | None = None, **values: Any) -> Customer:
    """A customer outside Hansa (accounts of Hansa buyers are made by their first order).

    Raises: PermissionMissing (so.manage), ValidationFailed (no name, unknown currency).
    """
    actor.require("so.manage")
    customer = Customer.objects.create(**_clean_customer(values, partial=False))
    audit(
        actor=actor, action="customer.created", target_type="customer", target_id=customer.pk, request=request
    )
    return customer


@transaction.atomic
def customer_update(
    *, actor: Actor, customer_id: int, request: HttpRequest | None = None, **values: Any
) -> Customer:
    """Change a customer's account details (the Hansa company link never changes).

    Raises: PermissionMissing (so.manage), NotFound, ValidationFailed.
    """
    actor.require("so.manage")
    customer = Customer.objects.select_for_update().filter(pk=customer_id).first()
    if customer is None:
        raise NotFound()
    values = _clean_customer(values, partial=True)
    before = {k: getattr(customer, k) for k in values}
    for key, value in values.items():
        setattr(customer, key, value)
    customer.save()
    audit(
        actor=actor,
        action="customer.updated",
        target_type="customer",
        target_id=customer.pk,
        request=request,
        before=before,
        after=values,
    )
    return customer


def customer_for_buyer(
    *,
    company_id: int,
    name: str,
    payment_terms: str = "",
    currency: str = "",
    contact: dict[str, Any] | None = None,
) -> Customer:
    """The account of the Hansa company ``company_id``, made on its first order (with the buyer's contact).

    Safe when two first orders arrive at once: the unique company link decides, the loser reads the winner's.
    """
    customer = Customer.objects.filter(hansa_company_id=company_id).first()
    if customer is not None:
        return customer
    try:
        with transaction.atomic():
            customer = Customer.objects.create(
                name=name[:200] or f"Company {company_id}",
                hansa_company_id=company_id,
                payment_terms=payment_terms[:200],
                currency=currency,
            )
    except IntegrityError:
        return Customer.objects.get(hansa_company_id=company_id)
    contact = contact or {}
    if str(contact.get("name") or "").strip():
        CustomerContact.objects.create(
            customer=customer,
            name=str(contact["name"])[:200],
            email=str(contact.get("email") or "")[:254],
            is_primary=True,
        )
    return customer


def _customer(customer_id: int, *, lock: bool = False) -> Customer:
    queryset = Customer.objects.select_for_update() if lock else Customer.objects.all()
    customer = queryset.filter(pk=customer_id).first()
    if customer is None:
        raise NotFound()
    return customer


def _clean_contact(values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    errors: Errors = {}
    if "name" in values or not partial:
        values["name"] = str(values.get("name", "")).strip()
        if not values["name"]:
            add_error(errors, "name", "Give the contact's name.")
    raise_if(errors)
    return values


def _one_primary(contact: CustomerContact) -> None:
    if contact.is_primary:
        CustomerContact.objects.filter(customer_id=contact.customer_id, is_primary=True).exclude(
            pk=contact.pk
        ).update(is_primary=False)


@transaction.atomic
def contact_add(*, actor: Actor, customer_id: int, **values: Any) -> CustomerContact:
    """Raises: PermissionMissing (so.manage), NotFound, ValidationFailed (no name)."""
    actor.require("so.manage")
    customer = _customer(customer_id, lock=True)
    contact = CustomerContact.objects.create(customer=customer, **_clean_contact(values, partial=False))
    _one_primary(contact)
    return contact


@transaction.atomic
def contact_update(*, actor: Actor, customer_id: int, contact_id: int, **values: Any) -> CustomerContact:
    """Raises: PermissionMissing (so.manage), NotFound, ValidationFailed."""
    actor.require("so.manage")
    _customer(customer_id, lock=True)
    contact = CustomerContact.objects.filter(pk=contact_id, customer_id=customer_id).first()
    if contact is None:
        raise NotFound()
    for key, value in _clean_contact(values, partial=True).items():
        setattr(contact, key, value)
    contact.save()
    _one_primary(contact)
    return contact


@transaction.atomic
def contact_remove(*, actor: Actor, customer_id: int, contact_id: int) -> None:
    """Raises: PermissionMissing (so.manage), NotFound."""
    actor.require("so.manage")
    deleted, _ = CustomerContact.objects.filter(pk=contact_id, customer_id=customer_id).delete()
    if not deleted:
        raise NotFound()


def _assignee(errors: Errors, actor: Actor, assignee_id: int | None) -> Any:
    if assignee_id is None:
        return None
    membership = (
        Membership.objects.filter(company=actor.company, user_id=assignee_id).select_related("user").first()
    )
    if membership is None:
        add_error(errors, "assignee_id", "Not a member of this company.")
        return None
    return membership.user


@transaction.atomic
def follow_up_create(
    *,
    actor: Actor,
    customer_id: int,
    title: str,
    due_date: date,
    note: str = "",
    assignee_id: int | None = None,
) -> FollowUp:
    """A follow-up for a customer, assigned to ``assignee_id`` (a member) or else to its author.

    Raises: PermissionMissing (so.manage), ValidationFailed (unknown customer, no title, not a member).
    """
    actor.require("so.manage")
    errors: Errors = {}
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None:
        add_error(errors, "customer_id", "No such customer.")
    if not title.strip():
        add_error(errors, "title", "Say what is to be done.")
    assignee = _assignee(errors, actor, assignee_id)
    raise_if(errors)
    assert customer is not None
    return FollowUp.objects.create(
        customer=customer,
        title=title.strip(),
        note=note,
        due_date=due_date,
        assignee=assignee or actor.user,
        created_by=actor.user,
    )


def _open_follow_up(follow_up_id: int) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().filter(pk=follow_up_id).first()
    if follow_up is None:
        raise NotFound()
    if follow_up.status != FollowUpStatus.OPEN:
        raise FollowUpDone()
    return follow_up


@transaction.atomic
def follow_up_update(*, actor: Actor, follow_up_id: int, **values: Any) -> FollowUp:
    """Change an open follow-up's title, note, due date or assignee.

    Raises: PermissionMissing (so.manage), NotFound, FollowUpDone, ValidationFailed.
    """
    actor.require("so.manage")
    follow_up = _open_follow_up(follow_up_id)
    errors: Errors = {}
    if "title" in values:
        values["title"] = str(values["title"]).strip()
        if not values["title"]:
            add_error(errors, "title", "Say what is to be done.")
    if "assignee_id" in values:
        assignee = _assignee(errors, actor, values.pop("assignee_id"))
        values["assignee"] = assignee
    raise_if(errors)
    for key, value in values.items():
        setattr(follow_up, key, value)
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_done(*, actor: Actor, follow_up_id: int) -> FollowUp:
    """Raises: PermissionMissing (so.manage), NotFound, FollowUpDone (already done)."""
    actor.require("so.manage")
    follow_up = _open_follow_up(follow_up_id)
    follow_up.status = FollowUpStatus.DONE
    follow_up.done_at = timezone.now()
    follow_up.save(update_fields=["status", "done_at"])
    return follow_up


def follow_up_reminders_send(*, as_of: date | None = None) -> int:
    """In-app notifications (``/api/notifications/``) to the assignees of open follow-ups due by ``as_of``
    (today by default), in this schema: one per follow-up and day, however often it runs (the key makes a
    repeat a no-op). Returns how many follow-ups were due."""
    from notifications.selectors import Recipient
    from notifications.services import notification_send

    company = current_company()
    if company is None:
        return 0
    as_of = as_of or timezone.localdate()
    members = set(
        Membership.objects.filter(company=company, status=MembershipStatus.ACTIVE).values_list(
            "user_id", flat=True
        )
    )
    due = FollowUp.objects.filter(
        status=FollowUpStatus.OPEN, due_date__lte=as_of, assignee_id__in=members
    ).select_related("customer")
    made = 0
    for follow_up in due:
        if follow_up.assignee_id is None:
            continue
        notification_send(
            recipients=[Recipient(company.pk, follow_up.assignee_id)],
            kind="sales.follow_up_due",
            key=f"sales.follow_up_due:{follow_up.pk}:{as_of.isoformat()}",
            payload={
                "follow_up_id": follow_up.pk,
                "title": follow_up.title,
                "customer_id": follow_up.customer_id,
                "customer": follow_up.customer.name,
                "due_date": follow_up.due_date.isoformat(),
                "overdue": follow_up.due_date < as_of,
            },
            subject_type="follow_up",
            subject_id=follow_up.pk,
        )
        made += 1
    return made
