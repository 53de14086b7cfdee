"""``hansa manage usage_recount``: set the members and listings gauges from the platform's tables."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from billing.services.usage_ledger import usage_gauges_recount
from kernel.tenancy import schema_context


class Command(BaseCommand):
    help = "Recompute the members and listings usage counters of every company from the public tables."

    def handle(self, *args: Any, **options: Any) -> None:
        with schema_context("public"):
            changed = usage_gauges_recount()
        for meter, count in changed.items():
            self.stdout.write(f"{meter}: {count} counter(s) changed")
