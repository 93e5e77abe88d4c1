"""What the examination routes accept and answer. Every field of an examination but its
form and day is personal data; the routes are for the roles that read names."""

import uuid
from datetime import date
from typing import Annotated

from msgspec import Meta, Struct

from domain.examinations import Correlation, Examination, ExaminationForm
from service.text import FullName, Note, SurvivorCode
from service.usecases.records.examinations import NewExamination

Place = Annotated[
    str, Meta(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*\S[^\x00-\x1f\x7f]*$")
]


class ExaminationIn(Struct, forbid_unknown_fields=True):
    """The one input of an examination, from the API's JSON and the case page's form."""

    survivor: SurvivorCode
    form: ExaminationForm
    examined_on: date
    examined_by: FullName
    place: Place
    correlation: Correlation = Correlation.NOT_STATED
    """how the findings stand to the account, in the Istanbul Protocol's degrees"""
    findings: Note = ""

    def examination(self) -> NewExamination:
        return NewExamination(
            self.survivor, self.form, self.examined_on, self.examined_by, self.place,
            self.correlation, self.findings,
        )  # fmt: skip


class ExaminationOut(Struct):
    id: uuid.UUID
    case_id: uuid.UUID
    survivor: str
    form: ExaminationForm
    examined_on: date
    examined_by: str
    place: str
    correlation: Correlation
    findings: str
    documents: str
    """the case's documents, among them those attached to this examination"""

    @classmethod
    def of(cls, examination: Examination, code: str) -> "ExaminationOut":
        return cls(
            examination.id, examination.case_id, code, examination.form, examination.examined_on,
            examination.examined_by, examination.place, examination.correlation,
            examination.findings, f"/cases/{examination.case_id}/documents",
        )  # fmt: skip
