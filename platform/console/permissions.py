from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from identity.exceptions import MfaRequired, PublishedSecretRefused
from identity.published_secrets import published_totp_secret_in_use
from identity.selectors import user_has_mfa
from kernel.tenancy import current_company


class IsOperator(BasePermission):
    """Platform operators, on the public host only, and only with MFA set up (``403 mfa_required``).

    Outside development an operator whose authenticator uses the published demo secret is refused
    (``403 published_secret_refused``).
    """

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
        if published_totp_secret_in_use(user):  # type: ignore[arg-type]
            raise PublishedSecretRefused()
        return True
