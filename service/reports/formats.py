"""What every advocacy report shares: JSON or CSV by negotiation, CSV files, small cells merged."""

import csv
import io
import operator
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from functools import reduce
from typing import Any

from litestar import Litestar, Request, Response
from litestar.exceptions import ClientException
from litestar.openapi.spec import (
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Schema,
)

from service.spreadsheet_cells import cell


class ReportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


MEDIA_TYPES = {ReportFormat.JSON: "application/json", ReportFormat.CSV: "text/csv"}
SMALL_CELL = 3
"""Fewer distinct survivors than this in a row of a breakdown could point to someone."""
OTHER = f"other (fewer than {SMALL_CELL} survivors)"

FORMAT_DOC = "json or csv; without it, `Accept: text/csv` asks for CSV (default JSON)"
SUPPRESS_DOC = (
    f"merge rows of fewer than {SMALL_CELL} survivors into one '{OTHER}' row, so a published "
    "figure cannot point to a survivor; default on for CSV (exports leave the office), off for "
    "JSON; `false` for staff who need every row"
)


def negotiate(request: Request[Any, Any, Any], asked: str | None) -> ReportFormat:
    """`?format=` wins over `Accept`; an Accept naming neither format gets JSON, as a browser
    asking for HTML would, but a `?format=` Haki cannot write is refused."""
    if asked is not None:
        try:
            return ReportFormat(asked.strip().lower())
        except ValueError:
            names = ", ".join(f.value for f in ReportFormat)
            raise ClientException(
                f"format '{asked}' is not one Haki writes; ask for one of: {names}",
                extra={"formats": [f.value for f in ReportFormat]},
            ) from None
    best = request.accept.best_match(list(MEDIA_TYPES.values()))
    return ReportFormat.CSV if best == MEDIA_TYPES[ReportFormat.CSV] else ReportFormat.JSON


def merging_small(format_: ReportFormat, asked: bool | None) -> bool:
    """The small-cell rule is on by default for CSV, off for JSON; `?suppress_small=` decides."""
    return format_ is ReportFormat.CSV if asked is None else asked


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any] | Sequence[Any]]) -> str:
    """A header row of `columns`, then one line per row: a mapping is read by column name, a
    sequence by position."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        values = [row.get(c) for c in columns] if isinstance(row, Mapping) else list(row)
        if len(values) != len(columns):
            raise ValueError(f"a row of {len(values)} values under {len(columns)} columns")
        writer.writerow([cell(v) for v in values])
    return out.getvalue()


def csv_response(
    filename: str, columns: Sequence[str], rows: Iterable[Mapping[str, Any] | Sequence[Any]]
) -> Response[str]:
    return Response(
        csv_text(columns, rows),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _numeric(value: Any) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def merge_small(
    rows: Sequence[Mapping[str, Any]],
    survivors_key: str,
    threshold: int = SMALL_CELL,
    label: str = OTHER,
) -> list[dict[str, Any]]:
    """Rows of fewer than `threshold` distinct survivors merged into one row labelled `label`.

    Rows must be additive: `survivors_key` holds each row's survivors as a set, or anything
    with `len` and `|` as one (the merged row holds their union, so a survivor in two small
    rows is counted once), numbers (counts and
    shillings) are summed, and every other field takes the label. Totals stay right. Should the
    merged row itself have too few survivors, the smallest other rows join it until it does not
    (or nothing is left). Rows with no survivor at all reveal nobody and stay as they are.
    Figures that do not add up (means, medians) are computed after merging, not merged.
    """

    def size(row: Mapping[str, Any]) -> int:
        return len(row[survivors_key])

    small = [i for i, row in enumerate(rows) if 0 < size(row) < threshold]
    if not small:
        return [dict(row) for row in rows]
    merged = set(small)
    people = reduce(operator.or_, (rows[i][survivors_key] for i in small))
    while len(people) < threshold:
        rest = [i for i, row in enumerate(rows) if i not in merged and size(row) > 0]
        if not rest:
            break
        smallest = min(rest, key=lambda i: (size(rows[i]), -i))
        merged.add(smallest)
        people |= rows[smallest][survivors_key]
    other: dict[str, Any] = {}
    for i in sorted(merged):
        for key, value in rows[i].items():
            if key == survivors_key:
                continue
            if _numeric(value):
                other[key] = other.get(key, 0) + value
            else:
                other[key] = label
    other[survivors_key] = people
    kept = [dict(row) for i, row in enumerate(rows) if i not in merged]
    return [*kept, {key: other[key] for key in rows[small[0]]}]


def document_formats(app: Litestar) -> None:
    """Says in the OpenAPI schema what a report answers: its JSON shape, or CSV text.

    A handler returning `SomeOut | Response[str]` is documented by Litestar as JSON that is
    `SomeOut` or anything at all; every operation taking `?format=` gets the two media types.
    """
    for item in (app.openapi_schema.paths or {}).values():
        operation = item.get
        if not isinstance(operation, Operation) or not any(
            getattr(p, "name", None) == "format" for p in operation.parameters or []
        ):
            continue
        answer = (operation.responses or {}).get("200")
        if not isinstance(answer, OpenAPIResponse) or not answer.content:
            continue
        found = answer.content.get(MEDIA_TYPES[ReportFormat.JSON])
        shape = found.schema if found else None
        if isinstance(shape, Schema) and shape.one_of:
            shape = shape.one_of[0]
        answer.content = {
            MEDIA_TYPES[ReportFormat.JSON]: OpenAPIMediaType(schema=shape),
            MEDIA_TYPES[ReportFormat.CSV]: OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING)),
        }
