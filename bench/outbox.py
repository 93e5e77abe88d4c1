"""Whether the dispatcher keeps up: 50,000 texts queued at once to a local gateway, then 100/s."""

import argparse
import asyncio
import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from haki_workers import Processes, compile_workers, haki_workers, still_running  # noqa: E402
from outbox_figures import report, worker_cpu  # noqa: E402
from outbox_gateway import gateway  # noqa: E402

from domain.audit import Actor  # noqa: E402
from domain.cases import Case  # noqa: E402
from domain.stages import CaseKind, CourtLevel  # noqa: E402
from domain.users import Role  # noqa: E402
from notifications.outbox import Message, enqueue  # noqa: E402
from service.database import (  # noqa: E402
    asyncpg_dsn,
    make_engine,
    make_sessionmaker,
    scratch_database,
    scratch_server,
)
from service.migrate import upgrade  # noqa: E402
from service.usecases.accounts.staff_addresses import Addresses  # noqa: E402
from service.usecases.accounts.team import assign  # noqa: E402
from service.usecases.accounts.users import add_user  # noqa: E402
from service.usecases.cases.register import open_case  # noqa: E402
from service.usecases.families.survivors import register_survivor  # noqa: E402

PHONE = "+254712345678"  # the one lawyer on the team, with no e-mail: every message is an SMS
PURPOSES = ["mention", "directions", "hearing", "submissions", "judgment_delivery"]
# hearings one minute apart from here, so that every text differs and a duplicate shows at the
# gateway as a text seen twice
FIRST_HEARING = (datetime.now(UTC) + timedelta(days=7)).replace(second=0, microsecond=0)
CHUNK = 1_000  # notifications per `enqueue` transaction while loading
RATE = 100  # notifications queued per second in the steady part
GAP = (0.1, 0.2)  # seconds between the steady part's transactions: random, as in reminders.py
WAIT = 150.0  # seconds to wait for the backlog to be sent before giving up
STEADY_WAIT = 30.0  # the same, after the steady part's last notification
UNSETTLED = """
SELECT (SELECT count(*) FROM notifications WHERE status = 'queued') AS notifications,
       (SELECT count(*) FROM deliveries WHERE status IN ('queued', 'sending')) AS deliveries
"""
SETTLED = "SELECT count(*) FROM deliveries WHERE status NOT IN ('queued', 'sending')"


def reminders(case: Case, first: int, count: int) -> list[Message]:
    """Team reminders of hearings `first`… minutes after FIRST_HEARING, as the clock queues them."""
    return [
        Message(
            f"bench:{n}",
            "hearing_reminder",
            "team",
            case.id,
            {
                "starts_at": (FIRST_HEARING + timedelta(minutes=n)).isoformat(),
                "purpose": PURPOSES[n % len(PURPOSES)],
                "station": case.court_station,
                "court_room": f"Court {n % 9 + 1}",
                "case_reference": case.reference,
                "court_number": case.court_number,
                "late": False,
            },
        )
        for n in range(first, first + count)
    ]


async def load(url: str, count: int) -> Case:
    """A case with one lawyer on its team, made by the use cases, then `count` reminders queued
    in chunks (each chunk's `created_at` the instant it was queued)."""
    engine = make_engine(url)
    actor = Actor("bench", "local")
    try:
        async with make_sessionmaker(engine)() as session:
            lawyer = await add_user(
                session,
                actor,
                username="bench-counsel",
                full_name="Bench Counsel",
                role=Role.LAWYER,
                password="benchmark-password",
                addresses=Addresses(phone=PHONE),
            )
            survivor = await register_survivor(session, actor, full_name="Bench Survivor")
            case = await open_case(
                session,
                actor,
                reference="HAKI/BENCH/2026/001",
                title="B.S. v Attorney General & another",
                kind=CaseKind.CONSTITUTIONAL_PETITION,
                court_level=CourtLevel.HIGH_COURT,
                court_station="Nairobi (Milimani)",
                lead_counsel="Bench Counsel",
                claimants=[survivor.code],
                respondents=["Attorney General", "Inspector General"],
                court_number="Petition No. E123 of 2025",
            )
            assert case.id is not None and lawyer.id is not None
            await assign(session, actor, case.id, lawyer.id, lead=True)
        for start in range(0, count, CHUNK):
            async with engine.begin() as connection:
                batch = reminders(case, start, min(CHUNK, count - start))
                await enqueue(connection, batch, datetime.now(UTC))
    finally:
        await engine.dispose()
    return case


async def last_id(dsn: str) -> int:
    """The last notification queued so far; ANALYZE too, so the workers' plans see the rows."""
    db = await asyncpg.connect(dsn)
    try:
        await db.execute("ANALYZE notifications")
        return int(await db.fetchval("SELECT max(id) FROM notifications"))
    finally:
        await db.close()


@contextmanager
def workers(url: str, count: int, interval: float, batch: int, sms: str) -> Iterator[Processes]:
    """`haki worker` processes sending SMS to `sms`, stopped with SIGTERM however we leave."""
    settings = {
        "DATABASE_URL": url,
        "HAKI_CLOCK_SECONDS": str(interval),
        "HAKI_DISPATCH_BATCH": str(batch),
        "HAKI_SMS_URL": sms,
        "HAKI_SMS_USERNAME": "bench",
        "HAKI_SMS_API_KEY": "bench-key",
    }
    with haki_workers(count, settings) as started:
        yield started


