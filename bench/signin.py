"""A burst of 60 sign-ins (Argon2) while other users read a page: the others' p50/p95 with and
without the burst, in the same run.

Not a test: `.venv/bin/python bench/signin.py` (`--burst`, `--readers`, `--seconds`). It makes a
scratch database with the demo cases, `--burst` accounts with strong passwords (hashed with the
parameters Haki uses, none weakened) and a session for each reader, and serves Haki from one
process on loopback. The readers ask for the cases page in turn, first `--seconds` with nothing
else going on, then again while every account signs in at once, each from its own loopback
address (127.0.0.2, 127.0.0.3, …), as a morning's staff arriving from their own machines, so the
throttle per address sees one try each. It prints the readers' latencies in both windows and
their ratio, and how long the burst took.
"""

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
# in place of this folder, whose transitions.py would hide the state machine library
sys.path[0] = str(ROOT)

from domain.audit import Actor  # noqa: E402
from domain.calendar import nairobi_today  # noqa: E402
from domain.users import Role  # noqa: E402
from service.auth.browser import SESSION_COOKIE  # noqa: E402
from service.database import make_engine, make_sessionmaker, scratch_database, scratch_server  # noqa: E402
from service.demo import load_demo_data  # noqa: E402
from service.migrate import upgrade  # noqa: E402
from service.usecases.accounts.passwords import HASHING_AT_ONCE  # noqa: E402
from service.usecases.accounts.users import add_user, find_user, open_session  # noqa: E402

sys.path.append(str(ROOT / "bench"))  # after the libraries: bench/transitions.py is a bench
from reports import quantiles, serving  # noqa: E402

PAGE = "/web/cases"
PASSWORD = "morning tea at the registry {n} before the mention"


async def prepare(url: str, accounts: int, readers: int) -> list[str]:
    """Demo data, `accounts` lawyers who will sign in, and a session for each reader."""
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    try:
        await load_demo_data(sessions, nairobi_today(datetime.now(UTC)))
        for n in range(accounts):
            async with sessions() as session:
                await add_user(
                    session,
                    Actor("bench", "local"),
                    username=f"bench-lawyer-{n}",
                    full_name=f"Bench Lawyer {n}",
                    role=Role.LAWYER,
                    password=PASSWORD.format(n=n),
                )
        async with sessions() as session:
            admin = await find_user(session, "bench-lawyer-0")
        tokens = []
        for _ in range(readers):
            async with sessions() as session, session.begin():
                tokens.append((await open_session(session, admin, timedelta(hours=2))).token)
        return tokens
    finally:
        await engine.dispose()


async def read_pages(
    base: str, tokens: list[str], done: Callable[[], bool]
) -> list[tuple[float, float]]:
    """Each token one client asking for PAGE in turn until `done()`: (start, seconds) of each."""
    took: list[tuple[float, float]] = []
    async with aiohttp.ClientSession(base) as http:

        async def reader(token: str) -> None:
            while not done():
                began = time.perf_counter()
                async with http.get(PAGE, cookies={SESSION_COOKIE: token}) as answer:
                    await answer.read()
                    if answer.status != 200:
                        raise RuntimeError(f"{PAGE}: {answer.status}")
                took.append((began, time.perf_counter() - began))

        await asyncio.gather(*(reader(token) for token in tokens))
    return took


async def sign_in(base: str, n: int) -> int:
    """Account `n` signs in from 127.0.0.(n+2): its answer's status."""
    connector = aiohttp.TCPConnector(local_addr=(f"127.0.0.{n + 2}", 0))
    async with aiohttp.ClientSession(base, connector=connector) as http:
        login = {"username": f"bench-lawyer-{n}", "password": PASSWORD.format(n=n)}
        async with http.post("/auth/login", json=login) as answer:
            await answer.read()
            return answer.status


async def measure(base: str, tokens: list[str], accounts: int, seconds: float) -> None:
    quiet = await read_pages(base, tokens, until(time.perf_counter() + seconds))
    burst_over = asyncio.Event()
    start = time.perf_counter()
    readers = asyncio.create_task(read_pages(base, tokens, burst_over.is_set))
    statuses = await asyncio.gather(*(sign_in(base, n) for n in range(accounts)))
    end = time.perf_counter()
    burst_over.set()
    during = await readers
    print(f"{len(tokens)} readers of {PAGE}; {accounts} sign-ins at once, one process,")
    print(f"Argon2 at most {HASHING_AT_ONCE} at a time, {os.cpu_count()} cores")
    ok = statuses.count(200)
    print(f"burst: {ok} of {accounts} signed in (others: {sorted(set(statuses) - {200})})")
    print(f"burst: all answered in {end - start:.2f} s")
    report("readers, no burst", [t for _, t in quiet])
    burst = [t for began, t in during if began < end]
    report("readers, during the burst", burst)
    if quiet and burst:
        ratio = quantiles(burst)[1] / quantiles([t for _, t in quiet])[1]
        verdict = "met" if ratio <= 2 else "NOT met"
        print(f"p95 during / without the burst: {ratio:.2f} (target at most 2: {verdict})")


def until(deadline: float) -> Callable[[], bool]:
    return lambda: time.perf_counter() >= deadline


def report(label: str, took: list[float]) -> None:
    if len(took) < 2:
        print(f"{label}: {len(took)} request")
        return
    p50, p95 = quantiles(took)
    print(f"{label:<28} {len(took):6d} requests  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=60, help="sign-ins at once (at most 250)")
    parser.add_argument("--readers", type=int, default=5, help="signed-in users reading")
    parser.add_argument("--seconds", type=float, default=10, help="the quiet window")
    args = parser.parse_args()
    with scratch_server() as admin:
        url = scratch_database(admin, "haki_bench_signin")
        upgrade(url)
        tokens = asyncio.run(prepare(url, args.burst, args.readers))
        with serving(url) as base:
            asyncio.run(read_pages(base, tokens, until(time.perf_counter() + 2)))  # warm up
            asyncio.run(measure(base, tokens, args.burst, args.seconds))


if __name__ == "__main__":
    main()
