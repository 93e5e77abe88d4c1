"""What the award API accepts and answers for the award's track: a step recorded, its event,
and the steps open from the present stage. Apart from the award as ordered
(service/awards/schemas.py) because the track's shapes follow the state machine, not the decree.
"""

import uuid
from datetime import date, datetime
from typing import Any

from msgspec import Struct

from domain.awards import Award, AwardEvent, AwardStage
from service.cases.schemas import StepChance, event_fields
from service.usecases.awards.compensation import AwardStep
from service.usecases.cases.steps_in import TrackStepIn
from statemachines.award_track import Route as AwardRoute
from statemachines.routes import Chance


class AwardStepIn(TrackStepIn, forbid_unknown_fields=True):
    """The fields every step has (service/usecases/cases/steps_in.py); `version` is the award's."""

    def step(self) -> AwardStep:
        """The use case's input, for the API's body and the case page's form alike."""
        return AwardStep(self.trigger, self.version, self.occurred_on, self.note, self.evidence_ref)


class AwardEventOut(Struct):
    id: int
    trigger: str
    from_stage: AwardStage | None
    to_stage: AwardStage
    occurred_on: date
    recorded_at: datetime
    note: str | None
    evidence_ref: str | None
    details: dict[str, Any]
    withheld: list[str]
    """free text on the record this account may not read (personal data), e.g. ["note"]"""

    @classmethod
    def of(cls, event: AwardEvent, free_text: bool = True) -> "AwardEventOut":
        return cls(**event_fields(event, free_text))


class AwardStepOut(Struct):
    award_id: uuid.UUID
    stage: AwardStage
    version: int
    event: AwardEventOut


class AwardStepOption(Struct):
    trigger: str
    to: AwardStage
    requires: list[str]


class AwardStepOptions(Struct):
    stage: AwardStage
    version: int
    allowed: list[AwardStepOption]
    steps: list[StepChance]
    """every step from the present stage, with whether it is possible now, from when, and why"""

    @classmethod
    def of(
        cls, award: Award, routes: list[AwardRoute], chances: list[Chance[Any, Any]]
    ) -> "AwardStepOptions":
        return cls(
            award.stage,
            award.version,
            [AwardStepOption(r.trigger, AwardStage(r.dest), r.asks_for) for r in routes],
            [StepChance.of(chance) for chance in chances],
        )
