"""The walk of an award's ledger, event by event, that every figure of domain.interest is
read from: the statement's lines, what is outstanding on a day, the positions a report starts
from. One walk, so the three can never disagree; the conventions it follows are domain.interest's
(and docs/money-rules.md's).
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from domain.errors import N_, InvalidInput
from domain.money import ZERO, cents, kes
from domain.statement_parts import Allocation, Head, Line, LineKind, Payment, Settlement

DAYS_IN_YEAR = Decimal(365)


@dataclass(frozen=True)
class Ledger:
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


def rate_of(head: Head, rate: Decimal) -> Decimal:
    return rate if head.rate is None else head.rate


def accrue(
    heads: tuple[Head, ...], ledger: Ledger, rate: Decimal, start: date, end: date
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
            rate_days += principal * rate_of(head, rate) * days
    return cents(rate_days / (100 * DAYS_IN_YEAR))


def apply_payment(ledger: Ledger, amount: Decimal, allocation: Allocation) -> Ledger:
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


def replay(
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    settlement: Settlement | None,
    as_of: date,
    allocation: Allocation,
    lines: list[Line] | None,
) -> Iterator[tuple[Ledger, date, date | None]]:
    """The ledger, the day its interest is settled to and the day of the event, as ordered
    (no day) and after each payment and the settlement standing by `as_of`; each event adds
    its lines (a reversal only a line) to `lines`, unless None."""
    ledger = Ledger(principal=tuple(cents(head.amount) for head in heads))
    starts = [head.interest_from for head in heads if head.interest_from is not None]
    since = min(starts, default=as_of)
    yield ledger, since, None
    for event in _events(payments, settlement, as_of):
        if isinstance(event, Settlement):
            ledger, since = accrue_to(heads, ledger, rate, since, event.on, lines)
            ledger, line = _compromise(ledger, event)
            if lines is not None:
                lines.append(line)
            yield ledger, since, event.on
        elif event.reversed_on is None:
            ledger, since = accrue_to(heads, ledger, rate, since, event.on, lines)
            ledger = _pay(ledger, event, allocation, lines)
            yield ledger, since, event.on
        elif lines is not None:
            owed = ledger.outstanding + accrue(heads, ledger, rate, since, event.reversed_on)
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
    ledger: Ledger, payment: Payment, allocation: Allocation, lines: list[Line] | None
) -> Ledger:
    if payment.amount > ledger.outstanding:
        raise InvalidInput(
            N_("A payment of %(amount)s on %(on)s is more than the %(owed)s owed that day."),
            "amount",
            amount=payment.amount,
            on=payment.on,
            owed=ledger.outstanding,
        )
    ledger = apply_payment(ledger, payment.amount, allocation)
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


def _compromise(ledger: Ledger, settlement: Settlement) -> tuple[Ledger, Line]:
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


def accrue_to(
    heads: tuple[Head, ...],
    ledger: Ledger,
    rate: Decimal,
    since: date,
    until: date,
    lines: list[Line] | None,
) -> tuple[Ledger, date]:
    if until <= since or ledger.compromised:
        return ledger, max(since, until)
    interest = accrue(heads, ledger, rate, since, until)
    ledger = replace(
        ledger, unpaid_interest=ledger.unpaid_interest + interest, accrued=ledger.accrued + interest
    )
    if lines is None:
        return ledger, until
    rates = {rate_of(head, rate) for head in heads if head.interest_from is not None}
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
