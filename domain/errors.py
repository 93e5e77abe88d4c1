"""Errors of the domain, each a sentence of the catalogs a lawyer understands: what was refused
and why, the field named as its form labels it and the stage by its words.

A refusal carries its sentence as a msgid (marked with `N_`, so `make catalogs` finds it) and
the values it names (a date, an amount, a stage), never formatted in: each page says it in the
reader's language (service/web/said.py), and the API in English beside its machine-readable
problem details. `str(error)` is the plain English for a log or a command line.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


def N_(message: str) -> str:
    """Marks a refusal's sentence for the catalogs; it is translated where it is shown."""
    return message


class Step(str):
    """A step of a track (a trigger such as `issue_certificate`), said by its words."""


class Field(str):
    """A field of a form or a body (`starts_at`), said by the label its form gives it."""


@dataclass(frozen=True)
class Said:
    """A catalog sentence and the values it names, to be said in a reader's language."""

    message: str
    values: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        if not self.values:
            return self.message
        return self.message % {name: _plain(value) for name, value in self.values.items()}


def _plain(value: object) -> str:
    if isinstance(value, datetime):
        return f"{value:%d %B %Y %H:%M}".lstrip("0")
    if isinstance(value, date):
        return f"{value.day} {value:%B} {value.year}"
    if isinstance(value, Decimal):
        return f"Ksh {value:,.2f}"
    if isinstance(value, StrEnum | Step | Field):
        return str(value).replace("_", " ")
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item) for item in value)
    return str(value)


class DomainError(Exception):
    """Base of every refusal the domain makes; the service maps each kind to an HTTP status."""

    def __init__(self, message: str, **values: object) -> None:
        self.said = Said(message, values)
        super().__init__(str(self.said))


class NotFound(DomainError):
    pass


class InvalidInput(DomainError):
    """Input that is well-formed but not acceptable (a future date, an unknown survivor)."""

    def __init__(self, message: str, field: str | None = None, **values: object) -> None:
        super().__init__(message, **values)
        self.field = field


class UnknownTrigger(InvalidInput):
    pass


class TransitionNotAllowed(DomainError):
    """The trigger exists but not from this stage; says what is allowed, so the client recovers."""

    def __init__(self, trigger: str, stage: StrEnum, allowed: list[str]) -> None:
        if allowed:
            super().__init__(
                N_(
                    "“%(step)s” cannot be recorded at the stage %(stage)s; now possible: "
                    "%(allowed)s."
                ),
                step=Step(trigger),
                stage=stage,
                allowed=[Step(name) for name in allowed],
            )
        else:
            super().__init__(
                N_("“%(step)s” cannot be recorded at the stage %(stage)s: the record is closed."),
                step=Step(trigger),
                stage=stage,
            )
        self.trigger = trigger
        self.current_stage = stage.value
        self.allowed = allowed


class GuardFailed(DomainError):
    """A fact the transition needs is missing or contradicts it; nothing was written."""

    def __init__(self, trigger: str, reason: Said | list[Said], guard: str | None = None) -> None:
        super().__init__(
            N_("“%(step)s” cannot be recorded: %(reason)s"), step=Step(trigger), reason=reason
        )
        self.trigger = trigger
        self.reason = reason
        self.guard = guard
        """the guard that refused, by name, for a page to say it in the reader's words"""


class StaleVersion(DomainError):
    """Someone else changed the record since the client read it."""

    def __init__(self, sent: int, current: int, record: str = "case") -> None:
        super().__init__(
            N_(
                "Someone changed this record since you opened it (you sent version %(sent)s, it "
                "is now version %(current)s): reload it and try again."
            ),
            sent=sent,
            current=current,
        )
        self.record = record
        self.sent = sent
        self.current = current


class Conflict(DomainError):
    """A uniqueness rule: the same reference or court number is already registered."""


class NotNow(DomainError):
    """The record's present state rules the request out (adjourning a vacated hearing)."""


class SignInRefused(DomainError):
    """One message for every reason, so an answer never tells whether an account exists."""

    def __init__(self) -> None:
        super().__init__(N_("The username or password is wrong, or the account is disabled."))


class TooManyAttempts(DomainError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(
            N_("Too many failed sign-ins: wait %(seconds)s seconds before trying again."),
            seconds=retry_after,
        )
        self.retry_after = retry_after


class NotInList(InvalidInput):
    """A name that must come from a list (a county, a violation) and does not: `near` holds
    the nearest names of the list, for a page to offer in the reader's language."""

    def __init__(self, message: str, field: str, near: list[str], **values: object) -> None:
        super().__init__(message, field, **values)
        self.near = near
