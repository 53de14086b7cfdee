"""The encrypted container of a company backup: one file, authenticated chunk by chunk.

Layout::

    b"HANSABAK"                      magic, 8 bytes
    u32 big-endian n, n bytes        header, JSON: format, key id, key check, nonce prefix, chunk size,
                                     platform id, company id/slug, created_at (readable without the key)
    repeated: u32 n, n bytes         one chunk of the payload (a tar.gz), AES-256-GCM

Each chunk is encrypted under the key named in the header with the nonce ``prefix (8 random bytes) |
chunk number (u32)`` and the associated data ``sha256(header) | chunk number | last-chunk flag``: a
changed header, a changed, reordered or dropped chunk, or a file cut anywhere fails authentication. The
key check (the key's AES-GCM encryption of a fixed text) tells an archive made under another key
(``backup_archive_foreign``) from a damaged one (``backup_archive_corrupt``) before anything is read.

Keys: ``HANSA_BACKUP_KEYS`` when set (same format as ``HANSA_ENCRYPTION_KEYS``: ``<id>:<base64url of 32
bytes>``, comma-separated, the first one encrypts, every one decrypts); otherwise the field-encryption key
ring (``kernel.crypto.key_ring``). To move a company to another platform, add the source platform's
backup key to the destination's ``HANSA_BACKUP_KEYS`` (after its own).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import struct
from collections.abc import Iterator
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kernel.crypto import KeyRing, key_ring, parse_key_ring
from tenantdata.exceptions import BackupArchiveCorrupt, BackupArchiveForeign

MAGIC = b"HANSABAK"
FORMAT = 1
CHUNK = 1024 * 1024
MAX_HEADER = 64 * 1024
_KEY_CHECK_TEXT = b"hansa backup key check v1"
_U32 = struct.Struct(">I")


def backup_key_ring() -> KeyRing:
    raw = os.environ.get("HANSA_BACKUP_KEYS", "").strip()
    return parse_key_ring(raw) if raw else key_ring()


def _key_check(cipher: AESGCM) -> str:
    # A fixed nonce and text on purpose: the same key always gives the same check value.
    return base64.b64encode(cipher.encrypt(b"\0" * 12, _KEY_CHECK_TEXT, None)).decode()


def _aad(header_digest: bytes, number: int, last: bool) -> bytes:
    return header_digest + _U32.pack(number) + (b"\1" if last else b"\0")


def encrypt_to(source: IO[bytes], target: IO[bytes], *, meta: dict[str, Any]) -> None:
    """Encrypt the whole of ``source`` into ``target`` under the active backup key."""
    ring = backup_key_ring()
    cipher = ring.cipher(ring.active_key_id)
    prefix = secrets.token_bytes(8)
    header = json.dumps(
        {
            "format": FORMAT,
            "key_id": ring.active_key_id,
            "key_check": _key_check(cipher),
            "nonce_prefix": base64.b64encode(prefix).decode(),
            "chunk_size": CHUNK,
            **meta,
        },
        sort_keys=True,
    ).encode()
    digest = hashlib.sha256(header).digest()
    target.write(MAGIC + _U32.pack(len(header)) + header)
    number = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        sealed = cipher.encrypt(prefix + _U32.pack(number), chunk, _aad(digest, number, last))
        target.write(_U32.pack(len(sealed)) + sealed)
        if last:
            return
        chunk, number = following, number + 1


def read_header(source: IO[bytes]) -> tuple[dict[str, Any], bytes]:
    """The archive's header (and its raw bytes). Raises BackupArchiveCorrupt on anything but a header."""
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupArchiveCorrupt(detail="Not a Hansa backup archive.")
    raw_len = source.read(4)
    if len(raw_len) != 4 or _U32.unpack(raw_len)[0] > MAX_HEADER:
        raise BackupArchiveCorrupt(detail="The archive's header is damaged.")
    raw = source.read(_U32.unpack(raw_len)[0])
    try:
        header = json.loads(raw)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ValueError
    except ValueError:
        raise BackupArchiveCorrupt(detail="The archive's header is damaged.") from None
    return header, raw


def _chunks(source: IO[bytes]) -> Iterator[tuple[bytes, bool]]:
    pending: bytes | None = None
    while True:
        raw_len = source.read(4)
        if not raw_len:
            if pending is None:
                raise BackupArchiveCorrupt(detail="The archive holds no data.")
            yield pending, True
            return
        if len(raw_len) != 4:
            raise BackupArchiveCorrupt(detail="The archive is truncated.")
        length = _U32.unpack(raw_len)[0]
        if length > CHUNK + 64:
            raise BackupArchiveCorrupt(detail="The archive is damaged.")
        sealed = source.read(length)
        if len(sealed) != length:
            raise BackupArchiveCorrupt(detail="The archive is truncated.")
        if pending is not None:
            yield pending, False
        pending = sealed


def decrypt_to(source: IO[bytes], target: IO[bytes]) -> dict[str, Any]:
    """Decrypt and authenticate the whole archive into ``target``; returns the header.

    Raises:
        BackupArchiveForeign: the archive's key is not in this platform's backup key ring (or another key
            has its id).
        BackupArchiveCorrupt: anything damaged: magic, header, a chunk, the order of the chunks, the end.
    """
    header, raw = read_header(source)
    ring = backup_key_ring()
    cipher = ring.ciphers.get(str(header.get("key_id")))
    if cipher is None or _key_check(cipher) != header.get("key_check"):
        raise BackupArchiveForeign(
            detail=f"Encrypted under key {header.get('key_id')!r} of platform {header.get('platform_id')}; "
            "add that key to HANSA_BACKUP_KEYS to restore it here."
        )
    try:
        prefix = base64.b64decode(str(header["nonce_prefix"]), validate=True)
    except (KeyError, ValueError):
        raise BackupArchiveCorrupt(detail="The archive's header is damaged.") from None
    digest = hashlib.sha256(raw).digest()
    for number, (sealed, last) in enumerate(_chunks(source)):
        try:
            target.write(cipher.decrypt(prefix + _U32.pack(number), sealed, _aad(digest, number, last)))
        except InvalidTag:
            raise BackupArchiveCorrupt(detail=f"Chunk {number} fails authentication.") from None
    return header
