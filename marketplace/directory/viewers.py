"""Who is browsing the marketplace: the host's company (for previews of its own unpublished things) and
whether prices may be shown.

Prices are shown only to signed-in members: on a company's host, a member (or an API key) of that
company; on the public host, a signed-in person who is an active member of an active company.
Anonymous callers, anywhere, get no prices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tenants.models import Company


@dataclass(frozen=True)
class Viewer:
    company: Company | None = None  # set only when the caller acts for the host's company
    prices_visible: bool = False

    @classmethod
    def anonymous(cls) -> Viewer:
        return cls()


def viewer_from_request(request: Any) -> Viewer:
    from identity.access import actor_from_request, user_has_mfa
    from identity.selectors import memberships_of_user
    from kernel.tenancy import current_company

    if current_company() is not None:
        actor = actor_from_request(request)
        if actor is None:
            return Viewer.anonymous()
        if actor.user is not None and actor.company.require_mfa and not user_has_mfa(actor.user):
            return Viewer.anonymous()
        return Viewer(company=actor.company, prices_visible=True)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "pk", None):
        return Viewer(prices_visible=memberships_of_user(user=user).exists())
    return Viewer.anonymous()
