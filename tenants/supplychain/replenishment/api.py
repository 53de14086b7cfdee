"""Replenishment API on a company's host (under /api/supplychain/replenishment/), and the reorder list's
"draft a purchase order" action (under /api/inventory/reorder-list/).

Reading needs ``supplychain.view``; policies and running replenishment ``supplychain.manage``; deciding
proposals and setting acceptance rules ``po.approve`` (the acceptance is the purchase order's approval);
drafting from the reorder list ``po.create``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity.access import Actor
from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import MoneyField, QuantityField, UnitPriceField
from marketplace.sharing.models import PolicyMethod, PolicySide, ReplenishmentPolicy
from tenants.supplychain.replenishment import policies, selectors, services
from tenants.supplychain.replenishment.models import ProposalStatus, ReceivedStatus

VIEW, MANAGE, APPROVE = "supplychain.view", "supplychain.manage", "po.approve"
POLICY_ID = OpenApiParameter("policy_id", int, OpenApiParameter.PATH)
PROPOSAL_ID = OpenApiParameter("proposal_id", int, OpenApiParameter.PATH)
RULE_ID = OpenApiParameter("acceptance_rule_id", int, OpenApiParameter.PATH)


def _actor(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if not str(raw).isdigit():
        raise ValidationFailed(errors={name: ["Enter a whole number."]})
    return int(raw)


def _choice_param(request: Request, name: str, choices: list[str]) -> str:
    raw = request.query_params.get(name, "")
    if raw and raw not in choices:
        raise ValidationFailed(errors={name: [f"Use one of: {', '.join(choices)}."]})
    return raw


# --- policies ------------------------------------------------------------------------------------------


class ReplenishmentPolicySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    grant_id = serializers.IntegerField()
    side = serializers.SerializerMethodField(
        help_text="This company's side: owner (buyer) or partner (supplier)."
    )
    buyer_id = serializers.IntegerField(source="owner_company_id")
    buyer_name = serializers.CharField(source="grant.owner.name")
    supplier_id = serializers.IntegerField(source="partner_company_id")
    supplier_name = serializers.CharField(source="grant.partner.name")
    item_id = serializers.IntegerField(help_text="The buyer's inventory item.")
    sku = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    method = serializers.ChoiceField(choices=PolicyMethod.choices)
    min_quantity = QuantityField(allow_null=True)
    max_quantity = QuantityField(allow_null=True)
    target_days = serializers.IntegerField(allow_null=True)
    minimum_days = serializers.IntegerField(allow_null=True)
    unit_price = UnitPriceField()
    currency = serializers.CharField()
    note = serializers.CharField()
    proposed_by = serializers.CharField(
        help_text="The side that proposed the current version: owner or partner."
    )
    agreed_by_owner_at = serializers.DateTimeField(allow_null=True)
    agreed_by_partner_at = serializers.DateTimeField(allow_null=True)
    agreed = serializers.BooleanField(help_text="Both sides agreed to this version: it drives proposals.")
    version = serializers.IntegerField()
    grant_active = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_side(self, policy: ReplenishmentPolicy) -> str:
        return (
            PolicySide.OWNER if policy.owner_company_id == self.context["company_id"] else PolicySide.PARTNER
        )

    def get_grant_active(self, policy: ReplenishmentPolicy) -> bool:
        return policy.grant_id in self.context["active_grants"]


def _policy_context(company: Any, rows: list[ReplenishmentPolicy]) -> dict[str, Any]:
    from marketplace.sharing.models import ShareGrant

    active = set(
        ShareGrant.objects.filter(policies.grant_active_q(), pk__in={p.grant_id for p in rows}).values_list(
            "pk", flat=True
        )
    )
    return {"company_id": company.pk, "active_grants": active}


def _policy_response(request: Request, policy: ReplenishmentPolicy, code: int = 200) -> Response:
    company = _actor(request).company
    policy = policies.policy_get(company=company, policy_id=policy.pk)
    data = ReplenishmentPolicySerializer(policy, context=_policy_context(company, [policy])).data
    return Response(data, status=code)


class _TermsInput(serializers.Serializer):
    method = serializers.ChoiceField(choices=PolicyMethod.choices)
    min_quantity = QuantityField(required=False, allow_null=True, default=None)
    max_quantity = QuantityField(required=False, allow_null=True, default=None)
    target_days = serializers.IntegerField(required=False, allow_null=True, default=None)
    minimum_days = serializers.IntegerField(required=False, allow_null=True, default=None)
    unit_price = UnitPriceField()
    currency = serializers.CharField(max_length=3)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


def _terms(v: dict[str, Any]) -> policies.Terms:
    return policies.Terms(
        method=v["method"],
        unit_price=v["unit_price"],
        currency=v["currency"],
        min_quantity=v["min_quantity"],
        max_quantity=v["max_quantity"],
        target_days=v["target_days"],
        minimum_days=v["minimum_days"],
        note=v["note"],
    )


class PolicyListView(PaginatedAPIView, APIView):
    """Policies of grants this company gave (as the buyer) or received (as the supplier)."""

    def get_permissions(self) -> Any:
        self.required_permission = MANAGE if self.request.method == "POST" else VIEW
        return super().get_permissions()

    class InputSerializer(_TermsInput):
        grant_id = serializers.IntegerField()
        item_id = serializers.IntegerField()

    @extend_schema(
        operation_id="supplychain_replenishment_policies_list",
        parameters=[
            OpenApiParameter("side", str, enum=PolicySide.values),
            OpenApiParameter("grant_id", int),
            OpenApiParameter("agreed", bool),
        ],
        responses={200: ReplenishmentPolicySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        agreed_raw = _choice_param(request, "agreed", ["true", "false"])
        rows = policies.policy_list(
            company=_actor(request).company,
            side=_choice_param(request, "side", PolicySide.values),
            grant_id=_int_param(request, "grant_id"),
            agreed=None if not agreed_raw else agreed_raw == "true",
        ).select_related("grant__owner", "grant__partner")
        paginator = self.pagination_class()
        page = list(paginator.paginate_queryset(rows, request, view=self) or [])  # type: ignore[arg-type]
        context = _policy_context(_actor(request).company, page)
        return paginator.get_paginated_response(
            ReplenishmentPolicySerializer(page, many=True, context=context).data
        )

    @extend_schema(
        operation_id="supplychain_replenishment_policies_create",
        request=InputSerializer,
        responses={201: ReplenishmentPolicySerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        policy = policies.policy_propose(
            actor=_actor(request),
            grant_id=v["grant_id"],
            item_id=v["item_id"],
            terms=_terms(v),
            request=request,
        )
        return _policy_response(request, policy, status.HTTP_201_CREATED)


class PolicyDetailView(APIView):
    def get_permissions(self) -> Any:
        self.required_permission = MANAGE if self.request.method == "PATCH" else VIEW
        return super().get_permissions()

    class InputSerializer(_TermsInput):
        version = serializers.IntegerField(help_text="The version the change was made from.")

    @extend_schema(
        operation_id="supplychain_replenishment_policies_get",
        parameters=[POLICY_ID],
        responses={200: ReplenishmentPolicySerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, policy_id: int) -> Response:
        return _policy_response(
            request, policies.policy_get(company=_actor(request).company, policy_id=policy_id)
        )

    @extend_schema(
        operation_id="supplychain_replenishment_policies_update",
        parameters=[POLICY_ID],
        request=InputSerializer,
        responses={200: ReplenishmentPolicySerializer, **problem_responses(400, 401, 403, 404, 409)},
        description="Change the terms (all of them): the version goes up, this side agrees, the other side's "
        "agreement is cleared.",
    )
    def patch(self, request: Request, policy_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        policy = policies.policy_change(
            actor=_actor(request), policy_id=policy_id, version=v["version"], terms=_terms(v), request=request
        )
        return _policy_response(request, policy)


class PolicyAgreeView(APIView):
    required_permission = MANAGE

    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(help_text="The version read: agreeing to another one is refused.")

    @extend_schema(
        operation_id="supplychain_replenishment_policies_agree",
        parameters=[POLICY_ID],
        request=InputSerializer,
        responses={200: ReplenishmentPolicySerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, policy_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        policy = policies.policy_agree(
            actor=_actor(request),
            policy_id=policy_id,
            version=data.validated_data["version"],
            request=request,
        )
        return _policy_response(request, policy)


# --- proposals (supplier) --------------------------------------------------------------------------------


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    buyer_id = serializers.IntegerField(source="buyer_company_id")
    buyer_name = serializers.CharField()
    grant_id = serializers.IntegerField()
    policy_id = serializers.IntegerField()
    policy_version = serializers.IntegerField()
    method = serializers.ChoiceField(choices=PolicyMethod.choices)
    item_id = serializers.IntegerField(help_text="The buyer's inventory item.")
    sku = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    quantity = QuantityField()
    unit_price = UnitPriceField()
    currency = serializers.CharField()
    total = MoneyField(currency="currency")
    available_quantity = QuantityField(source="available", help_text="Shared available stock it came from.")
    consumption_quantity_per_day = QuantityField(source="consumption_per_day", allow_null=True)
    figures_as_of = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=ProposalStatus.choices)
    decided_at = serializers.DateTimeField(allow_null=True)
    accepted_automatically = serializers.BooleanField()
    decline_reason = serializers.CharField()
    po_number = serializers.CharField()
    po_document_id = serializers.UUIDField(allow_null=True)
    sales_order_id = serializers.IntegerField(allow_null=True, help_text="Our sales order made from its PO.")
    sales_order_number = serializers.CharField(allow_null=True)
    document_id = serializers.UUIDField(allow_null=True)
    created_at = serializers.DateTimeField()


class SkippedSerializer(serializers.Serializer):
    policy_id = serializers.IntegerField()
    sku = serializers.CharField()
    reason = serializers.CharField(help_text="open_proposal, no_figures, no_consumption or above_trigger.")


class RunResultSerializer(serializers.Serializer):
    proposals = ProposalSerializer(many=True, help_text="The proposals sent by this run.")
    skipped = SkippedSerializer(many=True)


class RunView(APIView):
    required_permission = MANAGE

    class InputSerializer(serializers.Serializer):
        policy_ids = serializers.ListField(
            child=serializers.IntegerField(), required=False, allow_null=True, default=None, max_length=500
        )

    @extend_schema(
        operation_id="supplychain_replenishment_run",
        request=InputSerializer,
        responses={200: RunResultSerializer, **problem_responses(400, 401, 403)},
        description="Propose replenishment now under every agreed policy where this company is the supplier "
        "(or the policies named). A policy with an undecided proposal gets no second one.",
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.replenishment_run(
            actor=_actor(request), policy_ids=data.validated_data["policy_ids"], request=request
        )
        created = list(selectors.proposals().filter(pk__in=[p.pk for p in result.created]))
        return Response(RunResultSerializer({"proposals": created, "skipped": result.skipped}).data)


class ProposalListView(PaginatedAPIView, APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="supplychain_replenishment_proposals_list",
        parameters=[
            OpenApiParameter("status", str, enum=ProposalStatus.values),
            OpenApiParameter("buyer_id", int),
        ],
        responses={200: ProposalSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        rows = selectors.proposals(
            status=_choice_param(request, "status", ProposalStatus.values),
            buyer_id=_int_param(request, "buyer_id"),
        )
        return self.paginated(request, rows, ProposalSerializer)


class ProposalDetailView(APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="supplychain_replenishment_proposals_get",
        parameters=[PROPOSAL_ID],
        responses={200: ProposalSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, proposal_id: int) -> Response:
        return Response(ProposalSerializer(selectors.proposal_get(proposal_id)).data)


# --- received proposals (buyer) --------------------------------------------------------------------------


class ReceivedProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    supplier_id = serializers.IntegerField(source="supplier_company_id")
    supplier_name = serializers.CharField()
    grant_id = serializers.IntegerField()
    policy_id = serializers.IntegerField()
    policy_version = serializers.IntegerField()
    method = serializers.ChoiceField(choices=PolicyMethod.choices)
    item_id = serializers.IntegerField()
    sku = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    quantity = QuantityField()
    unit_price = UnitPriceField()
    currency = serializers.CharField()
    total = MoneyField(currency="currency")
    available_quantity = QuantityField(source="available")
    consumption_quantity_per_day = QuantityField(source="consumption_per_day", allow_null=True)
    figures_as_of = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=ReceivedStatus.choices)
    review_reason = serializers.CharField(
        help_text="Why it waits for a person: no_rule, over_quantity, over_amount, other_currency, "
        "policy_not_agreed, terms_differ, rule_author_cannot_approve, automatic_acceptance_failed:<code>."
    )
    accepted_automatically = serializers.BooleanField()
    acceptance_rule_id = serializers.IntegerField(source="rule_id", allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decided_by_name = serializers.CharField(source="decided_by_label")
    decline_reason = serializers.CharField()
    purchase_order_id = serializers.IntegerField(allow_null=True)
    po_number = serializers.SerializerMethodField()
    document_id = serializers.UUIDField()
    created_at = serializers.DateTimeField()

    def get_po_number(self, received: Any) -> str | None:
        return received.purchase_order.number if received.purchase_order_id else None


class _ViewOrApprove:
    """supplychain.view, or po.approve: approvers decide proposals without the supply-chain pages."""

    required_permission = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        actor = _actor(request)
        if VIEW not in actor.permissions:
            actor.require(APPROVE)


class ReceivedProposalListView(_ViewOrApprove, PaginatedAPIView, APIView):
    """Proposals suppliers sent us; ``status=pending`` is the approval list."""

    @extend_schema(
        operation_id="supplychain_replenishment_received_list",
        parameters=[
            OpenApiParameter("status", str, enum=ReceivedStatus.values),
            OpenApiParameter("supplier_id", int),
        ],
        responses={200: ReceivedProposalSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        rows = selectors.received_proposals(
            status=_choice_param(request, "status", ReceivedStatus.values),
            supplier_id=_int_param(request, "supplier_id"),
        )
        return self.paginated(request, rows, ReceivedProposalSerializer)


class ReceivedProposalDetailView(_ViewOrApprove, APIView):
    @extend_schema(
        operation_id="supplychain_replenishment_received_get",
        parameters=[PROPOSAL_ID],
        responses={200: ReceivedProposalSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, proposal_id: int) -> Response:
        return Response(ReceivedProposalSerializer(selectors.received_proposal_get(proposal_id)).data)


class ReceivedProposalAcceptView(APIView):
    required_permission = APPROVE

    @extend_schema(
        operation_id="supplychain_replenishment_received_accept",
        parameters=[PROPOSAL_ID],
        request=None,
        responses={200: ReceivedProposalSerializer, **problem_responses(400, 401, 402, 403, 404, 409)},
        description="Accept: one purchase order, approved by this acceptance, sent to the supplier. A proposal "
        "already accepted (by a member or a rule) or declined: 409 proposal_already_decided.",
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        services.proposal_accept(actor=_actor(request), proposal_id=proposal_id, request=request)
        return Response(ReceivedProposalSerializer(selectors.received_proposal_get(proposal_id)).data)


class ReceivedProposalDeclineView(APIView):
    required_permission = APPROVE

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=500, allow_blank=True)

    @extend_schema(
        operation_id="supplychain_replenishment_received_decline",
        parameters=[PROPOSAL_ID],
        request=InputSerializer,
        responses={200: ReceivedProposalSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, proposal_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.proposal_decline(
            actor=_actor(request),
            proposal_id=proposal_id,
            reason=data.validated_data["reason"],
            request=request,
        )
        return Response(ReceivedProposalSerializer(selectors.received_proposal_get(proposal_id)).data)


# --- acceptance rules (buyer) ------------------------------------------------------------------------------


class AcceptanceRuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    supplier_id = serializers.IntegerField(source="supplier_company_id", allow_null=True)
    supplier_name = serializers.CharField()
    item_id = serializers.IntegerField(allow_null=True)
    max_quantity = QuantityField(allow_null=True)
    max_amount = MoneyField(currency="currency", allow_null=True)
    currency = serializers.CharField()
    active = serializers.BooleanField()
    set_by_name = serializers.CharField(source="set_by_label")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class _RuleLimits(serializers.Serializer):
    max_quantity = QuantityField(required=False, allow_null=True, default=None)
    max_amount = MoneyField(required=False, allow_null=True, default=None)
    currency = serializers.CharField(max_length=3)


class AcceptanceRuleListView(PaginatedAPIView, APIView):
    def get_permissions(self) -> Any:
        self.required_permission = APPROVE if self.request.method == "POST" else VIEW
        return super().get_permissions()

    class InputSerializer(_RuleLimits):
        supplier_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        item_id = serializers.IntegerField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="supplychain_replenishment_rules_list",
        responses={200: AcceptanceRuleSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, selectors.acceptance_rules(), AcceptanceRuleSerializer)

    @extend_schema(
        operation_id="supplychain_replenishment_rules_create",
        request=InputSerializer,
        responses={201: AcceptanceRuleSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        rule = services.rule_create(
            actor=_actor(request),
            supplier_company_id=v["supplier_id"],
            item_id=v["item_id"],
            max_quantity=v["max_quantity"],
            max_amount=v["max_amount"],
            currency=v["currency"],
            request=request,
        )
        return Response(AcceptanceRuleSerializer(rule).data, status=status.HTTP_201_CREATED)


class AcceptanceRuleDetailView(APIView):
    required_permission = APPROVE

    class InputSerializer(_RuleLimits):
        active = serializers.BooleanField(required=False, default=True)

    @extend_schema(
        operation_id="supplychain_replenishment_rules_update",
        parameters=[RULE_ID],
        request=InputSerializer,
        responses={200: AcceptanceRuleSerializer, **problem_responses(400, 401, 403, 404)},
        description="Replace the limits (and switch the rule on or off); the rule becomes the caller's "
        "standing approval.",
    )
    def patch(self, request: Request, acceptance_rule_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        rule = services.rule_update(
            actor=_actor(request),
            rule_id=acceptance_rule_id,
            max_quantity=v["max_quantity"],
            max_amount=v["max_amount"],
            currency=v["currency"],
            active=v["active"],
            request=request,
        )
        return Response(AcceptanceRuleSerializer(rule).data)

    @extend_schema(
        operation_id="supplychain_replenishment_rules_delete",
        parameters=[RULE_ID],
        responses={204: OpenApiResponse(description="Deleted"), **problem_responses(401, 403, 404)},
    )
    def delete(self, request: Request, acceptance_rule_id: int) -> Response:
        services.rule_delete(actor=_actor(request), rule_id=acceptance_rule_id, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- the reorder list: draft a purchase order -------------------------------------------------------------


class ReorderDraftResultSerializer(serializers.Serializer):
    purchase_order_id = serializers.IntegerField(source="pk")
    po_number = serializers.CharField(source="number")
    status = serializers.CharField()
    supplier_name = serializers.CharField()
    currency = serializers.CharField()
    total = MoneyField(currency="currency")
    line_count = serializers.IntegerField()


class ReorderLineInputSerializer(serializers.Serializer):
    item_id = serializers.IntegerField()
    quantity = QuantityField(
        required=False, allow_null=True, default=None, help_text="Left out: reorder quantity, else shortfall."
    )
    unit_price = UnitPriceField(required=False, allow_null=True, default=None, help_text="Left out: 0.")


class ReorderDraftView(APIView):
    """Rows picked on the reorder list + a supplier: a DRAFT purchase order with those lines."""

    required_permission = "po.create"

    class InputSerializer(serializers.Serializer):
        supplier_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        supplier_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        supplier_email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")
        currency = serializers.CharField(max_length=3)
        lines = ReorderLineInputSerializer(many=True, allow_empty=True, max_length=500)  # type: ignore[call-arg]

    @extend_schema(
        operation_id="inventory_reorder_list_draft_purchase_order",
        request=InputSerializer,
        responses={201: ReorderDraftResultSerializer, **problem_responses(400, 401, 402, 403)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        order = services.reorder_po_draft(
            actor=_actor(request),
            lines=[
                services.ReorderLine(ln["item_id"], ln["quantity"], ln["unit_price"]) for ln in v["lines"]
            ],
            currency=v["currency"],
            supplier_company_id=v["supplier_id"],
            supplier_name=v["supplier_name"],
            supplier_email=v["supplier_email"],
            request=request,
        )
        order.line_count = order.lines.count()  # type: ignore[attr-defined]
        return Response(ReorderDraftResultSerializer(order).data, status=status.HTTP_201_CREATED)
