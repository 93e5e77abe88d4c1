"""Court dates of a case: set, moved, held, adjourned to a new date, or vacated.

Each use case is one transaction that writes the hearing, its reminders and the audit row
together; a step of the court track recorded at a hearing (judgment delivered) joins it.
"""

import uuid
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import NAIROBI, nairobi_today, on_record
from domain.cases import Case, CaseEvent
from domain.errors import N_, InvalidInput, NotFound, NotNow, StaleVersion
from domain.hearings import Hearing, HearingStatus
from domain.stages import Stage
from domain.stations import known_station
from service.usecases.accounts.audit import audit
from service.usecases.awards.duplicates import write_sitting
from service.usecases.cases.court_track import take_step
from service.usecases.cases.register import get_case
from service.usecases.hearings.dates_in import (
    AdjournIn,
    HearingIn,
    HeldIn,
    RescheduleIn,
    VacateIn,
)
from service.usecases.hearings.reminders import cancel_reminders, move_reminders, plan_reminders
from service.usecases.versions import stale_version

NO_MORE_HEARINGS = (Stage.SETTLED, Stage.WITHDRAWN, Stage.CLOSED)
FURTHEST_AHEAD = timedelta(days=5 * 366)


NO_HEARING = N_("No court date has the id %(id)s.")


def instant(value: datetime, field: str) -> datetime:
    """A time without an offset is Nairobi's, as a Kenyan cause list writes it."""
    aware = value if value.tzinfo else value.replace(tzinfo=NAIROBI)
    on_record(aware.date(), field, N_("The date of the hearing"))
    return aware


def _ends(starts_at: datetime, ends_at: datetime | None) -> datetime | None:
    if ends_at is not None and instant(ends_at, "ends_at") <= starts_at:
        raise InvalidInput(N_("The end of the sitting must be after its start."), "ends_at")
    return ends_at and instant(ends_at, "ends_at")


def checked_start(starts_at: datetime, after_the_fact: bool, now: datetime) -> datetime:
    """A date in the past is a record of what happened and must say so; the future is bounded
    so that a mistyped year does not sit silently on the calendar."""
    starts_at = instant(starts_at, "starts_at")
    if starts_at <= now and not after_the_fact:
        raise InvalidInput(
            N_(
                "The date and time, %(start)s, are in the past: to record a court date that has "
                "already taken place, tick the box that says the date has passed."
            ),
            "starts_at",
            start=starts_at,
        )
    if starts_at > now and after_the_fact:
        raise InvalidInput(
            N_("This court date is in the future: untick the box that says the date has passed."),
            "recorded_after_the_fact",
        )
    if starts_at - now > FURTHEST_AHEAD:
        raise InvalidInput(
            N_("The date and time are more than five years ahead; check the year."), "starts_at"
        )
    return starts_at


async def schedule(
    session: AsyncSession,
    actor: Actor,
    case_id: uuid.UUID,
    given: HearingIn,
    *,
    now: datetime | None = None,
) -> Hearing:
    now = now or utcnow()
    starts_at = checked_start(given.starts_at, given.recorded_after_the_fact, now)
    station = given.station and known_station(given.station)
    async with session.begin():
        case = await get_case(session, case_id)
        if case.stage in NO_MORE_HEARINGS:
            raise NotNow(
                N_("The case is at the stage %(stage)s: no further court dates can be set."),
                stage=case.stage,
            )
        hearing = Hearing(
            case_id=case.id,
            starts_at=starts_at,
            ends_at=_ends(starts_at, given.ends_at),
            station=station or case.court_station,
            court_room=given.court_room,
            judicial_officer=given.judicial_officer,
            purpose=given.purpose,
            recorded_after_the_fact=given.recorded_after_the_fact,
            recorded_by=actor.user_id,
            created_at=now,
        )
        await write_sitting(session, hearing)
        await plan_reminders(session, hearing, now)
        audit(session, actor, "hearing.schedule", "hearing", hearing.id, case_id=str(case.id))
    return hearing


async def get_hearing(session: AsyncSession, hearing_id: uuid.UUID) -> Hearing:
    hearing = await session.get(Hearing, hearing_id)
    if hearing is None:
        raise NotFound(NO_HEARING, id=hearing_id)
    return hearing


async def _scheduled(session: AsyncSession, hearing_id: uuid.UUID, version: int) -> Hearing:
    """The hearing, locked, at the version the person saw, and still to be decided."""
    hearing = await session.get(Hearing, hearing_id, with_for_update=True)
    if hearing is None:
        raise NotFound(NO_HEARING, id=hearing_id)
    if hearing.version != version:
        raise StaleVersion(version, hearing.version, "hearing")
    if hearing.status is not HearingStatus.SCHEDULED:
        raise NotNow(
            N_("This court date is already marked %(status)s: it can no longer be changed."),
            status=hearing.status,
        )
    return hearing


