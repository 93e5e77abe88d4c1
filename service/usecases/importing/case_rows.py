"""A row of the cases file read into a case's facts, each cell checked as Haki's pages check it."""

from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from domain.calendar import nairobi_midnight, nairobi_today
from domain.citations import NeutralCitation
from domain.citations import parse_neutral_citation as citation
from domain.court_numbers import CourtNumber
from domain.errors import N_, InvalidInput, Said
from domain.stages import CaseKind, CourtLevel, JudgmentOutcome, Stage
from domain.stations import listed_station, merged_station
from service.imports.cells import Cells
from service.usecases.cases.register import read_court_number
from service.usecases.importing.claimants import checked_code

BEFORE_JUDGMENT = (
    Stage.INTAKE,
    Stage.FILED,
    Stage.PLEADINGS,
    Stage.HEARING,
    Stage.JUDGMENT_RESERVED,
)


@dataclass(frozen=True)
class CaseRow:
    reference: str
    title: str
    kind: CaseKind
    court_level: CourtLevel
    court_station: str
    court_number: CourtNumber | None
    lead_counsel: str
    claimants: tuple[str, ...]
    names: tuple[str, ...]
    respondents: tuple[str, ...]
    stage: Stage
    stage_since: date
    opened_on: date
    filed_on: date | None
    judgment_on: date | None
    judgment_outcome: JudgmentOutcome | None
    neutral_citation: NeutralCitation | None
    stay_of_execution: bool | None

    def fields(self) -> dict[str, Any]:
        """The case's columns as this row gives them (stage aside: the machine writes that)."""
        return {
            "reference": self.reference,
            "title": self.title,
            "kind": self.kind,
            "court_level": self.court_level,
            "court_station": self.court_station,
            "court_number": self.court_number and str(self.court_number),
            "respondents": list(self.respondents),
            "lead_counsel": self.lead_counsel,
            "judgment_on": self.judgment_on,
            "judgment_outcome": self.judgment_outcome,
            "neutral_citation": self.neutral_citation and str(self.neutral_citation),
            "stay_of_execution": self.stay_of_execution,
        }


def _in_order(cells: Cells, days: list[tuple[str, date | None]]) -> None:
    given = [(name, day) for name, day in days if day is not None]
    for (before, early), (after, late) in pairwise(given):
        if late < early:
            said = Said(
                N_("%(late)s is before %(column)s, %(early)s."),
                {"late": late, "column": before, "early": early},
            )
            cells.fail(after, said)


def _codes(text: str) -> list[str]:
    return [checked_code(code) for code in text.split("|") if code.strip()]


def case_row(cells: Cells) -> CaseRow:
    """The row's case; a cell that cannot be read is noted in `cells`, named by its column."""
    # checked against the Judiciary's list as the pages check it, with a "did you mean"
    station = cells.read("court_station", listed_station, True)
    number = cells.read("court_number", read_court_number, False)
    named = number.station if number else None
    if station and named:  # a station the number names is the case's, as opening reads it
        station = cells.read("court_station", lambda given: merged_station(given, named), True)
    claimants = cells.read("claimants", _codes, True) or []
    names = cells.names("claimant_names")
    if len(names) > len(claimants):
        counted: dict[str, object] = {"names": len(names), "claimants": len(claimants)}
        cells.fail(
            "claimant_names", Said(N_("%(names)s names for %(claimants)s claimants."), counted)
        )
    stage = cells.choice("stage", Stage) or Stage.INTAKE
    opened_on, filed_on = cells.day("opened_on"), cells.day("filed_on")
    judgment_on, outcome = (
        cells.day("judgment_on"),
        cells.choice("judgment_outcome", JudgmentOutcome),
    )
    since = cells.day("stage_since")
    # as in Haki, steps may be dated before the file was opened (recorded after the
    # fact), but never before the step that brought the case to the stage it left
    steps = [("filed_on", filed_on), ("judgment_on", judgment_on), ("stage_since", since)]
    _in_order(cells, steps if stage != Stage.INTAKE else steps[:2])
    if stage in BEFORE_JUDGMENT and (judgment_on or outcome):
        cells.fail(
            "stage",
            Said(N_("A case at the stage %(stage)s has no judgment, yet the row gives one."),
                 {"stage": stage}),
        )  # fmt: skip
    dates = [d for d in (opened_on, filed_on, judgment_on) if d]
    opened_on = opened_on or min([*dates, since] if since else dates, default=None)
    opened_on = opened_on or nairobi_today(cells.now)
    since = since or max([d for d in (filed_on, judgment_on) if d], default=opened_on)
    try:
        nairobi_midnight(opened_on, "opened_on")
    except InvalidInput as error:
        cells.fail("opened_on", error.said)
    return CaseRow(
        reference=cells.required("reference"),
        title=cells.required("title"),
        kind=cells.choice("kind", CaseKind, required=True) or CaseKind.CIVIL_CLAIM,
        court_level=cells.choice("court_level", CourtLevel, True) or CourtLevel.HIGH_COURT,
        court_station=station or "",
        court_number=number,
        lead_counsel=cells.required("lead_counsel"),
        claimants=tuple(dict.fromkeys(claimants)),
        names=tuple(names),
        respondents=tuple(cells.names("respondents", required=True)),
        stage=stage,
        stage_since=since,
        opened_on=opened_on,
        filed_on=filed_on,
        judgment_on=judgment_on,
        judgment_outcome=outcome,
        neutral_citation=cells.read("neutral_citation", citation, False),
        stay_of_execution=cells.flag("stay_of_execution"),
    )
