"""HTTP routes of the advocacy reports: pseudonymous figures as JSON or CSV, and charts."""

from datetime import date
from functools import partial
from typing import Annotated

import anyio
from litestar import Controller, Response, get
from litestar.exceptions import ClientException
from litestar.params import QueryParameter

from domain.base import utcnow
from domain.calendar import nairobi_today
from notifications.chart_words import outstanding_chart_words, unpaid_chart_words
from notifications.i18n import Language
from service.auth.identity import SignedIn
from service.dependencies import Db
from service.openapi import responses
from service.reports import charts
from service.reports.figures import (
    BY_RESPONDENT_COLUMNS,
    COLUMNS,
    TIME_TO_PAYMENT_COLUMNS,
    ByRespondentOut,
    PipelineOut,
    PipelineTable,
    TimeToPaymentOut,
    by_respondent_rows,
    outstanding_series,
    pipeline_tables,
    time_to_payment_rows,
)
from service.reports.formats import (
    FORMAT_DOC,
    OTHER,
    SMALL_CELL,
    SUPPRESS_DOC,
    ReportFormat,
    csv_response,
    merging_small,
    negotiate,
)
from service.usecases.reports.outstanding_history import outstanding_by_month
from service.usecases.reports.pipeline import pipeline
from service.usecases.reports.time_to_payment import time_to_payment
from service.usecases.reports.time_to_payment_by import time_to_payment_by_respondent
from service.usecases.reports.unpaid import Breakdown, report_day, unpaid_awards

Format = Annotated[str | None, QueryParameter(name="format", description=FORMAT_DOC)]
SuppressSmall = Annotated[bool | None, QueryParameter(description=SUPPRESS_DOC)]
ChartSmall = Annotated[
    bool, QueryParameter(description="merge small cells as in CSV: charts are for publishing")
]
ChartLanguage = Annotated[
    Language, QueryParameter(description="the chart's words: en (English) or sw (Swahili)")
]
HappenedBy = Annotated[
    date | None, QueryParameter(description="count what had happened by this day")
]
TABLES = ", ".join(t.value for t in PipelineTable)


def _svg(body: bytes, filename: str) -> Response[bytes]:
    headers = {"Content-Disposition": f'inline; filename="{filename}"'}
    return Response(body, media_type=charts.SVG, headers=headers)


def _table(asked: str | None) -> PipelineTable | None:
    if asked is None:
        return None
    try:
        return PipelineTable(asked)
    except ValueError:
        raise ClientException(
            f"table '{asked}' is not one of the pipeline's: {TABLES}",
            extra={"tables": [t.value for t in PipelineTable]},
        ) from None


