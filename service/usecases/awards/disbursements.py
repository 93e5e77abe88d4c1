"""Money passed on from an award: to the survivor or beneficiaries, or costs retained.

Costs follow the event to the party who bore them: where counsel or the organisation carried
the case, the costs the State pays are theirs. Kept, they are entered as a disbursement by the
method `retained`, so an award whose costs were never the survivor's is disbursed, and closes,
once everything else has been passed on.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, AwardHead, AwardStage, Disbursement, DisbursementMethod, HeadKind
from domain.base import utcnow
from domain.calendar import not_in_future
from domain.errors import N_, InvalidInput
from domain.money import amount_of
from service.usecases.accounts.audit import audit
from service.usecases.awards.compensation import locked_award, move_award
from service.usecases.awards.duplicates import add_entry
from service.usecases.awards.entries import DisbursementIn
from service.usecases.awards.ledger import disbursed_total, received_total
from statemachines.award_rules import AwardFacts


async def disburse(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    sent: DisbursementIn,
    now: datetime | None = None,
) -> tuple[Award, Disbursement]:
    """Records money passed on to the survivor; never more than has been received by then."""
    now = now or utcnow()
    async with session.begin():
        award = await locked_award(session, award_id)
        disbursement = await book_disbursement(
            session, actor, award, sent.paid_on, sent.amount, sent.method, sent.beneficiary,
            sent.reference, now,
        )  # fmt: skip
    return award, disbursement


async def book_disbursement(
    session: AsyncSession,
    actor: Actor,
    award: Award,
    paid_on: date,
    amount: Decimal,
    method: DisbursementMethod,
    beneficiary: str,
    reference: str,
    now: datetime,
) -> Disbursement:
    """A disbursement from a locked award, inside the caller's transaction."""
    amount = amount_of(amount)
    not_in_future(paid_on, now, "paid_on")
    if method == DisbursementMethod.RETAINED and not await _has_costs(session, award):
        raise no_costs_to_retain()
    received = await received_total(session, award.id, by=paid_on)
    disbursed = await disbursed_total(session, award.id)
    within_received(amount, paid_on, received, disbursed)
    disbursement = Disbursement(
        award_id=award.id,
        paid_on=paid_on,
        amount=amount,
        method=method,
        beneficiary=beneficiary.strip(),
        reference=reference.strip(),
        recorded_at=now,
        recorded_by=actor.user_id,
    )
    await add_entry(session, award, disbursement)
    audit(session, actor, "award.disburse", "award", award.id, amount=str(amount))
    everything = await received_total(session, award.id)
    if award.stage == AwardStage.PAID_IN_FULL and disbursed + amount == everything:
        facts = AwardFacts(occurred_on=paid_on, received=everything, disbursed=everything)
        await move_award(session, actor, award, "complete_disbursement", facts, now)
    return disbursement


def no_costs_to_retain() -> InvalidInput:
    """Money retained is costs, kept by counsel or the organisation: an award without costs
    has none to retain (by hand or imported, the same refusal)."""
    return InvalidInput(
        N_(
            "Only costs are retained by counsel or the organisation, and this award has no "
            "costs: record money passed on to the survivor by M-Pesa, bank or cheque."
        ),
        "method",
    )


def within_received(amount: Decimal, on: date, received: Decimal, disbursed: Decimal) -> None:
    """Never more passed on than was received by the day (by hand or imported)."""
    if disbursed + amount > received:
        raise InvalidInput(
            N_(
                "%(amount)s would be more than was received by %(on)s: %(received)s received, "
                "%(disbursed)s already passed on."
            ),
            "amount",
            amount=amount,
            on=on,
            received=received,
            disbursed=disbursed,
        )


async def _has_costs(session: AsyncSession, award: Award) -> bool:
    if award.costs_to_be_taxed:
        return True
    costs = select(AwardHead.id).where(
        col(AwardHead.award_id) == award.id, col(AwardHead.kind) == HeadKind.COSTS
    )
    return (await session.exec(costs)).first() is not None
