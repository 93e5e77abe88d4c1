"""The parts of an award's arithmetic (domain/interest.py): heads, payments, a settlement, and
the lines and totals of a statement."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.money import ZERO


class Allocation(StrEnum):
    INTEREST_FIRST = "interest_first"
    PRINCIPAL_FIRST = "principal_first"


@dataclass(frozen=True)
class Head:
    """One head of damages: `interest_from` None means the decree gives no interest on it;
    `rate` None means the award's rate (costs often run at a rate of their own)."""

    name: str
    amount: Decimal
    interest_from: date | None = None
    rate: Decimal | None = None


@dataclass(frozen=True)
class Payment:
    on: date
    amount: Decimal
    reference: str = ""
    reversed_on: date | None = None
    reversal_reason: str = ""


@dataclass(frozen=True)
class Settlement:
    """A compromise with the State after judgment: from `on`, `amount` is what is owed, in
    place of the heads and their interest, and it bears none."""

    on: date
    amount: Decimal


class LineKind(StrEnum):
    INTEREST = "interest"
    PAYMENT = "payment"
    REVERSAL = "reversal"
    SETTLEMENT = "settlement"


@dataclass(frozen=True)
class Line:
    """One line of a statement. `text` is its plain English for the API and the exports; the
    kind with `since`, `rate`, `payment` and `replaced` let a page say the same in its reader's
    language. `rate` is None on an interest line whose heads run at different rates."""

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
    replaced: Decimal | None = field(default=None, compare=False)
    """on a settlement line: what was owed that day before the compromise sum replaced it"""


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
    """The ledger at the end of a day payments came in or a settlement was made (`on`; None:
    the award as ordered).

    Interest-first allocation makes the ledger path-dependent, so a sum cannot recompute it;
    a statement on a later day is this position plus simple interest on each head's
    `principal` at its `rates` from its `accrues_from` (None: the head bears none), settled
    to the cent.
    """

    on: date | None
    principal: tuple[Decimal, ...]
    accrues_from: tuple[date | None, ...]
    rates: tuple[Decimal, ...]
    unpaid_interest: Decimal
    accrued: Decimal
    paid_to_interest: Decimal
    paid_to_principal: Decimal
