"""Generate both OpenAPI documents, validate them, and fail if the committed copies are stale."""

from __future__ import annotations

import sys
from pathlib import Path

import django


def main() -> int:
    django.setup()
    from hansa.openapi import HOSTS, document, render, validate

    docs = Path(__file__).resolve().parents[2] / "docs" / "api"
    stale = []
    for host in HOSTS:
        doc = document(host)
        validate(doc)
        operations = sum(len(v) for v in doc["paths"].values())
        print(f"openapi {host}: valid, {len(doc['paths'])} paths, {operations} operations")
        path = docs / f"openapi-{host}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != render(doc):
            stale.append(path)
    if stale:
        print("Stale OpenAPI documents (run `./hansa openapi` and commit):", *map(str, stale), sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
