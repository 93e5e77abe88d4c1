"""What a person gives to take a step on the case's track. One input, that the API's JSON body,
the case page's step form and a hearing that sat (service/usecases/hearings/dates_in.py) are all
read into, so a field is added in one place; the fields every step has, a case's or an award's,
are declared once in `TrackStepIn`.
"""

from datetime import date
from typing import Annotated

from msgspec import Meta, Struct

from domain.stages import JudgmentOutcome
from service.text import CitationText, CourtNumberText, EvidenceRef, Note, Trigger
from service.usecases.cases.step_facts import Step


class TrackStepIn(Struct, forbid_unknown_fields=True):
    """`version` is the version of the record you last read: a step on a stale view is refused
    (409)."""

    trigger: Trigger
    version: Annotated[int, Meta(ge=1)]
    occurred_on: date | None = None
    note: Note | None = None
    evidence_ref: EvidenceRef | None = None


class StepIn(TrackStepIn, forbid_unknown_fields=True):
    """`version` is the case version you last read: a step on a stale view is refused (409)."""

    outcome: JudgmentOutcome | None = None
    court_number: CourtNumberText | None = None
    neutral_citation: CitationText | None = None
    stay_of_execution: bool | None = None

    def step(self) -> Step:
        return Step(
            trigger=self.trigger,
            version=self.version,
            occurred_on=self.occurred_on,
            note=self.note,
            evidence_ref=self.evidence_ref,
            outcome=self.outcome,
            court_number=self.court_number,
            neutral_citation=self.neutral_citation,
            stay_of_execution=self.stay_of_execution,
        )
