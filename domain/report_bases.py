"""What keeps the unpaid-awards report fast on a million awards after every payment.

Computing the report reads every award's position (seconds at a million). So it is computed
once for a day into a *base* (its rows, and the survivors holding more than one award, by
cell), and every change to a position since is kept as a *change*: the row as it was, counted
minus, and the row as it became, counted plus (triggers of migration 0013). The
report on that day is then the base plus the changes made after the base's snapshot: exact,
because the changes telescope, and read in milliseconds (service/usecases/reports/unpaid_bases.py).
"""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field, SQLModel

from domain.awards import MONEY
from domain.positions import RATED, RATED_DAYS

WIDE_MONEY = sa.Numeric(24, 2)
"""sums over every award of a cell"""


class PositionChange(SQLModel, table=True):
    """A row of `award_positions` as it was (`sign` -1) or became (+1) in transaction `xid`
    (a full transaction id, as pg_current_xact_id, in a bigint). Written only by the triggers;
    removed once every base's snapshot sees the transaction."""

    __tablename__ = "award_position_changes"
    __table_args__ = (sa.Index("ix_award_position_changes_xid", "xid"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    xid: int = Field(sa_type=sa.BigInteger)
    sign: int = Field(sa_type=sa.SmallInteger)
    valid_from: date
    valid_to: date | None = None
    awarded: Decimal = Field(sa_type=MONEY)
    principal: Decimal = Field(sa_type=MONEY)
    unpaid_interest: Decimal = Field(sa_type=MONEY)
    accrued: Decimal = Field(sa_type=MONEY)
    paid_to_interest: Decimal = Field(sa_type=MONEY)
    paid_to_principal: Decimal = Field(sa_type=MONEY)
    bearing: list[Decimal] = Field(sa_column=sa.Column(ARRAY(RATED), nullable=False))
    bearing_from: list[date] = Field(sa_column=sa.Column(ARRAY(sa.Date()), nullable=False))
    bearing_sum: Decimal = Field(sa_type=RATED)
    bearing_day_sum: Decimal = Field(sa_type=RATED_DAYS)
    bearing_latest: date | None = None
    survivor_id: uuid.UUID
    respondent: str = Field(max_length=120)
    judgment_on: date
    served_on: date | None = None
    closed_on: date | None = None
    rate_percent: Decimal = Field(sa_type=sa.Numeric(5, 2))
    court_station: str = Field(max_length=80)
    survivor_awards: int


class UnpaidBase(SQLModel, table=True):
    """The report on `day` as computed at `snapshot` (a pg_snapshot, as text): the changes
    of transactions that snapshot does not see are added to it when read."""

    __tablename__ = "unpaid_bases"

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    day: date = Field(unique=True)
    snapshot: str
    computed_at: datetime = Field(sa_type=sa.DateTime(timezone=True))


def _base_id() -> Any:
    return Field(foreign_key="unpaid_bases.id", ondelete="CASCADE", sa_type=sa.BigInteger)


class UnpaidBaseCell(SQLModel, table=True):
    """A row of the report: the totals (`breakdown` "totals") or one value of a breakdown.
    Survivors holding one award are counted (`lone`); those holding more are listed by
    internal id (`shared_ids`, for merging small cells) since they may be in several rows of
    one breakdown, and counted (`shared`)."""

    __tablename__ = "unpaid_base_cells"
    __table_args__ = (sa.Index("ix_unpaid_base_cells_base_id", "base_id"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    base_id: int = _base_id()
    breakdown: str = Field(max_length=40)
    value: str = Field(max_length=120)
    awards: int = Field(sa_type=sa.BigInteger)
    lone: int = Field(sa_type=sa.BigInteger)
    awarded: Decimal = Field(sa_type=WIDE_MONEY)
    accrued: Decimal = Field(sa_type=WIDE_MONEY)
    later: Decimal = Field(sa_type=WIDE_MONEY)
    paid: Decimal = Field(sa_type=WIDE_MONEY)
    outstanding_principal: Decimal = Field(sa_type=WIDE_MONEY)
    unpaid_interest: Decimal = Field(sa_type=WIDE_MONEY)
    shared: int = Field(sa_type=sa.BigInteger)
    shared_ids: list[uuid.UUID] = Field(sa_column=sa.Column(ARRAY(sa.Uuid()), nullable=False))


class UnpaidBaseShared(SQLModel, table=True):
    """A survivor holding more than one award, the cell (one value of every breakdown) some of
    them are in, and how many: where a change moves one of their awards, whether they are still
    in a row of the report is read from here."""

    __tablename__ = "unpaid_base_shared"
    __table_args__ = (
        sa.Index("ix_unpaid_base_shared_base_id_survivor_id", "base_id", "survivor_id"),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    base_id: int = _base_id()
    survivor_id: uuid.UUID
    respondent: str = Field(max_length=120)
    judgment_year: str = Field(max_length=4)
    court_station: str = Field(max_length=80)
    ageing_since_judgment: str = Field(max_length=20)
    ageing_since_service: str = Field(max_length=20)
    awards: int
