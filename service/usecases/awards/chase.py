"""Chasing the Attorney General: logging each follow-up, and the list of those due."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, FollowUp
from domain.base import utcnow
from domain.calendar import not_in_future
from domain.cases import Case, Survivor
from domain.chase import ChaseRules, ChaseState, chase_state
from domain.errors import N_, InvalidInput
from domain.users import CaseMember
from service.usecases.accounts.audit import audit
from service.usecases.awards.chase_reminders import CHASED, cancel_follow_up, last_served
from service.usecases.awards.entries import FollowUpIn
from service.usecases.awards.orders import get_award


def may_follow_up(award: Award) -> bool:
    """Follow-ups are logged once the award is served on the Attorney General, until paid."""
    return award.served_on is not None and award.stage in CHASED


async def log_follow_up(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    given: FollowUpIn,
    now: datetime | None = None,
) -> FollowUp:
    """The follow-up as the API's body or the case page's form gave it."""
    on, answered_on = given.on, given.answered_on
    now = now or utcnow()
    not_in_future(on, now, "on")
    if answered_on is not None:
        not_in_future(answered_on, now, "answered_on")
        if answered_on < on:
            raise InvalidInput(
                N_("The date of the answer is before the follow-up it answers."), "answered_on"
            )
    async with session.begin():
        award = await get_award(session, award_id)
        if award.served_on is None or not may_follow_up(award):
            raise InvalidInput(
                N_(
                    "Follow-ups are logged once the award is served on the Attorney General and "
                    "until it is paid; this award is at the stage %(stage)s."
                ),
                stage=award.stage,
            )
        if on < award.served_on:
            raise InvalidInput(
                N_(
                    "The follow-up date is before the award was served on the Attorney General "
                    "(%(served)s): a follow-up comes after service."
                ),
                "on",
                served=award.served_on,
            )
        follow_up = FollowUp(
            award_id=award.id,
            on=on,
            kind=given.kind,
            reference=given.reference.strip(),
            answered_on=answered_on,
            answer=given.answer,
            recorded_at=now,
            recorded_by=actor.user_id,
        )
        session.add(follow_up)
        await cancel_follow_up(await session.connection(), award.id)
        audit(session, actor, "award.follow_up", "award", award.id, kind=given.kind)
    return follow_up


async def follow_ups_of(session: AsyncSession, award_id: uuid.UUID) -> list[FollowUp]:
    await get_award(session, award_id)
    rows = await session.exec(
        select(FollowUp).where(FollowUp.award_id == award_id).order_by(col(FollowUp.id))
    )
    return list(rows.all())


@dataclass(frozen=True)
class Due:
    award: Award
    case_reference: str
    claimant: str
    last_follow_up: date | None
    state: ChaseState


async def due_by(
    session: AsyncSession,
    day: date,
    today: date,
    rules: ChaseRules,
    member: uuid.UUID | None = None,
) -> list[Due]:
    """Chased awards whose next follow-up falls on or before `day`, soonest first."""
    costs, served = last_served()
    query = (
        select(Award, col(Case.reference), col(Survivor.code), served)
        .join(Case, col(Case.id) == Award.case_id)
        .join(Survivor, col(Survivor.id) == Award.survivor_id)
        .outerjoin(costs, costs.c.award_id == Award.id)
        .where(col(Award.stage).in_(CHASED), col(Award.served_on).is_not(None))
    )
    if member is not None:
        team = select(CaseMember.case_id).where(CaseMember.user_id == member)
        query = query.where(col(Award.case_id).in_(team))
    rows = (await session.exec(query)).all()
    contacts = await _last_contacts(session, [award.id for award, _, _, _ in rows])
    due = []
    for award, reference, code, served_on in rows:
        last_on, last_answer = contacts.get(award.id, (None, None))
        state = chase_state(served_on, last_on, last_answer, today, rules)
        if state.due_by(day):
            due.append(Due(award, reference, code, last_on, state))
    return sorted(due, key=lambda d: (d.state.next_due, d.case_reference))


async def _last_contacts(
    session: AsyncSession, award_ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[date | None, date | None]]:
    """For each award, the day of its last follow-up and of the last answer to one."""
    rows = await session.exec(
        select(FollowUp.award_id, func.max(FollowUp.on), func.max(FollowUp.answered_on))
        .where(col(FollowUp.award_id).in_(award_ids))
        .group_by(col(FollowUp.award_id))
    )
    return {award_id: (last_on, last_answer) for award_id, last_on, last_answer in rows.all()}
