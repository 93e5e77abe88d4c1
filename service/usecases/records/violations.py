"""Recording what was done to a survivor, and reading it back.

`ViolationIn` is the one input: the API's JSON body and the intake page's form are both read
into it. Everything is checked before anything is written, so a refusal leaves nothing behind.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

from msgspec import Meta, Struct
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.cases import CaseClaimant, Survivor
from domain.counties import county_named, sub_county_named
from domain.errors import N_, InvalidInput, NotFound
from domain.users import CaseMember
from domain.violations import (
    AgeBand,
    Agency,
    Sex,
    Violation,
    ViolationCase,
    when_it_happened,
)
from service.text import LINE, PARAGRAPH
from service.usecases.accounts.audit import audit
from service.usecases.records.vocabulary import types_named

Place = Annotated[str, Meta(max_length=300, pattern=PARAGRAPH)]
Short = Annotated[str, Meta(max_length=200, pattern=LINE)]


class ViolationFacts(Struct, forbid_unknown_fields=True, kw_only=True):
    """What was done, when, where and by whom. `year`, `month` and `day` as far as they are
    known; `place`, `unit` and `officers` are personal data."""

    year: Annotated[int, Meta(ge=1, le=9999)] | None = None
    month: Annotated[int, Meta(ge=1, le=12)] | None = None
    day: Annotated[int, Meta(ge=1, le=31)] | None = None
    county: Annotated[str, Meta(min_length=1, max_length=60, pattern=LINE)]
    sub_county: Annotated[str, Meta(max_length=60, pattern=LINE)] | None = None
    place: Place | None = None
    types: Annotated[list[Short], Meta(min_length=1, max_length=12)]
    """codes (`torture`) or names (`Torture`, `Mateso`) of the vocabulary"""
    agency: Agency
    unit: Short | None = None
    perpetrators: Annotated[int, Meta(ge=1, le=1000)] | None = None
    officers: Annotated[str, Meta(max_length=1000, pattern=PARAGRAPH)] | None = None
    sex: Sex = Sex.NOT_KNOWN
    age_band: AgeBand = AgeBand.NOT_KNOWN
    disability: bool | None = None


class ViolationIn(ViolationFacts, kw_only=True):
    """A new record: its facts, and the court matters already brought over it."""

    cases: Annotated[list[uuid.UUID], Meta(max_length=20)] = []
    """court matters brought over it: cases of this survivor"""


async def survivor_coded(session: AsyncSession, code: str) -> Survivor:
    found = (await session.exec(select(Survivor).where(Survivor.code == code))).first()
    if found is None:
        raise NotFound(N_("No survivor has the code %(code)s."), code=code)
    return found


async def cases_of(
    session: AsyncSession, survivor: Survivor, asked: Sequence[uuid.UUID], lawyer: uuid.UUID | None
) -> list[uuid.UUID]:
    """The cases named, each a case of the survivor and, for a lawyer, of their team: an id in a
    body is authorised like one in the path."""
    wanted = list(dict.fromkeys(asked))
    if not wanted:
        return []
    query = select(CaseClaimant.case_id).where(
        CaseClaimant.survivor_id == survivor.id, col(CaseClaimant.case_id).in_(wanted)
    )
    if lawyer is not None:
        query = query.join(CaseMember, col(CaseMember.case_id) == CaseClaimant.case_id).where(
            CaseMember.user_id == lawyer
        )
    found = set((await session.exec(query)).all())
    if len(found) != len(wanted):
        raise InvalidInput(
            N_("Name only cases in which %(code)s is a claimant."), "cases", code=survivor.code
        )
    return wanted


def _blank(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None


async def facts_of(session: AsyncSession, entry: ViolationFacts, now: datetime) -> dict[str, Any]:
    """The record's columns from what was typed, each checked: a new record and a correction
    are refused alike."""
    occurred_on, precision = when_it_happened(entry.year, entry.month, entry.day, now)
    county = county_named(entry.county)
    sub_county = _blank(entry.sub_county)
    return {
        "occurred_on": occurred_on,
        "precision": precision,
        "county": county,
        "sub_county": sub_county_named(county, sub_county) if sub_county else None,
        "place": _blank(entry.place),
        "types": await types_named(session, entry.types),
        "agency": entry.agency,
        "unit": _blank(entry.unit),
        "perpetrators": entry.perpetrators,
        "officers": _blank(entry.officers),
        "sex": entry.sex,
        "age_band": entry.age_band,
        "disability": entry.disability,
    }


async def record_violation(
    session: AsyncSession,
    actor: Actor,
    code: str,
    entry: ViolationIn,
    lawyer: uuid.UUID | None,
    now: datetime | None = None,
) -> Violation:
    """`lawyer`: whose team the linked cases must be on (None for an administrator)."""
    now = now or utcnow()
    async with session.begin():
        survivor = await survivor_coded(session, code)
        violation = Violation(
            survivor_id=survivor.id,
            **await facts_of(session, entry, now),
            recorded_at=now,
            recorded_by=actor.user_id,
        )
        cases = await cases_of(session, survivor, entry.cases, lawyer)
        session.add(violation)
        await session.flush()
        session.add_all(ViolationCase(violation_id=violation.id, case_id=c) for c in cases)
        audit(session, actor, "violation.record", "violation", violation.id, survivor=code)
    return violation


async def _linked(
    session: AsyncSession, ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    rows = await session.exec(
        select(ViolationCase.violation_id, ViolationCase.case_id).where(
            col(ViolationCase.violation_id).in_(ids)
        )
    )
    linked: dict[uuid.UUID, list[uuid.UUID]] = {}
    for violation_id, case_id in rows:
        linked.setdefault(violation_id, []).append(case_id)
    return linked


Recorded = list[tuple[Violation, str, list[uuid.UUID]]]
"""each record with its survivor's code and the cases brought over it"""


