"""Each host serves its own OpenAPI document, the same as the committed docs/api/openapi-<host>.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import HostClient, company_host_for

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api"

pytestmark = pytest.mark.django_db


def committed(host: str) -> dict:
    return json.loads((DOCS / f"openapi-{host}.json").read_text(encoding="utf-8"))


@pytest.fixture
def hosts(make_company, public_client):
    company = make_company().company
    return {"public": public_client, "tenant": HostClient(company_host_for(company.slug))}


@pytest.mark.parametrize("host", ["public", "tenant"])
def test_the_live_document_is_the_committed_one_of_its_host(hosts, host):
    response = hosts[host].get("/api/schema/?format=json")

    assert response.status_code == 200
    assert json.loads(response.content) == committed(host)


def test_the_two_hosts_serve_different_documents(hosts):
    public = json.loads(hosts["public"].get("/api/schema/?format=json").content)
    tenant = json.loads(hosts["tenant"].get("/api/schema/?format=json").content)

    assert "/api/signup/" in public["paths"] and "/api/signup/" not in tenant["paths"]
    assert "/api/purchase-orders/" in tenant["paths"] and "/api/purchase-orders/" not in public["paths"]


@pytest.mark.parametrize("host", ["public", "tenant"])
def test_the_yaml_document_and_the_docs_page_are_served(hosts, host):
    import yaml

    yaml_doc = hosts[host].get("/api/schema/")
    docs_page = hosts[host].get("/api/docs/")

    assert yaml_doc.status_code == 200 and yaml.safe_load(yaml_doc.content) == committed(host)
    assert docs_page.status_code == 200 and b"/api/schema/" in docs_page.content


OPERATIONS_OF = {
    host: [
        (path, method, op)
        for path, item in committed(host)["paths"].items()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    for host in ("public", "tenant")
}


@pytest.mark.parametrize("host", ["public", "tenant"])
def test_every_error_response_is_a_problem(host):
    assert committed(host)["components"]["schemas"]["Problem"]["required"] == [
        "code",
        "status",
        "title",
        "type",
    ]
    wrong = [
        (op["operationId"], status)
        for _path, _method, op in OPERATIONS_OF[host]
        for status, response in op["responses"].items()
        if status[0] in "45"
        and response.get("content")
        != {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    ]
    assert wrong == []


@pytest.mark.parametrize("host", ["public", "tenant"])
def test_both_authentication_methods_are_described(host):
    schemes = committed(host)["components"]["securitySchemes"]
    assert (
        schemes["apiKey"]["scheme"] == "bearer"
        and "Authorization: Bearer" in schemes["apiKey"]["description"]
    )
    assert schemes["session"]["in"] == "cookie" and "csrf_failed" in schemes["session"]["description"]
    assert schemes["csrfToken"] == {**schemes["csrfToken"], "in": "header", "name": "X-CSRFToken"}
    for _path, method, op in OPERATIONS_OF[host]:
        for requirement in op.get("security", []):
            if "session" in requirement:
                assert ("csrfToken" in requirement) == (method != "get"), (op["operationId"], requirement)


@pytest.mark.parametrize("host", ["public", "tenant"])
def test_paginated_lists_document_their_parameters_and_envelope(host):
    schemas = committed(host)["components"]["schemas"]
    pages = 0
    for _path, _method, op in OPERATIONS_OF[host]:
        ok = op["responses"].get("200", {}).get("content", {}).get("application/json", {}).get("schema", {})
        name = ok.get("$ref", "").rsplit("/", 1)[-1]
        if not name.startswith("Paginated"):
            continue
        pages += 1
        parameters = {p["name"]: p for p in op.get("parameters", []) if p["in"] == "query"}
        assert parameters["page"]["description"] and parameters["page_size"]["schema"]["maximum"] == 200
        envelope = schemas[name]
        assert (
            set(envelope["properties"]) == {"count", "next", "previous", "results"}
            and envelope["description"]
        )
    assert pages > 0
