"""The litigation pipeline in figures: cases per stage and kind, hearings a month, adjournments."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.calendar import EARLIEST, LATEST, nairobi_midnight
from domain.errors import N_, InvalidInput
from domain.stages import CaseKind, Stage

MOST_ADJOURNED = 10


@dataclass(frozen=True)
class Tally:
    """One row of a breakdown; `survivors` are ids (never shown) so small cells can be merged."""

    label: str
    cases: int
    survivors: frozenset[uuid.UUID]


@dataclass(frozen=True)
class Month:
    month: str
    """YYYY-MM in Nairobi time"""
    hearings: int
    held: int
    adjourned: int
    vacated: int
    scheduled: int
    survivors: frozenset[uuid.UUID]


@dataclass(frozen=True)
class Adjourned:
    case_reference: str
    court_number: str | None
    adjournments: int
    hearings: int


@dataclass(frozen=True)
class Adjournments:
    cases_with_hearings: int
    adjournments: int
    mean_per_case: Decimal | None
    """to two places; None when no case has a hearing in the window"""
    most_adjourned: list[Adjourned] = field(default_factory=list)


@dataclass(frozen=True)
class Pipeline:
    stages: list[Tally]
    kinds: list[Tally]
    hearings_per_month: list[Month]
    adjournments: Adjournments


PER_CATEGORY = """
    SELECT c.{column}, count(DISTINCT c.id), array_remove(array_agg(DISTINCT cc.survivor_id), NULL)
    FROM cases c LEFT JOIN case_claimants cc ON cc.case_id = c.id
    GROUP BY c.{column}
"""

# Months are Nairobi months: a hearing at 01:00 on the 1st in Nairobi is 22:00 the day before in
# UTC, and belongs to the month it is in for the people in court. ix_hearings_starts_at serves
# the window; empty months between the first and the last are listed with zeros.
PER_MONTH = text(
    """
    WITH h AS (
        SELECT date_trunc('month', starts_at AT TIME ZONE 'Africa/Nairobi')::date AS month,
               id, status, case_id
        FROM hearings WHERE starts_at >= :start AND starts_at < :end
    ),
    months AS (
        SELECT generate_series(min(month), max(month), interval '1 month')::date AS month FROM h
    )
    SELECT to_char(m.month, 'YYYY-MM'),
           count(DISTINCT h.id),
           count(DISTINCT h.id) FILTER (WHERE h.status = 'held'),
           count(DISTINCT h.id) FILTER (WHERE h.status = 'adjourned'),
           count(DISTINCT h.id) FILTER (WHERE h.status = 'vacated'),
           count(DISTINCT h.id) FILTER (WHERE h.status = 'scheduled'),
           array_remove(array_agg(DISTINCT cc.survivor_id), NULL)
    FROM months m
    LEFT JOIN h ON h.month = m.month
    LEFT JOIN case_claimants cc ON cc.case_id = h.case_id
    GROUP BY m.month ORDER BY m.month
    """
)

# An adjournment is a hearing that ended adjourned; ix_hearings_case_id groups them by case.
PER_CASE = text(
    """
    WITH per_case AS (
        SELECT case_id, count(*) AS hearings,
               count(*) FILTER (WHERE status = 'adjourned') AS adjournments
        FROM hearings WHERE starts_at >= :start AND starts_at < :end
        GROUP BY case_id
    ),
    totals AS (
        SELECT count(*) AS cases, coalesce(sum(adjournments), 0)::bigint AS adjournments,
               round(avg(adjournments), 2) AS mean FROM per_case
    )
    SELECT t.cases, t.adjournments, t.mean, c.reference, c.court_number, p.adjournments,
           p.hearings
    FROM totals t
    LEFT JOIN LATERAL (
        SELECT * FROM per_case WHERE adjournments > 0
        ORDER BY adjournments DESC, hearings DESC LIMIT :top
    ) p ON true
    LEFT JOIN cases c ON c.id = p.case_id
    ORDER BY p.adjournments DESC NULLS LAST, p.hearings DESC, c.reference
    """
)


def _window(first: date | None, last: date | None) -> tuple[datetime, datetime]:
    """From the start of Nairobi day `first` to the end of Nairobi day `last`, both included."""
    first_day, last_day = first or EARLIEST, last or LATEST
    if last_day < first_day:
        raise InvalidInput(N_("The last day is before the first day."), "to")
    start = nairobi_midnight(first_day, "from")
    return start, nairobi_midnight(last_day, "to") + timedelta(days=1)


def _tallies(rows: Sequence[Any], order: Sequence[str]) -> list[Tally]:
    """Every stage or kind in the order of the machine, the empty ones with zeros."""
    found = {row[0]: row for row in rows}
    return [
        Tally(name, found[name][1], frozenset(found[name][2]))
        if name in found
        else Tally(name, 0, frozenset())
        for name in order
    ]


def _month(row: Sequence[Any]) -> Month:
    month, hearings, held, adjourned, vacated, scheduled, survivors = row
    return Month(month, hearings, held, adjourned, vacated, scheduled, frozenset(survivors))


async def pipeline(session: AsyncSession, first: date | None, last: date | None) -> Pipeline:
    """`first` and `last` (Nairobi days) bound the hearings counted; stages and kinds are now."""
    start, end = _window(first, last)
    connection = await session.connection()
    stages = await connection.execute(text(PER_CATEGORY.format(column="stage")))
    kinds = await connection.execute(text(PER_CATEGORY.format(column="kind")))
    window = {"start": start, "end": end}
    months = await connection.execute(PER_MONTH, window)
    per_case = (await connection.execute(PER_CASE, window | {"top": MOST_ADJOURNED})).all()
    cases, adjournments, mean = per_case[0][:3]
    return Pipeline(
        stages=_tallies(stages.all(), [s.value for s in Stage]),
        kinds=_tallies(kinds.all(), [k.value for k in CaseKind]),
        hearings_per_month=[_month(row) for row in months.all()],
        adjournments=Adjournments(
            cases_with_hearings=cases,
            adjournments=adjournments,
            mean_per_case=mean,
            most_adjourned=[Adjourned(*row[3:]) for row in per_case if row[3] is not None],
        ),
    )
