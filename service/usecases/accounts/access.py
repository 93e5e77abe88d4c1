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


# the records that belong to one case, whose team decides who may reach them (a document has
# its own check, `on_document_team`: a violation record's document belongs to no case)
OnCase = type[Award] | type[Hearing] | type[Examination]
# the records about one survivor, reached as the survivor is (see `keeps_record_of`)
AboutSurvivor = type[Violation] | type[Referral]


async def on_team_of(
    db: AsyncConnection, table: OnCase, record_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    """True when the user is on the team of the case the record belongs to."""
    found = await db.execute(
        select(CaseMember.case_id)
        .join(table, col(table.case_id) == CaseMember.case_id)
        .where(table.id == record_id, CaseMember.user_id == user_id)
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
        return await keeps_record_in(db, Violation, record_id, user_id)
    return await on_team(db, case_id, user_id)


async def keeps_record_of(db: AsyncConnection, code: str, user_id: uuid.UUID) -> bool:
    """True when a lawyer may record and read what was done to the survivor: they represent
    them, or registered them and no case names them yet (intake comes before the petition)."""
    found = await db.execute(
        select(Survivor.id).where(Survivor.code == code, may_name(user_id)).limit(1)
    )
    return found.first() is not None


async def keeps_record_in(
    db: AsyncConnection, table: AboutSurvivor, record_id: uuid.UUID, user_id: uuid.UUID
) -> bool:
    """As `keeps_record_of`, for the survivor the record (a violation, a referral) is about."""
    found = await db.execute(
        select(Survivor.id)
        .join(table, col(table.survivor_id) == Survivor.id)
        .where(table.id == record_id, may_name(user_id))
        .limit(1)
    )
    return found.first() is not None
