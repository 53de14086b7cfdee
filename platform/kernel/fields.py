"""Model fields whose values are encrypted at rest (see :mod:`kernel.crypto`)."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import IsNull

from kernel.crypto import decrypt_text, encrypt_text


class EncryptedTextField(models.TextField):
    """A text column that holds an AES-256-GCM token; Python code sees the plaintext ``str``.

    Contract:
    - Saving encrypts the value under the active key of the key ring with a fresh nonce, so equal
      values are stored differently. Loading decrypts it; a value under an unknown key or one that was
      altered raises :class:`kernel.crypto.UnknownEncryptionKey` / :class:`kernel.crypto.DecryptionFailed`
      when the row is read.
    - The empty string is stored as the empty string (so ``blank=True, default=""`` needs no key), and
      None as NULL.
    - The ciphertext is bound to ``<db_table>.<column>``: renaming the table or the column makes the old
      values unreadable, unless ``context`` is passed with the old ``<table>.<column>`` to keep it.
    - No lookup but ``isnull`` is allowed (an equality test against a fresh ciphertext could never
      match, so ``filter(field="x")`` raises FieldError instead of silently finding nothing), and
      ordering by the field orders by ciphertext, which means nothing. It cannot be unique, indexed or a
      primary key.
    - ``manage.py rotate_encryption_key`` finds every such field through the app registry.
    """

    description = "Text encrypted at rest (AES-256-GCM)"

    def __init__(self, *args: Any, context: str | None = None, **kwargs: Any) -> None:
        self.explicit_context = context
        super().__init__(*args, **kwargs)

    @property
    def encryption_context(self) -> str:
        """The associated data that binds values to this column: ``<db_table>.<column>`` by default."""
        if self.explicit_context:
            return self.explicit_context
        return f"{self.model._meta.db_table}.{self.column}"

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.explicit_context:
            kwargs["context"] = self.explicit_context
        return name, path, args, kwargs

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.unique or getattr(self, "db_index", False) or self.primary_key:  # db_index: not in the stubs
            errors.append(
                checks.Error(
                    "EncryptedTextField cannot be unique, indexed or a primary key: every value is "
                    "encrypted with a fresh random nonce.",
                    obj=self,
                    id="kernel.E010",
                )
            )
        return errors

    def get_lookup(self, lookup_name: str) -> Any:
        return IsNull if lookup_name == "isnull" else None

    def get_transform(self, lookup_name: str) -> Any:
        return None

    def from_db_value(
        self, value: str | None, expression: Any, connection: BaseDatabaseWrapper
    ) -> str | None:
        if not value:
            return value
        return decrypt_text(token=value, context=self.encryption_context)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(plaintext=str(value), context=self.encryption_context)
