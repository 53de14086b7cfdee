"""One company's backup, erasure and restore, timed, with the company grown to a few thousand rows.

    .venv/bin/python bench/tenant_backup.py [--items 2000]

Into a scratch database (see scratch.py) it builds the acceptance test's two companies (A buys from B on
Hansa: listing with an image, stock moves, a purchase order delivered into B as a sales order), adds
``--items`` items to A, each with a stock receipt (two ledger rows' worth of data per item), then prints:
the time to compute A's checksums (the baseline: one read of everything the archive holds), the backup's
time and archive size, the erasure's time, the restore's time (schema built by the migrations, loaded,
verified), the in-place restore's time (schema kept, emptied and reloaded) and the restore's time when a
warm pool schema is there to be renamed, each as a ratio of the baseline, and whether every checksum came
back equal.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

from scratch import scratch_database  # noqa: E402 - bench/ is the script's own directory


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=2000)
    args = parser.parse_args()
    media = tempfile.mkdtemp(prefix="hansa-bench-media-")
    with scratch_database(HANSA_POOL_SIZE="0", HANSA_MEDIA_ROOT=media) as where:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import transaction

        call_command("migrate_schemas", "--shared", interactive=False, verbosity=0)
        from kernel.tenancy import company_context
        from tenantdata.backup import backup_write, company_checksums
        from tenantdata.erase import company_erase
        from tenantdata.restore import backup_restore
        from tenantdata.tests.world import build_world
        from tenants.inventory.services import default_warehouse, item_create, stock_receive
        from tenants.models import Company
        from tenants.services import company_signup

        counter = iter(range(1, 10**6))

        def make_company(**overrides: str):  # type: ignore[no-untyped-def]
            n = next(counter)
            slug = f"bench-{n}"
            return company_signup(
                company_name=overrides.get("company_name", slug),
                slug=slug,
                country="CN",
                currency="CNY",
                locale="en",
                full_name="Bench Owner",
                email=f"owner@{slug}.test",
                password="correct-horse-battery-9",
            )

        world = build_world(make_company)
        with company_context(world.a), transaction.atomic():
            warehouse = default_warehouse()
            for i in range(args.items):
                item = item_create(
                    actor=None, sku=f"B-{i}", name_zh=f"件{i}", name_en=f"Part {i}", unit="pcs"
                )
                stock_receive(item=item, warehouse=warehouse, quantity=Decimal(i % 50 + 1), reference=f"r{i}")
        a = Company.objects.get(pk=world.a.pk)

        started = time.perf_counter()
        before = company_checksums(a)
        baseline = time.perf_counter() - started
        rows = sum(t["rows"] for t in before.values())
        buffer = io.BytesIO()
        started = time.perf_counter()
        backup_write(company=a, target=buffer)
        backup = time.perf_counter() - started
        data = buffer.getvalue()
        started = time.perf_counter()
        with transaction.atomic():
            company_erase(company_id=a.pk, schema_name=a.schema_name)
        erase = time.perf_counter() - started
        started = time.perf_counter()
        backup_restore(source=io.BytesIO(data))
        restore = time.perf_counter() - started
        equal = company_checksums(Company.objects.get(pk=a.pk)) == before
        started = time.perf_counter()
        backup_restore(source=io.BytesIO(data))
        in_place = time.perf_counter() - started
        equal_again = company_checksums(Company.objects.get(pk=a.pk)) == before
        from tenants.services import pool_add_schema

        pool_add_schema()  # one warm, migrated schema: the restore renames it instead of migrating
        with transaction.atomic():
            company_erase(company_id=a.pk, schema_name=a.schema_name)
        started = time.perf_counter()
        backup_restore(source=io.BytesIO(data))
        pooled = time.perf_counter() - started
        equal_pooled = company_checksums(Company.objects.get(pk=a.pk)) == before
        print(f"tenant backup bench on {where}: company A with {len(before)} tables, {rows} rows")
        print(f"  checksums (baseline)    {baseline:7.2f} s")
        print(
            f"  backup                  {backup:7.2f} s  ({backup / baseline:5.1f}x)  archive {len(data) / 1024:.0f} KiB"
        )
        print(f"  erase                   {erase:7.2f} s  ({erase / baseline:5.1f}x)")
        print(
            f"  restore (new schema)    {restore:7.2f} s  ({restore / baseline:5.1f}x)  checksums equal: {equal}"
        )
        print(
            f"  restore (in place)      {in_place:7.2f} s  ({in_place / baseline:5.1f}x)  checksums equal: {equal_again}"
        )
        print(
            f"  restore (warm pool)     {pooled:7.2f} s  ({pooled / baseline:5.1f}x)  checksums equal: {equal_pooled}"
        )
    return 0 if equal and equal_again and equal_pooled else 1


if __name__ == "__main__":
    sys.exit(main())
