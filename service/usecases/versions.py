"""The refusal when someone else's write won the race for a record, shared by every use case
that checks the version a person saw (a case's step and details, an award's step, a
violation record's correction).

SQLAlchemy's version counter stops our flush with `StaleDataError` when another transaction
committed between our read and our write; the person is told the version now stored, read
after our transaction rolled back, so they know to reload.
"""

import uuid

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award
from domain.cases import Case
from domain.errors import StaleVersion
from domain.violations import Violation


async def stale_version(
    session: AsyncSession,
    table: type[Case] | type[Award] | type[Violation],
    record_id: uuid.UUID,
    sent: int,
    record: str = "case",
) -> StaleVersion:
    """The refusal to raise in place of `StaleDataError`: `sent` against the stored version."""
    current = (await session.exec(select(table.version).where(table.id == record_id))).one()
    return StaleVersion(sent, current, record)
