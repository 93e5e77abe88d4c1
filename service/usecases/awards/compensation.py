"""Moving an award along its track, one step at a time; the case follows.

Every write to an award locks its row, so steps and payments recorded at the same moment are
taken one after the other. Money moved is in payments.py, disbursements.py, taxed_costs.py and
settlement.py.
"""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import (
    Award,
    AwardEvent,
    AwardHead,
    AwardStage,
)
from domain.base import utcnow
from domain.calendar import nairobi_today, not_in_future
from domain.cases import Case
from domain.errors import N_, InvalidInput, NotFound, StaleVersion, Step
from domain.stages import Stage
from service.usecases.accounts.audit import audit
from service.usecases.awards.orders import CompensationRules
from service.usecases.cases.court_track import award_facts, move_case
from service.usecases.cases.enforcement import open_mandamus
from service.usecases.cases.register import get_case
from service.usecases.versions import stale_version
from statemachines.award_rules import AwardFacts
from statemachines.award_track import AWARD_TRACK
from statemachines.facts import Facts

LEDGER_TRIGGERS = {
    "receive_part_payment",
    "receive_final_payment",
    "complete_disbursement",
    "reverse_payment",
    "reverse_disbursement",
}

# what a step writes besides the award's own row and history, in the same transaction
CONSEQUENCES = {"enforce": open_mandamus}

AWARD_STEP_DATES = {
    "extract_decree": N_("The date the decree was extracted"),
    "issue_certificate": N_("The date the certificate of order was issued"),
    "serve_on_ag": N_("The date the Attorney General was served"),
    "stay": N_("The date execution was stayed"),
    "lift_stay": N_("The date the stay was lifted"),
}
"""how a refused date names the step it dates; any other step's is 'The date it happened'"""


@dataclass(frozen=True)
class AwardStep:
    trigger: str
    version: int
    occurred_on: date | None = None
    note: str | None = None
    evidence_ref: str | None = None


async def locked_award(session: AsyncSession, award_id: uuid.UUID) -> Award:
    award = await session.get(Award, award_id, with_for_update=True)
    if award is None:
        raise NotFound(N_("No award has the id %(id)s."), id=award_id)
    return award


async def costs_taxed_on(session: AsyncSession, award_id: uuid.UUID) -> date | None:
    """The latest taxation of costs on record before the certificate of order: the certificate
    includes those costs, so it waits for their taxation (GPA s.21(1)). Costs taxed once it is
    issued have a certificate of their own."""
    taxed = select(func.max(AwardHead.taxed_on)).where(col(AwardHead.award_id) == award_id)
    return (await session.exec(taxed)).one()


def in_date_order(on: date, since: date, from_stage: AwardStage, found_late: bool) -> None:
    """An award's steps are kept in date order, except money `found_late` (by hand or
    imported, the same rule and refusal)."""
    if on < since and not found_late:
        raise InvalidInput(
            N_(
                "The date, %(day)s, is before the award reached the stage %(stage)s on "
                "%(since)s; entries are kept in date order."
            ),
            "occurred_on",
            day=on,
            stage=from_stage,
            since=since,
        )


async def move_award(
    session: AsyncSession,
    actor: Actor,
    award: Award,
    trigger: str,
    facts: AwardFacts,
    now: datetime,
    note: str | None = None,
    evidence_ref: str | None = None,
    found_late: bool = False,
    **details: Any,
) -> AwardEvent:
    """Fires `trigger` and writes the award's history. Steps are kept in date order, except
    money `found_late`: a payment is dated the day it was received, even before a later step;
    the stage then counts from that step still, so the steps after it stay in order."""
    occurred_on = facts.occurred_on or nairobi_today(now)
    since = award.stage_since
    from_stage = AwardStage(await AWARD_TRACK.fire(award, trigger, facts))
    in_date_order(occurred_on, since, from_stage, found_late)
    award.stage_since = max(since, occurred_on)
    event = AwardEvent(
        award_id=award.id,
        trigger=trigger,
        from_stage=from_stage,
        to_stage=award.stage,
        occurred_on=occurred_on,
        recorded_at=now,
        recorded_by=actor.user_id,
        note=note,
        evidence_ref=evidence_ref,
        details=details,
    )
    session.add(event)
    audit(session, actor, "award.step", "award", award.id, trigger=trigger)
    await _case_follows(session, actor, award, occurred_on, now)
    return event


async def _case_follows(
    session: AsyncSession, actor: Actor, award: Award, on: date, now: datetime
) -> None:
    """The chase begins: the case moves to compensation; all settled: the case closes; an
    award unsettled again (a reversal) reopens it, dated no earlier than it was closed."""
    case = await get_case(session, award.case_id)
    await session.flush()
    facts = Facts(occurred_on=on, **await award_facts(session, case.id))

    async def move(trigger: str, facts: Facts) -> None:
        await move_case(session, actor, case, trigger, facts, now)

    await case_follows(case, award, facts, move)


async def case_follows(
    case: Case, award: Award, facts: Facts, move: Callable[[str, Facts], Awaitable[None]]
) -> None:
    """`_case_follows` with the facts of the case's awards known, and the case moved by
    `move` (an import writes the step with its batch)."""
    if case.stage == Stage.AWARDED and award.stage != AwardStage.AWARDED:
        await move("pursue_compensation", facts)
    if case.stage == Stage.COMPENSATION and facts.awards_settled:
        await move("close", facts)
    if case.stage == Stage.CLOSED and not facts.awards_settled:
        on = facts.occurred_on or case.stage_since
        await move("reopen", replace(facts, occurred_on=max(on, case.stage_since)))


async def record_award_step(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    step: AwardStep,
    rules: CompensationRules,
    now: datetime | None = None,
) -> tuple[Award, AwardEvent]:
    if step.trigger in LEDGER_TRIGGERS:
        raise InvalidInput(
            N_(
                "“%(step)s” follows from the ledger: record the payment, or the money passed "
                "on, in the award's ledger (the API: POST /awards/{id}/payments or "
                "/disbursements), and reverse an entry there."
            ),
            "trigger",
            step=Step(step.trigger),
        )
    now = now or utcnow()
    occurred_on = step.occurred_on and not_in_future(
        step.occurred_on, now, "occurred_on", AWARD_STEP_DATES.get(step.trigger)
    )
    facts = AwardFacts(
        occurred_on=occurred_on or nairobi_today(now),
        waiting_days=rules.certificate_wait_days,
    )
    try:
        async with session.begin():
            award = await locked_award(session, award_id)
            if award.version != step.version:
                raise StaleVersion(step.version, award.version)
            if step.trigger == "issue_certificate":
                taxed_on = await costs_taxed_on(session, award.id)
                facts = replace(
                    facts,
                    costs_taxed_on=taxed_on,
                    costs_awaited=award.costs_to_be_taxed and taxed_on is None,
                )
            event = await move_award(
                session, actor, award, step.trigger, facts, now, step.note, step.evidence_ref
            )
            consequence = CONSEQUENCES.get(step.trigger)
            if consequence is not None:
                await consequence(session, actor, award, event.occurred_on, now)
            await session.flush()
    except StaleDataError:
        raise await stale_version(session, Award, award_id, step.version) from None
    return award, event