def _has_come(hearing: Hearing, now: datetime) -> None:
    """What happened in court can be recorded from the morning of the hearing's day."""
    day = hearing.starts_at.astimezone(NAIROBI).date()
    if day > nairobi_today(now):
        raise NotNow(
            N_("What happened in court on %(day)s can be recorded from that day, not before."),
            day=day,
        )


async def reschedule(
    session: AsyncSession,
    actor: Actor,
    hearing_id: uuid.UUID,
    given: RescheduleIn,
    *,
    now: datetime | None = None,
) -> Hearing:
    """Moved before it sat (by notice from the registry): the same hearing at a new time."""
    now = now or utcnow()
    starts_at = checked_start(given.starts_at, False, now)
    station = given.station and known_station(given.station)
    async with session.begin():
        hearing = await _scheduled(session, hearing_id, given.version)
        moved_from = hearing.starts_at
        hearing.starts_at, hearing.ends_at = starts_at, _ends(starts_at, given.ends_at)
        hearing.station = station or hearing.station
        hearing.court_room = given.court_room or hearing.court_room
        hearing.judicial_officer = given.judicial_officer or hearing.judicial_officer
        hearing.sequence += 1
        await write_sitting(session, hearing)
        await move_reminders(session, hearing, now)
        audit(
            session, actor, "hearing.reschedule", "hearing", hearing.id,
            moved_from=moved_from.isoformat(), to=starts_at.isoformat(), reason=given.reason,
        )  # fmt: skip
    return hearing


async def record_held(
    session: AsyncSession,
    actor: Actor,
    hearing_id: uuid.UUID,
    given: HeldIn,
    *,
    now: datetime | None = None,
) -> tuple[Hearing, Case, CaseEvent | None]:
    """The court sat. A step of the court track taken at it is dated the hearing's day unless
    the person says otherwise, and is written in the same transaction or not at all."""
    now = now or utcnow()
    case_step = given.case_step.step() if given.case_step else None
    try:
        async with session.begin():
            hearing = await _scheduled(session, hearing_id, given.version)
            _has_come(hearing, now)
            hearing.status, hearing.outcome = HearingStatus.HELD, given.outcome
            hearing.sequence += 1
            await cancel_reminders(session, hearing.id)
            case = await get_case(session, hearing.case_id)
            event = None
            if case_step is not None:
                day = hearing.starts_at.astimezone(NAIROBI).date()
                step = replace(case_step, occurred_on=case_step.occurred_on or day)
                event = await take_step(session, actor, case, step, now)
            audit(session, actor, "hearing.held", "hearing", hearing.id)
            await session.flush()
    except StaleDataError:
        # the hearing is locked, so only the case can have moved under us
        assert case_step is not None
        raise await stale_version(session, Case, case.id, case_step.version) from None
    return hearing, case, event


async def adjourn(
    session: AsyncSession,
    actor: Actor,
    hearing_id: uuid.UUID,
    given: AdjournIn,
    *,
    now: datetime | None = None,
) -> tuple[Hearing, Hearing]:
    """The court sat and put the matter off to another date: this hearing ends, the next one
    starts the chain's next link, with its own reminders."""
    now = now or utcnow()
    next_at = checked_start(given.next_starts_at, given.recorded_after_the_fact, now)
    station = given.station and known_station(given.station)
    async with session.begin():
        hearing = await _scheduled(session, hearing_id, given.version)
        _has_come(hearing, now)
        if next_at <= hearing.starts_at:
            raise InvalidInput(
                N_("The next date must be after the adjourned one."), "next_starts_at"
            )
        hearing.status, hearing.outcome = HearingStatus.ADJOURNED, given.reason
        hearing.sequence += 1
        await cancel_reminders(session, hearing.id)
        following = Hearing(
            case_id=hearing.case_id,
            starts_at=next_at,
            ends_at=_ends(next_at, given.next_ends_at),
            station=station or hearing.station,
            court_room=given.court_room or hearing.court_room,
            judicial_officer=given.judicial_officer or hearing.judicial_officer,
            purpose=given.next_purpose or hearing.purpose,
            adjourned_from_id=hearing.id,
            recorded_after_the_fact=given.recorded_after_the_fact,
            recorded_by=actor.user_id,
            created_at=now,
        )
        await write_sitting(session, following)
        await plan_reminders(session, following, now)
        audit(
            session, actor, "hearing.adjourn", "hearing", hearing.id,
            next_hearing=str(following.id), reason=given.reason,
        )  # fmt: skip
    return hearing, following


async def vacate(
    session: AsyncSession,
    actor: Actor,
    hearing_id: uuid.UUID,
    given: VacateIn,
    *,
    now: datetime | None = None,
) -> Hearing:
    """Taken off the cause list before it sat; subscribers see the event cancelled."""
    now = now or utcnow()
    async with session.begin():
        hearing = await _scheduled(session, hearing_id, given.version)
        hearing.status, hearing.outcome = HearingStatus.VACATED, given.reason
        hearing.sequence += 1
        await cancel_reminders(session, hearing.id)
        audit(session, actor, "hearing.vacate", "hearing", hearing.id, reason=given.reason)
    return hearing
