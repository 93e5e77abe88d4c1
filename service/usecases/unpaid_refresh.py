"""Today's unpaid-awards report, computed again in the background soon after any change.

A report stored while no position has changed is answered in milliseconds; computing one on a
million awards takes seconds. So the worker (and each API process running the clock) looks
every HAKI_CLOCK_SECONDS and, if today's report with every breakdown is not stored as current,
computes and stores it: after a ledger write, the first person to ask has most likely been
beaten to it. One process at a time computes (an advisory lock); the others skip the turn.
"""

import asyncio
import logging
from datetime import date

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from domain.calendar import nairobi_today
from service.database import make_sessionmaker
from service.usecases.unpaid import SUMS, Breakdown, stored_key, unpaid_awards
from service.usecases.unpaid_stored import stored_rows

log = logging.getLogger("haki.reports")
LOCK = 0x4841_4B49_0008
"""the advisory lock only one refreshing process holds at a time"""


async def refresh_report(engine: AsyncEngine, today: date) -> bool:
    """Computes and stores `today`'s report with every breakdown unless it is stored as
    current, or another process is computing it; True if it computed."""
    async with make_sessionmaker(engine)() as session:
        db = await session.connection()
        locked = await db.execute(text("SELECT pg_try_advisory_xact_lock(:lock)"), {"lock": LOCK})
        if not locked.scalar_one():
            return False
        if await stored_rows(session, stored_key(today, list(Breakdown)), SUMS) is not None:
            return False
        await unpaid_awards(session, today)
        return True


async def refresh_forever(engine: AsyncEngine, seconds: float) -> None:
    """Until cancelled; a database out of reach is a warning, and the next turn tries again."""
    while True:
        try:
            if await refresh_report(engine, nairobi_today(utcnow())):
                log.info("unpaid-awards report for today computed and stored")
        except (OSError, DBAPIError) as error:
            log.warning("report refresh: database unreachable, will look again: %s", error)
        await asyncio.sleep(seconds)
