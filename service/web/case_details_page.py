"""Changing a case's title, station, respondents and lead counsel from the browser.

The form is read into the API's `CaseDetailsIn` and calls the same use case as
`PATCH /cases/{id}`, with the version the page was drawn from: when someone changed the case
meanwhile, the page says when, shows the case as it is now, and keeps what was typed (with
the new version, so sending it again puts it over the other change knowingly).
"""

import uuid
from datetime import datetime
from typing import Any

from litestar import Controller, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from domain.base import utcnow
from domain.calendar import NAIROBI
from domain.cases import Case
from domain.errors import StaleVersion
from domain.stations import STATIONS
from notifications.formatting import clock_time, long_date
from notifications.i18n import N_, Language
from service.auth.browser import PAGE
from service.auth.identity import SignedIn, actor_of
from service.cases.schemas import CaseDetailsIn
from service.dependencies import Db
from service.usecases.cases import case_details, register
from service.web.case_view import end_reads
from service.web.forms import GENERAL, Refusal, attempt, typed
from service.web.new_case import lines
from service.web.render import language_of, page
from service.web.wording import Gettext, gettext, read_in_words, refuse

SENTENCES = {
    "title": N_("Give the title of the case, e.g. Otieno v Inspector-General of Police."),
    "court_station": N_("Choose from the Judiciary's list of stations, e.g. Nairobi (Milimani)"),
    "respondents": N_("Give at least one respondent, one a line."),
    "lead_counsel": N_("Give the name of lead counsel."),
}
STALE = N_("Someone changed this case at %(time)s; here it is now.")


def as_typed(case: Case) -> dict[str, str]:
    return {
        "version": str(case.version),
        "title": case.title,
        "court_station": case.court_station,
        "respondents": "\n".join(case.respondents),
        "lead_counsel": case.lead_counsel,
    }


def _at(moment: datetime | None, language: Language) -> str:
    """The time alone when it was today in Nairobi, else the day and the time."""
    if moment is None:
        return "?"
    local = moment.astimezone(NAIROBI)
    time = clock_time(local, language)
    if local.date() == utcnow().astimezone(NAIROBI).date():
        return time
    return f"{long_date(local.date(), language)}, {time}"


async def edit_page(
    db: Db, request: SignedIn, case_id: uuid.UUID, form: Refusal | None = None
) -> Response[str]:
    await end_reads(db)
    case = await register.get_case(db, case_id)
    return page(
        request,
        "case_edit.html",
        form.status_code if form else 200,
        case=case,
        form=form or Refusal(as_typed(case)),
        stations=STATIONS,
    )


async def _stale(
    db: Db, case_id: uuid.UUID, values: dict[str, str], _: Gettext, lang: Language
) -> Exception:
    await end_reads(db)
    moment = await case_details.last_changed(db, case_id)
    current = await register.get_case(db, case_id)
    sentence = _(STALE) % {"time": _at(moment, lang)}
    return refuse(values | {"version": str(current.version)}, GENERAL, sentence, 409)


class CaseDetailsPage(Controller):
    path = "/web/cases/{case_id:uuid}/edit"
    opt = {PAGE: True}  # noqa: RUF012

    @get()
    async def edit_form(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> Response[str]:
        return await edit_page(db, request, case_id)

    @post()
    async def change_details(
        self, db: Db, request: SignedIn, case_id: FromPath[uuid.UUID]
    ) -> Response[Any]:
        _ = gettext(request)

        async def change(values: dict[str, str]) -> str:
            given = {"respondents": lines(values["respondents"])} if "respondents" in values else {}
            data = read_in_words(values, CaseDetailsIn, SENTENCES, _, **given)
            try:
                await case_details.change_details(db, actor_of(request), case_id, data.details())
            except StaleVersion:
                raise await _stale(db, case_id, values, _, language_of(request)) from None
            return "details"

        done = await attempt(typed(await request.form()), change, language_of(request))
        if isinstance(done, Refusal):
            return await edit_page(db, request, case_id, done)
        return Redirect(f"/web/cases/{case_id}?done={done}#stage", status_code=303)
