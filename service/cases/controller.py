"""HTTP routes of the case register and the court track: parse, call one use case, shape."""

import uuid

from litestar import Controller, get, patch, post
from litestar.pagination import OffsetPagination
from litestar.params import FromPath, JSONBody

from domain.base import utcnow
from domain.calendar import nairobi_today
from service.auth.identity import SignedIn, actor_of
from service.auth.policy import case_scope, opening_lead, reads_free_text
from service.cases.finding import FILTER, Where
from service.cases.schemas import (
    CaseDetailsIn,
    CaseListed,
    CaseOut,
    EventOut,
    PartyOut,
    StepChance,
    StepOption,
    StepOptions,
    StepOut,
)
from service.dependencies import Db, Limit, Offset
from service.openapi import responses
from service.usecases.cases import case_details, court_track, finding, possible_steps, register
from service.usecases.cases.cases_in import CaseIn
from service.usecases.cases.steps_in import StepIn
from service.usecases.families import survivors


class CaseController(Controller):
    path = "/cases"
    tags = ("cases",)

    @post(responses=responses(400, 409, 413, 422), summary="Open a case at intake")
    async def open_case(self, db: Db, request: SignedIn, data: JSONBody[CaseIn]) -> CaseOut:
        lead, named_by = opening_lead(request.user), case_scope(request.user)
        case = await register.open_at_intake(
            db, actor_of(request), data, lead=lead, named_by=named_by
        )
        return CaseOut.of(case, sorted(set(data.claimants)))

    @get(
        responses=responses(400, 422),
        summary="Find cases: filters, a search, a sort; each with its next date and money owed",
        dependencies=FILTER,
    )
    async def list_cases(
        self, db: Db, where: Where, limit: Limit = 20, offset: Offset = 0
    ) -> OffsetPagination[CaseListed]:
        rows, total = await finding.list_cases(db, where, limit=limit, offset=offset)
        codes = await register.claimant_codes(db, [row.case.id for row in rows])
        return OffsetPagination(
            items=[CaseListed.listed(row, codes[row.case.id]) for row in rows],
            limit=limit,
            offset=offset,
            total=total,
        )

    @get("/{case_id:uuid}", responses=responses(404), summary="One case")
    async def get_case(self, db: Db, case_id: FromPath[uuid.UUID]) -> CaseOut:
        case = await register.get_case(db, case_id)
        codes = await register.claimant_codes(db, [case.id])
        return CaseOut.of(case, codes[case.id])

    @patch(
        "/{case_id:uuid}",
        responses=responses(400, 404, 409, 413, 422),
        summary="Change the title, station, respondents or lead counsel (send the version read)",
    )
    async def change_details(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID], data: JSONBody[CaseDetailsIn]
    ) -> CaseOut:
        case = await case_details.change_details(db, actor_of(request), case_id, data.details())
        codes = await register.claimant_codes(db, [case.id])
        return CaseOut.of(case, codes[case.id])

    @get(
        "/{case_id:uuid}/transitions",
        responses=responses(404),
        summary="The steps allowed from the case's present stage",
    )
    async def allowed_steps(self, db: Db, case_id: FromPath[uuid.UUID]) -> StepOptions:
        case, routes = await court_track.allowed_steps(db, case_id)
        _, chances = await possible_steps.case_chances(db, case_id, nairobi_today(utcnow()))
        return StepOptions(
            stage=case.stage,
            version=case.version,
            allowed=[StepOption.of(r) for r in routes],
            steps=[StepChance.of(chance) for chance in chances],
        )

    @post(
        "/{case_id:uuid}/transitions",
        responses=responses(400, 404, 409, 413, 422),
        summary="Record a step: fires one trigger of the court track",
    )
    async def record_step(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID], data: JSONBody[StepIn]
    ) -> StepOut:
        case, event = await court_track.record_step(
            db,
            actor_of(request),
            case_id,
            data.step(),
        )
        return StepOut.of(case, event)

    @get("/{case_id:uuid}/events", responses=responses(400, 404), summary="The case's history")
    async def history(
        self,
        db: Db,
        request: SignedIn,
        case_id: FromPath[uuid.UUID],
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> OffsetPagination[EventOut]:
        """Notes, evidence and file names only to the roles that read the parties' names;
        others are told in `withheld` that there is text they may not read."""
        events, total = await court_track.history(db, case_id, limit=limit, offset=offset)
        free_text = reads_free_text(request.user)
        return OffsetPagination(
            items=[EventOut.of(event, free_text) for event in events],
            limit=limit,
            offset=offset,
            total=total,
        )

    @get(
        "/{case_id:uuid}/parties",
        responses=responses(403, 404),
        summary="The claimants with their names (personal data; every read is audited)",
    )
    async def parties(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> list[PartyOut]:
        claimants = await survivors.read_parties(db, actor_of(request), case_id)
        return [PartyOut(code=s.code, full_name=s.full_name) for s in claimants]
