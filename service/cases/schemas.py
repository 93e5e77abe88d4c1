"""What the case API accepts and answers: its own shapes, never the table classes."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from msgspec import Meta, Struct, structs

from domain.awards import AwardEvent
from domain.cases import Case, CaseEvent
from domain.mandamus import MotionTime
from domain.stages import CaseKind, CaseTrack, CourtLevel, JudgmentOutcome, Stage
from service.free_text import kept, withheld, without_file
from service.text import (
    Name,
    Station,
    Title,
)
from service.usecases.cases.case_details import CaseDetails
from service.usecases.cases.finding import CaseRow
from statemachines.case_track import Route
from statemachines.routes import Chance, Openness


class CaseDetailsIn(Struct, forbid_unknown_fields=True):
    """A change to the case's title, station, respondents or lead counsel; a field left out
    stays as it is. `version` is the one the client read: a stale one is refused (409)."""

    version: int
    title: Title | None = None
    court_station: Station | None = None
    respondents: Annotated[list[Name], Meta(min_length=1, max_length=20)] | None = None
    lead_counsel: Name | None = None

    def details(self) -> CaseDetails:
        return CaseDetails(
            self.version, self.title, self.court_station, self.respondents, self.lead_counsel
        )


class CaseOut(Struct):
    id: uuid.UUID
    reference: str
    title: str
    kind: CaseKind
    court_level: CourtLevel
    court_station: str
    court_number: str | None
    consolidated_with: list[str]
    """the other numbers of a consolidated matter"""
    respondents: list[str]
    lead_counsel: str
    claimants: list[str]
    track: CaseTrack
    """the route its steps follow: `court` (a petition or suit) or `mandamus` (Order 53)"""
    stage: Stage
    stage_since: date
    judgment_on: date | None
    judgment_outcome: JudgmentOutcome | None
    neutral_citation: str | None
    stay_of_execution: bool | None
    version: int
    opened_at: datetime

    @classmethod
    def of(cls, case: Case, claimants: list[str]) -> "CaseOut":
        return cls(
            id=case.id,
            reference=case.reference,
            title=case.title,
            kind=case.kind,
            court_level=case.court_level,
            court_station=case.court_station,
            court_number=case.court_number,
            consolidated_with=case.consolidated_with,
            respondents=case.respondents,
            lead_counsel=case.lead_counsel,
            claimants=claimants,
            track=case.track,
            stage=case.stage,
            stage_since=case.stage_since,
            judgment_on=case.judgment_on,
            judgment_outcome=case.judgment_outcome,
            neutral_citation=case.neutral_citation,
            stay_of_execution=case.stay_of_execution,
            version=case.version,
            opened_at=case.opened_at,
        )


class CaseListed(CaseOut):
    """A case as the register lists it, with what a lawyer scans the list for."""

    next_court_date: datetime | None
    outstanding: Decimal
    """every award of the case still owed today, interest to today included (Ksh)"""
    served_on: date | None
    """the earliest service on the Attorney General of an award still owed"""
    days_since_service: int | None

    @classmethod
    def listed(cls, row: CaseRow, claimants: list[str]) -> "CaseListed":
        return cls(
            **structs.asdict(CaseOut.of(row.case, claimants)),
            next_court_date=row.next_court_date,
            outstanding=row.outstanding,
            served_on=row.served_on,
            days_since_service=row.days_since_service,
        )


class EventOut(Struct):
    id: int
    trigger: str
    from_stage: Stage | None
    to_stage: Stage
    occurred_on: date
    recorded_at: datetime
    note: str | None
    evidence_ref: str | None
    details: dict[str, Any]
    withheld: list[str]
    """free text on the record this account may not read (personal data), e.g. ["note"]"""

    @classmethod
    def of(cls, event: CaseEvent, free_text: bool = True) -> "EventOut":
        return cls(**event_fields(event, free_text))


def event_fields(event: CaseEvent | AwardEvent, free_text: bool) -> dict[str, Any]:
    """An event of either track as the API answers it, its personal free text withheld from
    an account that may not read it; the case's and the award's events differ only in stages."""
    assert event.id is not None  # flushed before it is answered
    return {
        "id": event.id,
        "trigger": event.trigger,
        "from_stage": event.from_stage,
        "to_stage": event.to_stage,
        "occurred_on": event.occurred_on,
        "recorded_at": event.recorded_at,
        "note": kept(event.note, free_text),
        "evidence_ref": kept(event.evidence_ref, free_text),
        "details": without_file(event.details, free_text),
        "withheld": withheld(
            free_text,
            note=event.note,
            evidence_ref=event.evidence_ref,
            file=event.details.get("file"),
        ),
    }


class StepOut(Struct):
    case_id: uuid.UUID
    stage: Stage
    version: int
    event: EventOut
    warnings: list[str]
    """what was recorded but is not as the rules would have it, in words (a notice of motion
    filed more than 21 days after leave: the court may have enlarged the time)"""

    @classmethod
    def of(cls, case: Case, event: CaseEvent) -> "StepOut":
        return cls(case.id, case.stage, case.version, EventOut.of(event), warnings_of(event))


def warnings_of(event: CaseEvent) -> list[str]:
    if not event.details.get("out_of_time"):
        return []
    leave_on = date.fromisoformat(event.details["leave_granted_on"])
    return [MotionTime(leave_on, event.occurred_on).warning]


class StepOption(Struct):
    trigger: str
    to: Stage
    requires: list[str]

    @classmethod
    def of(cls, route: Route) -> "StepOption":
        return cls(
            trigger=route.trigger,
            to=Stage(route.dest),
            requires=route.asks_for,
        )


class StepChance(Struct):
    """A step from the present stage: possible now, later (from a day, or once something is
    recorded), or not at all; with the reason in words when it is not possible now."""

    trigger: str
    to: str
    possible: Openness
    possible_from: date | None
    reason: str | None
    requires: list[str]

    @classmethod
    def of(cls, chance: Chance[Any, Any]) -> "StepChance":
        return cls(
            trigger=chance.route.trigger,
            to=str(chance.route.dest.value),
            possible=chance.openness,
            possible_from=chance.opens_on,
            reason="; ".join(map(str, chance.reasons)) or None,
            requires=[
                g.refusal for g in chance.route.guards if g not in chance.route.answered_by_records
            ],
        )


class StepOptions(Struct):
    stage: Stage
    version: int
    allowed: list[StepOption]
    steps: list[StepChance]
    """every step from the present stage, with whether it is possible now, from when, and why"""


class PartyOut(Struct):
    """A claimant with their name: personal data, only for administrators and the case's team."""

    code: str
    full_name: str
