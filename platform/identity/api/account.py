"""Identity API: who am I, public-host sign-in, and the sign-in handoff to a company's host."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity import selectors, services
from identity.models import Language
from kernel.api import SessionAuthentication, problem_responses
from kernel.tenancy import current_company


class CompanyBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    country = serializers.CharField()
    currency = serializers.CharField(source="default_currency")
    locale = serializers.CharField()
    time_zone = serializers.CharField()
    status = serializers.CharField()
    billing_lock = serializers.CharField(
        help_text='Access while the subscription is unpaid: "" (open), "read_only" (writes answer 402 '
        'subscription_read_only), "suspended" (only billing, sign-in and /api/me/ answer).'
    )


class MeUserSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="user.pk")
    email = serializers.EmailField(source="user.email")
    full_name = serializers.CharField(source="user.full_name")
    preferred_language = serializers.ChoiceField(source="user.preferred_language", choices=Language.choices)
    is_operator = serializers.BooleanField(source="user.is_operator")
    has_mfa = serializers.BooleanField()


class MeSerializer(serializers.Serializer):
    user = MeUserSerializer(source="*")
    company = CompanyBriefSerializer(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
    permissions = serializers.ListField(child=serializers.CharField())


class MeView(APIView):
    """The signed-in person, the host's company and their roles and permissions there (sessions only)."""

    permission_classes = [IsAuthenticated]
    authentication_classes = [SessionAuthentication]
    OutputSerializer = MeSerializer

    class InputSerializer(serializers.Serializer):
        full_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
        preferred_language = serializers.ChoiceField(choices=Language.choices, required=False)

    def _render(self, request: Request) -> Response:
        me = selectors.me_get(user=request.user, company=current_company())  # type: ignore[arg-type]
        return Response(self.OutputSerializer(me).data)

    @extend_schema(operation_id="me_get", responses={200: OutputSerializer, **problem_responses(401)})
    def get(self, request: Request) -> Response:
        return self._render(request)

    @extend_schema(
        operation_id="me_update",
        request=InputSerializer,
        responses={200: OutputSerializer, **problem_responses(400, 401)},
    )
    def patch(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_update_profile(user=request.user, **data.validated_data)  # type: ignore[arg-type]
        return self._render(request)


class CompanyChoiceSerializer(serializers.Serializer):
    slug = serializers.CharField(source="company.slug")
    name = serializers.CharField(source="company.name")
    mfa_required = serializers.BooleanField()
    handoff_url = serializers.CharField(allow_null=True)
    signin_url = serializers.CharField()


class SignInResultSerializer(serializers.Serializer):
    companies = CompanyChoiceSerializer(many=True)


class PublicSignInView(APIView):
    """Check a password on the public host and answer with the companies the user may enter."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        password = serializers.CharField(max_length=200, trim_whitespace=False)

    OutputSerializer = SignInResultSerializer

    @extend_schema(
        operation_id="public_signin",
        request=InputSerializer,
        responses={200: SignInResultSerializer, **problem_responses(400, 429)},
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        choices = services.public_signin(
            email=data.validated_data["email"],
            password=data.validated_data["password"],
            address=request.META.get("REMOTE_ADDR", ""),
        )
        return Response(self.OutputSerializer({"companies": choices}).data)


class HandoffView(APIView):
    """Sign in on this company's host with a one-time token from sign-up or public sign-in, then go home."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="session_handoff",
        parameters=[OpenApiParameter("token", str, required=True)],
        responses={
            302: OpenApiResponse(
                description="Signed in; redirects to the workspace (or, for a link that signs nobody "
                "in, to the company's sign-in page)"
            ),
            **problem_responses(400),
        },
    )
    def get(self, request: Request) -> HttpResponseRedirect:
        company = current_company()
        assert company is not None
        outcome = services.handoff_consume(
            request=request._request, token=request.query_params.get("token", ""), company=company
        )
        if outcome.user is None:
            # A held link (sign-up with an address that has an account): the account's owner signs in.
            return HttpResponseRedirect(f"/signin?{urlencode({'email': outcome.signin_email})}")
        return HttpResponseRedirect("/")
