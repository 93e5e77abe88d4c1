"""HTTP routes of the research figures: counts from the violation records as JSON, as CSV
(one table a file, small cells merged, formulas escaped) and as a chart in either language.

No name, place, unit or officer is ever read for these: every role may have them."""

from functools import partial
from typing import Annotated, Any

import anyio
from litestar import Controller, Response, get
from litestar.exceptions import ClientException
from litestar.params import QueryParameter
from msgspec import Struct

from domain.base import utcnow
from domain.calendar import nairobi_today
from notifications.i18n import Language
from notifications.violation_words import violation_chart_words
from service.auth.identity import SignedIn
from service.dependencies import Db
from service.openapi import responses
from service.records.chart import violation_chart
from service.reports.charts import SVG
from service.reports.controller import ChartLanguage, ChartSmall, Format, SuppressSmall
from service.reports.formats import (
    OTHER,
    SMALL_CELL,
    ReportFormat,
    csv_response,
    merge_small,
    merging_small,
    negotiate,
)
from service.usecases.reports.violations import (
    KEYS,
    Act,
    Table,
    acts_between,
    counts,
    waits,
)

Year = Annotated[int | None, QueryParameter(ge=1963, le=2999)]
TABLES = ", ".join(t.value for t in Table)


class CountOut(Struct, omit_defaults=True):
    """One row of a breakdown: the value of its columns, then how many records and survivors."""

    violations: int
    survivors: int
    year: str | None = None
    county: str | None = None
    agency: str | None = None
    type: str | None = None
    sex: str | None = None
    age_band: str | None = None


class WaitOut(Struct):
    measure: str
    violations: int
    survivors: int
    median_days: int | None
    lower_quartile_days: int | None
    upper_quartile_days: int | None


class ViolationFiguresOut(Struct):
    from_year: int | None
    to_year: int | None
    small_cells_merged: bool
    by_year: list[CountOut]
    by_county: list[CountOut]
    by_agency: list[CountOut]
    by_type: list[CountOut]
    by_county_and_agency: list[CountOut]
    survivors_by_sex_and_age: list[CountOut]
    time_to_court: list[WaitOut]
    """days from a violation known to the day to the filing of a case over it, and to judgment"""


def table_rows(acts: list[Act], table: Table, merge: bool) -> list[dict[str, Any]]:
    """A breakdown's rows with counts, small cells merged when asked: keys as text, so a
    merged row says OTHER in each column."""
    rows = [
        {k: str(v) if k in KEYS[table] else v for k, v in r.items()} for r in counts(acts, table)
    ]
    kept = merge_small(rows, "survivors", SMALL_CELL, OTHER) if merge else rows
    return [row | {"survivors": len(row["survivors"])} for row in kept]


def _counted(acts: list[Act], table: Table, merge: bool) -> list[CountOut]:
    return [CountOut(**row) for row in table_rows(acts, table, merge)]


def _table(asked: str | None) -> Table:
    try:
        return Table(asked or "")
    except ValueError:
        raise ClientException(
            f"a CSV holds one table: add ?table= one of {TABLES}",
            extra={"tables": [t.value for t in Table]},
        ) from None


def _years(from_year: int | None, to_year: int | None) -> None:
    if from_year is not None and to_year is not None and from_year > to_year:
        raise ClientException("the first year (from_year) comes after the last (to_year)")


def _span(from_year: int | None, to_year: int | None, years: list[str]) -> str:
    """The years a chart covers, as asked or else as found: `2024`, `2019-2025`."""
    first = str(from_year) if from_year else min(years, default="")
    last = str(to_year) if to_year else max(years, default=str(nairobi_today(utcnow()).year))
    return last if first in ("", last) else f"{first}-{last}"


class ViolationReportController(Controller):
    path = "/reports/violations"
    tags = ("reports",)

    @get(
        responses=responses(400, 401),
        summary="Violations by year, county, agency and type; survivors by sex and age band",
        description=(
            "Counts from the violation records, never a name or a place. A CSV holds one "
            f"table (?table= one of {TABLES}); small cells (fewer than {SMALL_CELL} "
            "survivors) are merged by default in CSV."
        ),
    )
    async def figures(
        self,
        db: Db,
        request: SignedIn,
        from_year: Year = None,
        to_year: Year = None,
        table: Annotated[str | None, QueryParameter(description=f"for CSV: {TABLES}")] = None,
        format_: Format = None,
        suppress_small: SuppressSmall = None,
    ) -> ViolationFiguresOut | Response[str]:
        wanted = negotiate(request, format_)
        _years(from_year, to_year)
        chosen = _table(table) if wanted is ReportFormat.CSV else None
        merge = merging_small(wanted, suppress_small)
        async with db.begin():
            acts = await acts_between(db, from_year, to_year)
            timing = [w.row(SMALL_CELL if merge else 1) for w in await waits(db, acts)]
        if chosen is Table.TIMING:
            return csv_response("violations-timing.csv", list(WaitOut.__struct_fields__), timing)
        if chosen is not None:
            columns = [*KEYS[chosen], "violations", "survivors"]
            rows = table_rows(acts, chosen, merge)
            return csv_response(f"violations-by-{chosen.value}.csv", columns, rows)
        return ViolationFiguresOut(
            from_year=from_year,
            to_year=to_year,
            small_cells_merged=merge,
            by_year=_counted(acts, Table.YEAR, merge),
            by_county=_counted(acts, Table.COUNTY, merge),
            by_agency=_counted(acts, Table.AGENCY, merge),
            by_type=_counted(acts, Table.TYPE, merge),
            by_county_and_agency=_counted(acts, Table.COUNTY_AGENCY, merge),
            survivors_by_sex_and_age=_counted(acts, Table.SEX_AGE, merge),
            time_to_court=[WaitOut(**row) for row in timing],
        )

    @get(
        "/chart.svg",
        responses=responses(400, 401),
        summary="Chart: violations by year and by agency (SVG)",
        media_type=SVG,
    )
    async def chart(
        self,
        db: Db,
        from_year: Year = None,
        to_year: Year = None,
        suppress_small: ChartSmall = True,
        lang: ChartLanguage = Language.EN,
    ) -> Response[bytes]:
        _years(from_year, to_year)
        async with db.begin():
            acts = await acts_between(db, from_year, to_year)
        by_year = [(r["year"], r["violations"]) for r in table_rows(acts, Table.YEAR, False)]
        by_agency = [
            (r["agency"], r["violations"]) for r in table_rows(acts, Table.AGENCY, suppress_small)
        ]
        words = violation_chart_words(lang, _span(from_year, to_year, [y for y, _ in by_year]))
        body = await anyio.to_thread.run_sync(partial(violation_chart, words, by_year, by_agency))
        headers = {"Content-Disposition": 'inline; filename="violations.svg"'}
        return Response(body, media_type=SVG, headers=headers)
