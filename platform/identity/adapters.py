"""django-allauth adapters: companies are created through /api/signup/, not allauth's open sign-up;
MFA secrets are encrypted at rest."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest
from django.utils import translation

from identity import mfa_secrets, selectors
from identity.models import Language
from kernel.tenancy import company_url, current_company, public_url

# allauth's e-mails are rendered in the recipient's language: Django's language code for each of ours.
_DJANGO_LANGUAGE: dict[str, str] = {Language.EN.value: "en", Language.ZH_HANS.value: "zh-hans"}


def mail_language(*, email: str, context: dict[str, Any], request: HttpRequest | None) -> str:
    """The language of an e-mail to ``email``: its account's preferred language, else the requester's.

    An address without an account (a password reset asked for an unknown address) has no preference:
    the language the requesting page asked for (``Accept-Language``, which the web app sets to its own
    language) is used, falling back to English.
    """
    user = context.get("user") or selectors.user_by_email(email=email)
    if user is not None and getattr(user, "preferred_language", None) in _DJANGO_LANGUAGE:
        return _DJANGO_LANGUAGE[user.preferred_language]
    if request is not None and hasattr(request, "META"):
        accepted = request.META.get("HTTP_ACCEPT_LANGUAGE", "").lower()
        if accepted.startswith("zh"):
            return "zh-hans"
    return "en"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's e-mails (verification, password reset, unknown address, password changed), each in
        the language of its recipient (:func:`mail_language`)."""
        language = mail_language(email=email, context=context, request=context.get("request") or self.request)
        with translation.override(language):
            super().send_mail(template_prefix, email, {**context, "hansa_language": language})

    def send_notification_mail(
        self,
        template_prefix: str,
        user: Any,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        """allauth's security notifications are off (ACCOUNT_EMAIL_NOTIFICATIONS), except one: a password
        changed through a reset link is always told to the account's address."""
        if template_prefix != "account/email/password_reset":
            return super().send_notification_mail(template_prefix, user, context, email)
        from django.utils import timezone

        self.send_mail(
            template_prefix,
            email or user.email,
            {"user": user, "timestamp": timezone.now(), **(context or {})},
        )

    def get_frontend_base(self) -> str:
        company = current_company()
        return company_url(company.slug) if company and company.slug else public_url()


class MfaAdapter(DefaultMFAAdapter):
    """allauth calls these for every TOTP secret and recovery-code seed it stores or reads."""

    def encrypt(self, text: str) -> str:
        return mfa_secrets.secret_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return mfa_secrets.secret_decrypt(encrypted_text)
