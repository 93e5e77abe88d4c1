"""What every log line of a request or job carries: its request id and the case it works on;
and how an error is described in a line without what it carries of a person.

Framework-free, so use cases may tag their lines; service/logs.py fills it per request.
"""

import logging
import traceback
from contextvars import ContextVar
from typing import Any

current: ContextVar[dict[str, Any] | None] = ContextVar("haki_log_context", default=None)


def note_case(reference: str) -> None:
    """Tags the log lines of this request with the case it works on (its reference, which
    names no one)."""
    context = current.get()
    if context is not None:
        context["case"] = reference


class WithContext(logging.Filter):
    """Puts the request id and the case reference on every record logged during a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, value in (current.get() or {}).items():
            if value is not None and not hasattr(record, name):
                setattr(record, name, value)
        return True


def kind_of(error: BaseException) -> str:
    """The error's class and its causes' classes, outermost first
    (`DBAPIError < Error < ConnectionDoesNotExistError`): what went wrong, without a message.
    A database error's message holds the statement and its values (names, phone numbers), an
    HTTP error's the address as sent (status codes, feed tokens): neither is logged."""
    return " < ".join(type(each).__name__ for each in _chain(error))


def stack_of(error: BaseException) -> str:
    """Where each error of the chain was raised, as file, line and function: the traceback a
    maintainer needs, without the messages or the source lines (which may hold literals)."""
    return "\n".join(
        f"{type(each).__name__}: "
        + " > ".join(
            f"{frame.filename}:{frame.lineno} {frame.name}"
            for frame in traceback.extract_tb(each.__traceback__)
        )
        for each in _chain(error)
    )


def _chain(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    link: BaseException | None = error
    while link is not None and link not in chain:
        chain.append(link)
        link = link.__cause__ or link.__context__
    return chain
