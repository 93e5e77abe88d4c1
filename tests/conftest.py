"""A real PostgreSQL for the tests: the local server when reachable, else an embedded one.

Each run gets its own freshly migrated database; each data test starts from empty tables.
"""

import os
from collections.abc import AsyncIterator, Iterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.base import metadata
from service.app import create_app
from service.database import make_engine, make_sessionmaker, scratch_database, scratch_server
from service.migrate import upgrade


@pytest.fixture(scope="session")
def admin_dsn() -> Iterator[str]:
    with scratch_server() as dsn:
        yield dsn


@pytest.fixture(scope="session")
def database_url(admin_dsn: str) -> str:
    url = scratch_database(admin_dsn, f"haki_test_{os.getpid()}")
    upgrade(url)
    return url


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


async def empty_tables(engine: AsyncEngine) -> None:
    """Replica mode skips the append-only triggers; only the test harness ever does this."""
    names = ", ".join(table.name for table in metadata.sorted_tables)
    async with engine.begin() as connection:
        await connection.execute(text("SET LOCAL session_replication_role = replica"))
        await connection.execute(text(f"TRUNCATE {names} CASCADE"))


@pytest.fixture
async def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    await empty_tables(engine)
    return make_sessionmaker(engine)


@pytest.fixture(scope="session")
async def app(database_url: str) -> Litestar:
    return create_app(database_url)


@pytest.fixture(scope="session")
async def app_client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app) as client:
        yield client


@pytest.fixture
async def client(
    app_client: AsyncTestClient[Litestar], engine: AsyncEngine
) -> AsyncTestClient[Litestar]:
    await empty_tables(engine)
    return app_client
