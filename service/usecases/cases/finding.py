"""Finding cases: the register's filters, its search box, and on each row what a lawyer scans
for (the next court date, the money still owed, the days since the award was served)."""

import uuid
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.cases import Case, CaseClaimant, Survivor
from domain.court_numbers import CourtNumberError, number_of_year, parse_court_number
from domain.hearings import Hearing, HearingStatus
from domain.money import ZERO
from domain.stages import CaseKind, CourtLevel, Stage
from domain.stations import station_on_list
from domain.users import CaseMember
from service.usecases.accounts.audit import audit
from service.usecases.cases.register import read_court_number
from service.usecases.paging import equal_to
from service.usecases.reports.unpaid_sql import INTEREST


class CaseSort(StrEnum):
    NEWEST = "newest"
    NEXT_DATE = "next_date"
    STAGE = "stage"
    OUTSTANDING = "outstanding"
    SERVED = "served"


@dataclass(frozen=True)
class CaseFilter:
    """What the cases page and GET /cases both read their query into."""

    stage: Stage | None = None
    court_level: CourtLevel | None = None
    court_station: str | None = None
    """a station on the list, or as an older record wrote it: either finds both"""
    lead_counsel: str | None = None
    """part of the lead counsel's name"""
    court_number: str | None = None
    kind: CaseKind | None = None
    member: uuid.UUID | None = None
    """only cases on whose team this user works"""
    search: str | None = None
    """part of the reference, a court number in any form registries write it, a survivor's
    code, words of the title, part of counsel's name; a claimant's name if `names`"""
    names: bool = False
    """the searcher may read claimants' names (policy.reads_free_text): only then is a
    name searched, or a search could tell anyone whom the office represents"""
    sort: CaseSort = CaseSort.NEWEST


@dataclass(frozen=True)
class CaseRow:
    case: Case
    next_court_date: datetime | None
    outstanding: Decimal
    """every award of the case still owed today, interest to today included (Ksh)"""
    served_on: date | None
    """the earliest service on the Attorney General of an award still owed"""
    days_since_service: int | None


_OWED = f"""
SELECT a.case_id, sum(p.principal + p.unpaid_interest + {INTEREST}) AS outstanding,
       min(p.served_on) AS served_on
FROM award_positions p JOIN awards a ON a.id = p.award_id
WHERE p.valid_from <= :as_of AND (p.valid_to IS NULL OR p.valid_to > :as_of)
  AND (p.closed_on IS NULL OR p.closed_on > :as_of)
  AND (p.principal > 0 OR p.unpaid_interest > 0)
GROUP BY a.case_id
"""
"""each case's awards still owed on `as_of`, from their positions (as the unpaid report)"""


