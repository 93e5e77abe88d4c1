"""The documented error answers of each route, so the OpenAPI schema shows every refusal."""

from collections.abc import Callable, Iterator
from typing import Any

from litestar import Litestar, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import (
    OpenAPIMediaType,
    OpenAPIResponse,
    Operation,
    Reference,
    Schema,
    SecurityScheme,
)
from msgspec import Struct

DESCRIPTIONS = {
    400: "Malformed request: bad JSON, a wrong type or a missing field",
    401: "Not signed in, or the token is unknown, expired or revoked",
    403: "Signed in, but this role may not do this",
    404: "No such record, or one this account may not see",
    409: "Conflicts with the record's present state or version; reload and retry",
    413: "Request body too large",
    415: "A kind of file Haki does not keep, or bytes that do not match the file's name or type",
    422: "Well-formed but refused: the detail says which fact is wrong",
    429: "Too many tries (failed sign-ins, status questions): wait the seconds in Retry-After",
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


def record_action(path: str, summary: str) -> post:
    """A POST that acts on one record already there (renew a code, mark a message read, disable
    an account): it answers 200, not 201, and is refused only as not signed in, not for this
    role, or a record this account may not see."""
    return post(path, status_code=200, responses=responses(401, 403, 404), summary=summary)


def refuse_unknown_fields(app: Litestar, inputs: tuple[type[Struct], ...]) -> None:
    """Says in the schema what the API does: a misspelt field is refused, never ignored.

    Litestar does not carry msgspec's `forbid_unknown_fields` into OpenAPI on its own.
    """
    components = app.openapi_schema.components.schemas or {}
    for struct in inputs:
        component = components.get(struct.__name__)
        if isinstance(component, Schema) and struct.__struct_config__.forbid_unknown_fields:
            component.additional_properties = False


def ruled_operations(
    app: Litestar, rules: dict[str, Any], key: Callable[[Any], str]
) -> Iterator[tuple[Operation, Any]]:
    """Each operation of the finished schema with its route's access rule."""
    paths = app.openapi_schema.paths or {}
    for route in app.routes:
        item = paths.get(route.path_format)
        for handler in getattr(route, "route_handlers", []):
            rule = rules.get(key(handler))
            for method in handler.http_methods - {"OPTIONS"}:
                operation = getattr(item, method.lower(), None) if item else None
                if operation is not None and rule is not None:
                    yield operation, rule


def document_access(app: Litestar, rules: dict[str, Any], key: Callable[[Any], str]) -> None:
    """Writes each operation's access rule into its OpenAPI description, from the policy table
    itself, so the documentation cannot drift from what the guard enforces."""
    for operation, rule in ruled_operations(app, rules, key):
        access = f"Who may call this: {rule.value}."
        operation.description = "\n\n".join(filter(None, [operation.description, access]))


PROBLEM = OpenAPIMediaType(schema=Reference(ref="#/components/schemas/Problem"))


def problem_response(status: int) -> OpenAPIResponse:
    """A refusal as it goes into the finished schema (`responses` is for route decorators)."""
    return OpenAPIResponse(
        description=DESCRIPTIONS[status], content={"application/problem+json": PROBLEM}
    )


def document_refusals(
    app: Litestar,
    rules: dict[str, Any],
    key: Callable[[Any], str],
    refusals: Callable[[Any], tuple[int, ...]],
) -> None:
    """Adds to each operation the 401 and 403 its access rule can answer where its handler
    left them out: the guard gives them, not the handler."""
    for operation, rule in ruled_operations(app, rules, key):
        operation.responses = operation.responses or {}
        for status in refusals(rule):
            operation.responses.setdefault(str(status), problem_response(status))


BEARER = "bearer"
"""The security scheme's name in components.securitySchemes"""


def document_security(
    app: Litestar,
    rules: dict[str, Any],
    key: Callable[[Any], str],
    refusals: Callable[[Any], tuple[int, ...]],
) -> None:
    """Declares the bearer token (from POST /auth/login) and puts it on every operation whose
    access rule needs a sign-in, from the policy table itself, so that the docs page's
    Authorize sends it and generated clients know to; public operations (sign-in, health, a
    family's status, calendar feeds and delivery reports by their secret address) carry none."""
    components = app.openapi_schema.components
    components.security_schemes = {
        **(components.security_schemes or {}),
        BEARER: SecurityScheme(
            type="http",
            scheme="bearer",
            description=(
                "The token POST /auth/login answers, sent as 'Authorization: Bearer <token>'; "
                "/metrics also takes HAKI_METRICS_TOKEN."
            ),
        ),
    }
    for operation, rule in ruled_operations(app, rules, key):
        operation.security = [{BEARER: []}] if 401 in refusals(rule) else None
