"""Both committed OpenAPI documents follow the API conventions (docs/api-conventions.md).

Walks every schema, property, parameter and operation of docs/api/openapi-public.json and
docs/api/openapi-tenant.json (``python -m hansa.openapi_check`` keeps them equal to the live ones) and
fails on each breach, listing all of them: a forbidden synonym, an ``*_id`` whose kind is not declared,
a bare id under an object's name, a decimal that is not a string of a declared kind and scale, a
number-typed figure, a timestamp or date without its format, a GET list that is not a page, a POST whose
success is an array or empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kernel.serializers import KIND_SCALES as KERNEL_KIND_SCALES
from tests.api import vocabulary as v

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api"
DOCUMENTS = ["openapi-public.json", "openapi-tenant.json"]
Property = tuple[str, str, dict[str, Any]]  # where, name, schema


def _load(name: str) -> dict[str, Any]:
    return json.loads((DOCS / name).read_text())


def _properties(doc: dict[str, Any]) -> Iterator[Property]:
    """Every property of every component schema, nested inline objects and array items included."""

    def walk(where: str, schema: dict[str, Any]) -> Iterator[Property]:
        for name, prop in (schema.get("properties") or {}).items():
            yield where, name, prop
            yield from walk(f"{where}.{name}", prop)
            if isinstance(prop.get("items"), dict):
                yield from walk(f"{where}.{name}[]", prop["items"])
            if isinstance(prop.get("additionalProperties"), dict):
                yield from walk(f"{where}.{name}{{}}", prop["additionalProperties"])

    for component, schema in doc["components"]["schemas"].items():
        yield from walk(component, schema)


def _parameters(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                yield f"{method.upper()} {path}", parameter


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def breaches(doc: dict[str, Any]) -> list[str]:
    """Every rule broken by ``doc``, one line each."""
    found: list[str] = []
    for where, name, prop in _properties(doc):
        found += _name_breaches(f"{where}.{name}", name, prop)
        found += _decimal_breaches(f"{where}.{name}", name, prop)
        found += _time_breaches(f"{where}.{name}", name, prop)
    for where, parameter in _parameters(doc):
        name = parameter["name"]
        if name in v.COMPANY_PATH_PARAMETERS and (
            parameter["in"] == "path" or where.split(" ", 1)[1].startswith("/api/console/")
        ):
            continue
        found += _name_breaches(f"{where} ?{name}", name, parameter.get("schema", {}))
    found += _operation_breaches(doc)
    return found


def _name_breaches(at: str, name: str, prop: dict[str, Any]) -> list[str]:
    out = []
    if name in v.FORBIDDEN:
        out.append(f"{at}: forbidden name {name!r}, use {v.FORBIDDEN[name]}")
    elif name.endswith("_id") and name not in v.IDS:
        out.append(f"{at}: {name!r} names an id of no declared kind (add it to tests/api/vocabulary.IDS)")
    elif name.endswith("_ids") and name not in v.ID_LISTS:
        out.append(f"{at}: {name!r} lists ids of no declared kind (add it to tests/api/vocabulary.ID_LISTS)")
    if name in v.NESTED_ONLY and prop.get("type") == "integer":
        out.append(f"{at}: a bare id named {name!r}; name it {name}_id (or nest the object)")
    return out


def _decimal_breaches(at: str, name: str, prop: dict[str, Any]) -> list[str]:
    out = []
    expected = v.kind_by_name(name)
    if prop.get("type") == "number":
        out.append(f"{at}: a JSON number; decimals are strings of a declared kind")
    if prop.get("type") == "integer" and expected is not None:
        out.append(f"{at}: an integer where the name promises a {expected}")
    if prop.get("format") == "decimal":
        kind = prop.get("x-kind")
        if prop.get("type") != "string":
            out.append(f"{at}: a decimal not typed as string")
        if kind not in v.KIND_SCALES:
            out.append(f"{at}: a decimal without a declared kind (x-kind; use a kernel.serializers field)")
        elif prop.get("x-scale") != v.KIND_SCALES[kind]:
            out.append(
                f"{at}: x-scale {prop.get('x-scale')!r}, the scale of {kind} is {v.KIND_SCALES[kind]!r}"
            )
        elif expected is not None and kind != expected:
            out.append(f"{at}: declared {kind}, but the name promises a {expected}")
    elif expected is not None and prop.get("type") == "string":
        out.append(f"{at}: the name promises a {expected}, but it is not a decimal (format: decimal)")
    return out


def _time_breaches(at: str, name: str, prop: dict[str, Any]) -> list[str]:
    if prop.get("type") != "string":
        return []
    if name.endswith("_at") and prop.get("format") != "date-time":
        return [f"{at}: a timestamp without format date-time"]
    if (name.endswith("_date") or name.endswith("_on")) and prop.get("format") != "date":
        return [f"{at}: a date without format date"]
    return []


def _operation_breaches(doc: dict[str, Any]) -> list[str]:
    out = []
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                if not status.startswith("2"):
                    continue
                content = response.get("content") or {}
                body = content.get("application/json")
                schema = _resolve(doc, body["schema"]) if body else None
                bare = schema is not None and schema.get("type") == "array"
                if method == "get" and bare and path not in v.BARE_ARRAY_GETS:
                    out.append(f"GET {path}: answers a bare array, not a page (count, next, results)")
                if method == "post":
                    if not content:
                        out.append(f"POST {path}: answers {status} with no body, not the object it changed")
                    elif schema is not None and schema.get("type") == "array":
                        out.append(f"POST {path}: answers an array, not the object it changed or created")
    return out


def test_kernel_and_vocabulary_agree_on_scales() -> None:
    assert dict(KERNEL_KIND_SCALES) == v.KIND_SCALES


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_follows_the_conventions(name: str) -> None:
    found = breaches(_load(name))
    assert not found, f"{len(found)} breach(es) of docs/api-conventions.md in {name}:\n" + "\n".join(found)


def test_the_rules_catch_each_kind_of_breach() -> None:
    """Each rule fires on a document that breaks it (so a passing document means something)."""
    doc = {
        "paths": {
            "/api/things/": {
                "get": {
                    "responses": {"200": {"content": {"application/json": {"schema": {"type": "array"}}}}}
                },
                "post": {"responses": {"204": {"description": "Done"}}},
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {
                        "tax_percent": {
                            "type": "string",
                            "format": "decimal",
                            "x-kind": "percent",
                            "x-scale": 2,
                        },
                        "widget_id": {"type": "integer"},
                        "item": {"type": "integer"},
                        "quantity": {"type": "number"},
                        "total": {"type": "string", "format": "decimal"},
                        "unit_price": {
                            "type": "string",
                            "format": "decimal",
                            "x-kind": "unit_price",
                            "x-scale": 2,
                        },
                        "created_at": {"type": "string"},
                    },
                }
            }
        },
    }
    text = "\n".join(breaches(doc))
    for expected in (
        "forbidden name 'tax_percent'",
        "'widget_id' names an id of no declared kind",
        "a bare id named 'item'",
        "a JSON number",
        "a decimal without a declared kind",
        "x-scale 2, the scale of unit_price is 4",
        "a timestamp without format date-time",
        "GET /api/things/: answers a bare array",
        "POST /api/things/: answers 204 with no body",
    ):
        assert expected in text, expected
