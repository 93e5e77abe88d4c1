"""Errors of the domain, each saying in words a lawyer understands what was refused and why."""


class DomainError(Exception):
    """Base of every refusal the domain makes; the service maps each kind to an HTTP status."""


class NotFound(DomainError):
    pass


class InvalidInput(DomainError):
    """Input that is well-formed but not acceptable (a future date, an unknown survivor)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class UnknownTrigger(InvalidInput):
    pass


class TransitionNotAllowed(DomainError):
    """The trigger exists but not from this stage; says what is allowed, so the client recovers."""

    def __init__(self, trigger: str, stage: str, allowed: list[str]) -> None:
        allowed_text = ", ".join(allowed) if allowed else "none (the case is closed)"
        super().__init__(
            f"'{trigger}' is not allowed while the case is at stage '{stage}'; "
            f"allowed now: {allowed_text}"
        )
        self.trigger = trigger
        self.current_stage = stage
        self.allowed = allowed


class GuardFailed(DomainError):
    """A fact the transition needs is missing or contradicts it; nothing was written."""

    def __init__(self, trigger: str, reason: str, guard: str | None = None) -> None:
        super().__init__(f"cannot {trigger.replace('_', ' ')}: {reason}")
        self.trigger = trigger
        self.reason = reason
        self.guard = guard
        """the guard that refused, by name, for a page to say it in the reader's words"""


class StaleVersion(DomainError):
    """Someone else changed the record since the client read it."""

    def __init__(self, sent: int, current: int, record: str = "case") -> None:
        super().__init__(
            f"the {record} has changed since you read it (you sent version {sent}, it is now "
            f"version {current}); reload it and try again"
        )
        self.sent = sent
        self.current = current


class Conflict(DomainError):
    """A uniqueness rule: the same reference or court number is already registered."""


class NotNow(DomainError):
    """The record's present state rules the request out (adjourning a vacated hearing)."""


class SignInRefused(DomainError):
    """One message for every reason, so an answer never tells whether an account exists."""

    def __init__(self) -> None:
        super().__init__("the username or password is wrong, or the account is disabled")


class TooManyAttempts(DomainError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"too many failed sign-ins: wait {retry_after} seconds before trying again"
        )
        self.retry_after = retry_after


class NotInList(InvalidInput):
    """A name that must come from a list (a county, a violation) and does not: `near` holds
    the nearest names of the list, for a page to offer in the reader's language."""

    def __init__(self, message: str, field: str, near: list[str]) -> None:
        super().__init__(message, field)
        self.near = near
