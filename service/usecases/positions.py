"""Keeping each award's positions (domain/positions.py) in step with its ledger."""

from sqlmodel import col, delete
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award
from domain.interest import Allocation
from domain.positions import AwardPosition, position_rows
from service.usecases.ledger import ledger_of


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
