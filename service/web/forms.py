"""Forms read into the API's own input shapes, so a page and the API refuse the same input
with the same words; each refusal is kept beside the field it is about."""

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import msgspec
from litestar.datastructures import FormMultiDict

from domain.errors import (
    DomainError,
    InvalidInput,
    StaleVersion,
    TooManyAttempts,
    TransitionNotAllowed,
)
from service.amounts import dec_hook
from service.errors import STATUS

T = TypeVar("T")
GENERAL = "_"
"""where an error about the whole form is kept"""
_AT_FIELD = re.compile(r" - at `\$\.(\w+)[^`]*`")
_MISSING = re.compile(r"missing required field `(\w+)`")
_MINUTES_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
YES, NO = "yes", "no"


@dataclass
class Refusal:
    """What the person typed, and what was wrong with it, field by field."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    status_code: int = 422
    stale: bool = False
    """refused because the record changed since the page was drawn (another tab, a colleague)"""

    @property
    def general(self) -> str:
        return self.errors.get(GENERAL, "")


def typed(form: FormMultiDict) -> dict[str, str]:
    """The form as typed, without the form token: what a refused form is filled with again."""
    return {k: v for k, v in form.items() if isinstance(v, str) and not k.startswith("_")}


def _value(text: str) -> Any:
    if text in (YES, NO):
        return text == YES
    if _MINUTES_ONLY.match(text):
        return text + ":00"  # a browser's datetime-local has no seconds
    return text


def read(values: Mapping[str, str], shape: type[T], **fixed: Any) -> T:
    """The API's input class from a form: blank fields are left out, as a JSON client would;
    raises `Refused` with the API's own message on the field it is about."""
    data = {k: _value(v.strip()) for k, v in values.items() if k in shape.__struct_fields__}  # type: ignore[attr-defined]
    data = {k: v for k, v in data.items() if v != ""} | fixed
    try:
        return msgspec.convert(data, shape, strict=False, dec_hook=dec_hook)
    except msgspec.ValidationError as error:
        found = _AT_FIELD.search(str(error)) or _MISSING.search(str(error))
        message = _AT_FIELD.sub("", str(error))
        raise Refused(dict(values), {found.group(1) if found else GENERAL: message}, 400) from None


class Refused(Exception):
    def __init__(self, values: dict[str, str], errors: dict[str, str], status: int) -> None:
        super().__init__(errors)
        self.refusal = Refusal(values, errors, status)


def refusal(values: Mapping[str, str], error: DomainError, status: int) -> Refusal:
    """A refusal of the use case, beside its field when it names one, else over the form."""
    where = error.field if isinstance(error, InvalidInput) and error.field else GENERAL
    if isinstance(error, TransitionNotAllowed | TooManyAttempts):
        where = GENERAL
    return Refusal(dict(values), {where: str(error)}, status, isinstance(error, StaleVersion))


def status_of(error: DomainError) -> int:
    """The HTTP status the API gives the same refusal (service/errors.py's one table)."""
    return next(entry[0] for kind, entry in STATUS.items() if isinstance(error, kind))


async def attempt(
    values: dict[str, str], act: Callable[[dict[str, str]], Awaitable[T]]
) -> T | Refusal:
    """Runs a form's use case on what was typed: its result, or the refusal to show beside the
    fields, with the status the API would give."""
    try:
        return await act(values)
    except Refused as error:
        return error.refusal
    except DomainError as error:
        return refusal(values, error, status_of(error))
