"""Whether the reminder clock keeps up: 100,000 due at once, then the lag at 50 due per second."""

import argparse
import asyncio
import os
import random
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from haki_workers import Processes, haki_workers, still_running  # noqa: E402

from domain.reminders import DEFAULT_RULES  # noqa: E402
from service.database import asyncpg_dsn, scratch_database, scratch_server  # noqa: E402
from service.migrate import upgrade  # noqa: E402
from service.settings import Settings  # noqa: E402

HEARINGS = 5_000  # a week of hearings, ten for each case
STATIONS = ["Nairobi (Milimani)", "Nyeri", "Mombasa", "Kisumu", "Eldoret"]
PURPOSES = ["mention", "directions", "hearing", "submissions", "judgment_delivery"]
RATE = 50  # reminders falling due per second in the steady part
# seconds between the steady part's inserts: random, so that the reminders fall due at every
# point of the workers' interval rather than at one phase of it
GAP = (0.1, 0.2)
WAIT = 120.0  # seconds to wait for the workers before giving up
PENDING = "SELECT EXISTS (SELECT FROM reminders WHERE status = 'pending')"
EXACTLY_ONCE = """
SELECT (SELECT count(*) FROM notifications) AS notifications,
       (SELECT count(DISTINCT dedup_key) FROM notifications) AS keys,
       count(*) FILTER (WHERE status = 'handed_over' AND EXISTS (
           SELECT FROM notifications n WHERE n.dedup_key = 'reminder:' || r.id)) AS matched,
       count(*) FILTER (WHERE status = 'pending') AS pending,
       min(handed_over_at) AS first, max(handed_over_at) AS last
FROM reminders r
"""
LAG = """
SELECT count(*) AS reminders, count(*) FILTER (WHERE late) AS late,
       percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY lag) AS quantiles,
       max(lag) AS worst
FROM (SELECT late, extract(epoch FROM handed_over_at - due_at)::float8 * 1000 AS lag
      FROM reminders WHERE id > $1) AS stream
"""


async def insert_due(db: asyncpg.Connection, hearing_ids: list[uuid.UUID], count: int) -> None:
    """`count` pending reminders due this instant, spread over the hearings."""
    now = datetime.now(UTC)
    await db.copy_records_to_table(
        "reminders",
        records=[
            (
                hearing_ids[n % len(hearing_ids)],
                DEFAULT_RULES[n % len(DEFAULT_RULES)].audience.value,
                DEFAULT_RULES[n % len(DEFAULT_RULES)].words,
                now,
                "pending",
                False,
                now,
            )
            for n in range(count)
        ],
        columns=["hearing_id", "audience", "rule", "due_at", "status", "late", "created_at"],
    )


