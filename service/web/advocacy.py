"""Unpaid awards for advocacy officers: the report's figures, its charts and its CSV files.

The figures come from the same use case as GET /reports/unpaid, with small cells merged as in
the chart and the CSV; the charts and the CSV files are the report routes themselves, which a
signed-in browser may read with its session cookie.
"""

from datetime import date
from typing import Annotated, Any

from litestar import Controller, Response, get
from litestar.params import QueryParameter

from domain.base import utcnow
from domain.calendar import nairobi_today
from domain.errors import InvalidInput
from notifications.i18n import N_
from service.auth.browser import PAGE
from service.auth.identity import SignedIn
from service.dependencies import Db
from service.reports.formats import OTHER
from service.reports.unpaid import breakdown_csv_name, merged_cells, totals_csv_name
from service.usecases.reports.unpaid import Breakdown, UnpaidReport, report_day, unpaid_awards
from service.usecases.reports.unpaid_sql import AGES, NOT_SERVED
from service.web.render import page

AsOf = Annotated[str, QueryParameter(max_length=40, description="default (or empty): today")]
"""as a form sends it: an empty field means today, text that is no date is refused in words"""
BREAKDOWNS = {
    Breakdown.RESPONDENT: N_("By respondent"),
    Breakdown.AGEING_SINCE_SERVICE: N_("By time since service on the Attorney General"),
    Breakdown.AGEING_SINCE_JUDGMENT: N_("By time since judgment"),
    Breakdown.JUDGMENT_YEAR: N_("By year of judgment"),
    Breakdown.COURT_STATION: N_("By court station"),
}
AGE_WORDS = dict(
    zip(
        (*AGES, NOT_SERVED, OTHER),
        (
            N_("0-90 days"),
            N_("91-365 days"),
            N_("1-3 years"),
            N_("over 3 years"),
            N_("not served"),
            N_("other (fewer than 3 survivors)"),
        ),
        strict=True,
    )
)
IN_THE_FUTURE = N_(
    "The “As of” date, %(asked)s, is after today (%(today)s): the figures are known only up "
    "to today. Here they are as of today."
)
NOT_A_DATE = N_(
    "The “As of” date, %(asked)s, is not a date: choose a day on the calendar. Here are the "
    "figures as of today."
)
BEFORE_ANY_JUDGMENT = N_(
    "No award had been judged by the “As of” date, %(asked)s. Here are the figures as of today."
)


def day_asked(typed: str) -> tuple[date, date | None, dict[str, Any] | None]:
    """The day the figures are for, the day asked (None: today), and a refusal to show in
    words when the day asked is no date or after today: today instead, so the page answers."""
    today = nairobi_today(utcnow())
    if not typed.strip():
        return today, None, None
    try:
        as_of = date.fromisoformat(typed.strip())
    except ValueError:
        return today, None, {"words": NOT_A_DATE, "asked": typed, "today": today}
    if as_of > today:
        return today, None, {"words": IN_THE_FUTURE, "asked": as_of, "today": today}
    return report_day(as_of, utcnow()), as_of, None


class UnpaidPage(Controller):
    path = "/web"
    opt = {PAGE: True}  # noqa: RUF012

    @get("/unpaid")
    async def unpaid(self, db: Db, request: SignedIn, as_of: AsOf = "") -> Response[str]:
        day, asked, refusal = day_asked(as_of)
        try:
            report = await unpaid_awards(db, day, list(BREAKDOWNS), survivor_ids=True)
        except InvalidInput:  # before the first judgment on record
            refusal = {"words": BEFORE_ANY_JUDGMENT, "asked": day, "today": None}
            day, asked = nairobi_today(utcnow()), None
            report = await unpaid_awards(db, day, list(BREAKDOWNS), survivor_ids=True)
        return page(
            request,
            "unpaid.html",
            422 if refusal else 200,
            report=report,
            tables=_tables(report),
            as_of=asked.isoformat() if asked else "",
            typed=as_of,
            refusal=refusal,
            breakdowns=BREAKDOWNS,
            ages=AGE_WORDS,
            totals_csv=totals_csv_name(day),
            csv_names={b: breakdown_csv_name(b, day) for b in BREAKDOWNS},
        )


def _tables(report: UnpaidReport) -> dict[Breakdown, list[dict[str, Any]]]:
    """Each breakdown with rows of fewer than 3 survivors merged, as the chart and the CSV."""
    return {b: merged_cells(rows, merge=True) for b, rows in report.breakdowns.items()}
