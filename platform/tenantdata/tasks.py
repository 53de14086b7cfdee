"""Beat tasks of per-company backups."""

from __future__ import annotations

from celery import shared_task

from tenantdata import services


@shared_task(name="tenantdata.backups_daily", ignore_result=True)
def backups_daily() -> dict[str, int]:
    return services.backups_daily()


@shared_task(name="tenantdata.backup_run", ignore_result=True)
def backup_run(backup_id: int) -> None:
    services.backup_run(backup_id=backup_id)


@shared_task(name="tenantdata.export_run", ignore_result=True)
def export_run(export_id: int) -> None:
    from tenantdata.closure import export_run as run

    run(export_id=export_id)


@shared_task(name="tenantdata.closures_erase_due", ignore_result=True)
def closures_erase_due() -> int:
    from tenantdata.closure import closures_erase_due as erase

    return erase()
