"""Registering survivors under a pseudonymous code, the only name most screens ever show."""

import uuid
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.cases import Case, CaseClaimant, Survivor, SurvivorCodeCounter
from domain.errors import N_, NotFound
from domain.users import CaseMember
from service.usecases.accounts.audit import audit
from service.usecases.cases.register import get_case


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
    session: AsyncSession, actor: Actor, *, full_name: str, now: datetime | None = None
) -> Survivor:
    now = now or utcnow()
    async with session.begin():
        survivor = Survivor(
            code=await _next_code(session, nairobi_today(now).year),
            full_name=full_name.strip(),
            registered_by=actor.user_id,
        )
        session.add(survivor)
        await session.flush()
        audit(session, actor, "survivor.register", "survivor", survivor.code)
    return survivor


async def read_survivor(session: AsyncSession, actor: Actor, code: str) -> Survivor:
    """A read of personal data, so it is written to the audit trail before it is answered."""
    async with session.begin():
        survivor = (await session.exec(select(Survivor).where(Survivor.code == code))).first()
        if survivor is None:
            raise NotFound(N_("No survivor has the code %(code)s."), code=code)
        audit(session, actor, "survivor.read", "survivor", code)
    return survivor


async def read_parties(session: AsyncSession, actor: Actor, case_id: uuid.UUID) -> list[Survivor]:
    """The claimants of a case with their names: personal data, audited like any such read."""
    async with session.begin():
        await get_case(session, case_id)
        claimants = await session.exec(
            select(Survivor)
            .join(CaseClaimant, col(CaseClaimant.survivor_id) == Survivor.id)
            .where(CaseClaimant.case_id == case_id)
            .order_by(Survivor.code)
        )
        audit(session, actor, "case.parties.read", "case", case_id)
        return list(claimants.all())


async def cases_of_survivor(
    session: AsyncSession, code: str, lawyer: uuid.UUID | None
) -> list[Case]:
    """The cases in which the survivor is a claimant, by reference; for a lawyer (`lawyer`, as
    `case_scope` gives it) only those on whose team she works, as every listing of cases."""
    query = (
        select(Case)
        .join(CaseClaimant, col(CaseClaimant.case_id) == Case.id)
        .join(Survivor, col(Survivor.id) == CaseClaimant.survivor_id)
        .where(Survivor.code == code)
        .order_by(col(Case.reference))
    )
    if lawyer is not None:
        query = query.join(CaseMember, col(CaseMember.case_id) == Case.id).where(
            CaseMember.user_id == lawyer
        )
    async with session.begin():
        return list((await session.exec(query)).all())
