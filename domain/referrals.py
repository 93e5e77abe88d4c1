"""Referrals of survivors to partners for medical and psychosocial care, legal aid and
economic support: made, accepted, attended, closed with an outcome, and followed up on a
date until closed.

The moves are data (`MOVES`), as the court tracks' are: a move not allowed from the present
status is refused naming what is allowed. Why a survivor was referred, and what came of it,
are free text and personal data (they may describe an injury or a trauma).
"""

import uuid
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.cases import value_enum
from domain.errors import N_, NotNow, Step


class PartnerKind(StrEnum):
    MEDICAL = "medical"
    PSYCHOSOCIAL = "psychosocial"
    LEGAL_AID = "legal_aid"
    ECONOMIC_SUPPORT = "economic_support"


class ReferralStatus(StrEnum):
    MADE = "made"
    ACCEPTED = "accepted"
    ATTENDED = "attended"
    CLOSED = "closed"


class Outcome(StrEnum):
    COMPLETED = "completed"
    DECLINED_BY_PARTNER = "declined_by_partner"
    DID_NOT_ATTEND = "did_not_attend"
    WITHDREW = "withdrew"
    REFERRED_ON = "referred_on"


MOVES: dict[str, tuple[frozenset[ReferralStatus], ReferralStatus]] = {
    "accept": (frozenset({ReferralStatus.MADE}), ReferralStatus.ACCEPTED),
    "attend": (frozenset({ReferralStatus.MADE, ReferralStatus.ACCEPTED}), ReferralStatus.ATTENDED),
    "close": (
        frozenset({ReferralStatus.MADE, ReferralStatus.ACCEPTED, ReferralStatus.ATTENDED}),
        ReferralStatus.CLOSED,
    ),
}
"""each move: the statuses it may be made from, and the status it leads to"""
FOLLOW_UP = timedelta(days=14)
"""how long after a move the office checks on the survivor with the partner"""


def moved(status: ReferralStatus, move: str) -> ReferralStatus:
    """The status a move leads to; refused when the move is not one from `status`."""
    allowed = [name for name, (sources, _) in MOVES.items() if status in sources]
    if move not in MOVES or status not in MOVES[move][0]:
        if not allowed:
            raise NotNow(
                N_("A referral at the status %(status)s cannot “%(step)s”: it is closed."),
                status=status,
                step=Step(move),
            )
        raise NotNow(
            N_("A referral at the status %(status)s cannot “%(step)s”; now possible: %(allowed)s."),
            status=status,
            step=Step(move),
            allowed=[Step(name) for name in allowed],
        )
    return MOVES[move][1]


class Partner(SQLModel, table=True):
    """An organisation the office refers survivors to: its details are the organisation's own,
    not personal data."""

    __tablename__ = "referral_partners"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    kind: PartnerKind = Field(sa_type=value_enum(PartnerKind, "kind"))
    county: str | None = Field(default=None, max_length=40)
    contact: str | None = Field(default=None, max_length=200)
    added_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    active: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})
    """False once an administrator deactivates it: no longer offered for new referrals, still
    named on the referrals already made to it"""


class Referral(SQLModel, table=True):
    __tablename__ = "referrals"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    survivor_id: uuid.UUID = Field(foreign_key="survivors.id", index=True)
    partner_id: uuid.UUID = Field(foreign_key="referral_partners.id")
    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id")
    """the case the referral serves, whose lead counsel is reminded of the follow-up"""
    status: ReferralStatus = Field(
        default=ReferralStatus.MADE, sa_type=value_enum(ReferralStatus, "status")
    )
    made_on: date
    accepted_on: date | None = None
    attended_on: date | None = None
    closed_on: date | None = None
    outcome: Outcome | None = Field(default=None, sa_type=value_enum(Outcome, "outcome"))
    reason: str | None = Field(default=None, max_length=2000)
    outcome_note: str | None = Field(default=None, max_length=2000)
    follow_up_on: date | None = Field(default=None, index=True)
    """the next day the office checks on the referral; none once closed"""
    made_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    version: int = Field(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        """Two people moving one referral at once: one wins, the other is told to reload."""
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
