"""The case register: survivors, court matters and the append-only history of each matter."""

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.stages import CaseKind, CaseTrack, CourtLevel, JudgmentOutcome, Stage


def value_enum(kind: type[Any], name: str) -> sa.Enum:
    """Enums stored as their value in a checked varchar: adding a value needs no type migration."""
    return sa.Enum(
        kind,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=48,
        values_callable=lambda members: [m.value for m in members],
    )


class Survivor(SQLModel, table=True):
    """The person harmed; outside staff screens known only by the pseudonymous `code`."""

    __tablename__ = "survivors"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(max_length=16, unique=True)
    full_name: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    registered_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    """who typed the name in: a lawyer may name this survivor on their first case"""


class SurvivorCodeCounter(SQLModel, table=True):
    """Last number handed out per year, so codes like S-2024-0042 are allocated without races."""

    __tablename__ = "survivor_code_counters"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last: int


class Case(SQLModel, table=True):
    """One court matter. Its `stage` is written only by the court-track state machine."""

    __tablename__ = "cases"
    __table_args__ = (
        sa.UniqueConstraint(
            "court_level", "court_station", "court_number", name="uq_cases_court_number"
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    reference: str = Field(max_length=40, unique=True)
    title: str = Field(max_length=300)
    kind: CaseKind = Field(sa_type=value_enum(CaseKind, "kind"))
    court_level: CourtLevel = Field(sa_type=value_enum(CourtLevel, "court_level"))
    court_station: str = Field(max_length=80)
    court_number: str | None = Field(default=None, max_length=120, index=True)
    consolidated_with: list[str] = Field(
        default_factory=list,
        sa_column=sa.Column(ARRAY(sa.Text), nullable=False, server_default="{}"),
    )
    """the other numbers of a consolidated matter, normalised like `court_number`"""
    respondents: list[str] = Field(
        default_factory=list, sa_column=sa.Column(ARRAY(sa.Text), nullable=False)
    )
    lead_counsel: str = Field(max_length=120, index=True)
    track: CaseTrack = Field(
        default=CaseTrack.COURT,
        sa_type=value_enum(CaseTrack, "case_track"),
        sa_column_kwargs={"server_default": CaseTrack.COURT.value},
    )
    """the route its stage follows: set when the case is opened, never changed"""
    stage: Stage = Field(default=Stage.INTAKE, sa_type=value_enum(Stage, "stage"), index=True)
    stage_since: date
    judgment_on: date | None = None
    judgment_outcome: JudgmentOutcome | None = Field(
        default=None, sa_type=value_enum(JudgmentOutcome, "judgment_outcome")
    )
    neutral_citation: str | None = Field(default=None, max_length=300)
    stay_of_execution: bool | None = None
    version: int = Field(default=1)
    opened_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        """Every UPDATE checks and bumps `version`: of two concurrent writers one wins."""
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class CaseClaimant(SQLModel, table=True):
    __tablename__ = "case_claimants"

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True)
    survivor_id: uuid.UUID = Field(foreign_key="survivors.id", primary_key=True, index=True)


class CaseEvent(SQLModel, table=True):
    """Append-only: the database refuses UPDATE and DELETE on this table (see migrations)."""

    __tablename__ = "case_events"
    __table_args__ = (sa.Index("ix_case_events_case_id_id", "case_id", "id"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=sa.BigInteger)
    case_id: uuid.UUID = Field(foreign_key="cases.id")
    trigger: str = Field(max_length=40)
    from_stage: Stage | None = Field(default=None, sa_type=value_enum(Stage, "from_stage"))
    to_stage: Stage = Field(sa_type=value_enum(Stage, "to_stage"))
    occurred_on: date
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    note: str | None = None
    evidence_ref: str | None = Field(default=None, max_length=200)
    details: dict[str, Any] = Field(
        default_factory=dict, sa_column=sa.Column(JSONB, nullable=False, server_default="{}")
    )
