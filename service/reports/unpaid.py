"""GET /reports/unpaid: what the State owes on a date, overall and broken down, JSON or CSV."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from litestar import Response, get
from litestar.exceptions import ClientException
from litestar.params import QueryParameter

from domain.base import utcnow
from domain.money import figure
from service.auth.identity import SignedIn
from service.dependencies import Db
from service.openapi import responses
from service.reports.formats import (
    FORMAT_DOC,
    SUPPRESS_DOC,
    ReportFormat,
    csv_response,
    merge_small,
    merging_small,
    negotiate,
)
from service.usecases.reports.unpaid import FIGURES, Breakdown, report_day, unpaid_awards

BREAKDOWNS = ", ".join(b.value for b in Breakdown)


def _breakdown(asked: str | None) -> Breakdown | None:
    if asked is None:
        return None
    try:
        return Breakdown(asked)
    except ValueError:
        raise ClientException(
            f"breakdown '{asked}' is not one of: {BREAKDOWNS}",
            extra={"breakdowns": [b.value for b in Breakdown]},
        ) from None


def totals_csv_name(day: date) -> str:
    return f"unpaid-awards-totals-{day.isoformat()}.csv"


def breakdown_csv_name(breakdown: Breakdown, day: date) -> str:
    """Each CSV under its own name, so two downloads on one day never overwrite each other."""
    return f"unpaid-awards-by-{breakdown.value.replace('_', '-')}-{day.isoformat()}.csv"


def merged_cells(rows: list[dict[str, Any]], merge: bool) -> list[dict[str, Any]]:
    """Small cells merged if asked; the survivor ids that merging needs never leave."""
    kept = merge_small(rows, "survivor_ids") if merge else rows
    return [
        {k: v for k, v in row.items() if k != "survivor_ids"}
        | ({"survivors": len(row["survivor_ids"])} if merge else {})
        for row in kept
    ]


def _json(row: dict[str, Any]) -> dict[str, Any]:
    """Shillings as decimal strings, so no client reads them as floats."""
    return {k: figure(v) if isinstance(v, Decimal) else v for k, v in row.items()}


@get(
    "/reports/unpaid",
    tags=["reports"],
    responses=responses(400, 401, 422),
    summary="Unpaid awards on a date: owed, paid, interest; by respondent, year, station, age",
    description=(
        "Awards judged by `as_of`, still owed something that day and not set aside or written "
        "off by then; interest accrued to `as_of` exactly as each award's statement computes "
        "it. Figures only, never a survivor's name or contact. A CSV holds one breakdown (or, "
        "without one, the totals)."
    ),
)
async def unpaid_report(
    db: Db,
    request: SignedIn,
    as_of: Annotated[date | None, QueryParameter(description="default: today in Nairobi")] = None,
    breakdown: Annotated[
        str | None, QueryParameter(description=f"one of: {BREAKDOWNS}; default all (JSON)")
    ] = None,
    format_: Annotated[str | None, QueryParameter(name="format", description=FORMAT_DOC)] = None,
    suppress_small: Annotated[bool | None, QueryParameter(description=SUPPRESS_DOC)] = None,
) -> Response[Any]:
    wanted, chosen = negotiate(request, format_), _breakdown(breakdown)
    day = report_day(as_of, utcnow())
    merge = merging_small(wanted, suppress_small)
    report = await unpaid_awards(db, day, [chosen] if chosen else list(Breakdown), merge)
    totals = {k: v for k, v in report.totals.items() if k != "survivor_ids"}
    cells = {b: merged_cells(rows, merge) for b, rows in report.breakdowns.items()}
    if wanted is ReportFormat.CSV:
        if chosen is None:
            return csv_response(totals_csv_name(day), FIGURES, [totals])
        name = breakdown_csv_name(chosen, day)
        return csv_response(name, [chosen.value, *FIGURES], cells[chosen])
    # one return type for both formats: a union would document two overlapping schemas
    return Response(
        {
            "as_of": day.isoformat(),
            "small_cells_merged": merge,
            "totals": _json(totals),
            "breakdowns": {b.value: [_json(row) for row in rows] for b, rows in cells.items()},
        }
    )
