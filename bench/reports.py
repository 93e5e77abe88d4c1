"""`/reports/unpaid` on 1,000,000 awards: HTTP latency p50/p95 against the bare SQL, and the ratio.

Not a test: run `make bench-reports` (or `.venv/bin/python bench/reports.py --awards 100000`).
It makes a scratch database on the local PostgreSQL (or an embedded one) and loads generated
awards (bench/reports_data.py) by COPY, checking a sample against what the use case writes
(bench/reports_load.py). Then it serves the API from a separate process on loopback, signs in
an administrator and times the report through HTTP: from today's base with nothing changed
since; from the base with a payment recorded through the API before each request (untimed, so
the changes since the base grow as they would through a day); the same for the CSV of one
breakdown with small cells merged; the first request of a day, finding the base the worker's
pass of the day before computed for it, with a payment since (bases deleted, that pass run
and the payment made before each request, untimed); and with the bases deleted before each
request (the first request of a day had the worker been down a whole day, which is how every
first request of a day was answered before the worker computed the next day's base). In the
same run, the bare statement the use case runs for each, through asyncpg, and the plan of the
one computing a base.
"""

import argparse
import asyncio
import os
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from haki_server import quantiles, serving, sign_in_administrator  # noqa: E402
from reports_data import TODAY  # noqa: E402
from reports_load import SAMPLE, check_sample, load, vacuum  # noqa: E402

from service.database import (  # noqa: E402
    asyncpg_dsn,
    make_engine,
    make_sessionmaker,
    scratch_database,
    scratch_server,
)
from service.migrate import upgrade  # noqa: E402
from service.usecases.reports.unpaid import Breakdown, unpaid_awards  # noqa: E402
from service.usecases.reports.unpaid_bases import compute_base  # noqa: E402

FORGET = "DELETE FROM unpaid_bases"
OWED = """
SELECT award_id FROM award_positions
WHERE valid_to IS NULL AND principal > 100 AND closed_on IS NULL ORDER BY random() LIMIT 500
"""
Sent = tuple[str, tuple[Any, ...]]


@dataclass(frozen=True)
class Budget:
    """Runs timed per series, and seconds at most."""

    count: int
    seconds: float


async def over_http(
    base: str, token: str, url: str, params: dict[str, str], before: str, budget: Budget
) -> list[float]:
    """Seconds per request, one at a time, after one to warm up (which computes the base);
    `before` each, untimed: nothing, "forget" (delete the bases), "pay" (a payment of
    KES 1.00 through the API on an award still owed) or "yesterday" (delete the bases, run the
    worker's pass of yesterday, which computes today's base too, then pay)."""
    took: list[float] = []
    headers = {"Authorization": f"Bearer {token}"}
    db = await asyncpg.connect(asyncpg_dsn(url))
    engine = make_engine(url, pool_size=1)
    try:
        owed = [str(row[0]) for row in await db.fetch(OWED)]
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=300) as http:
            deadline = time.perf_counter() + budget.seconds
            for n in range(budget.count + 1):
                if before in ("forget", "yesterday"):
                    await db.execute(FORGET)
                if before == "yesterday":
                    started = time.perf_counter()
                    await compute_base(engine, TODAY - timedelta(days=1), ahead=True)
                    if not n:
                        took_pass = time.perf_counter() - started
                        print(f"  (the worker's pass, two days' bases: {took_pass:.1f} s)")
                while n and before in ("pay", "yesterday") and not await paid(http, owed.pop()):
                    pass
                started = time.perf_counter()
                response = await http.get("/reports/unpaid", params=params)
                if response.status_code != 200:
                    raise SystemExit(f"/reports/unpaid: {response.status_code} {response.text}")
                if n:
                    took.append(time.perf_counter() - started)
                if time.perf_counter() > deadline:
                    break
    finally:
        await db.close()
        await engine.dispose()
    return took


async def paid(http: httpx.AsyncClient, award: str) -> bool:
    """A payment recorded on `award`, unless its stage takes none (then the caller tries
    another)."""
    response = await http.post(
        f"/awards/{award}/payments",
        json={
            "received_on": TODAY.isoformat(),
            "amount": "1.00",
            "payer": "The National Treasury",
            "reference": f"bench {award}",
        },
    )
    if response.status_code not in (201, 409, 422):
        raise SystemExit(f"POST /awards/{award}/payments: {response.status_code} {response.text}")
    return response.status_code == 201


async def bare(url: str, breakdowns: list[Breakdown], merge: bool) -> tuple[Sent, Sent]:
    """The statements `unpaid_awards` sends to asyncpg, with their arguments, caught as it runs
    the report with these breakdowns after deleting the bases: the one computing the base, and
    the one reading it with the changes since."""
    engine = make_engine(url, pool_size=2)
    sent: list[Sent] = []

    def catch(conn: Any, cursor: Any, statement: str, parameters: Any, *rest: Any) -> None:
        sent.append((statement, tuple(parameters)))

    event.listen(engine.sync_engine, "before_cursor_execute", catch)
    try:
        async with engine.begin() as db:
            await db.exec_driver_sql(FORGET)
        async with make_sessionmaker(engine)() as session:
            await unpaid_awards(session, TODAY, breakdowns, merge)
    finally:
        await engine.dispose()
    computing = next(s for s in sent if "'snapshot'" in s[0])
    return computing, [s for s in sent if "FROM unpaid_base_cells" in s[0]][-1]


