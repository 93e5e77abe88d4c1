"""What the hearing API accepts and answers; every instant leaves in Nairobi time."""

import uuid
from datetime import datetime, time
from typing import Annotated

from msgspec import Meta, Struct

from domain.calendar import NAIROBI
from domain.hearings import HearingPurpose, HearingStatus
from domain.reminders import Audience, Reminder, ReminderStatus, Rule
from domain.stages import Stage
from service.cases.schemas import EventOut
from service.free_text import kept, withheld
from service.text import ClockTime
from service.usecases.hearings.cause_list import Listed


def nairobi(moment: datetime | None) -> datetime | None:
    return moment and moment.astimezone(NAIROBI)


class HearingOut(Struct):
    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    court_number: str | None
    lead_counsel: str
    starts_at: datetime
    ends_at: datetime | None
    station: str
    court_room: str | None
    judicial_officer: str | None
    purpose: HearingPurpose
    status: HearingStatus
    outcome: str | None
    adjourned_from: uuid.UUID | None
    adjourned_to: uuid.UUID | None
    adjournments_before: int
    recorded_after_the_fact: bool
    sequence: int
    version: int
    withheld: list[str]
    """free text on the record this account may not read (personal data): ["outcome"]"""

    @classmethod
    def of(cls, listed: Listed, free_text: bool = True) -> "HearingOut":
        h = listed.hearing
        return cls(
            id=h.id,
            case_id=h.case_id,
            case_reference=listed.case_reference,
            court_number=listed.court_number,
            lead_counsel=listed.lead_counsel,
            starts_at=h.starts_at.astimezone(NAIROBI),
            ends_at=nairobi(h.ends_at),
            station=h.station,
            court_room=h.court_room,
            judicial_officer=h.judicial_officer,
            purpose=h.purpose,
            status=h.status,
            outcome=kept(h.outcome, free_text),
            adjourned_from=h.adjourned_from_id,
            adjourned_to=listed.adjourned_to,
            adjournments_before=listed.adjournments_before,
            recorded_after_the_fact=h.recorded_after_the_fact,
            sequence=h.sequence,
            version=h.version,
            withheld=withheld(free_text, outcome=h.outcome),
        )


class ReminderOut(Struct):
    audience: Audience
    rule: str
    due_at: datetime
    status: ReminderStatus
    late: bool
    handed_over_at: datetime | None

    @classmethod
    def of(cls, reminder: Reminder) -> "ReminderOut":
        return cls(
            audience=reminder.audience,
            rule=reminder.rule,
            due_at=reminder.due_at.astimezone(NAIROBI),
            status=reminder.status,
            late=reminder.late,
            handed_over_at=nairobi(reminder.handed_over_at),
        )


class HearingDetail(Struct):
    hearing: HearingOut
    reminders: list[ReminderOut]


class HeldOut(Struct):
    hearing: HearingOut
    case_stage: Stage
    case_version: int
    case_event: EventOut | None


class AdjournedOut(Struct):
    adjourned: HearingOut
    next: HearingOut


class RuleIO(Struct, forbid_unknown_fields=True):
    audience: Audience
    days_before: Annotated[int, Meta(ge=0, le=60)]
    at: ClockTime | None = None
    """Nairobi clock time; empty: the hearing's own time of day"""
    purpose: HearingPurpose | None = None
    """empty: every purpose"""

    def rule(self) -> Rule:
        at = time.fromisoformat(self.at) if self.at else None
        return Rule(self.audience, self.days_before, at, self.purpose)

    @classmethod
    def of(cls, rule: Rule) -> "RuleIO":
        at = f"{rule.at:%H:%M}" if rule.at else None
        return cls(rule.audience, rule.days_before, at, rule.purpose)