async def load(dsn: str, reminders: int) -> None:
    """Cases and their hearings a week ahead (a reminder of a hearing begun would expire)."""
    now = datetime.now(UTC)
    cases = [uuid.uuid4() for _ in range(HEARINGS // 10)]
    hearings = [uuid.uuid4() for _ in range(HEARINGS)]
    db = await asyncpg.connect(dsn)
    try:
        await db.copy_records_to_table(
            "cases",
            records=[
                (
                    case,
                    f"BENCH/{n}",
                    "Bench v AG",
                    "civil_claim",
                    "high_court",
                    STATIONS[n % len(STATIONS)],
                    f"HCCC {n + 1} of 2024",
                    ["Attorney General"],
                    "Bench Counsel",
                    "hearing",
                    date(2025, 1, 1),
                    1,
                    now,
                )
                for n, case in enumerate(cases)
            ],
            columns=[
                "id",
                "reference",
                "title",
                "kind",
                "court_level",
                "court_station",
                "court_number",
                "respondents",
                "lead_counsel",
                "stage",
                "stage_since",
                "version",
                "opened_at",
            ],
        )
        await db.copy_records_to_table(
            "hearings",
            records=[
                (
                    hearing,
                    cases[n % len(cases)],
                    now + timedelta(days=7, minutes=n),
                    STATIONS[n % len(STATIONS)],
                    PURPOSES[n % len(PURPOSES)],
                    "scheduled",
                    False,
                    0,
                    1,
                    now,
                )
                for n, hearing in enumerate(hearings)
            ],
            columns=[
                "id",
                "case_id",
                "starts_at",
                "station",
                "purpose",
                "status",
                "recorded_after_the_fact",
                "sequence",
                "version",
                "created_at",
            ],
        )
        await insert_due(db, hearings, reminders)
        await db.execute("ANALYZE")
    finally:
        await db.close()


@contextmanager
def workers(url: str, count: int, interval: float) -> Iterator[Processes]:
    with haki_workers(count, {"DATABASE_URL": url, "HAKI_CLOCK_SECONDS": str(interval)}) as started:
        yield started


async def until_none_pending(db: asyncpg.Connection, processes: Processes) -> None:
    deadline = time.perf_counter() + WAIT
    while await db.fetchval(PENDING):
        still_running(processes)
        if time.perf_counter() > deadline:
            raise SystemExit(f"reminders still pending after {WAIT:.0f} s")
        await asyncio.sleep(0.05)


async def backlog(dsn: str, processes: Processes, started: float) -> tuple[float, asyncpg.Record]:
    """Seconds from the workers' start until nothing is pending, and the exactly-once check."""
    db = await asyncpg.connect(dsn)
    try:
        await until_none_pending(db, processes)
        drained = time.perf_counter() - started
        return drained, await db.fetchrow(EXACTLY_ONCE)
    finally:
        await db.close()


async def until_connected(db: asyncpg.Connection, processes: Processes, since: datetime) -> None:
    """Until each worker has held its clock's connection for half a second, so that the stream
    does not time their start-up (the migration check connects only for a moment)."""
    deadline = time.perf_counter() + WAIT
    while await db.fetchval(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND pid <> pg_backend_pid() AND backend_start > $1"
        " AND backend_start < now() - interval '0.5 s'",
        since,
    ) < len(processes):
        still_running(processes)
        if time.perf_counter() > deadline:
            raise SystemExit(f"the workers did not connect within {WAIT:.0f} s")
        await asyncio.sleep(0.1)


async def steady(dsn: str, processes: Processes, since: datetime, seconds: float) -> asyncpg.Record:
    """RATE reminders due per second, each inserted as it falls due, and their lag."""
    db = await asyncpg.connect(dsn)
    try:
        await until_connected(db, processes, since)
        hearings = [r["id"] for r in await db.fetch("SELECT id FROM hearings")]
        first = await db.fetchval("SELECT max(id) FROM reminders")
        rng, total = random.Random(7), round(RATE * seconds)
        sent, started = 0, time.perf_counter()
        while sent < total:
            await asyncio.sleep(rng.uniform(*GAP))
            due = min(round(RATE * (time.perf_counter() - started)), total)
            await insert_due(db, hearings, due - sent)
            sent = due
            still_running(processes)
        await until_none_pending(db, processes)
        return await db.fetchrow(LAG, first)
    finally:
        await db.close()


async def vacuum(dsn: str) -> None:
    """What autovacuum would do soon after the backlog, so the steady part starts clean."""
    db = await asyncpg.connect(dsn)
    try:
        await db.execute("VACUUM ANALYZE reminders, notifications")
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=100_000, help="due at once")
    parser.add_argument("--seconds", type=float, default=30, help="length of the steady stream")
    parser.add_argument("--workers", type=int, default=2, help="`haki worker` processes")
    parser.add_argument("--interval", type=float, default=0.2, help="HAKI_CLOCK_SECONDS")
    args = parser.parse_args()

    with scratch_server() as admin:
        url = scratch_database(admin, "haki_bench_reminders")
        upgrade(url)
        dsn = asyncpg_dsn(url)
        started = time.perf_counter()
        asyncio.run(load(dsn, args.reminders))
        print(
            f"loaded {args.reminders:,} reminders due now on {HEARINGS:,} hearings a week ahead"
            f" in {time.perf_counter() - started:.1f} s"
        )
        print(
            f"`haki worker` processes: {args.workers}, clock every {args.interval:g} s,"
            f" batch {Settings().clock_batch}, on {os.cpu_count()} cores"
        )

        started = time.perf_counter()
        with workers(url, args.workers, args.interval) as processes:
            drained, check = asyncio.run(backlog(dsn, processes, started))
        span = (check["last"] - check["first"]).total_seconds()
        once = (
            check["notifications"] == check["keys"] == check["matched"] == args.reminders
            and check["pending"] == 0
        )
        print(f"{f'{args.reminders:,} due at once':<50}{'seconds':>8}{'handed over/s':>15}")
        for label, seconds in [
            ("  from the workers' start until none is pending", drained),
            ("  first to last handed_over_at (no start-up)", span),
        ]:
            print(f"{label:<50}{seconds:8.1f}{args.reminders / seconds:15,.0f}")
        print(
            f"  exactly once: {'yes' if once else 'no'} ({check['notifications']:,} notifications,"
            f" {check['keys']:,} distinct keys, {check['matched']:,} reminders with theirs,"
            f" {check['pending']} pending)"
        )

        asyncio.run(vacuum(dsn))
        since = datetime.now(UTC)
        with workers(url, args.workers, args.interval) as processes:
            lag = asyncio.run(steady(dsn, processes, since, args.seconds))
        title = f"{RATE} due per second for {args.seconds:g} s ({lag['reminders']:,} reminders)"
        print(f"{title:<50}{'p50':>6}{'p95':>6}{'p99':>6}{'max':>6}{'late':>6}")
        figures = "".join(f"{ms:6.0f}" for ms in [*lag["quantiles"], lag["worst"]])
        print(f"{'  lag, due -> handed over (ms)':<50}{figures}{lag['late']:6}")
        print(
            f"  (each worker looks every {args.interval:g} s:"
            " a reminder falling due waits up to that long for the next look)"
        )


if __name__ == "__main__":
    main()
