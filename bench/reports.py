"""`/reports/unpaid` on 1,000,000 awards: HTTP latency p50/p95 against the bare SQL, and the ratio.

Not a test: run `make bench-reports` (or `.venv/bin/python bench/reports.py --awards 100000`).
It makes a scratch database on the local PostgreSQL (or an embedded one) and loads generated
awards (bench/reports_data.py) by COPY, checking a sample against what the use case writes
(bench/reports_load.py). Then it serves the API from a separate process on loopback
(bench/haki_server.py), signs in an administrator and times the report through HTTP, with the
server's CPU per request: from today's base with nothing changed since; from the base with a
payment recorded through the API before each request (untimed, so the changes since the base
grow as they would through a day); the same for the CSV of one breakdown with small cells
merged; the first request of a day, finding the base the worker's pass of the day before
computed for it, with a payment since (bases deleted, that pass run and timed, and the payment
made before each of `--firsts` requests, untimed); the last request before the worker computes
the base again (5,000 changes since it); and with the bases deleted before each
request (the first request of a day had the worker been down a whole day, which is how every
first request of a day was answered before the worker computed the next day's base). In the
same run, the bare statement the use case runs for each, through asyncpg, and the plan of the
one computing a base (bench/reports_sql.py). At 1,000,000 awards the whole run took 5.5 minutes
on the shared 2-core machine at a load of 2-4 (under 3 of them loading), 10 at a load of 6-7.
"""

import argparse
import asyncio
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from haki_server import Server, quantiles, running, sign_in_administrator  # noqa: E402
from reports_data import TODAY  # noqa: E402
from reports_load import SAMPLE, check_sample, load, vacuum  # noqa: E402
from reports_sql import FORGET, Budget, Sent, bare, in_sql, plan  # noqa: E402

from service.database import (  # noqa: E402
    asyncpg_dsn,
    make_engine,
    scratch_database,
    scratch_server,
)
from service.migrate import upgrade  # noqa: E402
from service.usecases.reports.unpaid import Breakdown  # noqa: E402
from service.usecases.reports.unpaid_bases import compute_base  # noqa: E402
from service.usecases.reports.unpaid_refresh import BEHIND  # noqa: E402

BEHIND_SQL = """
UPDATE award_positions
   SET principal = principal - 0.01, paid_to_principal = paid_to_principal + 0.01
 WHERE id IN (SELECT id FROM award_positions
             WHERE valid_to IS NULL AND principal > 100 AND closed_on IS NULL LIMIT $1)
"""
"""positions changed without a payment (the figures are a benchmark's, not a ledger's): each
logs two changes, the row before and after"""
OWED = """
SELECT award_id FROM award_positions
WHERE valid_to IS NULL AND principal > 100 AND closed_on IS NULL ORDER BY random() LIMIT 500
"""


