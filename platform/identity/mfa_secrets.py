"""TOTP secrets and recovery-code seeds encrypted at rest with the field key ring.

django-allauth's MFA keeps an authenticator's secret in ``Authenticator.data`` (JSON): ``secret`` for a
TOTP authenticator, ``seed`` (and, for codes imported from elsewhere, ``migrated_codes``) for recovery
codes. It passes every such value through the MFA adapter's ``encrypt``/``decrypt`` hooks, which
:class:`identity.adapters.MfaAdapter` points here. Values are AES-256-GCM tokens of :mod:`kernel.crypto`
bound to the context ``mfa_authenticator.data``, so ``manage.py rotate_encryption_key`` re-encrypts them
(:func:`rotate_authenticator_secrets`, registered with the kernel) like any encrypted column.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kernel.crypto import CIPHERTEXT_PREFIX, FORMAT_VERSION, decrypt_text, encrypt_text

CONTEXT = "mfa_authenticator.data"
# The keys of Authenticator.data that allauth encrypts: single values and lists of values.
SECRET_KEYS = ("secret", "seed")
SECRET_LIST_KEYS = ("migrated_codes",)


def secret_encrypt(text: str) -> str:
    return encrypt_text(plaintext=text, context=CONTEXT)


def secret_decrypt(token: str) -> str:
    """Decrypt a stored secret.

    Raises:
        DecryptionFailed: the value is not a token (a plain secret left behind would be refused, never
            used), was altered, or belongs elsewhere.
        UnknownEncryptionKey: its key is no longer in the ring.
    """
    return decrypt_text(token=token, context=CONTEXT)


def is_token(value: object) -> bool:
    return isinstance(value, str) and value.startswith(f"{CIPHERTEXT_PREFIX}:{FORMAT_VERSION}:")


def _under_key(value: object, key_id: str) -> bool:
    return isinstance(value, str) and value.startswith(f"{CIPHERTEXT_PREFIX}:{FORMAT_VERSION}:{key_id}:")


def reencrypt_data(data: dict[str, Any], *, active_key_id: str, plaintext_allowed: bool) -> bool:
    """Bring every secret of one ``Authenticator.data`` under the active key, in place; True if changed.

    ``plaintext_allowed`` (the data migration only) encrypts values stored in the clear; otherwise a
    plain value raises DecryptionFailed like any value that is not a token.
    """

    def fresh(value: str) -> str:
        if _under_key(value, active_key_id):
            return value
        plain = value if plaintext_allowed and not is_token(value) else secret_decrypt(value)
        return secret_encrypt(plain)

    changed = False
    for key in SECRET_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value and not _under_key(value, active_key_id):
            data[key] = fresh(value)
            changed = True
    for key in SECRET_LIST_KEYS:
        values = data.get(key)
        if isinstance(values, list) and any(not _under_key(v, active_key_id) for v in values):
            data[key] = [fresh(v) for v in values]
            changed = True
    return changed


def rotate_authenticator_secrets(*, active_key_id: str, batch_size: int) -> int:
    """Re-encrypt, under ``active_key_id``, every authenticator secret that is not under it.

    Runs in the public schema (authenticators are platform rows), ``batch_size`` rows per transaction
    under ``SELECT ... FOR UPDATE``. Idempotent: a second run returns 0. Returns the number of
    authenticators rewritten.

    Raises:
        DecryptionFailed / UnknownEncryptionKey: a secret cannot be read (the batch rolls back).
    """
    from allauth.mfa.models import Authenticator

    done = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            rows = list(
                Authenticator.objects.select_for_update()
                .filter(pk__gt=last_pk)
                .order_by("pk")
                .only("pk", "data")[:batch_size]
            )
            if not rows:
                return done
            for row in rows:
                if reencrypt_data(row.data, active_key_id=active_key_id, plaintext_allowed=False):
                    Authenticator.objects.filter(pk=row.pk).update(data=row.data)
                    done += 1
        last_pk = rows[-1].pk
