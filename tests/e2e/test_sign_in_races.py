"""Signing in under load, as an attacker would try it: bursts of guesses sent at once, a
stranger's address hammering someone else's account, floods of refused tries, and a burst of
Argon2 work that must not stall everyone else's requests.

The app runs in this test's event loop behind httpx's ASGI transport, so requests really are
in flight together (the shared test client sends one at a time) and each client has an
address of its own."""

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from service.app import create_app
from service.settings import Settings
from tests.conftest import Account

OWNER = "198.51.100.7"
STRANGER = "203.0.113.9"
Clients = Callable[[str], httpx.AsyncClient]


@asynccontextmanager
async def serving(database_url: str) -> AsyncIterator[Clients]:
    """A client per network address, all talking to one app started in this event loop.
    Entered in the test itself: the app's lifespan must end in the task that began it."""
    app = create_app(database_url, Settings())
    made: list[httpx.AsyncClient] = []

    def client(address: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        made.append(httpx.AsyncClient(transport=transport, base_url="http://haki.test"))
        return made[-1]

    async with app.lifespan():
        try:
            yield client
        finally:
            for each in made:
                await each.aclose()


async def login(client: httpx.AsyncClient, username: str, password: str, **kw: Any) -> Any:
    return await client.post("/auth/login", json={"username": username, "password": password}, **kw)


@pytest.fixture
def url(database_url: str, sessions: async_sessionmaker[AsyncSession]) -> str:
    """The test database, emptied but for the accounts."""
    return database_url


async def just_now(engine: AsyncEngine) -> None:
    """As if every failure had just happened: Argon2 on a busy machine may take a second."""
    async with engine.begin() as db:
        await db.execute(text("UPDATE login_attempts SET at = now() WHERE NOT succeeded"))


async def counted(engine: AsyncEngine, sql: str) -> int:
    async with engine.connect() as db:
        return int((await db.execute(text(sql))).scalar_one())


async def test_a_burst_of_guesses_sent_with_the_right_password_is_held_to_the_policy(
    url: str, accounts: dict[str, Account]
) -> None:
    """However slow the machine, five failures lock the address out of the account: a burst
    gets no more checks than that, where before every guess in it was checked."""
    async with serving(url) as from_address:
        client = from_address(OWNER)
        guesses = [f"wrong-guess-number-{n}" for n in range(15)]
        guesses.append(accounts["viewer"].password)
        answers = await asyncio.gather(*(login(client, "test.viewer", g) for g in guesses))
        codes = [answer.status_code for answer in answers]
        assert set(codes) <= {200, 401, 429}, codes
        checked = [code for code in codes if code in (200, 401)]
        assert len(checked) <= 5, f"after 5 failures the address is locked out: {codes}"


async def test_the_right_password_sent_in_a_burst_is_refused_once_the_lock_is_reached(
    url: str, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    async with serving(url) as from_address:
        client = from_address(OWNER)
        for n in range(4):
            assert (await login(client, "test.viewer", f"earlier-guess-{n}")).status_code == 401
            async with engine.begin() as db:  # past each slow-down: four failures, no wait
                await db.execute(text("UPDATE login_attempts SET at = at - interval '10 seconds'"))
        guesses = [f"wrong-guess-number-{n}" for n in range(15)]
        guesses.append(accounts["viewer"].password)
        answers = await asyncio.gather(*(login(client, "test.viewer", g) for g in guesses))
        codes = [answer.status_code for answer in answers]
        assert codes.count(401) <= 1 and codes.count(200) == 0, codes
        assert codes[-1] == 429, "the fifth failure locked the account before the right password"
        assert int(answers[-1].headers["retry-after"]) > 800


async def test_a_stranger_hammering_an_account_does_not_lock_its_owner_out(
    url: str, accounts: dict[str, Account]
) -> None:
    async with serving(url) as from_address:
        stranger, owner = from_address(STRANGER), from_address(OWNER)
        pretends = {"X-Forwarded-For": OWNER, "Forwarded": f"for={OWNER}"}
        answers = [
            (await login(stranger, "test.viewer", f"guess-{n}-of-thirty", headers=pretends))
            for n in range(30)
        ]
        codes = [answer.status_code for answer in answers]
        assert codes[:3] == [401, 401, 401] and codes.count(401) <= 5, codes
        assert codes[-1] == 429, "the stranger is slowed, then locked out of this account"
        mine = await login(owner, "test.viewer", accounts["viewer"].password)
        assert mine.status_code == 200, "the owner signs in from her own address"


async def test_guesses_spread_over_many_addresses_slow_the_account_but_never_lock_it(
    url: str, engine: AsyncEngine, accounts: dict[str, Account]
) -> None:
    async with serving(url) as from_address:
        for n in range(10):
            refused = await login(from_address(f"192.0.2.{n + 1}"), "test.viewer", "a-wrong-guess")
            assert refused.status_code == 401
        await just_now(engine)
        slowed = await login(from_address(OWNER), "test.viewer", accounts["viewer"].password)
        assert slowed.status_code == 429
        assert 1 <= int(slowed.headers["retry-after"]) <= 60, "a wait of seconds, not a lock"
        async with engine.begin() as db:
            await db.execute(text("UPDATE login_attempts SET at = at - interval '61 seconds'"))
        owner = await login(from_address(OWNER), "test.viewer", accounts["viewer"].password)
        assert owner.status_code == 200
        for n in range(12):
            await login(from_address(f"192.0.2.{n + 101}"), "test.viewer", "a-wrong-guess")
        await just_now(engine)
        newcomer = await login(from_address(STRANGER), "test.viewer", "another-wrong-guess")
        assert newcomer.status_code == 429
        known = await login(from_address(OWNER), "test.viewer", accounts["viewer"].password)
        assert known.status_code == 200, "an address the owner signed in from is not slowed"


async def test_a_flood_of_refused_tries_writes_a_bounded_number_of_audit_rows(
    url: str, engine: AsyncEngine
) -> None:
    async with serving(url) as from_address:
        client = from_address(STRANGER)
        for n in range(5):
            assert (await login(client, "test.viewer", f"wrong-{n}-guess")).status_code in (
                401,
                429,
            )
            async with engine.begin() as db:  # past the slow-down, so each guess is checked
                await db.execute(text("UPDATE login_attempts SET at = at - interval '20 seconds'"))
        for _ in range(50):
            assert (await login(client, "test.viewer", "one-more-guess")).status_code == 429
        for n in range(15):
            assert (await login(client, f"other.name{n}", "a-guess-here")).status_code == 401
        for n in range(50):
            assert (await login(client, f"new.name{n}", "a-guess-here")).status_code == 429
        throttled = "SELECT count(*) FROM audit_events WHERE action = 'login.throttled'"
        assert await counted(engine, throttled) <= 2
        failed = "SELECT count(*) FROM audit_events WHERE action = 'login.failure'"
        assert await counted(engine, failed) == 20


async def test_argon2_runs_a_few_at_a_time_off_the_event_loop_and_holds_no_connection(
    url: str, accounts: dict[str, Account], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every password check is held until the end: meanwhile another person's request must
    be answered, and no more checks may run at once than the bound allows."""
    async with serving(url) as from_address:
        from service.usecases.accounts.passwords import HASHING_AT_ONCE

        release, started, lock = threading.Event(), threading.Event(), threading.Lock()
        running, most, threads = [0], [0], set()
        verify = PasswordHasher.verify

        def held(self: PasswordHasher, hashed: str, password: str) -> bool:
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            if running[0] >= HASHING_AT_ONCE:
                started.set()
                threads.add(threading.current_thread().name)
            try:
                release.wait(30)
                return verify(self, hashed, password)
            finally:
                with lock:
                    running[0] -= 1

        monkeypatch.setattr(PasswordHasher, "verify", held)
        burst = [
            asyncio.create_task(login(from_address(f"192.0.2.{n}"), f"burst.{n}", "a-guess-here"))
            for n in range(1, 41)
        ]
        try:
            assert await asyncio.to_thread(started.wait, 20), "no password check began"
            await asyncio.sleep(0.3)  # time for more checks to start, were they not bounded
            lawyer = from_address(OWNER)
            async with asyncio.timeout(10):
                cases = await lawyer.get("/cases", headers=accounts["lawyer"].headers)
            assert cases.status_code == 200
            assert not any(task.done() for task in burst), "the burst was still being checked"
        finally:
            release.set()
            answers = await asyncio.gather(*burst)
        assert {answer.status_code for answer in answers} == {401}
        assert most[0] <= HASHING_AT_ONCE
        assert all(name.startswith("haki-password") for name in threads), threads
