"""Families' messages to the case team: kept on each open case the contact speaks for, with a
reminder for lead counsel to call back the same working day; read by the team, and marked read.

The words are personal data (they may name the survivor, an officer, a place): kept here only,
shown to the roles that read free text, and every reading is in the audit trail.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.cases import Case, CaseClaimant, Survivor
from domain.contacts import Contact
from domain.errors import N_, NotFound
from domain.family_phones import FamilyMessage
from domain.phone_words import call_back_by, remind_at
from domain.reminders import Audience, Reminder
from domain.stages import Stage
from domain.users import CaseMember
from service.usecases.accounts.audit import audit
from service.usecases.families.phone_callers import FAMILY_BY_PHONE

KEPT = 1600
"""the longest message kept: ten SMS segments; a longer one is cut there"""
CALL_BACK = "family_call_back"


@dataclass(frozen=True)
class MessageView:
    message: FamilyMessage
    contact_name: str
    relationship: str

    @property
    def unread(self) -> bool:
        return self.message.read_at is None


@dataclass(frozen=True)
class CallBack:
    """A family waiting for a call, as My week lists it: never the words, only the case."""

    case_id: uuid.UUID
    case_reference: str
    survivor_code: str
    call_back_by: datetime
    waiting: int


async def _cases_of(session: AsyncSession, contact: Contact) -> list[tuple[Case, str]]:
    """The open cases of the contact's survivor, or every one of them when all are closed."""
    rows = (
        await session.exec(
            select(Case, Survivor.code)
            .join(CaseClaimant, col(CaseClaimant.case_id) == Case.id)
            .join(Survivor, col(Survivor.id) == CaseClaimant.survivor_id)
            .where(CaseClaimant.survivor_id == contact.survivor_id)
            .order_by(col(Case.opened_at))
        )
    ).all()
    open_cases = [(case, code) for case, code in rows if case.stage is not Stage.CLOSED]
    return open_cases or list(rows)


async def leave_message(session: AsyncSession, contact: Contact, words: str, now: datetime) -> int:
    """Inside the caller's transaction; returns on how many cases the message was left."""
    due_by = call_back_by(now)
    cases = await _cases_of(session, contact)
    for case, survivor_code in cases:
        message = FamilyMessage(
            case_id=case.id,
            contact_id=contact.id,
            body=words[:KEPT],
            received_at=now,
            call_back_by=due_by,
        )
        session.add(message)
        await session.flush()
        session.add(
            Reminder(
                case_id=case.id,
                audience=Audience.TEAM,
                kind=CALL_BACK,
                rule=f"call the family back by {due_by:%a %d %b %H:%M}"[:60],
                due_at=remind_at(now).astimezone(UTC),
                details={
                    "call_back_by": due_by.isoformat(),
                    "survivor_code": survivor_code,
                    "message_id": str(message.id),
                },
            )
        )
        audit(
            session,
            FAMILY_BY_PHONE,
            "family_message.receive",
            "case",
            case.id,
            message_id=str(message.id),
            contact_id=str(contact.id),
        )
    return len(cases)


async def messages_of(session: AsyncSession, actor: Actor, case_id: uuid.UUID) -> list[MessageView]:
    """The case's messages from families, newest first; the reading is audited."""
    async with session.begin():
        if await session.get(Case, case_id) is None:
            raise NotFound(N_("No case has the id %(id)s."), id=case_id)
        rows = await session.exec(
            select(FamilyMessage, Contact.name, Contact.relationship)
            .join(Contact, col(Contact.id) == FamilyMessage.contact_id)
            .where(FamilyMessage.case_id == case_id)
            .order_by(col(FamilyMessage.received_at).desc())
        )
        found = [MessageView(*row) for row in rows.all()]
        if found:
            audit(session, actor, "family_message.read", "case", case_id, messages=len(found))
        return found


async def mark_read(
    session: AsyncSession,
    actor: Actor,
    case_id: uuid.UUID,
    message_id: uuid.UUID,
    now: datetime | None = None,
) -> FamilyMessage:
    """Safe to repeat: the first reader and time are kept."""
    async with session.begin():
        message = await session.get(FamilyMessage, message_id, with_for_update=True)
        if message is None or message.case_id != case_id:
            raise NotFound(
                N_("No message from a family on this case has the id %(id)s."), id=message_id
            )
        if message.read_at is None:
            message.read_at, message.read_by = now or utcnow(), actor.user_id
            session.add(message)
            audit(
                session,
                actor,
                "family_message.mark_read",
                "case",
                case_id,
                message_id=str(message_id),
            )
        return message


async def call_backs_due(session: AsyncSession, member: uuid.UUID | None) -> list[CallBack]:
    """Cases with a family message not yet marked read, soonest call first; a lawyer's own
    cases only (`member`), as every listing is narrowed."""
    query = (
        select(FamilyMessage, Case.reference, Survivor.code)
        .join(Case, col(Case.id) == FamilyMessage.case_id)
        .join(Contact, col(Contact.id) == FamilyMessage.contact_id)
        .join(Survivor, col(Survivor.id) == Contact.survivor_id)
        .where(col(FamilyMessage.read_at).is_(None))
        .order_by(col(FamilyMessage.call_back_by))
    )
    if member is not None:
        query = query.join(CaseMember, col(CaseMember.case_id) == Case.id).where(
            CaseMember.user_id == member
        )
    lines: dict[uuid.UUID, CallBack] = {}
    for message, reference, code in (await session.exec(query)).all():
        seen = lines.get(message.case_id)
        waiting = seen.waiting + 1 if seen else 1
        by = seen.call_back_by if seen else message.call_back_by
        lines[message.case_id] = CallBack(message.case_id, reference, code, by, waiting)
    return list(lines.values())
