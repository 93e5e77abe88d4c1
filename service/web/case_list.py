"""The cases list: the API's filters (stage, court, station, counsel, kind) and a search box."""

from enum import StrEnum
from typing import Annotated, TypeVar
from urllib.parse import urlencode

from litestar import Controller, Response, get
from litestar.exceptions import ValidationException
from litestar.params import QueryParameter

from domain.stages import CaseKind, CourtLevel, Stage
from service.auth.browser import PAGE
from service.auth.identity import SignedIn
from service.auth.policy import case_scope
from service.dependencies import Db
from service.text import LINE
from service.usecases import cases
from service.web.case_view import may
from service.web.forms import Refusal
from service.web.render import page

PAGE_SIZE = 25
Code = TypeVar("Code", bound=StrEnum)
Filter = Annotated[str, QueryParameter(max_length=120, pattern=LINE)]


def _chosen(kind: type[Code], value: str, name: str) -> Code | None:
    """A form sends an empty string for "any"; anything else must be one of the codes."""
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        raise ValidationException(f"{name} '{value}' is not one Haki knows") from None


class CaseList(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012

    @get("/cases")
    async def case_list(
        self,
        db: Db,
        request: SignedIn,
        q: Filter = "",
        stage: Filter = "",
        court_level: Filter = "",
        station: Filter = "",
        counsel: Filter = "",
        kind: Filter = "",
        page_number: Annotated[int, QueryParameter(name="page", ge=1, le=10_000)] = 1,
    ) -> Response[str]:
        where = cases.CaseFilter(
            stage=_chosen(Stage, stage, "stage"),
            court_level=_chosen(CourtLevel, court_level, "court_level"),
            court_station=station.strip() or None,
            lead_counsel=counsel.strip() or None,
            kind=_chosen(CaseKind, kind, "kind"),
            member=case_scope(request.user),
            search=q,
        )
        offset = (page_number - 1) * PAGE_SIZE
        found, total = await cases.list_cases(db, where, limit=PAGE_SIZE, offset=offset)
        codes = await cases.claimant_codes(db, [case.id for case in found])
        asked = {"q": q, "stage": stage, "court_level": court_level}
        asked |= {"station": station, "counsel": counsel, "kind": kind}
        return page(
            request,
            "cases.html",
            found=found,
            codes=codes,
            total=total,
            page_number=page_number,
            pages=max(1, -(-total // PAGE_SIZE)),
            form=Refusal(asked),
            query=urlencode({k: v for k, v in asked.items() if v}),
            stages=list(Stage),
            courts=list(CourtLevel),
            kinds=list(CaseKind),
            can_open=may(request.user, "CaseController.open_case"),
        )
