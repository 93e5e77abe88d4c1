"""An award's step on its ledger (a payment received, the last of the money passed on) taken
with the batch, as `awards.compensation.move_award` takes it in Haki: the same track, its event
and audit row (naming the file), and the case following it; the award's and the case's new
stage written with the batch, versions checked (writes.py), not by the ORM a row at a time."""

from datetime import date
from typing import Any

from sqlalchemy import inspect
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import SETTLED, Award, AwardEvent, AwardStage
from domain.cases import Case, CaseEvent
from service.usecases.awards.compensation import case_follows, in_date_order
from service.usecases.cases.court_track import case_step
from service.usecases.importing.lookups import awards_of
from service.usecases.importing.running import Context
from service.usecases.importing.writes import Described
from statemachines.award_rules import AwardFacts
from statemachines.award_track import AWARD_TRACK
from statemachines.facts import Facts


async def step_award(
    session: AsyncSession,
    context: Context,
    case: Case,
    award: Award,
    trigger: str,
    facts: AwardFacts,
    found_late: bool = False,
    **details: Any,
) -> None:
    """Money `found_late` (a payment) is dated the day it came, even before a later step; any
    other step is kept in date order (move_award)."""
    actor, now = context.actor, context.now
    assert facts.occurred_on is not None  # a ledger entry has its day
    on: date = facts.occurred_on
    before = _columns(award)
    since = award.stage_since
    from_stage = AwardStage(await AWARD_TRACK.fire(award, trigger, facts))
    in_date_order(on, since, from_stage, found_late)
    award.stage_since = max(since, on)
    context.pending.change(Award, award, **_changed(award, before))
    context.pending.row(
        AwardEvent,
        award_id=award.id,
        trigger=trigger,
        from_stage=from_stage,
        to_stage=award.stage,
        occurred_on=on,
        recorded_at=now,
        recorded_by=actor.user_id,
        details=details,
    )
    context.audit("award.step", "award", award.id, trigger=trigger)
    stages = [known.stage for known in (await awards_of(session, context, case)).values()]
    settled = all(stage in SETTLED for stage in stages)
    follows = Facts(occurred_on=on, awards=len(stages), awards_settled=settled)

    async def move(trigger: str, facts: Facts) -> None:
        before = _columns(case)
        event = await case_step(case, actor, trigger, facts, now)
        context.pending.change(Case, case, **_changed(case, before))
        context.pending.row(CaseEvent, **event)
        context.audit("case.step", "case", case.id, trigger=trigger)

    await case_follows(case, award, follows, move)


def _columns(record: Award | Case) -> dict[str, Any]:
    """The record's columns as they stand before a step: those it sets are compared after."""
    return dict(_held(record))


def _changed(record: Award | Case, before: dict[str, Any]) -> dict[str, Any]:
    """What a step changed in the record (its stage, its date, what the track remembers)."""
    after = _held(record)
    return {
        name: value for name, value in after.items() if name in before and before[name] != value
    }


def _held(record: Award | Case) -> dict[str, Any]:
    """The record's values: a row read as plain columns (payment_facts.py) holds them as its
    own attributes, a record the ORM loaded (a row replayed alone) in its state."""
    if isinstance(record, Described):
        return record.__dict__
    values: dict[str, Any] = inspect(record).dict
    return values
