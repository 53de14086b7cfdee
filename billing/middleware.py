"""Read-only workspaces: every write on a tenant host answers ``402 subscription_read_only``.

Reads and exports keep working and nothing is lost; background work (inbound trade documents) goes on.
The billing endpoints (to pay or change the plan) and sign-in/out stay open. The lock is a column of the
company row the tenant middleware already loaded, so the check costs no query.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from billing.exceptions import SubscriptionReadOnly
from kernel.errors import problem_json_response
from tenants.models import BillingLock

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BillingAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tenant = getattr(request, "tenant", None)
        if (
            tenant is not None
            and tenant.billing_lock == BillingLock.READ_ONLY
            and request.method not in SAFE_METHODS
            and not request.path.startswith(tuple(settings.HANSA_BILLING_LOCK_OPEN_PATHS))
        ):
            return problem_json_response(
                status=SubscriptionReadOnly.status,
                code=SubscriptionReadOnly.code,
                title=SubscriptionReadOnly.title,
                detail="Pay the open invoice or choose a plan on the billing page; your data is kept.",
            )
        return self.get_response(request)
