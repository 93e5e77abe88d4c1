"""The bare statements of bench/reports.py: caught as the use case sends them, then timed
through asyncpg on a connection set as the use case sets its own, and the plan of the one
computing a base."""

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reports_data import TODAY  # noqa: E402

from service.database import make_engine, make_sessionmaker  # noqa: E402
from service.usecases.reports.unpaid import Breakdown, unpaid_awards  # noqa: E402

FORGET = "DELETE FROM unpaid_bases"
Sent = tuple[str, tuple[Any, ...]]


@dataclass(frozen=True)
class Budget:
    """Runs timed per series, and seconds at most; passes of the worker for the first request
    of a day (each computes two days' bases: ~10 s at 1,000,000 awards)."""

    count: int
    seconds: float
    firsts: int = 3


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
