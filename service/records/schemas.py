"""What the violation API answers. Place, unit and officers' names are personal data: a role
that may not read names gets them as null, with their field names in `withheld`."""

import uuid
from datetime import date, datetime
from typing import Annotated

from msgspec import Meta, Struct

from domain.violations import AgeBand, Agency, Precision, Sex, Violation, ViolationType
from service.free_text import kept, withheld
from service.text import Name


class ViolationOut(Struct):
    id: uuid.UUID
    survivor: str
    """the survivor's pseudonymous code"""
    occurred_on: date
    """the first day of what is known: with `precision` month, the 1st of that month"""
    precision: Precision
    county: str
    sub_county: str | None
    place: str | None
    types: list[str]
    agency: Agency
    unit: str | None
    perpetrators: int | None
    officers: str | None
    sex: Sex
    age_band: AgeBand
    disability: bool | None
    cases: list[uuid.UUID]
    recorded_at: datetime
    withheld: list[str]
    version: int
    """send it back with a correction (PUT): a record changed since is refused, not overwritten"""

    @classmethod
    def of(
        cls, v: Violation, code: str, cases: list[uuid.UUID], free_text: bool = True
    ) -> "ViolationOut":
        return cls(
            id=v.id,
            survivor=code,
            occurred_on=v.occurred_on,
            precision=v.precision,
            county=v.county,
            sub_county=v.sub_county,
            place=kept(v.place, free_text),
            types=list(v.types),
            agency=v.agency,
            unit=kept(v.unit, free_text),
            perpetrators=v.perpetrators,
            officers=kept(v.officers, free_text),
            sex=v.sex,
            age_band=v.age_band,
            disability=v.disability,
            cases=cases,
            recorded_at=v.recorded_at,
            withheld=withheld(free_text, place=v.place, unit=v.unit, officers=v.officers),
            version=v.version,
        )


class ViolationTypeIn(Struct, forbid_unknown_fields=True):
    """A word an office adds: a code for files and the API, and its names in both languages."""

    code: Annotated[str, Meta(min_length=1, max_length=40, pattern=r"^[a-z][a-z0-9_]*$")]
    name_en: Name
    name_sw: Name


class ViolationTypeOut(Struct):
    code: str
    name_en: str
    name_sw: str

    @classmethod
    def of(cls, kind: ViolationType) -> "ViolationTypeOut":
        return cls(kind.code, kind.name_en, kind.name_sw)
