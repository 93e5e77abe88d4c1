"""What an award is worth on any date: simple interest, payments applied, line by line.

Conventions (documented for lawyers in docs/money-rules.md, and fixed by tests):
- simple interest, never compounded, at the decree's yearly rate, day count actual/365 fixed;
  a head may run at a rate of its own (costs often do), else at the award's;
- each interest-bearing head accrues on its own outstanding principal from its own start date
  (judgment, filing, a date the court named, or the taxing of costs);
- interest is settled to the cent at each event: a payment, a settlement, or the statement date;
- a payment goes to accrued interest first, then to principal in the order the heads are
  listed (PRINCIPAL_FIRST reverses that, where a decree or settlement says so);
- payments count on the day they were received, whenever they were entered;
- a payment reversed (a cheque returned unpaid, money meant for another award) is treated as
  never received: left out from the start, interest runs as if it had never come; the
  reversal is a line of its own on its day, paying nothing, showing what was owed;
- a settlement by consent after judgment replaces, from its day, everything then owed (heads
  and unpaid interest) by the compromise sum, which bears no interest; payments of that day
  and later pay it.
"""

from datetime import date
from decimal import Decimal

from domain.ledger_walk import Ledger, accrue_to, apply_payment, rate_of, replay
from domain.money import ZERO, cents
from domain.statement_parts import (
    Allocation,
    Head,
    Line,
    LineKind,
    Payment,
    Position,
    Settlement,
    Statement,
)

__all__ = [
    "Allocation",
    "Head",
    "Line",
    "LineKind",
    "Payment",
    "Position",
    "Settlement",
    "Statement",
    "outstanding",
    "owed_then_positions",
    "positions",
    "statement",
]


def statement(
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    as_of: date,
    allocation: Allocation = Allocation.INTEREST_FIRST,
    settlement: Settlement | None = None,
) -> Statement:
    """The award's position on `as_of`; payments after that date are not yet counted."""
    lines: list[Line] = []
    ledger = _standing(heads, rate, payments, as_of, allocation, settlement, lines)
    return Statement(
        as_of=as_of,
        principal=sum((cents(head.amount) for head in heads), ZERO),
        interest=ledger.accrued,
        paid=ledger.to_interest + ledger.to_principal,
        paid_to_interest=ledger.to_interest,
        paid_to_principal=ledger.to_principal,
        outstanding_principal=sum(ledger.principal, ZERO),
        outstanding_interest=ledger.unpaid_interest,
        lines=tuple(lines),
    )


def outstanding(
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    as_of: date,
    allocation: Allocation = Allocation.INTEREST_FIRST,
    settlement: Settlement | None = None,
) -> Decimal:
    """What `statement` says is outstanding on `as_of`, by the same walk without the words
    of its lines: a payment's step reads this figure alone, and writing the lines out cost
    more than the arithmetic."""
    return _standing(heads, rate, payments, as_of, allocation, settlement, None).outstanding


def _standing(
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    as_of: date,
    allocation: Allocation,
    settlement: Settlement | None,
    lines: list[Line] | None,
) -> Ledger:
    """The ledger with its interest settled to `as_of`; each event adds its lines to `lines`
    (None: none are written)."""
    *_, (ledger, since, _) = replay(heads, rate, payments, settlement, as_of, allocation, lines)
    ledger, _ = accrue_to(heads, ledger, rate, since, as_of, lines)
    return ledger


def positions(
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    allocation: Allocation = Allocation.INTEREST_FIRST,
    settlement: Settlement | None = None,
) -> tuple[Position, ...]:
    """The award as ordered, then its ledger at the end of each day payments came in or a
    settlement was made: the same walk `statement` takes, kept so a report in SQL can start
    from the last one."""
    walk = replay(heads, rate, payments, settlement, date.max, allocation, None)
    found = {on: _position(heads, rate, ledger, on) for ledger, _, on in walk}
    return tuple(found.values())


def owed_then_positions(
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    payment: Payment,
    allocation: Allocation = Allocation.INTEREST_FIRST,
    settlement: Settlement | None = None,
) -> tuple[Decimal, tuple[Position, ...] | None]:
    """What `outstanding` says is owed on the day of `payment` before it, and the `positions`
    of the ledger once it is paid, from one walk: a payment's step weighs the first, and the
    second is what it leaves to write; walked apart, each replayed the whole ledger. No
    positions when the payment is more than was owed, or is not the ledger's last event (a
    payment or settlement dated after it: it would be paid before them)."""
    later = [p.on for p in payments if p.reversed_on is None and p.on > payment.on]
    if later or (settlement is not None and settlement.on > payment.on):
        return outstanding(heads, rate, payments, payment.on, allocation, settlement), None
    walk = list(replay(heads, rate, payments, settlement, date.max, allocation, None))
    found = {on: _position(heads, rate, ledger, on) for ledger, _, on in walk}
    ledger, settled_to, _ = walk[-1]
    ledger, _ = accrue_to(heads, ledger, rate, settled_to, payment.on, None)
    owed = ledger.outstanding
    if payment.amount > owed:
        return owed, None
    paid = apply_payment(ledger, payment.amount, allocation)
    found[payment.on] = _position(heads, rate, paid, payment.on)
    return owed, tuple(found.values())


def _position(heads: tuple[Head, ...], rate: Decimal, ledger: Ledger, on: date | None) -> Position:
    starts = tuple(
        None
        if h.interest_from is None or ledger.compromised
        else max(h.interest_from, on or h.interest_from)
        for h in heads
    )
    return Position(
        on,
        ledger.principal,
        starts,
        tuple(rate_of(h, rate) for h in heads),
        ledger.unpaid_interest,
        ledger.accrued,
        ledger.to_interest,
        ledger.to_principal,
    )