async def _with_links(session: AsyncSession, rows: Sequence[tuple[Violation, str]]) -> Recorded:
    linked = await _linked(session, [v.id for v, _ in rows])
    return [(v, code, linked.get(v.id, [])) for v, code in rows]


async def violations_of_survivor(session: AsyncSession, actor: Actor, code: str) -> Recorded:
    """A survivor's records, places and officers' names included: audited as a read."""
    async with session.begin():
        survivor = await survivor_coded(session, code)
        rows = await session.exec(
            select(Violation)
            .where(Violation.survivor_id == survivor.id)
            .order_by(col(Violation.occurred_on).desc(), col(Violation.recorded_at))
        )
        audit(session, actor, "violation.read", "survivor", code)
        return await _with_links(session, [(v, code) for v in rows.all()])


async def violations_of_case(
    session: AsyncSession, actor: Actor, case_id: uuid.UUID, free_text: bool
) -> Recorded:
    """The records a case was brought over; a read is audited when it shows free text."""
    async with session.begin():
        rows = await session.exec(
            select(Violation, Survivor.code)
            .join(ViolationCase, col(ViolationCase.violation_id) == Violation.id)
            .join(Survivor, col(Survivor.id) == Violation.survivor_id)
            .where(ViolationCase.case_id == case_id)
            .order_by(col(Violation.occurred_on).desc())
        )
        found = list(rows.all())
        if free_text:
            audit(session, actor, "violation.read", "case", case_id)
        return await _with_links(session, found)


async def read_violation(session: AsyncSession, actor: Actor, violation_id: uuid.UUID) -> Recorded:
    async with session.begin():
        found = (
            await session.exec(
                select(Violation, Survivor.code)
                .join(Survivor, col(Survivor.id) == Violation.survivor_id)
                .where(Violation.id == violation_id)
            )
        ).first()
        if found is None:
            raise NotFound(N_("No violation record has the id %(id)s."), id=violation_id)
        audit(session, actor, "violation.read", "violation", violation_id)
        return await _with_links(session, [found])
