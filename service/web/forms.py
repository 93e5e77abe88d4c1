"""Forms read into the API's own input shapes, so a page and the API refuse the same input
with the same words; each refusal is kept beside the field it is about."""

import re
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import msgspec
from litestar.datastructures import FormMultiDict

from domain.errors import (
    DomainError,
    InvalidInput,
    Said,
    StaleVersion,
    TooManyAttempts,
    TransitionNotAllowed,
)
from notifications.i18n import Language
from service.amounts import dec_hook
from service.errors import STATUS
from service.web.decoding import decode_refusal
from service.web.said import said

T = TypeVar("T")
GENERAL = "_"
"""where an error about the whole form is kept"""
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
    raises `Refused` with a sentence naming the field by its label beside it."""
    data = {k: _value(v.strip()) for k, v in values.items() if k in shape.__struct_fields__}  # type: ignore[attr-defined]
    data = {k: v for k, v in data.items() if v != ""} | fixed
    try:
        return msgspec.convert(data, shape, strict=False, dec_hook=dec_hook)
    except msgspec.ValidationError as error:
        where, sentence = decode_refusal(str(error))
        drawn = {*values, *fixed}  # a field the page read itself (ticked boxes) is drawn too
        raise Refused(dict(values), {_beside(where, drawn): sentence}, 400) from None


class Refused(Exception):
    """A form refused before or by its use case: sentences (or catalog sentences still to be
    said in the reader's language) beside the fields they are about."""

    def __init__(
        self, values: dict[str, str], errors: Mapping[str, str | Said], status: int
    ) -> None:
        super().__init__(errors)
        self.values, self.errors, self.status = values, dict(errors), status

    def said_in(self, language: Language) -> Refusal:
        return Refusal(self.values, _in(self.errors, language), self.status)


def _in(errors: Mapping[str, str | Said], language: Language) -> dict[str, str]:
    return {k: v if isinstance(v, str) else said(v, language) for k, v in errors.items()}


def _beside(field: str | None, values: Collection[str]) -> str:
    """Beside the field when the form has it, else over the form: a refusal about a field the
    form does not show (the API's name for it) is never lost."""
    return field if field and field in values else GENERAL


def refusal(
    values: Mapping[str, str], error: DomainError, status: int, language: Language
) -> Refusal:
    """A refusal of the use case in the reader's language, beside its field when it names
    one, else over the form."""
    where = _beside(error.field if isinstance(error, InvalidInput) else None, values)
    if isinstance(error, TransitionNotAllowed | TooManyAttempts):
        where = GENERAL
    sentence = said(error, language)
    return Refusal(dict(values), {where: sentence}, status, isinstance(error, StaleVersion))


def status_of(error: DomainError) -> int:
    """The HTTP status the API gives the same refusal (service/errors.py's one table)."""
    return next(entry[0] for kind, entry in STATUS.items() if isinstance(error, kind))


async def attempt(
    values: dict[str, str], act: Callable[[dict[str, str]], Awaitable[T]], language: Language
) -> T | Refusal:
    """Runs a form's use case on what was typed: its result, or the refusal to show beside the
    fields in the reader's language, with the status the API would give."""
    try:
        return await act(values)
    except Refused as error:
        return error.said_in(language)
    except DomainError as error:
        return refusal(values, error, status_of(error), language)
