"""`haki documents new-key` and `haki documents reseal`: rotating the keys documents are sealed
with. Put the new key first in HAKI_DOCUMENT_KEYS (keeping the old ones), restart, reseal, and
only then take the old key out."""

import asyncio

import click

from service.database import database, make_engine, make_sessionmaker
from service.imports.commands import cli_actor
from service.migrate import check_current
from service.secret_key import with_document_keys
from service.settings import Settings
from service.usecases.records.document_keys import reseal, sealed_with_old_keys
from service.usecases.records.sealing import keyring_of, new_key


@click.group("documents")
def documents() -> None:
    """The keys documents are sealed with (docs/documents.md)."""


@documents.command("new-key")
@click.argument("key_id")
def make_key(key_id: str) -> None:
    """Print KEY_ID:KEY, a new key to put first in HAKI_DOCUMENT_KEYS."""
    click.echo(f"{key_id}:{new_key()}")


@documents.command("reseal")
def reseal_all() -> None:
    """Seal every document under the first key of HAKI_DOCUMENT_KEYS, one document per
    transaction: safe to stop and run again, with the API running."""
    keyring = keyring_of(with_document_keys(Settings()).document_keys or "")

    async def run(url: str) -> int:
        await check_current(url)
        engine = make_engine(url, pool_size=1)
        sessions = make_sessionmaker(engine)
        try:
            async with sessions() as session:
                waiting = await sealed_with_old_keys(session, keyring)
            done = 0
            for document_id in waiting:
                async with sessions() as session:
                    done += await reseal(session, cli_actor(), document_id, keyring)
            return done
        finally:
            await engine.dispose()

    with database(Settings()) as url:
        done = asyncio.run(run(url))
    click.echo(f"{done} documents resealed under key '{keyring.current}'")
