"""What an award is worth on any date: simple interest, payments applied, line by line.

Conventions (documented for lawyers, and fixed by tests):
- simple interest, never compounded, at the decree's yearly rate, day count actual/365 fixed;
- each interest-bearing head accrues on its own outstanding principal from its own start date
  (judgment, filing, a date the court named, or the taxing of costs);
- interest is settled to the cent at each event: a payment, or the statement date;
- a payment goes to accrued interest first, then to principal in the order the heads are
  listed (PRINCIPAL_FIRST reverses that, where a decree or settlement says so);
- a payment reversed (a cheque returned unpaid, money that was meant for another award) is
  treated as never received: it settled nothing, so it is left out of the arithmetic from
  the start and interest runs as if it had never come. The reversal is a line of its own on
  the day it was made, paying nothing and showing what was owed that day.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.errors import N_, InvalidInput
from domain.money import ZERO, cents, kes

DAYS_IN_YEAR = Decimal(365)


class Allocation(StrEnum):
    INTEREST_FIRST = "interest_first"
    PRINCIPAL_FIRST = "principal_first"


@dataclass(frozen=True)
class Head:
    """One head of damages: `interest_from` None means the decree gives no interest on it."""

    name: str
    amount: Decimal
    interest_from: date | None = None


@dataclass(frozen=True)
class Payment:
    on: date
    amount: Decimal
    reference: str = ""
    reversed_on: date | None = None
    reversal_reason: str = ""


class LineKind(StrEnum):
    INTEREST = "interest"
    PAYMENT = "payment"
    REVERSAL = "reversal"


@dataclass(frozen=True)
class Line:
    """One line of a statement. `text` is its plain English for the API and the exports; the
    kind with `since`, `rate` and `payment` let a page say the same in its reader's language."""

    on: date
    text: str
    interest: Decimal = ZERO
    paid: Decimal = ZERO
    outstanding: Decimal = ZERO
    # the same facts as `text`, for the words: two lines are equal by what they say
    kind: LineKind = field(default=LineKind.INTEREST, compare=False)
    since: date | None = field(default=None, compare=False)
    rate: Decimal | None = field(default=None, compare=False)
    payment: Payment | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Statement:
    as_of: date
    principal: Decimal
    interest: Decimal
    paid: Decimal
    paid_to_interest: Decimal
    paid_to_principal: Decimal
    outstanding_principal: Decimal
    outstanding_interest: Decimal
    lines: tuple[Line, ...] = field(default=())

    @property
    def outstanding(self) -> Decimal:
        return self.outstanding_principal + self.outstanding_interest


@dataclass(frozen=True)
class Position:
    """The ledger at the end of a day payments came in (`on`; None: the award as ordered).

    Interest-first allocation makes the ledger path-dependent, so a sum cannot recompute it;
    a statement on a later day is this position plus simple interest on each head's
    `principal` from its `accrues_from` (None: the head bears none), settled to the cent.
    """

    on: date | None
    principal: tuple[Decimal, ...]
    accrues_from: tuple[date | None, ...]
    unpaid_interest: Decimal
    accrued: Decimal
    paid_to_interest: Decimal
    paid_to_principal: Decimal


@dataclass(frozen=True)
class _Ledger:
    """The running position between events: principal per head, interest unpaid, totals."""

    principal: tuple[Decimal, ...]
    unpaid_interest: Decimal = ZERO
    accrued: Decimal = ZERO
    to_interest: Decimal = ZERO
    to_principal: Decimal = ZERO

    @property
    def outstanding(self) -> Decimal:
        return sum(self.principal, ZERO) + self.unpaid_interest


def _accrue(
    heads: tuple[Head, ...], ledger: _Ledger, rate: Decimal, start: date, end: date
) -> Decimal:
    """Interest, to the cent, on each head's principal for the days of [start, end) it bears it.

    One division of the exact sum, so PostgreSQL's `round(sum(...) / 36500, 2)` agrees to the
    cent even on a half cent (see service/usecases/reports/unpaid.py)."""
    rate_days = Decimal(0)
    for head, principal in zip(heads, ledger.principal, strict=True):
        if head.interest_from is not None:
            rate_days += principal * rate * max((end - max(start, head.interest_from)).days, 0)
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
) -> Statement:
    """The award's position on `as_of`; payments after that date are not yet counted."""
    lines: list[Line] = []
    *_, (ledger, since, _) = _replay(heads, rate, payments, as_of, allocation, lines)
    ledger, _ = _accrue_to(heads, ledger, rate, since, as_of, lines)
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