async def list_cases(
    session: AsyncSession,
    where: CaseFilter,
    *,
    limit: int | None,
    offset: int = 0,
    now: datetime | None = None,
) -> tuple[list[CaseRow], int]:
    """One page of the cases found (every one when `limit` is None) and how many there are."""
    now = now or utcnow()
    today = nairobi_today(now)
    conditions = await _conditions(session, where)
    total = (await session.exec(select(func.count()).select_from(Case).where(*conditions))).one()
    hearing = (
        select(col(Hearing.case_id), func.min(Hearing.starts_at).label("next_date"))
        .where(Hearing.status == HearingStatus.SCHEDULED, col(Hearing.starts_at) >= now)
        .group_by(col(Hearing.case_id))
        .subquery("next_hearing")
    )
    owed = (
        sa.text(_OWED)
        .bindparams(as_of=today)
        .columns(
            sa.column("case_id", sa.Uuid()),
            sa.column("outstanding", sa.Numeric()),
            sa.column("served_on", sa.Date()),
        )
        .subquery("owed")
    )
    query = (
        select(Case, hearing.c.next_date, owed.c.outstanding, owed.c.served_on)
        .outerjoin(hearing, hearing.c.case_id == Case.id)
        .outerjoin(owed, owed.c.case_id == Case.id)
        .where(*conditions)
        .order_by(*_order(where.sort, hearing.c.next_date, owed.c), col(Case.id))
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    rows = (await session.exec(query)).all()
    return [
        CaseRow(
            case,
            next_date,
            outstanding or ZERO,
            served_on,
            (today - served_on).days if served_on else None,
        )
        for case, next_date, outstanding, served_on in rows
    ], total


def _order(sort: CaseSort, next_date: Any, owed: Any) -> list[Any]:
    """Soonest date, earliest stage, most owed, longest since service; then the newest."""
    newest = col(Case.opened_at).desc()
    stage_order = sa.case({stage: n for n, stage in enumerate(Stage)}, value=col(Case.stage))
    return {
        CaseSort.NEWEST: [newest],
        CaseSort.NEXT_DATE: [next_date.asc().nulls_last(), newest],
        CaseSort.STAGE: [stage_order, newest],
        CaseSort.OUTSTANDING: [func.coalesce(owed.outstanding, 0).desc(), newest],
        CaseSort.SERVED: [owed.served_on.asc().nulls_last(), newest],
    }[sort]


async def _conditions(session: AsyncSession, where: CaseFilter) -> list[ColumnElement[bool]]:
    conditions = equal_to(
        (
            (Case.stage, where.stage),
            (Case.court_level, where.court_level),
            (Case.kind, where.kind),
        )
    )
    if where.court_station and where.court_station.strip():
        conditions.append(await _at_station(session, where.court_station.strip()))
    if where.lead_counsel and where.lead_counsel.strip():
        conditions.append(
            col(Case.lead_counsel).icontains(where.lead_counsel.strip(), autoescape=True)
        )
    if where.court_number:
        conditions.append(_numbered(str(read_court_number(where.court_number))))
    if where.member is not None:
        conditions.append(
            col(Case.id).in_(select(CaseMember.case_id).where(CaseMember.user_id == where.member))
        )
    if where.search and where.search.strip():
        conditions.append(_matching(" ".join(where.search.split()), where.names))
    return conditions


async def _at_station(session: AsyncSession, text: str) -> ColumnElement[bool]:
    """The cases at the station, however their records write it ("Nairobi", "Milimani")."""
    wanted = station_on_list(text) or text
    stored = await session.exec(select(Case.court_station).distinct())
    same = [name for name in stored if (station_on_list(name) or name) == wanted]
    return col(Case.court_station).in_(same or [wanted])


def stations_in_use(stored: list[str]) -> list[str]:
    """Stored stations no listed one stands for (older free text), for the picker to offer."""
    return sorted({name for name in stored if station_on_list(name) is None})


async def stored_stations(session: AsyncSession) -> list[str]:
    return stations_in_use(list(await session.exec(select(Case.court_station).distinct())))


def _matching(text: str, names: bool) -> ColumnElement[bool]:
    found = [
        col(Case.reference).icontains(text, autoescape=True),
        col(Case.court_number).icontains(text, autoescape=True),
        col(Case.lead_counsel).icontains(text, autoescape=True),
        and_(*(col(Case.title).icontains(word, autoescape=True) for word in text.split())),
        _claimant(col(Survivor.code).icontains(text, autoescape=True)),
    ]
    if names:
        found.append(_claimant(col(Survivor.full_name).icontains(text, autoescape=True)))
    with suppress(CourtNumberError):
        found.append(_numbered(str(parse_court_number(text))))
    bare = number_of_year(text)
    if bare:
        found.append(_numbered_in_any_series(bare))
    return or_(*found)


def _claimant(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    claimants = (
        select(CaseClaimant.case_id)
        .join(Survivor, col(Survivor.id) == CaseClaimant.survivor_id)
        .where(condition)
    )
    return col(Case.id).in_(claimants)


def _numbered(number: str) -> ColumnElement[bool]:
    """The case bears the number, as its own or as one of a matter consolidated with it."""
    return or_(col(Case.court_number) == number, col(Case.consolidated_with).contains([number]))


def _numbered_in_any_series(number_and_year: str) -> ColumnElement[bool]:
    """ "E45 of 2024" in any series: "Petition E45 of 2024", "HCCC E45 of 2024"."""
    return or_(
        col(Case.court_number).regexp_match(f" {number_and_year}$"),
        func.array_to_string(col(Case.consolidated_with), "|").regexp_match(
            f" {number_and_year}(\\||$)"
        ),
    )


async def claimants_named(
    session: AsyncSession, actor: Actor, case_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[str, str]]]:
    """Each case's claimants as (code, name): personal data, so each case's read is audited as
    the case page's is (the caller has checked that the reader's role may read names)."""
    rows = await session.exec(
        select(CaseClaimant.case_id, Survivor.code, Survivor.full_name)
        .join(Survivor, col(Survivor.id) == CaseClaimant.survivor_id)
        .where(col(CaseClaimant.case_id).in_(case_ids))
        .order_by(Survivor.code)
    )
    named: dict[uuid.UUID, list[tuple[str, str]]] = {case_id: [] for case_id in case_ids}
    for case_id, code, name in rows:
        named[case_id].append((code, name))
    for case_id in case_ids:
        audit(session, actor, "case.parties.read", "case", case_id)
    await session.commit()
    return named
