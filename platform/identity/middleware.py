"""Attach the signed-in user's membership of the current company to the request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from identity.models import Membership


def _membership(request: HttpRequest) -> Membership | None:
    from identity.selectors import membership_active_for

    company = getattr(request, "tenant", None)
    user = getattr(request, "user", None)
    if company is None or user is None or not user.is_authenticated:
        return None
    return membership_active_for(user=user, company=company)  # type: ignore[arg-type]


class MembershipMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = SimpleLazyObject(lambda: _membership(request))  # type: ignore[attr-defined]
        return self.get_response(request)
