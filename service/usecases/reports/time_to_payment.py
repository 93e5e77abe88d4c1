"""How long the State takes to pay: days from judgment to first payment and to payment in full."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import N_, InvalidInput


@dataclass(frozen=True)
class Spread:
    """Days from judgment, over the awards that got there: quartiles by linear interpolation
    (PostgreSQL's percentile_cont), to a tenth of a day; None when no award got there."""

    awards: int
    lower_quartile_days: Decimal | None
    median_days: Decimal | None
    upper_quartile_days: Decimal | None
    shortest_days: int | None
    longest_days: int | None


@dataclass(frozen=True)
class TimeToPayment:
    as_of: date
    awards: int
    """judged on or before as_of and not set aside"""
    to_first_payment: Spread
    to_payment_in_full: Spread
    never_paid: int
    """not a shilling received by as_of (a reversed payment was never received)"""


# A reversed payment is treated as never received, whenever it was reversed (as statements do).
# Paid in full is the last `receive_final_payment` of an award that is still paid in full or
# disbursed: a reversal since has undone it, and a reversed disbursement re-enters the stage
# without a payment. ix_payments_received_award_id, the unique index on reverses_id and
# ix_award_events_award_id_id serve the joins.
WAITS = """
    WITH judged AS (
        SELECT id, judgment_on, stage, respondent, survivor_id FROM awards
        WHERE judgment_on <= :as_of AND stage <> 'set_aside'
    ),
    first_paid AS (
        SELECT p.award_id, min(p.received_on) AS on_day
        FROM payments_received p
        WHERE p.reverses_id IS NULL AND p.received_on <= :as_of
          AND NOT EXISTS (SELECT 1 FROM payments_received r WHERE r.reverses_id = p.id)
        GROUP BY p.award_id
    ),
    in_full AS (
        SELECT e.award_id, max(e.occurred_on) AS on_day
        FROM award_events e
        JOIN judged j ON j.id = e.award_id AND j.stage IN ('paid_in_full', 'disbursed')
        WHERE e.trigger = 'receive_final_payment'
        GROUP BY e.award_id
        HAVING max(e.occurred_on) <= :as_of
    ),
    waits AS (
        SELECT f.on_day - j.judgment_on AS first_days, i.on_day - j.judgment_on AS full_days,
               f.award_id IS NULL AS never_paid, j.respondent, j.survivor_id
        FROM judged j
        LEFT JOIN first_paid f ON f.award_id = j.id
        LEFT JOIN in_full i ON i.award_id = j.id
    )
"""
"""each award judged by `as_of` and not set aside: days to its first payment and to payment
in full (NULL: not yet), whether it was never paid, its respondent and survivor"""
SPREADS = """
           count(*) AS awards,
           count(*) FILTER (WHERE never_paid) AS never_paid,
           count(first_days),
           round(percentile_cont(0.25) WITHIN GROUP (ORDER BY first_days)::numeric, 1),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY first_days)::numeric, 1),
           round(percentile_cont(0.75) WITHIN GROUP (ORDER BY first_days)::numeric, 1),
           min(first_days), max(first_days),
           count(full_days),
           round(percentile_cont(0.25) WITHIN GROUP (ORDER BY full_days)::numeric, 1),
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY full_days)::numeric, 1),
           round(percentile_cont(0.75) WITHIN GROUP (ORDER BY full_days)::numeric, 1),
           min(full_days), max(full_days)
"""
"""the awards, the never paid, then each Spread: over the rows of `waits` in a group"""
QUERY = text(f"{WAITS} SELECT {SPREADS} FROM waits")


async def time_to_payment(session: AsyncSession, as_of: date) -> TimeToPayment:
    """The figures as the ledger stands, counting only what had happened by `as_of` (a day
    checked by `report_day`)."""
    connection = await session.connection()
    await after_the_first_judgment(connection, as_of)
    row = (await connection.execute(QUERY, {"as_of": as_of})).one()
    return TimeToPayment(
        as_of=as_of,
        awards=row[0],
        never_paid=row[1],
        to_first_payment=Spread(*row[2:8]),
        to_payment_in_full=Spread(*row[8:14]),
    )


async def after_the_first_judgment(connection: AsyncConnection, as_of: date) -> None:
    first = (await connection.execute(text("SELECT min(judgment_on) FROM awards"))).scalar()
    if first is not None and as_of < first:
        raise InvalidInput(
            N_(
                "The day of the figures, %(day)s, is before the first judgment Haki records "
                "(%(first)s); there is nothing to report on that day."
            ),
            "as_of",
            day=as_of,
            first=first,
        )
