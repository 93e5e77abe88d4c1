"""The case page's follow-up for the whole case: one letter, call or visit logged on each of the
case's awards served on the Attorney General, through POST /cases/{id}/follow-ups' use case."""

import uuid
from typing import Any

from litestar import Controller, Response, post
from litestar.params import FromPath

from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.usecases.awards.chase_case import CaseFollowUp, log_case_follow_up
from service.usecases.awards.entries import FollowUpIn
from service.web.case_page import submit
from service.web.forms import read


class CaseChaseForm(Controller):
    path = "/web/cases/{case_id:uuid}"
    opt = {PAGE: True}  # noqa: RUF012

    @post("/follow-ups")
    async def log_follow_up(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        async def chased(values: dict[str, str]) -> str:
            data = read(values, FollowUpIn)
            chase = CaseFollowUp(data.on, data.kind, data.reference, data.answered_on, data.answer)
            await log_case_follow_up(db, actor_of(request), case_id, chase)
            return "case_follow_up"

        return await submit(db, request, case_id, "chase-case", chased)
