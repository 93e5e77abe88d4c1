"""The interest of a statement, head by head and period by period, as a demand letter sets it
out so the Attorney General's office can check each figure: principal x rate x days / 365.

A period runs between the events that change a head's principal (the payments), so a row is
one head over one period. The statement settles each period's interest to the cent once, on
the exact sum of its heads (domain/interest.py); the rows of a period are that figure shared
out: each head's exact interest rounded down to the cent, and the cents left over given one
by one to the heads with the largest remainders. So the rows always add up to the statement,
and no row differs from its own exact figure by a cent or more.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from domain.interest import Allocation, Head, Payment, positions
from domain.ledger_walk import DAYS_IN_YEAR
from domain.money import CENT, ZERO, cents


@dataclass(frozen=True)
class InterestRow:
    """One head over one period: `interest` is principal x rate x days / 365, to the cent."""

    head: int
    """the head's index in the award's heads"""
    principal: Decimal
    rate: Decimal
    since: date
    until: date
    days: int
    interest: Decimal


def interest_schedule(
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    as_of: date,
    allocation: Allocation = Allocation.INTEREST_FIRST,
) -> tuple[InterestRow, ...]:
    """The rows of interest to `as_of`, period by period, each period's heads in their order."""
    standing = [
        p for p in positions(heads, rate, payments, allocation) if p.on is None or p.on <= as_of
    ]
    rows: list[InterestRow] = []
    ends = [p.on for p in standing[1:]] + [as_of]
    for position, until in zip(standing, ends, strict=True):
        assert until is not None  # every position after the first is a payment day
        period = []
        for index, (principal, since) in enumerate(
            zip(position.principal, position.accrues_from, strict=True)
        ):
            if since is None or until <= since or principal <= 0 or rate <= 0:
                continue
            days = (until - since).days
            exact = principal * rate * days / (100 * DAYS_IN_YEAR)
            period.append((index, principal, since, days, exact))
        rows += _shared_out(period, rate, until)
    return tuple(rows)


def _shared_out(
    period: list[tuple[int, Decimal, date, int, Decimal]], rate: Decimal, until: date
) -> list[InterestRow]:
    """The period's interest settled once to the cent (as the statement does), shared out."""
    total = cents(sum((exact for *_, exact in period), ZERO))
    floors = [exact.quantize(CENT, rounding=ROUND_DOWN) for *_, exact in period]
    left = int((total - sum(floors, ZERO)) / CENT)
    by_remainder = sorted(
        range(len(period)), key=lambda i: (period[i][4] - floors[i], -i), reverse=True
    )
    for i in by_remainder[:left]:
        floors[i] += CENT
    return [
        InterestRow(index, principal, rate, since, until, days, floors[i])
        for i, (index, principal, since, days, _) in enumerate(period)
    ]
