"""What an award's ledger holds: money received and passed on, net of reversals.

A reversal is a negative entry naming the one it reverses, so a sum of disbursements is right
as it stands; a reversed payment is left out on every date, since it was never received.
"""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Disbursement, PaymentReceived


async def received_total(
    session: AsyncSession, award_id: uuid.UUID, by: date = date.max
) -> Decimal:
    """Payments standing by `by`: a payment reversed was never received, on any date."""
    reversal = aliased(PaymentReceived)
    found = await session.exec(
        select(func.coalesce(func.sum(PaymentReceived.amount), 0)).where(
            PaymentReceived.award_id == award_id,
            col(PaymentReceived.received_on) <= by,
            col(PaymentReceived.reverses_id).is_(None),
            ~select(reversal.id).where(reversal.reverses_id == PaymentReceived.id).exists(),
        )
    )
    return Decimal(found.one())


async def disbursed_total(session: AsyncSession, award_id: uuid.UUID) -> Decimal:
    found = await session.exec(
        select(func.coalesce(func.sum(Disbursement.amount), 0)).where(
            Disbursement.award_id == award_id
        )
    )
    return Decimal(found.one())
