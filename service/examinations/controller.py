"""HTTP routes of medico-legal examinations: recorded on a case, read back (audited)."""

import uuid

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody

from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.examinations.schemas import ExaminationIn, ExaminationOut
from service.openapi import responses
from service.usecases.records import examinations


class CaseExaminationController(Controller):
    path = "/cases/{case_id:uuid}/examinations"
    tags = ("examinations",)

    @post(responses=responses(400, 401, 403, 404, 413, 422), summary="Record an examination")
    async def record(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID], data: JSONBody[ExaminationIn]
    ) -> ExaminationOut:
        examination = await examinations.record_examination(
            db, actor_of(request), case_id, data.examination()
        )
        return ExaminationOut.of(examination, data.survivor)

    @get(responses=responses(401, 403, 404), summary="The case's examinations (audited)")
    async def of_case(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> list[ExaminationOut]:
        found = await examinations.examinations_of_case(db, actor_of(request), case_id)
        return [ExaminationOut.of(examination, code) for examination, code in found]


@get(
    "/examinations/{examination_id:uuid}",
    responses=responses(401, 403, 404),
    summary="One examination (audited)",
    tags=["examinations"],
)
async def get_examination(
    db: Db, request: SignedIn, examination_id: FromPath[uuid.UUID]
) -> ExaminationOut:
    examination, code = await examinations.read_examination(db, actor_of(request), examination_id)
    return ExaminationOut.of(examination, code)
