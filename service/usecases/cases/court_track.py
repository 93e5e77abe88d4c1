"""Moving a case along its court track: one transaction writes the stage and its event."""

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import asyncpg
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import SETTLED, Award
from domain.base import as_loaded, utcnow
from domain.calendar import nairobi_today
from domain.cases import Case, CaseEvent
from domain.errors import StaleVersion
from domain.stages import Stage
from domain.stations import merged_station
from service.usecases.cases.case_reminders import remind_of_appeal
from service.usecases.cases.mandamus import (
    forget_motion_reminders,
    log_mandamus_outcome,
    remind_of_motion,
    time_the_motion,
)
from service.usecases.cases.register import flush_unique, get_case
from service.usecases.cases.step_facts import Step, facts_of, in_order
from service.usecases.cases.step_writes import (
    lent_connection,
    read_award_stages,
    read_case,
    read_row,
    write_event,
    write_step,
)
from service.usecases.driver_rows import driver_connection
from service.usecases.families.family_news import judgment_delivered
from service.usecases.paging import page
from service.usecases.versions import stale_version
from statemachines.case_track import Route
from statemachines.facts import Facts
from statemachines.tracks import machine_of

Consequence = Callable[[AsyncSession, Actor, Case, CaseEvent, datetime], Awaitable[None]]

# what a step writes on other records besides the case's own row and history, in the same
# transaction, whichever way the step was taken (a route, a hearing held, the award track)
CONSEQUENCES: dict[str, tuple[Consequence, ...]] = {
    "deliver_judgment": (log_mandamus_outcome, judgment_delivered, remind_of_appeal),
    "determine_appeal": (judgment_delivered,),
    "grant_leave": (remind_of_motion,),
    "file_notice_of_motion": (forget_motion_reminders,),
    "withdraw": (forget_motion_reminders,),
}


DETAILS: dict[str, Consequence] = {"file_notice_of_motion": time_the_motion}
"""what a step adds to its own event's details before the event is written (once: the history
is append-only)"""

FILING = {"file", "seek_leave"}
"""the steps that give the registry's number: the first filing on either route"""


async def record_step(
    session: AsyncSession,
    actor: Actor,
    case_id: uuid.UUID,
    step: Step,
    now: datetime | None = None,
) -> tuple[Case, CaseEvent]:
    """Fires the trigger and persists stage and event together, or writes nothing at all.

    Checks run in the order a person needs them: version, stage, guards, then chronology.
    The case is read and written by Core statements (service/usecases/cases/step_writes.py),
    not the ORM: the returned case is not tracked by the session.
    """
    now = now or utcnow()
    if step.trigger in CONSEQUENCES or step.trigger in DETAILS:
        async with session.begin():
            case = await read_case(session, case_id)
            event = await _step(session, await driver_connection(session), actor, case, step, now)
            if event is None:
                raise await stale_version(session, Case, case_id, step.version)
            await _consequences(session, actor, case, event, now)
        return case, event
    # a step that writes nothing elsewhere needs no transaction: its write is one statement
    async with lent_connection(session) as connection:
        case = await read_row(connection, case_id)
        event = await _step(session, connection, actor, case, step, now)
    if event is None:
        # read through the session once the lent connection is back: a request never holds two
        async with session.begin():
            raise await stale_version(session, Case, case_id, step.version)
    return case, event


async def _step(
    session: AsyncSession,
    connection: asyncpg.Connection,
    actor: Actor,
    case: Case,
    step: Step,
    now: datetime,
) -> CaseEvent | None:
    """Moves the case read and writes it with its event on `connection`, which also reads the
    award facts when a guard needs them; None when the case changed since it was read (nothing
    was written)."""
    if case.version != step.version:
        raise StaleVersion(step.version, case.version)
    facts = await _step_facts(session, case, step, now, connection)
    entry = Entry(step.trigger, now, step.note, step.evidence_ref)
    event = await _moved(session, actor, case, facts, entry)
    written = await write_step(connection, actor, case, step.version, event)
    if written is None:
        return None
    event.id, case.version = written, step.version + 1
    return event


async def take_step(
    session: AsyncSession, actor: Actor, case: Case, step: Step, now: datetime
) -> CaseEvent:
    """A step inside the caller's transaction, e.g. judgment delivered at a hearing."""
    if case.version != step.version:
        raise StaleVersion(step.version, case.version)
    facts = await _step_facts(session, case, step, now)
    return await move_case(
        session, actor, case, step.trigger, facts, now, step.note, step.evidence_ref
    )


