from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from identity.exceptions import MfaRequired
from identity.selectors import user_has_mfa
from kernel.tenancy import current_company


class IsOperator(BasePermission):
    """Platform operators, on the public host only, and only with MFA set up (``403 mfa_required``)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        if not (
            user
            and user.is_authenticated
            and getattr(user, "is_operator", False)
            and current_company() is None
        ):
            return False
        if not user_has_mfa(user=user):  # type: ignore[arg-type]
            raise MfaRequired(detail="Operators must sign in with an authenticator app.")
        return True
