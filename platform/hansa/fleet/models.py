"""The record of fleet migrations (public schema): one row per release, one row per schema and release.

Written by :mod:`hansa.fleet.executor`; the console (or an operator with psql) reads it to see where a
release stands. A schema's row turns ``done`` in the same transaction as its migrations, so the table
never says ``done`` for a schema that is not migrated, nor ``pending``/``running`` for one that is.
"""

from __future__ import annotations

from django.db import models


class FleetStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class FleetRelease(models.Model):
    """One release rolled across the fleet: its target (the leaf migration of every app)."""

    release = models.CharField(max_length=100, unique=True)
    target = models.JSONField(help_text='The leaf migrations ("app.name") every schema is brought to.')
    target_digest = models.CharField(max_length=64)
    status = models.CharField(max_length=8, choices=FleetStatus.choices, default=FleetStatus.RUNNING)
    schemas = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "fleet_release"

    def __str__(self) -> str:
        return f"{self.release} ({self.status})"


class FleetSchema(models.Model):
    """Where one tenant schema (pooled ones included) stands in one release."""

    release = models.ForeignKey(FleetRelease, on_delete=models.CASCADE, related_name="schema_states")
    schema_name = models.CharField(max_length=63)
    status = models.CharField(max_length=8, choices=FleetStatus.choices, default=FleetStatus.PENDING)
    migrations = models.JSONField(default=list, help_text='What this schema\'s plan applied ("app.name").')
    attempts = models.PositiveIntegerField(default=0)
    worker_pid = models.IntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, default="")

    class Meta:
        db_table = "fleet_schema"
        constraints = [
            models.UniqueConstraint(fields=["release", "schema_name"], name="fleet_schema_once_per_release")
        ]
        indexes = [models.Index(fields=["release", "status"], name="fleet_schema_status_idx")]

    def __str__(self) -> str:
        return f"{self.schema_name}: {self.status}"
