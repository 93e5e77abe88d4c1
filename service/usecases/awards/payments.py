"""Money the State paid on an award, entered on the day it is found with the day it came.

A payment found late (a bank statement read months on) is dated the day it was received, even
before a later step of the award or a later payment: the arithmetic replays the whole ledger
in date order, so the statement, the positions and the reports count it on its real date. The
entry keeps both dates: `received_on`, and `recorded_at`, when it was entered.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

from domain.audit import Actor
from domain.awards import Award, PaymentReceived
from domain.base import utcnow
from domain.calendar import not_in_future
from domain.errors import N_, InvalidInput
from domain.interest import Head, Payment, outstanding
from domain.money import amount_of
from service.usecases.awards.compensation import locked_award, move_award
from service.usecases.awards.duplicates import add_entry
from service.usecases.awards.entries import PaymentIn
from service.usecases.awards.ledger import ledger_of, settlement_of
from service.usecases.awards.orders import CompensationRules
from service.usecases.awards.positions import refresh_positions
from service.usecases.families.family_news import payment_received
from statemachines.award_rules import AwardFacts


class LaterPaymentOverpaid(InvalidInput):
    """A payment found late would leave a payment dated after it more than was owed then."""


async def receive_payment(
    session: AsyncSession,
    actor: Actor,
    award_id: uuid.UUID,
    paid: PaymentIn,
    rules: CompensationRules,
    now: datetime | None = None,
) -> tuple[Award, PaymentReceived]:
    """Records money the State paid; it settles the award when it leaves nothing owed."""
    now = now or utcnow()
    async with session.begin():
        award = await locked_award(session, award_id)
        payment = await book_payment(
            session, actor, award, paid.received_on, paid.amount, paid.payer, paid.reference,
            rules, now,
        )  # fmt: skip
        await payment_received(session, award, payment, now)
    return award, payment


async def book_payment(
    session: AsyncSession,
    actor: Actor,
    award: Award,
    received_on: date,
    amount: Decimal,
    payer: str,
    reference: str,
    rules: CompensationRules,
    now: datetime,
) -> PaymentReceived:
    """A payment into the ledger of a locked award, inside the caller's transaction; the
    family is told by the caller (an import of last year's payments tells no one)."""
    amount = checked_payment(award, received_on, amount, now)
    heads, payments = await ledger_of(session, award)
    trigger, owed = payment_step(award, heads, payments, received_on, amount, rules)
    facts = AwardFacts(occurred_on=received_on, payment=amount, owed=owed)
    await move_award(
        session,
        actor,
        award,
        trigger,
        facts,
        now,
        found_late=True,
        amount=str(amount),
        reference=reference,
    )
    payment = PaymentReceived(
        award_id=award.id,
        received_on=received_on,
        amount=amount,
        payer=payer.strip(),
        reference=reference.strip(),
        recorded_at=now,
        recorded_by=actor.user_id,
    )
    await add_entry(session, award, payment)
    await refresh_positions(session, award, rules.allocation)
    return payment


def checked_payment(award: Award, received_on: date, amount: Decimal, now: datetime) -> Decimal:
    """The amount to the cent, once the day is one a payment can have: not to come, not
    before the judgment."""
    amount = amount_of(amount)
    not_in_future(received_on, now, "received_on")
    if received_on < award.judgment_on:
        raise InvalidInput(
            N_("A payment cannot be dated before the judgment of %(judgment)s."),
            "received_on",
            judgment=award.judgment_on,
        )
    return amount


def payment_step(
    award: Award,
    heads: tuple[Head, ...],
    payments: tuple[Payment, ...],
    received_on: date,
    amount: Decimal,
    rules: CompensationRules,
    owed: Decimal | None = None,
) -> tuple[str, Decimal]:
    """The step a payment makes, from the ledger before it (heads and payments as `ledger_of`
    reads them), and what was owed: the facts the award's track checks it against. `owed`:
    what was owed that day before it, when the caller's own walk of the ledger found it."""
    if owed is None:
        settled = settlement_of(award)
        rate, allocation = award.rate_percent, rules.allocation
        owed = outstanding(heads, rate, payments, received_on, allocation, settled)
    # within what was owed that day, the payment settles the award if it leaves nothing owed
    # once every payment entered, earlier or later, is counted on its own day
    if amount <= owed:
        owed = amount + _balance_with(award, heads, payments, received_on, amount, rules, owed)
    trigger = "receive_final_payment" if amount == owed else "receive_part_payment"
    return trigger, owed


def _balance_with(
    award: Award,
    heads: tuple[Head, ...],
    payments: tuple[Payment, ...],
    on: date,
    amount: Decimal,
    rules: CompensationRules,
    owed: Decimal,
) -> Decimal:
    """What stays owed once this payment joins the ledger, on the day of its last event: a
    payment found late may leave a later one more than was owed on its day, and is refused.

    When no payment or reversal is dated after it, its day is the last: the ledger replayed
    with it is the one that gave `owed` on that day, the payment then taken from it (it comes
    after that day's other payments, and interest is settled to the day before it pays), so
    what stays owed is `owed` less the payment, to the cent, without replaying it again."""
    days = [on, *(p.on for p in payments), *(p.reversed_on for p in payments if p.reversed_on)]
    if max(days) == on:
        return owed - amount
    ledger = (*payments, Payment(on, amount))
    try:
        after = outstanding(
            heads, award.rate_percent, ledger, max(days), rules.allocation, settlement_of(award)
        )
    except InvalidInput:
        raise LaterPaymentOverpaid(
            N_(
                "A payment of %(amount)s on %(on)s would leave a payment entered before it, and "
                "received after it, more than was owed on its day: check the dates and amounts "
                "of this award's payments."
            ),
            "amount",
            amount=amount,
            on=on,
        ) from None
    return after
