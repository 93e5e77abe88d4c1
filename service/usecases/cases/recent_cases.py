"""The cases that moved lately: what a lawyer looks at first on a Monday morning."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.cases import Case, CaseEvent
from domain.users import CaseMember


@dataclass(frozen=True)
class Changed:
    case: Case
    changed_at: datetime
    """when the latest step of the case was recorded"""


async def recently_changed(
    session: AsyncSession, *, member: uuid.UUID | None, limit: int = 8
) -> list[Changed]:
    """Cases by the time their latest step was recorded, latest first; `member`: only the
    cases on whose team that user works."""
    last = func.max(CaseEvent.recorded_at).label("changed_at")
    query = (
        select(Case, last)
        .join(CaseEvent, col(CaseEvent.case_id) == Case.id)
        .group_by(col(Case.id))
        .order_by(last.desc(), col(Case.reference))
        .limit(limit)
    )
    if member is not None:
        team = select(CaseMember.case_id).where(CaseMember.user_id == member)
        query = query.where(col(Case.id).in_(team))
    return [Changed(case, at) for case, at in (await session.exec(query)).all()]
