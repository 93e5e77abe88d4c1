"""Documents sealed with AES-GCM (256-bit keys), in chunks, under keys that can rotate.

Each chunk has its own random 96-bit nonce. Its associated data binds the document's id, the
chunk's index and the number of chunks, so a chunk moved to another place, to another document,
or a document cut short fails its check and is refused (`DocumentDamaged`). A document records
the id of the key that sealed it: a new key is added at the front of HAKI_DOCUMENT_KEYS, the
old ones stay there until `haki documents reseal` has moved every document onto the new one.
"""

import base64
import binascii
import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from domain.documents import DocumentDamaged
from domain.errors import N_

CHUNK = 256 * 1024
"""bytes of a document per chunk: a 10 MB scan is forty rows"""
NONCE = 12
_CONTEXT = b"haki document v1"


class KeysRefused(ValueError):
    """HAKI_DOCUMENT_KEYS is not `id:key,...` with 32-byte keys; says which id, never a key."""


@dataclass(frozen=True)
class Keyring:
    """The keys a document may have been sealed with; new documents are sealed with `current`."""

    current: str
    keys: Mapping[str, bytes]

    def __repr__(self) -> str:
        return f"Keyring(current={self.current!r}, ids={sorted(self.keys)!r})"

    def key(self, key_id: str) -> AESGCM:
        if key_id not in self.keys:
            raise DocumentDamaged(
                N_(
                    "The document was sealed with the key %(key)s, which HAKI_DOCUMENT_KEYS no "
                    "longer holds: put it back until the documents are resealed."
                ),
                key=key_id,
            )
        return AESGCM(self.keys[key_id])


def new_key() -> str:
    """A fresh key as HAKI_DOCUMENT_KEYS writes it (URL-safe base64 of 32 random bytes)."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")


def keyring_of(setting: str) -> Keyring:
    """`new:KEY,old:KEY`: the first seals new documents, every one opens what it sealed."""
    keys: dict[str, bytes] = {}
    for entry in (part.strip() for part in setting.split(",") if part.strip()):
        key_id, _, text = entry.partition(":")
        key_id = key_id.strip()
        if not key_id or len(key_id) > 40 or not text:
            raise KeysRefused("HAKI_DOCUMENT_KEYS must read id:key,id:key (ids of 1-40 characters)")
        try:
            key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
        except (binascii.Error, ValueError):
            raise KeysRefused(f"the key '{key_id}' in HAKI_DOCUMENT_KEYS is not base64") from None
        if len(key) != 32:
            raise KeysRefused(f"the key '{key_id}' in HAKI_DOCUMENT_KEYS is not 32 bytes")
        keys[key_id] = key
    if not keys:
        raise KeysRefused("HAKI_DOCUMENT_KEYS holds no key")
    return Keyring(next(iter(keys)), keys)


def _bound(document_id: uuid.UUID, index: int, count: int) -> bytes:
    return _CONTEXT + document_id.bytes + index.to_bytes(4, "big") + count.to_bytes(4, "big")


def pieces(body: bytes) -> list[bytes]:
    """The chunks of a body; an empty file is one empty chunk, so it has a tag to check."""
    return [body[at : at + CHUNK] for at in range(0, len(body), CHUNK)] or [b""]


def seal(keyring: Keyring, document_id: uuid.UUID, body: bytes) -> list[tuple[bytes, bytes]]:
    """(nonce, sealed) for each chunk, in order, under the current key."""
    cipher = keyring.key(keyring.current)
    chunks = pieces(body)
    sealed = []
    for index, chunk in enumerate(chunks):
        nonce = os.urandom(NONCE)
        sealed.append(
            (nonce, cipher.encrypt(nonce, chunk, _bound(document_id, index, len(chunks))))
        )
    return sealed


def unseal(
    keyring: Keyring,
    key_id: str,
    document_id: uuid.UUID,
    count: int,
    chunks: Sequence[tuple[int, bytes, bytes]],
) -> Iterator[bytes]:
    """The document's bytes chunk by chunk, from (index, nonce, sealed) rows in index order;
    `DocumentDamaged` at the first chunk that is missing or fails its check."""
    cipher = keyring.key(key_id)
    if [index for index, _, _ in chunks] != list(range(count)):
        raise DocumentDamaged(N_("A part of the stored document is missing: it cannot be opened."))
    for index, nonce, sealed in chunks:
        try:
            yield cipher.decrypt(nonce, sealed, _bound(document_id, index, count))
        except InvalidTag:
            raise DocumentDamaged(
                N_(
                    "The stored document failed its integrity check (it was changed after it "
                    "was sealed): it is not sent."
                )
            ) from None
