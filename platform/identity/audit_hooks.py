"""Audit entries for authentication events that Django and allauth announce with signals.

Sign-in, sign-out, failed sign-in, password reset and MFA changes happen inside Django's and allauth's own views, whose
only extension point is their signals; everything Hansa itself changes is audited in its services.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from identity.models import User
from identity.services.audit import audit_record
from kernel.tenancy import current_company


@receiver(user_logged_in, dispatch_uid="hansa.audit.signin")
def _signed_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    audit_record(action="auth.signed_in", company=current_company(), actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="hansa.audit.signout")
def _signed_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is not None and getattr(user, "pk", None):
        audit_record(action="auth.signed_out", company=current_company(), actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="hansa.audit.signin_failed")
def _sign_in_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    label = str(credentials.get("email") or credentials.get("username") or "")[:254]
    audit_record(action="auth.sign_in_failed", company=current_company(), actor_label=label, request=request)


def _connect_password_reset() -> None:
    from allauth.account.signals import password_reset

    def reset(sender: Any, request: Any = None, user: User | None = None, **kw: Any) -> None:
        audit_record(action="auth.password_reset", company=current_company(), actor=user, request=request)

    password_reset.connect(reset, dispatch_uid="hansa.audit.password_reset", weak=False)


_connect_password_reset()


def _connect_mfa() -> None:
    from allauth.mfa import signals as mfa_signals

    def changed(action: str) -> Any:
        def handler(
            sender: Any, request: Any = None, user: User | None = None, authenticator: Any = None, **kw: Any
        ) -> None:
            audit_record(
                action=action,
                company=current_company(),
                actor=user,
                request=request,
                target_type="authenticator",
                target_id=getattr(authenticator, "type", ""),
            )

        return handler

    for name, action in (
        ("authenticator_added", "mfa.added"),
        ("authenticator_removed", "mfa.removed"),
        ("authenticator_reset", "mfa.reset"),
    ):
        signal = getattr(mfa_signals, name, None)
        if signal is not None:
            signal.connect(changed(action), dispatch_uid=f"hansa.audit.{name}", weak=False)


_connect_mfa()
