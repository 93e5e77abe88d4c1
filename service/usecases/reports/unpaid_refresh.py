"""Today's unpaid-awards base, kept current in the background.

Reading the report from a base and the changes since takes milliseconds; computing a base on a
million awards takes seconds. So the worker (and each API process running the clock) looks
every HAKI_CLOCK_SECONDS and computes today's base when there is none (a new day) or it has
not seen more than a few thousand changes: the first person to ask has most likely been beaten
to it, and readers never pass the point where they would compute it themselves. Computing also
prunes the changes every base has seen, so the log stays small.
"""

import asyncio
import logging
from datetime import date

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.base import utcnow
from domain.calendar import nairobi_today
from service.log_context import kind_of
from service.usecases.reports.unpaid_bases import STALE, compute_base, found_base

log = logging.getLogger("haki.reports")
BEHIND = STALE // 4
"""unseen changes at which the background computes today's base again"""


async def refresh_report(engine: AsyncEngine, today: date) -> bool:
    """Computes `today`'s base unless it is there and at most BEHIND changes behind; True if
    it computed."""
    async with engine.connect() as db:
        base = await found_base(db, today)
    if base is not None and base.backlog <= BEHIND:
        return False
    return await compute_base(engine, today, stale=BEHIND)


async def refresh_forever(engine: AsyncEngine, seconds: float) -> None:
    """Until cancelled; a database out of reach is a warning, and the next turn tries again."""
    while True:
        try:
            if await refresh_report(engine, nairobi_today(utcnow())):
                log.info("unpaid-awards report for today computed")
        except (OSError, DBAPIError) as error:
            log.warning("report refresh: database unreachable, will look again: %s", kind_of(error))
        await asyncio.sleep(seconds)
