"""Authentication that knows which host it runs on.

On a company's host only that company's active members may sign in, and a session keeps working only
while its user is still an active member: removing a member ends their sessions on that company at once.
On the public host anyone with an account may sign in (to pick a company); operators work there.
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.http import HttpRequest

from identity import selectors
from identity.models import User
from identity.published_secrets import published_totp_secret_in_use
from kernel.tenancy import current_company

logger = logging.getLogger(__name__)


class MemberAwareBackend(AuthenticationBackend):
    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> User | None:
        user = super().authenticate(request, **credentials)
        if user is None or not self._allowed_here(user):
            return None
        if published_totp_secret_in_use(user):
            # Outside development the published demo operator secret protects nothing: no sign-in.
            logger.error("sign-in refused: operator %s uses the published demo TOTP secret", user.pk)
            return None
        return user

    def get_user(self, user_id: Any) -> User | None:
        user = super().get_user(user_id)
        if user is None or not self._allowed_here(user):
            return None
        return user

    @staticmethod
    def _allowed_here(user: Any) -> bool:
        company = current_company()
        if company is None:
            return True
        return selectors.membership_active_for(user=user, company=company) is not None
