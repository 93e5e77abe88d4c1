"""Advocacy's working list as a page: unpaid awards one by one, sortable, with its CSV.

Pseudonymous as the report (survivor codes, never names), so every role may read it; the rows
and their order are those of GET /reports/unpaid/awards, whose CSV the page links to.
"""

from typing import Annotated
from urllib.parse import urlencode

from litestar import Controller, Response, get
from litestar.params import QueryParameter

from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn
from service.dependencies import Db
from service.reports.unpaid_list import list_csv_name, list_order
from service.usecases.reports.unpaid_list import LARGEST_FIRST, ListOrder, unpaid_list
from service.web.advocacy import AsOf, day_asked
from service.web.render import page

SHOWN = 200
"""rows drawn on the page; the CSV holds every one"""
COLUMNS = {
    ListOrder.SINCE_JUDGMENT: N_("Days since judgment"),
    ListOrder.SINCE_SERVICE: N_("Days since service on the Attorney General"),
    ListOrder.RESPONDENT: N_("Respondent"),
    ListOrder.STATION: N_("Court station"),
    ListOrder.OUTSTANDING: N_("Outstanding"),
    ListOrder.LAST_FOLLOW_UP: N_("Last follow-up"),
}
Sort = Annotated[str | None, QueryParameter(max_length=40)]
Reverse = Annotated[bool, QueryParameter(description="the other way round")]


class UnpaidListPage(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012

    @get("/unpaid/awards")
    async def unpaid_list(
        self,
        db: Db,
        request: SignedIn,
        sort: Sort = None,
        reverse: Reverse = False,
        as_of: AsOf = "",
    ) -> Response[str]:
        order = list_order(sort or None)
        day, asked, refusal = day_asked(as_of)
        rows = await unpaid_list(db, day, order, reverse)
        kept = {"as_of": asked.isoformat()} if asked else {}

        def link(column: ListOrder) -> str:
            turn = column is order and not reverse
            return "?" + urlencode(
                kept | {"sort": column.value} | ({"reverse": "1"} if turn else {})
            )

        return page(
            request,
            "unpaid_awards.html",
            422 if refusal else 200,
            rows=rows[:SHOWN],
            total=len(rows),
            as_of=kept.get("as_of", ""),
            typed=as_of,
            report_day=day,
            refusal=refusal,
            order=order,
            reverse=reverse,
            columns=COLUMNS,
            largest_first=(order in LARGEST_FIRST) != reverse,
            link=link,
            csv_href="/web/reports/unpaid/awards?"
            + urlencode(
                kept
                | {"sort": order.value, "format": "csv"}
                | ({"reverse": "true"} if reverse else {})
            ),
            csv_name=list_csv_name(day),
        )