async def _step_facts(
    session: AsyncSession,
    case: Case,
    step: Step,
    now: datetime,
    connection: asyncpg.Connection | None = None,
) -> Facts:
    """What the person asserted, the award facts when a guard reads them, and the station a
    filing's number names (filing records the number: statemachines/effects.py). The award
    facts are read on the step's own `connection` when it has one, else through the session
    (which first flushes what the caller's transaction has added)."""
    facts = facts_of(step, now)
    if machine_of(case).gathers(case, step.trigger):
        stages = await (
            read_award_stages(connection, case.id)
            if connection is not None
            else award_stages(session, case.id)
        )
        facts = replace(facts, **award_facts_of(stages))
    number = facts.court_number
    if step.trigger in FILING and number is not None and number.station:
        case.court_station = merged_station(case.court_station, number.station)
    return facts


async def move_case(
    session: AsyncSession,
    actor: Actor,
    case: Case,
    trigger: str,
    facts: Facts,
    now: datetime,
    note: str | None = None,
    evidence_ref: str | None = None,
) -> CaseEvent:
    """Fires one case trigger on an ORM-tracked case inside the caller's transaction and
    records its event."""
    event = await _moved(session, actor, case, facts, Entry(trigger, now, note, evidence_ref))
    await flush_unique(session, case)  # the version check: a stale step stops here
    event.id = await write_event(session, actor, event)
    await _consequences(session, actor, case, event, now)
    return event


async def case_step(
    case: Case, actor: Actor, trigger: str, facts: Facts, now: datetime
) -> dict[str, Any]:
    """`move_case` without its writes: the trigger fired on the case in memory and its event's
    columns given, for a caller that writes both itself (an import, a batch at a time). Only
    for a step with no consequences and nothing to add to its event: those write at once."""
    assert trigger not in CONSEQUENCES and trigger not in DETAILS
    return await _fired(actor, case, facts, Entry(trigger, now))


@dataclass(frozen=True)
class Entry:
    """What a step's event says besides the facts: the trigger, when it was recorded, the
    person's note and evidence reference."""

    trigger: str
    now: datetime
    note: str | None = None
    evidence_ref: str | None = None


async def _moved(
    session: AsyncSession, actor: Actor, case: Case, facts: Facts, entry: Entry
) -> CaseEvent:
    """Fires the trigger on the case in memory and makes its event, details included (the
    history is append-only: written once); writes nothing of the case's own."""
    event = as_loaded(CaseEvent, {"id": None, **await _fired(actor, case, facts, entry)})
    if entry.trigger in DETAILS:
        await DETAILS[entry.trigger](session, actor, case, event, entry.now)
    return event


async def _fired(actor: Actor, case: Case, facts: Facts, entry: Entry) -> dict[str, Any]:
    trigger, now = entry.trigger, entry.now
    occurred_on = facts.occurred_on or nairobi_today(now)
    since = case.stage_since
    from_stage = Stage(await machine_of(case).fire(case, trigger, facts))
    in_order(from_stage, since, occurred_on)
    case.stage_since = occurred_on
    return {
        "case_id": case.id,
        "trigger": trigger,
        "from_stage": from_stage,
        "to_stage": case.stage,
        "occurred_on": occurred_on,
        "recorded_at": now,
        "recorded_by": actor.user_id,
        "note": entry.note,
        "evidence_ref": entry.evidence_ref,
        "details": _details(facts),
    }


async def _consequences(
    session: AsyncSession, actor: Actor, case: Case, event: CaseEvent, now: datetime
) -> None:
    for consequence in CONSEQUENCES.get(event.trigger, ()):
        await consequence(session, actor, case, event, now)


async def award_facts(session: AsyncSession, case_id: uuid.UUID) -> dict[str, Any]:
    """How many awards the case has and whether all are settled: facts its guards read."""
    return award_facts_of(await award_stages(session, case_id))


async def award_stages(session: AsyncSession, case_id: uuid.UUID) -> Sequence[str]:
    return (await session.exec(select(Award.stage).where(Award.case_id == case_id))).all()


def award_facts_of(stages: Sequence[str]) -> dict[str, Any]:
    return {"awards": len(stages), "awards_settled": all(stage in SETTLED for stage in stages)}


def _details(facts: Facts) -> dict[str, object]:
    details: dict[str, object] = {
        "outcome": facts.outcome and facts.outcome.value,
        "court_number": facts.court_number and str(facts.court_number),
        "neutral_citation": facts.neutral_citation and str(facts.neutral_citation),
        "stay_of_execution": facts.stay_of_execution,
    }
    return {key: value for key, value in details.items() if value is not None}


async def allowed_steps(session: AsyncSession, case_id: uuid.UUID) -> tuple[Case, list[Route]]:
    case = await get_case(session, case_id)
    return case, machine_of(case).allowed(case)


async def history(
    session: AsyncSession, case_id: uuid.UUID, *, limit: int, offset: int
) -> tuple[list[CaseEvent], int]:
    await get_case(session, case_id)
    mine = [col(CaseEvent.case_id) == case_id]
    return await page(session, CaseEvent, mine, [col(CaseEvent.id)], limit=limit, offset=offset)
