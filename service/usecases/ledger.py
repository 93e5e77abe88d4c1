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

from domain.awards import Award, AwardHead, Disbursement, PaymentReceived
from domain.interest import Head, Payment


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


async def ledger_of(
    session: AsyncSession, award: Award
) -> tuple[tuple[Head, ...], tuple[Payment, ...]]:
    """The award's heads and payments for the arithmetic of domain.interest; a payment
    reversed goes in marked as such (the arithmetic leaves it out)."""
    heads = await session.exec(
        select(AwardHead).where(AwardHead.award_id == award.id).order_by(col(AwardHead.id))
    )
    received = await session.exec(
        select(PaymentReceived)
        .where(PaymentReceived.award_id == award.id)
        .order_by(col(PaymentReceived.id))
    )
    rows = received.all()
    reversals: dict[int | None, PaymentReceived] = {r.reverses_id: r for r in rows if r.reverses_id}
    return (
        tuple(Head(h.kind, h.amount, h.interest_from) for h in heads),
        tuple(_payment(p, reversals.get(p.id)) for p in rows if p.reverses_id is None),
    )


def _payment(row: PaymentReceived, reversal: PaymentReceived | None) -> Payment:
    if reversal is None:
        return Payment(row.received_on, row.amount, row.reference)
    return Payment(
        row.received_on, row.amount, row.reference, reversal.received_on, reversal.reason or ""
    )
