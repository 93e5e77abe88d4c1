"""What a person asserts when they record a step in a case, checked by the machines' guards."""

from dataclasses import dataclass
from datetime import date

from domain.citations import NeutralCitation
from domain.court_numbers import CourtNumber
from domain.stages import JudgmentOutcome


@dataclass(frozen=True)
class Facts:
    """`occurred_on` is None when the person gave no date: the use case then dates it today."""

    occurred_on: date | None = None
    outcome: JudgmentOutcome | None = None
    court_number: CourtNumber | None = None
    neutral_citation: NeutralCitation | None = None
    stay_of_execution: bool | None = None
    awards: int = 0
    """awards recorded on the case, counted by the use case"""
    awards_settled: bool = False
    """every award disbursed, set aside or written off"""
