"""Keeping each award's positions (domain/positions.py) in step with its ledger."""

import uuid

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award
from domain.interest import Allocation
from domain.positions import AwardPosition, position_rows
from service.usecases.ledger import ledger_of

REBUILD_BATCH = 200
"""awards a transaction: short enough that a payment recorded meanwhile waits little"""


async def refresh_positions(session: AsyncSession, award: Award, allocation: Allocation) -> None:
    """Rewrites the award's positions from its ledger, inside the transaction of the ledger
    write that changed it (award recorded, payment received or reversed, costs taxed): derived
    data, so rewriting all is simpler and as safe as patching, and reports never lag."""
    heads, payments = await ledger_of(session, award)
    rows = position_rows(
        award.id, award.judgment_on, heads, award.rate_percent, payments, allocation
    )
    await session.exec(delete(AwardPosition).where(col(AwardPosition.award_id) == award.id))
    session.add_all(AwardPosition(**row) for row in rows)


async def rebuild_positions(
    sessions: async_sessionmaker[AsyncSession],
    allocation: Allocation,
    batch: int = REBUILD_BATCH,
) -> int:
    """Rewrites every award's positions with `allocation`; returns how many awards.

    Positions are the ledger applied with the allocation in force when they were written, so
    after HAKI_PAYMENT_ALLOCATION changes, reports disagree with statements until this has run.
    Awards go in batches, each a transaction holding its awards locked as a ledger write locks
    one, so a payment recorded meanwhile waits for its award's batch and is counted."""
    done, after = 0, uuid.UUID(int=0)
    while True:
        async with sessions() as session, session.begin():
            found = await session.exec(
                select(Award)
                .where(col(Award.id) > after)
                .order_by(col(Award.id))
                .limit(batch)
                .with_for_update()
            )
            awards = found.all()
            for award in awards:
                await refresh_positions(session, award, allocation)
        if not awards:
            return done
        done, after = done + len(awards), awards[-1].id
