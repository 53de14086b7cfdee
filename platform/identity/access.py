"""Who is acting, with which permissions: the actor of a request, and the DRF permission that checks it.

An API view declares ``required_permission = "members.manage"`` (or None for any member). A session
actor's permissions come from their membership's roles; an API key's are those it was created with.
Services receive the :class:`Actor` and check again whatever moves money, goods or access.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from identity.exceptions import MfaRequired, PermissionMissing
from identity.models import ApiKey, Membership, User
from identity.roles import permissions_for
from kernel.tenancy import current_company
from tenants.models import Company


@dataclass(frozen=True)
class Actor:
    company: Company
    permissions: frozenset[str]
    user: User | None = None
    membership: Membership | None = None
    api_key: ApiKey | None = None

    @property
    def label(self) -> str:
        if self.user is not None:
            return self.user.email
        assert self.api_key is not None
        return f"api-key:{self.api_key.prefix}"

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(self.membership.roles) if self.membership else frozenset()

    def require(self, permission: str) -> None:
        if permission not in self.permissions:
            raise PermissionMissing(detail=f"Needs the permission {permission}.", permission=permission)


class ApiKeyUser:
    """The request.user of a call authenticated by an API key: authenticated, but nobody's account."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_operator = False
    is_staff = False
    is_superuser = False
    pk = None
    id = None

    def __init__(self, key: ApiKey) -> None:
        self.key = key
        self.email = f"api-key:{key.prefix}"

    def __str__(self) -> str:
        return self.email


def actor_from_request(request: Request) -> Actor | None:
    company = current_company()
    if company is None:
        return None
    if isinstance(request.auth, ApiKey):
        return Actor(company=company, permissions=frozenset(request.auth.permissions), api_key=request.auth)
    membership: Membership | None = getattr(request._request, "membership", None)
    if membership is None or not request.user.is_authenticated:
        return None
    return Actor(
        company=company,
        permissions=permissions_for(membership.roles),
        user=membership.user,
        membership=membership,
    )


def user_has_mfa(user: Any) -> bool:
    from identity.selectors import user_has_mfa as has

    return bool(getattr(user, "pk", None)) and has(user=user)


class HasPermission(BasePermission):
    """Grants access to members (or API keys) of the host's company holding ``view.required_permission``.

    On a company that requires MFA, a member without an authenticator is refused (``mfa_required``)
    everywhere but their own profile; operators must always have MFA on the public host.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        actor = actor_from_request(request)
        if actor is None:
            return False
        if (
            actor.user is not None
            and actor.company.require_mfa
            and not getattr(view, "mfa_exempt", False)
            and not user_has_mfa(actor.user)
        ):
            raise MfaRequired(detail="This company requires every member to use an authenticator app.")
        required = getattr(view, "required_permission", None)
        if required is not None and required not in actor.permissions:
            raise PermissionMissing(detail=f"Needs the permission {required}.", permission=required)
        request.actor = actor  # type: ignore[attr-defined]
        return True
