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

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from domain.errors import N_, InvalidInput
from domain.money import ZERO, cents, kes
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

DAYS_IN_YEAR = Decimal(365)


@dataclass(frozen=True)
class _Ledger:
    """The running position between events: principal per head, interest unpaid, totals;
    `compromised` once a settlement replaced what was owed (nothing bears interest then)."""

    principal: tuple[Decimal, ...]
    unpaid_interest: Decimal = ZERO
    accrued: Decimal = ZERO
    to_interest: Decimal = ZERO
    to_principal: Decimal = ZERO
    compromised: bool = False

    @property
    def outstanding(self) -> Decimal:
        return sum(self.principal, ZERO) + self.unpaid_interest


def _rate(head: Head, rate: Decimal) -> Decimal:
    return rate if head.rate is None else head.rate


def _accrue(
    heads: tuple[Head, ...], ledger: _Ledger, rate: Decimal, start: date, end: date
) -> Decimal:
    """Interest, to the cent, on each head's principal at its rate for the days of [start, end)
    it bears it.

    One division of the exact sum, so PostgreSQL's `round(sum(...) / 36500, 2)` agrees to the
    cent even on a half cent (see service/usecases/reports/unpaid_sql.py)."""
    if ledger.compromised:
        return ZERO
    rate_days = Decimal(0)
    for head, principal in zip(heads, ledger.principal, strict=True):
        if head.interest_from is not None:
            days = max((end - max(start, head.interest_from)).days, 0)
            rate_days += principal * _rate(head, rate) * days
    return cents(rate_days / (100 * DAYS_IN_YEAR))


def _apply(ledger: _Ledger, amount: Decimal, allocation: Allocation) -> _Ledger:
    to_interest = min(amount, ledger.unpaid_interest)
    if allocation is Allocation.PRINCIPAL_FIRST:
        to_interest = max(ZERO, amount - sum(ledger.principal, ZERO))
    left = amount - to_interest
    principal = []
    for balance in ledger.principal:
        taken = min(balance, left)
        principal.append(balance - taken)
        left -= taken
    return replace(
        ledger,
        principal=tuple(principal),
        unpaid_interest=ledger.unpaid_interest - to_interest,
        to_interest=ledger.to_interest + to_interest,
        to_principal=ledger.to_principal + amount - to_interest,
    )


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
) -> _Ledger:
    """The ledger with its interest settled to `as_of`; each event adds its lines to `lines`
    (None: none are written)."""
    *_, (ledger, since, _) = _replay(heads, rate, payments, settlement, as_of, allocation, lines)
    ledger, _ = _accrue_to(heads, ledger, rate, since, as_of, lines)
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
    walk = _replay(heads, rate, payments, settlement, date.max, allocation, None)
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
    walk = list(_replay(heads, rate, payments, settlement, date.max, allocation, None))
    found = {on: _position(heads, rate, ledger, on) for ledger, _, on in walk}
    ledger, settled_to, _ = walk[-1]
    ledger, _ = _accrue_to(heads, ledger, rate, settled_to, payment.on, None)
    owed = ledger.outstanding
    if payment.amount > owed:
        return owed, None
    paid = _apply(ledger, payment.amount, allocation)
    found[payment.on] = _position(heads, rate, paid, payment.on)
    return owed, tuple(found.values())


def _position(heads: tuple[Head, ...], rate: Decimal, ledger: _Ledger, on: date | None) -> Position:
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
        tuple(_rate(h, rate) for h in heads),
        ledger.unpaid_interest,
        ledger.accrued,
        ledger.to_interest,
        ledger.to_principal,
    )


