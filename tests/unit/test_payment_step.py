"""The step a payment makes (`payment_step`) weighed without replaying the ledger a second time
when the payment is its last event gives what the full replay gives: several payments on one
day, heads at rates of their own from days of their own, a settlement, reversals, a payment
that settles the award to the cent, one found late, both allocations."""

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.awards import Award
from domain.errors import InvalidInput
from domain.interest import Allocation, Head, Payment, statement
from service.usecases.awards.ledger import settlement_of
from service.usecases.awards.orders import CompensationRules
from service.usecases.awards.payments import LaterPaymentOverpaid, payment_step
from tests.unit.test_award_track import an_award

JUDGMENT = date(2024, 3, 1)


def replayed(
    award: Award,
    heads: tuple[Head, ...],
    payments: tuple[Payment, ...],
    on: date,
    amount: Decimal,
    allocation: Allocation,
) -> tuple[str, Decimal] | None:
    """The step as the whole ledger, this payment in it, replayed to its last event gives it
    (None: refused, a later payment left more than was owed on its day)."""
    settled, rate = settlement_of(award), award.rate_percent
    owed = statement(heads, rate, payments, on, allocation, settled).outstanding
    if amount <= owed:
        days = [on, *(p.on for p in payments), *(p.reversed_on for p in payments if p.reversed_on)]
        ledger = (*payments, Payment(on, amount))
        try:
            after = statement(heads, rate, ledger, max(days), allocation, settled)
        except InvalidInput:
            return None
        owed = amount + after.outstanding
    return ("receive_final_payment" if amount == owed else "receive_part_payment"), owed


def a_ledger(rng: random.Random) -> tuple[Award, tuple[Head, ...], tuple[Payment, ...]]:
    settled = rng.random() < 0.25
    award = an_award(
        settled_on=JUDGMENT + timedelta(days=rng.randrange(30, 400)) if settled else None,
        settlement_amount=Decimal(rng.randrange(100_000, 900_000)) if settled else None,
    )
    heads = [Head("general damages", Decimal(rng.randrange(200_000, 2_000_000)), JUDGMENT)]
    if rng.random() < 0.6:  # costs taxed later, at a rate of their own
        heads.append(
            Head(
                "costs",
                Decimal(rng.randrange(10_000, 200_000)) + Decimal("0.35"),
                JUDGMENT + timedelta(days=rng.randrange(10, 300)),
                Decimal(rng.choice(("6", "14", "12.5"))),
            )
        )
    days = sorted(JUDGMENT + timedelta(days=rng.randrange(1, 500)) for _ in range(rng.randrange(4)))
    if days and rng.random() < 0.4:
        days.append(days[-1])  # two payments on one day
    payments = []
    for day in days:
        reversed_on = day + timedelta(days=rng.randrange(0, 60)) if rng.random() < 0.2 else None
        payments.append(
            Payment(day, Decimal(rng.randrange(1_000, 60_000)), f"P{len(payments)}", reversed_on)
        )
    return award, tuple(heads), tuple(payments)


@pytest.mark.parametrize("allocation", list(Allocation))
def test_a_payment_is_weighed_as_the_whole_ledger_replayed_weighs_it(
    allocation: Allocation,
) -> None:
    rng = random.Random(allocation.value)
    rules = CompensationRules(allocation=allocation)
    last = finals = 0
    for _ in range(600):
        award, heads, payments = a_ledger(rng)
        on = JUDGMENT + timedelta(days=rng.randrange(1, 700))
        owed = statement(
            heads, award.rate_percent, payments, on, allocation, settlement_of(award)
        ).outstanding
        amount = rng.choice(
            (
                owed,
                owed - Decimal("0.01"),
                owed + Decimal("0.01"),
                Decimal(rng.randrange(1, 90_000)),
            )
        )
        expected = replayed(award, heads, payments, on, amount, allocation)
        try:
            found: tuple[str, Decimal] | None = payment_step(
                award, heads, payments, on, amount, rules
            )
        except LaterPaymentOverpaid:
            found = None
        assert found == expected, (heads, payments, on, amount)
        last += max([on, *(p.on for p in payments)]) == on
        finals += found is not None and found[0] == "receive_final_payment"
    assert last > 200  # most payments are their ledger's last event, the case weighed once
    assert finals > 50  # and a good share settle the award to the cent
