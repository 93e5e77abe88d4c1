"""`/reports/unpaid` on 1,000,000 awards: HTTP latency p50/p95 against the bare SQL, and the ratio.

Not a test: run `make bench-reports` (or `.venv/bin/python bench/reports.py --awards 100000`).
It makes a scratch database on the local PostgreSQL (or an embedded one) and loads awards with a
realistic spread (respondents, judgments 2010 to today, stations, 1-3 heads at 12% or 14%, most
never paid, some paid in full) straight into the tables by COPY, one process per core, each
award's positions computed by `domain.positions.position_rows` as it is generated; a random
sample is then checked against what `refresh_positions` writes. Then it serves the API from a
separate process on loopback, signs in an administrator and times the report through HTTP, and
in the same run the bare statement the use case runs, through asyncpg, with its plan.
"""

import argparse
import asyncio
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import event, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.audit import Actor  # noqa: E402
from domain.awards import Award  # noqa: E402
from domain.calendar import nairobi_today  # noqa: E402
from domain.interest import Head, Payment, statement  # noqa: E402
from domain.money import cents  # noqa: E402
from domain.positions import position_rows  # noqa: E402
from domain.stations import STATIONS  # noqa: E402
from domain.users import Role  # noqa: E402
from service.database import (  # noqa: E402
    asyncpg_dsn,
    make_engine,
    make_sessionmaker,
    scratch_database,
    scratch_server,
)
from service.migrate import upgrade  # noqa: E402
from service.settings import Settings  # noqa: E402
from service.usecases.accounts import add_user, open_session  # noqa: E402
from service.usecases.positions import refresh_positions  # noqa: E402
from service.usecases.unpaid import Breakdown, unpaid_awards  # noqa: E402

