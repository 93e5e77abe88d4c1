"""Statements for 100,000 awards as of today, and report-style totals in SQL versus Python.

Not a test: run `make bench-statements` (or `.venv/bin/python bench/statements.py`). It makes a
scratch database on the local PostgreSQL (or an embedded one), loads awards with 1-5 payments
each straight into the tables, then times (1) `domain.interest.statement` for every award, fed
by two set-wise queries, and (2) totals per respondent (awards, principal, paid) computed by
PostgreSQL aggregates and by Python over the same rows, checking that both agree.
"""

import argparse
import asyncio
import random
import sys
import time
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.calendar import nairobi_today  # noqa: E402
from domain.interest import Head, Payment, statement  # noqa: E402
from service.database import asyncpg_dsn, scratch_database, scratch_server  # noqa: E402
from service.migrate import upgrade  # noqa: E402

RESPONDENTS = [
    "Attorney General",
    "Inspector General",
    "National Police Service",
    "Kenya Defence Forces",
    "County Government of Nairobi",
]
TODAY = nairobi_today(datetime.now(UTC))


def rows(count: int, seed: int = 7) -> tuple[list[tuple], list[tuple], list[tuple]]:  # type: ignore[type-arg]
    """Awards, their heads and payments: never more paid than a fifth of the principal."""
    rng = random.Random(seed)
    awards, heads, payments = [], [], []
    for n in range(count):
        award_id = uuid.uuid4()
        judged = date(2012, 1, 1) + timedelta(days=rng.randrange(4500))
        principal = Decimal(rng.randrange(100_000, 5_000_000))
        awards.append((award_id, RESPONDENTS[n % len(RESPONDENTS)], judged))
        heads.append((award_id, "general", principal, judged))
        if rng.random() < 0.5:
            heads.append((award_id, "costs", Decimal(rng.randrange(20_000, 300_000)), None))
        day = judged
        for _ in range(rng.randint(1, 5)):
            day += timedelta(days=rng.randrange(30, 400))
            if day > TODAY:
                break
            payments.append((award_id, day, (principal / 25).quantize(Decimal("0.01"))))
    return awards, heads, payments


async def load(dsn: str, count: int) -> None:
    awards, heads, payments = rows(count)
    db = await asyncpg.connect(dsn)
    try:
        survivor, case = uuid.uuid4(), uuid.uuid4()
        await db.execute(
            "INSERT INTO survivors (id, code, full_name, created_at)"
            " VALUES ($1, 'S-2020-0001', 'Bench', now())",
            survivor,
        )
        await db.execute(
            "INSERT INTO cases (id, reference, title, kind, court_level, court_station,"
            " respondents, lead_counsel, stage, stage_since, version, opened_at) VALUES ($1,"
            " 'BENCH/1', 'Bench v AG', 'civil_claim', 'high_court', 'Nairobi',"
            " ARRAY['Attorney General'], 'Bench', 'compensation', '2012-01-01', 1, now())",
            case,
        )
        await db.copy_records_to_table(
            "awards",
            records=[
                (
                    a,
                    case,
                    survivor,
                    r,
                    j,
                    Decimal(12),
                    "12%",
                    "served_on_ag",
                    j,
                    1,
                    datetime.now(UTC),
                )
                for a, r, j in awards
            ],
            columns=[
                "id",
                "case_id",
                "survivor_id",
                "respondent",
                "judgment_on",
                "rate_percent",
                "rate_as_ordered",
                "stage",
                "stage_since",
                "version",
                "created_at",
            ],
        )
        await db.copy_records_to_table(
            "award_heads", records=heads, columns=["award_id", "kind", "amount", "interest_from"]
        )
        await db.copy_records_to_table(
            "payments_received",
            records=[
                (a, d, amount, "Treasury", "B", datetime.now(UTC)) for a, d, amount in payments
            ],
            columns=["award_id", "received_on", "amount", "payer", "reference", "recorded_at"],
        )
        await db.execute("ANALYZE")
    finally:
        await db.close()


