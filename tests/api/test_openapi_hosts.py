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
