"""django-allauth adapter: companies are created through /api/signup/, not allauth's open sign-up."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from kernel.tenancy import company_url, current_company, public_url


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_frontend_base(self) -> str:
        company = current_company()
        return company_url(company.slug) if company and company.slug else public_url()
