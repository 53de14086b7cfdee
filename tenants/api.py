"""Public-host API of companies: sign-up and slug availability."""

from __future__ import annotations

import zoneinfo

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from identity.api.account import CompanyBriefSerializer
from kernel.api import problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.iso import COUNTRIES, CURRENCIES
from tenants import selectors, services
from tenants.finance.models import ChartTemplate
from tenants.slugs import SLUG_MAX, SLUG_MIN, SLUG_RE, slug_problem


class SignupThrottle(AnonRateThrottle):
    scope = "signup"

    def get_rate(self) -> str:
        from django.conf import settings

        return settings.HANSA_SIGNUP_RATE


class SignupView(APIView):
    """Create a company and its owner; the answer carries a one-time link that signs the owner in.

    Every address gets the same answer, whether or not it has an account. For an address with an account
    whose password is not given, the company is added to that account, the link signs nobody in (it leads
    to the company's sign-in page) and the account's owner is told by e-mail (docs/identity.md).
    """

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [SignupThrottle]

    class InputSerializer(serializers.Serializer):
        # The document states every rule it can (lengths, pattern, code lists) so that clients can check
        # before sending; the service checks everything again, including what no schema can say.
        company_name = serializers.CharField(max_length=200)
        slug = serializers.RegexField(SLUG_RE, min_length=SLUG_MIN, max_length=SLUG_MAX)
        country = serializers.ChoiceField(choices=sorted(COUNTRIES))
        currency = serializers.ChoiceField(choices=sorted(CURRENCIES))
        locale = serializers.ChoiceField(choices=sorted(services.LOCALES), default="en")
        time_zone = serializers.ChoiceField(choices=sorted(zoneinfo.available_timezones()), required=False)
        full_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
        email = serializers.EmailField(max_length=254)
        password = serializers.CharField(min_length=10, max_length=200, trim_whitespace=False)
        plan = serializers.SlugField(
            max_length=30,
            required=False,
            help_text="Code of the plan to try (GET /api/plans/); default: the platform's trial plan.",
        )
        chart_template = serializers.ChoiceField(
            choices=ChartTemplate.choices,
            required=False,
            help_text="Chart of accounts the books start from: cas_small (小企业会计准则), cas (企业会计准则) "
            "or ifrs; default: cas_small in CN, ifrs elsewhere.",
        )

    class OutputSerializer(serializers.Serializer):
        company = CompanyBriefSerializer()
        workspace_url = serializers.CharField()
        handoff_url = serializers.CharField(allow_null=True)

    @extend_schema(
        operation_id="signup_create",
        request=InputSerializer,
        responses={201: OutputSerializer, **problem_responses(400, 409, 413, 429, 503)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.company_signup(**data.validated_data)
        return Response(self.OutputSerializer(result).data, status=status.HTTP_201_CREATED)


class SlugCheckView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    class OutputSerializer(serializers.Serializer):
        slug = serializers.CharField()
        available = serializers.BooleanField()
        code = serializers.CharField(required=False)
        detail = serializers.CharField(required=False)

    @extend_schema(
        operation_id="signup_slug_check",
        parameters=[OpenApiParameter("slug", str, required=True)],
        responses={200: OutputSerializer, **problem_responses(400)},
    )
    def get(self, request: Request) -> Response:
        if "slug" not in request.query_params:
            raise ValidationFailed(errors={"slug": ["This parameter is required."]})
        slug = request.query_params["slug"].strip().lower()
        problem = slug_problem(slug)
        if problem is None and selectors.company_slug_taken(slug=slug):
            problem = ("slug_taken", "This address is already taken.")
        body: dict = {"slug": slug, "available": problem is None}
        if problem:
            body.update(code=problem[0], detail=problem[1])
        return Response(self.OutputSerializer(body).data)


class CompanySettingsView(APIView):
    """The company's profile and settings on its own host."""

    required_permission = "company.view"
    mfa_exempt = False

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        slug = serializers.CharField()
        legal_name = serializers.CharField()
        country = serializers.CharField()
        currency = serializers.CharField(source="default_currency")
        locale = serializers.CharField()
        time_zone = serializers.CharField()
        status = serializers.CharField()
        require_mfa = serializers.BooleanField()
        created_at = serializers.DateTimeField()

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200, required=False)
        legal_name = serializers.CharField(max_length=300, required=False, allow_blank=True)
        locale = serializers.CharField(max_length=10, required=False)
        time_zone = serializers.CharField(max_length=64, required=False)
        require_mfa = serializers.BooleanField(required=False)

    @extend_schema(
        operation_id="company_get", responses={200: OutputSerializer, **problem_responses(401, 403)}
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(request.actor.company).data)  # type: ignore[attr-defined]

    @extend_schema(
        operation_id="company_update",
        request=InputSerializer,
        responses={200: OutputSerializer, **problem_responses(400, 401, 403, 409)},
    )
    def patch(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actor = request.actor  # type: ignore[attr-defined]
        company = services.company_update_settings(
            actor=actor, request=request._request, **data.validated_data
        )
        return Response(self.OutputSerializer(company).data)
