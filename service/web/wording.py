"""Refusals of the administration pages in the reader's language, naming the field by its label.

The input classes (msgspec) and the use cases refuse in the API's words; these pages put a
sentence from the catalog beside the field instead, so no field name or schema phrase reaches
a reader, and a password typed is never sent back into a page.
"""

from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

from litestar.params import QueryParameter

from domain.errors import Said
from notifications.i18n import translations
from service.web.forms import Refusal, Refused, read
from service.web.render import AnyRequest, language_of

T = TypeVar("T")
Gettext = Callable[[str], str]
SECRET_FIELDS = frozenset({"password"})
Done = Annotated[str, QueryParameter(max_length=20, pattern=r"^[a-z_]*$")]
"""what a page's last form did, to say so at the top"""


def gettext(request: AnyRequest) -> Gettext:
    return translations(language_of(request)).gettext


def kept(values: Mapping[str, str]) -> dict[str, str]:
    """What a refused form is filled with again: all it held but a password."""
    return {k: v for k, v in values.items() if k not in SECRET_FIELDS}


def read_in_words(
    values: Mapping[str, str],
    shape: type[T],
    sentences: Mapping[str, str],
    _: Gettext,
    **fixed: Any,
) -> T:
    """`read`, with a refusal on a field of `sentences` said by that field's sentence (a
    catalog msgid); one on any other field, or on the whole form, by its label."""
    try:
        return read(values, shape, **fixed)
    except Refused as error:
        said = {
            field: _(sentences[field]) if field in sentences else message
            for field, message in error.errors.items()
        }
        raise Refused(kept(values), said, error.status) from None


def refuse(values: Mapping[str, str], field: str, sentence: str | Said, status: int) -> Refused:
    """A use case's refusal, said in the reader's language beside the field it is about (a
    `Said` is said in it when the page is drawn)."""
    return Refused(kept(values), {field: sentence}, status)


def without_secrets(refusal: Refusal) -> Refusal:
    return Refusal(kept(refusal.values), refusal.errors, refusal.status_code)
