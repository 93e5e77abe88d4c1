"""Research figures for advocacy officers: the violation records counted by year, county,
agency and type, survivors by sex and age band, and the time to court, with the charts and
CSV files of GET /reports/violations. Counts only, small cells merged: no name, no place.
"""

from typing import Annotated, Any

from litestar import Controller, Response, get
from litestar.params import QueryParameter

from domain.base import utcnow
from domain.calendar import nairobi_today
from notifications.i18n import N_, Language
from notifications.violation_words import WORDS
from service.auth.browser import PAGE
from service.auth.identity import SignedIn
from service.dependencies import Db
from service.records.reports import table_rows
from service.reports.formats import OTHER, SMALL_CELL
from service.usecases.records.vocabulary import vocabulary
from service.usecases.reports.violations import KEYS, Table, acts_between, waits
from service.web.render import language_of, page

YearTyped = Annotated[str, QueryParameter(max_length=20, description="as a form sends it")]
TITLES = {
    Table.YEAR: N_("Violations by year"),
    Table.COUNTY: N_("Violations by county"),
    Table.AGENCY: N_("Violations by agency"),
    Table.TYPE: N_("Violations by type"),
    Table.COUNTY_AGENCY: N_("Violations by county and agency"),
    Table.SEX_AGE: N_("Survivors by sex and age band"),
}
COLUMNS = {
    "year": N_("Year"),
    "county": N_("County"),
    "agency": N_("Agency"),
    "type": N_("Violation"),
    "sex": N_("Sex"),
    "age_band": N_("Age"),
}
MEASURES = {
    "violation_to_filing": N_("From the violation to filing in court"),
    "violation_to_judgment": N_("From the violation to judgment"),
}
NOT_A_YEAR = N_("A year is four figures, like 2024, and not after this year: all years are shown.")


def _year(typed: str, this_year: int) -> tuple[int | None, bool]:
    """The year asked, and whether what was typed was refused (then every year is shown)."""
    text = typed.strip()
    if not text:
        return None, False
    if text.isdigit() and 1963 <= int(text) <= this_year:
        return int(text), False
    return None, True


class ViolationFiguresPage(Controller):
    path = "/web/violations/figures"
    opt = {PAGE: True}  # noqa: RUF012

    @get()
    async def figures_page(
        self, db: Db, request: SignedIn, from_year: YearTyped = "", to_year: YearTyped = ""
    ) -> Response[str]:
        this_year = nairobi_today(utcnow()).year
        (first, bad_first), (last, bad_last) = (
            _year(from_year, this_year),
            _year(to_year, this_year),
        )
        if first and last and first > last:
            first, last, bad_first = None, None, True
        async with db.begin():
            acts = await acts_between(db, first, last)
            timing = [w.row(SMALL_CELL) for w in await waits(db, acts)]
            kinds = await vocabulary(db)
        sw = language_of(request) is Language.SW
        names = {k.code: k.name_sw if sw else k.name_en for k in kinds}
        asked = "&".join(
            f"{name}={year}" for name, year in (("from_year", first), ("to_year", last)) if year
        )
        return page(
            request,
            "violation_figures.html",
            422 if bad_first or bad_last else 200,
            tables={t: table_rows(acts, t, merge=True) for t in TITLES},
            keys=KEYS,
            titles=TITLES,
            columns=COLUMNS,
            timing=timing,
            measures=MEASURES,
            refused=NOT_A_YEAR if bad_first or bad_last else "",
            from_year=from_year,
            to_year=to_year,
            asked=asked,
            last_year=this_year - 1,
            shown=_shown(names),
        )


def _shown(names: dict[str, str]) -> Any:
    """A cell as the reader's language says it: codes by their words, names as they are."""

    def said(column: str, value: str) -> tuple[str, bool]:
        if value == OTHER:
            return value, True
        if column == "type":
            return names.get(value, value), False
        words = WORDS.get(column, {})
        return (words[value], True) if value in words else (value, False)

    return said
