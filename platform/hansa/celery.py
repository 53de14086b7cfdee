"""The Celery app: tenant-aware tasks (tenant-schemas-celery) and the beat schedule, in code."""

from __future__ import annotations

import os

from celery.signals import setup_logging, task_postrun, task_prerun
from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hansa.settings")

app = CeleryApp("hansa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    [
        "kernel",
        "tenants",
        "identity",
        "marketplace.rfq",
        "marketplace.directory",
        "marketplace.catalog",
        "marketplace.exchange",
        "tenants.procurement",
        "tenants.sales",
        "tenants.finance",
        "tenants.supplychain.sharing",
        "tenants.supplychain.replenishment",
        "billing",
        "tenantdata",
    ]
)
# Billing's metering tasks live in their own module (billing/tasks.py belongs to invoicing).
app.autodiscover_tasks(["billing"], related_name="tasks_usage")

app.conf.beat_schedule = {
    "tenants.pool_refill": {"task": "tenants.pool_refill", "schedule": 60.0},
    "kernel.outbox_sweep": {"task": "kernel.outbox_sweep", "schedule": 30.0},
    "billing.usage_relay": {"task": "billing.usage_relay", "schedule": 10.0},
    "kernel.idempotency_purge": {"task": "kernel.idempotency_purge", "schedule": 3600.0},
    "rfq.close_due": {"task": "rfq.close_due", "schedule": 60.0},
    "catalog.imports_sweep": {"task": "catalog.imports_sweep", "schedule": 300.0},
    "exchange.sweep": {"task": "exchange.sweep", "schedule": 30.0},
    "procurement.approval_reminders": {"task": "procurement.approval_reminders", "schedule": 900.0},
    "replenishment.run_all": {"task": "replenishment.run_all", "schedule": 3600.0},
    "sales.follow_up_reminders": {"task": "sales.follow_up_reminders", "schedule": 3600.0},
    "billing.subscriptions_advance": {"task": "billing.subscriptions_advance", "schedule": 300.0},
    "finance.postings_sweep": {"task": "finance.postings_sweep", "schedule": 300.0},
    "billing.dunning": {"task": "billing.dunning", "schedule": 3600.0},
    "billing.rate_usage": {"task": "billing.rate_usage", "schedule": 86400.0},
    "billing.stripe_meter_events": {"task": "billing.stripe_meter_events", "schedule": 60.0},
    "billing.stripe_gauge_snapshots": {"task": "billing.stripe_gauge_snapshots", "schedule": 86400.0},
    "supplychain.sharing_purge_expired": {"task": "supplychain.sharing_purge_expired", "schedule": 3600.0},
    "supplychain.tracking_late_sweep": {"task": "supplychain.tracking_late_sweep", "schedule": 3600.0},
    # Hourly: each run backs up the active companies with no backup yet today (docs/tenantdata.md).
    "tenantdata.backups_daily": {"task": "tenantdata.backups_daily", "schedule": 3600.0},
    "tenantdata.closures_erase_due": {"task": "tenantdata.closures_erase_due", "schedule": 3600.0},
    "directory.certification_expiry_reminders": {
        "task": "directory.certification_expiry_reminders",
        "schedule": 86400.0,
    },
}


def _json_logs_wanted() -> bool:
    """HANSA_JSON_LOGS as settings.py reads it: on unless DEBUG, when unset."""
    truthy = {"1", "true", "yes", "on"}
    value = os.environ.get("HANSA_JSON_LOGS")
    if value is None:
        return os.environ.get("DEBUG", "").strip().lower() not in truthy
    return value.strip().lower() in truthy


def _configure_json_logging(**_: object) -> None:
    # Celery's own log set-up would print its text format; JSON logs use the settings' LOGGING instead.
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


if _json_logs_wanted():  # a receiver of setup_logging replaces Celery's log set-up; without one it stays
    setup_logging.connect(_configure_json_logging, weak=False)


@task_prerun.connect
def _bind_task_context(task_id: str, task: object, **_: object) -> None:
    # Runs after tenant-schemas-celery switched the schema (it connected first): tag logs and Sentry.
    from hansa.observability import bind_tenant, request_id_var
    from kernel.tenancy import connection

    tenant = getattr(connection, "tenant", None)
    tokens = (request_id_var.set(task_id), bind_tenant(connection.schema_name, getattr(tenant, "slug", None)))
    task._hansa_log_tokens = tokens  # type: ignore[attr-defined]


@task_postrun.connect
def _unbind_task_context(task: object, **_: object) -> None:
    from hansa.observability import request_id_var, tenant_var

    tokens = getattr(task, "_hansa_log_tokens", None)
    if tokens:
        request_id_var.reset(tokens[0])
        tenant_var.reset(tokens[1])
