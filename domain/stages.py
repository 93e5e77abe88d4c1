"""The vocabulary of a court matter: levels, kinds, stages and judgment outcomes."""

from enum import StrEnum


class CourtLevel(StrEnum):
    MAGISTRATES_COURT = "magistrates_court"
    HIGH_COURT = "high_court"
    EMPLOYMENT_AND_LABOUR_RELATIONS_COURT = "employment_and_labour_relations_court"
    ENVIRONMENT_AND_LAND_COURT = "environment_and_land_court"
    COURT_OF_APPEAL = "court_of_appeal"
    SUPREME_COURT = "supreme_court"


class CaseKind(StrEnum):
    CONSTITUTIONAL_PETITION = "constitutional_petition"
    CIVIL_CLAIM = "civil_claim"
    CRIMINAL_PROSECUTION = "criminal_prosecution"
    INQUEST = "inquest"
    JUDICIAL_REVIEW = "judicial_review"


class CaseTrack(StrEnum):
    """Which route a case follows in court: the machine that moves its stage."""

    COURT = "court"
    """a petition or suit: filed, pleadings, hearing, judgment (statemachines/case_track.py)"""
    MANDAMUS = "mandamus"
    """judicial review under Order 53 to compel payment of an award: leave first, then a notice
    of motion (statemachines/mandamus_track.py)"""


class Stage(StrEnum):
    """The stages of both routes; each route uses its own (the diagrams in docs/ show which)."""

    INTAKE = "intake"
    FILED = "filed"
    PLEADINGS = "pleadings"
    HEARING = "hearing"
    JUDGMENT_RESERVED = "judgment_reserved"
    JUDGMENT = "judgment"
    AWARDED = "awarded"
    DISMISSED = "dismissed"
    APPEALED = "appealed"
    SETTLED = "settled"
    WITHDRAWN = "withdrawn"
    COMPENSATION = "compensation"
    CLOSED = "closed"
    # judicial review (Order 53): last, so the court track's order in lists and reports holds
    LEAVE_SOUGHT = "leave_sought"
    LEAVE_GRANTED = "leave_granted"
    LEAVE_REFUSED = "leave_refused"
    MOTION_FILED = "motion_filed"


class JudgmentOutcome(StrEnum):
    """What the court decided on the claim, as the lawyer records it with the judgment."""

    ALLOWED = "allowed"
    PARTLY_ALLOWED = "partly_allowed"
    DISMISSED = "dismissed"
