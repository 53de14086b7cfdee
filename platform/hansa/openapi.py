"""The OpenAPI documents of both hosts, as drf-spectacular generates them."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

HOSTS = {"public": "hansa.urls_public", "tenant": "hansa.urls_tenant"}


def document(host: str) -> dict[str, Any]:
    from drf_spectacular.generators import SchemaGenerator

    generator = SchemaGenerator(urlconf=HOSTS[host], title=f"Hansa API ({host} host)")
    return generator.get_schema(request=None, public=True)


@functools.cache
def served_document(host: str) -> str:
    """The host's document as JSON text, generated once per process (the code does not change under it)."""
    return render(document(host))


def validate(doc: dict[str, Any]) -> None:
    from openapi_spec_validator import validate as validate_spec

    validate_spec(json.loads(json.dumps(doc, default=str)))


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"


def write_documents(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for host in HOSTS:
        doc = document(host)
        validate(doc)
        path = directory / f"openapi-{host}.json"
        path.write_text(render(doc), encoding="utf-8")
        written.append(path)
    return written
