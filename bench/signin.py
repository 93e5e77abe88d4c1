"""A burst of 60 sign-ins (Argon2) while other users read a page: the others' p50/p95 with and
without the burst, in the same run.

Not a test: `.venv/bin/python bench/signin.py` (`--burst`, `--readers`, `--seconds`, `--think`).
It makes a scratch database with the demo cases, `--burst` accounts with strong passwords (hashed
with the parameters Haki uses, none weakened) and a session for each reader, and serves Haki from
one process on loopback. Each reader asks for the cases page, reads it `--think` seconds as a
person would, and asks again: first `--seconds` with nothing else going on, then while every
account signs in at once, each from its own loopback address (127.0.0.2, 127.0.0.3, …), as a
morning's staff arriving from their own machines, so the throttle per address sees one try each;
then `--seconds` alone again, so the baseline is taken on both sides of the burst on a machine
whose load changes. It prints the readers' latencies in the three windows, the ratio of the p95
during the burst to the p95 alone, how long the burst took, the server's CPU per page and per
sign-in, and this client's CPU per request. `--think 0` makes the readers ask again at once: they
then keep the server's loop busy all the time, and the ratio measures how much CPU the hashes
take from them (on 2 cores, shared with PostgreSQL and this client), not how long a page waits.
"""

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
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
from haki_server import Server, quantiles, running  # noqa: E402

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
    base: str, tokens: list[str], done: Callable[[], bool], think: float
) -> list[tuple[float, float]]:
    """Each token one reader asking for PAGE, reading it for `think` seconds, and asking again,
    until `done()`: (start, seconds) of each request. The readers start spread over `think`."""
    took: list[tuple[float, float]] = []
    async with aiohttp.ClientSession(base) as http:

        async def reader(n: int, token: str) -> None:
            await asyncio.sleep(think * n / len(tokens))
            while not done():
                began = time.perf_counter()
                async with http.get(PAGE, cookies={SESSION_COOKIE: token}) as answer:
                    await answer.read()
                    if answer.status != 200:
                        raise RuntimeError(f"{PAGE}: {answer.status}")
                took.append((began, time.perf_counter() - began))
                await asyncio.sleep(think)

        await asyncio.gather(*(reader(n, token) for n, token in enumerate(tokens)))
    return took


async def sign_in(base: str, n: int) -> int:
    """Account `n` signs in from 127.0.0.(n+2): its answer's status."""
    connector = aiohttp.TCPConnector(local_addr=(f"127.0.0.{n + 2}", 0))
    async with aiohttp.ClientSession(base, connector=connector) as http:
        login = {"username": f"bench-lawyer-{n}", "password": PASSWORD.format(n=n)}
        async with http.post("/auth/login", json=login) as answer:
            await answer.read()
            return answer.status


@dataclass
class Window:
    """What the readers saw in one window, and the CPU the server and this client used in it."""

    took: list[float]
    server: float
    client: float


async def window(
    server: Server, tokens: list[str], think: float, burst: int = 0, seconds: float = 0
) -> tuple[Window, float]:
    """The readers for `seconds`, or while `burst` accounts sign in at once (then the seconds
    the burst took): the requests started before its end count."""
    cpu, mine, start = server.cpu(), time.process_time(), time.perf_counter()
    if not burst:
        took = await read_pages(server.base, tokens, until(start + seconds), think)
        return Window([t for _, t in took], server.cpu() - cpu, time.process_time() - mine), 0
    over = asyncio.Event()
    readers = asyncio.create_task(read_pages(server.base, tokens, over.is_set, think))
    statuses = await asyncio.gather(*(sign_in(server.base, n) for n in range(burst)))
    end = time.perf_counter()
    used = Window([], server.cpu() - cpu, time.process_time() - mine)
    over.set()
    used.took = [t for began, t in await readers if began < end]
    ok = statuses.count(200)
    print(f"burst: {ok} of {burst} signed in (others: {sorted(set(statuses) - {200})})")
    return used, end - start


async def measure(server: Server, tokens: list[str], burst: int, args: argparse.Namespace) -> None:
    """The readers alone, during the burst, and alone again: the baseline on both sides of the
    burst, so a change of the machine's load in between shows."""
    load = os.getloadavg()[0]
    before, _ = await window(server, tokens, args.think, seconds=args.seconds)
    during, took = await window(server, tokens, args.think, burst=burst)
    after, _ = await window(server, tokens, args.think, seconds=args.seconds)
    print(f"{len(tokens)} readers of {PAGE}, each reading a page {args.think:g} s before the")
    print(f"next; {burst} sign-ins at once, one process, Argon2 at most {HASHING_AT_ONCE} at a")
    print(
        f"time, {os.cpu_count()} cores; load average {load:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after"
    )
    print(f"burst: all answered in {took:.2f} s")
    quiet = before.took + after.took
    report("readers, before the burst", before)
    report("readers, during the burst", during)
    report("readers, after the burst", after)
    if len(quiet) > 1 and len(during.took) > 1:
        page = (before.server + after.server) / len(quiet)
        hashing = (during.server - page * len(during.took)) / burst
        print(f"server CPU: {page * 1000:.1f} ms a page, {hashing * 1000:.0f} ms a sign-in")
        ratio = quantiles(during.took)[1] / quantiles(quiet)[1]
        verdict = "met" if ratio <= 2 else "NOT met"
        print(
            f"p95 during / without the burst (before and after): {ratio:.2f}"
            f" (target at most 2: {verdict})"
        )


def until(deadline: float) -> Callable[[], bool]:
    return lambda: time.perf_counter() >= deadline


def report(label: str, seen: Window) -> None:
    requests = len(seen.took)
    if requests < 2:
        print(f"{label}: {requests} request")
        return
    p50, p95 = quantiles(seen.took)
    client = seen.client * 1000 / requests
    print(
        f"{label:<27} {requests:5d} requests  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
        f"  (client CPU {client:.1f} ms each)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=60, help="sign-ins at once (at most 250)")
    parser.add_argument("--readers", type=int, default=5, help="signed-in users reading")
    parser.add_argument("--seconds", type=float, default=10, help="each quiet window")
    parser.add_argument(
        "--think", type=float, default=0.5, help="seconds a reader reads a page (0: none)"
    )
    args = parser.parse_args()
    with scratch_server() as admin:
        url = scratch_database(admin, "haki_bench_signin")
        upgrade(url)
        tokens = asyncio.run(prepare(url, args.burst, args.readers))
        with running(url) as server:
            warm_up = until(time.perf_counter() + 2)
            asyncio.run(read_pages(server.base, tokens, warm_up, 0))
            asyncio.run(measure(server, tokens, args.burst, args))


if __name__ == "__main__":
    main()
