"""The Stripe adapter of the billing port: customers, Checkout, the Customer Portal, plan changes, meter
events, and the catalogue (products, prices, meters) that Stripe bills with.

Used for a subscription whose ``gateway`` is ``stripe`` while ``STRIPE_SECRET_KEY`` is set (see
:func:`billing.gateways.base.gateway_for`). Stripe is the system of record for money (it charges the card,
prorates, issues and collects the invoices); Hansa keeps its own subscription state machine and learns
what Stripe did from webhooks (:mod:`billing.webhooks`).

Every call goes through stripe-python's :class:`stripe.StripeClient` (``STRIPE_API_BASE`` points it at
another server, as the tests do with their fake). Writes that Hansa decides (a plan change, a scheduled
cancellation) reach Stripe through the outbox (topic ``billing.stripe_push``): the handler makes Stripe's
subscription match Hansa's, so a rolled-back change sends nothing and a retried one converges.

Catalogue, as :func:`stripe_catalog_sync` creates it:

- a Product per plan (id ``hansa_<plan code>``);
- a licensed recurring Price per plan version, currency and interval (``PlanPrice.stripe_price_id``);
- a Billing Meter per soft-limited meter (event name ``hansa_<meter>``; sum of the usage for period
  meters, last value for gauges), and a monthly metered Price per soft entitlement
  (``Entitlement.stripe_price_id``): graduated tiers, the included quantity free, the rest at the
  overage price, with ``currency_options`` for every currency the overage is priced in.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from billing import selectors
from billing.exceptions import (
    DowngradeExceedsUsage,
    GatewayNotConfigured,
    GatewayUnavailable,
    PlanNotFound,
    PlanNotOnGateway,
    SubscriptionStateRefused,
)
from billing.meters import METER_PERIODS, MeterPeriod
from billing.models import (
    Enforcement,
    Entitlement,
    Gateway,
    Interval,
    Plan,
    PlanPrice,
    PlanVersion,
    Subscription,
    SubscriptionStatus,
    UsageCounter,
    UsageEvent,
)
from kernel.errors import ValidationFailed
from kernel.outbox import outbox_handler, outbox_record
from tenants.models import Company

logger = logging.getLogger(__name__)

PUSH_TOPIC = "billing.stripe_push"
METER_EVENT_MAX_AGE = dt.timedelta(days=35)
# Currencies Stripe counts in whole units (none of Hansa's plan currencies today; kept for safety).
ZERO_DECIMAL = frozenset({"JPY", "KRW", "VND", "CLP", "XAF", "XOF", "ISK", "UGX", "PYG", "RWF"})

# Set while a webhook applies what Stripe already did: the gateway must not push it back.
_from_stripe: contextvars.ContextVar[bool] = contextvars.ContextVar("billing_from_stripe", default=False)


@contextlib.contextmanager
def applying_stripe_state() -> Iterator[None]:
    """Within this block, core services that call the gateway do not send the change back to Stripe."""
    token = _from_stripe.set(True)
    try:
        yield
    finally:
        _from_stripe.reset(token)


def stripe_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


@lru_cache(maxsize=4)
def _client(api_key: str, api_base: str) -> stripe.StripeClient:
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": api_base} if api_base else None,
        max_network_retries=settings.STRIPE_MAX_NETWORK_RETRIES,
    )


def stripe_client() -> stripe.StripeClient:
    """The SDK client for the configured account (``STRIPE_API_BASE`` overrides Stripe's address).

    Raises:
        GatewayNotConfigured: ``STRIPE_SECRET_KEY`` is not set.
    """
    if not stripe_configured():
        raise GatewayNotConfigured()
    return _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE)


@contextlib.contextmanager
def _remote(what: str) -> Iterator[None]:
    """Stripe failures as a domain error (``502 gateway_unavailable``), logged with what was attempted."""
    try:
        yield
    except stripe.StripeError as error:
        logger.warning(
            "stripe %s failed: %s", what, error, extra={"stripe_code": getattr(error, "code", None)}
        )
        raise GatewayUnavailable(f"Stripe could not {what}; try again in a moment.") from error


def to_minor(amount: Decimal, currency: str) -> Decimal:
    """An amount in the currency's minor unit (cents), as Stripe counts."""
    return amount if currency.upper() in ZERO_DECIMAL else amount * 100


def from_minor(value: int | str | None, currency: str) -> Decimal:
    amount = Decimal(str(value or 0))
    return amount if currency.upper() in ZERO_DECIMAL else (amount / 100).quantize(Decimal("0.01"))


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def meter_event_name(meter: str) -> str:
    return f"hansa_{meter}"


# --- customers, Checkout, Customer Portal -------------------------------------------------------------


def stripe_customer_ensure(*, subscription: Subscription) -> str:
    """The Stripe customer of the subscription's company, created once (metadata ``company_id``).

    The creation carries an idempotency key derived from the subscription, so a retry after a failure
    between Stripe's answer and the database write gets the same customer back. Writes the id on the
    subscription row (in the caller's transaction) and returns it.

    Raises:
        GatewayNotConfigured, GatewayUnavailable.
    """
    if subscription.stripe_customer_id:
        return subscription.stripe_customer_id
    company = Company.objects.get(pk=subscription.company_id)
    with _remote("create the customer"):
        customer = stripe_client().v1.customers.create(
            {
                "name": company.legal_name or company.name,
                "metadata": {"company_id": str(company.pk), "company_slug": company.slug},
                "preferred_locales": ["zh-CN" if company.locale.startswith("zh") else "en"],
            },
            {
                "idempotency_key": f"hansa-customer-{subscription.pk}-{int(subscription.created_at.timestamp())}"
            },
        )
    Subscription.objects.filter(pk=subscription.pk).update(stripe_customer_id=customer.id)
    subscription.stripe_customer_id = customer.id
    return customer.id


def _licensed_price_id(*, version: PlanVersion, currency: str, interval: str) -> str:
    price = PlanPrice.objects.filter(version=version, currency=currency, interval=interval).first()
    if price is None or not price.stripe_price_id:
        raise PlanNotOnGateway(
            "This plan is not on sale through Stripe yet (run stripe_catalog_sync).",
            currency=currency,
            interval=interval,
        )
    return price.stripe_price_id


def _metered_price_ids(*, version: PlanVersion, currency: str, interval: str) -> list[str]:
    """The metered prices a subscription of ``version`` carries: one per soft-limited meter that is priced
    in ``currency``. Monthly subscriptions only: a Stripe subscription has one billing interval, and the
    overage prices are monthly."""
    if interval != Interval.MONTH:
        return []
    return [
        e.stripe_price_id
        for e in Entitlement.objects.filter(version=version, enforcement=Enforcement.SOFT).order_by("meter")
        if e.stripe_price_id and e.included is not None and currency in (e.overage_prices or {})
    ]


def desired_price_ids(*, subscription: Subscription) -> tuple[str, list[str]]:
    """The licensed price and the metered prices Stripe's subscription should carry for ours."""
    version, currency, interval = subscription.plan_version, subscription.currency, subscription.interval
    return (
        _licensed_price_id(version=version, currency=currency, interval=interval),
        _metered_price_ids(version=version, currency=currency, interval=interval),
    )


def _locale(company: Company) -> str:
    return "zh" if company.locale.startswith("zh") else "en"


@dataclass(frozen=True)
class CheckoutStarted:
    url: str
    session_id: str


@transaction.atomic
def stripe_checkout_start(
    *, company_id: int, plan_code: str, interval: str, success_url: str, cancel_url: str
) -> CheckoutStarted:
    """Open a Stripe Checkout session (subscription mode) for the current version of ``plan_code``.

    Line items: the version's licensed price in the subscription's currency and ``interval``, plus the
    metered prices of its soft-limited meters (monthly plans). ``client_reference_id`` and the metadata
    carry the company id, so ``checkout.session.completed`` finds the company. Nothing changes in Hansa
    until that webhook arrives (the customer may abandon the page).

    Raises:
        GatewayNotConfigured: Stripe is not configured.
        PlanNotFound: no such plan.
        PlanNotOnGateway: the plan has no Stripe price in this currency and interval.
        DowngradeExceedsUsage: the company uses more than the plan allows.
        SubscriptionStateRefused: the subscription is already paid through Stripe (use the portal).
        GatewayUnavailable: Stripe did not answer.
    """
    stripe_client()  # GatewayNotConfigured before anything else
    subscription = selectors.subscription_for_company(company_id=company_id, lock=True)
    if subscription is None:
        raise SubscriptionStateRefused("This company has no subscription.", subscription_status="")
    if (
        subscription.gateway == Gateway.STRIPE
        and subscription.stripe_subscription_id
        and subscription.status not in (SubscriptionStatus.CANCELED,)
    ):
        raise SubscriptionStateRefused(
            "The subscription is already paid through Stripe: change it on the billing page or in the portal.",
            subscription_status=subscription.status,
        )
    if interval not in Interval.values:
        raise ValidationFailed(errors={"interval": [f"Use one of: {', '.join(Interval.values)}."]})
    plan = selectors.plan_by_code(code=plan_code)
    if plan is None or plan.current_version is None:
        raise PlanNotFound(errors={"plan_code": [f"No plan {plan_code!r}."]})
    version = plan.current_version
    if plan.is_free:
        raise PlanNotOnGateway(
            "The free plan needs no payment.", currency=subscription.currency, interval=interval
        )
    over = selectors.usage_over_limits(company_id=company_id, version=version)
    if over:
        raise DowngradeExceedsUsage(
            "Reduce what is listed below, or choose a larger plan.",
            meters=[{"meter": row.meter, "used": row.used, "limit": row.included} for row in over],
        )
    licensed = _licensed_price_id(version=version, currency=subscription.currency, interval=interval)
    metered = _metered_price_ids(version=version, currency=subscription.currency, interval=interval)
    customer = stripe_customer_ensure(subscription=subscription)
    company = Company.objects.get(pk=company_id)
    metadata = {"company_id": str(company_id), "plan_code": plan.code, "plan_version": str(version.number)}
    params: Any = {
        "mode": "subscription",
        "customer": customer,
        "client_reference_id": str(company_id),
        "currency": subscription.currency.lower(),
        "line_items": [{"price": licensed, "quantity": 1}, *({"price": p} for p in metered)],
        "metadata": metadata,
        "subscription_data": {"metadata": metadata},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": _locale(company),
    }
    with _remote("open Checkout"):
        session = stripe_client().v1.checkout.sessions.create(params)
    return CheckoutStarted(url=session.url or "", session_id=session.id)


def stripe_portal_url(*, company_id: int, return_url: str) -> str:
    """A Customer Portal session for the company (payment methods, invoices, cancellation).

    Raises:
        GatewayNotConfigured, GatewayUnavailable.
        SubscriptionStateRefused: the company has never been a Stripe customer (go through Checkout).
    """
    stripe_client()
    subscription = selectors.subscription_for_company(company_id=company_id)
    if subscription is None or not subscription.stripe_customer_id:
        raise SubscriptionStateRefused(
            "This company does not pay through Stripe yet: choose a plan first.",
            subscription_status=subscription.status if subscription else "",
        )
    company = Company.objects.get(pk=company_id)
    with _remote("open the customer portal"):
        session = stripe_client().v1.billing_portal.sessions.create(
            {
                "customer": subscription.stripe_customer_id,
                "return_url": return_url,
                "locale": _locale(company),
            }
        )
    return session.url


# --- the port -----------------------------------------------------------------------------------------


class StripeGateway:
    """The billing port for subscriptions paid through Stripe.

    Stripe bills each period itself and prorates plan changes on its side: ``period_started`` sends
    nothing (the invoice arrives by webhook), ``plan_changed`` records a push of the new plan to Stripe
    in the outbox (delivered after commit), unless the change came from Stripe in the first place.
    """

    name = "stripe"

    def period_started(self, *, subscription: Subscription, now: dt.datetime) -> None:
        return None

    def plan_changed(
        self, *, subscription: Subscription, old_version: PlanVersion, amount: Decimal, now: dt.datetime
    ) -> None:
        self._push(subscription)

    def cancel_changed(self, *, subscription: Subscription) -> None:
        """``cancel_at_period_end`` was set or withdrawn in Hansa: tell Stripe (after commit)."""
        self._push(subscription)

    def meter_events_send(self, *, events: Iterable[UsageEvent]) -> int:
        return stripe_meter_events_send(events=events)

    def _push(self, subscription: Subscription) -> None:
        if _from_stripe.get() or not subscription.stripe_subscription_id:
            return
        outbox_record(topic=PUSH_TOPIC, payload={"company_id": subscription.company_id})


@outbox_handler(PUSH_TOPIC)
def _push_handler(payload: dict[str, Any]) -> None:
    stripe_subscription_push(company_id=int(payload["company_id"]))


def stripe_subscription_push(*, company_id: int) -> bool:
    """Make Stripe's subscription carry Hansa's plan, interval and ``cancel_at_period_end``.

    Compares the prices on Stripe's subscription with the ones Hansa's plan version needs and sends one
    update (``proration_behavior=create_prorations``: Stripe prorates the rest of the period) only when
    they differ. Reads the current state of both sides, so it is idempotent and a late or repeated
    delivery converges. Returns whether an update was sent.

    Raises:
        GatewayUnavailable: Stripe did not answer (the outbox retries).
    """
    subscription = selectors.subscription_for_company(company_id=company_id)
    if (
        subscription is None
        or subscription.gateway != Gateway.STRIPE
        or not subscription.stripe_subscription_id
        or not stripe_configured()
    ):
        return False
    client = stripe_client()
    with _remote("read the subscription"):
        remote = client.v1.subscriptions.retrieve(subscription.stripe_subscription_id).to_dict()
    if remote.get("status") in ("canceled", "incomplete_expired"):
        return False
    if subscription.plan_version.plan.is_free:
        # Moved to the free plan in Hansa: Stripe stops billing at the end of the paid period.
        wanted_licensed, wanted_metered = "", list[str]()
    else:
        wanted_licensed, wanted_metered = desired_price_ids(subscription=subscription)
    items: list[dict[str, Any]] = list((remote.get("items") or {}).get("data") or [])

    def metered(item: dict[str, Any]) -> bool:
        return ((item.get("price") or {}).get("recurring") or {}).get("usage_type") == "metered"

    changes: list[dict[str, Any]] = []
    licensed_items = [i for i in items if not metered(i)]
    metered_items = {i["price"]["id"]: i for i in items if metered(i)}
    if wanted_licensed:
        if licensed_items:
            first, *extra = licensed_items
            if first["price"]["id"] != wanted_licensed:
                changes.append({"id": first["id"], "price": wanted_licensed, "quantity": 1})
            changes += [{"id": i["id"], "deleted": True} for i in extra]
        else:
            changes.append({"price": wanted_licensed, "quantity": 1})
        changes += [
            {"id": i["id"], "deleted": True} for p, i in metered_items.items() if p not in wanted_metered
        ]
        changes += [{"price": p} for p in wanted_metered if p not in metered_items]
    params: Any = {}
    if changes:
        params["items"] = changes
        params["proration_behavior"] = "create_prorations"
    cancel = subscription.cancel_at_period_end or not wanted_licensed
    if bool(remote.get("cancel_at_period_end")) != cancel:
        params["cancel_at_period_end"] = cancel
    if not params:
        return False
    with _remote("change the subscription"):
        client.v1.subscriptions.update(subscription.stripe_subscription_id, params)
    return True


# --- meter events -------------------------------------------------------------------------------------


def _billed_meters(version_id: int, currency: str, interval: str) -> set[str]:
    if interval != Interval.MONTH:
        return set()
    return {
        e.meter
        for e in Entitlement.objects.filter(version_id=version_id, enforcement=Enforcement.SOFT)
        if e.stripe_price_id and currency in (e.overage_prices or {})
    }


def stripe_meter_events_send(*, events: Iterable[UsageEvent], now: dt.datetime | None = None) -> int:
    """Send usage events to Stripe's Billing Meters and mark each one ``sent_to_gateway_at``.

    One meter event per usage event: ``event_name`` ``hansa_<meter>``, ``payload`` the company's Stripe
    customer and the value, ``identifier`` the usage event's id (the outbox id: Stripe counts an
    identifier once, so a resend after a crash is harmless), ``timestamp`` when it happened (at most 35
    days back, Stripe's limit). Period meters send the quantity; gauges (summed by Stripe as *last*) send
    the company's current total. Events of meters the subscription is not billed for through Stripe are
    marked without sending. Returns how many were sent.

    Stops at the first Stripe or network failure (the rest stays unsent for the next run); an event
    Stripe refuses as invalid is logged and left unsent.
    """
    now = now or timezone.now()
    client = stripe_client()
    sent = 0
    billed: dict[tuple[int, str, str], set[str]] = {}
    for event in events:
        subscription = selectors.subscription_for_company(company_id=event.company_id)
        if (
            subscription is None
            or subscription.gateway != Gateway.STRIPE
            or not subscription.stripe_customer_id
        ):
            continue
        key = (subscription.plan_version_id, subscription.currency, subscription.interval)
        if key not in billed:
            billed[key] = _billed_meters(*key)
        if event.meter not in billed[key]:
            UsageEvent.objects.filter(pk=event.pk, sent_to_gateway_at__isnull=True).update(
                sent_to_gateway_at=now
            )
            continue
        if METER_PERIODS[event.meter] == MeterPeriod.TOTAL:
            value = (
                UsageCounter.objects.filter(company_id=event.company_id, meter=event.meter)
                .values_list("quantity", flat=True)
                .first()
                or 0
            )
        else:
            value = event.quantity
        at = max(event.occurred_at, now - METER_EVENT_MAX_AGE + dt.timedelta(minutes=5))
        try:
            client.v1.billing.meter_events.create(
                {
                    "event_name": meter_event_name(event.meter),
                    "payload": {
                        "stripe_customer_id": subscription.stripe_customer_id,
                        "value": str(max(value, 0)),
                    },
                    "identifier": str(event.pk),
                    "timestamp": int(at.timestamp()),
                }
            )
        except stripe.InvalidRequestError as error:
            if "identifier" in str(error.user_message or "").lower():
                pass  # Stripe already has this identifier: it was sent before
            else:
                logger.error("stripe refused meter event %s: %s", event.pk, error)
                continue
        except stripe.StripeError as error:
            logger.warning("stripe meter events stopped at %s: %s", event.pk, error)
            break
        UsageEvent.objects.filter(pk=event.pk, sent_to_gateway_at__isnull=True).update(sent_to_gateway_at=now)
        sent += 1
    return sent


def stripe_meter_events_relay(*, limit: int = 500, now: dt.datetime | None = None) -> int:
    """Send the oldest unsent usage events of companies that pay through Stripe (beat, or after the
    ``billing.usage`` outbox handler wrote the ledger). Returns how many were sent."""
    if not stripe_configured():
        return 0
    stripe_companies = Subscription.objects.filter(gateway=Gateway.STRIPE).exclude(stripe_customer_id="")
    events = list(
        UsageEvent.objects.filter(
            sent_to_gateway_at__isnull=True, company_id__in=stripe_companies.values("company_id")
        ).order_by("occurred_at")[:limit]
    )
    return stripe_meter_events_send(events=events, now=now)


def stripe_gauge_snapshots_send(*, now: dt.datetime | None = None) -> int:
    """Send the current total of every gauge billed through Stripe (listings, storage), once a day.

    Stripe bills a gauge by the *last* value in the billing period; a company whose listings did not
    change for a whole period would send no event and be billed nothing over its quota. The daily
    snapshot (identifier ``hansa-gauge-<company>-<meter>-<date>``, so a second run the same day is
    counted once) puts a value in every period. Beat, daily. Returns how many were sent.
    """
    if not stripe_configured():
        return 0
    now = now or timezone.now()
    client = stripe_client()
    sent = 0
    subscriptions = (
        Subscription.objects.filter(gateway=Gateway.STRIPE)
        .exclude(stripe_customer_id="")
        .exclude(stripe_subscription_id="")
        .order_by("pk")
    )
    billed: dict[tuple[int, str, str], set[str]] = {}
    for subscription in subscriptions:
        key = (subscription.plan_version_id, subscription.currency, subscription.interval)
        if key not in billed:
            billed[key] = _billed_meters(*key)
        gauges = sorted(m for m in billed[key] if METER_PERIODS[m] == MeterPeriod.TOTAL)
        totals = dict(
            UsageCounter.objects.filter(company_id=subscription.company_id, meter__in=gauges).values_list(
                "meter", "quantity"
            )
        )
        for meter in gauges:
            try:
                client.v1.billing.meter_events.create(
                    {
                        "event_name": meter_event_name(meter),
                        "payload": {
                            "stripe_customer_id": subscription.stripe_customer_id,
                            "value": str(max(totals.get(meter, 0), 0)),
                        },
                        "identifier": f"hansa-gauge-{subscription.company_id}-{meter}-{now:%Y%m%d}",
                        "timestamp": int(now.timestamp()),
                    }
                )
            except stripe.InvalidRequestError as error:
                logger.error(
                    "stripe refused the %s snapshot of %s: %s", meter, subscription.company_id, error
                )
                continue
            except stripe.StripeError as error:
                logger.warning("stripe gauge snapshots stopped: %s", error)
                return sent
            sent += 1
    return sent


# --- catalogue ----------------------------------------------------------------------------------------


@dataclass
class CatalogSync:
    products: int = 0
    meters: int = 0
    prices: int = 0
    metered_prices: int = 0
    skipped: list[str] = field(default_factory=list)


def _meter_ids(client: stripe.StripeClient, meters: set[str], result: CatalogSync) -> dict[str, str]:
    """The Stripe meter of each of ``meters`` (event name ``hansa_<meter>``), created when missing."""
    with _remote("list the meters"):
        existing = {
            m.event_name: m.id for m in client.v1.billing.meters.list({"limit": 100}).auto_paging_iter()
        }
    ids: dict[str, str] = {}
    for meter in sorted(meters):
        name = meter_event_name(meter)
        if name not in existing:
            gauge = METER_PERIODS[meter] == MeterPeriod.TOTAL
            with _remote("create a meter"):
                created = client.v1.billing.meters.create(
                    {
                        "display_name": f"Hansa {meter.replace('_', ' ')}",
                        "event_name": name,
                        "default_aggregation": {"formula": "last" if gauge else "sum"},
                        "customer_mapping": {"event_payload_key": "stripe_customer_id", "type": "by_id"},
                        "value_settings": {"event_payload_key": "value"},
                    },
                    {"idempotency_key": f"hansa-meter-{name}"},
                )
            existing[name] = created.id
            result.meters += 1
        ids[meter] = existing[name]
    return ids


def _product_id(client: stripe.StripeClient, plan: Plan, result: CatalogSync) -> str:
    product_id = f"hansa_{plan.code}"
    try:
        client.v1.products.retrieve(product_id)
    except stripe.InvalidRequestError as error:
        if error.http_status != 404:
            raise GatewayUnavailable("Stripe could not read the product.") from error
        with _remote("create a product"):
            client.v1.products.create(
                {"id": product_id, "name": f"Hansa {plan.name_en}", "metadata": {"plan_code": plan.code}},
                {"idempotency_key": f"hansa-product-{plan.code}"},
            )
        result.products += 1
    except stripe.StripeError as error:
        raise GatewayUnavailable("Stripe could not read the product.") from error
    return product_id


def _tiers(included: int, overage: Decimal, currency: str) -> list[dict[str, Any]]:
    """Graduated tiers: the included quantity free, every unit above it at the overage price."""
    free = [{"up_to": included, "unit_amount_decimal": "0"}] if included > 0 else []
    return [*free, {"up_to": "inf", "unit_amount_decimal": _decimal_text(to_minor(overage, currency))}]


def stripe_catalog_sync() -> CatalogSync:
    """Create in Stripe what the plan catalogue needs and Hansa has no id for yet; idempotent.

    For every plan version: a licensed Price per non-zero PlanPrice lacking ``stripe_price_id``; for
    every soft entitlement with an included quantity and overage prices lacking one, a monthly metered
    Price on the meter's Billing Meter. Products and meters are found before they are created. Each id is
    saved as soon as Stripe answers, and each creation carries an idempotency key derived from the row,
    so a run interrupted half way is simply run again.

    Raises:
        GatewayNotConfigured, GatewayUnavailable.
    """
    client = stripe_client()
    result = CatalogSync()
    prices = list(
        PlanPrice.objects.filter(stripe_price_id="", amount__gt=0)
        .select_related("version__plan")
        .order_by("pk")
    )
    entitlements = [
        e
        for e in Entitlement.objects.filter(
            stripe_price_id="", enforcement=Enforcement.SOFT, included__isnull=False
        )
        .select_related("version__plan")
        .order_by("pk")
        if e.overage_prices
    ]
    meters = _meter_ids(client, {e.meter for e in entitlements}, result) if entitlements else {}
    products: dict[int, str] = {}

    def product_of(plan: Plan) -> str:
        if plan.pk not in products:
            products[plan.pk] = _product_id(client, plan, result)
        return products[plan.pk]

    for price in prices:
        version = price.version
        lookup = f"hansa_{version.plan.code}_v{version.number}_{price.currency}_{price.interval}".lower()
        price_params: Any = {
            "product": product_of(version.plan),
            "currency": price.currency.lower(),
            "unit_amount_decimal": _decimal_text(to_minor(price.amount, price.currency)),
            "recurring": {"interval": price.interval, "usage_type": "licensed"},
            "lookup_key": lookup,
            "nickname": f"{version.plan.name_en} v{version.number} {price.interval}ly",
            "metadata": {"plan_code": version.plan.code, "plan_version": str(version.number)},
        }
        with _remote("create a price"):
            created = client.v1.prices.create(price_params, {"idempotency_key": f"hansa-price-{price.pk}"})
        PlanPrice.objects.filter(pk=price.pk, stripe_price_id="").update(stripe_price_id=created.id)
        result.prices += 1
    for entitlement in entitlements:
        version = entitlement.version
        overage = {c: Decimal(str(a)) for c, a in sorted(entitlement.overage_prices.items())}
        primary, *others = overage
        included = int(entitlement.included or 0)
        params: Any = {
            "product": product_of(version.plan),
            "currency": primary.lower(),
            "billing_scheme": "tiered",
            "tiers_mode": "graduated",
            "tiers": _tiers(included, overage[primary], primary),
            "recurring": {"interval": "month", "usage_type": "metered", "meter": meters[entitlement.meter]},
            "lookup_key": f"hansa_{version.plan.code}_v{version.number}_{entitlement.meter}_month".lower(),
            "nickname": f"{version.plan.name_en} v{version.number} {entitlement.meter} over {included}",
            "metadata": {
                "plan_code": version.plan.code,
                "plan_version": str(version.number),
                "meter": entitlement.meter,
            },
        }
        if others:
            params["currency_options"] = {
                c.lower(): {"tiers": _tiers(included, overage[c], c)} for c in others
            }
        with _remote("create a metered price"):
            created = client.v1.prices.create(
                params, {"idempotency_key": f"hansa-entitlement-price-{entitlement.pk}"}
            )
        Entitlement.objects.filter(pk=entitlement.pk, stripe_price_id="").update(stripe_price_id=created.id)
        result.metered_prices += 1
    return result
