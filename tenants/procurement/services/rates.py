"""What approval routing may trust: the company's rate table, its procurement settings, real categories.

- **Rate table** (``ExchangeRate``, managed with ``finance.post``: owner and finance): one unit of a currency
  in the company's currency, per day it becomes valid. Submitting an order in another currency looks up
  the latest rate valid today; none is ``409 exchange_rate_missing``. The order's own (typed) rate must
  lie within the company's tolerance of it (``400`` on ``exchange_rate``), and routing uses the table's
  rate, recorded on the order as ``approval_exchange_rate``.
- **Settings** (``ProcurementSettings``, ``approval.rules``: owner and admin): ``auto_approve_unmatched``
  (off by default: an order no rule matches then needs one approval by a member whose role grants
  po.approve) and ``rate_tolerance_percent`` (default 2).
- **Categories**: an order's and a rule's ``category_code`` must be a marketplace category code.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from kernel.errors import NotFound, ValidationFailed
from kernel.iso import CURRENCIES
from tenants.procurement.models import ExchangeRate, ProcurementSettings
from tenants.procurement.services.common import Errors, add_error, places_of, this_company, user_of

RATES = "finance.post"
SETTINGS = "approval.rules"


def home_currency() -> str:
    return this_company().default_currency or "CNY"


def settings_get() -> ProcurementSettings:
    """The company's settings, made with the defaults on first read."""
    found = ProcurementSettings.objects.order_by("pk").first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return ProcurementSettings.objects.create()
    except IntegrityError:  # pragma: no cover - made meanwhile
        return ProcurementSettings.objects.order_by("pk").first() or ProcurementSettings.objects.create()


@transaction.atomic
def settings_update(
    *,
    actor: Actor,
    auto_approve_unmatched: bool | None = None,
    rate_tolerance_percent: Decimal | None = None,
    request: HttpRequest | None = None,
) -> ProcurementSettings:
    """Change the procurement settings (audited).

    Raises:
        PermissionMissing: actor lacks approval.rules.
        ValidationFailed: a tolerance outside 0-100 or with more than 2 decimals.
    """
    from identity.services import audit_record

    actor.require(SETTINGS)
    current = settings_get()
    found = ProcurementSettings.objects.select_for_update().get(pk=current.pk)
    if rate_tolerance_percent is not None:
        if not rate_tolerance_percent.is_finite() or not 0 <= rate_tolerance_percent <= 100:
            raise ValidationFailed(errors={"rate_tolerance_percent": ["Give a percentage from 0 to 100."]})
        if places_of(rate_tolerance_percent) > 2:
            raise ValidationFailed(errors={"rate_tolerance_percent": ["At most 2 decimals."]})
    before = {
        "auto_approve_unmatched": found.auto_approve_unmatched,
        "rate_tolerance_percent": str(found.rate_tolerance_percent),
    }
    if auto_approve_unmatched is not None:
        found.auto_approve_unmatched = auto_approve_unmatched
    if rate_tolerance_percent is not None:
        found.rate_tolerance_percent = rate_tolerance_percent
    found.save()
    audit_record(
        action="procurement.settings_updated",
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="procurement_settings",
        target_id=found.pk,
        before=before,
        after={
            "auto_approve_unmatched": found.auto_approve_unmatched,
            "rate_tolerance_percent": str(found.rate_tolerance_percent),
        },
    )
    return found


def table_rate(currency: str, *, on: date | None = None) -> ExchangeRate | None:
    """The rate table's entry for one ``currency`` in the company's currency valid ``on`` (default today)."""
    return (
        ExchangeRate.objects.filter(
            currency=currency, home_currency=home_currency(), valid_on__lte=on or timezone.localdate()
        )
        .order_by("-valid_on")
        .first()
    )


@transaction.atomic
def exchange_rate_set(
    *,
    actor: Actor,
    currency: str,
    rate: Decimal,
    valid_on: date | None = None,
    request: HttpRequest | None = None,
) -> ExchangeRate:
    """Enter (or correct) the rate of one ``currency`` in the company's currency from ``valid_on`` (default
    today). Orders already submitted keep the rate they were routed with.

    Raises:
        PermissionMissing: actor lacks finance.post.
        ValidationFailed: an unknown currency or the company's own, a rate not above zero or with more
            than 8 decimals.
    """
    from identity.services import audit_record

    actor.require(RATES)
    home = home_currency()
    errors: Errors = {}
    if currency not in CURRENCIES:
        add_error(errors, "currency", "Unknown currency.")
    elif currency == home:
        add_error(errors, "currency", f"This is the company's currency ({home}): its rate is 1.")
    if not rate.is_finite() or rate <= 0 or rate >= Decimal("1e9"):
        add_error(errors, "rate", "Give a rate above zero.")
    elif places_of(rate) > 8:
        add_error(errors, "rate", "At most 8 decimals.")
    if errors:
        raise ValidationFailed(errors=errors)
    entry, _ = ExchangeRate.objects.update_or_create(
        currency=currency,
        home_currency=home,
        valid_on=valid_on or timezone.localdate(),
        defaults={"rate": rate, "created_by": user_of(actor)},
    )
    audit_record(
        action="procurement.exchange_rate_set",
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="exchange_rate",
        target_id=entry.pk,
        after={
            "currency": currency,
            "home_currency": home,
            "valid_on": str(entry.valid_on),
            "rate": str(rate),
        },
    )
    return entry


@transaction.atomic
def exchange_rate_delete(*, actor: Actor, rate_id: int) -> None:
    actor.require(RATES)
    deleted, _ = ExchangeRate.objects.filter(pk=rate_id).delete()
    if not deleted:
        raise NotFound()


def category_errors(code: str, errors: Errors, field: str = "category_code") -> None:
    """A non-empty category must be a marketplace category code (routing matches on it)."""
    from marketplace.directory.selectors import category_by_code

    if code.strip() and category_by_code(code=code.strip()) is None:
        add_error(errors, field, f"Unknown category {code.strip()!r}: use a marketplace category code.")


def routing_rate(order_currency: str, typed: Decimal) -> Decimal:
    """The rate approval routing uses for an order in ``order_currency`` with ``typed`` on it.

    Raises:
        ExchangeRateMissing: no table rate for the currency today (409).
        ValidationFailed: the typed rate lies outside the company's tolerance of the table's (400).
    """
    from tenants.procurement.exceptions import ExchangeRateMissing

    if order_currency == home_currency():
        return Decimal(1)
    entry = table_rate(order_currency)
    if entry is None:
        raise ExchangeRateMissing(
            detail=f"Enter the rate of {order_currency} in {home_currency()} in the rate table first.",
            currency=order_currency,
        )
    tolerance = settings_get().rate_tolerance_percent
    if abs(typed - entry.rate) > entry.rate * tolerance / 100:
        raise ValidationFailed(
            errors={
                "exchange_rate": [
                    f"The company's rate of {order_currency} on {entry.valid_on} is {entry.rate.normalize():f}; "
                    f"the order's may differ from it by at most {tolerance.normalize():f}%."
                ]
            }
        )
    return entry.rate
