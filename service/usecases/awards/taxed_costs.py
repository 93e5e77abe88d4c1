"""Costs taxed after judgment: they join the award as a head of their own."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import AwardEvent, AwardHead, HeadKind
from domain.base import utcnow
from domain.calendar import not_in_future
from domain.errors import N_, InvalidInput
from domain.money import amount_of, rate_of
from service.usecases.accounts.audit import audit
from service.usecases.awards.compensation import locked_award
from service.usecases.awards.orders import COSTS_AFTER_JUDGMENT, CompensationRules
from service.usecases.awards.positions import refresh_positions
from statemachines.award_track import UNSETTLED


async def add_taxed_costs(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    *,
    amount: Decimal,
    taxed_on: date,
    certificate_ref: str,
    rules: CompensationRules,
    rate_percent: Decimal | None = None,
    now: datetime | None = None,
) -> AwardHead:
    """Costs taxed after judgment join the award as a head bearing interest from taxation, at
    `rate_percent` where the court gave costs a rate of their own, else at the award's."""
    now = now or utcnow()
    amount = amount_of(amount)
    not_in_future(taxed_on, now, "taxed_on")
    async with session.begin():
        award = await locked_award(session, award_id)
        if award.stage not in UNSETTLED:
            raise InvalidInput(
                N_("Costs cannot be added to an award at the stage %(stage)s."), stage=award.stage
            )
        if taxed_on < award.judgment_on:
            raise InvalidInput(COSTS_AFTER_JUDGMENT, "taxed_on")
        head = AwardHead(
            award_id=award.id,
            kind=HeadKind.COSTS,
            amount=amount,
            interest_from=taxed_on,
            rate_percent=None if rate_percent is None else rate_of(rate_percent),
            taxed_on=taxed_on,
        )
        session.add(head)
        session.add(
            AwardEvent(
                award_id=award.id,
                trigger="tax_costs",
                from_stage=award.stage,
                to_stage=award.stage,
                occurred_on=taxed_on,
                recorded_at=now,
                recorded_by=actor.user_id,
                evidence_ref=certificate_ref,
                details={"amount": str(amount)},
            )
        )
        audit(session, actor, "award.costs_taxed", "award", award.id, amount=str(amount))
        await refresh_positions(session, award, rules.allocation)
    return head
