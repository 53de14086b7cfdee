"""What every finance view shares: the actor, the plan's finance feature, parameter parsing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.dateparse import parse_date
from rest_framework.request import Request

from billing.meters import Feature
from billing.services.metering import feature_require
from identity.access import Actor
from kernel.errors import NotFound, ValidationFailed

VIEW, POST = "finance.view", "finance.post"


def actor_of(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


class BooksFeature:
    """Mixin: the books (ledger, periods, statements, cost reports) need the plan's ``finance`` feature
    (``403 feature_not_in_plan``). Invoices and payments between companies do not: a partner's invoice
    always lands, whatever the receiver's plan."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        feature_require(company_id=actor_of(request).company.pk, feature=Feature.FINANCE)


def date_param(request: Request, name: str, *, required: bool = False) -> date | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        if required:
            raise ValidationFailed(errors={name: ["This parameter is required."]})
        return None
    try:
        value = parse_date(raw)
    except ValueError:
        value = None
    if value is None:
        raise ValidationFailed(errors={name: ["Use an ISO 8601 date (YYYY-MM-DD)."]})
    return value


def int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationFailed(errors={name: ["Enter a whole number."]})
    return int(raw)


def get_or_404(queryset: Any, **lookup: Any) -> Any:
    row = queryset.filter(**lookup).first()
    if row is None:
        raise NotFound()
    return row
