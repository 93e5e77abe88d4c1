"""Medico-legal examinations: the evidence of what was done to a survivor's body and mind.

Which form the examiner filled in (Kenya's P3 form for the police, the post-rape care form,
an Istanbul Protocol evaluation, a post-mortem report, a psychological evaluation), who
examined, when and where, and how far the findings correlate with the survivor's account, in
the Istanbul Protocol's own degrees (paragraph 187 of the 2004 edition). The examiner, the
place and the findings are personal data: read only by the roles that read names, audited.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.cases import value_enum


class ExaminationForm(StrEnum):
    P3_FORM = "p3_form"
    POST_RAPE_CARE_FORM = "post_rape_care_form"
    ISTANBUL_PROTOCOL = "istanbul_protocol"
    POST_MORTEM = "post_mortem"
    PSYCHOLOGICAL = "psychological"


class Correlation(StrEnum):
    """How the findings stand to the account, as the examiner wrote it."""

    NOT_CONSISTENT = "not_consistent"
    CONSISTENT = "consistent"
    HIGHLY_CONSISTENT = "highly_consistent"
    TYPICAL = "typical"
    DIAGNOSTIC = "diagnostic"
    NOT_STATED = "not_stated"


class Examination(SQLModel, table=True):
    __tablename__ = "examinations"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    survivor_id: uuid.UUID = Field(foreign_key="survivors.id", index=True)
    form: ExaminationForm = Field(sa_type=value_enum(ExaminationForm, "examination_form"))
    examined_on: date
    examined_by: str = Field(max_length=200)
    """the examiner, as they signed: "Dr. A. Njoroge, police surgeon" """
    place: str = Field(max_length=200)
    """the facility, e.g. "Nairobi Police Surgery" or "Kenyatta National Hospital" """
    correlation: Correlation = Field(sa_type=value_enum(Correlation, "correlation"))
    findings: str = Field(default="", max_length=4000)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
