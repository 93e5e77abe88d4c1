"""Referring a survivor to a partner, and following the referral until it is closed.

`ReferralIn` and `ReferralStepIn` are the one inputs of the API's JSON and the survivor page's
forms. Each move sets the next follow-up (two weeks on) and, for a referral that serves a
case, a reminder to lead counsel on the clock that sends the case's other reminders.
"""

import uuid
from datetime import date, datetime
from typing import Annotated

from msgspec import Meta, Struct
from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import nairobi_today, not_in_future
from domain.cases import CaseClaimant, Survivor
from domain.errors import N_, Conflict, InvalidInput, NotFound, StaleVersion
from domain.referrals import FOLLOW_UP, Outcome, Partner, PartnerKind, Referral, moved
from domain.reminders import Reminder, ReminderStatus
from domain.users import CaseMember
from service.text import LINE, NOT_BLANK_LINE, PARAGRAPH
from service.usecases.accounts.audit import audit
from service.usecases.cases.case_reminders import remind_case
from service.usecases.records.violations import survivor_coded

Words = Annotated[str, Meta(max_length=2000, pattern=PARAGRAPH)]
REMINDER = "referral_follow_up"


class PartnerIn(Struct, forbid_unknown_fields=True):
    name: Annotated[str, Meta(min_length=1, max_length=200, pattern=NOT_BLANK_LINE)]
    kind: PartnerKind
    county: Annotated[str, Meta(max_length=40, pattern=LINE)] | None = None
    contact: Annotated[str, Meta(max_length=200, pattern=LINE)] | None = None


class ReferralIn(Struct, forbid_unknown_fields=True, kw_only=True):
    partner_id: uuid.UUID
    reason: Words | None = None
    """why the survivor is referred: personal data"""
    case_id: uuid.UUID | None = None
    """the survivor's case it serves: its lead counsel is reminded of the follow-up"""
    made_on: date | None = None
    """default today"""


class ReferralStepIn(Struct, forbid_unknown_fields=True, kw_only=True):
    step: Annotated[str, Meta(pattern=r"^(accept|attend|close)$")]
    version: Annotated[int, Meta(ge=1)]
    on: date | None = None
    """default today"""
    outcome: Outcome | None = None
    """closing only, and then required"""
    note: Words | None = None


async def add_partner(session: AsyncSession, actor: Actor, given: PartnerIn) -> Partner:
    async with session.begin():
        name = given.name.strip()
        taken = await session.exec(select(Partner.id).where(Partner.name == name))
        if taken.first() is not None:
            raise Conflict(N_("A partner of that name is already in the directory."))
        partner = Partner(name=name, kind=given.kind, county=given.county, contact=given.contact)
        session.add(partner)
        audit(session, actor, "partner.add", "partner", partner.id)
    return partner


async def partners(session: AsyncSession, active_only: bool = False) -> list[Partner]:
    """The directory; `active_only` for the partners a new referral may be made to."""
    query = select(Partner).order_by(col(Partner.kind), col(Partner.name))
    if active_only:
        query = query.where(col(Partner.active))
    return list((await session.exec(query)).all())


async def set_active(
    session: AsyncSession, actor: Actor, partner_id: uuid.UUID, active: bool
) -> Partner:
    """A partner that closed or stopped taking referrals is deactivated, not deleted: the
    referrals already made to it keep naming it."""
    async with session.begin():
        partner = await session.get(Partner, partner_id)
        if partner is None:
            raise NotFound(N_("No partner has the id %(id)s."), id=partner_id)
        if partner.active != active:
            partner.active = active
            action = "partner.reactivate" if active else "partner.deactivate"
            audit(session, actor, action, "partner", partner.id)
    return partner


async def _case_of(
    session: AsyncSession, survivor: Survivor, case_id: uuid.UUID, lawyer: uuid.UUID | None
) -> uuid.UUID:
    """A case of the survivor, and for a lawyer one of their team's: else as unknown."""
    query = select(CaseClaimant.case_id).where(
        CaseClaimant.survivor_id == survivor.id, CaseClaimant.case_id == case_id
    )
    if lawyer is not None:
        query = query.join(CaseMember, col(CaseMember.case_id) == CaseClaimant.case_id).where(
            CaseMember.user_id == lawyer
        )
    if (await session.exec(query)).first() is None:
        raise InvalidInput(
            N_("Name only a case in which %(code)s is a claimant."), "case_id", code=survivor.code
        )
    return case_id