def positions(
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    allocation: Allocation = Allocation.INTEREST_FIRST,
) -> tuple[Position, ...]:
    """The award as ordered, then its ledger at the end of each day payments came in: the
    same walk `statement` takes, kept so a report in SQL can start from the last one."""
    found: dict[date | None, Position] = {}
    for ledger, _, on in _replay(heads, rate, payments, date.max, allocation, []):
        starts = tuple(
            None if h.interest_from is None else max(h.interest_from, on or h.interest_from)
            for h in heads
        )
        found[on] = Position(
            on,
            ledger.principal,
            starts,
            ledger.unpaid_interest,
            ledger.accrued,
            ledger.to_interest,
            ledger.to_principal,
        )
    return tuple(found.values())


def _replay(
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    as_of: date,
    allocation: Allocation,
    lines: list[Line],
) -> Iterator[tuple[_Ledger, date, date | None]]:
    """The ledger, the day its interest is settled to and the day of the payment, as ordered
    (no day) and after each payment standing by `as_of`; each event adds its lines (a reversal
    only a line)."""
    ledger = _Ledger(principal=tuple(cents(head.amount) for head in heads))
    starts = [head.interest_from for head in heads if head.interest_from is not None]
    since = min(starts, default=as_of)
    yield ledger, since, None
    for payment in _events(payments, as_of):
        if payment.reversed_on is not None:
            owed = ledger.outstanding + _accrue(heads, ledger, rate, since, payment.reversed_on)
            lines.append(
                Line(
                    payment.reversed_on,
                    _reversal_text(payment),
                    outstanding=owed,
                    kind=LineKind.REVERSAL,
                    payment=payment,
                )
            )
            continue
        ledger, since = _accrue_to(heads, ledger, rate, since, payment.on, lines)
        if payment.amount > ledger.outstanding:
            raise InvalidInput(
                N_("A payment of %(amount)s on %(on)s is more than the %(owed)s owed that day."),
                "amount",
                amount=payment.amount,
                on=payment.on,
                owed=ledger.outstanding,
            )
        ledger = _apply(ledger, payment.amount, allocation)
        text = f"payment received {payment.reference}".rstrip()
        lines.append(
            Line(
                payment.on,
                text,
                paid=payment.amount,
                outstanding=ledger.outstanding,
                kind=LineKind.PAYMENT,
                payment=payment,
            )
        )
        yield ledger, since, payment.on


def _events(payments: tuple[Payment, ...], as_of: date) -> list[Payment]:
    """Payments standing by `as_of` and reversals made by then, in date order (a reversal after
    the payments of its day); a reversed payment is an event only on the day of its reversal."""
    dated = [(p.on, 0, p) for p in payments if p.reversed_on is None and p.on <= as_of] + [
        (p.reversed_on, 1, p)
        for p in payments
        if p.reversed_on is not None and p.reversed_on <= as_of
    ]
    return [payment for *_, payment in sorted(dated, key=lambda event: event[:2])]


def _reversal_text(payment: Payment) -> str:
    return (
        f"reversal of payment {payment.reference} ({kes(payment.amount)} received "
        f"{payment.on.isoformat()}): {payment.reversal_reason}; treated as never received"
    )


def _accrue_to(
    heads: tuple[Head, ...],
    ledger: _Ledger,
    rate: Decimal,
    since: date,
    until: date,
    lines: list[Line],
) -> tuple[_Ledger, date]:
    if until <= since:
        return ledger, since
    interest = _accrue(heads, ledger, rate, since, until)
    ledger = replace(
        ledger, unpaid_interest=ledger.unpaid_interest + interest, accrued=ledger.accrued + interest
    )
    text = f"interest {since.isoformat()} to {until.isoformat()} at {rate}% a year"
    lines.append(
        Line(until, text, interest=interest, outstanding=ledger.outstanding, since=since, rate=rate)
    )
    return ledger, until