async def until_settled(dsn: str, processes: Processes, wait: float) -> asyncpg.Record:
    """Until no notification is left to expand and no delivery queued or sending, or `wait`
    seconds; returns what was left (zeros when all went)."""
    db = await asyncpg.connect(dsn)
    try:
        deadline = time.perf_counter() + wait
        while any(left := await db.fetchrow(UNSETTLED)) and time.perf_counter() < deadline:
            still_running(processes)
            await asyncio.sleep(0.2)
        return left
    finally:
        await db.close()


async def first_settled(dsn: str, processes: Processes) -> tuple[int, float]:
    """Waits for the workers' first settled text, so that the CPU counted per text leaves out
    their start-up (imports take seconds on a loaded machine); the count then, and the CPU."""
    db = await asyncpg.connect(dsn)
    try:
        while not (settled := await db.fetchval(SETTLED)):
            still_running(processes)
            await asyncio.sleep(0.05)
        return settled, worker_cpu(processes)
    finally:
        await db.close()


async def steady(
    url: str, case: Case, processes: Processes, first: int, seconds: float
) -> asyncpg.Record:
    """RATE reminders queued per second through `enqueue`, each transaction waking the workers
    by NOTIFY as the clock's would; then waits for them to be sent."""
    engine = make_engine(url, pool_size=1)
    try:
        rng, total = random.Random(7), round(RATE * seconds)
        sent, started = 0, time.perf_counter()
        while sent < total:
            await asyncio.sleep(rng.uniform(*GAP))
            due = min(round(RATE * (time.perf_counter() - started)), total)
            async with engine.begin() as connection:
                await enqueue(
                    connection, reminders(case, first + sent, due - sent), datetime.now(UTC)
                )
            sent = due
            still_running(processes)
    finally:
        await engine.dispose()
    return await until_settled(asyncpg_dsn(url), processes, STEADY_WAIT)


async def vacuum(dsn: str) -> None:
    """What autovacuum would do soon after the backlog, so the steady part starts clean."""
    db = await asyncpg.connect(dsn)
    try:
        await db.execute("VACUUM ANALYZE notifications, deliveries")
    finally:
        await db.close()


@contextmanager
def own_database(admin: str) -> Iterator[str]:
    """A scratch database named after this process, so that two runs (of two checkouts, say)
    never share one; dropped at the end."""
    name = f"haki_bench_outbox_{os.getpid()}"
    try:
        yield scratch_database(admin, name)
    finally:
        asyncio.run(drop(admin, name))


async def drop(admin: str, name: str) -> None:
    db = await asyncpg.connect(admin)
    try:
        await db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=50_000, help="queued at once")
    parser.add_argument("--seconds", type=float, default=20, help="length of the steady stream")
    parser.add_argument("--workers", type=int, default=2, help="`haki worker` processes")
    parser.add_argument("--interval", type=float, default=0.5, help="HAKI_CLOCK_SECONDS")
    parser.add_argument("--batch", type=int, default=200, help="HAKI_DISPATCH_BATCH")
    args = parser.parse_args()

    with scratch_server() as admin, own_database(admin) as url, gateway() as sms:
        upgrade(url)
        dsn = asyncpg_dsn(url)
        started = time.perf_counter()
        case = asyncio.run(load(url, args.notifications))
        backlog = (1, asyncio.run(last_id(dsn)))
        print(
            f"queued {args.notifications:,} hearing reminders to a case's team (one lawyer, by SMS)"
            f" in {time.perf_counter() - started:.1f} s"
        )
        print(
            f"`haki worker` processes: {args.workers}, looking every {args.interval:g} s,"
            f" dispatch batch {args.batch}, on {os.cpu_count()} cores; the gateway on loopback"
            " in a process of its own"
        )
        compile_workers()
        began = datetime.now(UTC)
        with workers(url, args.workers, args.interval, args.batch, sms) as processes:
            warm = asyncio.run(first_settled(dsn, processes))
            left = asyncio.run(until_settled(dsn, processes, WAIT))
            used = worker_cpu(processes) - warm[1]
            print(f"  (CPU counted from the first settled text on, after start-up: {warm[0]:,} in)")
            print(f"{f'{args.notifications:,} queued at once':<50}{'seconds':>8}{'texts/s':>10}")
            report(sms, dsn, backlog, left, began, used, warm[0])
            if any(left):
                raise SystemExit("the steady part needs the backlog sent first: not run")

            asyncio.run(vacuum(dsn))
            left = asyncio.run(steady(url, case, processes, args.notifications, args.seconds))
            stream = (backlog[1] + 1, asyncio.run(last_id(dsn)))
            print(
                f"{RATE} queued per second for {args.seconds:g} s"
                f" ({stream[1] - stream[0] + 1:,} notifications)"
            )
            report(sms, dsn, stream, left, None)


if __name__ == "__main__":
    main()