class ReportController(Controller):
    path = "/reports"
    tags = ("reports",)

    @get(
        "/time-to-payment",
        responses=responses(400, 401, 422),
        summary="Days from judgment to first payment and to payment in full; awards never paid",
    )
    async def time_to_payment(
        self,
        db: Db,
        request: SignedIn,
        as_of: HappenedBy = None,
        format_: Format = None,
    ) -> TimeToPaymentOut | Response[str]:
        wanted = negotiate(request, format_)
        figures = await time_to_payment(db, report_day(as_of, utcnow()))
        if wanted is ReportFormat.CSV:
            rows = time_to_payment_rows(figures)
            return csv_response("time-to-payment.csv", TIME_TO_PAYMENT_COLUMNS, rows)
        return TimeToPaymentOut.of(figures)

    @get(
        "/time-to-payment/by-respondent",
        responses=responses(400, 401, 422),
        summary="Days from judgment to payment, respondent by respondent: who pays slowest",
        description=(
            "The measures of /reports/time-to-payment over each respondent's awards. Small "
            "cells (respondents of fewer than 3 survivors) are merged before the quartiles "
            "are computed, by default in CSV only."
        ),
    )
    async def time_to_payment_by_respondent(
        self,
        db: Db,
        request: SignedIn,
        as_of: HappenedBy = None,
        format_: Format = None,
        suppress_small: SuppressSmall = None,
    ) -> ByRespondentOut | Response[str]:
        wanted = negotiate(request, format_)
        day, merge = report_day(as_of, utcnow()), merging_small(wanted, suppress_small)
        waits = await time_to_payment_by_respondent(db, day, SMALL_CELL if merge else 0, OTHER)
        if wanted is ReportFormat.CSV:
            rows = by_respondent_rows(day, waits)
            name = "time-to-payment-by-respondent.csv"
            return csv_response(name, BY_RESPONDENT_COLUMNS, rows)
        return ByRespondentOut.of(day, merge, waits)

    @get(
        "/pipeline",
        responses=responses(400, 401, 422),
        summary="Cases per stage and kind, hearings per month, adjournments per case",
    )
    async def pipeline(
        self,
        db: Db,
        request: SignedIn,
        from_: Annotated[
            date | None, QueryParameter(name="from", description="first day of hearings counted")
        ] = None,
        to: Annotated[
            date | None, QueryParameter(description="last day of hearings counted")
        ] = None,
        table: Annotated[
            str | None, QueryParameter(description=f"the table a CSV holds: {TABLES}")
        ] = None,
        format_: Format = None,
        suppress_small: SuppressSmall = None,
    ) -> PipelineOut | Response[str]:
        wanted, chosen = negotiate(request, format_), _table(table)
        if wanted is ReportFormat.CSV and chosen is None:
            raise ClientException(
                f"a CSV holds one table: add ?table= one of {TABLES}",
                extra={"tables": [t.value for t in PipelineTable]},
            )
        figures = await pipeline(db, from_, to)
        merge = merging_small(wanted, suppress_small)
        if wanted is ReportFormat.CSV and chosen is not None:
            rows = pipeline_tables(figures, merge)[chosen]
            return csv_response(f"pipeline-{chosen.value}.csv", COLUMNS[chosen], rows)
        return PipelineOut.of(figures, merge)

    @get(
        "/unpaid/chart.svg",
        responses=responses(400, 401, 422),
        summary="Chart: unpaid awards outstanding by agency and by time since judgment (SVG)",
        media_type=charts.SVG,
    )
    async def unpaid_chart(
        self,
        db: Db,
        as_of: Annotated[date | None, QueryParameter(description="default: today")] = None,
        suppress_small: ChartSmall = True,
        lang: ChartLanguage = Language.EN,
    ) -> Response[bytes]:
        day = report_day(as_of, utcnow())
        report = await unpaid_awards(
            db, day, (Breakdown.RESPONDENT, Breakdown.AGEING_SINCE_JUDGMENT), survivor_ids=True
        )
        by_agency, by_age = (
            outstanding_series(report.breakdowns[b], b.value, suppress_small)
            for b in (Breakdown.RESPONDENT, Breakdown.AGEING_SINCE_JUDGMENT)
        )
        words = unpaid_chart_words(lang, day)
        draw = partial(charts.unpaid_chart, words, by_agency, by_age)
        return _svg(await anyio.to_thread.run_sync(draw), "unpaid.svg")

    @get(
        "/outstanding-over-time/chart.svg",
        responses=responses(400, 401),
        summary="Chart: total outstanding on court awards at the end of each month (SVG)",
        media_type=charts.SVG,
    )
    async def outstanding_chart(
        self,
        db: Db,
        months: Annotated[int, QueryParameter(ge=2, le=120, description="how many")] = 24,
        lang: ChartLanguage = Language.EN,
    ) -> Response[bytes]:
        today = nairobi_today(utcnow())
        points = await outstanding_by_month(db, today, months)
        words = outstanding_chart_words(lang, today, [day for day, _ in points])
        draw = partial(charts.outstanding_chart, words, points)
        return _svg(await anyio.to_thread.run_sync(draw), "outstanding-over-time.svg")
