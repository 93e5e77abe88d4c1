"""Applies migrations and tells whether a database is behind the code."""

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import create_async_engine

import migrations

SCRIPTS = Path(migrations.__file__).resolve().parent
"""Alembic's scripts: `migrations/` in a checkout, the installed package in a wheel"""
ROOT = SCRIPTS.parent
"""the checkout's root (where `haki diagrams` writes docs/); site-packages when installed"""


class DatabaseBehind(RuntimeError):
    pass


def alembic_config(url: str) -> Config:
    """Built in code, not read from alembic.ini (which a wheel does not carry: it is for
    alembic's own command line in a checkout)."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.set_main_option("path_separator", "os")
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Runs in a worker thread because alembic's env.py starts its own event loop."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


async def check_current(url: str) -> None:
    """Raises DatabaseBehind unless the database is at the newest revision the code knows."""
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            current = await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )
    finally:
        await engine.dispose()
    if current != head:
        raise DatabaseBehind(
            f"the database is at migration {current or '(none)'} but this code needs {head}: "
            "run `haki migrate` first"
        )


async def upgrade_async(url: str, revision: str = "head") -> None:
    await asyncio.to_thread(upgrade, url, revision)
