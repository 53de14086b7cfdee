"""Parse every Terraform file (.tf, .tfvars, .tfvars.example) under a directory with python-hcl2.

Run by `./hansa test` with the interpreter of its own tool environment (var/tools/hcl2-venv), never the
app's: python-hcl2 must not meet checkov's fork of it (bc-python-hcl2), which installs the same `hcl2`
module. Fails (exit 1) when a file does not parse, or when a variable or output has no description
(infra/terraform/README.md promises them all); otherwise prints how many files and blocks it parsed.

    python infra/hcl_check.py [DIRECTORY]      (default: infra/terraform next to this file)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import hcl2


def _name(key: str) -> str:
    # python-hcl2 8 keeps the quotes of block labels ('"aws_s3_bucket"').
    return key.strip('"')


def _labelled(blocks: list[dict[str, Any]], depth: int) -> list[tuple[str, dict[str, Any]]]:
    """(label path, body) of each block: depth 2 for resource/data, 1 for variable/output/module."""
    found: list[tuple[str, dict[str, Any]]] = []
    for block in blocks:
        for first, body in block.items():
            if depth == 2:
                found.extend((f"{_name(first)}.{_name(second)}", inner) for second, inner in body.items())
            else:
                found.append((_name(first), body))
    return found


def check(directory: Path) -> int:
    patterns = ("*.tf", "*.tfvars", "*.tfvars.example")
    files = sorted(path for pattern in patterns for path in directory.rglob(pattern))
    files = [path for path in files if ".terraform" not in path.parts]
    if not files:
        print(f"hcl check: no .tf files under {directory}")
        return 1
    counts = {"resource": 0, "data": 0, "variable": 0, "output": 0, "module": 0}
    problems: list[str] = []
    for path in files:
        try:
            with path.open(encoding="utf-8") as handle:
                parsed = hcl2.load(handle)
        except Exception as exc:  # any parse failure, reported with its file
            problems.append(f"{path}: does not parse: {type(exc).__name__}: {exc}")
            continue
        for kind in counts:
            blocks = _labelled(parsed.get(kind, []), 2 if kind in ("resource", "data") else 1)
            counts[kind] += len(blocks)
            if kind in ("variable", "output"):
                problems.extend(
                    f"{path}: {kind} {label} has no description"
                    for label, body in blocks
                    if not str(body.get("description", "")).strip('"').strip()
                )
    for problem in problems:
        print(f"hcl check: {problem}")
    plural = {
        "resource": "resources",
        "data": "data sources",
        "variable": "variables",
        "output": "outputs",
        "module": "modules",
    }
    summary = ", ".join(f"{number} {plural[kind]}" for kind, number in counts.items() if number)
    print(f"hcl check: parsed {len(files)} files: {summary}")
    return 1 if problems else 0


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "terraform"
    sys.exit(check(root))