def _replay(
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    settlement: Settlement | None,
    as_of: date,
    allocation: Allocation,
    lines: list[Line] | None,
) -> Iterator[tuple[_Ledger, date, date | None]]:
    """The ledger, the day its interest is settled to and the day of the event, as ordered
    (no day) and after each payment and the settlement standing by `as_of`; each event adds
    its lines (a reversal only a line) to `lines`, unless None."""
    ledger = _Ledger(principal=tuple(cents(head.amount) for head in heads))
    starts = [head.interest_from for head in heads if head.interest_from is not None]
    since = min(starts, default=as_of)
    yield ledger, since, None
    for event in _events(payments, settlement, as_of):
        if isinstance(event, Settlement):
            ledger, since = _accrue_to(heads, ledger, rate, since, event.on, lines)
            ledger, line = _compromise(ledger, event)
            if lines is not None:
                lines.append(line)
            yield ledger, since, event.on
        elif event.reversed_on is None:
            ledger, since = _accrue_to(heads, ledger, rate, since, event.on, lines)
            ledger = _pay(ledger, event, allocation, lines)
            yield ledger, since, event.on
        elif lines is not None:
            owed = ledger.outstanding + _accrue(heads, ledger, rate, since, event.reversed_on)
            lines.append(
                Line(
                    event.reversed_on,
                    f"reversal of payment {event.reference} ({kes(event.amount)} received "
                    f"{event.on.isoformat()}): {event.reversal_reason}; treated as never received",
                    outstanding=owed,
                    kind=LineKind.REVERSAL,
                    payment=event,
                )
            )


def _pay(
    ledger: _Ledger, payment: Payment, allocation: Allocation, lines: list[Line] | None
) -> _Ledger:
    if payment.amount > ledger.outstanding:
        raise InvalidInput(
            N_("A payment of %(amount)s on %(on)s is more than the %(owed)s owed that day."),
            "amount",
            amount=payment.amount,
            on=payment.on,
            owed=ledger.outstanding,
        )
    ledger = _apply(ledger, payment.amount, allocation)
    if lines is None:
        return ledger
    lines.append(
        Line(
            payment.on,
            f"payment received {payment.reference}".rstrip(),
            paid=payment.amount,
            outstanding=ledger.outstanding,
            kind=LineKind.PAYMENT,
            payment=payment,
        )
    )
    return ledger


def _compromise(ledger: _Ledger, settlement: Settlement) -> tuple[_Ledger, Line]:
    """The compromise sum in place of every head and the interest unpaid, in the first head's
    place (a payment pays principal in the heads' order, so it pays this first)."""
    owed = ledger.outstanding
    amount = cents(settlement.amount)
    principal = (amount, *(ZERO for _ in ledger.principal[1:]))
    settled = replace(ledger, principal=principal, unpaid_interest=ZERO, compromised=True)
    text = (
        f"settlement by consent: {kes(amount)} owed from this day in place of the "
        f"{kes(owed)} owed under the judgment"
    )
    line = Line(
        settlement.on,
        text,
        outstanding=amount,
        kind=LineKind.SETTLEMENT,
        replaced=owed,
    )
    return settled, line


def _events(
    payments: tuple[Payment, ...], settlement: Settlement | None, as_of: date
) -> list[Payment | Settlement]:
    """Payments standing by `as_of`, reversals made by then and the settlement, in date order
    (on one day: the settlement, then payments, then reversals); a reversed payment is an event
    only on the day of its reversal."""
    dated: list[tuple[date, int, Payment | Settlement]] = [
        (p.on, 1, p) for p in payments if p.reversed_on is None and p.on <= as_of
    ]
    dated += [
        (p.reversed_on, 2, p)
        for p in payments
        if p.reversed_on is not None and p.reversed_on <= as_of
    ]
    if settlement is not None and settlement.on <= as_of:
        dated.append((settlement.on, 0, settlement))
    return [event for *_, event in sorted(dated, key=lambda event: event[:2])]


def _accrue_to(
    heads: tuple[Head, ...],
    ledger: _Ledger,
    rate: Decimal,
    since: date,
    until: date,
    lines: list[Line] | None,
) -> tuple[_Ledger, date]:
    if until <= since or ledger.compromised:
        return ledger, max(since, until)
    interest = _accrue(heads, ledger, rate, since, until)
    ledger = replace(
        ledger, unpaid_interest=ledger.unpaid_interest + interest, accrued=ledger.accrued + interest
    )
    if lines is None:
        return ledger, until
    rates = {_rate(head, rate) for head in heads if head.interest_from is not None}
    common = rates.pop() if len(rates) == 1 else (None if rates else rate)
    at = f"at {common}% a year" if common is not None else "at each head's rate"
    lines.append(
        Line(
            until,
            f"interest {since.isoformat()} to {until.isoformat()} {at}",
            interest=interest,
            outstanding=ledger.outstanding,
            since=since,
            rate=common,
        )
    )
    return ledger, until
