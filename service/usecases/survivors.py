"""Registering survivors under a pseudonymous code, the only name most screens ever show."""

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.cases import Survivor, SurvivorCodeCounter
from domain.errors import NotFound


async def _next_code(session: AsyncSession, year: int) -> str:
    """Allocates S-YYYY-NNNN from a per-year counter; the upsert serialises concurrent callers."""
    statement = (
        insert(SurvivorCodeCounter)
        .values(year=year, last=1)
        .on_conflict_do_update(
            index_elements=["year"],
            set_={"last": col(SurvivorCodeCounter.last) + 1},
        )
        .returning(col(SurvivorCodeCounter.last))
    )
    number: int = (await session.exec(statement)).scalar_one()
    return f"S-{year}-{number:04d}"


async def register_survivor(
    session: AsyncSession, *, full_name: str, now: datetime | None = None
) -> Survivor:
    now = now or utcnow()
    async with session.begin():
        survivor = Survivor(
            code=await _next_code(session, nairobi_today(now).year), full_name=full_name.strip()
        )
        session.add(survivor)
    return survivor


async def get_survivor(session: AsyncSession, code: str) -> Survivor:
    survivor = (await session.exec(select(Survivor).where(Survivor.code == code))).first()
    if survivor is None:
        raise NotFound(f"no survivor with code {code}")
    return survivor
