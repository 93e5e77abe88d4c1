"""HTTP route of the demand letter to the Attorney General, in English or Swahili."""

import uuid
from dataclasses import dataclass
from typing import Annotated

from litestar import Response, get
from litestar.openapi.spec import OpenAPIResponse, Operation
from litestar.params import FromPath, QueryParameter

from domain.errors import InvalidInput
from notifications.i18n import Language
from notifications.rendering import LetterFormat
from service.auth.identity import SignedIn, actor_of
from service.awards.controller import AsOf, rules_of
from service.dependencies import Db
from service.openapi import responses
from service.usecases.awards.demand_letter import LetterRules, demand_letter
from service.usecases.awards.orders import get_award
from service.web.letter_refused import letter_refused, wants_a_page

MEDIA = {LetterFormat.TEXT: "text/plain", LetterFormat.HTML: "text/html"}


@dataclass
class LetterOperation(Operation):
    """Litestar documents one media type for a success; the letter has one per format."""

    def __post_init__(self) -> None:
        success = (self.responses or {}).get("200")
        if isinstance(success, OpenAPIResponse) and success.content:
            plain = success.content[MEDIA[LetterFormat.TEXT]]
            success.content[MEDIA[LetterFormat.HTML]] = plain


@get(
    "/awards/{award_id:uuid}/demand-letter",
    tags=["awards"],
    media_type=MEDIA[LetterFormat.TEXT],
    operation_class=LetterOperation,
    response_description="The letter: text/plain, or text/html with format=html",
    responses=responses(400, 401, 403, 404, 422),
    summary="The demand letter to the Attorney General, with the statement of sums due",
    description=(
        "Dated `as_of` (default: today in Nairobi), in English or Swahili (`lang`), as plain "
        "text or HTML (`format`). It names the decree holder: each read is audited."
    ),
)
async def demand_letter_to_the_ag(
    db: Db,
    request: SignedIn,
    award_id: FromPath[uuid.UUID],
    as_of: AsOf = None,
    lang: Annotated[Language, QueryParameter(description="en or sw")] = Language.EN,
    format: Annotated[LetterFormat, QueryParameter(description="text or html")] = LetterFormat.TEXT,
) -> Response[str]:
    settings = request.app.state.settings
    try:
        letter = await demand_letter(
            db,
            actor_of(request),
            award_id,
            as_of=as_of,
            language=lang,
            form=format,
            rules=rules_of(request),
            letter_rules=LetterRules(settings.demand_days, settings.organisation),
        )
    except InvalidInput as error:
        if not wants_a_page(request):
            raise
        # followed from a page: the reason as a page to read, not problem details
        return letter_refused(request, await get_award(db, award_id), error)
    return Response(letter, media_type=MEDIA[format])
