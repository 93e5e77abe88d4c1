"""HTTP routes for chasing the Attorney General: the follow-up log and what is due."""

import uuid
from datetime import date, timedelta
from typing import Annotated

from litestar import get, post
from litestar.params import FromPath, JSONBody, QueryParameter
from msgspec import Meta, Struct

from domain.awards import AwardStage, FollowUp, FollowUpKind
from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.chase import ChaseRules
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import case_scope, reads_free_text
from service.dependencies import Db
from service.free_text import kept, withheld
from service.openapi import responses
from service.usecases.awards import chase
from service.usecases.awards.chase_case import CaseFollowUp, log_case_follow_up
from service.usecases.awards.entries import FollowUpIn


class CaseFollowUpIn(FollowUpIn, forbid_unknown_fields=True):
    award_ids: Annotated[list[uuid.UUID], Meta(min_length=1, max_length=100)] | None = None
    """some of the case's awards only (default: every award served and still unpaid)"""

    def chase(self) -> CaseFollowUp:
        return CaseFollowUp(
            self.on, self.kind, self.reference, self.answered_on, self.answer, self.award_ids
        )


class CaseFollowUpOut(Struct):
    award_id: uuid.UUID
    follow_up: "FollowUpOut"


class FollowUpOut(Struct):
    id: int
    on: date
    kind: FollowUpKind
    reference: str
    answered_on: date | None
    answer: str | None
    withheld: list[str]
    """free text on the record this account may not read (personal data): ["answer"]"""

    @classmethod
    def of(cls, row: FollowUp, free_text: bool = True) -> "FollowUpOut":
        assert row.id is not None  # read back from the table
        return cls(
            row.id,
            row.on,
            row.kind,
            row.reference,
            row.answered_on,
            kept(row.answer, free_text),
            withheld(free_text, answer=row.answer),
        )


class DueOut(Struct):
    award_id: uuid.UUID
    case_reference: str
    claimant: str
    respondent: str
    stage: AwardStage
    served_on: date
    last_follow_up: date | None
    next_due: date
    silent_days: int
    escalate: bool
    """silent past the escalation setting: flag for enforcement (mandamus)"""


def chase_rules(request: SignedIn) -> ChaseRules:
    settings = request.app.state.settings
    return ChaseRules(settings.follow_up_days, settings.escalate_after_days)


@post(
    "/awards/{award_id:uuid}/follow-ups",
    tags=["awards"],
    responses=responses(400, 401, 403, 404, 413, 422),
    summary="Log a follow-up with the Attorney General (and the answer, if any)",
)
async def log_follow_up(
    db: Db, request: SignedIn, award_id: FromPath[uuid.UUID], data: JSONBody[FollowUpIn]
) -> FollowUpOut:
    row = await chase.log_follow_up(db, actor_of(request), award_id, data)
    return FollowUpOut.of(row)


@post(
    "/cases/{case_id:uuid}/follow-ups",
    tags=["awards"],
    responses=responses(400, 401, 403, 404, 413, 422),
    summary="Log one follow-up with the Attorney General on every served award of a case",
    description=(
        "One letter, call or visit for the whole case, logged on each of its awards served on "
        "the Attorney General and still unpaid (or those of `award_ids`, each of this case), "
        "all in one transaction."
    ),
)
async def log_case_follow_up_route(
    db: Db, request: SignedIn, case_id: FromPath[uuid.UUID], data: JSONBody[CaseFollowUpIn]
) -> list[CaseFollowUpOut]:
    rows = await log_case_follow_up(db, actor_of(request), case_id, data.chase())
    return [CaseFollowUpOut(row.award_id, FollowUpOut.of(row)) for row in rows]


@get(
    "/awards/{award_id:uuid}/follow-ups",
    tags=["awards"],
    responses=responses(401, 404),
    summary="The award's follow-ups",
)
async def award_follow_ups(
    db: Db, request: SignedIn, award_id: FromPath[uuid.UUID]
) -> list[FollowUpOut]:
    free_text = reads_free_text(request.user)
    return [FollowUpOut.of(row, free_text) for row in await chase.follow_ups_of(db, award_id)]


@get(
    "/follow-ups/due",
    tags=["awards"],
    responses=responses(400, 401),
    summary="Awards whose next follow-up with the Attorney General is due, soonest first",
)
async def follow_ups_due(
    db: Db,
    request: SignedIn,
    within: Annotated[int, QueryParameter(ge=0, le=366, description="days from today")] = 7,
) -> list[DueOut]:
    today = nairobi_today(utcnow())
    due = await chase.due_by(
        db,
        today + timedelta(days=within),
        today,
        chase_rules(request),
        member=case_scope(request.user),
    )
    return [
        DueOut(
            award_id=d.award.id,
            case_reference=d.case_reference,
            claimant=d.claimant,
            respondent=d.award.respondent,
            stage=d.award.stage,
            served_on=d.award.served_on or today,
            last_follow_up=d.last_follow_up,
            next_due=d.state.next_due,
            silent_days=d.state.silent_days,
            escalate=d.state.escalate,
        )
        for d in due
    ]
