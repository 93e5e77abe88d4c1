"""Reading the calendar: a case's chain of dates, and the cause list for the team meeting."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from domain.calendar import nairobi_midnight
from domain.cases import Case
from domain.errors import N_, InvalidInput, NotFound
from domain.hearings import Hearing
from domain.stations import known_station
from domain.users import CaseMember
from service.usecases.cases.register import get_case

LONGEST_LIST = timedelta(days=366)


@dataclass(frozen=True)
class Listed:
    """A hearing with what a cause list shows beside it, and its place in a chain of dates."""

    hearing: Hearing
    case_reference: str
    court_number: str | None
    lead_counsel: str
    adjourned_to: uuid.UUID | None
    adjournments_before: int
    """how many times the matter was adjourned on the way to this date"""


Row = tuple[Hearing, str, str | None, str]


def _listing() -> Select[Hearing, str, str | None, str]:
    return select(
        Hearing, col(Case.reference), col(Case.court_number), col(Case.lead_counsel)
    ).join(Case, col(Case.id) == Hearing.case_id)


async def case_hearings(session: AsyncSession, case_id: uuid.UUID) -> list[Listed]:
    """Every date of the case in order, each adjournment linked to the date it led to."""
    await get_case(session, case_id)
    query = _listing().where(Hearing.case_id == case_id).order_by(col(Hearing.starts_at))
    return await _in_chains(session, list((await session.exec(query)).all()))


@dataclass(frozen=True)
class CauseListFilter:
    first_day: date
    last_day: date | None = None
    """default: six days after the first, a week in all"""
    counsel: str | None = None
    station: str | None = None
    member: uuid.UUID | None = None
    """only cases on whose team this user works"""


async def cause_list(session: AsyncSession, where: CauseListFilter) -> list[Listed]:
    """Hearings between two Nairobi days (both included), earliest first."""
    start = nairobi_midnight(where.first_day, "from")
    last_day = where.last_day or where.first_day + timedelta(days=6)
    if last_day < where.first_day:
        raise InvalidInput(N_("The last day is before the first day."), "to")
    if last_day - where.first_day > LONGEST_LIST:
        raise InvalidInput(
            N_("A cause list covers at most a year: bring the first and last days closer."), "to"
        )
    end = nairobi_midnight(last_day, "to") + timedelta(days=1)
    query = _listing().where(col(Hearing.starts_at) >= start, col(Hearing.starts_at) < end)
    if where.counsel:
        query = query.where(col(Case.lead_counsel).icontains(where.counsel, autoescape=True))
    if where.station:
        query = query.where(Hearing.station == known_station(where.station))
    if where.member is not None:
        team = select(CaseMember.case_id).where(CaseMember.user_id == where.member)
        query = query.where(col(Hearing.case_id).in_(team))
    query = query.order_by(col(Hearing.starts_at), col(Case.reference))
    return await _in_chains(session, list((await session.exec(query)).all()))


async def _in_chains(session: AsyncSession, rows: list[Row]) -> list[Listed]:
    """Each hearing with its next link and how many adjournments led to it, read from the
    whole chains of the cases listed (a cause list shows only a window of each chain)."""
    case_ids = {hearing.case_id for hearing, *_ in rows}
    links = await session.exec(
        select(Hearing.id, Hearing.adjourned_from_id).where(col(Hearing.case_id).in_(case_ids))
    )
    back = dict(links.all())
    onward = {before: after for after, before in back.items() if before is not None}

    def depth(hearing_id: uuid.UUID) -> int:
        count, step = 0, back.get(hearing_id)
        while step is not None:
            count, step = count + 1, back.get(step)
        return count

    return [
        Listed(h, reference, number, counsel, onward.get(h.id), depth(h.id))
        for h, reference, number, counsel in rows
    ]


async def listed(session: AsyncSession, hearing_id: uuid.UUID) -> Listed:
    rows = list((await session.exec(_listing().where(Hearing.id == hearing_id))).all())
    if not rows:
        raise NotFound(N_("No court date has the id %(id)s."), id=hearing_id)
    return (await _in_chains(session, rows))[0]
