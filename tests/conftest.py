"""A real PostgreSQL for the tests: the local server when reachable, else an embedded one.

Each run gets its own freshly migrated database; each data test starts from empty tables.
"""

import io
import logging
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.base import metadata
from domain.reminders import DEFAULT_RULES, ReminderRule
from domain.users import Role, User
from domain.violations import BUILT_IN_TYPES, ViolationType
from service.app import create_app
from service.database import make_engine, make_sessionmaker, scratch_database, scratch_server
from service.logs import configure_logging
from service.migrate import upgrade
from service.settings import Settings
from service.usecases.accounts.users import add_user, open_session
from tests.factories import TEST_ACTOR

# the tests drive the reminder clock themselves (service/clock.py: tick), never on a timer
os.environ["HAKI_CLOCK"] = "off"
# the shared app answers GET /status/{code} many times from one address (the authorisation
# matrix, the fuzzer); tests/e2e/test_status_codes.py makes an app of its own to test the limit
os.environ["HAKI_STATUS_PER_MINUTE"] = "100000"
# a fixed server secret, so no test makes one in the data folder (tests/unit/test_secret_key.py
# tests that on a folder of its own)
TEST_SECRET_KEY = "a-fixed-secret-for-the-tests-only-0123456789"
os.environ["HAKI_SECRET_KEY"] = TEST_SECRET_KEY
# documents are sealed with a fixed key (tests/integration/test_documents_sealed.py rotates it)
TEST_DOCUMENT_KEYS = "test-1:" + "k" * 43
os.environ["HAKI_DOCUMENT_KEYS"] = TEST_DOCUMENT_KEYS


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


ACCOUNTS_KEPT = {"users", "auth_sessions"}
"""Accounts are made once per run (Argon2 is slow on purpose); everything else is per test."""


def _emptying() -> str:
    """One statement deleting every row of every table but the accounts'. DELETE, not TRUNCATE:
    on tables of a few rows it takes milliseconds where TRUNCATE, which makes new files for
    every table and index, took about 140 ms, before each of some 3,000 tests."""
    tables = [t.name for t in reversed(metadata.sorted_tables) if t.name not in ACCOUNTS_KEPT]
    last, *others = tables
    each = ", ".join(f'emptied_{n} AS (DELETE FROM "{name}")' for n, name in enumerate(others))
    return f'WITH {each} DELETE FROM "{last}"'


async def empty_tables(engine: AsyncEngine) -> None:
    """Replica mode skips the append-only triggers and the foreign keys' checks; only the test
    harness ever does this. The reminder rules and the violation vocabulary go back to what
    the migrations seed."""
    async with engine.begin() as connection:
        await connection.execute(text("SET LOCAL session_replication_role = replica"))
        await connection.execute(text(_emptying()))
        await connection.execute(
            insert(ReminderRule).values(
                [
                    {
                        "purpose": r.purpose,
                        "audience": r.audience,
                        "days_before": r.days_before,
                        "at": r.at,
                    }
                    for r in DEFAULT_RULES
                ]
            )
        )
        await connection.execute(
            insert(ViolationType).values(
                [
                    {"code": code, "name_en": en, "name_sw": sw}
                    for code, (en, sw) in BUILT_IN_TYPES.items()
                ]
            )
        )


@dataclass(frozen=True)
class Account:
    user: User
    password: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


ROLES = {
    "admin": Role.ADMIN,
    "lawyer": Role.LAWYER,
    "other_lawyer": Role.LAWYER,
    "advocacy": Role.ADVOCACY,
    "viewer": Role.VIEWER,
}


@pytest.fixture(scope="session")
async def accounts(engine: AsyncEngine) -> dict[str, Account]:
    """One signed-in account per role, plus a second lawyer who is on no one's case."""
    made = {}
    sessions = make_sessionmaker(engine)
    for name, role in ROLES.items():
        password = f"{name}-password-for-tests"
        async with sessions() as session:
            user = await add_user(
                session,
                TEST_ACTOR,
                username=f"test.{name}",
                full_name=name.title(),
                role=role,
                password=password,
            )
        async with sessions() as session, session.begin():
            signed = await open_session(session, user, timedelta(hours=8))
        made[name] = Account(user, password, signed.token)
    return made


@pytest.fixture
async def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    await empty_tables(engine)
    return make_sessionmaker(engine)


REPORT_SECRET = "sms-report-secret-for-tests"
"""the last part of the shared app's delivery-report address"""


@pytest.fixture(scope="session")
async def app(database_url: str) -> Litestar:
    return create_app(database_url, Settings(sms_report_secret=REPORT_SECRET))


@pytest.fixture(scope="session")
async def app_client(app: Litestar) -> AsyncIterator[AsyncTestClient[Litestar]]:
    async with AsyncTestClient(app=app) as client:
        yield client


@pytest.fixture
async def client(
    app_client: AsyncTestClient[Litestar], engine: AsyncEngine, accounts: dict[str, Account]
) -> AsyncTestClient[Litestar]:
    """The shared client, signed in as the lawyer; other roles pass `headers=` per request."""
    await empty_tables(engine)
    app_client.headers.update(accounts["lawyer"].headers)
    return app_client


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Logging set up as `haki serve` sets it up, into a buffer; pytest's own put back after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    buffer = io.StringIO()
    configure_logging(buffer)
    try:
        yield buffer
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
