"""Credentials that are published (in the README, the demo banner, this repository) and so protect nothing.

The demo operator's authenticator secret is printed by ``./hansa run`` so that anyone can try the
operator console on their own machine. Outside development (DEBUG off) an operator whose authenticator
uses it must not get in: the web process refuses to start while one exists
(:func:`refuse_published_secrets`, called from the WSGI entry point and ``./hansa run``), and should one
appear later, the operator's sign-in and every console request are refused
(:func:`published_totp_secret_in_use`).
"""

from __future__ import annotations

import logging

from django.core.exceptions import ImproperlyConfigured

from identity.models import User
from kernel.crypto import development_mode

logger = logging.getLogger(__name__)

# The demo operator's TOTP secret (base32), published: add it to any authenticator app to try the console.
DEMO_OPERATOR_TOTP_SECRET = "HANSADEMOOPERATORTOTPSECRETKEY22"  # noqa: S105 - published on purpose
PUBLISHED_TOTP_SECRETS = frozenset({DEMO_OPERATOR_TOTP_SECRET})


def _published(secret_token: object) -> bool:
    from identity.mfa_secrets import secret_decrypt
    from kernel.crypto import EncryptionError

    if not isinstance(secret_token, str):
        return False
    try:
        secret = secret_decrypt(secret_token)
    except EncryptionError:  # an unreadable secret is not a published one; allauth refuses it anyway
        return False
    return secret.strip().upper() in PUBLISHED_TOTP_SECRETS


def operators_with_published_secret() -> list[User]:
    """Operators whose TOTP authenticator uses a published secret (operators are few: all are read)."""
    from allauth.mfa.models import Authenticator

    rows = Authenticator.objects.filter(type=Authenticator.Type.TOTP, user__is_operator=True).select_related(
        "user"
    )
    return [row.user for row in rows if _published(row.data.get("secret"))]


def published_totp_secret_in_use(user: User) -> bool:
    """True when, outside development, ``user`` is an operator whose authenticator uses a published secret.

    In development (DEBUG on) the demo operator is expected and this is always False.
    """
    if development_mode() or not getattr(user, "is_operator", False) or not user.pk:
        return False
    from allauth.mfa.models import Authenticator

    rows = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
    return any(_published(row.data.get("secret")) for row in rows)


def refuse_published_secrets() -> None:
    """Refuse to run outside development while an operator's authenticator uses a published secret.

    Raises:
        ImproperlyConfigured: DEBUG is off and such an operator exists; the message names them and says
            how to fix it (remove the demo data, or give the operator a new authenticator).
    """
    if development_mode():
        return
    holders = operators_with_published_secret()
    if holders:
        emails = ", ".join(sorted(u.email for u in holders))
        raise ImproperlyConfigured(
            f"Refusing to start with DEBUG off: the operator account(s) {emails} use the published demo "
            "TOTP secret. Remove the demo data (`./hansa demo --reset` then delete it, or delete the "
            "account) or enrol a new authenticator for the operator, then start again."
        )
