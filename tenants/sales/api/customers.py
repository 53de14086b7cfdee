"""Customers (accounts, contacts, purchase history) and follow-ups on the supplier's host."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import problem_responses
from kernel.idempotency import idempotent
from kernel.iso import CURRENCIES
from kernel.serializers import MoneyField, QuantityField
from tenants.sales import selectors, services
from tenants.sales.api.common import (
    MANAGE,
    READ,
    FollowUpSerializer,
    SalesOrderSummarySerializer,
    actor_of,
    bool_param,
    choice_param,
    int_param,
)
from tenants.sales.models import Customer, CustomerContact, FollowUp, FollowUpStatus

CUSTOMER_ID = OpenApiParameter("customer_id", int, OpenApiParameter.PATH)
CONTACT_ID = OpenApiParameter("contact_id", int, OpenApiParameter.PATH)
FOLLOW_UP_ID = OpenApiParameter("follow_up_id", int, OpenApiParameter.PATH)


class CustomerContactSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    title = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    is_primary = serializers.BooleanField()


class CustomerSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    buyer_id = serializers.IntegerField(
        source="hansa_company_id", allow_null=True, help_text="The customer's company id on Hansa, if any."
    )
    email = serializers.CharField()
    phone = serializers.CharField()
    currency = serializers.CharField()
    payment_terms = serializers.CharField()
    order_count = serializers.IntegerField()
    open_follow_ups = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class CustomerDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    buyer_id = serializers.IntegerField(
        source="hansa_company_id", allow_null=True, help_text="The customer's company id on Hansa, if any."
    )
    email = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()
    currency = serializers.CharField()
    payment_terms = serializers.CharField()
    notes = serializers.CharField()
    contacts = CustomerContactSerializer(many=True, source="contacts.all")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


def _detail(customer_id: int) -> dict[str, Any]:
    return dict(CustomerDetailSerializer(selectors.customer_get(customer_id=customer_id)).data)


class _CustomerFields(serializers.Serializer):
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    address = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    currency = serializers.ChoiceField(choices=["", *sorted(CURRENCIES)], required=False)
    payment_terms = serializers.CharField(max_length=200, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=10000, required=False, allow_blank=True)


class CustomerListCreateView(generics.ListAPIView):
    """Customers by name (``search`` on name and e-mail; ``linked``: on Hansa or not); create one."""

    serializer_class = CustomerSummarySerializer

    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "POST" else READ

    class InputSerializer(_CustomerFields):
        name = serializers.CharField(max_length=200)

    def get_queryset(self) -> QuerySet[Customer]:
        return selectors.customer_list(
            search=self.request.query_params.get("search", "")[:100],
            linked=bool_param(self.request, "linked"),
        )

    @extend_schema(
        operation_id="customers_list",
        parameters=[OpenApiParameter("search", str), OpenApiParameter("linked", bool)],
        responses={200: CustomerSummarySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="customers_create",
        request=InputSerializer,
        responses={201: CustomerDetailSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        customer = services.customer_create(
            actor=actor_of(request), request=request._request, **data.validated_data
        )
        return Response(_detail(customer.pk), status=status.HTTP_201_CREATED)


class CustomerDetailView(APIView):
    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "PATCH" else READ

    class InputSerializer(_CustomerFields):
        name = serializers.CharField(max_length=200, required=False)

    @extend_schema(
        operation_id="customers_get",
        parameters=[CUSTOMER_ID],
        responses={200: CustomerDetailSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, customer_id: int) -> Response:
        return Response(_detail(customer_id))

    @extend_schema(
        operation_id="customers_update",
        parameters=[CUSTOMER_ID],
        request=InputSerializer,
        responses={200: CustomerDetailSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, customer_id: int) -> Response:
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.customer_update(
            actor=actor_of(request), customer_id=customer_id, request=request._request, **data.validated_data
        )
        return Response(_detail(customer_id))


class CustomerCurrencyTotalSerializer(serializers.Serializer):
    currency = serializers.CharField()
    order_count = serializers.IntegerField()
    total_net = MoneyField(source="net", currency="currency")
    total = MoneyField(currency="currency")
    average_order = MoneyField(currency="currency", help_text="Mean total of one order.")


class CustomerTopItemSerializer(serializers.Serializer):
    sku = serializers.CharField()
    description = serializers.CharField()
    unit = serializers.CharField()
    quantity = QuantityField(max_digits=22)
    order_count = serializers.IntegerField()
    last_ordered = serializers.DateField()


class CustomerHistorySerializer(serializers.Serializer):
    order_count = serializers.IntegerField()
    open_order_count = serializers.IntegerField()
    first_order_date = serializers.DateField(allow_null=True)
    last_order_date = serializers.DateField(allow_null=True)
    last_order_number = serializers.CharField()
    totals = CustomerCurrencyTotalSerializer(many=True)
    top_items = CustomerTopItemSerializer(many=True)
    usual_payment_terms = serializers.CharField()
    recent_orders = SalesOrderSummarySerializer(many=True)


class CustomerHistoryView(APIView):
    """Purchase history and preferences drawn from the customer's orders (rejected and cancelled ones
    left out): order count, totals by currency, first and last order, most ordered items, usual terms."""

    required_permission = READ

    @extend_schema(
        operation_id="customers_history",
        parameters=[CUSTOMER_ID],
        responses={200: CustomerHistorySerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, customer_id: int) -> Response:
        return Response(CustomerHistorySerializer(selectors.customer_history(customer_id=customer_id)).data)


class _ContactFields(serializers.Serializer):
    title = serializers.CharField(max_length=100, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    is_primary = serializers.BooleanField(required=False)


class CustomerContactCreateView(APIView):
    required_permission = MANAGE

    class InputSerializer(_ContactFields):
        name = serializers.CharField(max_length=200)

    @extend_schema(
        operation_id="customers_contacts_add",
        parameters=[CUSTOMER_ID],
        request=InputSerializer,
        responses={201: CustomerContactSerializer, **problem_responses(400, 401, 403, 404)},
    )
    @idempotent
    def post(self, request: Request, customer_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contact = services.contact_add(
            actor=actor_of(request), customer_id=customer_id, **data.validated_data
        )
        return Response(CustomerContactSerializer(contact).data, status=status.HTTP_201_CREATED)


class CustomerContactDetailView(APIView):
    required_permission = MANAGE

    class InputSerializer(_ContactFields):
        name = serializers.CharField(max_length=200, required=False)

    @extend_schema(
        operation_id="customers_contacts_update",
        parameters=[CUSTOMER_ID, CONTACT_ID],
        request=InputSerializer,
        responses={200: CustomerContactSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, customer_id: int, contact_id: int) -> Response:
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        contact: CustomerContact = services.contact_update(
            actor=actor_of(request), customer_id=customer_id, contact_id=contact_id, **data.validated_data
        )
        return Response(CustomerContactSerializer(contact).data)

    @extend_schema(
        operation_id="customers_contacts_delete",
        parameters=[CUSTOMER_ID, CONTACT_ID],
        responses={204: None, **problem_responses(401, 403, 404)},
    )
    def delete(self, request: Request, customer_id: int, contact_id: int) -> Response:
        services.contact_remove(actor=actor_of(request), customer_id=customer_id, contact_id=contact_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Follow-ups -----------------------------------------------------------------------------------------------


class FollowUpListCreateView(generics.ListAPIView):
    """Follow-ups, soonest due first. ``due=true``: the open ones due today or earlier."""

    serializer_class = FollowUpSerializer

    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "POST" else READ

    class InputSerializer(serializers.Serializer):
        customer_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
        title = serializers.CharField(max_length=200)
        note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
        due_date = serializers.DateField()
        assignee_id = serializers.IntegerField(
            min_value=1, max_value=2**63 - 1, required=False, allow_null=True
        )

    def get_queryset(self) -> QuerySet[FollowUp]:
        return selectors.follow_up_list(
            status=choice_param(self.request, "status", list(FollowUpStatus.values)),
            due=bool(bool_param(self.request, "due")),
            customer_id=int_param(self.request, "customer_id"),
            assignee_id=int_param(self.request, "assignee_id"),
        )

    @extend_schema(
        operation_id="follow_ups_list",
        parameters=[
            OpenApiParameter("status", str, enum=FollowUpStatus.values),
            OpenApiParameter("due", bool),
            OpenApiParameter("customer_id", int),
            OpenApiParameter("assignee_id", int),
        ],
        responses={200: FollowUpSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="follow_ups_create",
        request=InputSerializer,
        responses={201: FollowUpSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        follow_up = services.follow_up_create(actor=actor_of(request), **data.validated_data)
        return Response(FollowUpSerializer(follow_up).data, status=status.HTTP_201_CREATED)


class FollowUpDetailView(APIView):
    required_permission = MANAGE

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=200, required=False)
        note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
        due_date = serializers.DateField(required=False)
        assignee_id = serializers.IntegerField(
            min_value=1, max_value=2**63 - 1, required=False, allow_null=True
        )

    @extend_schema(
        operation_id="follow_ups_update",
        parameters=[FOLLOW_UP_ID],
        request=InputSerializer,
        responses={200: FollowUpSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, follow_up_id: int) -> Response:
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        follow_up = services.follow_up_update(
            actor=actor_of(request), follow_up_id=follow_up_id, **data.validated_data
        )
        return Response(FollowUpSerializer(follow_up).data)


class FollowUpDoneView(APIView):
    required_permission = MANAGE

    @extend_schema(
        operation_id="follow_ups_done",
        parameters=[FOLLOW_UP_ID],
        request=None,
        responses={200: FollowUpSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, follow_up_id: int) -> Response:
        follow_up = services.follow_up_done(actor=actor_of(request), follow_up_id=follow_up_id)
        return Response(FollowUpSerializer(follow_up).data)
