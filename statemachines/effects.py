"""What a transition records on the case besides its stage: the facts it was fired with."""

from enum import StrEnum

from domain.cases import Case
from statemachines.facts import Facts


def record_court_number(case: Case, facts: Facts, _left: StrEnum) -> None:
    if facts.court_number is not None:
        case.court_number = str(facts.court_number)
        case.consolidated_with = facts.court_number.consolidated_with


def record_judgment(case: Case, facts: Facts, _left: StrEnum) -> None:
    case.judgment_on = facts.occurred_on
    case.judgment_outcome = facts.outcome
    case.neutral_citation = str(facts.neutral_citation) if facts.neutral_citation else None


def record_stay(case: Case, facts: Facts, _left: StrEnum) -> None:
    case.stay_of_execution = facts.stay_of_execution
