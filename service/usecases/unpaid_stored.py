"""The unpaid-awards report as last computed (domain/report_cache.py), used again only while
no award position has changed since: every change to `award_positions`, its own or one the
triggers copy from an award or a case, counts one more at commit, and a stored report is
current only at the count it was computed at. A transaction that has itself changed positions
(not yet counted) neither uses nor stores one.
"""

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession

Rows = list[dict[str, Any]]

UNCHANGED_HERE = "current_setting('haki.positions_touched', true) IS DISTINCT FROM 'yes'"
"""true unless this transaction has changed a position (a trigger sets it at once)"""
VERSION = "(SELECT coalesce(max(version), 0) FROM award_positions_version)"
LOOKUP = f"""
SELECT figures FROM unpaid_reports_stored
WHERE key = :key AND version = {VERSION} AND {UNCHANGED_HERE}
"""
STORE = """
INSERT INTO unpaid_reports_stored (key, version, figures, computed_at)
VALUES (:key, :version, CAST(:figures AS JSONB), now())
ON CONFLICT (key) DO UPDATE
SET version = excluded.version, figures = excluded.figures, computed_at = excluded.computed_at
WHERE unpaid_reports_stored.version < excluded.version
"""
STALE = "DELETE FROM unpaid_reports_stored WHERE version < :version"


async def stored_rows(session: AsyncSession, key: str, money: tuple[str, ...]) -> Rows | None:
    """The rows stored under `key` if still current (shillings back to Decimal), else None."""
    db = await session.connection()
    found = (await db.execute(text(LOOKUP).columns(figures=JSONB), {"key": key})).scalar()
    if found is None:
        return None
    return [{k: Decimal(v) if k in money else v for k, v in row.items()} for row in found]


async def store_rows(engine: AsyncEngine, key: str, version: int, rows: Rows) -> None:
    """In a transaction of its own (the caller's may be read-only or rolled back); reports of
    an older count go, so the table holds only what was asked since the last change."""
    figures = json.dumps(rows, default=lambda v: str(v) if isinstance(v, Decimal) else v)
    async with engine.begin() as db:
        await db.execute(text(STALE), {"version": version})
        await db.execute(text(STORE), {"key": key, "version": version, "figures": figures})
