"""Facts the access policy needs from the database: who is on which case's team."""

import uuid

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import CaseClaimant, Survivor
from domain.users import CaseMember


async def on_team(session: AsyncSession, case_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    found = await session.exec(
        select(CaseMember.lead).where(CaseMember.case_id == case_id, CaseMember.user_id == user_id)
    )
    return found.first() is not None


async def represents(session: AsyncSession, code: str, user_id: uuid.UUID) -> bool:
    """True when the survivor is a claimant in a case on whose team the user works."""
    found = await session.exec(
        select(CaseMember.case_id)
        .join(CaseClaimant, col(CaseClaimant.case_id) == CaseMember.case_id)
        .join(Survivor, col(Survivor.id) == CaseClaimant.survivor_id)
        .where(Survivor.code == code, CaseMember.user_id == user_id)
        .limit(1)
    )
    return found.first() is not None
