"""GET /reports/unpaid/awards: advocacy's working list of unpaid awards, JSON or CSV.

One row per award, pseudonymous (survivor codes, never names), so every role may read it as
it reads the unpaid-awards report; not a count, so no small cell to merge.
"""

from dataclasses import asdict
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
from service.reports.formats import FORMAT_DOC, ReportFormat, csv_response, negotiate
from service.usecases.reports.unpaid import report_day
from service.usecases.reports.unpaid_list import ListOrder, UnpaidAward, unpaid_list

ORDERS = ", ".join(o.value for o in ListOrder)
LIST_COLUMNS = (
    "survivor_code",
    "case_reference",
    "respondent",
    "court_station",
    "judgment_on",
    "served_on",
    "days_since_judgment",
    "days_since_service",
    "outstanding",
    "last_follow_up",
)


def list_order(asked: str | None) -> ListOrder:
    if asked is None:
        return ListOrder.SINCE_SERVICE
    try:
        return ListOrder(asked)
    except ValueError:
        raise ClientException(
            f"sort '{asked}' is not one of: {ORDERS}",
            extra={"sorts": [o.value for o in ListOrder]},
        ) from None


def list_csv_name(day: date) -> str:
    return f"unpaid-awards-list-{day.isoformat()}.csv"


def list_csv(day: date, rows: list[UnpaidAward]) -> Response[str]:
    return csv_response(list_csv_name(day), LIST_COLUMNS, [asdict(row) for row in rows])


def _json(row: UnpaidAward) -> dict[str, Any]:
    fields = {k: v for k, v in asdict(row).items() if k in LIST_COLUMNS}
    return {
        k: figure(v) if isinstance(v, Decimal) else v.isoformat() if isinstance(v, date) else v
        for k, v in fields.items()
    }


@get(
    "/reports/unpaid/awards",
    tags=["reports"],
    responses=responses(400, 401, 422),
    summary="Unpaid awards one by one: age since judgment and service, outstanding, last chase",
    description=(
        "The awards /reports/unpaid counts, one row each with the survivor's code (never a "
        "name), sorted by `sort` (days and shillings largest first, words A to Z; `reverse` "
        "turns it). Not narrowed to a lawyer's cases, as the report is not."
    ),
)
async def unpaid_award_list(
    db: Db,
    request: SignedIn,
    as_of: Annotated[date | None, QueryParameter(description="default: today in Nairobi")] = None,
    sort: Annotated[
        str | None, QueryParameter(description=f"one of: {ORDERS}; default since_service")
    ] = None,
    reverse: Annotated[bool, QueryParameter(description="the other way round")] = False,
    format_: Annotated[str | None, QueryParameter(name="format", description=FORMAT_DOC)] = None,
) -> Response[Any]:
    wanted, order = negotiate(request, format_), list_order(sort)
    day = report_day(as_of, utcnow())
    rows = await unpaid_list(db, day, order, reverse)
    if wanted is ReportFormat.CSV:
        return list_csv(day, rows)
    return Response({"as_of": day.isoformat(), "awards": [_json(row) for row in rows]})
