"""A payment received, booked against the batch's copy of its award's ledger (ledgers.py)
as `awards.payments.book_payment` books it against the database: the same checks, the same
arithmetic, the same step on the award's track and the case following it (award_steps.py);
the entry is written with the batch."""

from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, PaymentReceived
from domain.cases import Case
from domain.interest import Payment, owed_then_positions
from service.usecases.awards.ledger import settlement_of
from service.usecases.awards.payments import checked_payment, payment_step
from service.usecases.importing.award_steps import step_award
from service.usecases.importing.ledgers import (
    arithmetic,
    ledger_of,
    prior_reversals,
    write_positions,
)
from service.usecases.importing.running import Context
from service.usecases.importing.writes import Described
from statemachines.award_rules import AwardFacts

if TYPE_CHECKING:
    from service.usecases.importing.payments import PaymentRow


async def receive(
    session: AsyncSession, context: Context, case: Case, award: Award, row: "PaymentRow"
) -> None:
    actor, now = context.actor, context.now
    amount = checked_payment(award, row.paid_on, row.amount, now)
    heads, payments = arithmetic(context, award)
    rules = context.rules.compensation
    before, walked = owed_then_positions(
        heads, award.rate_percent, payments, Payment(row.paid_on, amount, row.reference),
        rules.allocation, settlement_of(award),
    )  # fmt: skip
    trigger, owed = payment_step(award, heads, payments, row.paid_on, amount, rules, before)
    facts = AwardFacts(occurred_on=row.paid_on, payment=amount, owed=owed)
    # a payment found late is dated the day it came, even before a later step (move_award)
    details = {"amount": str(amount), "reference": row.reference}
    await step_award(session, context, case, award, trigger, facts, found_late=True, **details)
    received = ledger_of(context, award)["received"]
    reference = row.reference.strip()
    entry = context.pending.row(
        PaymentReceived,
        award_id=award.id,
        received_on=row.paid_on,
        amount=amount,
        payer=(row.payer or award.respondent).strip(),
        reference=reference,
        recorded_at=now,
        recorded_by=actor.user_id,
        prior_reversals=prior_reversals(received, reference),
    )
    received.append(Described(entry))
    write_positions(context, award, walked)
