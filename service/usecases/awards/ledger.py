"""What an award's ledger holds: money received and passed on, net of reversals.

A reversal is a negative entry naming the one it reverses, so a sum of disbursements is right
as it stands; a reversed payment is left out on every date, since it was never received.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, AwardHead, Disbursement, PaymentReceived
from domain.errors import N_, NotFound
from domain.interest import Head, Payment, Settlement
from service.usecases.accounts.audit import audit


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
    return ledger_from(heads.all(), received.all())


def ledger_from(
    heads: Sequence[AwardHead], received: Sequence[PaymentReceived]
) -> tuple[tuple[Head, ...], tuple[Payment, ...]]:
    """`ledger_of` from rows already read (in the order of their ids), e.g. a whole case's."""
    reversals: dict[int | None, PaymentReceived] = {
        r.reverses_id: r for r in received if r.reverses_id
    }
    return (
        tuple(Head(h.kind, h.amount, h.interest_from, h.rate_percent) for h in heads),
        tuple(_payment(p, reversals.get(p.id)) for p in received if p.reverses_id is None),
    )


def settlement_of(award: Award) -> Settlement | None:
    """The compromise recorded on the award, if one was made after judgment."""
    if award.settled_on is None or award.settlement_amount is None:
        return None
    return Settlement(award.settled_on, award.settlement_amount)


def _payment(row: PaymentReceived, reversal: PaymentReceived | None) -> Payment:
    if reversal is None:
        return Payment(row.received_on, row.amount, row.reference)
    return Payment(
        row.received_on, row.amount, row.reference, reversal.received_on, reversal.reason or ""
    )


@dataclass(frozen=True)
class Entry:
    """One row of the ledger as a clerk reads it, with the reversal that answers it, if any."""

    id: int
    kind: str
    """payment or disbursement"""
    on: date
    amount: Decimal
    reference: str
    party: str
    """the payer, or the beneficiary"""
    reverses: int | None
    reversed_by: int | None
    reason: str | None
    recorded_at: datetime
    method: str | None = None
    """how a disbursement was paid (a DisbursementMethod), shown in the reader's words"""


async def entries(session: AsyncSession, actor: Actor, award_id: uuid.UUID) -> list[Entry]:
    """Every payment and disbursement in date order: the ids a reversal names. Beneficiaries
    and M-Pesa references are personal data, so the read is audited."""
    async with session.begin():
        if await session.get(Award, award_id) is None:
            raise NotFound(N_("No award has the id %(id)s."), id=award_id)
        paid = (
            await session.exec(select(PaymentReceived).where(PaymentReceived.award_id == award_id))
        ).all()
        passed_on = (
            await session.exec(select(Disbursement).where(Disbursement.award_id == award_id))
        ).all()
        audit(session, actor, "award.ledger.read", "award", award_id)
    payment_answer: dict[int | None, int | None] = {
        p.reverses_id: p.id for p in paid if p.reverses_id
    }
    disbursement_answer: dict[int | None, int | None] = {
        d.reverses_id: d.id for d in passed_on if d.reverses_id
    }
    found = [
        Entry(p.id or 0, "payment", p.received_on, p.amount, p.reference, p.payer,
              p.reverses_id, payment_answer.get(p.id), p.reason, p.recorded_at)
        for p in paid
    ] + [
        Entry(d.id or 0, "disbursement", d.paid_on, d.amount, d.reference,
              d.beneficiary, d.reverses_id, disbursement_answer.get(d.id),
              d.reason, d.recorded_at, d.method)
        for d in passed_on
    ]  # fmt: skip
    return sorted(found, key=lambda e: (e.on, e.recorded_at, e.kind, e.id))
