"""Which steps a case or an award can take now, from which day, or not at all.

The machines' guards decide (statemachines/machine.py `TrackMachine.chances`); this use case
gathers the facts they read from the records, dated today in Nairobi, so the case page and
the API's step listings offer the same steps for the same reasons.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardEvent
from domain.cases import Case, CaseEvent
from domain.users import User
from service.usecases.awards.compensation import costs_taxed_on
from service.usecases.awards.orders import CompensationRules, get_award
from service.usecases.cases.court_track import award_facts
from service.usecases.cases.register import get_case
from statemachines.award_rules import AwardFacts
from statemachines.award_track import AWARD_TRACK
from statemachines.facts import Facts
from statemachines.routes import Chance
from statemachines.tracks import machine_of

CaseChance = Chance[Case, Facts]
AwardChance = Chance[Award, AwardFacts]


async def case_chances(
    session: AsyncSession, case_id: uuid.UUID, today: date
) -> tuple[Case, list[CaseChance]]:
    case = await get_case(session, case_id)
    facts = Facts(occurred_on=today, **await award_facts(session, case.id))
    return case, machine_of(case).chances(case, facts)


async def award_chances(
    session: AsyncSession, award_id: uuid.UUID, today: date, rules: CompensationRules
) -> tuple[Award, list[AwardChance]]:
    award = await get_award(session, award_id)
    return award, await chances_of_award(session, award, today, rules)


async def chances_of_award(
    session: AsyncSession, award: Award, today: date, rules: CompensationRules
) -> list[AwardChance]:
    return award_chances_from(award, today, rules, await costs_taxed_on(session, award.id))


def award_chances_from(
    award: Award, today: date, rules: CompensationRules, taxed_on: date | None
) -> list[AwardChance]:
    """The award's chances from facts already read: `taxed_on`, its latest taxation of costs."""
    facts = AwardFacts(
        occurred_on=today, waiting_days=rules.certificate_wait_days, costs_taxed_on=taxed_on
    )
    return AWARD_TRACK.chances(award, facts)


@dataclass(frozen=True)
class LastStep:
    """The step someone recorded last on a record, for a page sent from an older view of it."""

    trigger: str
    by: str
    """the full name of the person who recorded it ("" for the system)"""
    at: datetime
    on_award: bool


async def last_step(
    session: AsyncSession, case_id: uuid.UUID, award_id: uuid.UUID | None = None
) -> LastStep | None:
    """The last step recorded on the award, or (no award named) on the case or any of its
    awards: an award's step can move its case too."""
    case_step = None
    if award_id is None:
        case_step = (
            await session.exec(
                select(CaseEvent.trigger, CaseEvent.recorded_at, User.full_name)
                .join(User, col(User.id) == CaseEvent.recorded_by, isouter=True)
                .where(CaseEvent.case_id == case_id)
                .order_by(col(CaseEvent.recorded_at).desc(), col(CaseEvent.id).desc())
                .limit(1)
            )
        ).first()
    mine = col(Award.id) == award_id if award_id else col(Award.case_id) == case_id
    award_step = (
        await session.exec(
            select(AwardEvent.trigger, AwardEvent.recorded_at, User.full_name)
            .join(Award, col(Award.id) == AwardEvent.award_id)
            .join(User, col(User.id) == AwardEvent.recorded_by, isouter=True)
            .where(mine)
            .order_by(col(AwardEvent.recorded_at).desc(), col(AwardEvent.id).desc())
            .limit(1)
        )
    ).first()
    found = [
        LastStep(row[0], row[2] or "", row[1], on_award)
        for row, on_award in ((case_step, False), (award_step, True))
        if row is not None
    ]
    return max(found, key=lambda step: step.at, default=None)
