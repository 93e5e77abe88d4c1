"""What a person gives to set, move, adjourn or vacate a court date, or to record that it sat.
One input each, that the API's JSON body and the case page's forms are both read into, so a field
is added in one place (service/hearings/controller.py takes them; service/web/case_page.py reads
forms into them).
"""

from datetime import datetime
from typing import Annotated

from msgspec import Meta, Struct

from domain.hearings import HearingPurpose
from service.text import NOT_BLANK_LINE, PARAGRAPH, Name, Station
from service.usecases.cases.steps_in import StepIn

Room = Annotated[str, Meta(min_length=1, max_length=60, pattern=NOT_BLANK_LINE)]
Reason = Annotated[str, Meta(min_length=1, max_length=4000, pattern=PARAGRAPH)]
Version = Annotated[int, Meta(ge=1)]
When = Annotated[
    datetime,
    Meta(
        description="ISO 8601; without an offset it is Nairobi time",
        examples=["2026-12-03T09:00:00+03:00"],
    ),
]


class HearingIn(Struct, forbid_unknown_fields=True):
    starts_at: When
    purpose: HearingPurpose
    ends_at: When | None = None
    station: Station | None = None
    """default: the case's station"""
    court_room: Room | None = None
    judicial_officer: Name | None = None
    recorded_after_the_fact: bool = False
    """required for a hearing that has already taken place"""


class RescheduleIn(Struct, forbid_unknown_fields=True):
    version: Version
    starts_at: When
    reason: Reason
    ends_at: When | None = None
    station: Station | None = None
    court_room: Room | None = None
    judicial_officer: Name | None = None


class AdjournIn(Struct, forbid_unknown_fields=True):
    version: Version
    reason: Reason
    next_starts_at: When
    next_ends_at: When | None = None
    next_purpose: HearingPurpose | None = None
    """default: the same purpose"""
    station: Station | None = None
    court_room: Room | None = None
    judicial_officer: Name | None = None
    recorded_after_the_fact: bool = False
    """for an adjournment entered late whose next date has passed too"""


class VacateIn(Struct, forbid_unknown_fields=True):
    version: Version
    reason: Reason


class HeldIn(Struct, forbid_unknown_fields=True):
    version: Version
    outcome: Reason
    case_step: StepIn | None = None
    """a court-track step taken at this hearing (e.g. deliver_judgment), with the case's
    version; dated the hearing's day unless occurred_on says otherwise"""
