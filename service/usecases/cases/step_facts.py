"""What a person asserts when they record a step: the step, and its facts parsed and checked
(a court number, a neutral citation, a date not in the future nor before the stage began)."""

from dataclasses import dataclass
from datetime import date, datetime

from domain.calendar import not_in_future
from domain.citations import CitationError, parse_neutral_citation
from domain.errors import N_, InvalidInput
from domain.stages import JudgmentOutcome, Stage
from service.usecases.cases.register import read_court_number
from statemachines.facts import Facts

STEP_DATES = {
    "file": N_("The date of filing"),
    "seek_leave": N_("The date leave was sought"),
    "grant_leave": N_("The date leave was granted"),
    "refuse_leave": N_("The date leave was refused"),
    "file_notice_of_motion": N_("The date the notice of motion was filed"),
    "exchange_pleadings": N_("The date pleadings were exchanged"),
    "set_down_for_hearing": N_("The date it was set down for hearing"),
    "reserve_judgment": N_("The date judgment was reserved"),
    "deliver_judgment": N_("The date of judgment"),
    "appeal": N_("The date the appeal was filed"),
    "determine_appeal": N_("The date the appeal was determined"),
    "settle": N_("The date of settlement"),
    "withdraw": N_("The date of withdrawal"),
}
"""how a refused date names the step it dates; any other step's is 'The date it happened'"""


@dataclass(frozen=True)
class Step:
    """What a person records: the trigger, the case version they saw, and the facts they assert."""

    trigger: str
    version: int
    occurred_on: date | None = None
    note: str | None = None
    evidence_ref: str | None = None
    outcome: JudgmentOutcome | None = None
    court_number: str | None = None
    neutral_citation: str | None = None
    stay_of_execution: bool | None = None


def facts_of(step: Step, now: datetime) -> Facts:
    """Parses what the person asserted; a malformed court number or citation is bad input."""
    number = read_court_number(step.court_number) if step.court_number else None
    try:
        citation = parse_neutral_citation(step.neutral_citation) if step.neutral_citation else None
    except CitationError as error:
        raise InvalidInput(
            N_("“%(typed)s” cannot be read as a neutral citation: %(why)s."),
            "neutral_citation",
            typed=str(step.neutral_citation).strip(),
            why=error.why,
        ) from error
    occurred_on = step.occurred_on and not_in_future(
        step.occurred_on, now, "occurred_on", STEP_DATES.get(step.trigger)
    )
    return Facts(occurred_on, step.outcome, number, citation, step.stay_of_execution)


def in_order(stage: Stage, since: date, occurred_on: date) -> None:
    """A court step cannot predate the step that brought the case to the stage it leaves."""
    if stage != Stage.INTAKE and occurred_on < since:
        raise InvalidInput(
            N_("The date, %(day)s, is before the case reached the stage %(stage)s on %(since)s."),
            "occurred_on",
            day=occurred_on,
            stage=stage,
            since=since,
        )
