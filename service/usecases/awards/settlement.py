"""A settlement by consent after judgment: the survivor and the State compromise for a sum.

From the day it was agreed, the compromise sum is what is owed, in place of the heads and their
interest, and it bears none (domain/interest.py); the statement, the positions and so the
reports follow it. The terms are the lawyer's words, personal data like any free text.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, AwardEvent
from domain.base import utcnow
from domain.calendar import not_in_future
from domain.errors import N_, InvalidInput, StaleVersion
from domain.interest import statement
from domain.money import amount_of
from service.usecases.accounts.audit import audit
from service.usecases.awards.compensation import locked_award
from service.usecases.awards.ledger import ledger_of, settlement_of
from service.usecases.awards.orders import CompensationRules
from service.usecases.awards.positions import refresh_positions
from statemachines.award_track import UNSETTLED


@dataclass(frozen=True)
class Compromise:
    """The one input of `settle_by_consent`, read alike from the API and the ledger page."""

    settled_on: date
    """the day the consent was recorded (or the agreement signed)"""
    amount: Decimal
    """the compromise sum: all that is owed from that day"""
    terms: str = ""
    version: int | None = None
    """the award's version the person saw (None: whatever it is now)"""


async def settle_by_consent(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    compromise: Compromise,
    rules: CompensationRules,
    now: datetime | None = None,
) -> Award:
    now = now or utcnow()
    amount = amount_of(compromise.amount)
    not_in_future(compromise.settled_on, now, "settled_on")
    async with session.begin():
        award = await locked_award(session, award_id)
        _settleable(award, compromise)
        award.settled_on = compromise.settled_on
        award.settlement_amount = amount
        award.settlement_terms = compromise.terms.strip() or None
        await _payments_fit(session, award, rules)
        session.add(
            AwardEvent(
                award_id=award.id,
                trigger="settle_by_consent",
                from_stage=award.stage,
                to_stage=award.stage,
                occurred_on=compromise.settled_on,
                recorded_at=now,
                recorded_by=actor.user_id,
                details={"amount": str(amount)},
            )
        )
        audit(session, actor, "award.settled_by_consent", "award", award.id, amount=str(amount))
        await refresh_positions(session, award, rules.allocation)
    return award


def _settleable(award: Award, compromise: Compromise) -> None:
    if compromise.version is not None and compromise.version != award.version:
        raise StaleVersion(compromise.version, award.version)
    if award.stage not in UNSETTLED:
        raise InvalidInput(
            N_(
                "A settlement by consent is recorded on an award still owed; this award is at "
                "the stage %(stage)s."
            ),
            "settled_on",
            stage=award.stage,
        )
    if award.settled_on is not None:
        raise InvalidInput(
            N_("This award was already settled by consent on %(day)s."),
            "settled_on",
            day=award.settled_on,
        )
    if compromise.settled_on < award.judgment_on:
        raise InvalidInput(
            N_("A settlement after judgment is dated on or after the judgment of %(judgment)s."),
            "settled_on",
            judgment=award.judgment_on,
        )


async def _payments_fit(session: AsyncSession, award: Award, rules: CompensationRules) -> None:
    """Payments already entered and received after the compromise pay it: they may not exceed
    it, nor meet it in full (the award would be paid without a payment settling it: record the
    settlement first, then the payment that meets it)."""
    heads, payments = await ledger_of(session, award)
    days = [p.reversed_on or p.on for p in payments]
    last = max([award.settled_on or award.judgment_on, *days])
    try:
        after = statement(
            heads, award.rate_percent, payments, last, rules.allocation, settlement_of(award)
        )
    except InvalidInput:
        after = None
    if after is None or (payments and after.outstanding == 0):
        raise InvalidInput(
            N_(
                "The payments received since that day already pay the compromise sum: reverse "
                "the payment that meets it, record the settlement, then enter that payment again."
            ),
            "amount",
        )
