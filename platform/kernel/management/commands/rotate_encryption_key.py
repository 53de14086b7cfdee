"""``manage.py rotate_encryption_key``: re-encrypt every stored value that is not under the active key.

Besides every EncryptedTextField, it runs the rotators registered with
:func:`kernel.crypto.rotation_register` (identity registers the MFA secrets kept in allauth's
``Authenticator.data``).

Run it after a new key has been put first in HANSA_ENCRYPTION_KEYS (old keys still listed after it) on
every process. It finds each EncryptedTextField through the app registry and processes shared apps'
tables in the public schema and tenant apps' tables in every tenant schema (pooled ones included: they
are empty, and skipping nothing means nothing can be left behind). Rows are taken in primary-key order,
``--batch-size`` at a time, each batch in its own transaction under ``SELECT ... FOR UPDATE``, so a row
is never overwritten with a stale value by a concurrent save. Values already under the active key are
not touched, so the command is idempotent and can be re-run after an interruption; a second run reports
0. When it reports 0, the old keys may be removed from the key ring.

A value that cannot be decrypted (key missing from the ring, damaged) stops the command with an error
naming the schema, model, field and primary key; the batches done before it stay committed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.db.models.functions import Cast
from django_tenants.routers import TenantSyncRouter
from django_tenants.utils import get_public_schema_name, get_tenant_model

from kernel.crypto import (
    CIPHERTEXT_PREFIX,
    FORMAT_VERSION,
    EncryptionError,
    decrypt_text,
    key_ring,
    rotation_registered,
)
from kernel.fields import EncryptedTextField
from kernel.tenancy import current_schema, schema_context

RAW = "_hansa_raw_token"


@dataclass(frozen=True)
class EncryptedColumn:
    """One EncryptedTextField of a concrete model, and where its table lives."""

    model: type[models.Model]
    field: EncryptedTextField
    shared: bool
    tenant: bool

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"


def encrypted_columns() -> list[EncryptedColumn]:
    """Every EncryptedTextField of every installed, managed, concrete model (each column once)."""
    router = TenantSyncRouter()
    columns = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        label = model._meta.app_label
        for field in model._meta.local_concrete_fields:
            if isinstance(field, EncryptedTextField):
                columns.append(
                    EncryptedColumn(
                        model=model,
                        field=field,
                        shared=router.app_in_list(label, settings.SHARED_APPS),
                        tenant=router.app_in_list(label, settings.TENANT_APPS),
                    )
                )
    return columns


def rotate_column(*, column: EncryptedColumn, active_key_id: str, batch_size: int) -> int:
    """Re-encrypt the column's values (in the current schema) that are not under ``active_key_id``.

    Returns how many values were re-encrypted.

    Raises:
        CommandError: a value could not be decrypted (its key id is not in the ring, or it is damaged);
            the message names the schema, column and primary key.
    """
    manager = column.model._base_manager
    attname = column.field.attname
    active_prefix = f"{CIPHERTEXT_PREFIX}:{FORMAT_VERSION}:{active_key_id}:"
    # The raw token, read through a cast to plain text so that the field does not decrypt it.
    stale = (
        manager.annotate(**{RAW: Cast(attname, output_field=models.TextField())})
        .exclude(**{f"{RAW}__isnull": True})
        .exclude(**{RAW: ""})
        .exclude(**{f"{RAW}__startswith": active_prefix})
        .order_by("pk")
    )
    done = 0
    last_pk: Any = None
    while True:
        with transaction.atomic():
            batch = stale if last_pk is None else stale.filter(pk__gt=last_pk)
            rows = list(batch.select_for_update(of=("self",)).values_list("pk", RAW)[:batch_size])
            if not rows:
                return done
            updated = []
            for pk, token in rows:
                try:
                    plaintext = decrypt_text(token=token, context=column.field.encryption_context)
                except EncryptionError as exc:
                    raise CommandError(
                        f"{current_schema()} {column.label} pk={pk}: {exc.code}: {exc} "
                        "(earlier batches stay re-encrypted; this batch was rolled back)."
                    ) from exc
                updated.append(column.model(pk=pk, **{attname: plaintext}))
            # Saving the plaintext through the field encrypts it under the active key.
            manager.bulk_update(updated, [column.field.name])
        done += len(rows)
        last_pk = rows[-1][0]


class Command(BaseCommand):
    help = (
        "Re-encrypt every EncryptedTextField value that is not under the active key of "
        "HANSA_ENCRYPTION_KEYS, in the public schema and in every tenant schema. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction (default 500).")

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size: int = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            active = key_ring().active_key_id
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        columns = encrypted_columns()
        public = get_public_schema_name()
        self.stdout.write(f"Active key: {active}")

        counts: Counter[str] = Counter()
        with schema_context(public):
            for column in (c for c in columns if c.shared):
                counts[f"{public} {column.label}"] += rotate_column(
                    column=column, active_key_id=active, batch_size=batch_size
                )
            for name, rotator in sorted(rotation_registered().items()):
                try:
                    counts[f"{public} {name}"] += rotator(active_key_id=active, batch_size=batch_size)
                except EncryptionError as exc:
                    raise CommandError(
                        f"{public} {name}: {exc.code}: {exc} (earlier batches stay re-encrypted)."
                    ) from exc
            tenant_columns = [c for c in columns if c.tenant]
            schemas = (
                list(
                    get_tenant_model()
                    .objects.exclude(schema_name=public)
                    .order_by("pk")
                    .values_list("schema_name", flat=True)
                )
                if tenant_columns
                else []
            )
        for schema in schemas:
            with schema_context(schema):
                for column in tenant_columns:
                    n = rotate_column(column=column, active_key_id=active, batch_size=batch_size)
                    counts[f"tenants {column.label}"] += n
                    if n and options["verbosity"] >= 2:
                        self.stdout.write(f"  {schema} {column.label}: {n}")

        for name in sorted(counts):
            self.stdout.write(f"{name}: {counts[name]} re-encrypted")
        total = sum(counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {total} value(s) re-encrypted under key {active} in {len(columns)} encrypted "
                f"column(s), public schema and {len(schemas)} tenant schema(s)."
            )
        )
