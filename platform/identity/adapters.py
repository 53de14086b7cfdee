"""django-allauth adapters: companies are created through /api/signup/, not allauth's open sign-up;
MFA secrets are encrypted at rest."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

from identity import mfa_secrets
from kernel.tenancy import company_url, current_company, public_url


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_frontend_base(self) -> str:
        company = current_company()
        return company_url(company.slug) if company and company.slug else public_url()


class MfaAdapter(DefaultMFAAdapter):
    """allauth calls these for every TOTP secret and recovery-code seed it stores or reads."""

    def encrypt(self, text: str) -> str:
        return mfa_secrets.secret_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return mfa_secrets.secret_decrypt(encrypted_text)
