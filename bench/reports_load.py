"""Loading bench/reports.py's awards: COPY, one process per core, then the checks.

Each worker generates a chunk (bench/reports_data.py) and COPYs it in one transaction, without
the tables' triggers (session_replication_role = replica: the award's facts are generated on
its positions, and the foreign keys hold by construction); then VACUUM ANALYZE as autovacuum
would, and a random sample of awards has its positions rewritten by `refresh_positions` (what
every ledger write runs, the triggers with it) to show the bulk rows are the same, facts and
survivors' counts of awards included.
"""

import asyncio
import multiprocessing
import os
import sys
import time
from pathlib import Path

import asyncpg
from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reports_data import ALLOCATION, CHUNK, COLUMNS, generate  # noqa: E402

from domain.awards import Award  # noqa: E402
from service.database import make_engine, make_sessionmaker  # noqa: E402
from service.usecases.awards.positions import refresh_positions  # noqa: E402

SAMPLE = 200  # awards whose positions are checked against refresh_positions
POSITION = """
SELECT valid_from, valid_to, awarded, principal, unpaid_interest, accrued, paid_to_interest,
       paid_to_principal, bearing, bearing_from, bearing_sum, bearing_day_sum, bearing_latest,
       survivor_id, respondent, judgment_on, served_on, closed_on, rate_percent, court_station,
       survivor_awards
FROM award_positions WHERE award_id = :award ORDER BY valid_from
"""


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
                # the facts are on the rows already, and the change log is for what a base has
                # not seen: none is computed yet
                await db.execute("SET LOCAL session_replication_role = replica")
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
