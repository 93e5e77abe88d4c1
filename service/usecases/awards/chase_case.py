"""Chasing the Attorney General for a whole case: one follow-up logged on each of its awards.

A petition of four claimants is one file at the Attorney General's office: one letter, call or
visit chases every award of it served and still unpaid, so it is logged on each in one
transaction (all or none), each award's next reminder cancelled as a single follow-up does.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, FollowUp, FollowUpKind
from domain.base import utcnow
from domain.calendar import not_in_future
from domain.errors import N_, InvalidInput, NotFound
from service.usecases.accounts.audit import audit
from service.usecases.awards.chase_reminders import CHASED, cancel_follow_up
from service.usecases.cases.register import get_case

NONE_SERVED = N_(
    "No award of this case has been served on the Attorney General and is still unpaid, so "
    "there is nothing to follow up yet: record service on an award first."
)


@dataclass(frozen=True)
class CaseFollowUp:
    """One chase of the Attorney General for a case; `award_ids` narrows it to some of the
    case's awards (None: every award served and unpaid)."""

    on: date
    kind: FollowUpKind
    reference: str
    answered_on: date | None = None
    answer: str | None = None
    award_ids: Sequence[uuid.UUID] | None = None


async def log_case_follow_up(
    session: AsyncSession,
    actor: Actor,
    case_id: uuid.UUID,
    chase: CaseFollowUp,
    now: datetime | None = None,
) -> list[FollowUp]:
    now = now or utcnow()
    not_in_future(chase.on, now, "on")
    if chase.answered_on is not None:
        not_in_future(chase.answered_on, now, "answered_on")
        if chase.answered_on < chase.on:
            raise InvalidInput(
                N_("The date of the answer is before the follow-up it answers."), "answered_on"
            )
    async with session.begin():
        await get_case(session, case_id)
        found = (await session.exec(select(Award).where(Award.case_id == case_id))).all()
        awards = sorted(found, key=lambda a: (a.created_at, a.id))
        if chase.award_ids is not None:
            awards = _named(awards, chase.award_ids)
        chased = [a for a in awards if a.served_on is not None and a.stage in CHASED]
        if not chased:
            raise InvalidInput(NONE_SERVED)
        first = max(a.served_on for a in chased if a.served_on is not None)
        if chase.on < first:
            raise InvalidInput(
                N_(
                    "The follow-up date is before an award was served on the Attorney General "
                    "(%(served)s): a follow-up comes after service."
                ),
                "on",
                served=first,
            )
        rows = [_follow_up(award, chase, actor, now) for award in chased]
        session.add_all(rows)
        for award in chased:
            await cancel_follow_up(await session.connection(), award.id)
            audit(session, actor, "award.follow_up", "award", award.id, kind=chase.kind)
    return rows


def _named(awards: list[Award], award_ids: Sequence[uuid.UUID]) -> list[Award]:
    """The awards asked for, each of this case: another case's award is not found here,
    exactly as an award that does not exist."""
    mine = {a.id: a for a in awards}
    for award_id in award_ids:
        if award_id not in mine:
            raise NotFound(N_("No award of this case has the id %(id)s."), id=award_id)
    return [a for a in awards if a.id in set(award_ids)]


def _follow_up(award: Award, chase: CaseFollowUp, actor: Actor, now: datetime) -> FollowUp:
    return FollowUp(
        award_id=award.id,
        on=chase.on,
        kind=chase.kind,
        reference=chase.reference.strip(),
        answered_on=chase.answered_on,
        answer=chase.answer,
        recorded_at=now,
        recorded_by=actor.user_id,
    )