TODAY = nairobi_today(datetime.now(UTC))
FIRST_JUDGMENT = date(2010, 1, 1)
CHUNK = 20_000  # awards per COPY transaction, each generated in a worker process
COUNTIES = ["Nairobi", "Mombasa", "Kisumu", "Nakuru", "Uasin Gishu", "Kakamega", "Garissa"]
RESPONDENTS = {  # share of awards; a County Government's share is spread over COUNTIES
    "Attorney General": 35,
    "National Police Service": 25,
    "Inspector General": 15,
    "Ministry of Interior": 10,
    "County Government": 15,
}
BUSY = ["Nairobi (Milimani)", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Nyeri"]
NEVER_PAID = 0.55  # of awards, no payment at all
PAID_IN_FULL = 0.15  # of the awards paid something, the last payment clears them
SAMPLE = 200  # awards whose positions are checked against refresh_positions
ALLOCATION = Settings().payment_allocation
COLUMNS = {
    "cases": [
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
        "judgment_on",
        "version",
        "opened_at",
    ],
    "survivors": ["id", "code", "full_name", "created_at"],
    "case_claimants": ["case_id", "survivor_id"],
    "awards": [
        "id",
        "case_id",
        "survivor_id",
        "respondent",
        "judgment_on",
        "rate_percent",
        "rate_as_ordered",
        "stage",
        "stage_since",
        "served_on",
        "version",
        "created_at",
    ],
    "award_heads": ["award_id", "kind", "amount", "interest_from"],
    "payments_received": ["award_id", "received_on", "amount", "payer", "reference", "recorded_at"],
    "award_positions": [
        "award_id",
        "valid_from",
        "valid_to",
        "awarded",
        "principal",
        "unpaid_interest",
        "accrued",
        "paid_to_interest",
        "paid_to_principal",
        "bearing",
        "bearing_from",
        "bearing_sum",
        "bearing_day_sum",
        "bearing_latest",
    ],
}
POSITION = """
SELECT valid_from, valid_to, awarded, principal, unpaid_interest, accrued, paid_to_interest,
       paid_to_principal, bearing, bearing_from, bearing_sum, bearing_day_sum, bearing_latest,
       survivor_id, respondent, judgment_on, served_on, closed_on, rate_percent, court_station
FROM award_positions WHERE award_id = :award ORDER BY valid_from
"""
Tables = dict[str, list[tuple[Any, ...]]]


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def respondent(rng: random.Random) -> str:
    chosen = rng.choices(list(RESPONDENTS), weights=list(RESPONDENTS.values()))[0]
    return f"{chosen} of {rng.choice(COUNTIES)}" if chosen == "County Government" else chosen


def heads_of(rng: random.Random, judged: date, filed: date) -> tuple[Head, ...]:
    """General damages from judgment; maybe exemplary from filing; maybe costs once taxed."""
    heads = [Head("general", Decimal(rng.randrange(150_000, 4_000_000)), judged)]
    if rng.random() < 0.4:
        heads.append(Head("exemplary", Decimal(rng.randrange(100_000, 1_000_000)), filed))
    if rng.random() < 0.5:
        taxed = judged + timedelta(days=rng.randrange(60, 400))
        heads.append(Head("costs", Decimal(rng.randrange(50_000, 500_000)), min(taxed, TODAY)))
    return tuple(heads)


def payments_of(
    rng: random.Random, heads: tuple[Head, ...], rate: Decimal, after: date
) -> tuple[Payment, ...]:
    """None for most; else 1-5 part payments (3-14% of the principal each, never over 70% in
    all), the last clearing the award for some."""
    if rng.random() < NEVER_PAID:
        return ()
    principal = sum((h.amount for h in heads), Decimal(0))
    paid: list[Payment] = []
    day = after
    for n in range(rng.randint(1, 5)):
        day += timedelta(days=rng.randrange(60, 500))
        if day > TODAY:
            break
        share = Decimal(rng.randrange(3, 15)) / 100
        paid.append(Payment(day, cents(principal * share), f"PV-{n}"))
    day += timedelta(days=rng.randrange(30, 400))
    if paid and day <= TODAY and rng.random() < PAID_IN_FULL:
        owed = statement(heads, rate, tuple(paid), day, ALLOCATION).outstanding
        paid.append(Payment(day, owed, "PV-final"))
    return tuple(paid)


def stage_of(
    rng: random.Random, judged: date, served: date | None, paid: tuple[Payment, ...], full: bool
) -> tuple[str, date]:
    """The award's stage and since when, roughly as the machine would have left it."""
    if rng.random() < 0.02:
        return rng.choice(["set_aside", "written_off"]), day_between(rng, judged, TODAY)
    if full:
        return "paid_in_full", paid[-1].on
    if paid:
        return "partially_paid", paid[0].on
    if served is not None:
        return rng.choice(["served_on_ag", "served_on_ag", "enforcement"]), served
    return rng.choice(["awarded", "decree_extracted", "certificate_issued"]), judged


def add_award(
    tables: Tables, rng: random.Random, case: uuid.UUID, n: int, judged: date, filed: date
) -> None:
    now = datetime.now(UTC)
    award, survivor = uuid.UUID(int=rng.getrandbits(128)), uuid.UUID(int=rng.getrandbits(128))
    rate = Decimal(rng.choice([12, 12, 12, 14]))
    heads = heads_of(rng, judged, filed)
    served = judged + timedelta(days=rng.randrange(20, 500)) if rng.random() < 0.75 else None
    served = served if served is not None and served <= TODAY else None
    paid = payments_of(rng, heads, rate, served or judged)
    full = bool(paid) and paid[-1].reference == "PV-final"
    stage, since = stage_of(rng, judged, served, paid, full)
    tables["survivors"].append((survivor, f"S-{judged.year}-{n:07d}", f"Survivor {n}", now))
    tables["case_claimants"].append((case, survivor))
    tables["awards"].append(
        (
            award,
            case,
            survivor,
            respondent(rng),
            judged,
            rate,
            f"{rate}% a year from judgment",
            stage,
            since,
            served,
            1,
            now,
        )
    )
    tables["award_heads"] += [(award, h.name, h.amount, h.interest_from) for h in heads]
    tables["payments_received"] += [
        (award, p.on, p.amount, "National Treasury", f"{p.reference}-{n}", now) for p in paid
    ]
    tables["award_positions"] += [
        tuple(row[c] for c in COLUMNS["award_positions"])
        for row in position_rows(award, judged, heads, rate, paid, ALLOCATION)
    ]


def generate(first: int, count: int) -> Tables:
    """Awards `first` to `first + count - 1`: cases of 1-3 claimants, one award each."""
    rng = random.Random(first)
    tables: Tables = {name: [] for name in COLUMNS}
    n = first
    while n < first + count:
        case = uuid.UUID(int=rng.getrandbits(128))
        judged = day_between(rng, FIRST_JUDGMENT, TODAY)
        filed = judged - timedelta(days=rng.randrange(365, 2500))
        station = rng.choice(BUSY) if rng.random() < 0.5 else rng.choice(STATIONS)
        tables["cases"].append(
            (
                case,
                f"HAKI/BENCH/{n}",
                "Survivors v Attorney General & others",
                rng.choice(["constitutional_petition", "civil_claim"]),
                "high_court",
                station,
                f"Petition No. E{n} of {filed.year}",
                ["Attorney General"],
                "Bench Counsel",
                "compensation",
                judged,
                judged,
                1,
                datetime.now(UTC),
            )
        )
        for _ in range(min(rng.choice([1, 1, 1, 2, 2, 3]), first + count - n)):
            add_award(tables, rng, case, n, judged, filed)
            n += 1
    return tables


def load_chunk(job: tuple[str, int, int]) -> tuple[int, float, float]:
    """In a worker process: generates a chunk and COPYs it in one transaction; returns the
    positions written and the seconds spent generating and copying."""
    dsn, first, count = job
    started = time.perf_counter()
    tables = generate(first, count)
    generated = time.perf_counter()

    async def copy() -> None:
        db = await asyncpg.connect(dsn)
        try:
            async with db.transaction():
                for name, records in tables.items():
                    await db.copy_records_to_table(name, records=records, columns=COLUMNS[name])
        finally:
            await db.close()

    asyncio.run(copy())
    done = time.perf_counter()
    return len(tables["award_positions"]), generated - started, done - generated


def load(dsn: str, awards: int) -> int:
    jobs = [(dsn, first, min(CHUNK, awards - first)) for first in range(0, awards, CHUNK)]
    generating = copying = 0.0
    positions = 0
    with multiprocessing.Pool(os.cpu_count()) as pool:
        for written, generated, copied in pool.imap_unordered(load_chunk, jobs):
            positions, generating, copying = (
                positions + written,
                generating + generated,
                copying + copied,
            )
    print(
        f"  (CPU-seconds over the workers: generating and positions {generating:.0f},"
        f" COPY {copying:.0f})"
    )
    return positions


async def vacuum(dsn: str) -> None:
    """What autovacuum would do after a bulk load: statistics and the visibility map."""
    db = await asyncpg.connect(dsn, command_timeout=None)
    try:
        await db.execute("VACUUM ANALYZE")
    finally:
        await db.close()


async def check_sample(url: str, size: int) -> int:
    """Rewrites `size` random awards' positions with `refresh_positions` (the use case every
    ledger write runs) in a transaction rolled back; returns how many differ from the COPY."""
    engine = make_engine(url, pool_size=1)
    differ = 0
    try:
        async with make_sessionmaker(engine)() as session:
            chosen = await session.exec(
                text("SELECT id FROM awards ORDER BY random() LIMIT :n"), params={"n": size}
            )
            for (award_id,) in chosen.all():
                award = await session.get(Award, award_id)
                assert award is not None
                before = (await session.exec(text(POSITION), params={"award": award_id})).all()
                await refresh_positions(session, award, ALLOCATION)
                await session.flush()
                after = (await session.exec(text(POSITION), params={"award": award_id})).all()
                differ += before != after
            await session.rollback()
    finally:
        await engine.dispose()
    return differ


async def sign_in_administrator(url: str) -> str:
    engine = make_engine(url, pool_size=1)
    sessions = make_sessionmaker(engine)
    try:
        async with sessions() as session:
            user = await add_user(
                session,
                Actor("bench", "local"),
                username="bench-admin",
                full_name="Benchmark",
                role=Role.ADMIN,
                password="benchmark-password",
            )
        async with sessions() as session, session.begin():
            return (await open_session(session, user, timedelta(hours=2))).token
    finally:
        await engine.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(url: str) -> Iterator[str]:
    """One `haki serve` process on loopback, without the reminder clock; stopped however we
    leave. Yields its base URL."""
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": url,
        "HAKI_HOST": "127.0.0.1",
        "HAKI_PORT": str(port),
        "HAKI_CLOCK": "off",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(f"{base}/health/ready").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise SystemExit("the API did not become ready")
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def over_http(
    base: str, token: str, params: dict[str, str], count: int, budget: float
) -> list[float]:
    """Seconds per request, one at a time, after one to warm up; stops early past `budget`."""
    took: list[float] = []
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=120) as http:
        deadline = time.perf_counter() + budget
        for n in range(count + 1):
            started = time.perf_counter()
            response = http.get("/reports/unpaid", params=params)
            if response.status_code != 200:
                raise SystemExit(f"/reports/unpaid: {response.status_code} {response.text}")
            if n:
                took.append(time.perf_counter() - started)
            if time.perf_counter() > deadline:
                break
    return took


