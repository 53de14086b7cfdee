"""A release with one extra migration, for the fleet executor's tests and bench/migrate_fleet.py.

The extra migration belongs to the tenant app ``inventory``: its migrations are copied into a package in
a scratch directory, the new one is written next to them, and ``MIGRATION_MODULES`` points the app there
(forked workers inherit the setting). Nothing in the checkout changes.
"""

from __future__ import annotations

import shutil
import sys
import uuid
from pathlib import Path

from django.apps import apps

APP = "inventory"
TABLE = "inventory_item"


def latest_migration(app_label: str = APP) -> str:
    directory = Path(apps.get_app_config(app_label).path) / "migrations"
    return sorted(p.stem for p in directory.glob("[0-9][0-9][0-9][0-9]_*.py"))[-1]


def add_field(name: str) -> str:
    return f"migrations.AddField('item', '{name}', models.CharField(max_length=40, null=True))"


def extra_migration_module(
    directory: Path,
    operations: list[str],
    *,
    name: str = "9001_fleet_extra",
    atomic: bool = True,
    code: str = "",
) -> str:
    """Write ``APP``'s migrations plus one more (``operations``: source of each) into a new package under
    ``directory`` (put on sys.path); returns the package name for ``MIGRATION_MODULES``."""
    package = f"fleet_extra_{uuid.uuid4().hex[:10]}"
    target = directory / package
    source = Path(apps.get_app_config(APP).path) / "migrations"
    target.mkdir(parents=True)
    for path in source.glob("*.py"):
        shutil.copy(path, target / path.name)
    ops = ",\n        ".join(operations)
    (target / f"{name}.py").write_text(
        "from django.db import migrations, models\n\n"
        f"{code}\n\n"
        "class Migration(migrations.Migration):\n"
        f"    atomic = {atomic}\n"
        f"    dependencies = [('{APP}', '{latest_migration()}')]\n"
        f"    operations = [\n        {ops},\n    ]\n"
    )
    if str(directory) not in sys.path:
        sys.path.insert(0, str(directory))
    return package