async def statements(dsn: str) -> tuple[int, float, Decimal]:
    db = await asyncpg.connect(dsn)
    try:
        started = time.perf_counter()
        heads: dict[uuid.UUID, list[Head]] = defaultdict(list)
        for r in await db.fetch("SELECT award_id, kind, amount, interest_from FROM award_heads"):
            heads[r["award_id"]].append(Head(r["kind"], r["amount"], r["interest_from"]))
        paid: dict[uuid.UUID, list[Payment]] = defaultdict(list)
        for r in await db.fetch("SELECT award_id, received_on, amount FROM payments_received"):
            paid[r["award_id"]].append(Payment(r["received_on"], r["amount"]))
        rates = {
            r["id"]: r["rate_percent"]
            for r in await db.fetch("SELECT id, rate_percent FROM awards")
        }
        owed = sum(
            (
                statement(tuple(heads[a]), rates[a], tuple(paid[a]), TODAY).outstanding
                for a in rates
            ),
            Decimal(0),
        )
        return len(rates), time.perf_counter() - started, owed
    finally:
        await db.close()


TOTALS_SQL = """
WITH principal AS (SELECT award_id, sum(amount) AS amount FROM award_heads GROUP BY award_id),
     paid AS (SELECT award_id, sum(amount) AS amount FROM payments_received GROUP BY award_id)
SELECT a.respondent, count(*) AS awards, sum(p.amount) AS principal,
       coalesce(sum(pd.amount), 0) AS paid
FROM awards a JOIN principal p ON p.award_id = a.id LEFT JOIN paid pd ON pd.award_id = a.id
GROUP BY a.respondent
"""


async def totals(dsn: str) -> tuple[float, float]:
    db = await asyncpg.connect(dsn)
    try:
        started = time.perf_counter()
        in_sql = {
            r["respondent"]: (r["awards"], r["principal"], r["paid"])
            for r in await db.fetch(TOTALS_SQL)
        }
        sql_time = time.perf_counter() - started

        started = time.perf_counter()
        who = {
            r["id"]: r["respondent"] for r in await db.fetch("SELECT id, respondent FROM awards")
        }
        sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
        for award_id in who:
            sums[who[award_id]][0] += 1
        for r in await db.fetch("SELECT award_id, amount FROM award_heads"):
            sums[who[r["award_id"]]][1] += r["amount"]
        for r in await db.fetch("SELECT award_id, amount FROM payments_received"):
            sums[who[r["award_id"]]][2] += r["amount"]
        python_time = time.perf_counter() - started
        in_python = {k: (int(v[0]), v[1], v[2]) for k, v in sums.items()}
        assert in_python == in_sql, "SQL and Python totals disagree"
        return sql_time, python_time
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--awards", type=int, default=100_000)
    args = parser.parse_args()
    with scratch_server() as admin:
        url = scratch_database(admin, "haki_bench_statements")
        upgrade(url)
        dsn = asyncpg_dsn(url)
        started = time.perf_counter()
        asyncio.run(load(dsn, args.awards))
        loaded_in = time.perf_counter() - started
        print(f"loaded {args.awards:,} awards with 1-5 payments in {loaded_in:.1f} s")
        count, seconds, owed = asyncio.run(statements(dsn))
        rate = count / seconds
        print(f"statements as of {TODAY}: {count:,} in {seconds:.2f} s = {rate:,.0f} awards/s")
        print(f"  (total outstanding KES {owed:,.2f})")
        sql_time, python_time = asyncio.run(totals(dsn))
        ratio = python_time / sql_time
        print(
            f"totals by respondent: SQL {sql_time * 1000:.0f} ms,"
            f" Python {python_time * 1000:.0f} ms (same figures; Python/SQL = {ratio:.1f}x)"
        )


if __name__ == "__main__":
    main()