async def in_sql(dsn: str, sent: Sent, budget: Budget) -> list[float]:
    """Seconds per run of the statement on a connection set as the use case sets its own."""
    db = await asyncpg.connect(dsn)
    try:
        await db.execute("SET jit = off")
        await db.execute("SET work_mem = '256MB'")
        took: list[float] = []
        deadline = time.perf_counter() + budget.seconds
        for n in range(budget.count + 1):
            started = time.perf_counter()
            await db.fetch(sent[0], *sent[1])
            if n:
                took.append(time.perf_counter() - started)
            if time.perf_counter() > deadline:
                break
        return took
    finally:
        await db.close()


async def plan(dsn: str, sent: Sent) -> list[str]:
    """EXPLAIN ANALYZE's top nodes (three levels deep) and its timings."""
    db = await asyncpg.connect(dsn)
    try:
        await db.execute("SET jit = off")
        await db.execute("SET work_mem = '256MB'")
        lines = [r[0] for r in await db.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sent[0]}", *sent[1])]
    finally:
        await db.close()
    top = [line for line in lines if len(line) - len(line.lstrip()) <= 14 and "->" in line]
    return [lines[0], *top, *(line for line in lines if line.endswith(" ms"))]


CSV = {"breakdown": "respondent", "format": "csv"}
SERIES = [  # label, query parameters, breakdowns, merged, before each request
    ("all breakdowns, nothing changed", {}, list(Breakdown), False, ""),
    ("all breakdowns, a payment before each", {}, list(Breakdown), False, "pay"),
    ("CSV by respondent, merged, a payment before", CSV, [Breakdown.RESPONDENT], True, "pay"),
    ("first of a day, base from the day before, paid", {}, list(Breakdown), False, "yesterday"),
    ("all breakdowns, base computed in the request", {}, list(Breakdown), False, "forget"),
]


def timed(url: str, dsn: str, budget: Budget) -> tuple[list[Any], Sent]:
    """Each series through HTTP and its statement bare (reading the base, or computing it); the
    statement computing a base."""
    token = asyncio.run(sign_in_administrator(url))
    rows = []
    with serving(url) as base:
        for label, params, breakdowns, merge, before in SERIES:
            started = time.perf_counter()
            asked = {"as_of": TODAY.isoformat(), **params}
            http = asyncio.run(over_http(base, token, url, asked, before, budget))
            computes, reads = asyncio.run(bare(url, breakdowns, merge))
            sql = asyncio.run(in_sql(dsn, computes if before == "forget" else reads, budget))
            rows.append((label, quantiles(http), quantiles(sql), len(http), len(sql)))
            print(f"  ({label}: timed in {time.perf_counter() - started:.0f} s)")
    return rows, computes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--awards", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=30, help="timed per series")
    parser.add_argument("--seconds", type=float, default=90, help="at most, per series")
    args = parser.parse_args()

    with scratch_server() as admin:
        url = scratch_database(admin, "haki_bench_reports")
        upgrade(url)
        dsn = asyncpg_dsn(url)
        started = time.perf_counter()
        positions = load(dsn, args.awards)
        print(
            f"loaded {args.awards:,} awards and {positions:,} positions by COPY"
            f" ({os.cpu_count()} processes) in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        asyncio.run(vacuum(dsn))
        print(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s")
        differ = asyncio.run(check_sample(url, SAMPLE))
        print(
            f"{SAMPLE} random awards: positions as refresh_positions writes them:"
            f" {'all the same' if not differ else f'{differ} DIFFER'}"
        )
        if differ:
            raise SystemExit("the bulk positions are not what the use case writes")
        rows, computing = timed(url, dsn, Budget(args.requests, args.seconds))
        explained = asyncio.run(plan(dsn, computing))

    print(f"GET /reports/unpaid?as_of={TODAY} (JSON), {args.awards:,} awards, one API process")
    print(f"{'':<48}{'p50 ms':>9}{'p95 ms':>9}{'runs':>6}")
    for label, http, sql, http_runs, sql_runs in rows:
        print(f"{label:<48}")
        print(f"{'  through HTTP':<48}{http[0]:9.0f}{http[1]:9.0f}{http_runs:6}")
        print(f"{'  bare SQL (asyncpg)':<48}{sql[0]:9.0f}{sql[1]:9.0f}{sql_runs:6}")
        print(f"{'  ratio HTTP/SQL':<48}{http[0] / sql[0]:9.2f}{http[1] / sql[1]:9.2f}")
    for label, http, *_ in rows:
        verdict = "met" if http[0] < 300 else "NOT met"
        print(f"target, p50 under 300 ms through HTTP, {label}: {verdict}")
    print("plan of the statement computing a base, top nodes:")
    for line in explained:
        print(f"  {line[:150]}")


if __name__ == "__main__":
    main()
