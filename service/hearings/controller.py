"""HTTP routes of the court calendar: parse, call one use case, shape the answer."""

import uuid
from datetime import date
from typing import Annotated

from litestar import Controller, get, post, put
from litestar.params import FromPath, JSONBody, QueryParameter

from domain.base import utcnow
from domain.calendar import nairobi_today
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import case_scope, reads_free_text
from service.cases.schemas import EventOut
from service.dependencies import Db
from service.hearings.schemas import (
    AdjournedOut,
    HearingDetail,
    HearingOut,
    HeldOut,
    ReminderOut,
    RuleIO,
)
from service.openapi import responses
from service.text import LINE
from service.usecases.hearings import cause_list, court_dates, reminders
from service.usecases.hearings.dates_in import (
    AdjournIn,
    HearingIn,
    HeldIn,
    RescheduleIn,
    VacateIn,
)


class CaseHearingController(Controller):
    path = "/cases/{case_id:uuid}/hearings"
    tags = ("calendar",)

    @post(responses=responses(400, 404, 409, 413, 422), summary="Set a hearing date")
    async def schedule(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID], data: JSONBody[HearingIn]
    ) -> HearingOut:
        hearing = await court_dates.schedule(db, actor_of(request), case_id, data)
        return HearingOut.of(await cause_list.listed(db, hearing.id))

    @get(responses=responses(404), summary="The case's dates in order, adjournments linked")
    async def of_case(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> list[HearingOut]:
        free_text = reads_free_text(request.user)
        return [HearingOut.of(h, free_text) for h in await cause_list.case_hearings(db, case_id)]


class HearingController(Controller):
    path = "/hearings"
    tags = ("calendar",)

    @get(responses=responses(400, 422), summary="The cause list: hearings between two days")
    async def cause_list(
        self,
        db: Db,
        request: SignedIn,
        from_: Annotated[
            date | None, QueryParameter(name="from", description="default: today")
        ] = None,
        to: Annotated[
            date | None, QueryParameter(description="default: six days after from")
        ] = None,
        counsel: Annotated[str | None, QueryParameter(max_length=120, pattern=LINE)] = None,
        station: Annotated[str | None, QueryParameter(max_length=80, pattern=LINE)] = None,
    ) -> list[HearingOut]:
        first = from_ or nairobi_today(utcnow())
        where = cause_list.CauseListFilter(
            first_day=first,
            last_day=to,
            counsel=counsel,
            station=station,
            member=case_scope(request.user),
        )
        free_text = reads_free_text(request.user)
        return [HearingOut.of(h, free_text) for h in await cause_list.cause_list(db, where)]

    @get("/{hearing_id:uuid}", responses=responses(404), summary="A hearing and its reminders")
    async def get_hearing(
        self, db: Db, request: SignedIn, hearing_id: FromPath[uuid.UUID]
    ) -> HearingDetail:
        listed = await cause_list.listed(db, hearing_id)
        due = await reminders.reminders_of(db, hearing_id)
        hearing = HearingOut.of(listed, reads_free_text(request.user))
        return HearingDetail(hearing, [ReminderOut.of(r) for r in due])

    @post(
        "/{hearing_id:uuid}/reschedule",
        responses=responses(400, 404, 409, 413, 422),
        summary="Move a hearing that has not sat to a new time; its reminders move with it",
    )
    async def reschedule(
        self,
        db: Db,
        request: SignedIn,
        hearing_id: FromPath[uuid.UUID],
        data: JSONBody[RescheduleIn],
    ) -> HearingOut:
        await court_dates.reschedule(db, actor_of(request), hearing_id, data)
        return HearingOut.of(await cause_list.listed(db, hearing_id))

    @post(
        "/{hearing_id:uuid}/held",
        responses=responses(400, 404, 409, 413, 422),
        summary="Record that the hearing sat, and any court-track step taken at it",
    )
    async def held(
        self, db: Db, request: SignedIn, hearing_id: FromPath[uuid.UUID], data: JSONBody[HeldIn]
    ) -> HeldOut:
        _, case, event = await court_dates.record_held(db, actor_of(request), hearing_id, data)
        return HeldOut(
            hearing=HearingOut.of(await cause_list.listed(db, hearing_id)),
            case_stage=case.stage,
            case_version=case.version,
            case_event=EventOut.of(event) if event else None,
        )

    @post(
        "/{hearing_id:uuid}/adjourn",
        responses=responses(400, 404, 409, 413, 422),
        summary="Record an adjournment and the date the matter was put off to",
    )
    async def adjourn(
        self, db: Db, request: SignedIn, hearing_id: FromPath[uuid.UUID], data: JSONBody[AdjournIn]
    ) -> AdjournedOut:
        _, following = await court_dates.adjourn(db, actor_of(request), hearing_id, data)
        return AdjournedOut(
            adjourned=HearingOut.of(await cause_list.listed(db, hearing_id)),
            next=HearingOut.of(await cause_list.listed(db, following.id)),
        )

    @post(
        "/{hearing_id:uuid}/vacate",
        responses=responses(400, 404, 409, 413, 422),
        summary="Take a hearing off the cause list; its reminders are cancelled",
    )
    async def vacate(
        self, db: Db, request: SignedIn, hearing_id: FromPath[uuid.UUID], data: JSONBody[VacateIn]
    ) -> HearingOut:
        await court_dates.vacate(db, actor_of(request), hearing_id, data)
        return HearingOut.of(await cause_list.listed(db, hearing_id))


class ReminderRuleController(Controller):
    path = "/reminder-rules"
    tags = ("calendar",)

    @get(summary="When reminders of hearings are sent, and to whom")
    async def list_rules(self, db: Db) -> list[RuleIO]:
        return [RuleIO.of(r) for r in await reminders.current_rules(db)]

    @put(
        responses=responses(400, 403, 413),
        summary="Replace the reminder rules (for hearings set or moved from now on)",
    )
    async def replace_rules(
        self, db: Db, request: SignedIn, data: JSONBody[list[RuleIO]]
    ) -> list[RuleIO]:
        rules = [r.rule() for r in data]
        await reminders.replace_rules(db, actor_of(request), rules)
        return [RuleIO.of(r) for r in await reminders.current_rules(db)]
