"""The demand letter refused to a browser: a page with the sentence, never problem JSON.

A person follows the letter's link from the ledger; the API route answers a program with its
problem details, and a browser (asking for text/html first) with this page in its language.
"""

import uuid
from typing import Any

from litestar import Request, Response
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.awards import Award, AwardStage
from domain.errors import InvalidInput
from notifications.i18n import N_, translations
from service.auth.browser import is_page
from service.usecases.awards.demand_letter import demandable
from service.usecases.awards.orders import get_award
from service.web.forms import status_of
from service.web.render import language_of, page

HTML, JSON = "text/html", "application/json"
NOT_CERTIFIED = N_(
    "A demand letter can be written once the certificate of order against the Government is "
    "issued: record it on the case page first."
)
WHY_NOT = {
    AwardStage.STAYED: N_("No demand letter can be written while execution is stayed."),
    AwardStage.PAID_IN_FULL: N_("No demand letter is needed: the award is paid in full."),
    AwardStage.DISBURSED: N_("No demand letter is needed: the award is paid in full."),
    AwardStage.SET_ASIDE: N_("No demand letter can be written: the award was set aside."),
    AwardStage.WRITTEN_OFF: N_("No demand letter can be written: the award was written off."),
}
NONE_IN_CASE = N_(
    "No demand letter can be written for this case on that day: none of its awards has a "
    "certificate of order against the Government issued by then with something outstanding."
)
NOT_DATED_AHEAD = N_("A demand letter is dated today or an earlier day, never a future one.")
NOT_ON_THAT_DAY = N_(
    "No demand letter can be written for this award on that day: it is dated between the "
    "certificate of order and today, while something is outstanding."
)


def wants_a_page(request: Request[Any, Any, Any]) -> bool:
    """Asked at its /web address (a page's link), or by a browser asking for text/html first."""
    if is_page(request.route_handler):
        return True
    return request.accept.best_match([JSON, HTML], default=JSON) == HTML


def why_no_letter(award: Award) -> str:
    """The catalog message saying why this award has no demand letter (on the day asked)."""
    if not demandable(award):
        return WHY_NOT.get(award.stage, NOT_CERTIFIED)
    return NOT_ON_THAT_DAY


async def letter_refused(
    request: Request[Any, Any, Any], db: AsyncSession, award_id: uuid.UUID, error: InvalidInput
) -> Response[str]:
    """The award's letter refused: why this award has no letter (on the day asked)."""
    return _refused(request, error, why_no_letter(await get_award(db, award_id)))


async def case_letter_refused(
    request: Request[Any, Any, Any], db: AsyncSession, case_id: uuid.UUID, error: InvalidInput
) -> Response[str]:
    """The case's letter refused: a future date, or no award of the case may be demanded (the
    same shape as the award's, so one route helper serves both)."""
    return _refused(request, error, NOT_DATED_AHEAD if error.field == "as_of" else NONE_IN_CASE)


def _refused(request: Request[Any, Any, Any], error: InvalidInput, sentence: str) -> Response[str]:
    status = status_of(error)
    words = translations(language_of(request)).gettext(sentence)
    return page(request, "refused.html", status, status=status, detail=words, reason=0)
