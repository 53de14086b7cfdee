"""The signed-in member's notifications on a company's host: list (newest first) and mark read.

Paths and shapes are those the RFQ app published (``/api/notifications/``); ``rfq_id`` stays for the web
app and integrators, ``subject_type`` / ``subject_id`` name what any notification is about.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity.access import Actor
from kernel.api import problem_responses
from kernel.errors import ValidationFailed
from notifications import selectors, services
from notifications.models import Notification


def _actor(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _bool_param(name: str, value: str | None) -> bool:
    if value is None:
        return False
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes"):
        return True
    if lowered in ("0", "false", "no"):
        return False
    raise ValidationFailed(errors={name: ["Use true or false."]})


class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    rfq_id = serializers.IntegerField(allow_null=True, help_text="The RFQ it is about (subject_type rfq)")
    subject_type = serializers.CharField(
        help_text="What it is about: rfq, purchase_order, follow_up ... (empty: nothing in particular)"
    )
    subject_id = serializers.IntegerField(allow_null=True, help_text="The id of that object")
    payload = serializers.DictField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class NotificationListView(generics.ListAPIView):
    """The signed-in member's notifications in this company, newest first (API keys have none)."""

    required_permission = "company.view"
    serializer_class = NotificationSerializer

    def get_queryset(self) -> QuerySet[Notification]:
        actor = _actor(self.request)
        return selectors.notification_list(
            company=actor.company,
            user_id=actor.user.pk if actor.user else None,
            unread=_bool_param("unread", self.request.query_params.get("unread")),
        )

    @extend_schema(
        operation_id="notifications_list",
        parameters=[OpenApiParameter("unread", bool)],
        responses={200: NotificationSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class NotificationReadView(APIView):
    required_permission = "company.view"

    @extend_schema(
        operation_id="notifications_mark_read",
        parameters=[OpenApiParameter("notification_id", int, OpenApiParameter.PATH)],
        request=None,
        responses={200: NotificationSerializer, **problem_responses(401, 403, 404)},
    )
    def post(self, request: Request, notification_id: int) -> Response:
        notification = services.notification_mark_read(actor=_actor(request), notification_id=notification_id)
        return Response(NotificationSerializer(notification).data)
