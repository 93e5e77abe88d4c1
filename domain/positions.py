"""Each award's ledger between payments, kept so reports in SQL never replay the ledger."""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field, SQLModel

from domain.awards import MONEY
from domain.interest import Allocation, Head, Payment, Position, Settlement, positions
from domain.money import ZERO, cents

RATED = sa.Numeric(20, 4)
"""shillings to the cent times a rate to the hundredth of a per cent: exact in four places"""
RATED_DAYS = sa.Numeric(30, 4)
EPOCH = date(2000, 1, 1)
"""the day `bearing_day_sum` counts from; any fixed day would do"""


class AwardPosition(SQLModel, table=True):
    """The award's position (domain.interest.Position) from `valid_from` until the day before
    `valid_to` (None: until a later payment). Derived data, not history: rewritten whole from
    the ledger, in the transaction of every ledger write, by service/usecases/awards/positions.py.

    Interest on a later date is simple interest on each `bearing` (a head's principal times its
    own yearly rate, so heads at different rates add up) from its `bearing_from` day, summed and
    settled to the cent: `awarded` and the paid columns are kept here too, so a report reads no
    other money table.
    """

    __tablename__ = "award_positions"
    __table_args__ = (sa.UniqueConstraint("award_id", "valid_from"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    award_id: uuid.UUID = Field(foreign_key="awards.id")
    valid_from: date
    valid_to: date | None = None
    awarded: Decimal = Field(sa_type=MONEY)
    principal: Decimal = Field(sa_type=MONEY)
    """outstanding principal, every head together"""
    unpaid_interest: Decimal = Field(sa_type=MONEY)
    accrued: Decimal = Field(sa_type=MONEY)
    """interest settled up to `valid_from`, paid or not"""
    paid_to_interest: Decimal = Field(sa_type=MONEY)
    paid_to_principal: Decimal = Field(sa_type=MONEY)
    bearing: list[Decimal] = Field(sa_column=sa.Column(ARRAY(RATED), nullable=False))
    """outstanding principal x yearly rate (per cent) of each head that bears interest and has
    some left (migration 0027: before it, principal alone, times the award's one rate)"""
    bearing_from: list[date] = Field(sa_column=sa.Column(ARRAY(sa.Date()), nullable=False))
    bearing_sum: Decimal = Field(sa_type=RATED)
    """Σ bearing: with `bearing_day_sum`, interest to any day from `bearing_latest` on is
    arithmetic, (bearing_sum x days since EPOCH - bearing_day_sum) / 36,500"""
    bearing_day_sum: Decimal = Field(sa_type=RATED_DAYS)
    """Σ bearing x days from EPOCH to its bearing_from"""
    bearing_latest: date | None = None
    """the last bearing_from (None: nothing bears interest)"""

    # The award's facts a report groups and filters by, copied from the award and its case by
    # the database (triggers of migration 0010) on every insert here and every change there, so
    # a report on a million awards reads this table alone; whatever is written here is replaced.
    survivor_id: uuid.UUID | None = Field(
        default=None, sa_column=sa.Column(sa.Uuid(), nullable=False)
    )
    respondent: str | None = Field(
        default=None, sa_column=sa.Column(sa.String(120), nullable=False)
    )
    judgment_on: date | None = Field(default=None, sa_column=sa.Column(sa.Date(), nullable=False))
    served_on: date | None = None
    closed_on: date | None = None
    """the day the award was set aside or written off (None: neither)"""
    rate_percent: Decimal | None = Field(
        default=None, sa_column=sa.Column(sa.Numeric(5, 2), nullable=False)
    )
    court_station: str | None = Field(
        default=None, sa_column=sa.Column(sa.String(80), nullable=False)
    )
    survivor_awards: int | None = Field(
        default=None, sa_column=sa.Column(sa.Integer(), nullable=False)
    )
    """how many awards the survivor holds, paid or not: 1 for most, whose awards a report can
    count as survivors without comparing ids"""


def position_rows(
    award_id: uuid.UUID,
    judgment_on: date,
    heads: tuple[Head, ...],
    rate: Decimal,
    payments: tuple[Payment, ...],
    allocation: Allocation,
    settlement: Settlement | None = None,
) -> list[dict[str, Any]]:
    """The award's rows of `award_positions`, for an INSERT. The award as ordered holds from
    judgment, or from an earlier day interest runs from (filing), so its interest is counted
    from the first day; a payment on the day of judgment replaces it."""
    found = positions(heads, rate, payments, allocation, settlement)
    return rows_of(award_id, judgment_on, heads, found)


def rows_of(
    award_id: uuid.UUID, judgment_on: date, heads: tuple[Head, ...], found: tuple[Position, ...]
) -> list[dict[str, Any]]:
    """`position_rows` from the award's positions already walked (`interest.positions`)."""
    opening = min([judgment_on, *(h.interest_from for h in heads if h.interest_from)])
    by_day = {position.on or opening: position for position in found}
    days = sorted(by_day)
    awarded = sum((cents(h.amount) for h in heads), ZERO)
    rows = []
    for day, until in zip(days, [*days[1:], None], strict=True):
        position = by_day[day]
        bearing = [
            (principal * head_rate, start)
            for principal, start, head_rate in zip(
                position.principal, position.accrues_from, position.rates, strict=True
            )
            if start is not None and principal * head_rate > 0
        ]
        rows.append(
            {
                "award_id": award_id,
                "valid_from": day,
                "valid_to": until,
                "awarded": awarded,
                "principal": sum(position.principal, ZERO),
                "unpaid_interest": position.unpaid_interest,
                "accrued": position.accrued,
                "paid_to_interest": position.paid_to_interest,
                "paid_to_principal": position.paid_to_principal,
                "bearing": [principal for principal, _ in bearing],
                "bearing_from": [start for _, start in bearing],
                "bearing_sum": sum((principal for principal, _ in bearing), ZERO),
                "bearing_day_sum": sum(
                    (principal * (start - EPOCH).days for principal, start in bearing), ZERO
                ),
                "bearing_latest": max((start for _, start in bearing), default=None),
            }
        )
    return rows
