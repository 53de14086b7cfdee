"""Approval workflows on the company's host: the inbox, rules, departments and delegations."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity.roles import ROLES
from kernel.api import PaginatedAPIView, problem_responses
from kernel.idempotency import idempotent
from kernel.serializers import MoneyField
from tenants.procurement import selectors, services
from tenants.procurement.api.common import MAX_ID, PoSummarySerializer, StepSerializer, actor_of
from tenants.procurement.models import ApprovalDelegation, ApprovalMode, ApprovalRule
from tenants.procurement.services import StepInput
from tenants.procurement.services.approvals import approval_inbox
from tenants.procurement.services.common import this_company

RULE_ID = OpenApiParameter("rule_id", int, OpenApiParameter.PATH)


class InboxEntrySerializer(serializers.Serializer):
    order = PoSummarySerializer()
    step = StepSerializer()
    on_behalf_of_id = serializers.IntegerField(allow_null=True, source="on_behalf_of")
    waiting_since = serializers.DateTimeField(allow_null=True)


class ApprovalInboxView(PaginatedAPIView, APIView):
    """Orders waiting for a decision the signed-in member may make now (directly, or standing in for a
    member away through a delegation), oldest first."""

    required_permission = None  # approvers, and delegates standing in for one

    @extend_schema(
        operation_id="approvals_inbox",
        responses={200: InboxEntrySerializer(many=True), **problem_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, approval_inbox(actor=actor_of(request)), InboxEntrySerializer)


# Rules ----------------------------------------------------------------------------------------------


class RuleStepSerializer(serializers.Serializer):
    position = serializers.IntegerField(read_only=True)
    mode = serializers.ChoiceField(choices=ApprovalMode.choices, default=ApprovalMode.ANY)
    user_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        max_length=50,
    )
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=list(ROLES)),
        required=False,
        default=list,
        max_length=len(ROLES),
    )


def _home_currency(_rule: Any) -> str:
    """Rules compare totals in the company's own currency."""
    return this_company().default_currency


class RuleSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=200)
    priority = serializers.IntegerField(min_value=0, max_value=1_000_000)
    active = serializers.BooleanField(default=True)
    min_amount = MoneyField(
        currency=_home_currency,
        currency_label="company.default_currency",
        min_value=0,
        max_value=9999999999999,
        required=False,
        allow_null=True,
        default=None,
    )
    max_amount = MoneyField(
        currency=_home_currency,
        currency_label="company.default_currency",
        min_value=0,
        max_value=9999999999999,
        required=False,
        allow_null=True,
        default=None,
    )
    category_code = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    department_id = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True, default=None
    )
    reminder_after_hours = serializers.IntegerField(min_value=1, max_value=24 * 90, default=24)
    steps = RuleStepSerializer(many=True, min_length=1, max_length=10)  # type: ignore[call-arg]

    def to_representation(self, rule: ApprovalRule) -> Any:
        data = super().to_representation(rule)
        data["steps"] = RuleStepSerializer(rule.steps.all(), many=True).data
        return data


