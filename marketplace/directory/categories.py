"""The seeded product-category tree, for code that must make sure it is there.

The tree is seeded by the migration ``directory.0003_seed_category_tree``. A test database flushed by a
``transaction=True`` test loses it (Django's flush empties every table), so tests and the demo call
:func:`category_tree_ensure`, which re-seeds it from the migration's data when nodes are missing.
"""

from __future__ import annotations

import importlib
from typing import Any


def seeded_tree() -> list[tuple[str, str, str]]:
    module: Any = importlib.import_module("marketplace.directory.migrations.0003_seed_category_tree")
    return list(module.TREE)


def category_tree_ensure() -> int:
    """Seed the category tree if any of its codes is missing; returns how many nodes were written."""
    from marketplace.directory.models import Category

    tree = seeded_tree()
    if Category.objects.filter(code__in=[code for code, _, _ in tree]).count() == len(tree):
        return 0
    by_code: dict[str, Category] = {}
    for code, name_en, name_zh in tree:
        parent = by_code.get(code.rsplit(".", 1)[0]) if "." in code else None
        node, _ = Category.objects.update_or_create(
            code=code,
            defaults={
                "parent": parent,
                "name_en": name_en,
                "name_zh": name_zh,
                "path": f"{parent.path}/{code}" if parent else code,
                "depth": code.count("."),
            },
        )
        by_code[code] = node
    return len(tree)
