"""Encryption at rest: AES-256-GCM under a key ring that can rotate.

Key ring: the environment variable ``HANSA_ENCRYPTION_KEYS`` holds comma-separated ``<key id>:<key>``
entries, the key being 32 random bytes in base64url (padding optional). The first entry is the active
key: every new value is encrypted under it. Every entry decrypts. To rotate, put a new key first, keep
the old ones after it, deploy, run ``manage.py rotate_encryption_key``, and only then drop the old keys.
The variable is read at every call (parsing is cached per value), so a changed environment takes effect
without a restart of the code that reads it.

Development key: with the variable unset and DEBUG on (or under the test runner, which switches
``settings.DEBUG`` off in a process started with ``DEBUG=1``), one key with id ``dev`` is derived from
SECRET_KEY with HKDF-SHA256. It is as secret as SECRET_KEY and changes with it: values encrypted under it
are unreadable under another SECRET_KEY or once HANSA_ENCRYPTION_KEYS is set. With DEBUG off and the
variable unset, the first encryption or decryption raises ImproperlyConfigured; ``check --deploy``
reports the same (``kernel.E001``), and a malformed variable (``kernel.E002``).

Token: ``enc:v1:<key id>:<base64url(nonce | ciphertext | tag)>`` with a random 96-bit nonce per value.
The associated data is ``hansa:v1:<key id>:<context>``, where the context names where the value lives
(``<table>.<column>`` for a model field): a token copied to another column, or given another key id,
fails authentication instead of decrypting.
"""

from __future__ import annotations

import base64
import binascii
import functools
import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from kernel.errors import DomainError

KEYS_ENV_VAR = "HANSA_ENCRYPTION_KEYS"
CIPHERTEXT_PREFIX = "enc"
FORMAT_VERSION = "v1"
DEV_KEY_ID = "dev"
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
_DEV_KEY_SALT = b"hansa-development-encryption-key"
_DEV_KEY_INFO = b"hansa field encryption v1"


class EncryptionError(DomainError):
    """Base of the encryption errors: stored data that cannot be turned back into plaintext."""

    code = "encryption_error"
    status = 500
    title = "Encrypted data could not be processed"


class UnknownEncryptionKey(EncryptionError):
    code = "encryption_key_unknown"
    title = "The data is encrypted under a key that is not in the key ring"


class DecryptionFailed(EncryptionError):
    code = "decryption_failed"
    title = "The encrypted data is damaged, malformed or belongs elsewhere"


@dataclass(frozen=True)
class KeyRing:
    """The keys in use: ``active_key_id`` encrypts, every key in ``ciphers`` decrypts."""

    active_key_id: str
    ciphers: Mapping[str, AESGCM]

    def cipher(self, key_id: str) -> AESGCM:
        try:
            return self.ciphers[key_id]
        except KeyError:
            raise UnknownEncryptionKey(
                f"Key {key_id!r} is not in {KEYS_ENV_VAR}; add it back (after the active key) to read this value."
            ) from None


def _b64url_decode(text: str) -> bytes:
    """Strict base64url decoding; padding is optional. Raises binascii.Error or ValueError."""
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)


def _b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def parse_key_ring(raw: str) -> KeyRing:
    """Parse a ``HANSA_ENCRYPTION_KEYS`` value.

    Raises:
        ImproperlyConfigured: no entry, an entry without ``<key id>:<key>``, a key id outside
            ``[A-Za-z0-9_-]{1,32}``, a repeated key id, or a key that is not 32 bytes of base64url. The
            message names the entry by position and key id, never the key material.
    """
    ciphers: dict[str, AESGCM] = {}
    entries = [entry.strip() for entry in raw.split(",") if entry.strip()]
    if not entries:
        raise ImproperlyConfigured(f"{KEYS_ENV_VAR} holds no key; expected '<key id>:<base64url key>,...'.")
    for position, entry in enumerate(entries, start=1):
        key_id, sep, encoded = entry.partition(":")
        key_id = key_id.strip()
        if not sep or not _KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                f"{KEYS_ENV_VAR} entry {position} is not '<key id>:<base64url key>' with a key id of "
                "1-32 characters from [A-Za-z0-9_-]."
            )
        if key_id in ciphers:
            raise ImproperlyConfigured(f"{KEYS_ENV_VAR} names key id {key_id!r} more than once.")
        try:
            key = _b64url_decode(encoded.strip())
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != KEY_BYTES:
            raise ImproperlyConfigured(
                f"{KEYS_ENV_VAR} key {key_id!r} must be {KEY_BYTES} random bytes in base64url "
                "(see the README for a command that makes one)."
            )
        ciphers[key_id] = AESGCM(key)
    return KeyRing(active_key_id=entries[0].partition(":")[0].strip(), ciphers=ciphers)


