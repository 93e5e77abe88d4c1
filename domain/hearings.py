"""Court dates: when a case is before a judicial officer, what for, and what became of it."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.cases import value_enum


class HearingPurpose(StrEnum):
    MENTION = "mention"
    DIRECTIONS = "directions"
    HEARING = "hearing"
    SUBMISSIONS = "submissions"
    JUDGMENT_DELIVERY = "judgment_delivery"
    RULING_DELIVERY = "ruling_delivery"


class HearingStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    ADJOURNED = "adjourned"
    VACATED = "vacated"


class Hearing(SQLModel, table=True):
    """One court date. Instants are UTC here and Africa/Nairobi wherever a person reads them.

    An adjournment ends this row and starts another whose `adjourned_from_id` points back, so
    the chain of dates (and the count of adjournments advocacy officers publish) is in the data.
    `sequence` is the iCalendar SEQUENCE: bumped whenever a subscriber's copy must be replaced.
    A case has one live (scheduled or held) date for a purpose at a time: the same date set
    twice would remind the family twice (`uq_hearings_live_sitting`).
    """

    __tablename__ = "hearings"
    __table_args__ = (
        sa.Index("ix_hearings_starts_at", "starts_at"),
        sa.Index(
            "uq_hearings_live_sitting",
            "case_id",
            "starts_at",
            "purpose",
            unique=True,
            postgresql_where=sa.text("status IN ('scheduled', 'held')"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    starts_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    ends_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    station: str = Field(max_length=80)
    court_room: str | None = Field(default=None, max_length=60)
    judicial_officer: str | None = Field(default=None, max_length=120)
    purpose: HearingPurpose = Field(sa_type=value_enum(HearingPurpose, "hearing_purpose"))
    status: HearingStatus = Field(
        default=HearingStatus.SCHEDULED, sa_type=value_enum(HearingStatus, "hearing_status")
    )
    outcome: str | None = None
    """what happened when it was held, or why it was adjourned or vacated"""
    adjourned_from_id: uuid.UUID | None = Field(
        default=None, foreign_key="hearings.id", unique=True
    )
    recorded_after_the_fact: bool = False
    sequence: int = 0
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class CalendarFeed(SQLModel, table=True):
    """A secret address a phone's calendar subscribes to. Only its hash is kept; it opens the
    holder's hearings as an .ics feed and nothing else, and revoking it closes it at once."""

    __tablename__ = "calendar_feeds"
    __table_args__ = (
        sa.Index(
            "uq_calendar_feeds_live",
            "user_id",
            unique=True,
            postgresql_where=sa.text("revoked_at IS NULL"),
        ),
    )

    token_hash: str = Field(primary_key=True, max_length=64)
    user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    revoked_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
