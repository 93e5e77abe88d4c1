"""HTTP routes of violation records and their vocabulary: parse, call one use case, shape."""

import uuid

from litestar import Controller, delete, get, post, put
from litestar.params import FromPath, JSONBody

from service.auth.identity import SignedIn, actor_of
from service.auth.policy import case_scope, reads_free_text
from service.dependencies import Db
from service.openapi import responses
from service.records.schemas import ViolationOut, ViolationTypeIn, ViolationTypeOut
from service.survivors.controller import Code
from service.usecases.records import violation_changes, violations, vocabulary
from service.usecases.records.violation_changes import CaseLink, ViolationChange
from service.usecases.records.violations import Recorded, ViolationIn


def case_link(request: SignedIn, violation_id: uuid.UUID, case_id: uuid.UUID) -> CaseLink:
    """The link or unlink a person asks for, by the API's path or the record page's form: a
    lawyer's reaches only their team's cases."""
    return CaseLink(violation_id, case_id, case_scope(request.user))


def _out(found: Recorded, free_text: bool = True) -> list[ViolationOut]:
    return [ViolationOut.of(v, code, cases, free_text) for v, code, cases in found]


class ViolationController(Controller):
    path = "/"
    tags = ("violations",)

    @post(
        "/survivors/{code:str}/violations",
        responses=responses(400, 403, 404, 413, 422),
        summary="Record what was done to a survivor: when, where, what and by whom",
    )
    async def record(
        self, db: Db, request: SignedIn, code: Code, data: JSONBody[ViolationIn]
    ) -> ViolationOut:
        actor, scope = actor_of(request), case_scope(request.user)
        violation = await violations.record_violation(db, actor, code, data, scope)
        return ViolationOut.of(violation, code, list(dict.fromkeys(data.cases)))

    @get(
        "/survivors/{code:str}/violations",
        responses=responses(400, 403, 404),
        summary="A survivor's violation records (personal data; every read is audited)",
    )
    async def of_survivor(self, db: Db, request: SignedIn, code: Code) -> list[ViolationOut]:
        return _out(await violations.violations_of_survivor(db, actor_of(request), code))

    @get(
        "/violations/{violation_id:uuid}",
        responses=responses(403, 404),
        summary="One violation record (personal data; every read is audited)",
    )
    async def get_violation(
        self, db: Db, request: SignedIn, violation_id: FromPath[uuid.UUID]
    ) -> ViolationOut:
        return _out(await violations.read_violation(db, actor_of(request), violation_id))[0]

    @put(
        "/violations/{violation_id:uuid}",
        responses=responses(400, 403, 404, 409, 422),
        summary="Correct a violation record (send the version read; 409 if it changed since)",
    )
    async def change_violation(
        self,
        db: Db,
        request: SignedIn,
        violation_id: FromPath[uuid.UUID],
        data: JSONBody[ViolationChange],
    ) -> ViolationOut:
        actor = actor_of(request)
        await violation_changes.change_violation(db, actor, violation_id, data)
        return _out(await violations.read_violation(db, actor, violation_id))[0]

    @post(
        "/violations/{violation_id:uuid}/cases/{case_id:uuid}",
        status_code=204,
        responses=responses(400, 403, 404, 422),
        summary="Link the record to a case brought over it (a case of the survivor's)",
    )
    async def link_case(
        self,
        db: Db,
        request: SignedIn,
        violation_id: FromPath[uuid.UUID],
        case_id: FromPath[uuid.UUID],
    ) -> None:
        link = case_link(request, violation_id, case_id)
        await violation_changes.link_case(db, actor_of(request), link, linked=True)

    @delete(
        "/violations/{violation_id:uuid}/cases/{case_id:uuid}",
        responses=responses(400, 403, 404, 422),
        summary="Unlink the record from a case",
    )
    async def unlink_case(
        self,
        db: Db,
        request: SignedIn,
        violation_id: FromPath[uuid.UUID],
        case_id: FromPath[uuid.UUID],
    ) -> None:
        link = case_link(request, violation_id, case_id)
        await violation_changes.link_case(db, actor_of(request), link, linked=False)

    @get(
        "/cases/{case_id:uuid}/violations",
        responses=responses(404),
        summary="The violations a case was brought over; place and names only for staff",
    )
    async def of_case(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> list[ViolationOut]:
        free_text = reads_free_text(request.user)
        found = await violations.violations_of_case(db, actor_of(request), case_id, free_text)
        return _out(found, free_text)


class ViolationTypeController(Controller):
    path = "/violation-types"
    tags = ("violations",)

    @get(summary="The vocabulary of violations, in English and Kiswahili")
    async def list_types(self, db: Db) -> list[ViolationTypeOut]:
        async with db.begin():
            return [ViolationTypeOut.of(kind) for kind in await vocabulary.vocabulary(db)]

    @post(
        responses=responses(400, 403, 409, 422),
        summary="Add a violation to the vocabulary (administrators)",
    )
    async def add_type(
        self, db: Db, request: SignedIn, data: JSONBody[ViolationTypeIn]
    ) -> ViolationTypeOut:
        kind = await vocabulary.add_type(
            db, actor_of(request), data.code, data.name_en, data.name_sw
        )
        return ViolationTypeOut.of(kind)
