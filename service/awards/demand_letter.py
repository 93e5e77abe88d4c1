"""HTTP routes of the demand letter to the Attorney General, for one award or a whole case, in
English or Swahili, as plain text, HTML or a PDF for A4."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from litestar import Request, Response, get
from litestar.openapi.spec import OpenAPIResponse, Operation
from litestar.params import FromPath, QueryParameter
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.errors import InvalidInput
from notifications.composed_letter import ComposedLetter
from notifications.i18n import Language
from notifications.rendering import LetterFormat, render, render_pdf
from service.auth.identity import SignedIn, actor_of
from service.awards.controller import AsOf, rules_of
from service.dependencies import Db
from service.letterhead import letter_rules
from service.openapi import responses
from service.usecases.awards.case_demand_letter import case_demand_letter
from service.usecases.awards.demand_letter import demand_letter
from service.web.letter_refused import case_letter_refused, letter_refused, wants_a_page

MEDIA = {
    LetterFormat.TEXT: "text/plain",
    LetterFormat.HTML: "text/html",
    LetterFormat.PDF: "application/pdf",
}
Lang = Annotated[Language, QueryParameter(description="en or sw")]
Format = Annotated[LetterFormat, QueryParameter(description="text, html or pdf")]


@dataclass
class LetterOperation(Operation):
    """Litestar documents one media type for a success; the letter has one per format."""

    def __post_init__(self) -> None:
        success = (self.responses or {}).get("200")
        if isinstance(success, OpenAPIResponse) and success.content:
            plain = success.content[MEDIA[LetterFormat.TEXT]]
            for form in (LetterFormat.HTML, LetterFormat.PDF):
                success.content[MEDIA[form]] = plain


def answer(letter: ComposedLetter, form: LetterFormat, name: str) -> Response[Any]:
    """The letter in its format; a PDF comes as a file named after our reference's kind of
    letter, never after a name or a court number (a file name is seen by more eyes)."""
    if form is LetterFormat.PDF:
        disposition = {"Content-Disposition": f'inline; filename="{name}.pdf"'}
        return Response(render_pdf(letter), media_type=MEDIA[form], headers=disposition)
    return Response(render(letter, form), media_type=MEDIA[form])


def settings_of(request: Request[Any, Any, Any]) -> Any:
    return request.app.state.settings


def letter_route(path: str, summary: str, description: str) -> get:
    """A letter's GET route: the same formats, answers and documentation for either letter."""
    return get(
        path,
        tags=["awards"],
        media_type=MEDIA[LetterFormat.TEXT],
        operation_class=LetterOperation,
        response_description="The letter: text/plain, text/html with format=html, a PDF with pdf",
        responses=responses(400, 401, 403, 404, 422),
        summary=summary,
        description=description,
    )


Writer = Callable[..., Awaitable[ComposedLetter]]
Refused = Callable[
    [Request[Any, Any, Any], AsyncSession, uuid.UUID, InvalidInput], Awaitable[Response[str]]
]


async def written(
    db: AsyncSession,
    request: SignedIn,
    record_id: uuid.UUID,
    write: Writer,
    refused: Refused,
    *,
    as_of: date | None,
    lang: Language,
    form: LetterFormat,
    name: str,
) -> Response[Any]:
    """Either letter, written by `write` for the award or case and answered in its format.
    Refused, a program gets the problem details, and a person who followed a page's link a
    page saying why (`refused`), not problem JSON."""
    try:
        letter = await write(
            db,
            actor_of(request),
            record_id,
            as_of=as_of,
            language=lang,
            rules=rules_of(request),
            letter_rules=letter_rules(settings_of(request)),
        )
    except InvalidInput as error:
        if not wants_a_page(request):
            raise
        return await refused(request, db, record_id, error)
    return answer(letter, form, name)


@letter_route(
    "/awards/{award_id:uuid}/demand-letter",
    summary="The demand letter to the Attorney General, with the statement of sums due",
    description=(
        "Dated `as_of` (default: today in Nairobi), in English or Swahili (`lang`), as plain "
        "text, HTML or a PDF for A4 (`format`). It names the decree holder: each read is "
        "audited."
    ),
)
async def demand_letter_to_the_ag(
    db: Db,
    request: SignedIn,
    award_id: FromPath[uuid.UUID],
    as_of: AsOf = None,
    lang: Lang = Language.EN,
    format: Format = LetterFormat.TEXT,
) -> Response[Any]:
    return await written(
        db,
        request,
        award_id,
        demand_letter,
        letter_refused,
        as_of=as_of,
        lang=lang,
        form=format,
        name="demand-letter",
    )


@letter_route(
    "/cases/{case_id:uuid}/demand-letter",
    summary="One demand letter for every award of the case that may be demanded",
    description=(
        "Every award of the case certified by `as_of` with something outstanding, one "
        "statement per decree holder and the case's totals; copied to each accounting officer "
        "on record. Refused when no award may be demanded. Each read is audited on the case."
    ),
)
async def case_demand_letter_to_the_ag(
    db: Db,
    request: SignedIn,
    case_id: FromPath[uuid.UUID],
    as_of: AsOf = None,
    lang: Lang = Language.EN,
    format: Format = LetterFormat.TEXT,
) -> Response[Any]:
    return await written(
        db,
        request,
        case_id,
        case_demand_letter,
        case_letter_refused,
        as_of=as_of,
        lang=lang,
        form=format,
        name="demand-letter-case",
    )
