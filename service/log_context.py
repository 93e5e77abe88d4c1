"""What every log line of a request or job carries: its request id and the case it works on.

Framework-free, so use cases may tag their lines; service/logs.py fills it per request.
"""

import logging
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
