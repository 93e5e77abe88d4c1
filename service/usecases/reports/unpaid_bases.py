"""Bases of the unpaid-awards report (domain/report_bases.py): found, computed, kept few.

A base is computed in a connection of its own, so it holds only committed positions; a reader
adds the changes its snapshot did not see, its own uncommitted ones included, and so reads
what a full computation in its own transaction would. One process computes at a time (an
advisory lock); one arriving meanwhile waits and then finds the base done.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from domain.base import utcnow
from service.usecases.reports.unpaid_sql import BACKLOG, BUILD, KEYS, SUMS, TOTALS

LOCK = 0x4841_4B49_0008
"""the advisory lock a process computing a base holds"""
STALE = 20_000
"""changes a base has not seen beyond which computing it again is cheaper than adding them"""
KEPT = 8
"""bases kept (today's and the days last asked): each holds back the pruning of changes"""

NEW_BASE = """
INSERT INTO unpaid_bases (day, snapshot, computed_at) VALUES (:day, :snapshot, :now)
RETURNING id
"""
CELLS = f"""
INSERT INTO unpaid_base_cells (base_id, breakdown, value, awards, lone, {", ".join(SUMS)},
                               shared, shared_ids)
VALUES (:base, :breakdown, :value, :awards, :lone, {", ".join(f":{s}" for s in SUMS)},
        :shared, CAST(:shared_ids AS uuid[]))
"""
SHARED = f"""
INSERT INTO unpaid_base_shared (base_id, {", ".join(KEYS)}, survivor_id, awards)
SELECT :base, * FROM unnest({", ".join(f"CAST(:{k} AS text[])" for k in KEYS)},
    CAST(:survivor_id AS uuid[]), CAST(:awards AS int[]))
"""
TRIM = """
DELETE FROM unpaid_bases WHERE id NOT IN (
    SELECT id FROM unpaid_bases ORDER BY computed_at DESC, id DESC LIMIT :kept)
"""
PRUNE = """
DELETE FROM award_position_changes WHERE xid < (
    SELECT coalesce(min(pg_snapshot_xmin(CAST(snapshot AS pg_snapshot))),
                    pg_snapshot_xmin(pg_current_snapshot()))::text::bigint
    FROM unpaid_bases)
"""
"""Changes every kept base has seen (and, with no base, every finished transaction's: a base
computed later sees them all). Run holding LOCK, so no base is being computed meanwhile."""


@dataclass(frozen=True)
class Base:
    id: int
    snapshot: str
    xmin: int
    backlog: int
    """changes its snapshot did not see"""


async def found_base(db: AsyncConnection, day: date) -> Base | None:
    row = (await db.execute(text(BACKLOG), {"as_of": day})).mappings().first()
    return None if row is None else Base(**row)


async def settings_for_one_pass(db: AsyncConnection) -> None:
    """Compiling a plan for one pass over a million rows costs more than it saves; grouping
    by hashing (in parallel workers) needs room for a hash of the cells, ~80 MB at 1M."""
    await db.execute(text("SET LOCAL jit = off"))
    await db.execute(text("SET LOCAL work_mem = '256MB'"))


async def compute_base(
    engine: AsyncEngine, day: date, stale: int = STALE, ahead: bool = False
) -> bool:
    """Computes `day`'s base, and with `ahead` the next day's too from the same snapshot, unless
    each is there with at most `stale` unseen changes (perhaps just computed by another
    process); then keeps KEPT bases and prunes the changes. True if it computed.

    The next day's base is the previous day's work for the first request of a day: its interest
    is each award's accrual one day further, rounded award by award as domain.interest rounds
    (sums of rounded figures cannot be moved a day on exactly), and its awards those judged,
    served, aged or closed as of that day; the changes after its snapshot are added when read."""
    days = [day, day + timedelta(days=1)] if ahead else [day]
    async with engine.begin() as db:
        await db.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": LOCK})
        if all([await _current(db, each, stale) for each in days]):
            return False
        await settings_for_one_pass(db)
        rows = (await db.execute(text(BUILD), {"days": days})).mappings().all()
        snapshot = next(row["snapshot"] for row in rows if row["part"] == "snapshot")
        await db.execute(text("DELETE FROM unpaid_bases WHERE day = ANY(:days)"), {"days": days})
        for each in days:
            new = {"day": each, "snapshot": snapshot, "now": utcnow()}
            base = (await db.execute(text(NEW_BASE), new)).scalar_one()
            mine = [row for row in rows if row["day"] == each]
            shared = [row for row in mine if row["part"] == "shared"]
            cells = _cells(base, [row for row in mine if row["part"] == "row"], shared)
            await db.execute(text(CELLS), cells)
            columns = {n: [row[n] for row in shared] for n in (*KEYS, "survivor_id", "awards")}
            await db.execute(text(SHARED), {"base": base} | columns)
        await db.execute(text(TRIM), {"kept": KEPT})
        await db.execute(text(PRUNE))
    return True


async def _current(db: AsyncConnection, day: date, stale: int) -> bool:
    found = await found_base(db, day)
    return found is not None and found.backlog <= stale


def _cells(base: int, rows: list[Any], shared: list[Any]) -> list[dict[str, Any]]:
    """The report's rows as stored: each names its breakdown and value, and lists the survivors
    holding several awards that are in it (a survivor is in a row if in any of its cells)."""
    ids: dict[tuple[str, str], set[Any]] = defaultdict(set)
    for cell in shared:
        ids[TOTALS, ""].add(cell["survivor_id"])
        for key in KEYS:
            ids[key, cell[key]].add(cell["survivor_id"])
    stored = []
    if not any(all(row[k] is None for k in KEYS) for row in rows):  # nothing owed that day
        rows = [dict.fromkeys(KEYS) | dict.fromkeys(("awards", "lone", *SUMS), 0), *rows]
    for row in rows:
        breakdown, value = next(((k, row[k]) for k in KEYS if row[k] is not None), (TOTALS, ""))
        people = ids[breakdown, value]
        stored.append(
            {name: row[name] for name in ("awards", "lone", *SUMS)}
            | {"base": base, "breakdown": breakdown, "value": value}
            | {"shared": len(people), "shared_ids": list(people)}
        )
    return stored
