"""Writes for identity: users, memberships, sign-in handoff between hosts, sign-in throttling."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import login
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest

from billing.meters import Meter
from billing.services.metering import usage_record
from identity import selectors
from identity.exceptions import HandoffInvalid, InvalidCredentials, TooManyAttempts
from identity.models import Language, Membership, MembershipStatus, User
from kernel.outbox import outbox_record
from kernel.tenancy import company_url, public_request, schema_context
from tenants.models import Company

HANDOFF_MAX_AGE_SECONDS = 120
SIGNIN_FAILURE_LIMIT = 8
SIGNIN_FAILURE_WINDOW_SECONDS = 15 * 60
BACKEND = "identity.backends.MemberAwareBackend"


def user_create(
    *, email: str, password: str, full_name: str = "", preferred_language: str = Language.EN
) -> User:
    """Create a user with an unverified primary e-mail address and queue the verification e-mail."""
    from allauth.account.models import EmailAddress

    user = User.objects.create_user(
        email=email, password=password, full_name=full_name, preferred_language=preferred_language
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    outbox_record(topic="identity.verify_email", payload={"user_id": user.pk})
    return user


def membership_create(*, user: User, company: Company, roles: list[str]) -> Membership:
    """Make ``user`` an active member of ``company`` with ``roles`` (a removed member comes back).

    A membership that becomes active counts on the company's members gauge, in the caller's transaction.

    Raises:
        QuotaExceeded: the plan's members are used up (402 ``quota_exceeded``).
    """
    return membership_activate(user=user, company=company, roles=sorted(set(roles)))


@transaction.atomic
def membership_activate(*, user: User, company: Company, roles: list[str]) -> Membership:
    """Create or reactivate the membership with ``roles``; +1 on the members gauge when it was not
    active. Raises QuotaExceeded (nothing written) over a hard members limit."""
    existing = Membership.objects.select_for_update().filter(user=user, company=company).first()
    if existing is None or existing.status != MembershipStatus.ACTIVE:
        usage_record(company_id=company.pk, meter=Meter.MEMBERS)
    if existing is None:
        # Two racing activations of the same user: the unique constraint fails one, and its count rolls
        # back with it.
        return Membership.objects.create(
            user=user, company=company, roles=roles, status=MembershipStatus.ACTIVE
        )
    existing.roles = roles
    existing.status = MembershipStatus.ACTIVE
    existing.save(update_fields=["roles", "status", "updated_at"])
    return existing


def user_update_profile(
    *, user: User, full_name: str | None = None, preferred_language: str | None = None
) -> User:
    fields = []
    if full_name is not None:
        user.full_name = full_name.strip()
        fields.append("full_name")
    if preferred_language is not None:
        user.preferred_language = preferred_language
        fields.append("preferred_language")
    if fields:
        user.save(update_fields=fields)
    return user


def _handoff_cache_key(token: str) -> str:
    return "handoff:" + hashlib.sha256(token.encode()).hexdigest()[:48]


def handoff_token_issue(*, user: User, company: Company, held: bool = False) -> str:
    """A one-time, two-minute sign-in token for ``user`` on ``company``'s host.

    The token is random and opaque: what it stands for is kept server-side (Redis, under the token's
    hash), so a token says nothing about the account, not even whether it signs anyone in. A ``held``
    token signs nobody in: its link leads to the company's sign-in page (see company sign-up with an
    address that already has an account, docs/identity.md).
    """
    token = secrets.token_urlsafe(32)
    with schema_context("public"):
        cache.set(
            _handoff_cache_key(token),
            {"u": user.pk, "c": company.pk, "e": user.email, "held": held},
            HANDOFF_MAX_AGE_SECONDS,
        )
    return token


def handoff_url(*, user: User, company: Company, held: bool = False) -> str:
    assert company.slug
    token = handoff_token_issue(user=user, company=company, held=held)
    return company_url(company.slug, f"/api/session/handoff/?token={token}")


@dataclass(frozen=True)
class HandoffOutcome:
    """What following a handoff link did: signed ``user`` in, or (held) only pointed at the sign-in page."""

    user: User | None
    signin_email: str = ""


def handoff_consume(*, request: HttpRequest, token: str, company: Company) -> HandoffOutcome:
    """Sign the token's user in on this company's host, once.

    The token names the company it was issued for, expires after two minutes and works once. A user
    with MFA never gets a token (they sign in on the company's host with their code). A held token is
    used up like any other but signs nobody in: the outcome carries the address to pre-fill on the
    sign-in page.

    Raises:
        HandoffInvalid: unknown, expired, used, for another company, or not an active member.
    """
    key = _handoff_cache_key(token or "")
    with schema_context("public"):
        data = cache.get(key)
        # A token shown on the wrong host is refused without being used up.
        if not isinstance(data, dict) or data.get("c") != company.pk or not cache.delete(key):
            raise HandoffInvalid()
    if data.get("held"):
        return HandoffOutcome(user=None, signin_email=str(data.get("e", "")))
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    if user is None or selectors.membership_active_for(user=user, company=company) is None:
        raise HandoffInvalid()
    if selectors.user_has_mfa(user=user):
        raise HandoffInvalid(detail="Sign in with your authenticator code on the company's page.")
    login(request, user, backend=BACKEND)
    return HandoffOutcome(user=user)


def account_password_proves(*, user: User, password: str) -> bool:
    """Whether ``password`` is ``user``'s, counted like a public sign-in attempt on the account.

    A wrong password counts against the account's failure limit (the counter public sign-in uses), and
    once the account is over it even the right password answers False, so this cannot be used to guess
    passwords faster than sign-in allows. The password is always checked (same cost either way).
    """
    key = _throttle_keys(user.email, "")[0]
    with schema_context("public"):
        locked = int(cache.get(key) or 0) >= SIGNIN_FAILURE_LIMIT
        matches = user.is_active and user.check_password(password)
        if not matches:
            cache.add(key, 0, SIGNIN_FAILURE_WINDOW_SECONDS)
            cache.incr(key)
    return matches and not locked


def _throttle_keys(email: str, address: str) -> list[str]:
    email_hash = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return [f"signin-fail:email:{email_hash}", f"signin-fail:ip:{address}"]


@dataclass(frozen=True)
class CompanyChoice:
    company: Company
    mfa_required: bool
    handoff_url: str | None
    signin_url: str


def public_signin(*, email: str, password: str, address: str) -> list[CompanyChoice]:
    """Check a password on the public host and list the companies the user may enter.

    Raises:
        TooManyAttempts: too many failures for this e-mail address or this client address (429).
        InvalidCredentials: unknown e-mail, wrong password, or no active company.
    """
    keys = _throttle_keys(email, address)
    with schema_context("public"):
        failures = cache.get_many(keys)
        if any(int(v) >= SIGNIN_FAILURE_LIMIT for v in failures.values()):
            raise TooManyAttempts(retry_after=SIGNIN_FAILURE_WINDOW_SECONDS)
        user = selectors.user_by_email(email=email)
        if user is None or not user.is_active or not user.check_password(password):
            for key in keys:
                cache.add(key, 0, SIGNIN_FAILURE_WINDOW_SECONDS)
                cache.incr(key)
            raise InvalidCredentials()
        cache.delete_many(keys)
    mfa = selectors.user_has_mfa(user=user)
    choices = []
    for membership in selectors.memberships_of_user(user=user):
        company = membership.company
        assert company.slug
        choices.append(
            CompanyChoice(
                company=company,
                mfa_required=mfa,
                handoff_url=None if mfa else handoff_url(user=user, company=company),
                signin_url=company_url(company.slug, f"/signin?email={user.email}"),
            )
        )
    if not choices:
        raise InvalidCredentials(detail="This account is not a member of any active company.")
    return choices


@transaction.atomic
def email_verification_send(*, user_id: int) -> None:
    """Send the verification e-mail for the user's primary address, if still unverified."""
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(user_id=user_id, primary=True, verified=False).first()
    if address is not None:
        from allauth.core.context import request_context

        request = public_request()
        with request_context(request):  # allauth reads the request from its context when it mails
            address.send_confirmation(request=request, signup=True)
