"""Status codes: a consenting contact asks where the case is, and learns its stage and next
court date in their language, and nothing else."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import NAIROBI
from domain.cases import Case, CaseClaimant, Survivor
from domain.contacts import Contact, StatusCode, consenting
from domain.errors import InvalidInput, NotFound
from domain.family_codes import code_hash, new_code, normalised
from domain.hearings import Hearing, HearingStatus
from domain.stages import Stage
from notifications.i18n import Language
from service.usecases.audit import audit
from service.usecases.cases import get_case

UNKNOWN = "no case answers to this code: check it, or ask the office for a new one"


@dataclass(frozen=True)
class FamilyStatus:
    """All a status code opens: never a name, a sum, the violation or the court."""

    survivor_code: str
    stage: Stage
    next_court_day: date | None
    """in Nairobi"""
    language: Language
    """the contact's, unless the family asked for the other"""


async def _revoke(
    session: AsyncSession, case_id: uuid.UUID, contact_id: uuid.UUID, now: datetime
) -> int:
    revoked = await session.exec(
        update(StatusCode)
        .where(
            col(StatusCode.case_id) == case_id,
            col(StatusCode.contact_id) == contact_id,
            col(StatusCode.revoked_at).is_(None),
        )
        .values(revoked_at=now)
    )
    return int(revoked.rowcount or 0)


async def issue_code(
    session: AsyncSession, actor: Actor, case_id: uuid.UUID, contact_id: uuid.UUID
) -> str:
    """A new code, shown once; the contact's earlier code for the case stops working, so a
    lost or overheard code is closed by issuing another. The contact's row is locked, as
    withdrawing consent locks it, so a code is never issued beside a withdrawal."""
    code = new_code()
    now = utcnow()
    async with session.begin():
        await get_case(session, case_id)
        contact = await session.get(Contact, contact_id, with_for_update=True)
        claimant = (
            await session.get(CaseClaimant, (case_id, contact.survivor_id)) if contact else None
        )
        if contact is None or claimant is None:  # the same words: a contact id is not probed
            raise InvalidInput(
                f"no contact with id {contact_id} speaks for a claimant in this case",
                "contact_id",
            )
        if not contact.consents:
            raise InvalidInput(
                "this contact has not consented to hear about the case, withdrew, or has a new "
                "phone or e-mail since consenting: record consent first with "
                f"POST /contacts/{contact_id}/consent",
                "contact_id",
            )
        replaced = await _revoke(session, case_id, contact_id, now)
        session.add(
            StatusCode(
                code_hash=code_hash(str(normalised(code))),
                case_id=case_id,
                contact_id=contact_id,
                created_at=now,
            )
        )
        audit(
            session,
            actor,
            "status_code.issue",
            "case",
            case_id,
            contact_id=str(contact_id),
            replaced=replaced,
        )
    return code


async def revoke_codes(
    session: AsyncSession, actor: Actor, case_id: uuid.UUID, contact_id: uuid.UUID
) -> int:
    """Safe to repeat; refused only when the contact never had a code for the case."""
    async with session.begin():
        await get_case(session, case_id)
        ever = await session.exec(
            select(func.count())
            .select_from(StatusCode)
            .where(StatusCode.case_id == case_id, StatusCode.contact_id == contact_id)
        )
        if not ever.one():
            raise NotFound(f"contact {contact_id} has no status code for this case")
        revoked = await _revoke(session, case_id, contact_id, utcnow())
        audit(
            session,
            actor,
            "status_code.revoke",
            "case",
            case_id,
            contact_id=str(contact_id),
            revoked=revoked,
        )
    return revoked


async def family_status(
    session: AsyncSession, typed: str, language: Language | None, now: datetime | None = None
) -> FamilyStatus:
    """An unknown, malformed or revoked code, or one whose contact withdrew consent or has a
    new phone or e-mail since, gets the same NotFound, so a guesser learns nothing. Nothing is
    written, not even an audit row: the answer holds no personal data, and a public route must
    not let anyone fill tables."""
    code = normalised(typed)
    if code is None:
        raise NotFound(UNKNOWN)
    found = (
        await session.exec(
            select(Survivor.code, Case.id, Case.stage, Contact.language)
            .select_from(StatusCode)
            .join(Contact, col(Contact.id) == StatusCode.contact_id)
            .join(Survivor, col(Survivor.id) == Contact.survivor_id)
            .join(Case, col(Case.id) == StatusCode.case_id)
            .where(
                StatusCode.code_hash == code_hash(code),
                col(StatusCode.revoked_at).is_(None),
                consenting(),
            )
        )
    ).first()
    if found is None:
        raise NotFound(UNKNOWN)
    survivor_code, case_id, stage, contact_language = found
    next_at = (
        await session.exec(
            select(func.min(Hearing.starts_at)).where(
                Hearing.case_id == case_id,
                Hearing.status == HearingStatus.SCHEDULED,
                col(Hearing.starts_at) > (now or utcnow()),
            )
        )
    ).one()
    return FamilyStatus(
        survivor_code,
        Stage(stage),
        next_at.astimezone(NAIROBI).date() if next_at else None,
        language or Language(contact_language),
    )
