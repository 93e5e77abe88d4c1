"""Unpaid awards for advocacy officers: the report's figures, its charts and its CSV files.

The figures come from the same use case as GET /reports/unpaid; the charts and the CSV files
are the report routes themselves, which a signed-in browser may read with its session cookie.
"""

from datetime import date
from typing import Annotated

from litestar import Controller, Response, get
from litestar.params import QueryParameter

from domain.base import utcnow
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn
from service.dependencies import Db
from service.usecases.unpaid import Breakdown, report_day, unpaid_awards
from service.usecases.unpaid_sql import AGES, NOT_SERVED
from service.web.render import page

BREAKDOWNS = {
    Breakdown.RESPONDENT: N_("By respondent"),
    Breakdown.AGEING_SINCE_SERVICE: N_("By time since service on the Attorney General"),
    Breakdown.AGEING_SINCE_JUDGMENT: N_("By time since judgment"),
    Breakdown.JUDGMENT_YEAR: N_("By year of judgment"),
    Breakdown.COURT_STATION: N_("By court station"),
}
AGE_WORDS = dict(
    zip(
        (*AGES, NOT_SERVED),
        (
            N_("0-90 days"),
            N_("91-365 days"),
            N_("1-3 years"),
            N_("over 3 years"),
            N_("not served"),
        ),
        strict=True,
    )
)


class UnpaidPage(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012

    @get("/unpaid")
    async def unpaid(
        self,
        db: Db,
        request: SignedIn,
        as_of: Annotated[date | None, QueryParameter(description="default: today")] = None,
    ) -> Response[str]:
        day = report_day(as_of, utcnow())
        report = await unpaid_awards(db, day, list(BREAKDOWNS))
        return page(
            request,
            "unpaid.html",
            report=report,
            as_of=as_of.isoformat() if as_of else "",
            breakdowns=BREAKDOWNS,
            ages=AGE_WORDS,
        )
