"""Keeping each award's positions (domain/positions.py) in step with its ledger."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award
from domain.cases import Case, Survivor
from domain.interest import Allocation, Head, Payment
from domain.positions import AwardPosition, position_rows
from service.usecases.awards.ledger import ledger_of, settlement_of

REBUILD_BATCH = 200
"""awards a transaction: short enough that a payment recorded meanwhile waits little"""


async def refresh_positions(session: AsyncSession, award: Award, allocation: Allocation) -> None:
    """Rewrites the award's positions from its ledger, inside the transaction of the ledger
    write that changed it (award recorded, payment received or reversed, costs taxed): derived
    data, so rewriting all is simpler and as safe as patching, and reports never lag."""
    await _facts_held(session, award)
    rows = positions_of(award, *await ledger_of(session, award), allocation)
    await session.exec(delete(AwardPosition).where(col(AwardPosition.award_id) == award.id))
    session.add_all(AwardPosition(**row) for row in rows)


def positions_of(
    award: Award, heads: tuple[Head, ...], payments: tuple[Payment, ...], allocation: Allocation
) -> list[dict[str, Any]]:
    """The award's positions from its heads and payments as its ledger holds them, its
    settlement counted: what Haki's ledger writes and an import's batch both write."""
    return position_rows(
        award.id,
        award.judgment_on,
        heads,
        award.rate_percent,
        payments,
        allocation,
        settlement_of(award),
    )


async def _facts_held(session: AsyncSession, award: Award) -> None:
    """Waits for, then holds off, a change to what the triggers copy onto the positions from
    the survivor (an award added to them: record_award locks the survivor first) and from the
    case (its court station). Without it, such a change committed while these positions are
    written would update the old rows only, and the new ones would keep the old facts. The
    award itself is locked already by the caller, as every ledger write locks it."""
    await session.exec(
        select(Survivor.id).where(col(Survivor.id) == award.survivor_id).with_for_update()
    )
    await session.exec(
        select(Case.id).where(col(Case.id) == award.case_id).with_for_update(key_share=True)
    )


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
