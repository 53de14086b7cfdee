"""Invitations: owners and admins invite people by e-mail; the link signs up or signs in, then joins."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import login
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from identity import selectors
from identity.access import Actor
from identity.exceptions import (
    AlreadyMember,
    InvalidCredentials,
    InvitationInvalid,
    InvitationNotPending,
    InvitationPending,
    OwnerRoleReserved,
)
from identity.models import Invitation, InvitationStatus, Language, Membership, MembershipStatus, User
from identity.services.accounts import membership_activate
from identity.services.audit import audit_record
from identity.services.members import validate_roles
from kernel.errors import NotFound, ValidationFailed
from kernel.tenancy import company_url
from tenants.models import Company

INVITATION_VALID_FOR = timedelta(days=7)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class InvitationCreated:
    invitation: Invitation
    link: str


def _send(invitation: Invitation, token: str) -> str:
    from identity.tasks import invitation_send_email

    link = company_url(invitation.company.slug or "", f"/invitation/{token}")
    invitation.last_sent_at = timezone.now()
    invitation.sent_count += 1
    invitation.save(update_fields=["last_sent_at", "sent_count", "token_hash", "expires_at"])
    # The token travels only in the task message, never stored in plain text.
    transaction.on_commit(lambda: invitation_send_email.delay(invitation.pk, link))
    return link


@transaction.atomic
def invitation_create(
    *, actor: Actor, email: str, roles: list[str], request: HttpRequest | None = None
) -> InvitationCreated:
    """Invite ``email`` with ``roles``; mails the link after commit.

    Raises:
        PermissionMissing: actor lacks members.manage.
        ValidationFailed: bad e-mail or roles.
        OwnerRoleReserved: a non-owner invites an owner.
        AlreadyMember: the address belongs to an active member.
        InvitationPending: an invitation to the address is already pending.
    """
    actor.require("members.manage")
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationFailed(errors={"email": ["Enter a valid e-mail address."]}) from None
    roles = validate_roles(roles)
    if "owner" in roles and "owner" not in actor.roles:
        raise OwnerRoleReserved()
    if Membership.objects.filter(
        company=actor.company, user__email=email, status=MembershipStatus.ACTIVE
    ).exists():
        raise AlreadyMember()
    Invitation.objects.filter(
        company=actor.company, email=email, status=InvitationStatus.PENDING, expires_at__lte=timezone.now()
    ).update(status=InvitationStatus.REVOKED)
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                company=actor.company,
                email=email,
                roles=roles,
                token_hash=_hash(token),
                invited_by=actor.user,
                expires_at=timezone.now() + INVITATION_VALID_FOR,
            )
    except IntegrityError:
        raise InvitationPending() from None
    link = _send(invitation, token)
    audit_record(
        action="invitation.created",
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="invitation",
        target_id=invitation.pk,
        after={"email": email, "roles": roles},
    )
    return InvitationCreated(invitation=invitation, link=link)


def _pending_for_actor(actor: Actor, invitation_id: int) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().filter(pk=invitation_id, company=actor.company).first()
    )
    if invitation is None:
        raise NotFound()
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationNotPending()
    return invitation


@transaction.atomic
def invitation_resend(
    *, actor: Actor, invitation_id: int, request: HttpRequest | None = None
) -> InvitationCreated:
    """Mail a fresh link (the old one stops working) and extend the expiry."""
    actor.require("members.manage")
    invitation = _pending_for_actor(actor, invitation_id)
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _hash(token)
    invitation.expires_at = timezone.now() + INVITATION_VALID_FOR
    link = _send(invitation, token)
    audit_record(
        action="invitation.resent",
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="invitation",
        target_id=invitation.pk,
        after={"email": invitation.email},
    )
    return InvitationCreated(invitation=invitation, link=link)


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation_id: int, request: HttpRequest | None = None) -> Invitation:
    actor.require("members.manage")
    invitation = _pending_for_actor(actor, invitation_id)
    invitation.status = InvitationStatus.REVOKED
    invitation.save(update_fields=["status"])
    audit_record(
        action="invitation.revoked",
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="invitation",
        target_id=invitation.pk,
        before={"email": invitation.email},
    )
    return invitation


def invitation_by_token(*, token: str, company: Company) -> Invitation:
    """The pending, unexpired invitation behind ``token`` for this company, else InvitationInvalid."""
    invitation = Invitation.objects.filter(token_hash=_hash(token or ""), company=company).first()
    if (
        invitation is None
        or invitation.status != InvitationStatus.PENDING
        or invitation.expires_at <= timezone.now()
    ):
        raise InvitationInvalid()
    return invitation


@transaction.atomic
def invitation_accept(
    *, token: str, company: Company, password: str, full_name: str = "", request: HttpRequest | None = None
) -> Membership:
    """Join the company through an invitation, creating the account when the address has none.

    An existing account proves itself with its password; a new one gets the password (validated) and a
    verified e-mail address (the link reached that mailbox). Signs the user in on this host unless they
    use MFA (they then sign in with their code).

    Raises:
        InvitationInvalid: unknown, expired, revoked or used token, or another company's.
        InvalidCredentials: wrong password for an existing account.
        ValidationFailed: weak password for a new account.
        QuotaExceeded: the company's plan has no room for another member (402; nothing is written).
    """
    from allauth.account.models import EmailAddress

    invitation = invitation_by_token(token=token, company=company)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationInvalid()
    user = selectors.user_by_email(email=invitation.email)
    if user is not None:
        if not user.check_password(password):
            raise InvalidCredentials()
    else:
        try:
            validate_password(password, user=User(email=invitation.email, full_name=full_name))
        except ValidationError as exc:
            raise ValidationFailed(errors={"password": list(exc.messages)}) from None
        locale = Language.ZH_HANS if company.locale == Language.ZH_HANS else Language.EN
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name.strip(), preferred_language=locale
        )
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    membership = membership_activate(user=user, company=company, roles=invitation.roles)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["status", "accepted_at", "accepted_by"])
    audit_record(
        action="invitation.accepted",
        company=company,
        actor=user,
        request=request,
        target_type="invitation",
        target_id=invitation.pk,
        after={"roles": invitation.roles},
    )
    if request is not None and not selectors.user_has_mfa(user=user):
        login(request, user, backend="identity.backends.MemberAwareBackend")
    return membership