def development_key_ring(secret_key: str) -> KeyRing:
    """The one-key ring used in development: key ``dev`` = HKDF-SHA256(SECRET_KEY)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=_DEV_KEY_SALT, info=_DEV_KEY_INFO)
    key = hkdf.derive(secret_key.encode("utf-8"))
    return KeyRing(active_key_id=DEV_KEY_ID, ciphers={DEV_KEY_ID: AESGCM(key)})


@functools.lru_cache(maxsize=8)
def _cached_ring(raw: str | None, secret_key: str) -> KeyRing:
    return parse_key_ring(raw) if raw is not None else development_key_ring(secret_key)


def development_mode() -> bool:
    """True when the process was started with DEBUG on.

    ``settings.DEBUG`` alone is not enough: Django's test runner (and pytest-django) switch it off for the
    run, while the process was started with ``DEBUG=1``, which is what settings.py reads it from.
    """
    return bool(settings.DEBUG) or os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}


def key_ring() -> KeyRing:
    """The current key ring, read from the environment at every call.

    Raises:
        ImproperlyConfigured: HANSA_ENCRYPTION_KEYS is malformed, or unset while not in development mode.
    """
    raw = os.environ.get(KEYS_ENV_VAR, "").strip() or None
    if raw is None and not development_mode():
        raise ImproperlyConfigured(
            f"{KEYS_ENV_VAR} must be set when DEBUG is off: comma-separated '<key id>:<base64url of 32 "
            "random bytes>' entries, the active key first (see the README)."
        )
    return _cached_ring(raw, str(settings.SECRET_KEY))


def active_key_id() -> str:
    """Id of the key new values are encrypted under (``dev`` for the development key)."""
    return key_ring().active_key_id


def _associated_data(key_id: str, context: str) -> bytes:
    if not context:
        raise ValueError(
            "An encryption context (where the value is stored, e.g. 'table.column') is required."
        )
    return f"hansa:{FORMAT_VERSION}:{key_id}:{context}".encode()


def encrypt_text(*, plaintext: str, context: str) -> str:
    """Encrypt ``plaintext`` under the active key, bound to ``context``.

    Every call uses a fresh random nonce, so equal plaintexts give different tokens. The empty string is
    encrypted like any other (callers that want to keep "" visible, like EncryptedTextField, skip it).

    Raises:
        ImproperlyConfigured: no usable key ring (see :func:`key_ring`).
        ValueError: ``context`` is empty.
    """
    ring = key_ring()
    key_id = ring.active_key_id
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = ring.cipher(key_id).encrypt(nonce, plaintext.encode("utf-8"), _associated_data(key_id, context))
    return f"{CIPHERTEXT_PREFIX}:{FORMAT_VERSION}:{key_id}:{_b64url_encode(nonce + sealed)}"


def _split_token(token: str) -> tuple[str, bytes]:
    parts = token.split(":", 3)
    if (
        len(parts) != 4
        or parts[0] != CIPHERTEXT_PREFIX
        or parts[1] != FORMAT_VERSION
        or not _KEY_ID.match(parts[2])
    ):
        raise DecryptionFailed("The value is not an encrypted token of a known version.")
    try:
        payload = _b64url_decode(parts[3])
    except (binascii.Error, ValueError):
        raise DecryptionFailed("The encrypted token is not valid base64url.") from None
    if len(payload) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionFailed("The encrypted token is too short.")
    return parts[2], payload


def token_key_id(token: str) -> str:
    """The key id a token names, without decrypting it.

    Raises:
        DecryptionFailed: ``token`` is not a well-formed token.
    """
    return _split_token(token)[0]


def decrypt_text(*, token: str, context: str) -> str:
    """Decrypt a token made by :func:`encrypt_text` with the same ``context``.

    Raises:
        UnknownEncryptionKey: the token's key id is not in the key ring.
        DecryptionFailed: the token is malformed, was altered, or was made for another context.
        ImproperlyConfigured: no usable key ring (see :func:`key_ring`).
        ValueError: ``context`` is empty.
    """
    key_id, payload = _split_token(token)
    cipher = key_ring().cipher(key_id)
    try:
        plaintext = cipher.decrypt(
            payload[:NONCE_BYTES], payload[NONCE_BYTES:], _associated_data(key_id, context)
        )
    except InvalidTag:
        raise DecryptionFailed(
            "The encrypted value failed authentication: it was altered or belongs to another field."
        ) from None
    return plaintext.decode("utf-8")


# Encrypted values that do not live in an EncryptedTextField (a secret inside a JSON column of a
# third-party model, say) register how to re-encrypt them; ``manage.py rotate_encryption_key`` calls each
# rotator in the public schema as ``rotator(active_key_id=..., batch_size=...)``, which returns how many
# rows it rewrote and must be idempotent.
Rotator = Callable[..., int]
_rotators: dict[str, Rotator] = {}


def rotation_register(name: str, rotator: Rotator) -> None:
    """Register ``rotator`` under ``name`` (registering a name again replaces it)."""
    _rotators[name] = rotator


def rotation_registered() -> dict[str, Rotator]:
    return dict(_rotators)


@checks.register(checks.Tags.security, deploy=True)
def check_encryption_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """``check --deploy``: the key ring is set (unless DEBUG) and well formed."""
    try:
        key_ring()
    except ImproperlyConfigured as exc:
        missing = not os.environ.get(KEYS_ENV_VAR, "").strip()
        return [checks.Error(str(exc), id="kernel.E001" if missing else "kernel.E002")]
    return []
