"""Sessions remembered for a few seconds by each API process: lock-out stays immediate.

Two apps on one database stand for two replicas. A change made through one app forgets the
session in this process before its answer; a change made elsewhere (another replica, `haki
users`, psql) reaches every replica through PostgreSQL's NOTIFY.
"""

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta

from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from domain.users import Principal, Role
from service.app import create_app
from service.database import make_sessionmaker
from service.settings import Settings
from service.usecases.accounts.session_cache import SessionCache
from service.usecases.accounts.users import add_user, token_hash
from tests.conftest import Account
from tests.factories import TEST_ACTOR

PASSWORD = "a-password-long-enough"


@asynccontextmanager
async def replicas(database_url: str) -> AsyncIterator[list[AsyncTestClient[Litestar]]]:
    """Two apps with the cache on, each listening before the test goes on."""
    async with AsyncExitStack() as stack:
        clients = []
        for _ in range(2):
            app = create_app(database_url, Settings(session_cache_seconds=30))
            clients.append(await stack.enter_async_context(AsyncTestClient(app=app)))
        for client in clients:
            await until(lambda c=client: cache_of(c).listening)
        yield clients


def cache_of(client: AsyncTestClient[Litestar]) -> SessionCache:
    cache: SessionCache = client.app.state.session_cache
    return cache


async def until(condition, seconds: float = 10) -> None:  # type: ignore[no-untyped-def]
    """Polls: the cache has no event to wait on, and a test should not add one to it."""
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.01)


async def signed_in(engine: AsyncEngine, client: AsyncTestClient[Litestar], name: str) -> str:
    async with make_sessionmaker(engine)() as session:
        await add_user(
            session,
            TEST_ACTOR,
            username=name,
            full_name="Cached",
            role=Role.VIEWER,
            password=PASSWORD,
        )
    answer = await client.post("/auth/login", json={"username": name, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


async def signed_up_id(engine: AsyncEngine, name: str) -> str:
    async with engine.connect() as db:
        found = await db.execute(text("SELECT id FROM users WHERE username = :n"), {"n": name})
        return str(found.scalar_one())


async def test_a_disabled_account_is_refused_at_once_by_the_replica_that_disabled_it(
    database_url: str, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    async with replicas(database_url) as (one, _):
        token = await signed_in(engine, one, "cached.once")
        theirs = {"Authorization": f"Bearer {token}"}
        assert (await one.get("/cases", headers=theirs)).status_code == 200
        assert cache_of(one).get(token_hash(token)) is not None, "the session is remembered"
        user_id = await signed_up_id(engine, "cached.once")
        disabled = await one.post(f"/users/{user_id}/disable", headers=accounts["admin"].headers)
        assert disabled.status_code == 200
        assert (await one.get("/cases", headers=theirs)).status_code == 401


async def test_a_sign_out_is_refused_at_once_with_the_session_remembered(
    database_url: str, engine: AsyncEngine
) -> None:
    async with replicas(database_url) as (one, _):
        token = await signed_in(engine, one, "cached.out")
        theirs = {"Authorization": f"Bearer {token}"}
        assert (await one.get("/auth/me", headers=theirs)).status_code == 200
        assert cache_of(one).get(token_hash(token)) is not None
        assert (await one.post("/auth/logout", headers=theirs)).status_code == 204
        assert (await one.get("/auth/me", headers=theirs)).status_code == 401


async def test_a_change_made_elsewhere_reaches_every_replica_through_postgresql(
    database_url: str, engine: AsyncEngine
) -> None:
    """Disabled in SQL on a connection of no app (as `haki users disable` would): no process
    here forgets anything itself, so only the trigger's NOTIFY can empty the caches."""
    async with replicas(database_url) as (one, two):
        token = await signed_in(engine, one, "cached.far")
        theirs = {"Authorization": f"Bearer {token}"}
        for replica in (one, two):
            assert (await replica.get("/auth/me", headers=theirs)).status_code == 200
            assert cache_of(replica).get(token_hash(token)) is not None
        emptied = [cache_of(replica).forgotten for replica in (one, two)]
        async with engine.begin() as db:
            await db.execute(
                text("UPDATE users SET disabled_at = now() WHERE username = 'cached.far'")
            )
        for replica, before in zip((one, two), emptied, strict=True):
            await until(lambda r=replica, b=before: cache_of(r).forgotten > b, seconds=5)
            assert cache_of(replica).get(token_hash(token)) is None
            assert (await replica.get("/auth/me", headers=theirs)).status_code == 401


def test_nothing_is_remembered_unless_listening_nor_a_read_overtaken_by_a_change() -> None:
    cache = SessionCache(30)
    somebody = Principal(uuid.uuid4(), "somebody", "Somebody", Role.VIEWER)
    later = utcnow() + timedelta(hours=1)
    cache.keep("hash", somebody, later, cache.forgotten)
    assert cache.get("hash") is None, "not listening: a sign-out elsewhere would go unheard"
    cache.listening = True
    read = cache.forgotten
    cache.forget()  # a sign-out heard while the session was being read
    cache.keep("hash", somebody, later, read)
    assert cache.get("hash") is None
    cache.keep("hash", somebody, utcnow() - timedelta(seconds=1), cache.forgotten)
    assert cache.get("hash") is None, "never past the session's own expiry"
    cache.keep("hash", somebody, later, cache.forgotten)
    assert cache.get("hash") == somebody