async def bare(url: str, breakdowns: list[Breakdown]) -> str:
    """The statement `unpaid_awards` sends to asyncpg (as_of as `$1::DATE`), caught as it runs
    the report once with these breakdowns."""
    engine = make_engine(url, pool_size=1)
    sent: list[str] = []

    def catch(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
        sent.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", catch)
    try:
        async with make_sessionmaker(engine)() as session:
            await unpaid_awards(session, TODAY, breakdowns)
    finally:
        await engine.dispose()
    return next(statement for statement in sent if "award_positions" in statement)


async def in_sql(dsn: str, sql: str, count: int, budget: float) -> list[float]:
    db = await asyncpg.connect(dsn)
    try:
        took: list[float] = []
        deadline = time.perf_counter() + budget
        for n in range(count + 1):
            started = time.perf_counter()
            await db.fetch(sql, TODAY)
            if n:
                took.append(time.perf_counter() - started)
            if time.perf_counter() > deadline:
                break
        return took
    finally:
        await db.close()


async def plan(dsn: str, sql: str) -> list[str]:
    """EXPLAIN ANALYZE's top nodes (three levels deep) and its timings."""
    db = await asyncpg.connect(dsn)
    try:
        lines = [r[0] for r in await db.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", TODAY)]
    finally:
        await db.close()
    top = [line for line in lines if len(line) - len(line.lstrip()) <= 14 and "->" in line]
    return [lines[0], *top, *(line for line in lines if line.endswith(" ms"))]


def quantiles(took: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    cuts = statistics.quantiles(took, n=20, method="inclusive")
    return statistics.median(took) * 1000, cuts[18] * 1000


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

        token = asyncio.run(sign_in_administrator(url))
        series = [("all breakdowns", {}, list(Breakdown))]
        series.append(("breakdown=respondent", {"breakdown": "respondent"}, [Breakdown.RESPONDENT]))
        rows, statements = [], []
        with serving(url) as base:
            for label, params, breakdowns in series:
                started = time.perf_counter()
                asked = {"as_of": TODAY.isoformat(), **params}
                http = over_http(base, token, asked, args.requests, args.seconds)
                statement = asyncio.run(bare(url, breakdowns))
                sql = asyncio.run(in_sql(dsn, statement, args.requests, args.seconds))
                rows.append((label, quantiles(http), quantiles(sql), len(http), len(sql)))
                print(f"  ({label}: timed in {time.perf_counter() - started:.0f} s)")
                statements.append(statement)
        explained = asyncio.run(plan(dsn, statements[0]))

    print(f"GET /reports/unpaid?as_of={TODAY} (JSON), {args.awards:,} awards, one API process")
    print(f"{'':<36}{'p50 ms':>9}{'p95 ms':>9}{'runs':>6}")
    for label, http, sql, http_runs, sql_runs in rows:
        print(f"{label:<36}")
        print(f"{'  through HTTP':<36}{http[0]:9.0f}{http[1]:9.0f}{http_runs:6}")
        print(f"{'  bare SQL (asyncpg)':<36}{sql[0]:9.0f}{sql[1]:9.0f}{sql_runs:6}")
        print(f"{'  ratio HTTP/SQL':<36}{http[0] / sql[0]:9.2f}{http[1] / sql[1]:9.2f}")
    verdict = "met" if rows[0][1][0] < 500 else "NOT met"
    print(f"target: p50 under 500 ms for all breakdowns through HTTP: {verdict}")
    print("plan of the all-breakdowns statement, top nodes:")
    for line in explained:
        print(f"  {line[:150]}")


if __name__ == "__main__":
    main()
