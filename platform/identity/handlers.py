"""Outbox handlers of identity (run after commit by a Celery worker; idempotent)."""

from __future__ import annotations

from typing import Any

from identity import services
from kernel.outbox import outbox_handler


@outbox_handler("identity.verify_email")
def verify_email(payload: dict[str, Any]) -> None:
    services.email_verification_send(user_id=payload["user_id"])


@outbox_handler("identity.signup_existing_account")
def signup_existing_account(payload: dict[str, Any]) -> None:
    from identity.services.signup_notice import signup_existing_account_mail_send

    signup_existing_account_mail_send(user_id=payload["user_id"], company_id=payload["company_id"])
