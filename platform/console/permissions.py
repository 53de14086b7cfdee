from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from kernel.tenancy import current_company


class IsOperator(BasePermission):
    """Platform operators, on the public host only."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and getattr(user, "is_operator", False)
            and current_company() is None
        )
