"""How long the State takes to pay, respondent by respondent: which agency pays slowest.

The same measures as service/usecases/reports/time_to_payment.py, over each respondent's awards. A
respondent with fewer survivors than the small-cell threshold could point to a person, so when
asked its awards are counted with the other small ones under one label; should those together
still be too few, the smallest other respondent joins them. Quartiles and medians do not add
up, so the merging happens before they are computed, in the same statement.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from service.usecases.reports.time_to_payment import (
    SPREADS,
    WAITS,
    Spread,
    after_the_first_judgment,
)

BY_RESPONDENT = text(
    f"""
    {WAITS},
    sizes AS (
        SELECT respondent, count(DISTINCT survivor_id) AS survivors FROM waits GROUP BY respondent
    ),
    small AS (SELECT respondent FROM sizes WHERE survivors < :threshold),
    joining AS (
        SELECT respondent FROM sizes
        WHERE survivors >= :threshold
          AND (SELECT count(DISTINCT survivor_id) FROM waits
               WHERE respondent IN (SELECT respondent FROM small)) BETWEEN 1 AND :threshold - 1
        ORDER BY survivors, respondent LIMIT 1
    ),
    labelled AS (
        SELECT CASE WHEN respondent IN (SELECT respondent FROM small
                                        UNION ALL SELECT respondent FROM joining)
                    THEN :other ELSE respondent END AS respondent,
               survivor_id, first_days, full_days, never_paid
        FROM waits
    )
    SELECT respondent, count(DISTINCT survivor_id) AS survivors, {SPREADS}
    FROM labelled GROUP BY respondent ORDER BY respondent
    """
)


@dataclass(frozen=True)
class RespondentWait:
    respondent: str
    survivors: int
    awards: int
    """judged on or before as_of and not set aside"""
    never_paid: int
    to_first_payment: Spread
    to_payment_in_full: Spread


async def time_to_payment_by_respondent(
    session: AsyncSession, as_of: date, small_below: int, other: str
) -> list[RespondentWait]:
    """Respondents by name; those of fewer than `small_below` survivors under `other` (0: none
    merged)."""
    connection = await session.connection()
    await after_the_first_judgment(connection, as_of)
    found = await connection.execute(
        BY_RESPONDENT, {"as_of": as_of, "threshold": small_below, "other": other}
    )
    return [
        RespondentWait(row[0], row[1], row[2], row[3], Spread(*row[4:10]), Spread(*row[10:16]))
        for row in found
    ]