async def over_http(
    server: Server, token: str, url: str, params: dict[str, str], before: str, budget: Budget
) -> tuple[list[float], float]:
    """Seconds per request, one at a time, after one to warm up (which computes the base), and
    the server's CPU seconds over them; `before` each, untimed: nothing, "forget" (delete the
    bases), "pay" (a payment of KES 1.00 through the API on an award still owed) or "yesterday"
    (delete the bases, run the worker's pass of yesterday, which computes today's base too, then
    pay: `budget.firsts` times, each pass taking seconds); or, once before them all, "behind"
    (as many changes since the base as the worker lets pass before computing it again)."""
    took: list[float] = []
    cpu = 0.0
    headers = {"Authorization": f"Bearer {token}"}
    db = await asyncpg.connect(asyncpg_dsn(url))
    engine = make_engine(url, pool_size=1)
    passes: list[float] = []
    runs = budget.firsts if before == "yesterday" else budget.count
    try:
        owed = [str(row[0]) for row in await db.fetch(OWED)]
        async with httpx.AsyncClient(base_url=server.base, headers=headers, timeout=300) as http:
            deadline = time.perf_counter() + budget.seconds
            if before == "behind":
                await db.execute(BEHIND_SQL, BEHIND // 2)
            for n in range(runs + 1):
                if before == "forget" or (n and before == "yesterday"):
                    await db.execute(FORGET)
                if n and before == "yesterday":
                    started = time.perf_counter()
                    await compute_base(engine, TODAY - timedelta(days=1), ahead=True)
                    passes.append(time.perf_counter() - started)
                while n and before in ("pay", "yesterday") and not await paid(http, owed.pop()):
                    pass
                started, used = time.perf_counter(), server.cpu()
                response = await http.get("/reports/unpaid", params=params)
                if response.status_code != 200:
                    raise SystemExit(f"/reports/unpaid: {response.status_code} {response.text}")
                if n:
                    took.append(time.perf_counter() - started)
                    cpu += server.cpu() - used
                if time.perf_counter() > deadline and len(took) > 1:
                    break
    finally:
        await db.close()
        await engine.dispose()
    if passes:
        each = ", ".join(f"{p:.1f}" for p in passes)
        print(f"  (the worker's passes, two days' bases each: {each} s)")
    return took, cpu


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


CSV = {"breakdown": "respondent", "format": "csv"}
SERIES = [  # label, query parameters, breakdowns, merged, before each request
    ("all breakdowns, nothing changed", {}, list(Breakdown), False, ""),
    ("all breakdowns, a payment before each", {}, list(Breakdown), False, "pay"),
    (f"all breakdowns, {BEHIND:,} changes since the base", {}, list(Breakdown), False, "behind"),
    ("CSV by respondent, merged, a payment before", CSV, [Breakdown.RESPONDENT], True, "pay"),
    ("first of a day, base from the day before, paid", {}, list(Breakdown), False, "yesterday"),
    ("all breakdowns, base computed in the request", {}, list(Breakdown), False, "forget"),
]


def timed(url: str, dsn: str, budget: Budget) -> tuple[list[Any], Sent]:
    """Each series through HTTP and its statement bare (reading the base, or computing it); the
    statement computing a base. Catching them computes a base, so it is done again only when
    the bases were deleted since (the one reading a base names it) or for another report."""
    token = asyncio.run(sign_in_administrator(url))
    rows = []
    caught: dict[tuple[tuple[Breakdown, ...], bool], tuple[Sent, Sent]] = {}
    with running(url) as server:
        for label, params, breakdowns, merge, before in SERIES:
            started = time.perf_counter()
            asked = {"as_of": TODAY.isoformat(), **params}
            http, cpu = asyncio.run(over_http(server, token, url, asked, before, budget))
            shape = (tuple(breakdowns), merge)
            if shape not in caught or before == "yesterday":
                caught = {shape: asyncio.run(bare(url, breakdowns, merge))}
            computes, reads = caught[shape]
            sql = asyncio.run(in_sql(dsn, computes if before == "forget" else reads, budget))
            cpu_ms = cpu * 1000 / len(http)
            rows.append((label, quantiles(http), quantiles(sql), len(http), len(sql), cpu_ms))
            print(f"  ({label}: timed in {time.perf_counter() - started:.0f} s)")
    return rows, computes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--awards", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=20, help="timed per series")
    parser.add_argument("--seconds", type=float, default=45, help="at most, per series")
    parser.add_argument(
        "--firsts", type=int, default=3, help="first requests of a day, a worker's pass each"
    )
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
        rows, computing = timed(url, dsn, Budget(args.requests, args.seconds, args.firsts))
        explained = asyncio.run(plan(dsn, computing))

    print(f"GET /reports/unpaid?as_of={TODAY} (JSON), {args.awards:,} awards, one API process")
    print(f"{'':<48}{'p50 ms':>9}{'p95 ms':>9}{'runs':>6}{'API CPU ms':>12}")
    for label, http, sql, http_runs, sql_runs, cpu_ms in rows:
        print(f"{label:<48}")
        print(f"{'  through HTTP':<48}{http[0]:9.0f}{http[1]:9.0f}{http_runs:6}{cpu_ms:12.0f}")
        print(f"{'  bare SQL (asyncpg)':<48}{sql[0]:9.0f}{sql[1]:9.0f}{sql_runs:6}")
        print(f"{'  ratio HTTP/SQL':<48}{http[0] / sql[0]:9.2f}{http[1] / sql[1]:9.2f}")
    for label, http, *_ in rows:
        verdict = "met" if http[0] < 300 else "NOT met"
        if label == SERIES[-1][0]:
            verdict += " (not a target: the worker down a whole day)"
        print(f"target, p50 under 300 ms through HTTP, {label}: {verdict}")
    print("plan of the statement computing a base, top nodes:")
    for line in explained:
        print(f"  {line[:150]}")


if __name__ == "__main__":
    main()