def _rule_values(data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    values["steps"] = [
        StepInput(mode=s["mode"], user_ids=tuple(s["user_ids"]), roles=tuple(s["roles"]))
        for s in values["steps"]
    ]
    return values


class ApprovalRuleListView(PaginatedAPIView, APIView):
    """Rules in the order they are tried (lowest priority first); the first that matches decides."""

    required_permission = "approval.rules"

    @extend_schema(
        operation_id="approval_rules_list",
        responses={200: RuleSerializer(many=True), **problem_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, selectors.rule_list(), RuleSerializer)

    @extend_schema(
        operation_id="approval_rules_create",
        request=RuleSerializer,
        responses={201: RuleSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = RuleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rule = services.approval_rule_create(
            actor=actor_of(request), request=request._request, **_rule_values(data.validated_data)
        )
        return Response(
            RuleSerializer(selectors.rule_get(rule_id=rule.pk)).data, status=status.HTTP_201_CREATED
        )


class ApprovalRuleDetailView(APIView):
    required_permission = "approval.rules"

    @extend_schema(
        operation_id="approval_rules_get",
        parameters=[RULE_ID],
        responses={200: RuleSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, rule_id: int) -> Response:
        return Response(RuleSerializer(selectors.rule_get(rule_id=rule_id)).data)

    @extend_schema(
        operation_id="approval_rules_update",
        parameters=[RULE_ID],
        request=RuleSerializer,
        responses={200: RuleSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def put(self, request: Request, rule_id: int) -> Response:
        data = RuleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.approval_rule_update(
            actor=actor_of(request),
            rule_id=rule_id,
            request=request._request,
            **_rule_values(data.validated_data),
        )
        return Response(RuleSerializer(selectors.rule_get(rule_id=rule_id)).data)

    @extend_schema(
        operation_id="approval_rules_delete",
        parameters=[RULE_ID],
        responses={204: OpenApiResponse(description="Deleted"), **problem_responses(401, 403, 404)},
    )
    def delete(self, request: Request, rule_id: int) -> Response:
        services.approval_rule_delete(actor=actor_of(request), rule_id=rule_id, request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Departments ----------------------------------------------------------------------------------------


class DepartmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=200)
    member_ids = serializers.ListField(child=serializers.IntegerField(), read_only=True)


class DepartmentListView(PaginatedAPIView, APIView):
    """Departments with their members (approval rules can match the requester's department)."""

    required_permission = "approval.rules"

    def _rows(self) -> list[dict[str, Any]]:
        members = selectors.department_members()
        return [
            {"id": d.pk, "code": d.code, "name": d.name, "member_ids": sorted(members.get(d.pk, []))}
            for d in selectors.department_list()
        ]

    @extend_schema(
        operation_id="departments_list",
        responses={200: DepartmentSerializer(many=True), **problem_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, self._rows(), DepartmentSerializer)

    @extend_schema(
        operation_id="departments_create",
        request=DepartmentSerializer,
        responses={201: DepartmentSerializer, **problem_responses(400, 401, 403)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = DepartmentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        department = services.department_create(actor=actor_of(request), **data.validated_data)
        body = {"id": department.pk, "code": department.code, "name": department.name, "member_ids": []}
        return Response(DepartmentSerializer(body).data, status=status.HTTP_201_CREATED)


class DepartmentDetailView(APIView):
    required_permission = "approval.rules"

    @extend_schema(
        operation_id="departments_delete",
        parameters=[OpenApiParameter("department_id", int, OpenApiParameter.PATH)],
        responses={204: OpenApiResponse(description="Deleted"), **problem_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, department_id: int) -> Response:
        services.department_delete(actor=actor_of(request), department_id=department_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MemberDepartmentView(APIView):
    """Put a member (by user id) in a department, or in none (``department_id`` null)."""

    required_permission = "approval.rules"

    class InputSerializer(serializers.Serializer):
        department_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, allow_null=True)

    @extend_schema(
        operation_id="department_members_set",
        parameters=[OpenApiParameter("user_id", int, OpenApiParameter.PATH)],
        request=InputSerializer,
        responses={204: OpenApiResponse(description="Done"), **problem_responses(400, 401, 403, 404)},
    )
    def put(self, request: Request, user_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.member_department_set(
            actor=actor_of(request), user_id=user_id, department_id=data.validated_data["department_id"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# Delegations ----------------------------------------------------------------------------------------


class DelegationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    delegator_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
    delegate_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    reason = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
    created_at = serializers.DateTimeField(read_only=True)
    revoked_at = serializers.DateTimeField(read_only=True, allow_null=True)


class DelegationListView(PaginatedAPIView, APIView):
    """Delegations: members see those they give or receive; approval.rules sees every one. Create one to
    let another approver decide for you (or, with approval.rules, for someone else) while away."""

    required_permission = None  # the service checks who may delegate whose approvals

    @extend_schema(
        operation_id="approval_delegations_list",
        responses={200: DelegationSerializer(many=True), **problem_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        actor = actor_of(request)
        rows = selectors.delegation_list()
        if "approval.rules" not in actor.permissions:
            me = actor.user.pk if actor.user else None
            rows = rows.filter(delegator_id=me) | rows.filter(delegate_id=me)
        return self.paginated(request, rows, DelegationSerializer)

    @extend_schema(
        operation_id="approval_delegations_create",
        request=DelegationSerializer,
        responses={201: DelegationSerializer, **problem_responses(400, 401, 403)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = DelegationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        delegation = services.delegation_create(actor=actor_of(request), **data.validated_data)
        return Response(DelegationSerializer(delegation).data, status=status.HTTP_201_CREATED)


class DelegationRevokeView(APIView):
    required_permission = None  # the delegator, or approval.rules (checked by the service)

    @extend_schema(
        operation_id="approval_delegations_revoke",
        parameters=[OpenApiParameter("delegation_id", int, OpenApiParameter.PATH)],
        request=None,
        responses={200: DelegationSerializer, **problem_responses(401, 403, 404)},
    )
    def post(self, request: Request, delegation_id: int) -> Response:
        delegation: ApprovalDelegation = services.delegation_revoke(
            actor=actor_of(request), delegation_id=delegation_id
        )
        return Response(DelegationSerializer(delegation).data)
