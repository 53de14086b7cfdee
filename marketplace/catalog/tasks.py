"""Celery tasks of the catalog (thin: they take ids and call services)."""

from __future__ import annotations

from hansa.celery import app


@app.task(name="catalog.import_validate")
def import_validate_task(job_id: int) -> None:
    from marketplace.catalog.services import import_validate_run

    import_validate_run(job_id=job_id)


@app.task(name="catalog.import_apply")
def import_apply_task(job_id: int) -> None:
    from marketplace.catalog.services import import_apply_run

    import_apply_run(job_id=job_id)


@app.task(name="catalog.imports_sweep")
def imports_sweep_task() -> int:
    from marketplace.catalog.services import imports_sweep

    return imports_sweep()
