"""What was done to a survivor, when, where and by whom: the violation record, after the
HURIDOCS events standard in spirit (an act, its date as precisely as it is known, its place,
its perpetrators, and the victim's characteristics at the time).

Place, unit, and officers' names are free text and personal data: they may identify the
survivor or a witness, and officers named in a record are people under investigation.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from domain.base import utcnow
from domain.calendar import not_in_future
from domain.cases import value_enum
from domain.errors import N_, InvalidInput


class Precision(StrEnum):
    """How much of the date is known: a survivor may remember only the month, a family only
    the year. The date stored is the first day of what is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Agency(StrEnum):
    KENYA_POLICE = "kenya_police_service"
    ADMINISTRATION_POLICE = "administration_police"
    DCI = "dci"
    GSU = "gsu"
    KDF = "kdf"
    COUNTY_ENFORCEMENT = "county_enforcement"
    PRISONS = "prisons"
    OTHER = "other"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    INTERSEX = "intersex"
    NOT_KNOWN = "not_known"


class AgeBand(StrEnum):
    """The survivor's age when it happened, in the bands research publishes (a child is under
    18 in Kenyan law)."""

    UNDER_18 = "under_18"
    FROM_18_TO_24 = "18_24"
    FROM_25_TO_34 = "25_34"
    FROM_35_TO_49 = "35_49"
    FROM_50_TO_64 = "50_64"
    FROM_65 = "65_plus"
    NOT_KNOWN = "not_known"


BUILT_IN_TYPES = {
    "torture": ("Torture", "Mateso"),
    "cruel_treatment": (
        "Cruel, inhuman or degrading treatment",
        "Unyama, ukatili au udhalilishaji",
    ),
    "extrajudicial_execution": ("Extrajudicial execution", "Mauaji ya kiholela"),
    "enforced_disappearance": ("Enforced disappearance", "Kutoweshwa kwa lazima"),
    "sexual_violence": ("Sexual violence", "Dhuluma za kingono"),
    "arbitrary_arrest": (
        "Arbitrary arrest and detention",
        "Kukamatwa na kuzuiliwa kiholela",
    ),
    "excessive_force_protest": (
        "Excessive force at a protest",
        "Nguvu kupita kiasi katika maandamano",
    ),
    "death_in_custody": ("Death in custody", "Kifo mikononi mwa polisi"),
}
"""the vocabulary Haki starts with (code: English, Kiswahili); an administrator adds more"""


class ViolationType(SQLModel, table=True):
    """One word of the vocabulary of violations, kept as data so an office can add its own."""

    __tablename__ = "violation_types"

    code: str = Field(primary_key=True, max_length=40)
    name_en: str = Field(max_length=120)
    name_sw: str = Field(max_length=120)
    added_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


class Violation(SQLModel, table=True):
    """One act (or a run of acts on one occasion) done to one survivor."""

    __tablename__ = "violations"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    survivor_id: uuid.UUID = Field(foreign_key="survivors.id", index=True)
    occurred_on: date = Field(index=True)
    precision: Precision = Field(sa_type=value_enum(Precision, "precision"))
    county: str = Field(max_length=40, index=True)
    sub_county: str | None = Field(default=None, max_length=60)
    place: str | None = Field(default=None, max_length=300)
    types: list[str] = Field(sa_column=sa.Column(ARRAY(sa.Text), nullable=False))
    agency: Agency = Field(sa_type=value_enum(Agency, "agency"))
    unit: str | None = Field(default=None, max_length=200)
    perpetrators: int | None = None
    officers: str | None = Field(default=None, max_length=1000)
    sex: Sex = Field(sa_type=value_enum(Sex, "sex"))
    age_band: AgeBand = Field(sa_type=value_enum(AgeBand, "age_band"))
    disability: bool | None = None
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    version: int = Field(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        """Every UPDATE checks and bumps `version`: of two people correcting one record, one
        wins and the other is told to reload."""
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class ViolationCase(SQLModel, table=True):
    """A court matter brought over the violation (a petition, an inquest, a prosecution)."""

    __tablename__ = "violation_cases"

    violation_id: uuid.UUID = Field(foreign_key="violations.id", primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True, index=True)


YEAR_OF_THE_MONTH = N_("Give the year it happened, even when only the month is known.")


def when_it_happened(
    year: int | None, month: int | None, day: int | None, now: datetime
) -> tuple[date, Precision]:
    """The date as far as it is known, and how far that is: a day needs its month and year,
    a month its year; none of it may be in the future."""
    if year is None:
        if month is not None or day is not None:
            raise InvalidInput(YEAR_OF_THE_MONTH, "year")
        raise InvalidInput(N_("Give at least the year it happened."), "year")
    if day is not None and month is None:
        raise InvalidInput(N_("Give the month of that day, or leave the day empty."), "month")
    precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
    try:
        on = date(year, month or 1, day or 1)
    except ValueError:
        raise InvalidInput(
            N_("There is no such day in the calendar: check the day and the month."), "day"
        ) from None
    return not_in_future(on, now, "occurred_on"), precision
