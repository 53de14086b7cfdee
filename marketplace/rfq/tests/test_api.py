"""The whole journey over HTTP, every response checked against the OpenAPI document.

Buyer drafts, previews the matches, publishes; the broadcast tells the supplier; the supplier reads its
inbox and quotes; the buyer closes, compares and awards; the supplier learns it won.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from typing import Any

import pytest
import requests
import schemathesis
from django.core import mail
from django.utils import timezone
from schemathesis.core.transport import Response

from hansa.openapi import document
from marketplace.rfq.tests import factories as f

pytestmark = pytest.mark.django_db


@cache
def tenant_schema() -> Any:
    return schemathesis.openapi.from_dict(document("tenant"))


def conforms(response: Any, method: str, path: str) -> Any:
    """Validate a Django test response against the operation ``method path`` of the tenant document."""
    headers = {key: [value] for key, value in response.headers.items()}
    wrapped = Response(
        status_code=response.status_code,
        headers=headers,
        content=response.content,
        request=requests.Request(method, f"http://testserver{path}").prepare(),
        elapsed=0.0,
        verify=False,
    )
    tenant_schema()[path][method].validate_response(wrapped)
    return response


def test_rfq_journey(market):
    buyer, supplier = market.buyer.client, market.s1.client
    body = {
        "title": "深沟球轴承 6205 年度采购",
        "currency": "CNY",
        "delivery_region": "CN-JS",
        "delivery_date": (timezone.now() + timedelta(days=40)).date().isoformat(),
        "closing_at": (timezone.now() + timedelta(days=7)).isoformat(),
        "sealed": True,
        "top_n": 1,
        "weight_verified": 0,
        "lines": [
            {"description": "6205-2RS", "category_code": market.cat.code, "quantity": "5000", "unit": "pcs"}
        ],
    }
    rfq = conforms(buyer.post_json("/api/rfqs/", body), "POST", "/api/rfqs/").json()
    rid = rfq["id"]
    conforms(buyer.get(f"/api/rfqs/{rid}/matches/"), "GET", "/api/rfqs/{rfq_id}/matches/")
    conforms(buyer.get("/api/rfqs/"), "GET", "/api/rfqs/")

    published = conforms(
        buyer.post(f"/api/rfqs/{rid}/publish/"), "POST", "/api/rfqs/{rfq_id}/publish/"
    ).json()
    assert (published["status"], published["invited_count"], published["matched_count"]) == ("open", 1, 1)
    invitations = conforms(
        buyer.get(f"/api/rfqs/{rid}/invitations/"), "GET", "/api/rfqs/{rfq_id}/invitations/"
    )
    top = invitations.json()["results"][0]
    assert top["status"] == "invited" and top["reasons"]["lines_total"] == 1
    # Make sure our supplier is the invited one.
    if top["supplier_id"] != market.s1.company.pk:
        conforms(
            buyer.put(f"/api/rfqs/{rid}/invitations/{market.s1.company.pk}/"),
            "PUT",
            "/api/rfqs/{rfq_id}/invitations/{supplier_id}/",
        )
    f.deliver_pending()
    assert any(m.to == [market.s1.owner.email] for m in mail.outbox)

    notes = conforms(supplier.get("/api/notifications/?unread=true"), "GET", "/api/notifications/").json()
    assert notes["results"][0]["kind"] == "rfq.invited"
    conforms(
        supplier.post(f"/api/notifications/{notes['results'][0]['id']}/read/"),
        "POST",
        "/api/notifications/{notification_id}/read/",
    )
    conforms(supplier.get("/api/rfq-inbox/"), "GET", "/api/rfq-inbox/")
    detail = conforms(supplier.get(f"/api/rfq-inbox/{rid}/"), "GET", "/api/rfq-inbox/{rfq_id}/").json()
    line_id = detail["lines"][0]["id"]
    quote_body = {
        "lines": [
            {
                "rfq_line_id": line_id,
                "unit_price": "3.1000",
                "offered_quantity": "5000",
                "lead_time_days": 21,
                "tax_rate": "13",
            }
        ],
        "valid_until": (timezone.now() + timedelta(days=60)).date().isoformat(),
        "supplier_reference": "WX-Q-88",
    }
    conforms(
        supplier.post_json(f"/api/rfq-inbox/{rid}/quote/", quote_body),
        "POST",
        "/api/rfq-inbox/{rfq_id}/quote/",
    )
    quote_body["lines"][0]["unit_price"] = "3.0500"
    revised = supplier.put(f"/api/rfq-inbox/{rid}/quote/", quote_body, content_type="application/json")
    assert conforms(revised, "PUT", "/api/rfq-inbox/{rfq_id}/quote/").json()["revision"] == 2
    sealed = buyer.get(f"/api/rfqs/{rid}/comparison/")
    assert conforms(sealed, "GET", "/api/rfqs/{rfq_id}/comparison/").json()["code"] == "rfq_sealed"

    conforms(buyer.post(f"/api/rfqs/{rid}/close/"), "POST", "/api/rfqs/{rfq_id}/close/")
    comparison = conforms(
        buyer.get(f"/api/rfqs/{rid}/comparison/"), "GET", "/api/rfqs/{rfq_id}/comparison/"
    ).json()
    cell = comparison["rows"][0]["cells"][0]
    assert (cell["unit_price"], cell["net_amount"], cell["gross_amount"], cell["best"]) == (
        "3.0500",
        "15250.00",  # money at the currency's minor units, as on the quote itself
        "17232.50",
        True,
    )
    quotes = conforms(buyer.get(f"/api/rfqs/{rid}/quotes/"), "GET", "/api/rfqs/{rfq_id}/quotes/").json()
    awarded = buyer.post_json(
        f"/api/rfqs/{rid}/awards/", {"quote_id": quotes["results"][0]["id"], "reason": "Best price"}
    )
    assert conforms(awarded, "POST", "/api/rfqs/{rfq_id}/awards/").status_code == 201
    f.deliver_pending()

    outcome = conforms(supplier.get(f"/api/rfq-inbox/{rid}/"), "GET", "/api/rfq-inbox/{rfq_id}/").json()
    assert outcome["outcome"] == "awarded" and outcome["status"] == "awarded"
    kinds = [n["kind"] for n in supplier.get("/api/notifications/").json()["results"]]
    assert kinds[0] == "rfq.awarded"


def test_errors_are_problem_json_and_documented(market):
    client = market.buyer.client
    missing = client.get("/api/rfqs/987654321/")
    assert missing["Content-Type"] == "application/problem+json"
    conforms(missing, "GET", "/api/rfqs/{rfq_id}/")
    bad = client.post_json(
        "/api/rfqs/", {"title": "x", "currency": "CNY", "lines": [{"quantity": "0", "unit": ""}]}
    )
    conforms(bad, "POST", "/api/rfqs/")
    assert set(bad.json()["errors"]) >= {"lines.0.quantity", "lines.0.unit"}


def test_api_keys_act_for_their_company(market):
    from identity.services import api_key_create

    key = api_key_create(
        actor=market.buyer.actor, name="ERP", permissions=["company.view", "rfq.create", "rfq.publish"]
    )
    from conftest import HostClient, company_host_for

    client = HostClient(company_host_for(market.buyer.company.slug))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key.secret}"}
    rfq = f.rfq_draft(market.buyer.actor, lines=[f.line(market.cat)])

    assert client.post(f"/api/rfqs/{rfq.pk}/publish/", **auth).status_code == 200
    assert client.get(f"/api/rfqs/{rfq.pk}/comparison/", **auth).status_code == 403  # no rfq.award
    assert client.get("/api/notifications/", **auth).json()["count"] == 0  # keys are nobody
