"""A local fake of Stripe's API, speaking its wire format, for the Stripe gateway's tests.

A threaded ``http.server`` on 127.0.0.1 (random port). The adapter reaches it through the real SDK code
path (``stripe.StripeClient(api_key, base_addresses={"api": fake.url})``): requests are form-encoded with
Stripe's bracket notation (``items[0][price]=price_x``, ``metadata[company_id]=7``), answers are JSON
objects carrying ``object`` and ``id``, failures are Stripe's error envelope ``{"error": {...}}`` with
Stripe's status codes (400 invalid request, 401 bad key, 404 no such object). A POST repeated with the
same ``Idempotency-Key`` gets the first answer again, as Stripe does.

Endpoints: customers, products, prices, billing/meters, billing/meter_events (deduplicated by
``identifier``, like Stripe: the same identifier twice is counted once), checkout/sessions
(mode=subscription), billing_portal/sessions, subscriptions (retrieve, update with items,
``proration_behavior`` and ``cancel_at_period_end``, cancel), invoices (retrieve).

Test helpers build what Stripe would do on its side: :meth:`FakeStripe.checkout_complete` (the customer
pays on the hosted page: a subscription is created), :meth:`FakeStripe.invoice_create`, and
:meth:`FakeStripe.event` / :func:`sign` for webhook deliveries signed with the real scheme
(``t=<ts>,v1=HMAC-SHA256(secret, "<ts>.<payload>")``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

API_KEY_PREFIXES = ("sk_test_", "sk_live_", "rk_test_", "rk_live_")
METER_EVENT_MAX_AGE = 35 * 24 * 3600


class StripeError(Exception):
    """An error answer: status and Stripe's error object (type, code, message, param)."""

    def __init__(
        self, status: int, message: str, *, type_: str = "invalid_request_error", **fields: Any
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": type_, "message": message, **fields}}


def missing(kind: str, object_id: str, param: str = "id") -> StripeError:
    return StripeError(404, f"No such {kind}: '{object_id}'", code="resource_missing", param=param)


def required(param: str) -> StripeError:
    return StripeError(400, f"Missing required param: {param}.", code="parameter_missing", param=param)


def decode_form(body: str) -> dict[str, Any]:
    """Stripe's form encoding to nested values: ``a[b][0][c]=x`` -> {"a": {"b": [{"c": "x"}]}}.

    Dicts whose keys are all indexes become lists (in index order); ``a[]=x`` appends.
    """
    root: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        head, _, rest = key.partition("[")
        parts = [head] + (re.findall(r"([^\[\]]*)\]", "[" + rest) if rest else [])
        node: Any = root
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if part == "":  # a[]=x
                part = str(len(node))
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _listify(root)


def _listify(value: Any) -> Any:
    if isinstance(value, dict):
        value = {k: _listify(v) for k, v in value.items()}
        if value and all(k.isdigit() for k in value):
            return [value[k] for k in sorted(value, key=int)]
    return value


def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header Stripe sends with ``payload``."""
    ts = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{ts}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={ts},v1={mac}"


@dataclass
class Recorded:
    """One request as the fake received it."""

    method: str
    path: str
    params: dict[str, Any]
    headers: dict[str, str]
    status: int = 0


@dataclass
class FakeStripeState:
    objects: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    idempotency: dict[str, tuple[int, dict[str, Any]]] = field(default_factory=dict)
    meter_events: dict[str, dict[str, Any]] = field(default_factory=dict)  # identifier -> event


class FakeStripe:
    """The fake server. ``start()`` it, point the SDK at ``url``, ``stop()`` it.

    ``requests`` lists every request received (``Recorded``); ``objects(kind)`` the objects it holds.
    ``fail_next(path_prefix, status, message)`` makes the next request under a path fail like Stripe.
    """

    def __init__(self) -> None:
        self.state = FakeStripeState()
        self.requests: list[Recorded] = []
        self.lock = threading.RLock()
        self._failures: list[tuple[str, int, dict[str, Any]]] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.clock: int | None = None  # a fixed "now" (unix seconds) when set

    # --- lifecycle -------------------------------------------------------------------------------------

    def start(self) -> FakeStripe:
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-stripe", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def reset(self) -> None:
        with self.lock:
            self.state = FakeStripeState()
            self.requests.clear()
            self._failures.clear()
            self.clock = None

    def now(self) -> int:
        return self.clock if self.clock is not None else int(time.time())

    # --- inspection ------------------------------------------------------------------------------------

    def objects(self, kind: str) -> dict[str, dict[str, Any]]:
        return self.state.objects.setdefault(kind, {})

    def requests_to(self, method: str, path: str) -> list[Recorded]:
        """Requests by method and path (``{id}`` in ``path`` matches any one path segment)."""
        pattern = re.compile("^" + re.escape(path).replace(r"\{id\}", "[^/]+") + "$")
        return [r for r in self.requests if r.method == method and pattern.match(r.path)]

    def meter_event_totals(self) -> dict[tuple[str, str], int]:
        """What Stripe would bill: sum of accepted meter event values by (event_name, customer)."""
        totals: dict[tuple[str, str], int] = {}
        for event in self.state.meter_events.values():
            key = (event["event_name"], event["payload"]["stripe_customer_id"])
            totals[key] = totals.get(key, 0) + int(event["payload"]["value"])
        return totals

    def fail_next(
        self,
        path_prefix: str,
        status: int = 500,
        message: str = "An unknown error occurred",
        *,
        after: int = 0,
    ) -> None:
        """Make the request under ``path_prefix`` that comes after ``after`` successful ones fail."""
        type_ = "api_error" if status >= 500 else "invalid_request_error"
        self._failures.append(
            (path_prefix, status, {"error": {"type": type_, "message": message}, "_after": after})
        )

    # --- what Stripe does on its side (test helpers) ---------------------------------------------------

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{secrets.token_hex(12)}"

    def put(self, kind: str, obj: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self.objects(kind)[obj["id"]] = obj
        return obj

    def price_create(
        self,
        *,
        unit_amount: int = 10000,
        currency: str = "cny",
        interval: str = "month",
        usage_type: str = "licensed",
        meter: str | None = None,
    ) -> dict[str, Any]:
        """A price that exists in the account already (as if made in the Dashboard)."""
        return self._price(
            {
                "currency": currency,
                "unit_amount": str(unit_amount),
                "recurring": {
                    "interval": interval,
                    "usage_type": usage_type,
                    **({"meter": meter} if meter else {}),
                },
                "product": self._product({"name": "Dashboard product"})["id"],
            }
        )

    def checkout_complete(self, session_id: str, *, status: str = "active") -> dict[str, Any]:
        """The customer pays on the hosted Checkout page: the subscription is created, the session completes.

        Returns the completed session (the ``data.object`` of ``checkout.session.completed``).
        """
        with self.lock:
            session = self.objects("checkout.session")[session_id]
            customer = (
                session["customer"] or self._customer({"email": session.get("customer_email", "")})["id"]
            )
            subscription = self.subscription_create(
                customer=customer,
                prices=[item["price"] for item in session["_line_items"]],
                metadata=dict(session.get("subscription_data", {}).get("metadata", {})),
                status=status,
                currency=session.get("currency"),
            )
            session.update(
                status="complete",
                payment_status="paid",
                customer=customer,
                subscription=subscription["id"],
            )
            return self.public(session)

    def subscription_create(
        self,
        *,
        customer: str,
        prices: list[str],
        metadata: dict[str, Any] | None = None,
        status: str = "active",
        currency: str | None = None,
    ) -> dict[str, Any]:
        now = self.now()
        sub_id = self.new_id("sub")
        items = [self._item(sub_id, price, now) for price in prices]
        return self.put(
            "subscription",
            {
                "id": sub_id,
                "object": "subscription",
                "customer": customer,
                "currency": currency or self._get("price", prices[0])["currency"],
                "status": status,
                "cancel_at_period_end": False,
                "canceled_at": None,
                "created": now,
                "start_date": now,
                "items": {
                    "object": "list",
                    "data": items,
                    "has_more": False,
                    "url": f"/v1/subscription_items?subscription={sub_id}",
                },
                "metadata": metadata or {},
                "livemode": False,
                "latest_invoice": None,
            },
        )

    def invoice_create(
        self, *, subscription_id: str, status: str = "paid", billing_reason: str = "subscription_cycle"
    ) -> dict[str, Any]:
        """Stripe bills the subscription: one line per item (metered lines with the meter's usage)."""
        with self.lock:
            sub = self.objects("subscription")[subscription_id]
            lines = []
            for item in sub["items"]["data"]:
                price = item["price"]
                metered = price["recurring"]["usage_type"] == "metered"
                quantity = 0 if metered else item.get("quantity", 1)
                if metered:
                    meter = self.objects("billing.meter").get(price["recurring"].get("meter") or "", {})
                    quantity = self.meter_event_totals().get(
                        (meter.get("event_name", ""), sub["customer"]), 0
                    )
                amount = self.price_amount(self.objects("price")[price["id"]], quantity, sub.get("currency"))
                lines.append(
                    {
                        "id": self.new_id("il"),
                        "object": "line_item",
                        "amount": amount,
                        "currency": price["currency"],
                        "description": f"{quantity} x {price.get('nickname') or price['id']}",
                        "quantity": quantity,
                        "period": {"start": item["current_period_start"], "end": item["current_period_end"]},
                        "pricing": {
                            "type": "price_details",
                            "price_details": {"price": price["id"], "product": price["product"]},
                            "unit_amount_decimal": price.get("unit_amount_decimal"),
                        },
                        "parent": {
                            "type": "subscription_item_details",
                            "subscription_item_details": {
                                "subscription": sub["id"],
                                "subscription_item": item["id"],
                                "proration": False,
                            },
                        },
                    }
                )
            total = sum(line["amount"] for line in lines)
            paid = status == "paid"
            first = sub["items"]["data"][0]
            invoice = self.put(
                "invoice",
                {
                    "id": self.new_id("in"),
                    "object": "invoice",
                    "customer": sub["customer"],
                    "number": f"FAKE-{len(self.objects('invoice')) + 1:04d}",
                    "status": status,
                    "billing_reason": billing_reason,
                    "currency": sub.get("currency") or first["price"]["currency"],
                    "subtotal": total,
                    "total": total,
                    "total_taxes": [],
                    "amount_due": total,
                    "amount_paid": total if paid else 0,
                    "amount_remaining": 0 if paid else total,
                    "attempt_count": 1,
                    "created": self.now(),
                    "period_start": first["current_period_start"],
                    "period_end": first["current_period_end"],
                    "status_transitions": {
                        "finalized_at": self.now(),
                        "paid_at": self.now() if paid else None,
                    },
                    "parent": {
                        "type": "subscription_details",
                        "subscription_details": {
                            "subscription": sub["id"],
                            "metadata": sub.get("metadata", {}),
                        },
                    },
                    "lines": {"object": "list", "data": lines, "has_more": False},
                    "hosted_invoice_url": f"{self.url}/i/{secrets.token_hex(8)}",
                    "livemode": False,
                },
            )
            sub["latest_invoice"] = invoice["id"]
            return self.public(invoice)

    def event(
        self,
        type_: str,
        obj: dict[str, Any],
        *,
        created: int | None = None,
        previous_attributes: dict[str, Any] | None = None,
    ) -> str:
        """A webhook delivery body (JSON text) for an event of ``type_`` about ``obj``."""
        data: dict[str, Any] = {"object": obj}
        if previous_attributes is not None:
            data["previous_attributes"] = previous_attributes
        return json.dumps(
            {
                "id": self.new_id("evt"),
                "object": "event",
                "api_version": "2026-10-28.endive",
                "created": self.now() if created is None else created,
                "data": data,
                "livemode": False,
                "pending_webhooks": 1,
                "request": {"id": None, "idempotency_key": None},
                "type": type_,
            }
        )

    def public(self, obj: dict[str, Any]) -> dict[str, Any]:
        """``obj`` as the API shows it (without the fake's own bookkeeping keys)."""
        return json.loads(json.dumps({k: v for k, v in obj.items() if not k.startswith("_")}))

    # --- request handling ------------------------------------------------------------------------------

    def handle(
        self, method: str, path: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        record = Recorded(method=method, path=path, params=params, headers=headers)
        with self.lock:
            self.requests.append(record)
            for index, (prefix, status, body) in enumerate(self._failures):
                if path.startswith(prefix):
                    if body["_after"] > 0:
                        body["_after"] -= 1
                        break
                    del self._failures[index]
                    record.status = status
                    return status, {"error": body["error"]}
            auth = headers.get("authorization", "")
            if not auth.startswith("Bearer ") or not auth[7:].startswith(API_KEY_PREFIXES):
                record.status = 401
                return 401, {
                    "error": {
                        "type": "invalid_request_error",
                        "message": f"Invalid API Key provided: {auth[7:][:8]}****",
                    }
                }
            key = headers.get("idempotency-key")
            if method == "POST" and key and key in self.state.idempotency:
                status, body = self.state.idempotency[key]
                record.status = status
                return status, body
            try:
                status, body = 200, self.route(method, path, params)
            except StripeError as error:
                status, body = error.status, error.body
            if method == "POST" and key and status < 500:
                self.state.idempotency[key] = (status, body)
            record.status = status
            return status, body

    ROUTES: tuple[tuple[str, str, str], ...] = (
        ("POST", r"/v1/customers", "customer_create"),
        ("GET", r"/v1/customers/(?P<id>[^/]+)", "customer_retrieve"),
        ("POST", r"/v1/customers/(?P<id>[^/]+)", "customer_update"),
        ("POST", r"/v1/products", "product_create"),
        ("GET", r"/v1/products/(?P<id>[^/]+)", "product_retrieve"),
        ("POST", r"/v1/prices", "price_post"),
        ("GET", r"/v1/prices/(?P<id>[^/]+)", "price_retrieve"),
        ("POST", r"/v1/billing/meters", "meter_create"),
        ("GET", r"/v1/billing/meters", "meter_list"),
        ("POST", r"/v1/billing/meter_events", "meter_event_create"),
        ("POST", r"/v1/checkout/sessions", "checkout_session_create"),
        ("GET", r"/v1/checkout/sessions/(?P<id>[^/]+)", "checkout_session_retrieve"),
        ("POST", r"/v1/billing_portal/sessions", "portal_session_create"),
        ("GET", r"/v1/subscriptions/(?P<id>[^/]+)", "subscription_retrieve"),
        ("POST", r"/v1/subscriptions/(?P<id>[^/]+)", "subscription_update"),
        ("DELETE", r"/v1/subscriptions/(?P<id>[^/]+)", "subscription_cancel"),
        ("GET", r"/v1/invoices/(?P<id>[^/]+)", "invoice_retrieve"),
    )

    def route(self, method: str, path: str, params: dict[str, Any]) -> dict[str, Any]:
        for verb, pattern, name in self.ROUTES:
            match = re.fullmatch(pattern, path)
            if verb == method and match:
                return getattr(self, "_r_" + name)(params, **match.groupdict())
        raise StripeError(404, f"Unrecognized request URL ({method}: {path}).")

    # customers

    def _customer(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.put(
            "customer",
            {
                "id": self.new_id("cus"),
                "object": "customer",
                "created": self.now(),
                "email": params.get("email") or None,
                "name": params.get("name") or None,
                "metadata": params.get("metadata") or {},
                "preferred_locales": params.get("preferred_locales") or [],
                "livemode": False,
            },
        )

    def _r_customer_create(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.public(self._customer(params))

    def _get(self, kind: str, object_id: str) -> dict[str, Any]:
        obj = self.objects(kind).get(object_id)
        if obj is None:
            raise missing(kind.split(".")[-1].replace("_", " "), object_id)
        return obj

    def _r_customer_retrieve(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        return self.public(self._get("customer", id))

    def _r_customer_update(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        customer = self._get("customer", id)
        for name in ("email", "name"):
            if name in params:
                customer[name] = params[name]
        customer["metadata"].update(params.get("metadata") or {})
        return self.public(customer)

    # catalogue

    def _product(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("name"):
            raise required("name")
        return self.put(
            "product",
            {
                "id": params.get("id") or self.new_id("prod"),
                "object": "product",
                "name": params["name"],
                "active": True,
                "metadata": params.get("metadata") or {},
                "created": self.now(),
            },
        )

    def _r_product_create(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("id") in self.objects("product"):
            raise StripeError(400, "Product already exists.", code="resource_already_exists", param="id")
        return self.public(self._product(params))

    def _r_product_retrieve(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        return self.public(self._get("product", id))

    def _price(self, params: dict[str, Any]) -> dict[str, Any]:
        for name in ("currency", "product"):
            if not params.get(name):
                raise required(name)
        if params["product"] not in self.objects("product"):
            raise missing("product", params["product"], "product")
        recurring = dict(params.get("recurring") or {})
        if recurring:
            if recurring.get("interval") not in ("day", "week", "month", "year"):
                raise StripeError(400, "Invalid recurring[interval]", param="recurring[interval]")
            recurring.setdefault("usage_type", "licensed")
            recurring.setdefault("interval_count", "1")
            if recurring["usage_type"] == "metered":
                meter = recurring.get("meter")
                if not meter:
                    raise StripeError(
                        400, "A metered price needs recurring[meter].", param="recurring[meter]"
                    )
                if meter not in self.objects("billing.meter"):
                    raise missing("billing meter", meter, "recurring[meter]")
            recurring["interval_count"] = int(recurring["interval_count"])
        tiered = params.get("billing_scheme") == "tiered"
        amount = params.get("unit_amount_decimal", params.get("unit_amount"))
        if tiered:
            if params.get("tiers_mode") not in ("graduated", "volume"):
                raise required("tiers_mode")
            if not params.get("tiers") or params["tiers"][-1].get("up_to") != "inf":
                raise StripeError(400, "The last tier must have up_to=inf.", param="tiers")
        elif amount is None:
            raise required("unit_amount")
        lookup_key = params.get("lookup_key")
        if lookup_key and any(p.get("lookup_key") == lookup_key for p in self.objects("price").values()):
            raise StripeError(
                400,
                f"A price (lookup_key {lookup_key}) already exists.",
                code="resource_already_exists",
                param="lookup_key",
            )
        return self.put(
            "price",
            {
                "id": self.new_id("price"),
                "object": "price",
                "active": True,
                "billing_scheme": "tiered" if tiered else "per_unit",
                "currency": params["currency"].lower(),
                "currency_options": {
                    params["currency"].lower(): {},
                    **(params.get("currency_options") or {}),
                },
                "unit_amount": None
                if tiered or amount is None or not float(amount).is_integer()
                else int(float(amount)),
                "unit_amount_decimal": None if tiered else str(amount),
                "tiers_mode": params.get("tiers_mode"),
                "_tiers": params.get("tiers"),
                "product": params["product"],
                "nickname": params.get("nickname"),
                "lookup_key": lookup_key,
                "recurring": recurring or None,
                "type": "recurring" if recurring else "one_time",
                "metadata": params.get("metadata") or {},
                "created": self.now(),
                "livemode": False,
            },
        )

    def price_amount(self, price: dict[str, Any], quantity: int, currency: str | None = None) -> int:
        """What ``quantity`` units of ``price`` cost, in minor units (graduated tiers summed)."""
        currency = (currency or price["currency"]).lower()
        if price.get("billing_scheme") != "tiered":
            return int(float(price["unit_amount_decimal"]) * quantity)
        tiers = (
            price["_tiers"] if currency == price["currency"] else price["currency_options"][currency]["tiers"]
        )
        total, floor = 0.0, 0
        for tier in tiers:
            top = quantity if tier["up_to"] == "inf" else min(quantity, int(tier["up_to"]))
            if top > floor:
                total += (top - floor) * float(tier["unit_amount_decimal"])
                floor = top
        return round(total)

    def _r_price_post(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.public(self._price(params))

    def _r_price_retrieve(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        return self.public(self._get("price", id))

    def _r_meter_create(self, params: dict[str, Any]) -> dict[str, Any]:
        for name in ("display_name", "event_name"):
            if not params.get(name):
                raise required(name)
        if not (params.get("default_aggregation") or {}).get("formula"):
            raise required("default_aggregation[formula]")
        if any(m["event_name"] == params["event_name"] for m in self.objects("billing.meter").values()):
            raise StripeError(
                400,
                f"A meter with event_name {params['event_name']} already exists.",
                code="resource_already_exists",
                param="event_name",
            )
        return self.public(
            self.put(
                "billing.meter",
                {
                    "id": self.new_id("mtr"),
                    "object": "billing.meter",
                    "display_name": params["display_name"],
                    "event_name": params["event_name"],
                    "default_aggregation": {"formula": params["default_aggregation"]["formula"]},
                    "customer_mapping": {"event_payload_key": "stripe_customer_id", "type": "by_id"},
                    "value_settings": {"event_payload_key": "value"},
                    "status": "active",
                    "created": self.now(),
                    "livemode": False,
                },
            )
        )

    def _r_meter_list(self, params: dict[str, Any]) -> dict[str, Any]:
        data = [self.public(m) for m in self.objects("billing.meter").values()]
        return {"object": "list", "data": data, "has_more": False, "url": "/v1/billing/meters"}

    def _r_meter_event_create(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("event_name"):
            raise required("event_name")
        payload = params.get("payload") or {}
        for name in ("stripe_customer_id", "value"):
            if name not in payload:
                raise required(f"payload[{name}]")
        if payload["stripe_customer_id"] not in self.objects("customer"):
            raise missing("customer", payload["stripe_customer_id"], "payload[stripe_customer_id]")
        now = self.now()
        timestamp = int(params.get("timestamp") or now)
        if timestamp < now - METER_EVENT_MAX_AGE or timestamp > now + 300:
            raise StripeError(
                400,
                "Timestamp must be within the past 35 calendar days or up to 5 minutes in the future.",
                param="timestamp",
            )
        identifier = params.get("identifier") or self.new_id("mevt")
        # Stripe enforces the identifier's uniqueness: a repeat is answered but not counted again.
        event = self.state.meter_events.setdefault(
            identifier,
            {
                "object": "billing.meter_event",
                "created": now,
                "event_name": params["event_name"],
                "identifier": identifier,
                "livemode": False,
                "payload": dict(payload),
                "timestamp": timestamp,
            },
        )
        return dict(event)

    # checkout and portal

    def _r_checkout_session_create(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("mode") != "subscription":
            raise StripeError(400, "This test fake only does mode=subscription.", param="mode")
        for name in ("success_url", "cancel_url"):
            if not params.get(name):
                raise required(name)
        line_items = params.get("line_items") or []
        if not line_items:
            raise required("line_items")
        if params.get("customer") and params["customer"] not in self.objects("customer"):
            raise missing("customer", params["customer"], "customer")
        currency = (params.get("currency") or "").lower()
        intervals = set()
        for index, item in enumerate(line_items):
            price = self.objects("price").get(item.get("price", ""))
            if price is None:
                raise missing("price", item.get("price", ""), f"line_items[{index}][price]")
            if not price["recurring"]:
                raise StripeError(
                    400, "Subscription mode needs recurring prices.", param=f"line_items[{index}][price]"
                )
            metered = price["recurring"]["usage_type"] == "metered"
            if metered and "quantity" in item:
                raise StripeError(
                    400,
                    "Quantity should not be specified where usage_type is `metered`. "
                    f"Remove quantity from `line_items[{index}]`",
                    param=f"line_items[{index}][quantity]",
                )
            if not metered and "quantity" not in item:
                raise required(f"line_items[{index}][quantity]")
            if currency and currency not in price["currency_options"]:
                raise StripeError(
                    400,
                    f"The price {price['id']} has no {currency} amount.",
                    param=f"line_items[{index}][price]",
                )
            intervals.add(price["recurring"]["interval"])
        if len(intervals) > 1:
            raise StripeError(
                400, "All prices of a subscription must have the same billing interval.", param="line_items"
            )
        session_id = self.new_id("cs_test")
        session = self.put(
            "checkout.session",
            {
                "id": session_id,
                "object": "checkout.session",
                "mode": "subscription",
                "status": "open",
                "payment_status": "unpaid",
                "url": f"{self.url}/c/pay/{session_id}",
                "customer": params.get("customer"),
                "customer_email": params.get("customer_email"),
                "client_reference_id": params.get("client_reference_id"),
                "metadata": params.get("metadata") or {},
                "subscription_data": params.get("subscription_data") or {},
                "success_url": params["success_url"],
                "cancel_url": params["cancel_url"],
                "locale": params.get("locale"),
                "currency": currency or None,
                "subscription": None,
                "created": self.now(),
                "expires_at": self.now() + 24 * 3600,
                "livemode": False,
                "_line_items": line_items,
            },
        )
        return self.public(session)

    def _r_checkout_session_retrieve(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        return self.public(self._get("checkout.session", id))

    def _r_portal_session_create(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("customer"):
            raise required("customer")
        self._get("customer", params["customer"])
        session_id = self.new_id("bps")
        return self.public(
            self.put(
                "billing_portal.session",
                {
                    "id": session_id,
                    "object": "billing_portal.session",
                    "customer": params["customer"],
                    "return_url": params.get("return_url"),
                    "locale": params.get("locale"),
                    "url": f"{self.url}/p/session/{session_id}",
                    "created": self.now(),
                    "livemode": False,
                },
            )
        )

    # subscriptions

    def _item(self, sub_id: str, price_id: str, start: int, item_id: str | None = None) -> dict[str, Any]:
        price = self._get("price", price_id)
        end = start + (365 if price["recurring"]["interval"] == "year" else 30) * 24 * 3600
        item: dict[str, Any] = {
            "id": item_id or self.new_id("si"),
            "object": "subscription_item",
            "price": self.public(price),
            "subscription": sub_id,
            "current_period_start": start,
            "current_period_end": end,
            "created": start,
            "metadata": {},
        }
        if price["recurring"]["usage_type"] == "licensed":
            item["quantity"] = 1
        return item

    def _r_subscription_retrieve(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        return self.public(self._get("subscription", id))

    def _r_subscription_update(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        sub = self._get("subscription", id)
        if sub["status"] == "canceled":
            raise StripeError(
                400, "A canceled subscription can only update its cancellation_details and metadata."
            )
        behavior = params.get("proration_behavior")
        if behavior is not None and behavior not in ("create_prorations", "none", "always_invoice"):
            raise StripeError(400, f"Invalid proration_behavior: {behavior}", param="proration_behavior")
        if "cancel_at_period_end" in params:
            sub["cancel_at_period_end"] = params["cancel_at_period_end"] == "true"
        items = {item["id"]: item for item in sub["items"]["data"]}
        for index, change in enumerate(params.get("items") or []):
            if change.get("id") and change["id"] not in items:
                raise missing("subscription item", change["id"], f"items[{index}][id]")
            if change.get("deleted") == "true":
                items.pop(change["id"], None)
                continue
            if not change.get("price"):
                continue
            current = items.get(change.get("id", ""))
            start = current["current_period_start"] if current else self.now()
            new = self._item(id, change["price"], start, item_id=change.get("id"))
            items[new["id"]] = new
        if len({item["price"]["recurring"]["interval"] for item in items.values()}) > 1:
            raise StripeError(
                400, "All prices of a subscription must have the same billing interval.", param="items"
            )
        sub["items"]["data"] = list(items.values())
        sub["metadata"].update(params.get("metadata") or {})
        sub["_last_proration_behavior"] = behavior
        return self.public(sub)

    def _r_subscription_cancel(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        sub = self._get("subscription", id)
        sub.update(status="canceled", canceled_at=self.now(), ended_at=self.now())
        return self.public(sub)

    # invoices

    def _r_invoice_retrieve(self, params: dict[str, Any], id: str) -> dict[str, Any]:
        return self.public(self._get("invoice", id))


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeStripe
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the fake records requests itself

    def _serve(self, method: str) -> None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        if (
            method == "POST"
            and body
            and not self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded")
        ):
            status, answer = (
                400,
                {
                    "error": {
                        "type": "invalid_request_error",
                        "message": "Send form-encoded bodies (application/x-www-form-urlencoded).",
                    }
                },
            )
        else:
            params = decode_form(body if method == "POST" else split.query)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, answer = self.server_fake.handle(method, split.path, params, headers)
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", "req_" + secrets.token_hex(7))
        self.send_header("Stripe-Version", self.headers.get("Stripe-Version", ""))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")


# --- pytest fixtures: in a test module, ``fake_stripe = fakes.fake_stripe_fixture`` (same for stripe_on) -------------------------------------

WEBHOOK_SECRET = "whsec_test_hansa"
API_KEY = "sk_test_hansa"

_server: FakeStripe | None = None


def fake_server() -> FakeStripe:
    """The process's one fake server (started on first use, emptied by each test that uses it)."""
    global _server
    if _server is None:
        _server = FakeStripe().start()
    return _server


def stripe_settings(fake: FakeStripe) -> dict[str, Any]:
    """The settings that point the real SDK at ``fake``."""
    return {
        "STRIPE_SECRET_KEY": API_KEY,
        "STRIPE_API_BASE": fake.url,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_MAX_NETWORK_RETRIES": 0,
    }


try:
    import pytest
except ImportError:  # pragma: no cover - the fake also runs outside pytest
    pytest = None  # type: ignore[assignment]

if pytest is not None:

    @pytest.fixture(name="fake_stripe")
    def fake_stripe_fixture() -> Any:
        fake = fake_server()
        fake.reset()
        yield fake
        fake.reset()

    @pytest.fixture(name="stripe_on")
    def stripe_on_fixture(fake_stripe: FakeStripe, settings: Any) -> FakeStripe:
        """Stripe configured (against the fake) and the plan catalogue synced to it."""
        from billing.gateways.stripe import stripe_catalog_sync

        for name, value in stripe_settings(fake_stripe).items():
            setattr(settings, name, value)
        stripe_catalog_sync()
        fake_stripe.requests.clear()
        return fake_stripe
