"""Facts the access policy needs from the database: who is on which case's team.

Asked on every case request, so on a bare connection rather than an ORM session.
"""

import uuid

from sqlalchemy import ColumnElement, and_, exists, or_
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col, select

from domain.awards import Award
from domain.cases import CaseClaimant, Survivor
from domain.contacts import Contact
from domain.documents import Document
from domain.examinations import Examination
from domain.hearings import Hearing
from domain.referrals import Referral
from domain.users import CaseMember
from domain.violations import Violation


async def on_team(db: AsyncConnection, case_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    found = await db.execute(
        select(CaseMember.lead).where(CaseMember.case_id == case_id, CaseMember.user_id == user_id)
    )
    return found.first() is not None


async def represents(db: AsyncConnection, code: str, user_id: uuid.UUID) -> bool:
    """True when the survivor is a claimant in a case on whose team the user works."""
    found = await db.execute(
        select(CaseMember.case_id)
        .join(CaseClaimant, col(CaseClaimant.case_id) == CaseMember.case_id)
        .join(Survivor, col(Survivor.id) == CaseClaimant.survivor_id)
        .where(Survivor.code == code, CaseMember.user_id == user_id)
        .limit(1)
    )
    return found.first() is not None


def may_name(user_id: uuid.UUID) -> ColumnElement[bool]:
    """Survivors a lawyer may name as claimants on a new case, as a condition on `Survivor`:
    those they represent, and those they registered themselves who are on no case yet.

    Naming a survivor puts their name and contacts before the new case's team, so naming is
    itself an access to the record (a body's id is authorised like a path's)."""
    claimant = col(CaseClaimant.survivor_id) == Survivor.id
    represented = exists(
        select(CaseMember.case_id)
        .join(CaseClaimant, col(CaseClaimant.case_id) == CaseMember.case_id)
        .where(claimant, CaseMember.user_id == user_id)
    )
    registered = and_(
        col(Survivor.registered_by) == user_id,
        ~exists(select(CaseClaimant.case_id).where(claimant)),
    )
    return or_(represented, registered)


async def represents_contact(
    db: AsyncConnection, contact_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    """True when the contact speaks for a survivor who is a claimant in one of the user's cases."""
    found = await db.execute(
        select(CaseMember.case_id)
        .join(CaseClaimant, col(CaseClaimant.case_id) == CaseMember.case_id)
        .join(Contact, col(Contact.survivor_id) == CaseClaimant.survivor_id)
        .where(Contact.id == contact_id, CaseMember.user_id == user_id)
        .limit(1)
    )
    return found.first() is not None


async def on_award_team(db: AsyncConnection, award_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    found = await db.execute(
        select(CaseMember.case_id)
        .join(Award, col(Award.case_id) == CaseMember.case_id)
        .where(Award.id == award_id, CaseMember.user_id == user_id)
    )
    return found.first() is not None


async def on_hearing_team(db: AsyncConnection, hearing_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    found = await db.execute(
        select(CaseMember.case_id)
        .join(Hearing, col(Hearing.case_id) == CaseMember.case_id)
        .where(Hearing.id == hearing_id, CaseMember.user_id == user_id)
    )
    return found.first() is not None


async def on_document_team(db: AsyncConnection, document_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    """The document's own case decides, whatever record of it the document is attached to; a
    violation record's document has no case, and the survivor's record decides."""
    found = (
        await db.execute(
            select(Document.case_id, Document.record_id).where(Document.id == document_id)
        )
    ).first()
    if found is None:
        return False
    case_id, record_id = found
    if case_id is None:
        return await documents_violation(db, record_id, user_id)
    return await on_team(db, case_id, user_id)


async def documents(db: AsyncConnection, code: str, user_id: uuid.UUID) -> bool:
    """True when a lawyer may record and read what was done to the survivor: they represent
    them, or registered them and no case names them yet (intake comes before the petition)."""
    found = await db.execute(
        select(Survivor.id).where(Survivor.code == code, may_name(user_id)).limit(1)
    )
    return found.first() is not None


async def on_examination_team(
    db: AsyncConnection, examination_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    found = await db.execute(
        select(CaseMember.case_id)
        .join(Examination, col(Examination.case_id) == CaseMember.case_id)
        .where(Examination.id == examination_id, CaseMember.user_id == user_id)
    )
    return found.first() is not None


async def documents_violation(
    db: AsyncConnection, violation_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    """As `documents`, for the survivor the violation record is about."""
    found = await db.execute(
        select(Survivor.id)
        .join(Violation, col(Violation.survivor_id) == Survivor.id)
        .where(Violation.id == violation_id, may_name(user_id))
        .limit(1)
    )
    return found.first() is not None


async def documents_referral(
    db: AsyncConnection, referral_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    """As `documents`, for the survivor the referral is of."""
    found = await db.execute(
        select(Survivor.id)
        .join(Referral, col(Referral.survivor_id) == Survivor.id)
        .where(Referral.id == referral_id, may_name(user_id))
        .limit(1)
    )
    return found.first() is not None
