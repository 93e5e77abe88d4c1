"""The cases list: the filter GET /cases reads (service/cases/finding.py), a sort, the next court
date and the money owed on each row, the claimants' names for the roles that read them, and a
CSV of every case found."""

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from litestar import Controller, Response, get
from litestar.params import QueryParameter

from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.stages import CaseKind, CourtLevel, Stage
from domain.stations import STATIONS
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.cases.finding import FILTER, Where, asked
from service.dependencies import Db
from service.usecases.cases import finding, register
from service.usecases.cases.finding import CaseSort
from service.web.case_csv import case_csv
from service.web.case_view import may
from service.web.forms import Refusal
from service.web.render import language_of, page

PAGE_SIZE = 25
SORTS = {
    CaseSort.NEWEST: N_("Newest first"),
    CaseSort.NEXT_DATE: N_("Next court date, soonest first"),
    CaseSort.STAGE: N_("Stage, earliest first"),
    CaseSort.OUTSTANDING: N_("Most outstanding first"),
    CaseSort.SERVED: N_("Longest since service first"),
}


class CaseList(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012
    dependencies = FILTER

    @get("/cases")
    async def case_list(
        self,
        db: Db,
        request: SignedIn,
        where: Where,
        page_number: Annotated[int, QueryParameter(name="page", ge=1, le=10_000)] = 1,
    ) -> Response[str]:
        offset = (page_number - 1) * PAGE_SIZE
        found, total = await finding.list_cases(db, where, limit=PAGE_SIZE, offset=offset)
        ids = [row.case.id for row in found]
        codes = await register.claimant_codes(db, ids)
        names = await finding.claimants_named(db, actor_of(request), ids) if where.names else {}
        values = asked(where)
        query = urlencode(values)
        unsorted = urlencode({k: v for k, v in values.items() if k != "sort"})
        return page(
            request,
            "cases.html",
            found=found,
            codes=codes,
            names=names,
            total=total,
            page_number=page_number,
            pages=max(1, -(-total // PAGE_SIZE)),
            form=Refusal(values),
            query=query,
            unsorted=unsorted,
            sorts=SORTS,
            sort=where.sort,
            stages=list(Stage),
            courts=list(CourtLevel),
            kinds=list(CaseKind),
            stations=[*STATIONS, *await finding.stored_stations(db)],
            can_open=may(request.user, "CaseController.open_case"),
        )

    @get("/cases.csv")
    async def case_list_csv(self, db: Db, request: SignedIn, where: Where) -> Response[str]:
        """Every case the filter finds, not one page: what a lawyer takes to a meeting."""
        now = utcnow()
        found, _ = await finding.list_cases(db, where, limit=None, now=now)
        ids = [row.case.id for row in found]
        codes = await register.claimant_codes(db, ids)
        names = await finding.claimants_named(db, actor_of(request), ids) if where.names else None
        return case_csv(language_of(request), found, codes, names, _filename(nairobi_today(now)))


def _filename(today: date) -> str:
    return f"haki-cases-{today.isoformat()}.csv"