async def _remind(
    session: AsyncSession, referral: Referral, partner: Partner, now: datetime
) -> None:
    """The referral's one pending reminder: replaced at each move, gone once it is closed."""
    await session.exec(
        delete(Reminder).where(
            col(Reminder.kind) == REMINDER,
            col(Reminder.status) == ReminderStatus.PENDING,
            Reminder.details["referral_id"].astext == str(referral.id),
        )
    )
    if referral.case_id is None or referral.follow_up_on is None:
        return
    details = {
        "referral_id": str(referral.id),
        "kind": partner.kind.value,
        "status": referral.status.value,
    }
    rule = f"referral follow-up, {referral.follow_up_on.isoformat()}"
    remind_case(session, referral.case_id, REMINDER, rule, referral.follow_up_on, details, now)


async def refer(
    session: AsyncSession,
    actor: Actor,
    code: str,
    given: ReferralIn,
    lawyer: uuid.UUID | None,
    now: datetime | None = None,
) -> Referral:
    now = now or utcnow()
    async with session.begin():
        survivor = await survivor_coded(session, code)
        partner = await session.get(Partner, given.partner_id)
        if partner is None:
            raise InvalidInput(N_("Choose a partner from the directory."), "partner_id")
        if not partner.active:
            raise InvalidInput(
                N_("That partner takes no new referrals: choose another from the directory."),
                "partner_id",
            )
        made_on = not_in_future(given.made_on or nairobi_today(now), now, "made_on")
        case_id = (
            await _case_of(session, survivor, given.case_id, lawyer) if given.case_id else None
        )
        referral = Referral(
            survivor_id=survivor.id,
            partner_id=partner.id,
            case_id=case_id,
            made_on=made_on,
            reason=(given.reason or "").strip() or None,
            follow_up_on=made_on + FOLLOW_UP,
            made_by=actor.user_id,
        )
        session.add(referral)
        await session.flush()
        await _remind(session, referral, partner, now)
        audit(session, actor, "referral.make", "referral", referral.id, survivor=code)
    return referral


async def step(
    session: AsyncSession,
    actor: Actor,
    referral_id: uuid.UUID,
    given: ReferralStepIn,
    now: datetime | None = None,
) -> Referral:
    """Accepted, attended or closed on a day; closing needs the outcome."""
    now = now or utcnow()
    async with session.begin():
        referral = await session.get(Referral, referral_id, with_for_update=True)
        if referral is None:
            raise NotFound(N_("No referral has the id %(id)s."), id=referral_id)
        if referral.version != given.version:
            raise StaleVersion(given.version, referral.version, "referral")
        status = moved(referral.status, given.step)
        on = not_in_future(given.on or nairobi_today(now), now, "on")
        if on < referral.made_on:
            raise InvalidInput(N_("A referral moves on or after the day it was made."), "on")
        if given.step == "close" and given.outcome is None:
            raise InvalidInput(N_("Choose how the referral ended, to close it."), "outcome")
        setattr(referral, f"{'closed' if given.step == 'close' else status.value}_on", on)
        referral.status = status
        if given.step == "close":
            referral.outcome = given.outcome
            referral.outcome_note = (given.note or "").strip() or None
        referral.follow_up_on = None if given.step == "close" else on + FOLLOW_UP
        partner = await session.get(Partner, referral.partner_id)
        assert partner is not None  # a foreign key guarantees it
        await _remind(session, referral, partner, now)
        audit(session, actor, f"referral.{given.step}", "referral", referral.id)
    return referral


async def referrals_of(
    session: AsyncSession, actor: Actor, code: str
) -> list[tuple[Referral, Partner]]:
    """A survivor's referrals with their partners: a read of personal data, audited."""
    async with session.begin():
        survivor = await survivor_coded(session, code)
        rows = await session.exec(
            select(Referral, Partner)
            .join(Partner, col(Partner.id) == Referral.partner_id)
            .where(Referral.survivor_id == survivor.id)
            .order_by(col(Referral.made_on).desc())
        )
        audit(session, actor, "referral.read", "survivor", code)
        return list(rows.all())


async def referrals_due(
    session: AsyncSession, until: date, lawyer: uuid.UUID | None
) -> list[tuple[Referral, Partner, str]]:
    """Open referrals whose follow-up falls by `until`, with the survivor's code: for a lawyer,
    those they made and those of survivors on their cases."""
    query = (
        select(Referral, Partner, Survivor.code)
        .join(Partner, col(Partner.id) == Referral.partner_id)
        .join(Survivor, col(Survivor.id) == Referral.survivor_id)
        .where(col(Referral.follow_up_on) <= until)
        .order_by(col(Referral.follow_up_on))
    )
    if lawyer is not None:
        theirs = (
            select(CaseClaimant.survivor_id)
            .join(CaseMember, col(CaseMember.case_id) == CaseClaimant.case_id)
            .where(CaseMember.user_id == lawyer)
        )
        query = query.where(
            (col(Referral.made_by) == lawyer) | col(Referral.survivor_id).in_(theirs)
        )
    return list((await session.exec(query)).all())
