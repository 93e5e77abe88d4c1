"""The documented error answers of each route, so the OpenAPI schema shows every refusal."""

from typing import Any

from litestar.openapi.datastructures import ResponseSpec
from msgspec import Struct

DESCRIPTIONS = {
    400: "Malformed request: bad JSON, a wrong type or a missing field",
    404: "No such record",
    409: "Conflicts with the record's present state or version; reload and retry",
    413: "Request body too large",
    422: "Well-formed but refused: the detail says which fact is wrong",
    503: "Not ready: the database cannot be reached",
}


class Problem(Struct):
    """RFC 9457 problem details; refusals may add `errors`, `allowed` or `current_version`."""

    status: int
    title: str
    detail: str
    type: str | None = None
    errors: list[dict[str, Any]] | None = None


def responses(*statuses: int) -> dict[int, ResponseSpec]:
    return {
        status: ResponseSpec(
            data_container=Problem,
            description=DESCRIPTIONS[status],
            media_type="application/problem+json",
        )
        for status in statuses
    }
