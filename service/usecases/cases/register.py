"""Opening cases and finding them: the register a lawyer works from."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from msgspec import structs
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import nairobi_today, not_in_future
from domain.cases import Case, CaseClaimant, CaseEvent, Survivor
from domain.court_numbers import CourtNumber, CourtNumberError, parse_court_number
from domain.errors import N_, Conflict, InvalidInput, NotFound
from domain.stages import CaseKind, CourtLevel
from domain.stations import listed_station, merged_station
from domain.users import CaseMember
from service.log_context import note_case
from service.usecases.accounts.access import may_name
from service.usecases.accounts.audit import audit
from service.usecases.arrays import one_of
from service.usecases.cases.cases_in import CaseIn


def read_court_number(text: str, today: date | None = None) -> CourtNumber:
    try:
        return parse_court_number(text, today=today)
    except CourtNumberError as error:
        raise InvalidInput(
            N_(
                "“%(typed)s” cannot be read as a court number: %(why)s. Write it as the registry "
                "does, e.g. Petition No. E123 of 2021."
            ),
            "court_number",
            typed=text.strip(),
            why=error.why,
        ) from error


def number_case(case: Case, number: CourtNumber) -> None:
    """Gives the case its court number, the numbers consolidated with it, and the station the
    number names (refused when it is another town than the case's)."""
    if number.station:
        case.court_station = merged_station(case.court_station, number.station)
    case.court_number = str(number)
    case.consolidated_with = number.consolidated_with


async def open_case(
    session: AsyncSession,
    actor: Actor,
    *,
    reference: str,
    title: str,
    kind: CaseKind,
    court_level: CourtLevel,
    court_station: str,
    lead_counsel: str,
    claimants: Sequence[str],
    respondents: Sequence[str],
    court_number: str | None = None,
    opened_on: date | None = None,
    note: str | None = None,
    lead: uuid.UUID | None = None,
    named_by: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Case:
    """Registers a matter at `intake` with its first event; refuses unknown survivor codes.

    `lead` puts a user on the case's team as lead counsel (a lawyer opening their own case).
    `named_by` limits the claimants to the survivors that lawyer may name (access.may_name);
    any other code is refused in the words an unknown one is, so codes cannot be probed.
    """
    now = now or utcnow()
    opened_on = not_in_future(opened_on, now, "opened_on") if opened_on else nairobi_today(now)
    case = Case(
        reference=reference.strip(),
        title=title.strip(),
        kind=kind,
        court_level=court_level,
        court_station=court_station.strip(),
        respondents=[name.strip() for name in respondents],
        lead_counsel=lead_counsel.strip(),
        stage_since=opened_on,
    )
    if court_number:
        number_case(case, read_court_number(court_number))
    case.court_station = listed_station(case.court_station)
    async with session.begin():
        return await add_case(
            session,
            actor,
            case,
            claimants,
            note,
            now,
            team=[(lead, True)] if lead else [],
            named_by=named_by,
        )


async def open_at_intake(
    session: AsyncSession,
    actor: Actor,
    given: CaseIn,
    *,
    lead: uuid.UUID | None,
    named_by: uuid.UUID | None,
) -> Case:
    """`open_case` with what the person typed, by the API's body or the new-case form alike."""
    return await open_case(session, actor, lead=lead, named_by=named_by, **structs.asdict(given))


async def add_case(
    session: AsyncSession,
    actor: Actor,
    case: Case,
    claimants: Sequence[str],
    note: str | None,
    now: datetime,
    team: Sequence[tuple[uuid.UUID, bool]] = (),
    named_by: uuid.UUID | None = None,
) -> Case:
    """Adds a case at intake inside the caller's transaction: claimants, first event, team."""
    survivors = await _survivors_by_code(session, claimants, named_by)
    session.add(case)
    await flush_unique(session, case)
    session.add_all(CaseClaimant(case_id=case.id, survivor_id=s.id) for s in survivors)
    session.add(
        CaseEvent(
            case_id=case.id,
            trigger="open",
            to_stage=case.stage,
            occurred_on=case.stage_since,
            note=note,
            recorded_at=now,
            recorded_by=actor.user_id,
        )
    )
    session.add_all(CaseMember(case_id=case.id, user_id=user, lead=lead) for user, lead in team)
    audit(session, actor, "case.open", "case", case.id, reference=case.reference)
    return case


async def _survivors_by_code(
    session: AsyncSession, codes: Sequence[str], named_by: uuid.UUID | None
) -> list[Survivor]:
    wanted = list(dict.fromkeys(codes))
    query = select(Survivor).where(col(Survivor.code).in_(wanted))
    if named_by is not None:
        query = query.where(may_name(named_by))
    found = (await session.exec(query)).all()
    missing = sorted(set(wanted) - {s.code for s in found})
    if missing:
        raise InvalidInput(
            N_("No survivor is registered with the code %(codes)s."), "claimants", codes=missing
        )
    return list(found)


async def flush_unique(session: AsyncSession, case: Case) -> None:
    """Writes the case, or says in words which uniqueness it broke: the court number at the
    station, or the reference. (The case's fields are read first: a failed flush expires them.)"""
    number, station, reference = case.court_number, case.court_station, case.reference
    try:
        await session.flush()
    except IntegrityError as error:
        constraint = getattr(error.orig, "constraint_name", None) or str(error.orig)
        if "court_number" in constraint:
            raise Conflict(
                N_("%(number)s at %(station)s is already registered for another case."),
                number=number,
                station=station,
            ) from error
        raise Conflict(
            N_("A case with the reference %(reference)s already exists."), reference=reference
        ) from error


async def get_case(session: AsyncSession, case_id: uuid.UUID) -> Case:
    case = await session.get(Case, case_id)
    if case is None:
        raise NotFound(N_("No case has the id %(id)s."), id=case_id)
    note_case(case.reference)
    return case


async def claimant_codes(
    session: AsyncSession, case_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[str]]:
    rows = await session.exec(
        select(CaseClaimant.case_id, Survivor.code)
        .join(Survivor, col(Survivor.id) == CaseClaimant.survivor_id)
        .where(one_of(col(CaseClaimant.case_id), case_ids))
        .order_by(Survivor.code)
    )
    codes: dict[uuid.UUID, list[str]] = {case_id: [] for case_id in case_ids}
    for case_id, code in rows:
        codes[case_id].append(code)
    return codes
