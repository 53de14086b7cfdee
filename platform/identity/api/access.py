"""Access management on a company's host: members, invitations, API keys, the audit log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_protect
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity import selectors, services
from identity.access import Actor
from identity.api.account import CompanyBriefSerializer
from identity.models import ApiKey, AuditEntry, Invitation, Membership
from identity.roles import PERMISSIONS, ROLES
from kernel.api import PaginatedAPIView, problem_responses
from kernel.idempotency import idempotent
from kernel.tenancy import current_company


def actor_of(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


# Members ------------------------------------------------------------------------------------------


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    user_id = serializers.IntegerField(
        help_text="The member's user id: approval rules, delegations and departments name members by it."
    )
    email = serializers.EmailField(source="user.email")
    full_name = serializers.CharField(source="user.full_name")
    roles = serializers.ListField(child=serializers.ChoiceField(choices=ROLES))
    status = serializers.CharField()
    joined_at = serializers.DateTimeField(source="created_at")


class MemberListView(generics.ListAPIView):
    """The company's active members."""

    required_permission = "company.view"
    serializer_class = MemberSerializer

    def get_queryset(self) -> QuerySet[Membership]:
        return selectors.member_list(company=actor_of(self.request).company)

    @extend_schema(
        operation_id="members_list",
        responses={200: MemberSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class MemberDetailView(APIView):
    required_permission = "members.manage"

    class InputSerializer(serializers.Serializer):
        roles = serializers.ListField(child=serializers.CharField(max_length=20), max_length=len(ROLES))

    @extend_schema(
        operation_id="members_update_roles",
        request=InputSerializer,
        responses={200: MemberSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, member_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.member_update_roles(
            actor=actor_of(request),
            membership_id=member_id,
            roles=data.validated_data["roles"],
            request=request._request,
        )
        return Response(MemberSerializer(membership).data)

    @extend_schema(
        operation_id="members_remove",
        responses={204: OpenApiResponse(description="Removed"), **problem_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, member_id: int) -> Response:
        services.member_remove(actor=actor_of(request), membership_id=member_id, request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RoleSerializer(serializers.Serializer):
    role = serializers.CharField()
    permissions = serializers.ListField(child=serializers.CharField())


class RoleListView(PaginatedAPIView, APIView):
    """The roles a member can hold and the permissions each grants (the same for every company)."""

    required_permission = "company.view"

    @extend_schema(
        operation_id="roles_list", responses={200: RoleSerializer(many=True), **problem_responses(401, 403)}
    )
    def get(self, request: Request) -> Response:
        from identity.roles import ROLE_PERMISSIONS

        rows = [{"role": role, "permissions": sorted(ROLE_PERMISSIONS[role])} for role in ROLES]
        return self.paginated(request, rows, RoleSerializer)


# Invitations --------------------------------------------------------------------------------------


class InvitationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    roles = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()
    invited_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    last_sent_at = serializers.DateTimeField(allow_null=True)
    sent_count = serializers.IntegerField()

    def get_invited_by(self, invitation: Invitation) -> str | None:
        return invitation.invited_by.email if invitation.invited_by else None


class InvitationListCreateView(generics.ListAPIView):
    required_permission = "members.manage"
    serializer_class = InvitationSerializer

    class InputSerializer(serializers.Serializer):
        email = serializers.CharField(max_length=254)
        roles = serializers.ListField(child=serializers.CharField(max_length=20), max_length=len(ROLES))

    def get_queryset(self) -> QuerySet[Invitation]:
        return selectors.invitation_list(
            company=actor_of(self.request).company, status=self.request.query_params.get("status") or None
        )

    @extend_schema(
        operation_id="invitations_list",
        parameters=[OpenApiParameter("status", str, enum=["pending", "accepted", "revoked"])],
        responses={200: InvitationSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="invitations_create",
        request=InputSerializer,
        responses={201: InvitationSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        created = services.invitation_create(
            actor=actor_of(request), request=request._request, **data.validated_data
        )
        return Response(InvitationSerializer(created.invitation).data, status=status.HTTP_201_CREATED)


class InvitationResendView(APIView):
    required_permission = "members.manage"

    @extend_schema(
        operation_id="invitations_resend",
        request=None,
        responses={200: InvitationSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, invitation_id: int) -> Response:
        created = services.invitation_resend(
            actor=actor_of(request), invitation_id=invitation_id, request=request._request
        )
        return Response(InvitationSerializer(created.invitation).data)


class InvitationRevokeView(APIView):
    required_permission = "members.manage"

    @extend_schema(
        operation_id="invitations_revoke",
        request=None,
        responses={200: InvitationSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, invitation_id: int) -> Response:
        invitation = services.invitation_revoke(
            actor=actor_of(request), invitation_id=invitation_id, request=request._request
        )
        return Response(InvitationSerializer(invitation).data)


class InvitationLookupView(APIView):
    """What an invitation link offers, before accepting it: anyone holding the token may ask."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    class OutputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        roles = serializers.ListField(child=serializers.CharField())
        company = CompanyBriefSerializer()
        account_exists = serializers.BooleanField()
        expires_at = serializers.DateTimeField()

    @extend_schema(
        operation_id="invitations_lookup",
        parameters=[OpenApiParameter("token", str, required=True)],
        responses={200: OutputSerializer, **problem_responses(400)},
    )
    def get(self, request: Request) -> Response:
        company = current_company()
        assert company is not None
        invitation = services.invitation_by_token(
            token=request.query_params.get("token", ""), company=company
        )
        return Response(
            self.OutputSerializer(
                {
                    "email": invitation.email,
                    "roles": invitation.roles,
                    "company": company,
                    "account_exists": selectors.user_by_email(email=invitation.email) is not None,
                    "expires_at": invitation.expires_at,
                }
            ).data
        )


@method_decorator(csrf_protect, name="post")  # it signs the caller in: no login CSRF from other sites
class InvitationAcceptView(APIView):
    """Join through an invitation: sign up (new address) or prove the existing account, then sign in here."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    class InputSerializer(serializers.Serializer):
        token = serializers.CharField(max_length=200)
        password = serializers.CharField(max_length=200, trim_whitespace=False)
        full_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)

    @extend_schema(
        operation_id="invitations_accept",
        request=InputSerializer,
        responses={200: MemberSerializer, **problem_responses(400, 403)},
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        company = current_company()
        assert company is not None
        membership = services.invitation_accept(
            company=company, request=request._request, **data.validated_data
        )
        return Response(MemberSerializer(membership).data)


# API keys -----------------------------------------------------------------------------------------


class ApiKeySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField()
    permissions = serializers.ListField(child=serializers.CharField())
    created_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)

    def get_created_by(self, key: ApiKey) -> str | None:
        return key.created_by.email if key.created_by else None


class ApiKeyCreatedSerializer(ApiKeySerializer):
    secret = serializers.CharField(help_text="Shown once: store it now.")


class ApiKeyListCreateView(generics.ListAPIView):
    required_permission = "apikeys.manage"
    serializer_class = ApiKeySerializer

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=100)
        permissions = serializers.ListField(
            child=serializers.CharField(max_length=40), max_length=len(PERMISSIONS)
        )
        expires_at = serializers.DateTimeField(required=False, allow_null=True)

    def get_queryset(self) -> QuerySet[ApiKey]:
        return selectors.api_key_list(company=actor_of(self.request).company)

    @extend_schema(
        operation_id="api_keys_list",
        responses={200: ApiKeySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="api_keys_create",
        request=InputSerializer,
        responses={201: ApiKeyCreatedSerializer, **problem_responses(400, 401, 403)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        created = services.api_key_create(
            actor=actor_of(request), request=request._request, **data.validated_data
        )
        body = ApiKeySerializer(created.key).data | {"secret": created.secret}
        return Response(body, status=status.HTTP_201_CREATED)


class ApiKeyRevokeView(APIView):
    required_permission = "apikeys.manage"

    @extend_schema(
        operation_id="api_keys_revoke", responses={200: ApiKeySerializer, **problem_responses(401, 403, 404)}
    )
    def delete(self, request: Request, key_id: int) -> Response:
        key = services.api_key_revoke(actor=actor_of(request), key_id=key_id, request=request._request)
        return Response(ApiKeySerializer(key).data)


# Audit --------------------------------------------------------------------------------------------


class AuditEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    action = serializers.CharField()
    actor = serializers.CharField(source="actor_label")
    target_type = serializers.CharField()
    target_id = serializers.CharField()
    ip_address = serializers.IPAddressField(allow_null=True)
    user_agent = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)
    reason = serializers.CharField()


AUDIT_FILTERS = [
    OpenApiParameter(
        "action", str, description="Exact action, e.g. member.removed, or a prefix ending in '.'"
    ),
    OpenApiParameter("actor", str, description="Actor's e-mail address (or api-key:<prefix>)"),
    OpenApiParameter("since", str, description="ISO 8601 date-time, inclusive"),
    OpenApiParameter("until", str, description="ISO 8601 date-time, exclusive"),
]


def audit_entries(
    request: Request, *, company: Any, platform_wide: bool = False, about_company: Any = None
) -> QuerySet[AuditEntry]:
    q = request.query_params
    return selectors.audit_list(
        company=company,
        platform_wide=platform_wide,
        about_company=about_company,
        action=q.get("action") or None,
        actor=q.get("actor") or None,
        since=q.get("since") or None,
        until=q.get("until") or None,
    )


class AuditListView(generics.ListAPIView):
    """The company's audit log, newest first."""

    required_permission = "audit.view"
    serializer_class = AuditEntrySerializer

    def get_queryset(self) -> QuerySet[AuditEntry]:
        return audit_entries(self.request, company=actor_of(self.request).company)

    @extend_schema(
        operation_id="audit_list",
        parameters=AUDIT_FILTERS,
        responses={200: AuditEntrySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
