"""One table from domain refusals to RFC 9457 problem details; every error leaves as JSON."""

import logging
import traceback
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.plugins.problem_details import (
    ProblemDetailsConfig,
    ProblemDetailsException,
    ProblemDetailsPlugin,
)
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR, HTTP_503_SERVICE_UNAVAILABLE
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from domain.documents import DocumentDamaged, FileRefused, FileTooLarge
from domain.errors import (
    Conflict,
    DomainError,
    GuardFailed,
    InvalidInput,
    NotFound,
    NotNow,
    SignInRefused,
    StaleVersion,
    TooManyAttempts,
    TransitionNotAllowed,
)
from notifications.i18n import Language
from service.log_context import kind_of, stack_of
from service.web.said import said

log = logging.getLogger(__name__)

PROBLEM_BASE = "https://haki.example/problems/"

STATUS: dict[type[DomainError], tuple[int, str, str]] = {
    NotFound: (404, "not-found", "Not found"),
    InvalidInput: (422, "invalid-input", "The input was refused"),
    GuardFailed: (422, "guard-failed", "A fact the step needs is missing"),
    TransitionNotAllowed: (409, "transition-not-allowed", "Not allowed from this stage"),
    StaleVersion: (409, "stale-version", "The record changed since you read it"),
    Conflict: (409, "conflict", "Already registered"),
    NotNow: (409, "not-now", "Not possible in the record's present state"),
    SignInRefused: (401, "sign-in-refused", "Not signed in"),
    TooManyAttempts: (429, "too-many-attempts", "Too many failed sign-ins"),
    FileTooLarge: (413, "file-too-large", "The file is larger than Haki keeps"),
    FileRefused: (415, "file-refused", "A kind of file Haki does not keep"),
    DocumentDamaged: (409, "document-damaged", "The stored document failed its check"),
}


def _extra(error: DomainError) -> dict[str, Any]:
    if isinstance(error, TransitionNotAllowed):
        return {"stage": error.current_stage, "allowed": error.allowed}
    if isinstance(error, StaleVersion):
        return {"current_version": error.current}
    if isinstance(error, InvalidInput) and error.field:
        return {"errors": [{"field": error.field, "message": said(error, Language.EN)}]}
    return {}


def domain_problem(error: DomainError) -> ProblemDetailsException:
    status, slug, title = next(entry for kind, entry in STATUS.items() if isinstance(error, kind))
    return ProblemDetailsException(
        status_code=status,
        type_=PROBLEM_BASE + slug,
        title=title,
        detail=said(error, Language.EN),
        extra=_extra(error),
        headers=_headers(error),
    )


def _headers(error: DomainError) -> dict[str, str] | None:
    if isinstance(error, TooManyAttempts):
        return {"Retry-After": str(error.retry_after)}
    if isinstance(error, SignInRefused):
        return {"WWW-Authenticate": "Bearer"}
    return None


def validation_problem(error: ValidationException) -> ProblemDetailsException:
    """Litestar's schema errors, reshaped so each says which field and what was wrong."""
    errors = [
        {"field": item.get("key") or item.get("source") or "body", "message": item.get("message")}
        for item in (error.extra if isinstance(error.extra, list) else [])
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or str(error.detail)
    return ProblemDetailsException(
        status_code=400,
        type_=PROBLEM_BASE + "bad-request",
        title="The request is malformed",
        detail=detail,
        extra={"errors": errors},
    )


def http_problem(error: HTTPException) -> ProblemDetailsException:
    return ProblemDetailsException(
        status_code=error.status_code,
        title=error.detail,
        detail=error.detail,
        headers=error.headers,
        extra=error.extra if isinstance(error.extra, dict) else None,
    )


def _database_unreachable(error: Exception) -> bool:
    if isinstance(error, DBAPIError):
        return error.connection_invalidated or isinstance(error, OperationalError | InterfaceError)
    return isinstance(error, OSError)


def route_of(request: Request[Any, Any, Any]) -> str:
    """The route's template (`/status/{code}`), never the path as sent: that holds status
    codes, feed tokens, survivor codes and the delivery-report secret."""
    return str(request.scope.get("path_template") or "(no route)")


DECODERS = {"decode_json", "decode_msgpack"}
"""Litestar's body decoders (litestar/serialization/msgspec_hooks.py)"""


def _nested_too_deep(error: Exception) -> bool:
    """msgspec refuses JSON nested deeper than the interpreter's recursion limit with a
    RecursionError from Litestar's decoder: a malformed body, not a fault of ours."""
    frames = traceback.extract_tb(error.__traceback__)
    return isinstance(error, RecursionError) and bool(frames) and frames[-1].name in DECODERS


RETRY_AFTER = {"Retry-After": "5"}
"""seconds a caller may wait before trying again when the database cannot be reached"""


def logged_fault(request: Request[Any, Any, Any], error: Exception) -> int:
    """Logs a fault that no handler answered, with the route, the error's class and where it
    was raised, never its message (a database error's holds the statement's values); the
    status to answer: 503 when the database cannot be reached (worth retrying), else 500."""
    where = {"route": route_of(request), "error": kind_of(error)}
    if _database_unreachable(error):
        log.warning("database unreachable on %s %s: %s", request.method, where["route"],
                    where["error"], extra=where)  # fmt: skip
        return HTTP_503_SERVICE_UNAVAILABLE
    log.error("unhandled error on %s %s: %s", request.method, where["route"], where["error"],
              extra=where | {"stack": stack_of(error)})  # fmt: skip
    return HTTP_500_INTERNAL_SERVER_ERROR


def unexpected_problem(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    """The API's answer to a fault of ours (`logged_fault`): the caller learns only that it was
    our fault, or that the database cannot be reached."""
    if _nested_too_deep(error):
        return ProblemDetailsException(
            status_code=400,
            type_=PROBLEM_BASE + "bad-request",
            title="The request is malformed",
            detail="The body is nested too deeply to read (lists within lists, or objects within "
            "objects, hundreds of levels deep). Send the fields the documentation lists.",
        ).to_response(request)
    if logged_fault(request, error) == HTTP_503_SERVICE_UNAVAILABLE:
        return ProblemDetailsException(
            status_code=HTTP_503_SERVICE_UNAVAILABLE,
            title="Database unavailable",
            detail="Haki cannot reach its database just now; nothing was changed. Try again.",
            headers=RETRY_AFTER,
        ).to_response(request)
    return ProblemDetailsException(
        status_code=HTTP_500_INTERNAL_SERVER_ERROR,
        title="Internal server error",
        detail="Haki could not complete the request; nothing was changed.",
    ).to_response(request)


problem_details = ProblemDetailsPlugin(
    ProblemDetailsConfig(
        exception_to_problem_detail_map={
            DomainError: domain_problem,
            ValidationException: validation_problem,
            HTTPException: http_problem,
        },
    )
)
