"""HTTP routes for notices of intention to sue the Government (GPA s.13A) served in a case."""

import uuid
from datetime import date

from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody
from msgspec import Struct

from domain.notices import NoticeToSue, suit_from
from service.auth.identity import SignedIn, actor_of
from service.dependencies import Db
from service.openapi import responses
from service.text import FullName
from service.usecases.cases import notices_to_sue
from service.usecases.cases.notices_to_sue import NoticeGiven


class NoticeIn(Struct, forbid_unknown_fields=True):
    """The case page's notice form is read into this class too (service/web/case_page.py)."""

    served_on: date
    served_on_whom: FullName
    """the offices served: "the Attorney General and the Inspector General" """

    def notice(self) -> NoticeGiven:
        return NoticeGiven(self.served_on, self.served_on_whom)


class NoticeOut(Struct):
    id: int
    served_on: date
    served_on_whom: str
    suit_from: date
    """the first day after the 30 days, when lead counsel are reminded"""

    @classmethod
    def of(cls, notice: NoticeToSue) -> "NoticeOut":
        assert notice.id is not None
        return cls(notice.id, notice.served_on, notice.served_on_whom, suit_from(notice.served_on))


class NoticeController(Controller):
    path = "/cases/{case_id:uuid}/notices-to-sue"
    tags = ("cases",)

    @post(
        responses=responses(400, 401, 403, 404, 422),
        summary="Record a notice of intention to sue the Government (reminded after 30 days)",
    )
    async def give(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID], data: JSONBody[NoticeIn]
    ) -> NoticeOut:
        notice = await notices_to_sue.record_notice(db, actor_of(request), case_id, data.notice())
        return NoticeOut.of(notice)

    @get(responses=responses(401, 404), summary="Notices of intention to sue served in the case")
    async def of_case(self, db: Db, case_id: FromPath[uuid.UUID]) -> list[NoticeOut]:
        return [NoticeOut.of(n) for n in await notices_to_sue.notices_of(db, case_id)]
