"""The server's secret, which keys the hashes of status codes: HAKI_SECRET_KEY, or in development
one made once and kept in the data folder beside the embedded database.

With the embedded database (no DATABASE_URL) `make run` must work with nothing set, and codes
issued yesterday must still work after a restart: the secret is made on first start and kept in
`<data folder>/secret_key`, readable by its owner only, as the database files beside it are.
With DATABASE_URL (production) Haki refuses to start without HAKI_SECRET_KEY: a secret made on
the fly would differ from one replica to the next, and one lost with a container's disk would
silently close every family's code.
"""

import contextlib
import os
import secrets
import tempfile
from dataclasses import replace
from pathlib import Path

from service.settings import Settings
from service.usecases.records.sealing import KeysRefused, keyring_of

MINIMUM = 32
"""characters; `secrets.token_urlsafe(32)` gives 43"""
FILE = "secret_key"
DOCUMENT_KEY_FILE = "document_key"
HOW = "make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"


class SecretKeyMissing(RuntimeError):
    """Haki cannot start: the reason names the setting and how to make a secret, never a value."""


def with_secret_key(settings: Settings) -> Settings:
    """`settings` with the secret filled in, or SecretKeyMissing saying what to set."""
    if settings.secret_key:
        if len(settings.secret_key) < MINIMUM:
            raise SecretKeyMissing(
                f"HAKI_SECRET_KEY is too short: give at least {MINIMUM} characters; {HOW}"
            )
        return settings
    if settings.database_url:
        raise SecretKeyMissing(
            "HAKI_SECRET_KEY is not set: with DATABASE_URL Haki needs the server's secret, the "
            f"same on every process and kept safe like the database password; {HOW}"
        )
    return replace(settings, secret_key=kept_in(settings.data_dir))


def with_document_keys(settings: Settings) -> Settings:
    """`settings` with the keys documents are sealed with, as `with_secret_key` does for the
    secret: with the embedded database one key is made and kept in the data folder; with
    DATABASE_URL they must be given, since a key lost with a container's disk loses every
    document sealed with it."""
    if settings.document_keys:
        try:
            keyring_of(settings.document_keys)
        except KeysRefused as refused:
            raise SecretKeyMissing(str(refused)) from None
        return settings
    if settings.database_url:
        raise SecretKeyMissing(
            "HAKI_DOCUMENT_KEYS is not set: with DATABASE_URL Haki needs the keys documents are "
            "sealed with, as id:key (make a key with `haki documents new-key`), kept safe "
            "apart from the database's backups"
        )
    key = kept_in(settings.data_dir, DOCUMENT_KEY_FILE)
    return replace(settings, document_keys=f"local:{key}")


def kept_in(folder: Path, name: str = FILE) -> str:
    """The secret in `folder`, made there first if there is none. Written to a private file
    and linked into place, so two processes starting at once both read the one that won."""
    path = folder / name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        descriptor, made = tempfile.mkstemp(dir=folder, prefix=".secret-")  # mode 0600
        try:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(32) + "\n")
            with contextlib.suppress(FileExistsError):  # another process made it first
                os.link(made, path)
        finally:
            os.unlink(made)
    kept = path.read_text().strip()
    if len(kept) < MINIMUM:
        raise SecretKeyMissing(
            f"the secret kept in {path} is too short: delete the file (status codes issued "
            "with it stop working) or set HAKI_SECRET_KEY"
        )
    return kept
