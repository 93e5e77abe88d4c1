"""Today's and tomorrow's unpaid-awards bases, kept current in the background.

Reading the report from a base and the changes since takes milliseconds; computing a base on a
million awards takes seconds. So the worker (and each API process running the clock) looks
every HAKI_CLOCK_SECONDS and computes today's base, and from the same pass tomorrow's, when
tomorrow's is missing (the first turn after midnight in Nairobi) or today's has seen more than a
few thousand changes. The first request of a day thus finds the base the previous day computed
for it, and never computes one itself unless the worker has been down for a whole day.
Computing also prunes the changes every base has seen, so the log stays small.
"""

import asyncio
import logging
from datetime import date, timedelta

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
    """Computes `today`'s and tomorrow's bases unless today's is at most BEHIND changes behind
    and tomorrow's is there; True if it computed. `today` is Nairobi's, given by the caller."""
    async with engine.connect() as db:
        base = await found_base(db, today)
        tomorrow = await found_base(db, today + timedelta(days=1))
    if base is not None and base.backlog <= BEHIND and tomorrow is not None:
        return False
    return await compute_base(engine, today, stale=BEHIND, ahead=True)


async def refresh_forever(engine: AsyncEngine, seconds: float) -> None:
    """Until cancelled; a database out of reach is a warning, and the next turn tries again."""
    while True:
        try:
            if await refresh_report(engine, nairobi_today(utcnow())):
                log.info("unpaid-awards report for today computed")
        except (OSError, DBAPIError) as error:
            log.warning("report refresh: database unreachable, will look again: %s", kind_of(error))
        await asyncio.sleep(seconds)
