"""Structured logs: one JSON object a line, each with the request id and the case reference;
and each request counted for /metrics by the same middleware that writes its access line.

Personal data never goes in: the access line names the route's template (`/survivors/{code}`,
never the code, nor a family's status code), the ids in its path, the signed-in user's id, the
status and the time taken; never a body, a query string, a name or a phone number. Use cases
add the case reference with `service.log_context.note_case`. A test scans the logs of the demo
data and a whole journey for the demo survivors' names and numbers.
"""

import itertools
import logging
import os
import re
import sys
import time
from collections.abc import Iterator
from typing import Any

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from pythonjsonlogger.json import JsonEncoder, JsonFormatter

from service.log_context import WithContext, current
from service.metrics import REQUESTS

HEADER = "X-Request-ID"
INCOMING = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
"""an id from a proxy or a client is kept if it looks like one, else a new one is made"""


def _ids() -> Iterator[str]:
    """The request ids this process makes: 32 hex digits, its own random half then a count,
    unique across processes and restarts without asking for fresh randomness on every request
    (`uuid4`'s was a hundredth of the server's CPU a step in a profile of
    bench/transitions.py). A forked child makes its own."""
    return map("{}{:016x}".format, itertools.repeat(os.urandom(8).hex()), itertools.count())


MADE = _ids()
os.register_at_fork(after_in_child=lambda: globals().update(MADE=_ids()))

PATH_IDS = (
    "case_id",
    "award_id",
    "hearing_id",
    "contact_id",
    "user_id",
    "document_id",
    "examination_id",
)

access = logging.getLogger("haki.access")


class JsonLines(logging.StreamHandler[Any]):
    """One JSON object a line, to `stream`, or else to whatever sys.stderr is when it writes
    (a test runner swaps it).

    Lines are encoded by one encoder made once (python-json-logger's, as its formatter would
    make it): `json.dumps` made a new one for every line, every request's access line among
    them."""

    def __init__(self, stream: Any = None) -> None:
        super().__init__(stream)
        self.fixed = stream
        self.setFormatter(
            JsonFormatter(
                "{asctime}{levelname}{name}{message}",
                style="{",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                datefmt="%Y-%m-%dT%H:%M:%S%z",
                json_serializer=_encoded,
            )
        )
        self.addFilter(WithContext())
        self.addFilter(_without_colours)

    @property
    def stream(self) -> Any:
        return self.fixed or sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        self.fixed = value


_ENCODER = JsonEncoder()


def _encoded(line: dict[str, Any], **_: Any) -> str:
    """`json.dumps` as JsonFormatter calls it (its own encoder class, no indent, ASCII only)."""
    return _ENCODER.encode(line)


def _without_colours(record: logging.LogRecord) -> bool:
    """uvicorn adds its message again with terminal colour codes: noise in a JSON line."""
    record.__dict__.pop("color_message", None)
    return True


QUIET = ("sqlalchemy", "asyncpg", "httpx", "httpcore", "apscheduler")
"""at INFO, SQLAlchemy logs each statement with its parameters: names and phone numbers"""


def configure_logging(stream: Any = None) -> None:
    """JSON to standard error for every logger, uvicorn's too; HAKI_LOG_LEVEL (INFO) for ours,
    WARNING at least for the libraries that would log parameters or bodies.

    A record does not gather what no line shows: the caller's file and line (a walk up the
    stack), the thread's and the process's names (the logging HOWTO's "Optimization"). The
    lines name none of them, and each cost a few microseconds of every request's access line.
    """
    logging._srcfile = None
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    root = logging.getLogger()
    kept = [handler for handler in root.handlers if not isinstance(handler, JsonLines)]
    root.handlers[:] = [*kept, JsonLines(stream)]
    root.setLevel(os.environ.get("HAKI_LOG_LEVEL", "INFO").upper())
    for name in QUIET:
        logging.getLogger(name).setLevel(max(root.level, logging.WARNING))
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # haki.access says more, and less


class RequestLog(ASGIMiddleware):
    """Gives each request an id (X-Request-ID in and out), writes one access line for it and
    counts it in the request metrics (service/metrics.py `RequestCounts`)."""

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        given = dict(scope["headers"]).get(HEADER.lower().encode(), b"").decode("latin-1")
        request_id = given if INCOMING.match(given) else next(MADE)
        context: dict[str, Any] = {"request_id": request_id, "case": None}
        token = current.set(context)
        method, route = str(scope.get("method")), str(scope.get("path_template"))
        counted = REQUESTS.counts(scope["path"])
        if counted:
            REQUESTS.started(method, route)
        began = time.perf_counter()
        status = 500

        async def tagged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [
                    *message.get("headers", []),
                    (HEADER.lower().encode(), request_id.encode()),
                ]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await next_app(scope, receive, tagged)
        finally:
            access.info("%s %s %d", scope.get("method"), scope.get("path_template"), status,
                        extra=_access_facts(scope, status, began))  # fmt: skip
            current.reset(token)
            if counted:
                REQUESTS.finished(method, route, status, time.perf_counter() - began)


def _access_facts(scope: Scope, status: int, began: float) -> dict[str, Any]:
    params = scope.get("path_params") or {}
    user = scope.get("user")
    facts = {
        "method": scope.get("method"),
        "route": scope.get("path_template"),
        "status": status,
        "duration_ms": round((time.perf_counter() - began) * 1000, 1),
        "user_id": str(user.id) if hasattr(user, "id") else None,
    }
    facts |= {name: str(params[name]) for name in PATH_IDS if name in params}
    return {name: value for name, value in facts.items() if value is not None}
